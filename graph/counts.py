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
  the pair before (asked of the store before the load writes, `pairs_query`). The sums
  are made by the loader, so an entity is updated once per load and kind of claim
  however many claims name it, and the cost does not grow with how much is already said
  about an actor.
- anything else (an article loaded again, merges and undos) recounts the touched
  entities from their claims (`refresh_statement`), which costs their degree.
"""
from __future__ import annotations

from itertools import compress, product
from typing import Iterable, Iterator, Sequence

from polgraph.core.records import Claim
from polgraph.graph import schema as schema_mod
from polgraph.graph.store import Store

COUNTED = ("SUPPORTS", "CRITICISES")
WHATS = ("actors", "claims", "articles")
DIRECTIONS = {"in": "(e)<-[r:{t}]-(other:{entity})", "out": "(e)-[r:{t}]->(other:{entity})"}


def prop(direction: str, rel_type: str, what: str) -> str:
    """The entity property holding one count, e.g. ``in_criticises_actors``."""
    return f"{direction}_{rel_type.lower()}_{what}"


#: every count property an entity may carry
PROPERTIES = tuple(prop(d, t, w) for d in DIRECTIONS for t in COUNTED for w in WHATS)


def refresh_statement(rel_type: str, direction: str) -> str:
    """Recompute one type's counts, in one direction, for the entities in `$ids`."""
    sch = schema_mod.load()
    if rel_type not in sch.claim_types:
        raise ValueError(f"{rel_type!r} is not a claim type of the schema")
    pattern = DIRECTIONS[direction].format(t=rel_type, entity=sch.entity_label)
    return (
        f"UNWIND $ids AS id MATCH (e:{sch.entity_label} {{id: id}}) OPTIONAL MATCH {pattern} "
        "WITH e, count(DISTINCT other) AS actors, count(r) AS claims, count(DISTINCT r.article) AS articles "
        "SET " + ", ".join(f"e.{prop(direction, rel_type, what)} = {what}" for what in WHATS)
    )


def touched(relations: Iterable[Claim]) -> dict[tuple[str, str], set[str]]:
    """The entity ids whose counts a set of claims changes, by (type, direction)."""
    out: dict[tuple[str, str], set[str]] = {}
    for r in relations:
        if r.type in COUNTED:
            out.setdefault((r.type, "in"), set()).add(r.object)
            out.setdefault((r.type, "out"), set()).add(r.subject)
    return out


def refresh(store: Store, ids: dict[tuple[str, str], set[str]], batch_size: int) -> None:
    """Recompute the counts of the given entities (what `touched` returns); idempotent."""
    store.write_all(refresh_statements(ids, batch_size))


def refresh_statements(ids: dict[tuple[str, str], set[str]], batch_size: int) -> Iterator[tuple[str, dict]]:
    """What `refresh` runs, for a caller that sends them along with its own writes."""
    for (rel_type, direction), wanted in sorted(ids.items()):
        statement = refresh_statement(rel_type, direction)
        ordered = sorted(wanted)
        for i in range(0, len(ordered), batch_size):
            yield statement, {"ids": ordered[i : i + batch_size]}


#: a group of increment rows: (direction, type, the WHATS that change)
Change = tuple[str, str, tuple[str, ...]]


def increment_rows(relations: Iterable[Claim], known_pairs: set[tuple[str, str, str]]) -> dict[Change, list[list]]:
    """What new claims add to their ends' counts, grouped by which counts change.

    The relations are new claims, each once, of articles new to the store; `known_pairs`
    are their (subject, type, object) already joined in the store (`pairs_query`). A row
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


def increment_statement(change: Change) -> str:
    """Add one group of `increment_rows` to the entities' counts."""
    direction, rel_type, whats = change
    if rel_type not in COUNTED or direction not in DIRECTIONS or not set(whats) <= set(WHATS):
        raise ValueError(f"{change!r} is not a count of graph/counts.py")
    items = ", ".join(f"e.{p} = coalesce(e.{p}, 0) + row[{i}]"
                      for i, p in enumerate((prop(direction, rel_type, w) for w in whats), start=1))
    entity = schema_mod.load().entity_label
    return f"UNWIND $rows AS row MATCH (e:{entity} {{id: row[0]}}) SET {items}"


def pairs_query(rel_type: str) -> str:
    """Which of `$pairs` ([subject id, object id]) a `rel_type` claim already joins."""
    entity = schema_mod.load().entity_label
    return (f"UNWIND $pairs AS p MATCH (s:{entity} {{id: p[0]}})-[:{rel_type}]->(o:{entity} {{id: p[1]}}) "
            "RETURN DISTINCT p[0] AS subject, p[1] AS object")
