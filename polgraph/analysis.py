"""Analysis of the actor graph through networkx: who is central, and which camps there are.

Both work on `PolGraph.to_networkx()` and look only at stances: a SUPPORTS claim is a
positive tie, a CRITICISES claim a negative one. Memberships and resignations say where
an actor sits, not whom it sides with, so they stay out of the signed graph.
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from polgraph.core.errors import InputError

if TYPE_CHECKING:  # networkx is imported on use: the CLI reads CENTRALITY_ORDERS at start-up
    import networkx as nx

SUPPORT, CRITICISM = "SUPPORTS", "CRITICISES"
CENTRALITY_ORDERS = ("support", "criticism", "brokerage")


def stance_graph(graph: nx.MultiDiGraph, rel_type: str) -> nx.DiGraph:
    """One directed edge per pair of actors joined by at least one claim of `rel_type`,
    weighted by how many claims (articles) state it."""
    import networkx as nx

    out = nx.DiGraph()
    for source, target, data in graph.edges(data=True):
        if data.get("type") == rel_type and source != target:
            weight = out.get_edge_data(source, target, {"weight": 0})["weight"]
            out.add_edge(source, target, weight=weight + 1)
    return out


def centrality(graph: nx.MultiDiGraph, by: str = "support", limit: int = 20) -> list[dict[str, Any]]:
    """Actors ranked by how central they are in support, in criticism, or as brokers.

    `support` and `criticism` are degree centralities in that stance's graph (the share of
    other actors an actor backs or is backed by; criticises or is criticised by): counts
    that an analyst can check against the claims. `brokerage` is betweenness over both
    stances, undirected: the actors that most of the shortest stance chains run through.
    """
    if by not in CENTRALITY_ORDERS:
        raise InputError(f"cannot rank centrality by {by!r}: use one of {', '.join(CENTRALITY_ORDERS)}")
    import networkx as nx

    support, criticism = stance_graph(graph, SUPPORT), stance_graph(graph, CRITICISM)
    both = nx.Graph()
    both.add_edges_from(support.edges())
    both.add_edges_from(criticism.edges())
    scores = {
        "support": nx.degree_centrality(support) if len(support) > 1 else {},
        "criticism": nx.degree_centrality(criticism) if len(criticism) > 1 else {},
        "brokerage": nx.betweenness_centrality(both) if len(both) > 2 else {},
    }
    rows = [
        {
            "actor": graph.nodes[n].get("name", n),
            "type": graph.nodes[n].get("type"),
            "support": round(scores["support"].get(n, 0.0), 4),
            "criticism": round(scores["criticism"].get(n, 0.0), 4),
            "brokerage": round(scores["brokerage"].get(n, 0.0), 4),
            "supporters": support.in_degree(n) if n in support else 0,
            "supports": support.out_degree(n) if n in support else 0,
            "critics": criticism.in_degree(n) if n in criticism else 0,
            "criticises": criticism.out_degree(n) if n in criticism else 0,
        }
        for n in both
    ]
    rows.sort(key=lambda r: (-r[by], -r["support"] - r["criticism"], r["actor"]))
    return rows[:limit]


def signed_ties(graph: nx.MultiDiGraph) -> nx.Graph:
    """Undirected ties between actors, weight = supporting claims minus criticising claims
    in either direction; pairs whose claims cancel out keep a zero weight."""
    import networkx as nx

    ties = nx.Graph()
    for source, target, data in graph.edges(data=True):
        sign = {SUPPORT: 1, CRITICISM: -1}.get(data.get("type"))
        if sign is None or source == target:
            continue
        weight = ties.get_edge_data(source, target, {"weight": 0})["weight"]
        ties.add_edge(source, target, weight=weight + sign)
    return ties


def camps(ties: nx.Graph) -> dict[str, int]:
    """Each actor's camp: the partition that leaves the fewest ties frustrated.

    Starts from the components of the positive ties (allies stand together), then moves
    one actor at a time to the camp it is most positively tied to, or alone when all its
    ties to every camp are negative, until no move helps: a greedy correlation clustering
    that is deterministic because actors are visited in id order.
    """
    import networkx as nx

    positive = nx.Graph()
    positive.add_nodes_from(ties)
    positive.add_edges_from((a, b) for a, b, w in ties.edges(data="weight") if w > 0)
    camp = {n: i for i, part in enumerate(sorted(nx.connected_components(positive), key=min)) for n in part}
    moved = True
    while moved:
        moved = False
        for node in sorted(ties):
            pull: dict[int, int] = defaultdict(int)
            for other, w in ties[node].items():
                pull[camp[other]] += w["weight"]
            here = pull.get(camp[node], 0)
            best, gain = max(pull.items(), key=lambda kv: (kv[1], -kv[0]), default=(camp[node], here))
            if best != camp[node] and gain > here:
                camp[node], moved = best, True
            elif here < 0:  # everyone it is tied to in its camp is against it: it stands alone
                camp[node], moved = max(camp.values()) + 1, True
    return camp


def factions(graph: nx.MultiDiGraph, min_size: int = 2) -> list[dict[str, Any]]:
    """Camps of the signed stance graph, largest first, with what holds them together and apart.

    Each row: the camp's number, its members, how many ties inside it are support and how
    many criticism (frustrated), and the actors outside it the camp is on balance against.
    """
    ties = signed_ties(graph)
    camp = camps(ties)
    members: dict[int, list[str]] = defaultdict(list)
    for node, c in camp.items():
        members[c].append(node)
    inside: dict[int, dict[str, int]] = defaultdict(lambda: {"support": 0, "criticism": 0})
    towards: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for a, b, w in ties.edges(data="weight"):
        if camp[a] != camp[b]:
            towards[camp[a]][b] += w
            towards[camp[b]][a] += w
        elif w:
            inside[camp[a]]["support" if w > 0 else "criticism"] += 1
    name = lambda n: graph.nodes[n].get("name", n)  # noqa: E731
    order = sorted((c for c in members if len(members[c]) >= min_size),
                   key=lambda c: (-len(members[c]), min(members[c])))
    return [
        {
            "camp": number,
            "size": len(members[c]),
            "members": sorted(name(n) for n in members[c]),
            "support_within": inside[c]["support"],
            "criticism_within": inside[c]["criticism"],
            "opposes": sorted(name(n) for n, w in towards[c].items() if w < 0),
        }
        for number, c in enumerate(order, start=1)
    ]
