"""Ranking counts kept on entity nodes by the loader, so rankings read properties, not every claim.

For each counted claim type T (SUPPORTS, CRITICISES) an entity carries, for the claims
made about it (`in`) and the claims it makes (`out`):

    in_<t>_actors, in_<t>_claims, in_<t>_articles     e.g. in_criticises_actors: distinct critics
    out_<t>_actors, out_<t>_claims, out_<t>_articles  e.g. out_criticises_actors: distinct targets

where <t> is the type in lower case. They are always what a whole-graph aggregation
would give, kept so in two ways:

- claims of articles new to the store add to them (`increment_rows`): one more claim
  each; one more article for the first claim of an article between an end and a type
  (the loader holds the whole article); one more actor when no claim of the type joined
  the pair before (asked of the store before the load writes, `reads.joined_pairs`). The sums
  are made by the loader, so an entity is updated once per load and kind of claim
  however many claims name it, and the cost does not grow with how much is already said
  about an actor.
- anything else (an article loaded again, merges and undos) recounts the touched
  entities from their claims (`writes.refresh_counts`), which costs their degree.

This module holds the arithmetic; the statements that apply it are in `writes`.
"""
from __future__ import annotations

from itertools import compress, product
from typing import Iterable

from polgraph.core.records import Claim

COUNTED = ("SUPPORTS", "CRITICISES")
WHATS = ("actors", "claims", "articles")
DIRECTIONS = ("in", "out")  # claims made about an entity, claims it makes


def prop(direction: str, rel_type: str, what: str) -> str:
    """The entity property holding one count, e.g. ``in_criticises_actors``."""
    return f"{direction}_{rel_type.lower()}_{what}"


#: every count property an entity may carry
PROPERTIES = tuple(prop(d, t, w) for d in DIRECTIONS for t in COUNTED for w in WHATS)


def touched(relations: Iterable[Claim]) -> dict[tuple[str, str], set[str]]:
    """The entity ids whose counts a set of claims changes, by (type, direction)."""
    out: dict[tuple[str, str], set[str]] = {}
    for r in relations:
        if r.type in COUNTED:
            out.setdefault((r.type, "in"), set()).add(r.object)
            out.setdefault((r.type, "out"), set()).add(r.subject)
    return out


#: a group of increment rows: (direction, type, the WHATS that change)
Change = tuple[str, str, tuple[str, ...]]


def increment_rows(relations: Iterable[Claim], known_pairs: set[tuple[str, str, str]]) -> dict[Change, list[list]]:
    """What new claims add to their ends' counts, grouped by which counts change.

    The relations are new claims, each once, of articles new to the store; `known_pairs`
    are their (subject, type, object) already joined in the store (`reads.joined_pairs`). A row
    is [entity id, *one step per changed count], one per entity and group. Setting a
    count costs FalkorDB a property write even when it adds 0, and rewrites the index of
    a ranking count, so a row carries only the counts that change.
    """
    sums: dict[tuple[str, str, str], list[int]] = {}  # (entity, direction, type) -> steps in WHATS order
    pairs: set[tuple[str, str, str]] = set(known_pairs)  # joined: the store's, then this load's
    articles: set[tuple[str, str, str, str]] = set()  # (entity, direction, type, article) counted
    for r in relations:
        if r.type not in COUNTED:
            continue
        pair = (r.subject, r.type, r.object)
        new_pair = pair not in pairs
        pairs.add(pair)
        for direction, entity in (("out", r.subject), ("in", r.object)):
            steps = sums.setdefault((entity, direction, r.type), [0, 0, 0])
            steps[0] += new_pair
            steps[1] += 1
            seen = (entity, direction, r.type, r.article)
            if seen not in articles:
                articles.add(seen)
                steps[2] += 1
    groups: dict[Change, list[list]] = {}
    for (entity, direction, rel_type), steps in sums.items():
        groups.setdefault((direction, rel_type, _CHANGED[tuple(map(bool, steps))]), []).append(
            [entity, *filter(None, steps)])
    return groups


# the WHATS a row of steps changes, by which of its steps are not 0
_CHANGED = {mask: tuple(compress(WHATS, mask)) for mask in product((False, True), repeat=len(WHATS))}
