"""Where the time of a bulk load goes, phase by phase, by CPU seconds of the client and the server.

    python benchmarks/bulk_phases.py [--actors 100000] [--claims 500000] [--batch 200]

The same synthetic tables as `bulk.py`, loaded in this process with `PolGraph.load` into a
fresh embedded store, with each phase of the bulk path timed: reading the Parquet parts,
folding them, writing the loader's CSV files, the `falkordb-bulk-loader` package turning
them into binary blocks and sending them (`GRAPH.BULK`), the fix-ups, store-wide merges,
marks, and the rest (schema, `title_lower`). For each: wall seconds, this process's CPU
seconds and the server's. CPU seconds hold up on a busy machine where wall seconds do not,
so the floor they set holds too: the package's encoding and the server's index build are
work no other phase can remove. The last line is one JSON object.
"""
from __future__ import annotations

import json
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import archive_size, cpu_seconds, machine, scratch_home  # noqa: E402
from synth import SyntheticGraph  # noqa: E402

from polgraph.api import PolGraph  # noqa: E402
from polgraph.graph import bulk, tables  # noqa: E402
from polgraph.graph.loader import Loader  # noqa: E402
from polgraph.resolver import Resolver  # noqa: E402

PHASES = {  # phase: (module, function)
    "read parts": (tables, "read_parts"),
    "fold": (bulk, "fold"),
    "write CSV": (bulk, "_write_files"),
    "package encode + GRAPH.BULK": (bulk, "_bulk"),
    "fix-ups": (bulk, "fix_up"),
    "store-wide merges (settle)": (Resolver, "settle"),
    "stored marks": (Loader, "mark_stored"),
}


class Clock:
    """Wall, client CPU and server CPU seconds per phase."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid = server_pid
        self.phases: dict[str, dict[str, float]] = {}

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        wall, cpu, server = time.perf_counter(), time.process_time(), cpu_seconds(self.server_pid)
        try:
            yield
        finally:
            row = self.phases.setdefault(name, {"wall_s": 0.0, "client_cpu_s": 0.0, "server_cpu_s": 0.0})
            row["wall_s"] += time.perf_counter() - wall
            row["client_cpu_s"] += time.process_time() - cpu
            row["server_cpu_s"] += cpu_seconds(self.server_pid) - server

    def wrap(self, name: str, fn: Callable) -> Callable:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.phase(name):
                out = fn(*args, **kwargs)
                return list(out) if name in ("read parts", "fix-ups") else out  # generators: time their work here
        return timed


def run(actors: int, claims: int, batch: int) -> dict:
    work = scratch_home()
    folder = work / "tables"
    try:
        for n, b in enumerate(SyntheticGraph(actors, claims).batches(batch)):
            tables.write_part(folder, n, b.articles, b.entities, b.relations)
        g = PolGraph(home=work / "h")
        g.store.run("RETURN 1")  # the server is up before the clock starts
        clock = Clock(g.store.server.pid())
        saved = {name: getattr(mod, fn) for name, (mod, fn) in PHASES.items()}
        try:
            for name, (mod, fn) in PHASES.items():
                setattr(mod, fn, clock.wrap(name, saved[name]))
            with clock.phase("whole load"):
                report = g.load(folder)
        finally:
            for name, (mod, fn) in PHASES.items():
                setattr(mod, fn, saved[name])
        g.close()
        whole = clock.phases["whole load"]
        named = {k: v for k, v in clock.phases.items() if k != "whole load"}
        named["schema, title_lower (the rest)"] = {k: whole[k] - sum(v[k] for v in named.values()) for k in whole}
        rows = {k: {m: round(x, 2) for m, x in v.items()} for k, v in named.items()}
        return {"actors": actors, "claims": report.relations, "method": report.method,
                "load_s": round(whole["wall_s"], 2), "claims_per_s": round(report.relations / whole["wall_s"]),
                "phases": rows, **machine()}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    args = archive_size(__doc__.split("\n\n")[0])
    result = run(args.actors, args.claims, args.batch)
    print(f"{result['claims']:,} claims ({result['method']}): {result['load_s']} s, "
          f"{result['claims_per_s']:,} claims/s")
    print(f"{'phase':36} {'wall s':>8} {'client CPU s':>13} {'server CPU s':>13}")
    for name, row in result["phases"].items():
        print(f"{name:36} {row['wall_s']:8.2f} {row['client_cpu_s']:13.2f} {row['server_cpu_s']:13.2f}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
