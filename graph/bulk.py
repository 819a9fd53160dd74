"""A first load into an empty embedded store through FalkorDB's bulk insert (`GRAPH.BULK`).

The MERGE path (`loader`) costs an index seek or a MERGE per row, on FalkorDB's one writer
thread; `GRAPH.BULK` builds the graph from binary node and edge blocks, each edge given by
the internal ids of its ends. The blocks are made by the `falkordb-bulk-loader` package
from CSV files, through its own classes (its command line would need a redis URL, and
exits the process on an error), on polgraph's own connection to the store's unix socket.

What is inserted is what the MERGE path would have written after loading the parts in
order (`fold`): entities with the name of the last part that named them and their aliases
as `merge_entities` orders them, an Alias node per name key and an ALIAS_OF edge to each
entity bearing it, claims once per (subject, type, object, article), MENTIONS, and the
ranking counts computed by `counts.increment_rows`, the loader's own arithmetic, over
the whole graph. The loader's CSV reader strips every value, reads an empty cell as no
value, a carriage return as a newline and array items as numbers where they look like
one: the few values it would change are written again afterwards by parameterised
statements (`fix_up`). Schema, `title_lower`, store-wide merges and the stored marks are
the caller's (`PolGraph.load`), as after an ingest batch.
"""
from __future__ import annotations

import contextlib
import csv
import io
import locale
import sys
import tempfile
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from polgraph.core.errors import StoreError, one_line
from polgraph.core.records import Article, Claim, Entity
from polgraph.graph import counts, reads, writes
from polgraph.graph import schema as schema_mod
from polgraph.graph.labels import ALIAS, ALIAS_OF, ARTICLE, ENTITY, MENTIONS
from polgraph.graph.loader import alias_forms, chunks
from polgraph.graph.neo4j_csv import write_csv
from polgraph.graph.store import Store

ARTICLE_COLUMNS = ("title", "url", "published", "source", "author", "full_id")
# header types of the claim properties in the loader's CSV schema
CLAIM_TYPES = {"confidence": "DOUBLE", "former": "BOOL", "start": "INT", "end": "INT"}


@dataclass
class Folded:
    """The graph the MERGE path would leave after loading parts in order, before any store-wide merge."""

    entities: dict[str, Entity] = field(default_factory=dict)  # id -> name, type, aliases as stored
    keys: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # id -> alias keys linked
    articles: dict[str, Article] = field(default_factory=dict)
    mentions: dict[tuple[str, str], None] = field(default_factory=dict)  # (article, entity), ordered
    claims: dict[tuple[str, str, str, str], Claim] = field(default_factory=dict)


def fold(parts: Iterable[tuple[Sequence[Article], Sequence[Entity], Sequence[Claim]]]) -> Folded:
    """Fold (articles, entities, claims) parts as successive loads would write them."""
    out = Folded()
    for articles, entities, claims in parts:
        loaded = {a.id for a in articles}
        for a in articles:
            out.articles[a.id] = a
        for e in entities:
            _merge_entity(out, e)
            out.mentions.update(((aid, e.id), None) for aid in e.articles if aid in loaded)
        out.claims.update(((c.subject, c.type, c.object, c.article), c) for c in claims)
    return out


def _merge_entity(out: Folded, e: Entity) -> None:
    """What `writes.merge_entities` does with one row: nothing if it brings no new name form, else
    the row's name, and the aliases it had that the row lacks before the row's, sorted."""
    forms = alias_forms(e)
    out.keys[e.id].update(key for _, key in forms)
    old = out.entities.get(e.id)
    if old and old.name == e.name and all(f == old.name or f in old.aliases for f, _ in forms):
        return
    new = sorted(set(e.aliases))
    kept = [x for x in old.aliases if x not in new] if old else []
    out.entities[e.id] = Entity(name=e.name, type=e.type, aliases=kept + new, id=e.id)


def usable(store: Store) -> bool:
    """Whether a load may bulk-insert: the embedded FalkorDB with nothing in the graph, and a
    locale whose encoding is UTF-8 (the bulk loader opens its CSV files in the locale's)."""
    from polgraph.graph.falkor import FalkorStore

    utf8 = sys.flags.utf8_mode or locale.getpreferredencoding(False).lower().replace("-", "") == "utf8"
    if not (isinstance(store, FalkorStore) and store.server is not None and utf8):
        return False
    return store.run(reads.NODE_COUNT)[0]["c"] == 0


def insert(store: Any, graph: Folded) -> None:
    """Bulk-insert a folded graph into the empty graph of a FalkorStore, made anew without its
    indexes; on failure the graph is deleted again (it was empty). `fix_up` comes next."""
    store.clear()  # an empty graph may still exist (indexes, a read): GRAPH.BULK makes a new one
    try:
        with tempfile.TemporaryDirectory(prefix="polgraph-bulk-") as tmp:
            nodes, edges = _write_files(Path(tmp), graph)
            _bulk(store, nodes, edges)
    except Exception as exc:
        store.clear()
        if isinstance(exc, StoreError):
            raise
        raise StoreError(f"the bulk insert into {store.display_uri} failed, nothing was kept: "
                         f"{type(exc).__name__}: {one_line(exc)}") from None


def _bulk(store: Any, nodes: list[tuple[str, Path]], edges: list[tuple[str, Path]]) -> None:
    """Run falkordb-bulk-loader over the files on the store's own connection (its unix socket)."""
    from falkordb_bulk_loader.bulk_insert import process_entities
    from falkordb_bulk_loader.config import Config
    from falkordb_bulk_loader.label import Label
    from falkordb_bulk_loader.query_buffer import QueryBuffer
    from falkordb_bulk_loader.relation_type import RelationType

    config = Config(enforce_schema=True, quoting=csv.QUOTE_MINIMAL, escapechar="none", store_node_identifiers=True)
    buffer = QueryBuffer(store.graph.name, store.db.connection, config)
    # its progress bars print their labels on standard output, which is the command's
    with contextlib.redirect_stdout(io.StringIO()):
        process_entities([Label(buffer, str(path), label, config) for label, path in nodes])
        process_entities([RelationType(buffer, str(path), rel, config) for rel, path in edges])
        buffer.send_buffer()
        buffer.wait_pool()


def _write_files(folder: Path, graph: Folded) -> tuple[list[tuple[str, Path]], list[tuple[str, Path]]]:
    """The loader's CSV files: (label or type, path) of the node files, then of the edge files."""
    sch = schema_mod.load()
    counted = _counts(graph.claims.values())
    by_type: dict[str, list[Entity]] = defaultdict(list)
    for e in graph.entities.values():
        by_type[e.type].append(e)
    nodes = [(f"{ENTITY}:{t}", write_csv(folder / f"entity-{t}.csv",
                                   ["id:ID(Entity)", "name:STRING", "type:STRING", "aliases:ARRAY",
                                    *(f"{p}:INT" for p in counts.PROPERTIES)],
                                   ([e.id, e.name, e.type, repr(e.aliases), *(counted[e.id].get(p) for p in
                                                                              counts.PROPERTIES)] for e in es)))
             for t, es in by_type.items()]
    nodes.append((ARTICLE, write_csv(folder / "articles.csv",
                                ["id:ID(Article)", *(f"{c}:STRING" for c in ARTICLE_COLUMNS)],
                                ([a.id, *(getattr(a, c) for c in ARTICLE_COLUMNS)] for a in graph.articles.values()))))
    keys = sorted({k for ks in graph.keys.values() for k in ks})
    nodes.append((ALIAS, write_csv(folder / "aliases.csv", ["key:ID(Alias)"], ([k] for k in keys))))
    props = [f"{p}:{CLAIM_TYPES.get(p, 'STRING')}" for p in sch.claim_properties]
    by_rel: dict[str, list[Claim]] = defaultdict(list)
    for c in graph.claims.values():
        by_rel[c.type].append(c)
    edges = [(t, write_csv(folder / f"claims-{t}.csv", [":START_ID(Entity)", ":END_ID(Entity)", *props],
                      ([c.subject, c.object, *(getattr(c, p) for p in sch.claim_properties)] for c in cs)))
             for t, cs in by_rel.items()]
    edges.append((MENTIONS, write_csv(folder / "mentions.csv", [":START_ID(Article)", ":END_ID(Entity)"], graph.mentions)))
    edges.append((ALIAS_OF, write_csv(folder / "alias_of.csv", [":START_ID(Alias)", ":END_ID(Entity)"],
                                 ((k, eid) for eid, ks in graph.keys.items() for k in sorted(ks)))))
    return nodes, edges


def _counts(claims: Iterable[Claim]) -> dict[str, dict[str, int]]:
    """Each entity's ranking counts over all the claims: the increments of a load into an empty store."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for (direction, rel_type, whats), rows in counts.increment_rows(claims, set()).items():
        for entity, *steps in rows:
            out[entity].update((counts.prop(direction, rel_type, w), n) for w, n in zip(whats, steps))
    return out


# ---- the values the CSV path changes ----------------------------------------------------------

def exact(value: Any) -> bool:
    """Whether the loader's CSV path stores `value` unchanged: it strips strings, reads an empty
    one as no value, and opens files with universal newlines (a CR becomes LF)."""
    return not isinstance(value, str) or (value != "" and value == value.strip() and "\r" not in value)


def exact_item(value: str) -> bool:
    """Whether an array item comes back the string it was: the loader infers each item's type
    (`"12"` becomes a number, `"true"` a boolean) with the same encoder this asks."""
    from falkordb_bulk_loader.entity_file import Type, inferred_prop_to_binary

    return exact(value) and inferred_prop_to_binary(value)[0] == Type.STRING.value


def fix_up(graph: Folded, batch_size: int) -> Iterator[tuple[str, dict]]:
    """Statements that write the values `exact` refuses as they are, through the MERGE path's own
    statements where it has one: entities' name and aliases, articles, claims."""
    ents = [[e.id, e.name, e.aliases] for e in graph.entities.values()
            if not (exact(e.name) and all(exact_item(a) for a in e.aliases))]
    arts = [a.meta(with_hash=False) for a in graph.articles.values()
            if not all(exact(getattr(a, c)) for c in ARTICLE_COLUMNS)]
    claims: dict[str, list] = defaultdict(list)
    for c in graph.claims.values():
        if not all(exact(getattr(c, p)) for p in schema_mod.load().claim_properties):
            claims[c.type].append([getattr(c, p) for p in writes.CLAIM_COLUMNS])
    for rows in chunks(ents, batch_size):
        yield writes.SET_ENTITY_VALUES, {"rows": list(rows)}
    for rows in chunks(arts, batch_size):
        yield writes.MERGE_ARTICLES, {"rows": list(rows), "load": uuid.uuid4().hex}
    for rel_type, rows in claims.items():
        for chunk in chunks(rows, batch_size):
            yield writes.merge_claims(rel_type, fresh=False), {"rows": list(chunk)}
