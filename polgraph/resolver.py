"""Resolution applied to one store with one judgements file: what `PolGraph.resolve_*` and ingest call.

The rules (who may be whom, and how sure) are in `core.resolution_rules`, read over the
store by `resolution`; this module changes the store (through `graph.merge`), recording
every merge as a Redirect that `undo` reverses, and keeps the judgements file in line with it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from polgraph import judgements as jfile
from polgraph.core.errors import InputError
from polgraph.core.names import name_key
from polgraph.core.resolution_rules import (
    Actor, alias_merges, exact_key, exact_merges, full_names, person_merges, surname_match,
)
from polgraph.graph import merge as gm
from polgraph.graph import reads
from polgraph.graph.store import Store
from polgraph.resolution import actors, candidates, canonical_names

MAX_ROUNDS = 5  # automatic merging repeats while it finds more; chains are short


def _kept_first(a: dict, b: dict, as_type: str | None) -> tuple[dict, dict]:
    """(kept, merged away): A and B, or B and A when `as_type` is B's type and not A's.

    Two actors of one type merge as asked; of two types, only with `as_type` naming one of them.
    """
    types = (a["type"], b["type"])
    if as_type is None and types[0] == types[1]:
        return a, b
    if as_type is None:
        raise InputError(f"{b['name']!r} ({types[1]}, id {b['id']}) and {a['name']!r} ({types[0]}, id {a['id']}): "
                            f"only actors of one type merge, unless the type to keep is given "
                            f"(--type {types[0]} or --type {types[1]})")
    chosen = next((t for t in types if t.lower() == as_type.strip().lower()), None)
    if chosen is None:
        raise InputError(f"cannot merge as a {as_type}: {a['name']!r} is a {types[0]}, {b['name']!r} a {types[1]}")
    return (a, b) if types[0] == chosen else (b, a)


class Resolver:
    """Resolution on one store with one judgements file: what PolGraph.resolve_* call."""

    def __init__(self, store: Store, judgements: Path, find: Callable[[str], dict], batch_size: int = 1000,
                 given: Sequence[jfile.Judgement] = ()) -> None:
        """`given`: judgements from elsewhere (the aliases file), in force unless the file says otherwise."""
        self.store = store
        self.path = judgements
        self.find = find
        self.batch_size = batch_size
        self.given = list(given)

    def judgements(self) -> dict[frozenset[str], jfile.Judgement]:
        """The judgement in force for each pair: the given ones, overridden by the file's."""
        return jfile.latest([*self.given, *jfile.read(self.path)])

    def blocked(self) -> set[frozenset[str]]:
        """Pairs an analyst separated (never, or undo of a merge): automatic merging leaves them."""
        return {pair for pair, j in self.judgements().items() if j.action != "merge"}

    def candidates(self, min_score: float = 0.5) -> list[dict]:
        return candidates(actors(self.store, mentions=True), self.blocked(), min_score)

    def merge(self, a: str, b: str, as_type: str | None = None) -> dict:
        """B joins A (names or ids), recorded as a judgement.

        Actors of two types (one name extracted as a Person and as a Group) merge only when
        `as_type` says which type the merged actor is: the one of that type is kept.
        """
        keep, gone = self.find(a), self.find(b)
        if keep["id"] == gone["id"]:
            raise InputError(f"{a!r} and {b!r} are already one actor: {keep['name']}")
        keep, gone = _kept_first(keep, gone, as_type)
        self._merge(keep["id"], gone["id"], gm.JUDGED, "judgement", across_types=True)
        return self._record("merge", keep, gone)

    def never(self, a: str, b: str) -> dict:
        """A and B stay apart, now and in every later ingest (split first if merged)."""
        keep = self.find(a)
        gone = self._merged_into(keep, b)
        if gone is not None:
            self._undo(keep["id"], gone["id"])
        else:
            gone = self.find(b)
            if gone["id"] == keep["id"]:
                raise InputError(f"{a!r} and {b!r} are the same actor: {keep['name']}")
        return self._record("never", keep, gone)

    def undo(self, a: str, b: str) -> dict:
        """B leaves A again with its own claims, mentions and aliases; automatic merging leaves them apart."""
        keep = self.find(a)
        gone = self._merged_into(keep, b)
        if gone is None:
            raise InputError(f"nothing called {b!r} is merged into {keep['name']!r}")
        self._undo(keep["id"], gone["id"])
        return self._record("undo", keep, gone)

    def settle(self) -> dict[str, int]:
        """What ingest runs after each batch: fold re-created ids, replay judgements, merge automatically."""
        return {"refolded": self.fold(), "judged": self.replay(), "automatic": self.automatic()}

    def fold(self) -> int:
        """Merge again every entity a load created under a merged-away id, so no duplicate stays.

        Loads write what extraction found, ids and all; folding afterwards moves the new
        claims and mentions with their origin recorded, so an undo later takes them along.
        """
        moved = gm.redirects(self.store)
        back = self.store.run(reads.RECREATED)
        for row in back:
            self._merge(gm.final_id(row["id"], moved), row["id"], moved[row["id"]]["how"], row["reason"] or "",
                        across_types=True)
        return len(back)

    def replay(self) -> int:
        """Bring the store in line with the judgements file; how many merges or splits it made."""
        changes = 0
        moved: dict[str, dict] | None = None  # read again only after the store changed
        for j in self.judgements().values():
            if moved is None:
                moved = gm.redirects(self.store)
            fa, fb = gm.final_id(j.a, moved), gm.final_id(j.b, moved)
            if j.action == "merge":
                if fa == fb or gm.entity(self.store, fa) is None:
                    continue
                if j.b in moved:
                    self._undo(fb, j.b)
                    moved = None
                if gm.entity(self.store, j.b) is not None:
                    self._merge(fa, j.b, gm.JUDGED, "judgement", across_types=True)
                    moved = None
                    changes += 1
            elif fa == fb:
                for x in (j.b, j.a):
                    if x in moved:
                        self._undo(fa, x)
                        moved = None
                        changes += 1
                        break
        return changes

    def automatic(self) -> int:
        """Conservative merges over the whole store, repeated while they find more."""
        blocked = self.blocked()
        done = 0
        for _ in range(MAX_ROUNDS):
            found = actors(self.store)
            if self._revisit(found):
                found = actors(self.store)
            merges = exact_merges(found, blocked)
            merges += person_merges([a for a in found if a.type == "Person"], blocked)
            merges += alias_merges([a for a in found if a.type != "Person"], blocked, canonical_names())
            gone: set[str] = set()
            for keep, loser, why in merges:
                if keep.id in gone or loser.id in gone:
                    continue
                self._merge(keep.id, loser.id, gm.AUTOMATIC, why)
                gone.add(loser.id)
            done += len(gone)
            if not gone:
                break
        return done

    def _revisit(self, found: list[Actor]) -> int:
        """Split automatic surname merges that no longer hold (a second "X Howard" came); how many."""
        moved = gm.redirects(self.store)
        by_surname = full_names([a for a in found if a.type == "Person"])
        exact = {a.id: exact_key(a.type, a.name) for a in found}
        undone = 0
        for r in sorted(moved.values(), key=lambda r: r["id"]):
            short = Actor(r["id"], r["name"] or "", r["type"], list(r["aliases"] or []))
            final = gm.final_id(r["id"], moved)
            if r["how"] != gm.AUTOMATIC or not short.short or exact.get(final) == exact_key(short.type, short.name):
                continue
            full = surname_match(short, by_surname)
            if full is None or full.id != final:
                self._undo(final, r["id"])
                undone += 1
        return undone

    def _merge(self, into: str, gone: str, how: str, reason: str, across_types: bool = False) -> None:
        """`across_types`: a judgement (or the Redirect it left) chose the type, so two types may merge."""
        gm.merge(self.store, into, gone, how=how, reason=reason, batch_size=self.batch_size,
                 across_types=across_types)

    def _undo(self, into: str, gone: str) -> None:
        gm.undo(self.store, into, gone, batch_size=self.batch_size)

    def _merged_into(self, keep: dict, name: str) -> dict | None:
        """The merged-away entity that an id or name denotes, if it went into `keep`."""
        moved = gm.redirects(self.store)
        key = name_key(name)
        for r in sorted(moved.values(), key=lambda r: r["id"]):
            if (r["id"] == name or name_key(r["name"] or "") == key) and gm.final_id(r["id"], moved) == keep["id"]:
                return {"id": r["id"], "name": r["name"]}
        return None

    def _record(self, action: str, keep: dict, gone: dict) -> dict:
        judgement = jfile.Judgement(action, keep["id"], gone["id"], [keep["name"], gone["name"]], gm.now())
        jfile.append(self.path, judgement)
        return {"action": action, "a": keep["name"], "b": gone["name"], "judgements": str(self.path)}
