"""What one write costs the embedded FalkorDB: the floor under the loader's claims per second.

    python benchmarks/writes.py [--entities 50000] [--edges 50000]

Times, by the server process's CPU seconds, each kind of write a bulk load is made of,
alone, in 1,000-row UNWINDs on a fresh embedded store with polgraph's schema: creating
entity nodes (CREATE and MERGE), claim edges with their properties between ends found by
the key index or by internal id, bare edges (what a MENTIONS edge is), index and id
seeks, and property updates with and without a range index on what is set. Multiply by
what a claim brings (docs/performance.md) for the least a claim can cost FalkorDB's
single writer thread. The last line is one JSON object of microseconds per item.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path
from typing import Any, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import cpu_seconds, scratch_home  # noqa: E402

from polgraph.api import PolGraph  # noqa: E402
from polgraph.graph.embedded import EmbeddedServer  # noqa: E402
from polgraph.graph.store import Store  # noqa: E402

ROWS = 1000
CLAIM_PROPS = "r.evidence = row[3], r.confidence = row[4], r.former = row[5], r.date = row[6], r.start = row[7]"
# FalkorDB seeks by internal id only when the id is a plain variable, not a list element
BY_ID = "UNWIND $rows AS row WITH row, row[0] AS sh, row[1] AS oh MATCH (s) WHERE id(s) = sh MATCH (o) WHERE id(o) = oh "
BY_KEY = "UNWIND $rows AS row MATCH (s:Entity {id: row[0]}) MATCH (o:Entity {id: row[1]}) "


def statements(cypher: str, rows: list[Any]) -> Iterator[tuple[str, dict]]:
    for i in range(0, len(rows), ROWS):
        yield cypher, {"rows": rows[i : i + ROWS]}


def measure(store: Store, server: int | None, cypher: str, rows: list[Any]) -> float:
    """Server CPU microseconds per row of running `cypher` over `rows`."""
    before = cpu_seconds(server)
    store.write_all(statements(cypher, rows))
    return round(1e6 * (cpu_seconds(server) - before) / len(rows), 1)


def run(entities: int, edges: int) -> dict[str, float]:
    home = scratch_home()
    out: dict[str, float] = {}
    try:
        with PolGraph.open(None, home=home) as g:
            store, server = g.writable_store, EmbeddedServer(home).pid()
            made = [{"id": f"e{i}", "name": f"Name {i}"} for i in range(entities)]
            out["node CREATE"] = measure(store, server, "UNWIND $rows AS row CREATE (:Entity:Person {id: row.id, name: row.name})", made)
            out["node MERGE, created"] = measure(
                store, server, "UNWIND $rows AS row MERGE (n:Entity:Person {id: row.id}) SET n.name = row.name",
                [{"id": f"m{i}", "name": f"Name {i}"} for i in range(entities)])
            handle = {r["id"]: r["h"] for r in store.run("MATCH (n:Entity) RETURN n.id AS id, id(n) AS h")}
            rng = random.Random(1)
            keys = list(handle)
            pairs = [(rng.choice(keys), rng.choice(keys)) for _ in range(edges)]
            props = ["synth-0000001", "Someone said that someone else was wrong about the budget.", 0.7, False,
                     "2004-01-01", 0]
            out["claim edge, ends by index"] = measure(
                store, server, BY_KEY + f"CREATE (s)-[r:SUPPORTS {{article: row[2]}}]->(o) SET {CLAIM_PROPS}",
                [[s, o, *props] for s, o in pairs])
            by_id = [[handle[s], handle[o], *props] for s, o in pairs]
            out["claim edge, ends by id"] = measure(
                store, server, BY_ID + f"CREATE (s)-[r:SUPPORTS {{article: row[2]}}]->(o) SET {CLAIM_PROPS}", by_id)
            out["bare edge, ends by index"] = measure(store, server, BY_KEY + "CREATE (s)-[:MENTIONS]->(o)",
                                                      [[s, o] for s, o in pairs])
            out["bare edge, ends by id"] = measure(store, server, BY_ID + "CREATE (s)-[:MENTIONS]->(o)", by_id)
            out["index seek"] = measure(store, server, "UNWIND $rows AS k MATCH (s:Entity {id: k}) RETURN count(s)",
                                        [s for s, _ in pairs])
            out["id seek"] = measure(store, server, "UNWIND $rows AS h MATCH (s) WHERE id(s) = h RETURN count(s)",
                                     [handle[s] for s, _ in pairs])
            update = "UNWIND $rows AS row MATCH (e:Entity {id: row[0]}) SET e.a = row[1], e.b = row[2], e.c = row[3]"
            counts = [[k, 1, 2, 3] for k in keys[:entities]]
            out["3 properties set, none indexed"] = measure(store, server, update, counts)
            store.run("CREATE INDEX FOR (n:Entity) ON (n.a)", write=True)
            out["3 properties set, one range-indexed"] = measure(store, server, update.replace("row[1]", "row[1] + 1"),
                                                                 counts)
    finally:
        EmbeddedServer(home).stop()
        shutil.rmtree(home, ignore_errors=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entities", type=int, default=50_000, help="entity nodes made (twice: CREATE, then MERGE)")
    ap.add_argument("--edges", type=int, default=50_000, help="edges made by each edge measurement")
    args = ap.parse_args()
    result = run(args.entities, args.edges)
    for what, us in result.items():
        print(f"{what:<40}{us:>8} µs")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
