"""Merge an evidence pass (`BRIEF-evidence.md`) into the annotations: usage
evidence.py ANNOTATIONS_DIR PASS_DIR [--write]

Each pass file lists, per stance relation, every sentence of the article that states it. The
sentences other than the relation's cited `evidence` become its `evidence_also`, an empty list
where there are none: the key says every sentence stating the relation is known, so the
training data takes the others as negatives (`dataset.py`). Without
`--write` nothing changes and only the measurement is printed: how often the pass found the
sentence the first annotator cited (its recall on a sentence known to state the relation), and
how many sentences it adds.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from dataset import same_sentence, squash


def merge(annotation: dict, found: dict) -> tuple[dict, int, int, int]:
    """The annotation with `evidence_also` from the pass, and (relations judged, cited sentences
    found again, sentences added). A relation the pass does not list is left as it was."""
    listed = {(r["subject"], r["type"], r["object"]): r.get("evidence", []) for r in found["relations"]}
    judged = refound = added = 0
    for r in annotation["relations"]:
        sentences = listed.get((r["subject"], r["type"], r["object"]))
        if sentences is None:
            continue
        cited = squash(r.get("evidence", ""))
        given = {k: s for s in sentences if (k := squash(s))}  # kept as copied from the article
        also = [raw for s, raw in given.items() if not same_sentence(s, cited)]
        judged += 1
        refound += any(same_sentence(s, cited) for s in given)
        added += len(also)
        r["evidence_also"] = also  # even empty: every sentence stating it is known
    return annotation, judged, refound, added


def main(annotations: Path, passed: Path, write: bool) -> None:
    totals = [0, 0, 0]
    for f in sorted(passed.glob("*.json")):
        target = annotations / f.name
        merged, *counts = merge(json.loads(target.read_text(encoding="utf-8")), json.loads(f.read_text(encoding="utf-8")))
        totals = [a + b for a, b in zip(totals, counts)]
        if write:
            target.write_text(json.dumps(merged, indent=1, ensure_ascii=False), encoding="utf-8")
    judged, refound, added = totals
    print(f"{judged} relations judged; cited evidence found again for {refound} "
          f"({refound / max(judged, 1):.0%}); {added} sentences added")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), "--write" in sys.argv)
