"""Extraction batches as Parquet tables, and back: what `extract --format parquet` writes and `load` reads.

A folder holds four tables, each a sub-folder of one file per extraction batch, the same
part name in each (`claims/part-00000.parquet` goes with `articles/part-00000.parquet`):

    articles  id, title, text, url, published, source, author, full_id, hash
    entities  id, name, type, aliases (list of strings)
    mentions  article, entity: which actors each article names
    claims    subject, type, object, article, evidence, confidence, former, start, end, date, rule

A part is what one ingest batch loads (`core.records`, field for field), so loading the parts
in order writes what ingest would have. The columns and their types are fixed here
(docs/parquet.md), so pandas, DuckDB or Spark read the folder as one dataset per table.
Every file is checked when read: a missing, damaged or ill-typed one is one error naming it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from polgraph.core.errors import InputError, PolGraphError
from polgraph.core.records import ENTITY_TYPES, Article, Claim, Entity
from polgraph.graph import schema as schema_mod

_TEXT = pa.string()
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([("id", _TEXT), ("title", _TEXT), ("text", _TEXT), ("url", _TEXT), ("published", _TEXT),
                           ("source", _TEXT), ("author", _TEXT), ("full_id", _TEXT), ("hash", _TEXT)]),
    "entities": pa.schema([("id", _TEXT), ("name", _TEXT), ("type", _TEXT), ("aliases", pa.list_(_TEXT))]),
    "mentions": pa.schema([("article", _TEXT), ("entity", _TEXT)]),
    "claims": pa.schema([("subject", _TEXT), ("type", _TEXT), ("object", _TEXT), ("article", _TEXT),
                         ("evidence", _TEXT), ("confidence", pa.float64()), ("former", pa.bool_()),
                         ("start", pa.int64()), ("end", pa.int64()), ("date", _TEXT), ("rule", _TEXT)]),
}
TABLES = tuple(SCHEMAS)
PART = "part-{:05d}.parquet"


@dataclass
class Part:
    """One extraction batch read back: the records ingest would have loaded together."""

    name: str
    articles: list[Article]
    entities: list[Entity]
    claims: list[Claim]


def write_part(folder: Path, index: int, articles: Sequence[Article], entities: Sequence[Entity],
               claims: Sequence[Claim]) -> None:
    """Write one batch as part `index` of each table under `folder`."""
    rows = {
        "articles": [{**a.meta(), "text": a.text} for a in articles],
        "entities": [{"id": e.id, "name": e.name, "type": e.type, "aliases": e.aliases} for e in entities],
        "mentions": [{"article": aid, "entity": e.id} for e in entities for aid in e.articles],
        "claims": [vars(c) for c in claims],
    }
    for table, schema in SCHEMAS.items():
        path = folder / table / PART.format(index)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(pa.Table.from_pylist(rows[table], schema=schema), path)
        except OSError as exc:
            raise PolGraphError(f"cannot write {path}: {exc}") from None


def prepare(folder: Path) -> None:
    """Make sure `folder` can take a new set of tables: parts of an earlier run would be read with these."""
    old = [p for t in TABLES for p in (folder / t).glob("part-*.parquet")]
    if old:
        raise InputError(f"{folder} already holds Parquet tables ({old[0]}): write to a new or empty folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PolGraphError(f"cannot create folder {folder}: {exc.strerror}") from None


def read_parts(folder: Path) -> list[Part]:
    """Every part under `folder`, in order, checked: a file missing, damaged or of the wrong
    columns, or a claim or mention naming an actor no entities file holds, is an InputError."""
    if not (folder / "articles").is_dir():
        raise InputError(f"{folder}: no Parquet tables here (no articles/ folder); "
                         "write them with polgraph extract --format parquet -o FOLDER")
    names = sorted(p.name for p in (folder / "articles").glob("part-*.parquet"))
    if not names:
        raise InputError(f"{folder / 'articles'}: no part-*.parquet files")
    parts = [_part(folder, name) for name in names]
    _check_ends(folder, parts)
    return parts


def _part(folder: Path, name: str) -> Part:
    rows = {table: _rows(folder / table / name, schema) for table, schema in SCHEMAS.items()}
    claims_file = folder / "claims" / name
    try:
        claims = [Claim(**r) for r in rows["claims"]]
        entities = {r["id"]: Entity(name=r["name"], type=r["type"], aliases=r["aliases"] or [], id=r["id"])
                    for r in rows["entities"]}
    except TypeError as exc:
        raise InputError(f"{claims_file}: {exc}") from None
    allowed = schema_mod.load().claim_types
    for where, bad in ((folder / "entities" / name, [e.type for e in entities.values() if e.type not in ENTITY_TYPES]),
                       (claims_file, [c.type for c in claims if c.type not in allowed])):
        if bad:
            raise InputError(f"{where}: unknown type {bad[0]!r}")
    for r in rows["mentions"]:
        if r["entity"] not in entities:
            raise InputError(f"{folder / 'mentions' / name}: actor {r['entity']!r} is not in {folder / 'entities' / name}")
        entities[r["entity"]].articles.append(r["article"])
    articles = [Article(**{k: v for k, v in r.items() if k != "hash"}) for r in rows["articles"]]
    return Part(name, articles, list(entities.values()), claims)


def _rows(path: Path, schema: pa.Schema) -> list[dict]:
    """The rows of one file, in the schema's columns and types; one error naming the file otherwise."""
    if not path.is_file():
        raise InputError(f"{path}: missing (every table needs a file for each part)")
    try:
        table = pq.read_table(path)
        missing = [f.name for f in schema if f.name not in table.column_names]
        if missing:
            raise InputError(f"{path}: no column {missing[0]!r}")
        return table.select(schema.names).cast(schema).to_pylist()
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{path}: not a readable polgraph Parquet table ({' '.join(str(exc).split())})") from None


def _check_ends(folder: Path, parts: Iterable[Part]) -> None:
    """Every claim joins actors of its own part: what the loader and the bulk insert rely on."""
    for part in parts:
        ids = {e.id for e in part.entities}
        for c in part.claims:
            for end in (c.subject, c.object):
                if end not in ids:
                    raise InputError(f"{folder / 'claims' / part.name}: actor {end!r} of a {c.type} claim "
                                     f"is not in {folder / 'entities' / part.name}")
