"""The `polgraph` command: each subcommand is a thin layer over one `PolGraph` method.

The shared options are in `cli_options`, the `resolve` and `store` groups in `cli_resolve` and
`cli_store`; they are added to `main` here, so `polgraph.cli:main` and `python -m polgraph.cli`
have every command."""
from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

import click

from polgraph.analysis import CENTRALITY_ORDERS
from polgraph.api import VIEW_TOP
from polgraph.cli_options import (echo_rows, format_option, graph, judgements_option, nlp_options, param,
                                  read_options, store_option, tell_skipped, user_errors, warn, workers_options)
from polgraph.cli_resolve import resolve
from polgraph.cli_store import store
from polgraph.graph.export import EXPORT_FORMATS
from polgraph.output import FORMATS


class WarningFormatter(logging.Formatter):
    """A log record as one line on stderr, "warning: " and its message's first line: no
    traceback, even when a library logs one (Dask's comms closing under a worker that failed)."""

    def format(self, record: logging.LogRecord) -> str:
        return "warning: " + next(iter(record.getMessage().splitlines()), "")


@click.group()
@click.version_option(package_name="polgraph")
def main() -> None:
    """Turn political news into a sourced knowledge graph of political actors."""
    handler = logging.StreamHandler()
    handler.setFormatter(WarningFormatter())
    logging.basicConfig(handlers=[handler], level=logging.WARNING)
    # Dask's own chatter (workers starting, closing) is no warning of ours; its errors still show.
    # Through the environment, read when Dask is imported, so LocalCluster's workers inherit it.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@store_option
@nlp_options
@click.option("--batch-size", type=int, default=None, help="Rows per write (default POLGRAPH_BATCH_SIZE or 1000).")
@click.option("--min-confidence", type=float, default=0.0, show_default=True)
@workers_options
@judgements_option
@format_option
@read_options
@user_errors
def ingest(paths: tuple[str, ...], store: str | None, model: str | None, gazetteers: tuple[Path, ...],
           aliases: Path | None, extractor: str | None, batch_size: int | None, min_confidence: float, workers: int,
           cluster: str | None, judgements: Path | None, fmt: str, read: dict[str, Any]) -> None:
    """Read articles, extract actors and claims, and store them.

    PATHS are .txt, .html, .jsonl and .csv files, folders (read recursively), - for
    standard input, and http(s) URLs of article pages or RSS/Atom feeds.
    """
    from polgraph.progress import IngestBar, count_articles

    total = count_articles(paths) if sys.stderr.isatty() else None  # the bar only draws on a terminal
    with graph(store, model=model, batch_size=batch_size, judgements=judgements, gazetteers=gazetteers,
               aliases=aliases, extractor=extractor) as g, IngestBar(total) as bar:
        report = g.ingest(list(paths), min_confidence=min_confidence, on_error=warn, workers=workers,
                          cluster=cluster, progress=bar, **read)
    tell_skipped(report.duplicates)
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
@click.option("--format", "fmt", type=click.Choice((*FORMATS, "parquet")), default="json", show_default=True,
              help="parquet: the tables polgraph load reads, written to the folder -o names.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The folder of the Parquet tables (--format parquet only).")
@workers_options
@read_options
@user_errors
def extract(paths: tuple[str, ...], model: str | None, gazetteers: tuple[Path, ...], aliases: Path | None,
            extractor: str | None, min_confidence: float, fmt: str, output: Path | None, workers: int,
            cluster: str | None, read: dict[str, Any]) -> None:
    """Extraction alone, no store: articles, entities and relations. PATHS as for ingest."""
    if (fmt == "parquet") != (output is not None):
        raise click.UsageError("--format parquet writes a folder: give it with -o FOLDER (and -o only with parquet)")
    failed: list[str] = []
    g = graph(None, model=model, gazetteers=gazetteers, aliases=aliases, extractor=extractor)
    options = dict(min_confidence=min_confidence, workers=workers, cluster=cluster, on_error=lambda e: (failed.append(str(e)), warn(e)))
    if fmt == "parquet":
        report = g.extract_tables(list(paths), output, **options, **read)
        tell_skipped(report.duplicates)
        click.echo(f"wrote {output}: {report.ingested} articles, {report.entities} entities, "
                   f"{report.relations} relations", err=True)
    else:
        extraction = g.extract(list(paths), **options, **read)
        tell_skipped(extraction.duplicates)
        _print_extraction(extraction.to_json(), fmt)
    if failed:
        sys.exit(1)


def _print_extraction(doc: dict, fmt: str) -> None:
    """The extraction as JSON, or its relations as rows with the actors' names."""
    if fmt == "json":
        echo_rows(doc, "json")
        return
    names = {e["id"]: e["name"] for e in doc["entities"]}
    rows = [{"subject": names.get(r["subject"]), "type": r["type"], "object": names.get(r["object"]),
             "article": r["article"], "confidence": r["confidence"], "evidence": r["evidence"]}
            for r in doc["relations"]]
    echo_rows(rows, fmt)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@store_option
@click.option("--batch-size", type=int, default=None, help="Rows per write (default POLGRAPH_BATCH_SIZE or 1000).")
@judgements_option
@format_option
@user_errors
def load(folder: Path, store: str | None, batch_size: int | None, judgements: Path | None, fmt: str) -> None:
    """Load the Parquet tables of extract --format parquet: a bulk insert into an empty embedded store,
    else the idempotent MERGE path, batch by batch."""
    with graph(store, batch_size=batch_size, judgements=judgements) as g:
        report = g.load(folder)
    tell_skipped(report.duplicates)
    if fmt == "json":
        echo_rows(report.to_json(), "json")
    else:
        click.echo(f"loaded {report.ingested} articles ({report.method}), skipped {report.skipped} "
                   f"(already stored); {report.entities} entities, {report.relations} relations")


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
    kwargs = dict(param(p) for p in params)
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
        echo_rows(g.cypher(text, write=write, **dict(param(p) for p in params)), fmt)


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
        page = g.view(around=around, depth=depth, query=query, params=dict(param(p) for p in params),
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


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("polgraph-demo.html"),
              show_default=True)
@user_errors
def demo(output: Path) -> None:
    """Ingest the bundled sample corpus into the embedded store, show what it found, and draw it."""
    from polgraph.demo import run_demo

    run_demo(output, click.echo)


main.add_command(resolve)
main.add_command(store)


if __name__ == "__main__":
    main()
