"""Count and precision of each extraction rule against a gold folder.

    python benchmarks/rule_precision.py [FOLDER ...] [--extractor rules|model|both] [--json]

FOLDER holds articles (``*.txt``) and their gold (``gold/<article id>.json``); the default is
the shipped held-out set, ``tests/heldout`` (give ``../shared/corpus/dev`` for the dev set).
The articles go through `polgraph extract` (readers, pipeline, resolution across the
articles); each claim is correct when its (subject, type, object), names mapped onto the gold
as shared/tools/score.py maps them (lower case, honorifics, a leading "the" and a trailing
possessive removed, gold names and aliases), is a gold relation of its article. A claim whose
rule is low in precision names the rule to look at; recall is not per rule (a missed gold
relation has no rule), see tests/test_extraction_scores.py for it. The relation model's
claims are one more row, under the model's name and version.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Sequence

from polgraph.api import PolGraph
from polgraph.core.names import name_key
from polgraph.ingest.extract import Extraction
from polgraph.ingest.ruletable import rules

HELDOUT = Path(__file__).resolve().parent.parent / "tests" / "heldout"


def gold_of(folder: Path) -> dict[str, tuple[dict[str, str], set[tuple[str, str, str]]]]:
    """Per article id: its gold name keys (key -> gold name) and its gold triples."""
    gold = {}
    for f in sorted((folder / "gold").glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        keys: dict[str, str] = {}
        for e in g["entities"]:
            for n in [e["name"], *e.get("aliases", [])]:
                keys.setdefault(name_key(n), e["name"])
        gold[g["id"]] = (keys, {(r["subject"], r["type"], r["object"]) for r in g["relations"]})
    return gold


def tally(extraction: Extraction, gold: dict) -> dict[str, Counter]:
    """Per rule id: how many claims of gold articles it stated (`count`) and how many are gold (`correct`)."""
    ents = {e.id: e for e in extraction.entities}
    out: dict[str, Counter] = {}

    def mapped(keys: dict[str, str], eid: str) -> str:
        e = ents[eid]
        return next((keys[name_key(n)] for n in [e.name, *e.aliases] if name_key(n) in keys), "?" + e.name)

    for r in extraction.relations:
        if r.article not in gold:
            continue
        keys, triples = gold[r.article]
        c = out.setdefault(r.rule, Counter())
        c["count"] += 1
        c["correct"] += (mapped(keys, r.subject), r.type, mapped(keys, r.object)) in triples
    return out


def report(stats: dict[str, Counter]) -> list[dict]:
    """One row per rule of the table (and any rule not in it), most claims first."""
    names = [*rules(), *(r for r in stats if r not in rules())]
    rows = []
    for rule in names:
        c = stats.get(rule, Counter())
        n, ok = c["count"], c["correct"]
        rows.append({"rule": rule, "count": n, "correct": ok, "precision": round(ok / n, 3) if n else None})
    return sorted(rows, key=lambda r: (-r["count"], r["rule"]))


def measure(folders: Sequence[Path], extractor: str | None = None) -> list[dict]:
    """The per-rule report over the articles and gold of `folders`."""
    gold = {k: v for f in folders for k, v in gold_of(f).items()}
    with PolGraph(extractor=extractor) as g:
        extraction = g.extract([p for f in folders for p in sorted(f.glob("*.txt"))])
    return report(tally(extraction, gold))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rule_precision.py", description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[HELDOUT])
    parser.add_argument("--extractor", choices=("rules", "model", "both"), default=None)
    parser.add_argument("--json", action="store_true", help="print the rows as one JSON list")
    args = parser.parse_args(argv)
    for f in args.folders:
        if not (f / "gold").is_dir():
            parser.error(f"{f}: no gold/ folder of gold files")
    rows = measure(args.folders, args.extractor)
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"{'rule':34} {'count':>5} {'correct':>7} {'precision':>9}")
    for r in rows:
        p = "-" if r["precision"] is None else f"{r['precision']:.3f}"
        print(f"{r['rule']:34} {r['count']:>5} {r['correct']:>7} {p:>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
