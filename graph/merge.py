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
from polgraph.graph import counts, reads, writes
from polgraph.graph import schema as schema_mod
from polgraph.graph.loader import alias_keys
from polgraph.graph.store import Store

AUTOMATIC = "automatic"
JUDGED = "judged"


@dataclass(frozen=True)
class Ends:
    """One direction of a claim: its patterns in `writes`, and the property that remembers the moving end's id."""

    patterns: tuple[str, str]
    orig: str  # orig_subject / orig_object


OUTGOING = Ends(writes.OUTGOING, "orig_subject")
INCOMING = Ends(writes.INCOMING, "orig_object")


def entity(store: Store, entity_id: str) -> dict | None:
    rows = store.run(reads.ENTITY_BY_ID, {"id": entity_id})
    return rows[0] if rows else None


def redirect(store: Store, entity_id: str) -> dict | None:
    rows = store.run(reads.REDIRECT_BY_ID, {"id": entity_id})
    return rows[0] if rows else None


def redirects(store: Store) -> dict[str, dict]:
    """Every merged-away id and where it went: {old id: {id, into, name, type, aliases, how}}."""
    return {r["id"]: r for r in store.run(reads.REDIRECTS)}


def final_id(entity_id: str, moved: dict[str, dict]) -> str:
    """The entity an id denotes now, following redirects (B into C into A gives A)."""
    chain = _chain(entity_id, moved)
    return chain[-1] if chain else entity_id


def merge_counts(store: Store) -> dict[str, int]:
    """How many entities were merged away automatically and by judgement."""
    out = {AUTOMATIC: 0, JUDGED: 0}  # not `counts`: that names the module of ranking counts
    for row in store.run(reads.MERGE_COUNTS):
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
        writes.WRITE_REDIRECT,
        {"id": b["id"], "into": a["id"], "name": b["name"], "type": b["type"], "aliases": b["aliases"] or [],
         "added": added, "how": how, "reason": reason, "at": now()}, write=True)
    for ends in (OUTGOING, INCOMING):
        _move_claims(store, ends, b["id"], a["id"], "coalesce(r.{orig}, $from)", keyed=True)
    store.run(writes.MOVE_MENTIONS, {"from": b["id"], "to": a["id"]}, write=True)
    store.run(writes.MOVE_ALIASES, {"from": b["id"], "to": a["id"]}, write=True)
    store.run(writes.SET_ALIASES, {"id": a["id"], "aliases": own + added}, write=True)
    store.run(writes.DELETE_ENTITY, {"id": b["id"]}, write=True)
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
    store.run(writes.restore_entity(r["type"]),
              {"id": gone, "name": r["name"], "type": r["type"], "aliases": r["aliases"] or []}, write=True)
    ids = sorted(_merged_into(gone, moved))
    recount = {into, gone, *_neighbours(store, into)}
    for ends in (OUTGOING, INCOMING):
        _move_claims(store, ends, into, gone, "CASE WHEN r.{orig} = $to THEN null ELSE r.{orig} END",
                     where="r.{orig} IN $ids", ids=ids)
    _split_mentions(store, into, gone, ids)
    restored = [x for x in (a["aliases"] or []) if x not in set(r["added"] or [])]
    store.run(writes.SET_ALIASES, {"id": into, "aliases": restored}, write=True)
    _relink_aliases(store, Entity(r["name"], r["type"], r["aliases"] or [], id=gone), into,
                    Entity(a["name"], a["type"], restored, id=into))
    store.run(writes.DELETE_REDIRECT, {"id": gone}, write=True)
    _recount(store, recount, batch_size)


def _move_claims(store: Store, ends: Ends, src: str, dst: str, orig_value: str, *, where: str = "",
                 ids: Iterable[str] = (), keyed: bool = False) -> None:
    """Re-create every claim of one direction from `src` on `dst`, properties and all.

    `keyed`: MERGE on (article, original id) instead of CREATE, so a claim extracted again
    from an article already merged in updates its earlier copy rather than doubling it.
    """
    orig = orig_value.format(orig=ends.orig)
    cond = where.format(orig=ends.orig)
    for rel_type in schema_mod.load().claim_types:
        store.run(writes.move_claims(rel_type, ends.patterns, ends.orig, orig, where=cond, keyed=keyed),
                  {"from": src, "to": dst, "ids": list(ids)}, write=True)


def _split_mentions(store: Store, into: str, gone: str, ids: list[str]) -> None:
    """Give back to `gone` every mention that came from it (or from what was merged into it)."""
    params = {"from": into, "to": gone, "ids": ids}
    for statement in (writes.SPLIT_MENTIONS, writes.DROP_EMPTY_MENTIONS, writes.CLEAR_OWN_VIA):
        store.run(statement, params, write=True)


def _relink_aliases(store: Store, gone: Entity, into: str, kept: Entity) -> None:
    """Alias nodes of the restored entity point at it again; A keeps only its own keys."""
    store.run(writes.LINK_ALIASES, {"keys": alias_keys(gone), "id": gone.id}, write=True)
    store.run(writes.UNLINK_OTHER_ALIASES, {"id": into, "keys": alias_keys(kept)}, write=True)


def _neighbours(store: Store, entity_id: str) -> set[str]:
    """The other ends of an entity's counted claims: their ranking counts change when it moves."""
    return {r["id"] for r in store.run(reads.NEIGHBOURS_OF, {"id": entity_id, "types": list(counts.COUNTED)})}


def _recount(store: Store, ids: set[str], batch_size: int) -> None:
    """Ranking counts (graph/counts.py) recomputed for every entity a move touched."""
    touched = {(t, d): ids for t in counts.COUNTED for d in counts.DIRECTIONS}
    store.write_all(writes.count_refreshes(touched, batch_size))


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
