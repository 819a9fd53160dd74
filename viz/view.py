"""Interactive network pages: pyvis builds the vis-network nodes and edges, styled from the
schema, and `page.jinja` wraps them with a legend, filters and the evidence panel.

The page is self-contained (vis-network's JavaScript and CSS inline, a Content Security
Policy that forbids every load) so it opens offline. Article text is hostile input: names
and sentences travel only inside a JSON data block, where `<`, `>`, `&` and `'` are
escaped, and the page writes them with textContent; the policy's nonce stops any script
the page did not bring itself, should anything ever slip through.
"""
from __future__ import annotations

import html
import math
import secrets
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import jinja2
import networkx as nx
from pyvis.network import Network

from polgraph.core.errors import InputError
from polgraph.graph import reads
from polgraph.graph import schema as schema_mod
from polgraph.graph.export import to_networkx, write_text
from polgraph.graph.merge import entity
from polgraph.graph.store import Store

MAX_EVIDENCE = 8  # sentences listed per line on hover; the panel lists them all
OPTIONS: dict[str, Any] = {
    "layout": {"randomSeed": 7, "improvedLayout": True},
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -90, "springLength": 140, "avoidOverlap": 0.8},
        "stabilization": {"iterations": 600, "fit": True},
    },
    "nodes": {"font": {"size": 14, "strokeWidth": 4, "strokeColor": "#ffffff"},
              "scaling": {"min": 10, "max": 34, "label": {"enabled": False}}},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "smooth": {"type": "curvedCW", "roundness": 0.12},
              "selectionWidth": 2},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
}


class Page(str):
    """A view's HTML; also shows itself inline in Jupyter, and says what it left out (`note`)."""

    note: str

    def __new__(cls, text: str, note: str = "") -> "Page":
        page = super().__new__(cls, text)
        page.note = note
        return page

    def _repr_html_(self) -> str:
        return f'<iframe srcdoc="{html.escape(self, quote=True)}" style="width:100%;height:820px;border:0"></iframe>'


@dataclass
class Selection:
    """The entities to draw and what the page should say about them."""

    graph: nx.MultiDiGraph
    title: str
    note: str = ""


def render_view(store: Store, centre: str | None = None, depth: int = 1, rows: list[dict] | None = None,
                actors: Iterable[str] = (), top: int | None = None, output: Path | None = None,
                title: str | None = None) -> Page:
    """The page (also written to `output`) for an actor's neighbourhood (`centre`, `depth` hops),
    the entities named in template `rows` (and the template's `actors`), or the whole graph;
    capped to the `top` most connected actors (None or 0: no cap).

    Only the entities drawn and the claims among them are read from the store."""
    if depth < 0:
        raise InputError(f"--depth {depth} is negative: use 0 (the actor alone) or more")
    if centre is not None:
        chosen: set[str] | None = neighbourhood(store, centre, depth)
        named = entity(store, centre)
        what = f"{named['name'] if named else centre} and everyone within {depth} hop{'s' if depth != 1 else ''}"
    elif rows is not None:
        chosen, what = named_in(store, rows) | set(actors), "the answer of a query"
    else:
        chosen, what = None, "the whole graph"
    kept, note = cap(store, chosen, top, keep=centre)
    drawn = to_networkx(store, kept)
    articles = {r["id"]: r for r in store.run(reads.ARTICLE_TITLES, {"ids": sorted(_article_ids(drawn))})}
    text = page(Selection(drawn, title or what[:1].upper() + what[1:], note), articles)
    if output is not None:
        write_text(Path(output), text)
    return Page(text, note)


def neighbourhood(store: Store, centre: str, depth: int) -> set[str]:
    """Ids of the entities within `depth` claims of `centre`, in either direction."""
    found, frontier = {centre}, {centre}
    for _ in range(depth):
        rows = store.run(reads.NEIGHBOURS, {"ids": sorted(frontier), "types": _claim_types()})
        frontier = {r["id"] for r in rows} - found
        if not frontier:
            break
        found |= frontier
    return found


def named_in(store: Store, rows: list[dict]) -> set[str]:
    """Ids of the entities whose name or id is a value anywhere in the rows (templates return names)."""
    values = sorted(set(_values(rows)))
    return {r["id"] for r in store.run(reads.NAMED, {"values": values})} if values else set()


def _values(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _values(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _values(v)


def cap(store: Store, ids: set[str] | None, top: int | None, keep: str | None = None) -> tuple[set[str] | None, str]:
    """The `top` of `ids` (None: every entity) with the most distinct neighbours among them, `keep`
    always kept, and a note of how many actors and claims that leaves out ("" when nothing is)."""
    if not top:
        return ids, ""
    among = {"ids": sorted(ids)} if ids is not None else {}
    params = {"types": _claim_types(), **among}
    degrees = store.run(reads.DEGREES_AMONG if among else reads.DEGREES, params)
    if len(degrees) <= top:
        return ids, ""
    ranked = sorted(degrees, key=lambda r: (r["id"] != keep, -r["degree"], r["name"] or r["id"]))
    kept = {r["id"] for r in ranked[:top]}
    claims = store.run(reads.CLAIM_COUNT_AMONG if among else reads.CLAIM_COUNT, params)[0]["c"]
    kept_claims = store.run(reads.CLAIM_COUNT_AMONG, {**params, "ids": sorted(kept)})[0]["c"]
    note = (f"Showing the {top} most connected of {len(degrees)} actors: {len(degrees) - top} actors and "
            f"{claims - kept_claims} claims are left out (draw more with --top).")
    return kept, note


def _claim_types() -> list[str]:
    return list(schema_mod.load().claim_types)


def _article_ids(graph: nx.MultiDiGraph) -> set[str]:
    return {data["article"] for _, _, data in graph.edges(data=True) if data.get("article")}


def page(selection: Selection, articles: dict[str, dict]) -> str:
    """The self-contained HTML page for a selection of entities and claims."""
    nodes, edges = vis_data(selection.graph, articles)
    dates = sorted({d for e in edges for d in e["dates"]})
    sch = schema_mod.load()
    legend = {
        "nodes": [{"label": t, "color": sch.node(t).style.get("color"), "shape": sch.node(t).style.get("shape")}
                  for t in sch.entity_types],
        "relations": [{"type": r, "label": sch.relation(r).label, "color": sch.relation(r).style.get("color"),
                       "dashed": bool(sch.relation(r).style.get("dashes"))} for r in sch.claim_types],
    }
    summary = (f"{len(nodes)} actors, {len(edges)} relations from "
               f"{sum(len(e['claims']) for e in edges)} sourced claims")
    return _template().render(
        title=selection.title, summary=summary, note=selection.note, legend=legend, nonce=secrets.token_urlsafe(16),
        data={"nodes": nodes, "edges": edges, "dates": dates, "options": OPTIONS},
        vis_js=_pyvis_asset("vis-network.min.js"), vis_css=_pyvis_asset("vis-network.css"), page_js=_asset("page.js"),
    )


def vis_data(graph: nx.MultiDiGraph, articles: dict[str, dict]) -> tuple[list[dict], list[dict]]:
    """vis-network nodes and edges built through pyvis: one edge per (subject, relation, object)
    whose width grows with the number of articles that state it."""
    sch = schema_mod.load()
    net = Network(directed=True, cdn_resources="in_line")
    simple = nx.Graph(graph.to_undirected(as_view=True))
    for node_id, data in graph.nodes(data=True):
        kind = data.get("type") or "Person"
        style = sch.node(kind).style
        degree = simple.degree(node_id)
        name = data.get("name") or node_id
        net.add_node(node_id, label=name, title=f"{name}\n{kind} · {degree} linked actor{'s' * (degree != 1)}",
                     color=style.get("color"), shape=style.get("shape", "dot"), value=1 + degree, kind=kind,
                     degree=degree)
    grouped: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for source, target, data in graph.edges(data=True):
        grouped[(source, data["type"], target)].append(data)
    between: dict[tuple[str, str], int] = defaultdict(int)  # lines drawn so far from one actor to another
    for (source, rel_type, target), claims in sorted(grouped.items()):
        rel = sch.relation(rel_type)
        nth = between[(source, target)]
        between[(source, target)] += 1
        lines = [_claim_line(c, articles) for c in sorted(claims, key=lambda c: (c.get("date") or "", c.get("article") or ""))]
        head = f"{graph.nodes[source].get('name')} {rel.label} {graph.nodes[target].get('name')}"
        more = [f"… and {len(lines) - MAX_EVIDENCE} more"] if len(lines) > MAX_EVIDENCE else []
        net.add_edge(source, target, title="\n\n".join([head, *lines[:MAX_EVIDENCE], *more]),
                     color=rel.style.get("color"), dashes=rel.style.get("dashes", False),
                     width=round(1 + 2.5 * math.log2(len(claims)), 2), rel=rel_type, relLabel=rel.label,
                     count=len(claims), claims=lines, dates=sorted({c["date"] for c in claims if c.get("date")}),
                     smooth={"type": "curvedCW", "roundness": round(0.12 + 0.2 * nth, 2)})
    nodes, edges, *_ = net.get_network_data()
    return nodes, edges


def _claim_line(claim: dict, articles: dict[str, dict]) -> str:
    """“2024-03-11 · Title: the evidence sentence” for one claim."""
    article = articles.get(claim.get("article") or "", {})
    when = claim.get("date") or article.get("published") or "undated"
    source = article.get("title") or claim.get("article") or "unknown article"
    return f"{when} · {source}: {claim.get('evidence') or '(no sentence)'}"


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_asset("page.jinja"))


def _asset(name: str) -> str:
    return resources.files("polgraph.viz").joinpath(name).read_text("utf-8")


@cache
def _pyvis_asset(name: str) -> str:
    """vis-network as pyvis ships it, to inline: the page never loads it from a CDN."""
    return resources.files("pyvis").joinpath("lib", "vis-9.1.2", name).read_text("utf-8")
