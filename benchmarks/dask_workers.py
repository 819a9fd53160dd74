"""Ingest articles per second with 1 and with 2 Dask workers (LocalCluster, one thread each).

    python benchmarks/dask_workers.py                      # the 220-article benchmark set, 1 and 2 workers
    python benchmarks/dask_workers.py --articles 20 --json # a quick check that it runs

The articles are `bench.py`'s: the first N of ../shared/corpus/bbc-politics, replicated under
new names when more are asked for. For each worker count, a LocalCluster of that many
processes is started here and every worker loads the pipeline (through polgraph's worker
plugin) before the clock starts, so what is timed is the steady state an archive sees:
`PolGraph.ingest(..., cluster=ADDRESS)` into a fresh embedded store, reading, parse on the
workers, resolution and load here, all included. The target is >= 1.7x the articles per
second of one worker with two; on busy cores the figure says nothing (see docs/scaling.md).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")  # read when Dask is imported: no chatter

from distributed import Client, LocalCluster  # noqa: E402

from bench import corpus_copy, machine, scratch_home  # noqa: E402
from polgraph.api import PolGraph  # noqa: E402
from polgraph.core.settings import extractor_name, model_name  # noqa: E402
from polgraph.graph.embedded import EmbeddedServer  # noqa: E402
from polgraph.ingest.cluster import PipelinePlugin  # noqa: E402


def time_workers(corpus: Path, articles: int, workers: int, model: str) -> dict[str, Any]:
    """Articles per second of one ingest of `corpus` on a warm LocalCluster of `workers` processes."""
    home = scratch_home()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster, \
            Client(cluster) as client:
        client.register_plugin(PipelinePlugin(model, (), extractor_name()))  # every worker loads the pipeline, untimed
        try:
            with PolGraph.open(None, home=home, model=model) as g:
                g.store.run("RETURN 1")  # the embedded server started, untimed
                start = time.perf_counter()
                report = g.ingest([corpus], cluster=cluster.scheduler_address)
                wall = time.perf_counter() - start
        finally:
            EmbeddedServer(home).stop()
            shutil.rmtree(home, ignore_errors=True)
    if report.ingested != articles or report.failed:
        raise SystemExit(f"{workers} workers: ingested {report.ingested} of {articles}; {report.failed[:3]}")
    return {"workers": workers, "articles": articles, "ingest_s": round(wall, 2),
            "articles_per_s": round(articles / wall, 2), "relations": report.relations}


def run(args: argparse.Namespace) -> dict[str, Any]:
    work = scratch_home()
    try:
        corpus = corpus_copy(args.articles, work / "corpus")
        runs = [time_workers(corpus, args.articles, n, args.model) for n in args.workers]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    base = runs[0]["articles_per_s"]
    for r in runs:
        r["speedup"] = round(r["articles_per_s"] / base, 2)
    return {"machine": machine(), "model": args.model, "runs": runs}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=220, help="articles of the benchmark set to ingest")
    ap.add_argument("--workers", type=lambda s: [int(n) for n in s.split(",")], default=[1, 2],
                    help="worker counts to time, comma-separated; speedups are against the first")
    ap.add_argument("--model", default=model_name(), help="spaCy pipeline")
    ap.add_argument("--json", action="store_true", help="end with the result as one JSON line")
    args = ap.parse_args()
    result = run(args)
    m = result["machine"]
    print(f"{m['cpu']}, {m['cores']} cores, load average {m['load_average']}")
    for r in result["runs"]:
        print(f"{r['workers']} worker(s): {r['articles']} articles in {r['ingest_s']} s = "
              f"{r['articles_per_s']} articles/s, {r['speedup']}x")
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
