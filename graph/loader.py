"""Batched, idempotent loading: parameterised `UNWIND ... MERGE`, the same Cypher on every store.

Entities are merged on their stable id, claims on (subject, type, object, article), so
loading the same extraction twice leaves the graph as it was. A load first merges its
articles and learns which ones it created: their claims and mentions cannot exist yet
and are CREATEd, which is cheaper than MERGE; anything else is MERGEd. An article's
`hash` is written last, after its entities, claims and mentions: an article only counts
as stored once everything it yielded is in, which is what makes an interrupted ingest
resumable (the rerun finds the article there, so it merges).
"""
from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import Any, Iterable, Iterator, Sequence

from polgraph.core.errors import PolGraphError
from polgraph.core.names import name_key
from polgraph.core.records import Article, Claim, Entity
from polgraph.graph import counts, reads, writes
from polgraph.graph.store import Store


@dataclass
class LoadStats:
    articles: int = 0
    entities: int = 0
    relations: int = 0


def chunks(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


_claim_row = attrgetter(*writes.CLAIM_COLUMNS)  # a tuple, sent as a list


# How many entities a loader remembers as stored before it starts over.
ENTITY_MEMORY = 500_000


class Loader:
    """Writes extractions into a store in batches of at most `batch_size` rows.

    Loads into one store take turns: hold `Store.writer()` around `load` and `mark_stored`
    (ingest does). Claims of articles a load created are CREATEd and ranking counts are
    added to, both sound only while no other load writes the same articles and actors.

    A loader remembers the entities it wrote (id, name and name forms), so an actor that
    comes back batch after batch with nothing new is not sent again: its claims find it
    by id. Should one have gone from the store meanwhile, the claims that need it fail
    loudly (their ends are OPTIONAL MATCHed), and the load is redone with every entity.
    """

    def __init__(self, store: Store, batch_size: int) -> None:
        self.store = store
        self.batch_size = batch_size
        self._stored: dict[str, tuple[str, set[str]]] = {}  # id -> (name, name forms) written

    def forget(self) -> None:
        """Forget which entities are stored: what to call after something else changed them."""
        self._stored.clear()

    def stored(self, articles: Iterable[Article]) -> set[str]:
        """Ids of the given articles already stored with the same content hash (see also `twins`)."""
        wanted = {a.id: a.hash for a in articles}
        found: set[str] = set()
        for ids in chunks(list(wanted), self.batch_size):
            for row in self.store.run(reads.STORED_HASHES, {"ids": list(ids)}):
                if wanted.get(row["id"]) == row["hash"]:
                    found.add(row["id"])
        return found

    def twins(self, articles: Iterable[Article]) -> dict[str, str]:
        """Of the given articles, those whose text (`Article.text_hash`) is stored under another
        id: article id -> the stored article's id. One read per `batch_size` articles."""
        wanted: dict[str, list[str]] = defaultdict(list)
        for a in articles:
            if a.text_hash:  # no text, no twin
                wanted[a.text_hash].append(a.id)
        stored: dict[str, set[str]] = defaultdict(set)
        for hashes in chunks(list(wanted), self.batch_size):
            for row in self.store.run(reads.STORED_TEXTS, {"hashes": list(hashes)}):
                stored[row["text_hash"]].add(row["id"])
        return {aid: min(ids) for text, ids in stored.items() for aid in wanted[text] if aid not in ids}

    def load(self, articles: Sequence[Article], entities: Sequence[Entity], relations: Sequence[Claim],
             *, mark: bool = True) -> LoadStats:
        """Write an extraction; with `mark`, end by marking its articles stored (see `mark_stored`)."""
        try:
            self._write(articles, entities, relations)
        except PolGraphError:
            if not self._stored:
                raise
            self.forget()  # an entity taken for stored may have gone: write them all again
            self._write(articles, entities, relations)
        if mark:
            self.mark_stored(articles, relations)
        return LoadStats(len(articles), len(entities), len(relations))

    def _write(self, articles: Sequence[Article], entities: Sequence[Entity], relations: Sequence[Claim]) -> None:
        fresh = self._create_articles(articles)
        claims = unique_claims(relations)
        known = self._known_pairs([r for r in claims if r.article in fresh and r.type in counts.COUNTED])
        new = [(e, alias_forms(e)) for e in entities if self._brings_news(e)]
        self.store.write_all(self._statements(articles, entities, new, claims, fresh, known))
        if len(self._stored) + len(new) > ENTITY_MEMORY:
            self.forget()
        for e, forms in new:
            _, known_forms = self._stored.get(e.id, ("", set()))
            self._stored[e.id] = (e.name, known_forms | {f for f, _ in forms})

    def _brings_news(self, entity: Entity) -> bool:
        """Whether the entity is not known to be stored with this name and these name forms (`alias_forms`).

        Every actor of a load is asked, so the answer for one already stored as it is comes
        from its surface forms, without normalising any: a name stored is among the forms
        stored, and an alias already known has its form known.
        """
        name, known = self._stored.get(entity.id, (None, set()))
        if name != entity.name:
            return True
        return not (known.issuperset(entity.aliases) or known.issuperset(f for f, _ in alias_forms(entity)))

    def _create_articles(self, articles: Sequence[Article]) -> set[str]:
        """Merge the article nodes; the ids of those this load created, whose claims cannot exist yet.

        The token tells this load's creations from another's: two loads of one article at
        once both MERGE it, and only the one whose MERGE created it sees its own token.
        """
        token = uuid.uuid4().hex
        fresh: set[str] = set()
        for rows in chunks([a.meta(with_hash=False) for a in articles], self.batch_size):  # hashed when marked
            result = self.store.run(writes.MERGE_ARTICLES, {"rows": list(rows), "load": token}, write=True)
            fresh.update(r["id"] for r in result if r["fresh"])
        return fresh

    def _known_pairs(self, claims: Sequence[Claim]) -> set[tuple[str, str, str]]:
        """The (subject, type, object) of these claims that claims already in the store join."""
        pairs: dict[str, list[list[str]]] = defaultdict(list)
        for subject, rel_type, obj in dict.fromkeys((r.subject, r.type, r.object) for r in claims):
            pairs[rel_type].append([subject, obj])
        known: set[tuple[str, str, str]] = set()
        for rel_type, rows in pairs.items():
            for chunk in chunks(rows, self.batch_size):
                known.update((r["subject"], rel_type, r["object"])
                             for r in self.store.run(reads.joined_pairs(rel_type), {"pairs": list(chunk)}))
        return known

    def _statements(self, articles: Sequence[Article], entities: Sequence[Entity],
                    new: Sequence[tuple[Entity, list[list[str]]]],
                    claims: Sequence[Claim], fresh: set[str], known_pairs: set[tuple[str, str, str]]
                    ) -> Iterator[tuple[str, dict]]:
        """The load's statements in order: `new` entities (with their `alias_forms`), claims,
        count increments or recounts, mentions.

        A generator, so each statement's rows are built while the store runs the last one.
        """
        by_type: dict[str, list[dict]] = defaultdict(list)
        for e, forms in new:
            by_type[e.type].append({"id": e.id, "name": e.name, "type": e.type, "aliases": sorted(set(e.aliases)),
                                    "forms": forms})
        for label, rows in by_type.items():
            yield from self._batches(writes.merge_entities(label), rows)

        for is_fresh in (True, False):
            part = [r for r in claims if (r.article in fresh) == is_fresh]
            by_type = defaultdict(list)
            for r in part:
                by_type[r.type].append(_claim_row(r))
            for rel_type, rows in by_type.items():
                yield from self._batches(writes.merge_claims(rel_type, fresh=is_fresh), rows)
            if is_fresh:
                for change, rows in counts.increment_rows(part, known_pairs).items():
                    yield from self._batches(writes.increment_counts(change), rows)
            else:
                yield from writes.count_refreshes(counts.touched(part), self.batch_size)

        mentions: dict[str, set[str]] = defaultdict(set)
        for e in entities:
            for article_id in e.articles:
                mentions[article_id].add(e.id)
        for is_fresh in (True, False):
            rows = [[a.id, sorted(mentions[a.id])] for a in articles if (a.id in fresh) == is_fresh and mentions[a.id]]
            yield from self._batches(writes.link_mentions(fresh=is_fresh), rows)

    def mark_stored(self, articles: Sequence[Article], relations: Iterable[Claim]) -> None:
        """Write the articles' content hashes and claim counts, all in one statement, whatever the batch size.

        Articles loaded together were resolved together: marked one by one, a kill between
        two marks would make the rerun resolve the unmarked rest on its own, and name actors
        differently from one clean run. All or none, the rerun redoes exactly this load.
        """
        claims = Counter(r.article for r in unique_claims(relations))
        rows = [{"id": a.id, "hash": a.hash, "text_hash": a.text_hash, "claims": claims[a.id]} for a in articles]
        self.store.run(writes.MARK_STORED, {"rows": rows}, write=True)

    def _batches(self, statement: str, rows: Sequence[Any]) -> Iterator[tuple[str, dict]]:
        for chunk in chunks(rows, self.batch_size):
            yield statement, {"rows": list(chunk)}


def unique_claims(relations: Iterable[Claim]) -> list[Claim]:
    """One relation per (subject, type, object, article), the last given: what MERGE then SET would leave."""
    return list({(r.subject, r.type, r.object, r.article): r for r in relations}.values())


def alias_keys(entity: Entity) -> list[str]:
    """Every lookup key of an entity: its name and aliases, normalised; empty keys dropped."""
    return sorted({key for _, key in alias_forms(entity)})


def alias_forms(entity: Entity) -> list[list[str]]:
    """[surface, key] for the entity's name and each alias whose key is not empty."""
    return [[form, key] for form in dict.fromkeys([entity.name, *entity.aliases]) if (key := _key(form))]


# Popular actors come back in every batch: their keys are worth remembering.
_key = lru_cache(maxsize=1 << 16)(name_key)
