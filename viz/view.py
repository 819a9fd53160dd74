"""Interactive network pages with pyvis, styled from the schema, that open offline.

Article text is hostile input: names and sentences reach the page only inside the JSON
that pyvis embeds, where `<` is written as `\u003c`, so no text can close the script.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from polgraph.graph import schema as schema_mod
from polgraph.graph.export import to_networkx
from polgraph.graph.store import Store

# any stylesheet or script the page would fetch: pyvis links Bootstrap from a CDN and vis from node_modules
_EXTERNAL = re.compile(r"<link\b[^>]*\bhref=[^>]*>|<script\b[^>]*\bsrc=[^>]*>\s*</script>", re.I)


def render_view(store: Store, centre: str | None = None, depth: int = 1, output: Path | None = None) -> str:
    """The page's HTML (also written to `output`): an actor's neighbourhood, or the whole graph."""
    graph = to_networkx(store)
    if centre is not None:
        keep = nx.ego_graph(graph.to_undirected(as_view=True), centre, radius=depth)
        graph = graph.subgraph(keep.nodes)
    html = page(graph)
    if output is not None:
        Path(output).write_text(html, encoding="utf-8")
    return html


def page(graph: nx.MultiDiGraph) -> str:
    """A self-contained HTML page for a graph of entities and claims."""
    sch = schema_mod.load()
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line", notebook=False)
    for node_id, data in graph.nodes(data=True):
        style = sch.node(data.get("type", "Person")).style
        net.add_node(node_id, label=data.get("name", node_id), title=f"{data.get('type')}: {data.get('name')}",
                     color=style.get("color"), shape=style.get("shape", "dot"))
    grouped: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for source, target, data in graph.edges(data=True):
        grouped[(source, data["type"], target)].append(data)
    for (source, rel_type, target), claims in grouped.items():
        rel = sch.relation(rel_type)
        evidence = "\n".join(f"[{c.get('article')}] {c.get('evidence')}" for c in claims)
        net.add_edge(source, target, label=rel.label, title=evidence, width=1 + len(claims),
                     color=rel.style.get("color"), dashes=rel.style.get("dashes", False))
    net.toggle_physics(True)
    return offline(net.generate_html())


def offline(html: str) -> str:
    """Drop every stylesheet or script the page would load from elsewhere: all of it is inline."""
    return _EXTERNAL.sub("", html)
