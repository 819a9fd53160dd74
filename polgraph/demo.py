"""`polgraph demo`: the bundled sample corpus, end to end, on the embedded store."""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Callable

from polgraph.api import PolGraph
from polgraph.output import render

SHOWN = ("critics_of", "supporters_of", "resignations")


def sample_corpus() -> Path:
    """The folder of sample articles installed with polgraph."""
    return Path(str(resources.files("polgraph").joinpath("sample")))


def run_demo(output: Path, echo: Callable[[str], None]) -> None:
    """Ingest the sample, print counts and a few template answers, write a view of the graph."""
    with PolGraph.open(None) as g:
        report = g.ingest([sample_corpus()])
        info = g.info()
        counts = info["counts"]
        echo(f"store: {info['store']}")
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
    echo(f"wrote {output}: open it in a browser to explore the graph")
