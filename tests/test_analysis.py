"""Centrality and factions: on small signed graphs whose answer is known by construction, and
end to end on the gold graph of the corpus the project ships through the library and the command line."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from conftest import CORPUS, cli
from goldgraph import load_gold
from polgraph.analysis import camps, centrality, factions, signed_ties
from polgraph.core.errors import PolGraphError


def actors(*claims: tuple[str, str, str]) -> nx.MultiDiGraph:
    """A graph as `to_networkx` builds it: named actors, claims as typed keyed edges."""
    graph = nx.MultiDiGraph()
    for i, (source, rel_type, target) in enumerate(claims):
        for n in (source, target):
            graph.add_node(n, name=n.title(), type="Person")
        graph.add_edge(source, target, key=f"{rel_type}@a{i}", type=rel_type, article=f"a{i}")
    return graph


S, C = "SUPPORTS", "CRITICISES"


def test_centrality_counts_distinct_backers_and_critics():
    graph = actors(("a", S, "hub"), ("b", S, "hub"), ("c", S, "hub"), ("c", S, "hub"),
                   ("hub", C, "rival"), ("a", C, "rival"), ("rival", C, "hub"), ("a", "MEMBER_OF", "party"))
    rows = {r["actor"]: r for r in centrality(graph, limit=100)}
    assert "Party" not in rows  # memberships are not stances
    hub = rows["Hub"]
    assert (hub["supporters"], hub["supports"], hub["critics"], hub["criticises"]) == (3, 0, 1, 1)
    assert hub["support"] == 1.0  # backed by all three other actors of the support graph
    assert [r["actor"] for r in centrality(graph, by="criticism", limit=2)] == ["Rival", "Hub"]


def test_brokerage_is_highest_on_the_only_bridge():
    graph = actors(("a", S, "b"), ("b", S, "bridge"), ("bridge", C, "x"), ("x", S, "y"))
    top = centrality(graph, by="brokerage", limit=1)[0]
    assert top["actor"] == "Bridge" and top["brokerage"] > 0.5


def test_centrality_refuses_an_unknown_order():
    with pytest.raises(PolGraphError, match="cannot rank centrality by 'fame'"):
        centrality(actors(("a", S, "b")), by="fame")


def test_two_camps_that_back_each_other_and_attack_the_other():
    graph = actors(("a", S, "b"), ("b", S, "c"), ("d", S, "e"), ("a", C, "d"), ("e", C, "b"), ("c", C, "e"))
    rows = factions(graph)
    assert [(r["members"], r["support_within"], r["criticism_within"]) for r in rows] == [
        (["A", "B", "C"], 2, 0), (["D", "E"], 1, 0)]
    assert rows[0]["opposes"] == ["D", "E"] and rows[1]["opposes"] == ["A", "B", "C"]


def test_an_actor_more_criticised_than_backed_by_a_camp_leaves_it():
    # x backs a once but b and c, a's allies, both criticise x: x is not of their camp.
    graph = actors(("a", S, "b"), ("b", S, "c"), ("x", S, "a"), ("b", C, "x"), ("c", C, "x"))
    camp = camps(signed_ties(graph))
    assert camp["a"] == camp["b"] == camp["c"] != camp["x"]
    assert [r["members"] for r in factions(graph, min_size=1)] == [["A", "B", "C"], ["X"]]


def test_claims_that_cancel_out_tie_nobody():
    ties = signed_ties(actors(("a", S, "b"), ("b", C, "a")))
    assert ties["a"]["b"]["weight"] == 0
    assert factions(actors(("a", S, "b"), ("b", C, "a"))) == []


def test_analysis_of_the_gold_graph_from_library_and_command_line(graph, home):
    load_gold(graph.store, CORPUS)
    critics = graph.analyze_centrality(by="criticism", limit=3)
    assert critics[0]["actor"] == "Government" and critics[0]["critics"] == 14
    camps_found = graph.analyze_factions()
    willsman = next(c for c in camps_found if "Peter Willsman" in c["members"])
    assert {"Christine Shawcroft", "Welsh Labour Grassroots"} <= set(willsman["members"])
    assert "Jon Lansman" in willsman["opposes"]

    out = cli("analyze", "factions", "--format", "json", env={"POLGRAPH_HOME": str(home)})
    assert out.returncode == 0 and json.loads(out.stdout) == camps_found
    out = cli("analyze", "centrality", "--by", "criticism", "--limit", "3", "--format", "csv",
              env={"POLGRAPH_HOME": str(home)})
    assert out.stdout.splitlines()[1].startswith("Government,Group,")
    bad = cli("analyze", "centrality", "--by", "fame", env={"POLGRAPH_HOME": str(home)})
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
