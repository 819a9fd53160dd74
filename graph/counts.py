"""Ranking counts kept on entity nodes by the loader, so rankings read properties, not every claim.

For each counted claim type T (SUPPORTS, CRITICISES) an entity carries, for the claims
made about it (`in`) and the claims it makes (`out`):

    in_<t>_actors, in_<t>_claims, in_<t>_articles     e.g. in_criticises_actors: distinct critics
    out_<t>_actors, out_<t>_claims, out_<t>_articles  e.g. out_criticises_actors: distinct targets

where <t> is the type in lower case. Every load recomputes them exactly for the entities
its claims touched, so they are always what a whole-graph aggregation would give, and a
ranking is one pass over entity nodes instead of a pass over every claim. The price is
paid at load time, in proportion to the claims of the touched entities.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from polgraph.graph import schema as schema_mod
from polgraph.graph.store import Store
from polgraph.ingest.model import Relation

COUNTED = ("SUPPORTS", "CRITICISES")
DIRECTIONS = {"in": "(e)<-[r:{t}]-(other:{entity})", "out": "(e)-[r:{t}]->(other:{entity})"}


def prop(direction: str, rel_type: str, what: str) -> str:
    """The entity property holding one count, e.g. ``in_criticises_actors``."""
    return f"{direction}_{rel_type.lower()}_{what}"


def refresh_statement(rel_type: str, direction: str) -> str:
    """Recompute one type's counts, in one direction, for the entities in `$ids`."""
    sch = schema_mod.load()
    if rel_type not in sch.claim_types:
        raise ValueError(f"{rel_type!r} is not a claim type of the schema")
    pattern = DIRECTIONS[direction].format(t=rel_type, entity=sch.entity_label)
    return (
        f"UNWIND $ids AS id MATCH (e:{sch.entity_label} {{id: id}}) OPTIONAL MATCH {pattern} "
        "WITH e, count(DISTINCT other) AS actors, count(r) AS claims, count(DISTINCT r.article) AS articles "
        f"SET e.{prop(direction, rel_type, 'actors')} = actors, e.{prop(direction, rel_type, 'claims')} = claims, "
        f"e.{prop(direction, rel_type, 'articles')} = articles"
    )


def touched(relations: Iterable[Relation]) -> dict[tuple[str, str], set[str]]:
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
