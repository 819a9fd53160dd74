"""`polgraph demo`: the bundled sample corpus, end to end, on an embedded store of its own.

The sample is 2018 and 2005 news: loaded into the user's store it would mix into their
own analysis. The demo keeps it under `demo` in POLGRAPH_HOME, with its own judgements
file, whatever POLGRAPH_STORE says, and tells the user how to query it.
"""
from __future__ import annotations

import shlex
from importlib import resources
from pathlib import Path
from typing import Callable

from polgraph.core import settings
from polgraph.api import PolGraph
from polgraph.graph.embedded import EmbeddedServer
from polgraph.judgements import DEFAULT_NAME
from polgraph.output import render

SHOWN = ("critics_of", "supporters_of", "resignations")


def sample_corpus() -> Path:
    """The folder of sample articles installed with polgraph."""
    return Path(str(resources.files("polgraph").joinpath("sample")))


def run_demo(output: Path, echo: Callable[[str], None]) -> None:
    """Ingest the sample into the demo's store, print counts and a few template answers, write a view."""
    home = settings.demo_home()
    with demo_graph(home) as g:
        report = g.ingest([sample_corpus()])
        info = g.info()
        counts = info["counts"]
        echo(f"store: {info['store']} (the demo's own; your store is left as it was)")
        echo(f"ingested {report.ingested} articles ({report.skipped} already stored): "
             f"{counts['nodes']} nodes, {counts['relationships']} relationships, {counts['articles']} articles\n")
        templates = {t["name"]: t for t in g.templates()}
        for name in SHOWN:
            params = {k: v["example"] for k, v in templates[name]["params"].items() if v.get("example") is not None}
            shown = ", ".join(f"{k}={v!r}" for k, v in params.items())
            echo(f"$ polgraph query {name}  ({shown})")
            rows = g.query(name, **params)
            echo(render([{k: r[k] for k in list(r)[:4]} for r in rows[:5]], "table") + "\n")
        g.view(output=output)
    EmbeddedServer(home).stop()  # no second server left running; the next command on it starts it again
    echo(f"wrote {output}: open it in a browser to explore the graph")
    echo(f"to query the demo's store, run commands with {demo_env(home)} in front, e.g.\n"
         f"  {demo_env(home)} polgraph query critics_of -p name='Jon Lansman'")


def demo_graph(home: Path) -> PolGraph:
    """A PolGraph on the embedded store under `home`, never on POLGRAPH_STORE or the user's judgements."""
    g = PolGraph(None, home=home, judgements=home / DEFAULT_NAME)
    g.store_uri = None  # POLGRAPH_STORE names the user's store, not the demo's
    return g


def demo_env(home: Path) -> str:
    """The environment that points a polgraph command at the demo's store."""
    unset = "POLGRAPH_STORE= " if settings.store_uri() else ""
    return f"{unset}POLGRAPH_HOME={shlex.quote(str(home))}"
