"""Issue 9's done-when check: store-wide resolution on the 417 BBC politics articles.

    python benchmarks/resolution.py [--corpus ../shared/corpus/bbc-politics]

1. Ingests the corpus into a fresh embedded store with an empty judgements file, and
   counts Person nodes whose name is one word that is the surname of exactly one
   multi-word Person (an unresolved "Mr X"): the share must stay under 2%.
2. Judges the best Person candidate pair with `resolve merge` and checks that the
   number of claim relationships is unchanged.
3. Ingests the same corpus into a second fresh store with that judgements file and
   checks that every count comes out the same.

Prints a report; the last line is one JSON object.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import scratch_home  # noqa: E402

from polgraph.api import PolGraph  # noqa: E402
from polgraph.core.names import name_key  # noqa: E402
from polgraph.graph import schema as schema_mod  # noqa: E402
from polgraph.graph.embedded import EmbeddedServer  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "bbc-politics"


def unresolved(g: PolGraph) -> dict:
    """Persons, and the one-word ones that are the surname of exactly one multi-word Person."""
    keys = [name_key(r["name"] or "") for r in g.store.run("MATCH (e:Person) RETURN e.name AS name")]
    surnames = Counter(k.split()[-1] for k in keys if len(k.split()) >= 2)
    single = sorted(k for k in keys if len(k.split()) == 1 and surnames[k] == 1)
    return {"persons": len(keys), "unresolved": len(single), "share": round(len(single) / max(1, len(keys)), 4),
            "examples": single[:10]}


def claims(g: PolGraph) -> int:
    types = list(schema_mod.load().claim_types)
    return g.store.run("MATCH ()-[r]->() WHERE type(r) IN $types RETURN count(r) AS c", {"types": types})[0]["c"]


def snapshot(g: PolGraph) -> dict:
    info = g.info()
    return {**info["counts"], "claims": claims(g), "merges": info["merges"], **unresolved(g)}


def run(corpus: Path) -> dict:
    work = scratch_home()
    judgements = work / "judgements.yaml"
    result: dict = {"corpus": str(corpus)}
    try:
        with PolGraph.open(None, home=work / "a", judgements=judgements) as g:
            start = time.perf_counter()
            g.ingest([corpus])
            result["ingest_s"] = round(time.perf_counter() - start, 1)
            result["first"] = snapshot(g)
            names = Counter(r["name"] for r in g.store.run("MATCH (e:Entity) RETURN e.name AS name"))
            persons = {r["name"] for r in g.store.run("MATCH (e:Person) RETURN e.name AS name")}
            people = [c for c in g.resolve_candidates(0.0)
                      if {c["a"], c["b"]} <= persons and names[c["a"]] == names[c["b"]] == 1]
            if people:
                best = people[0]
                before = claims(g)
                g.resolve_merge(best["a"], best["b"])
                result["merged"] = {"a": best["a"], "b": best["b"], "score": best["score"],
                                    "claims_before": before, "claims_after": claims(g)}
            result["judged"] = snapshot(g)
        EmbeddedServer(work / "a").stop()
        with PolGraph.open(None, home=work / "b", judgements=judgements) as g:
            g.ingest([corpus])
            result["replayed"] = snapshot(g)
    finally:  # an interrupted run leaves no server behind either
        for home in ("a", "b"):
            EmbeddedServer(work / home).stop()
        shutil.rmtree(work, ignore_errors=True)
    result["replay_same"] = result["replayed"] == result["judged"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}")
    result = run(args.corpus)
    first = result["first"]
    print(f"ingest: {result['ingest_s']} s; persons {first['persons']}, unresolved one-word surnames "
          f"{first['unresolved']} ({first['share']:.1%}); merges {first['merges']}")
    if "merged" in result:
        m = result["merged"]
        print(f"resolve merge {m['a']!r} {m['b']!r}: claims {m['claims_before']} -> {m['claims_after']}")
    print(f"replayed into a fresh store: {'same counts' if result['replay_same'] else 'DIFFERENT'}")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
