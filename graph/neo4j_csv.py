"""CSV files that `neo4j-admin database import full` reads, and the command that reads them.

The folder holds the whole store, the alias lookup included, so the imported database
is a polgraph store as it stands: `polgraph --store neo4j://...` works on it at once
(it creates the constraints on first use). Ids live in one ID space per label family,
so an article id can never collide with an entity id. Arrays (aliases, labels) are
joined with U+001F, a character no name contains, and fields may span lines. Entities
carry the ranking counts of graph/counts.py and articles their `title_lower`, which the
ranking templates and article_summary read instead of aggregating or lower-casing.
"""
from __future__ import annotations

import csv
import shlex
from pathlib import Path
from typing import Any, Iterable, Sequence

from polgraph.core.errors import PolGraphError
from polgraph.graph import counts, reads
from polgraph.graph import schema as schema_mod
from polgraph.graph.store import Store

ARRAY_DELIMITER = "\x1f"
COMMAND_FILE = "import.sh"
RELATIONSHIP_FILES = ("claims.csv", "mentions.csv", "alias_of.csv")
ARTICLE_PROPERTIES = ("title", "title_lower", "url", "published", "source", "author", "hash", "text_hash")
# the ranking counts are integers, so `:long` for neo4j-admin
# neo4j-admin header types of the claim properties that are not strings
CLAIM_TYPES = {"confidence": "double", "former": "boolean", "start": "long", "end": "long"}


def write_import_folder(store: Store, folder: Path) -> list[Path]:
    """Write the node and relationship files and `import.sh` into `folder`; the paths written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PolGraphError(f"cannot create folder {folder}: {exc.strerror}") from None
    sch = schema_mod.load()
    props = sch.claim_properties
    files = {
        "entities.csv": _entity_file(store, sch.entity_label),
        "articles.csv": (["id:ID(Article)", *ARTICLE_PROPERTIES, ":LABEL"],
                         ([r["id"], *(r[p] for p in ARTICLE_PROPERTIES), "Article"]
                          for r in store.run(reads.articles_with(ARTICLE_PROPERTIES)))),
        "aliases.csv": (["key:ID(Alias)", ":LABEL"],
                        ([r["key"], "Alias"] for r in store.run(reads.ALIASES))),
        "claims.csv": ([":START_ID(Entity)", ":END_ID(Entity)", ":TYPE",
                        *(f"{p}:{CLAIM_TYPES[p]}" if p in CLAIM_TYPES else p for p in props)],
                       ([r["source"], r["target"], r["type"], *(csv_value((r["props"] or {}).get(p)) for p in props)]
                        for r in store.run(reads.CLAIMS, {"types": list(sch.claim_types)}))),
        "mentions.csv": ([":START_ID(Article)", ":END_ID(Entity)", ":TYPE"],
                         ([r["article"], r["entity"], "MENTIONS"] for r in store.run(reads.MENTION_PAIRS))),
        "alias_of.csv": ([":START_ID(Alias)", ":END_ID(Entity)", ":TYPE"],
                         ([r["a"], r["e"], "ALIAS_OF"] for r in store.run(reads.ALIAS_LINKS))),
    }
    written = [write_csv(folder / name, header, rows) for name, (header, rows) in files.items()]
    command = folder / COMMAND_FILE
    command.write_text(import_command(written), encoding="utf-8")
    command.chmod(0o755)
    return [*written, command]


def _entity_file(store: Store, label: str) -> tuple[list[str], Iterable[list[Any]]]:
    """Header and rows of entities.csv; a count the store lacks stays an empty cell, so the
    imported entity lacks it too, as the loader leaves it."""
    header = ["id:ID(Entity)", "name", "type", "aliases:string[]", *(f"{p}:long" for p in counts.PROPERTIES), ":LABEL"]
    rows = ([r["id"], r["name"], r["type"], _array(r["aliases"] or []), *(r[p] for p in counts.PROPERTIES),
             _array([label, r["type"]])] for r in store.run(reads.entities_with(counts.PROPERTIES)))
    return header, rows


def import_command(paths: Iterable[Path], database: str = "neo4j") -> str:
    """The shell script that imports the files into a new database (run it with Neo4j stopped)."""
    args = ["neo4j-admin database import full --array-delimiter=U+001F --multiline-fields=true"]
    for path in paths:
        kind = "relationships" if path.name in RELATIONSHIP_FILES else "nodes"
        args.append(f'--{kind}="$here/{path.name}"')
    return ("#!/bin/sh\n# Import this folder into a new Neo4j database; Neo4j must be stopped.\n"
            'here="$(cd "$(dirname "$0")" && pwd)"\n'
            + " \\\n  ".join(args) + f" {shlex.quote(database)}\n")


def write_csv(path: Path, header: list[str], rows: Iterable[Sequence[Any]]) -> Path:
    """A CSV file as neo4j-admin and falkordb-bulk-loader both read it: a header row, then the rows
    with `csv_value` cells."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows([csv_value(v) for v in row] for row in rows)
    return path


def _array(values: list[str]) -> str:
    return ARRAY_DELIMITER.join(v.replace(ARRAY_DELIMITER, " ") for v in values)


def csv_value(value: Any) -> Any:
    """Empty for missing (neo4j-admin and the bulk loader then set no property); booleans as both spell them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
