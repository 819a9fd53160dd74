"""The graph out of the store: networkx first, which every file export builds on."""
from __future__ import annotations

import networkx as nx

from polgraph.graph import schema as schema_mod
from polgraph.graph.store import Store

ENTITIES = "MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases"
CLAIMS = (
    "MATCH (s:Entity)-[r]->(o:Entity) WHERE type(r) IN $types "
    "RETURN s.id AS source, type(r) AS type, o.id AS target, properties(r) AS props"
)


def to_networkx(store: Store, ids: set[str] | None = None) -> nx.MultiDiGraph:
    """Entities as nodes (id, name, type, aliases), claims as keyed edges with their provenance.

    With `ids`, only those entities and the claims among them.
    """
    graph = nx.MultiDiGraph()
    for row in store.run(ENTITIES):
        if ids is None or row["id"] in ids:
            graph.add_node(row["id"], name=row["name"], type=row["type"], aliases=row["aliases"] or [])
    for row in store.run(CLAIMS, {"types": list(schema_mod.load().claim_types)}):
        if row["source"] in graph and row["target"] in graph:
            props = row["props"] or {}
            graph.add_edge(row["source"], row["target"], key=f"{row['type']}@{props.get('article')}",
                           type=row["type"], **props)
    return graph
