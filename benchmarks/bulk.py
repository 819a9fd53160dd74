"""Claims per second of `polgraph load` into a fresh embedded store: the bulk path (GRAPH.BULK).

    python benchmarks/bulk.py [--actors 100000] [--claims 500000] [--batch 200]

Writes the synthetic graph of `synth.py` (the one `bench.py` loads through the MERGE path:
Zipf-popular objects, ten claims an article, full provenance) as Parquet tables, one part per
`--batch` articles as `extract --format parquet` writes them, then times the `polgraph load`
command in a process of its own on a fresh embedded store whose server is already up. The
tables are written before the clock starts; reading them is part of the load. The last line
is one JSON object: the figures, the server's CPU seconds, and the load average at the end.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import POLGRAPH, archive_size, cpu_seconds, machine, run_timed, scratch_home  # noqa: E402
from synth import SyntheticGraph  # noqa: E402

from polgraph.graph import tables  # noqa: E402
from polgraph.graph.embedded import EmbeddedServer  # noqa: E402


def run(actors: int, claims: int, batch: int) -> dict:
    work = scratch_home()
    home, folder = work / "h", work / "tables"
    try:
        parts = 0
        for parts, b in enumerate(SyntheticGraph(actors, claims).batches(batch), start=1):
            tables.write_part(folder, parts - 1, b.articles, b.entities, b.relations)
        server = EmbeddedServer(home)
        server.start()
        before = cpu_seconds(server.pid())
        wall, rss, out = run_timed([POLGRAPH, "load", str(folder), "--format", "json"], {"POLGRAPH_HOME": str(home)})
        report = json.loads(out)
        return {"actors": actors, "claims": claims, "parts": parts, "method": report["method"],
                "entities": report["entities"], "relations": report["relations"], "load_s": round(wall, 2),
                "claims_per_s": round(report["relations"] / wall), "client_peak_rss_mb": round(rss),
                "server_cpu_s": round(cpu_seconds(server.pid()) - before, 2), **machine()}
    finally:
        EmbeddedServer(home).stop()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    args = archive_size(__doc__.split("\n\n")[0])
    result = run(args.actors, args.claims, args.batch)
    print(f"{result['relations']:,} claims, {result['entities']:,} actors ({result['method']}): "
          f"{result['load_s']} s, {result['claims_per_s']:,} claims/s; load average {result['load_average']}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
