"""How long views and exports take on a synthetic graph of a real archive's shape, and how long
headless Chromium takes to draw and settle a capped page.

    python benchmarks/views_exports.py --actors 5000 --claims 50000

Prints one JSON document. Needs `chromium` for the drawing time (tests/setup.sh installs it).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bench import build, scratch_home  # noqa: E402
from synth import SyntheticGraph  # noqa: E402

from polgraph.api import PolGraph  # noqa: E402
from polgraph.graph.embedded import EmbeddedServer  # noqa: E402
from polgraph.graph.export import EXPORT_FORMATS  # noqa: E402


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return round(time.perf_counter() - start, 2), value


def draw_seconds(page: Path) -> float | None:
    """Seconds from navigation until the page's layout has settled, in headless Chromium."""
    from browser import CHROMIUM, Browser

    if CHROMIUM is None:
        return None
    with Browser() as b:
        start = time.perf_counter()
        b.open(page)
        b.wait_until("document.body.dataset.settled === 'true'", timeout=600)
        return round(time.perf_counter() - start, 2)


def run(actors: int, claims: int, top: int) -> dict[str, Any]:
    home, out = scratch_home(), Path(tempfile.mkdtemp(prefix="pgvx-"))
    try:
        with PolGraph.open(None, home=home) as g:
            report: dict[str, Any] = {"actors": actors, **build(g, SyntheticGraph(actors, claims), 1000)}
            hub = g.store.run("MATCH (e:Entity)<-[r]-() RETURN e.name AS name, count(r) AS c "
                              "ORDER BY c DESC LIMIT 1")[0]["name"]
            page = out / "top.html"
            report["view_top_s"], html = timed(lambda: g.view(top=top, output=page))
            report["view_top_bytes"] = len(html.encode("utf-8"))
            report["view_top_note"] = html.note
            report["view_around_hub_s"], _ = timed(lambda: g.view(around=hub, output=out / "hub.html"))
            report["chromium_settle_top_s"] = draw_seconds(page)
            for fmt in EXPORT_FORMATS:
                target = out / (fmt if fmt == "csv" else f"graph.{fmt}")
                report[f"export_{fmt}_s"], _ = timed(lambda: g.export(fmt, target))
        return report
    finally:
        EmbeddedServer(home).stop()
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--claims", type=int, default=50000)
    parser.add_argument("--top", type=int, default=200, help="actors on the capped page")
    args = parser.parse_args()
    print(json.dumps(run(args.actors, args.claims, args.top), indent=2))


if __name__ == "__main__":
    main()
