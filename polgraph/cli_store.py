"""`polgraph store`: start, stop, check, reset and inspect the embedded FalkorDB server."""
from __future__ import annotations

import sys

import click

from polgraph.api import PolGraph
from polgraph.cli_options import echo_rows, graph, store_option, user_errors
from polgraph.core import settings


@click.group()
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

