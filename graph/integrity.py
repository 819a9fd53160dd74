"""Is what the store says is stored really there? `check` compares each article's claim count.

The loader marks an article stored last, with the number of claims it wrote (`a.claims`);
merges re-point claims but never change their number. An article marked stored that now
has fewer claims lost some: a damaged append-only file loaded in part, a hand edit. Such an
article is un-marked, so the next ingest of its source reads it again and writes what is
missing (the loader MERGEs, so nothing is doubled).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from polgraph.graph import reads, writes
from polgraph.graph import schema as schema_mod
from polgraph.graph.store import Store


@dataclass
class Check:
    """What `check` found: articles marked stored, those missing claims, those never finished."""

    stored: int = 0
    damaged: list[str] = field(default_factory=list)  # ids: marked stored, fewer claims than written
    unfinished: int = 0  # loaded but never marked: an ingest was stopped; its rerun finishes them
    unknown: int = 0  # marked by a polgraph that kept no claim count: not checkable
    repaired: bool = False

    def to_json(self) -> dict:
        return {"stored": self.stored, "damaged": len(self.damaged), "damaged_ids": self.damaged[:50],
                "unfinished": self.unfinished, "unchecked": self.unknown, "re_marked": self.repaired}


def check(store: Store, *, repair: bool = True) -> Check:
    """Compare each stored article's claims with the count written; with `repair`, un-mark the short ones."""
    marked = store.run(reads.MARKED)
    found = Counter({r["id"]: r["n"] for r in store.run(reads.CLAIMS_PER_ARTICLE,
                                                        {"types": list(schema_mod.load().claim_types)})})
    result = Check(stored=len(marked), unfinished=store.run(reads.UNFINISHED)[0]["n"])
    for row in marked:
        if row["claims"] is None:
            result.unknown += 1
        elif found[row["id"]] < row["claims"]:
            result.damaged.append(row["id"])
    if repair and result.damaged:
        store.run(writes.UNMARK, {"ids": result.damaged}, write=True)
        result.repaired = True
    return result
