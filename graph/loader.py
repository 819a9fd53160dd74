"""Batched, idempotent loading: parameterised `UNWIND ... MERGE`, the same Cypher on every store.

Entities are merged on their stable id, claims on (subject, type, object, article), so
loading the same extraction twice leaves the graph as it was. An article's `hash` is
written last, after its entities, claims and mentions: an article only counts as stored
once everything it yielded is in, which is what makes an interrupted ingest resumable.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator, Sequence

from polgraph.graph import counts
from polgraph.graph import schema as schema_mod
from polgraph.graph.store import Store
from polgraph.ingest.model import Article, Entity, Relation, name_key


@dataclass
class LoadStats:
    articles: int = 0
    entities: int = 0
    relations: int = 0


def chunks(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def entity_statement(label: str) -> str:
    """Merge entities of one label and their Alias nodes, writing only what is new.

    Each row's `forms` are [surface, key] for its name and aliases. A form the node
    already has as name or alias was linked by an earlier load, so an actor that comes
    back batch after batch with nothing new costs one index seek and never reaches MERGE
    (a MERGE that matches costs four times a seek on FalkorDB).
    """
    sch = schema_mod.load()
    sch.node(label)  # only schema labels ever reach the Cypher text
    return (
        f"UNWIND $rows AS row OPTIONAL MATCH (old:{sch.entity_label} {{id: row.id}}) "
        "WITH row, old WHERE old IS NULL OR old.name <> row.name "
        "OR any(f IN row.forms WHERE f[0] <> old.name AND NOT f[0] IN coalesce(old.aliases, [])) "
        f"MERGE (n:{sch.entity_label}:{label} {{id: row.id}}) "
        "WITH n, row, [f IN row.forms WHERE f[0] <> coalesce(n.name, '') "
        "AND NOT f[0] IN coalesce(n.aliases, [])] AS fresh "
        "SET n.name = row.name, n.type = row.type, "
        "n.aliases = [x IN coalesce(n.aliases, []) WHERE NOT x IN row.aliases] + row.aliases "
        "WITH n, fresh UNWIND fresh AS f MERGE (a:Alias {key: f[1]}) MERGE (a)-[:ALIAS_OF]->(n)"
    )


def claim_statement(rel_type: str) -> str:
    sch = schema_mod.load()
    if rel_type not in sch.claim_types:
        raise ValueError(f"{rel_type!r} is not a claim type of the schema")
    props = ", ".join(f"r.{p} = row.{p}" for p in sch.claim_properties if p != "article")
    return (
        f"UNWIND $rows AS row MATCH (s:{sch.entity_label} {{id: row.subject}}) "
        f"MATCH (o:{sch.entity_label} {{id: row.object}}) "
        f"MERGE (s)-[r:{rel_type} {{article: row.article}}]->(o) SET {props}"
    )


ARTICLE_STATEMENT = (
    "UNWIND $rows AS row MERGE (a:Article {id: row.id}) "
    "SET a.title = row.title, a.url = row.url, a.published = row.published, "
    "a.source = row.source, a.author = row.author "
    "WITH a, row UNWIND row.mentions AS eid MATCH (e:Entity {id: eid}) MERGE (a)-[:MENTIONS]->(e)"
)

# Written last: the mark that everything the article yielded is stored.
ARTICLE_DONE_STATEMENT = "UNWIND $rows AS row MATCH (a:Article {id: row.id}) SET a.hash = row.hash"

STORED_STATEMENT = (
    "UNWIND $ids AS id MATCH (a:Article {id: id}) WHERE a.hash IS NOT NULL RETURN a.id AS id, a.hash AS hash"
)


class Loader:
    """Writes extractions into a store in batches of at most `batch_size` rows."""

    def __init__(self, store: Store, batch_size: int) -> None:
        self.store = store
        self.batch_size = batch_size

    def stored(self, articles: Iterable[Article]) -> set[str]:
        """Ids of the given articles already stored with the same content hash."""
        wanted = {a.id: a.hash for a in articles}
        found: set[str] = set()
        for ids in chunks(list(wanted), self.batch_size):
            for row in self.store.run(STORED_STATEMENT, {"ids": list(ids)}):
                if wanted.get(row["id"]) == row["hash"]:
                    found.add(row["id"])
        return found

    def load(self, articles: Sequence[Article], entities: Sequence[Entity], relations: Sequence[Relation],
             *, mark: bool = True) -> LoadStats:
        """Write an extraction; with `mark`, end by marking its articles stored (see `mark_stored`)."""
        self.store.write_all(self._statements(articles, entities, relations))
        if mark:
            self.mark_stored(articles)
        return LoadStats(len(articles), len(entities), len(relations))

    def _statements(self, articles: Sequence[Article], entities: Sequence[Entity],
                    relations: Sequence[Relation]) -> Iterator[tuple[str, dict]]:
        """The load's statements in order: entities, claims, their ranking counts, articles.

        A generator, so each statement's rows are built while the store runs the last one.
        """
        by_type: dict[str, list[dict]] = defaultdict(list)
        for e in entities:
            by_type[e.type].append({"id": e.id, "name": e.name, "type": e.type, "aliases": sorted(set(e.aliases)),
                                    "forms": alias_forms(e)})
        for label, rows in by_type.items():
            yield from self._batches(entity_statement(label), rows)

        claims: dict[str, list[dict]] = defaultdict(list)
        props = schema_mod.load().claim_properties
        for r in relations:
            row = {p: getattr(r, p) for p in props}
            row.update(subject=r.subject, object=r.object)
            claims[r.type].append(row)
        for rel_type, rows in claims.items():
            yield from self._batches(claim_statement(rel_type), rows)
        yield from counts.refresh_statements(counts.touched(relations), self.batch_size)

        mentions: dict[str, list[str]] = defaultdict(list)
        for e in entities:
            for article_id in e.articles:
                mentions[article_id].append(e.id)
        article_rows = [{**a.meta(), "mentions": sorted(set(mentions[a.id]))} for a in articles]
        yield from self._batches(ARTICLE_STATEMENT, article_rows)

    def mark_stored(self, articles: Sequence[Article]) -> None:
        """Write the articles' content hashes, all in one statement, whatever the batch size.

        Articles loaded together were resolved together: marked one by one, a kill between
        two marks would make the rerun resolve the unmarked rest on its own, and name actors
        differently from one clean run. All or none, the rerun redoes exactly this load.
        """
        self.store.run(ARTICLE_DONE_STATEMENT, {"rows": [{"id": a.id, "hash": a.hash} for a in articles]}, write=True)

    def _batches(self, statement: str, rows: Sequence[dict]) -> Iterator[tuple[str, dict]]:
        for chunk in chunks(rows, self.batch_size):
            yield statement, {"rows": list(chunk)}


def alias_keys(entity: Entity) -> list[str]:
    """Every lookup key of an entity: its name and aliases, normalised; empty keys dropped."""
    return sorted({key for _, key in alias_forms(entity)})


def alias_forms(entity: Entity) -> list[list[str]]:
    """[surface, key] for the entity's name and each alias whose key is not empty."""
    return [[form, key] for form in dict.fromkeys([entity.name, *entity.aliases]) if (key := _key(form))]


# Popular actors come back in every batch: their keys are worth remembering.
_key = lru_cache(maxsize=1 << 16)(name_key)
