"""The graph out of the store: networkx first, which the views and the Gephi files build on,
and `export`, the one entry point for every file format.

networkx is imported where it is used: the CLI imports this module for its format names,
and every command would otherwise pay for loading it.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from polgraph.core.errors import InputError, PolGraphError
from polgraph.graph import reads
from polgraph.graph import schema as schema_mod
from polgraph.graph.store import Store

if TYPE_CHECKING:
    import networkx as nx

# what XML 1.0 allows: tab, LF, CR and the rest of Unicode but surrogates, U+FFFE and U+FFFF
XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
RDF_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}
NETWORKX_FORMATS = ("graphml", "gexf")
EXPORT_FORMATS = (*RDF_FORMATS, *NETWORKX_FORMATS, "csv")


def to_networkx(store: Store, ids: set[str] | None = None) -> nx.MultiDiGraph:
    """Entities as nodes (id, name, type, aliases), claims as keyed edges with their provenance.

    With `ids`, only those entities and the claims among them.
    """
    import networkx as nx

    graph = nx.MultiDiGraph()
    among = {"ids": sorted(ids)} if ids is not None else {}
    for row in store.run(reads.ENTITIES_AMONG if among else reads.ENTITIES, among):
        graph.add_node(row["id"], name=row["name"], type=row["type"], aliases=row["aliases"] or [])
    claims = reads.CLAIMS_AMONG if among else reads.CLAIMS
    for row in store.run(claims, {"types": list(schema_mod.load().claim_types), **among}):
        props = row["props"] or {}
        graph.add_edge(row["source"], row["target"], key=f"{row['type']}@{props.get('article')}",
                       type=row["type"], **props)
    return graph


def export(store: Store, fmt: str, output: Path | None = None) -> str | None:
    """Write the graph as `fmt` to `output`; without `output`, return the text instead.

    `csv` writes a folder of files for `neo4j-admin database import`, so it needs `output`.
    """
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "csv":
        if output is None:
            raise InputError("export --format csv writes a folder of files: give it with -o FOLDER")
        from polgraph.graph.neo4j_csv import write_import_folder

        write_import_folder(store, output)
        return None
    if fmt in RDF_FORMATS:
        from polgraph.graph.rdf import serialize, to_rdf

        text = serialize(to_rdf(store), RDF_FORMATS[fmt])
    else:
        text = "\n".join(_networkx_writer(fmt)(flat(to_networkx(store)))) + "\n"
    if output is None:
        return text
    write_text(Path(output), text)
    return None


def _networkx_writer(fmt: str):
    import networkx as nx

    return nx.generate_graphml if fmt == "graphml" else nx.generate_gexf


def write_text(path: Path, text: str) -> None:
    """Write a file; a path that cannot be written is a user error naming it."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise PolGraphError(f"cannot write {path}: {exc.strerror}") from None


def xml_text(text: str) -> str:
    """Text without the characters XML 1.0 forbids: one control character in an article's title
    would make the whole file unreadable to every XML parser. Used by every XML writer."""
    return XML_FORBIDDEN.sub("", text)


def flat(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy that GraphML and GEXF can hold: no missing values, lists as JSON text, a `label`,
    no character XML forbids (in ids and keys too).

    Gephi shows `label`; the aliases list becomes JSON text because neither format has lists;
    an edge's type is `relation`, because GEXF's own edge `type` means directed or not.
    """
    import networkx as nx

    out = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        out.add_node(xml_text(node), label=xml_text(data.get("name") or node), **_flat_values(data))
    for source, target, key, data in graph.edges(keys=True, data=True):
        values = _flat_values(data)
        values["relation"] = values.pop("type")
        out.add_edge(xml_text(source), xml_text(target), key=xml_text(key), label=values["relation"], **values)
    return out


def _flat_values(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in data.items():
        if value is None:
            continue
        if isinstance(value, (list, dict)):
            value = json.dumps(value, ensure_ascii=False)
        elif name == "confidence":
            value = float(value)  # one attribute type per key, whatever the store returned
        out[name] = xml_text(value) if isinstance(value, str) else value
    return out
