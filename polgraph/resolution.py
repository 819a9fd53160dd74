"""Store-wide entity resolution: the store's actors, and candidates for analysts.

Extraction folds a batch only by exact name; this module looks at the whole store, after
every loaded batch, and applies the rules of `polgraph.core.resolution_rules` to it:
automatic merges (the one full name a surname or title+surname is; a nickname or acronym
that is another group's alias), which the `resolver.Resolver` records as Redirects so
`resolve undo` splits them, and everything else as a candidate an analyst judges with
merge / never / undo; judgements go to the judgements file and are replayed, before
automatic merges, by every ingest.
"""
from __future__ import annotations

from functools import cache

from polgraph.core.resolution_rules import SIMILAR, Actor, full_names, fuller_first, score
from polgraph.graph import reads
from polgraph.graph.store import Store

CDIST_ROWS = 2000  # names compared against all others at once


@cache
def canonical_names() -> frozenset[str]:
    """The canonical names of the packaged gazetteer: preferred when two groups merge."""
    from polgraph.ingest.gazetteer import load_entries

    return frozenset(e.name for e in load_entries())


def actors(store: Store, mentions: bool = False) -> list[Actor]:
    """Every entity in the store; with `mentions`, also the articles that mention it (costlier)."""
    rows = store.run(reads.ENTITIES_MENTIONED if mentions else reads.ENTITIES)
    found = [Actor(r["id"], r["name"] or "", r["type"], list(r["aliases"] or []), set(r.get("articles") or []))
             for r in rows]
    return [a for a in found if a.tokens]  # a name of titles alone ("Mr") matches nothing


# ---- candidates ------------------------------------------------------------------------

def candidates(all_actors: list[Actor], blocked: set[frozenset[str]], min_score: float = 0.5) -> list[dict]:
    """Likely duplicates, best first: {"a", "b", "a_id", "b_id", "score", "why", "articles"} (a: the fuller name)."""
    by_id = {a.id: a for a in all_actors}
    out = []
    for pair in sorted(_candidate_pairs(all_actors)):
        if frozenset(pair) in blocked:
            continue
        a, b = fuller_first(by_id[pair[0]], by_id[pair[1]])
        found, why = score(a, b)
        if found >= min_score:
            out.append({"a": a.name, "b": b.name, "a_id": a.id, "b_id": b.id, "score": found, "why": why,
                        "articles": sorted(a.articles | b.articles)})
    out.sort(key=lambda c: (-c["score"], c["a"], c["b"]))
    return out


def _candidate_pairs(all_actors: list[Actor]) -> set[tuple[str, str]]:
    """Pairs of one type that share a surname or an alias, or have similar names; pairs of one name."""
    import numpy as np
    from rapidfuzz import fuzz, process

    pairs: set[tuple[str, str]] = set()
    pair = lambda x, y: x.id != y.id and pairs.add(tuple(sorted((x.id, y.id))))  # noqa: E731
    add = lambda x, y: x.type == y.type and pair(x, y)  # noqa: E731
    by_name: dict[str, list[Actor]] = {}
    for a in all_actors:
        by_name.setdefault(a.key, []).append(a)
    for same in by_name.values():  # one name, several types: only an analyst can say which it is
        for i, x in enumerate(same):
            for y in same[i + 1:]:
                pair(x, y)
    full_by_surname = full_names(all_actors)
    by_alias: dict[tuple[str, str], list[Actor]] = {}
    for a in all_actors:
        for k in a.alias_keys:
            by_alias.setdefault((a.type, k), []).append(a)
    for a in all_actors:
        if a.short:
            for full in full_by_surname.get(a.tokens[-1], []):
                add(full, a)
    for owners in by_alias.values():
        for i, x in enumerate(owners):
            for y in owners[i + 1:]:
                add(x, y)
    by_type: dict[str, list[Actor]] = {}
    for a in all_actors:
        by_type.setdefault(a.type, []).append(a)
    for group in by_type.values():
        keys = [a.key for a in group]
        for start in range(0, len(keys), CDIST_ROWS):  # row blocks: memory stays rows x n bytes
            block = process.cdist(keys[start:start + CDIST_ROWS], keys, scorer=fuzz.ratio, score_cutoff=SIMILAR,
                                  dtype=np.uint8, workers=1)
            for i, j in zip(*np.nonzero(block)):
                if start + i < j:
                    add(group[start + i], group[j])
    return pairs
