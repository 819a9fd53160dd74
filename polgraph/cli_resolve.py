"""`polgraph resolve`: find duplicate actors and judge them, kept in the judgements file."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import click

from polgraph.cli_options import echo_rows, format_option, graph, judgements_option, store_option, user_errors
from polgraph.core.records import ENTITY_TYPES


@click.group()
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
