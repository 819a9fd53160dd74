"""Merging one entity into another in the store, and undoing it, on every backend.

A merge of B into A keeps everything undo needs, in the graph itself:

* every claim B took part in is re-created on A with all its properties, plus
  ``orig_subject`` / ``orig_object`` = the entity id the extraction gave that end;
* every ``MENTIONS`` of B becomes a mention of A whose ``via`` list names the ids the
  article really mentioned (absent ``via`` means the node itself);
* B's Alias nodes point at A, and A's ``aliases`` gain B's name and aliases;
* B's node is replaced by ``(:Redirect {id: B, into: A})`` holding B's name, type and
  aliases: undo rebuilds B from it, and an entity a later load creates again under B's id
  is merged into A again (``Resolver.fold``), its claims keyed on (article, original id).

Claims are re-created rather than de-duplicated, so a merge never changes the number of
claim relationships. Undo moves back exactly the claims and mentions whose original id is
B (or an entity merged into B before), which is what "restores both" means.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable

from polgraph.core.errors import InputError
from polgraph.core.records import Entity
from polgraph.graph import counts, schema as schema_mod
from polgraph.graph.loader import alias_keys
from polgraph.graph.store import Store

REDIRECT_LABEL = "Redirect"
AUTOMATIC = "automatic"
JUDGED = "judged"

ENTITY_QUERY = "MATCH (e:Entity {id: $id}) RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases"
REDIRECT_QUERY = (
    "MATCH (r:Redirect {id: $id}) RETURN r.id AS id, r.into AS into, r.name AS name, r.type AS type, "
    "r.aliases AS aliases, r.added AS added, r.how AS how"
)
REDIRECTS_QUERY = (
    "MATCH (r:Redirect) RETURN r.id AS id, r.into AS into, r.name AS name, r.type AS type, r.aliases AS aliases, "
    "r.how AS how"
)
# Lists are united, not replaced: an entity loaded again under a merged-away id and merged
# again must leave undo everything the first merge recorded.
UNION = "[x IN coalesce({v}, []) WHERE NOT x IN ${p}] + ${p}"
COUNTS_QUERY = "MATCH (r:Redirect) RETURN r.how AS how, count(r) AS merges"
NEIGHBOURS_QUERY = (
    "MATCH (x:Entity {id: $id})-[r]-(o:Entity) WHERE type(r) IN $types RETURN DISTINCT o.id AS id"
)


@dataclass(frozen=True)
class Ends:
    """One direction of a claim: which end moves, and the property that remembers its id."""

    pattern: str  # Cypher pattern with the moving end `x` and the other end `o`
    create: str  # the same relationship on the new end `y`, {K} for the properties it is keyed on
    orig: str  # orig_subject / orig_object


OUTGOING = Ends("(x:Entity {id: $from})-[r:{T}]->(o:Entity)", "(y)-[n:{T}{K}]->(o)", "orig_subject")
INCOMING = Ends("(o:Entity)-[r:{T}]->(x:Entity {id: $from})", "(o)-[n:{T}{K}]->(y)", "orig_object")


def entity(store: Store, entity_id: str) -> dict | None:
    rows = store.run(ENTITY_QUERY, {"id": entity_id})
    return rows[0] if rows else None


def redirect(store: Store, entity_id: str) -> dict | None:
    rows = store.run(REDIRECT_QUERY, {"id": entity_id})
    return rows[0] if rows else None


def redirects(store: Store) -> dict[str, dict]:
    """Every merged-away id and where it went: {old id: {id, into, name, type, aliases, how}}."""
    return {r["id"]: r for r in store.run(REDIRECTS_QUERY)}


def final_id(entity_id: str, moved: dict[str, dict]) -> str:
    """The entity an id denotes now, following redirects (B into C into A gives A)."""
    chain = _chain(entity_id, moved)
    return chain[-1] if chain else entity_id


def merge_counts(store: Store) -> dict[str, int]:
    """How many entities were merged away automatically and by judgement."""
    out = {AUTOMATIC: 0, JUDGED: 0}  # not `counts`: that names the module of ranking counts
    for row in store.run(COUNTS_QUERY):
        out[row["how"]] = out.get(row["how"], 0) + row["merges"]
    return out


def merge(store: Store, into: str, gone: str, *, how: str, reason: str = "", batch_size: int = 1000,
          across_types: bool = False) -> None:
    """Merge entity `gone` into entity `into`: B joins A, nothing of B is lost.

    The Redirect is written first and B's node deleted last, so a merge cut short is
    finished by running it again. Entities of two types merge only `across_types` (an
    analyst chose the type to keep); the Redirect keeps B's type for undo.
    """
    a, b = entity(store, into), entity(store, gone)
    if a is None or b is None:
        missing = into if a is None else gone
        raise InputError(f"no entity with id {missing!r} in the store")
    if a["id"] == b["id"]:
        raise InputError(f"cannot merge {a['name']!r} into itself")
    if a["type"] != b["type"] and not across_types:
        raise InputError(f"cannot merge {b['name']!r} ({b['type']}) into {a['name']!r} ({a['type']}): "
                            "only actors of one type merge")
    recount = {a["id"], *_neighbours(store, b["id"])}
    own = list(a["aliases"] or [])
    added = [x for x in dict.fromkeys([b["name"], *(b["aliases"] or [])]) if x not in own and x != a["name"]]
    store.run(
        "MERGE (r:Redirect {id: $id}) SET r.into = $into, r.name = $name, r.type = $type, "
        f"r.aliases = {UNION.format(v='r.aliases', p='aliases')}, r.added = {UNION.format(v='r.added', p='added')}, "
        "r.how = $how, r.reason = $reason, r.at = $at",
        {"id": b["id"], "into": a["id"], "name": b["name"], "type": b["type"], "aliases": b["aliases"] or [],
         "added": added, "how": how, "reason": reason, "at": now()}, write=True)
    for ends in (OUTGOING, INCOMING):
        _move_claims(store, ends, b["id"], a["id"], "coalesce(r.{orig}, $from)", keyed=True)
    store.run(
        "MATCH (art:Article)-[m:MENTIONS]->(x:Entity {id: $from}) MATCH (y:Entity {id: $to}) "
        "MERGE (art)-[n:MENTIONS]->(y) "
        "ON CREATE SET n.via = coalesce(m.via, [$from]) "
        "ON MATCH SET n.via = coalesce(n.via, [$to]) + coalesce(m.via, [$from]) "
        "DELETE m", {"from": b["id"], "to": a["id"]}, write=True)
    store.run(
        "MATCH (al:Alias)-[l:ALIAS_OF]->(x:Entity {id: $from}) MATCH (y:Entity {id: $to}) "
        "MERGE (al)-[:ALIAS_OF]->(y) DELETE l", {"from": b["id"], "to": a["id"]}, write=True)
    store.run("MATCH (y:Entity {id: $id}) SET y.aliases = $aliases",
              {"id": a["id"], "aliases": own + added}, write=True)
    store.run("MATCH (x:Entity {id: $id}) DETACH DELETE x", {"id": b["id"]}, write=True)
    _recount(store, recount, batch_size)


def undo(store: Store, into: str, gone: str, *, batch_size: int = 1000) -> None:
    """Split `gone` out of `into` (where it ended up, maybe through other merges) again: both
    nodes with their own claims, mentions and aliases."""
    r = redirect(store, gone)
    moved = redirects(store)
    if r is None or final_id(gone, moved) != into:
        raise InputError(f"{gone!r} is not merged into {into!r}")
    a = entity(store, into)
    if a is None:
        raise InputError(f"no entity with id {into!r} in the store")
    label = schema_mod.load().node(r["type"]).label  # only schema labels reach the Cypher text
    store.run(f"MERGE (x:{schema_mod.load().entity_label}:{label} {{id: $id}}) "
              f"SET x.name = $name, x.type = $type, x.aliases = {UNION.format(v='x.aliases', p='aliases')}",
              {"id": gone, "name": r["name"], "type": r["type"], "aliases": r["aliases"] or []}, write=True)
    ids = sorted(_merged_into(gone, moved))
    recount = {into, gone, *_neighbours(store, into)}
    for ends in (OUTGOING, INCOMING):
        _move_claims(store, ends, into, gone, "CASE WHEN r.{orig} = $to THEN null ELSE r.{orig} END",
                     where="r.{orig} IN $ids", ids=ids)
    _split_mentions(store, into, gone, ids)
    restored = [x for x in (a["aliases"] or []) if x not in set(r["added"] or [])]
    store.run("MATCH (y:Entity {id: $id}) SET y.aliases = $aliases", {"id": into, "aliases": restored}, write=True)
    _relink_aliases(store, Entity(r["name"], r["type"], r["aliases"] or [], id=gone), into,
                    Entity(a["name"], a["type"], restored, id=into))
    store.run("MATCH (r:Redirect {id: $id}) DELETE r", {"id": gone}, write=True)
    _recount(store, recount, batch_size)


def _move_claims(store: Store, ends: Ends, src: str, dst: str, orig_value: str, *, where: str = "",
                 ids: Iterable[str] = (), keyed: bool = False) -> None:
    """Re-create every claim of one direction from `src` on `dst`, properties and all.

    `keyed`: MERGE on (article, original id) instead of CREATE, so a claim extracted again
    from an article already merged in updates its earlier copy rather than doubling it.
    """
    orig = orig_value.format(orig=ends.orig)
    key = f" {{article: r.article, {ends.orig}: {orig}}}" if keyed else ""
    for rel_type in schema_mod.load().claim_types:
        pattern = ends.pattern.replace("{T}", rel_type)
        target = ends.create.replace("{T}", rel_type).replace("{K}", key)
        cond = f"WHERE {where.format(orig=ends.orig)} " if where else ""
        store.run(
            f"MATCH {pattern} {cond}MATCH (y:Entity {{id: $to}}) "
            f"{'MERGE' if keyed else 'CREATE'} {target} SET n = properties(r), n.{ends.orig} = {orig} DELETE r",
            {"from": src, "to": dst, "ids": list(ids)}, write=True)


def _split_mentions(store: Store, into: str, gone: str, ids: list[str]) -> None:
    """Give back to `gone` every mention that came from it (or from what was merged into it)."""
    params = {"from": into, "to": gone, "ids": ids}
    store.run(
        "MATCH (art:Article)-[m:MENTIONS]->(x:Entity {id: $from}) WHERE any(v IN m.via WHERE v IN $ids) "
        "MATCH (y:Entity {id: $to}) MERGE (art)-[n:MENTIONS]->(y) "
        "SET n.via = [v IN m.via WHERE v IN $ids] "
        "SET m.via = [v IN m.via WHERE NOT v IN $ids]", params, write=True)
    store.run("MATCH (:Article)-[m:MENTIONS]->(x:Entity) WHERE x.id IN [$from, $to] AND size(m.via) = 0 DELETE m",
              params, write=True)
    store.run("MATCH (:Article)-[m:MENTIONS]->(x:Entity) WHERE x.id IN [$from, $to] "
              "AND size(m.via) = 1 AND m.via[0] = x.id SET m.via = null", params, write=True)


def _relink_aliases(store: Store, gone: Entity, into: str, kept: Entity) -> None:
    """Alias nodes of the restored entity point at it again; A keeps only its own keys."""
    store.run("UNWIND $keys AS key MERGE (al:Alias {key: key}) WITH al MATCH (x:Entity {id: $id}) "
              "MERGE (al)-[:ALIAS_OF]->(x)", {"keys": alias_keys(gone), "id": gone.id}, write=True)
    store.run("MATCH (al:Alias)-[l:ALIAS_OF]->(y:Entity {id: $id}) WHERE NOT al.key IN $keys DELETE l",
              {"id": into, "keys": alias_keys(kept)}, write=True)


def _neighbours(store: Store, entity_id: str) -> set[str]:
    """The other ends of an entity's counted claims: their ranking counts change when it moves."""
    return {r["id"] for r in store.run(NEIGHBOURS_QUERY, {"id": entity_id, "types": list(counts.COUNTED)})}


def _recount(store: Store, ids: set[str], batch_size: int) -> None:
    """Ranking counts (graph/counts.py) recomputed for every entity a move touched."""
    counts.refresh(store, {(t, d): ids for t in counts.COUNTED for d in counts.DIRECTIONS}, batch_size)


def _merged_into(entity_id: str, moved: dict[str, dict]) -> set[str]:
    """The id and every id merged into it, directly or through a chain."""
    return {entity_id, *(old for old in moved if entity_id in _chain(old, moved))}


def _chain(entity_id: str, moved: dict[str, dict]) -> list[str]:
    """The ids an id was merged into, in order; stops at a cycle, which only hand edits make."""
    out: list[str] = []
    while entity_id in moved and moved[entity_id]["into"] not in out:
        entity_id = moved[entity_id]["into"]
        out.append(entity_id)
    return out


def now() -> str:
    """A UTC timestamp to the second, for the record of who merged what when."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()
