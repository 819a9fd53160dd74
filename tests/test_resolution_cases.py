"""The named resolution cases through real ingests into a real embedded store.

Mr and Mrs Howard, Professor (here "Prof", which the NER model tags) Curtice and Cllr Roe
join their full names; namesakes stay apart; the graph is the same whatever the ingest batch
size; every automatic merge can be undone. The same cases as pure-rule tables are in
test_resolution_rules.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from polgraph.api import PolGraph
from polgraph.graph import merge as gm

from conftest import another_home

ARTICLES = {
    "a1": "Howards campaign\nConservative leader Michael Howard criticised Tony Blair on Monday. "
          "Sandra Howard, a novelist, backed the Conservative Party.\n",
    "a2": "Tax row\nMr Howard attacked Gordon Brown over the budget. Mr Howard said voters wanted lower taxes.\n",
    "a3": "Campaign trail\nMrs Howard praised the Conservative Party campaign in Folkestone.\n",
    "a4": "Polls\nPolling expert John Curtice said Labour was ahead. Councillor Jane Roe criticised the Labour Party.\n",
    "a5": "Polls again\nProf Curtice criticised the Labour Party. Cllr Roe attacked the Liberal Democrats.\n",
    "a6": "Clarke row\nHome Secretary Charles Clarke criticised Ken Clarke over the plan. "
          "Tony Blair and Cherie Blair visited Sedgefield.\n",
    "a7": "Blair visit\nBlair praised the Labour Party in Sedgefield.\n",
}
CLAIMS = ("MATCH (s:Entity)-[r]->(o:Entity) WHERE type(r) <> 'MENTIONS' "
          "RETURN s.id AS s, type(r) AS t, o.id AS o, r.article AS article")


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    out = []
    for name, text in ARTICLES.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        out.append(tmp_path / f"{name}.txt")
    return out


def ids(g: PolGraph) -> set[str]:
    return {r["id"] for r in g.store.run("MATCH (e:Entity) RETURN e.id AS id")}


def subjects(g: PolGraph, article: str) -> set[str]:
    return {r["s"] for r in g.store.run(CLAIMS) if r["article"] == article}


def snapshot(g: PolGraph) -> tuple:
    """The graph as a user sees it: actors with their names, claims, and where each merged-away id went."""
    actors = g.store.run("MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases")
    moved = gm.redirects(g.store)
    return (sorted((a["id"], a["name"], a["type"], sorted(a["aliases"] or [])) for a in actors),
            sorted(tuple(r.values()) for r in g.store.run(CLAIMS)),
            sorted((old, gm.final_id(old, moved), r["how"]) for old, r in moved.items()))


def test_titled_surnames_join_the_right_full_name_and_namesakes_stay_apart(graph, articles):
    graph.ingest(articles)
    assert graph.find("person:mr-howard")["id"] == "person:michael-howard"
    assert graph.find("person:mrs-howard")["id"] == "person:sandra-howard"
    assert subjects(graph, "a2") == {"person:michael-howard"} and subjects(graph, "a3") == {"person:sandra-howard"}
    assert graph.find("Prof Curtice")["id"] == "person:john-curtice" == graph.find("John Curtice")["id"]
    assert subjects(graph, "a5") == {"person:john-curtice", "person:jane-roe"}
    assert graph.find("Cllr Roe")["id"] == "person:jane-roe"
    # namesakes: two full names never merge, and a bare "Blair" with both Blairs present is neither
    assert {"person:charles-clarke", "person:ken-clarke", "person:tony-blair", "person:cherie-blair",
            "person:blair"} <= ids(graph)
    assert subjects(graph, "a7") == {"person:blair"}
    assert graph.info()["merges"]["judged"] == 0


def test_the_graph_does_not_depend_on_where_batches_fall(graph, articles, monkeypatch):
    monkeypatch.setenv("POLGRAPH_INGEST_BATCH", "1")
    graph.ingest(articles)
    one_by_one = snapshot(graph)
    monkeypatch.setenv("POLGRAPH_INGEST_BATCH", "200")
    with another_home("pgb-") as home, PolGraph.open(None, home=home) as together:
        together.ingest(articles)
        assert snapshot(together) == one_by_one
    assert {old for old, _, how in one_by_one[2] if how == gm.AUTOMATIC} >= {
        "person:mr-howard", "person:mrs-howard", "person:curtice", "person:roe"}


def test_resolve_undo_splits_every_automatic_merge(graph, articles):
    graph.ingest(articles)
    moved = gm.redirects(graph.store)
    assert moved and all(r["how"] == gm.AUTOMATIC for r in moved.values())
    for old in sorted(moved):
        graph.resolve_undo(gm.final_id(old, gm.redirects(graph.store)), old)
    assert gm.redirects(graph.store) == {} and set(moved) <= ids(graph)
    assert subjects(graph, "a2") == {"person:mr-howard"} and subjects(graph, "a3") == {"person:mrs-howard"}
    graph.resolve_apply()  # undone merges are judgements: not made again
    assert set(moved) <= ids(graph)


def test_aliases_file_merges_and_forbids_as_judgements_in_the_store(home, articles, tmp_path):
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("merge:\n  - name: Tony Blair\n    type: Person\n    aliases: [Blair]\n"
                       "forbid:\n  - [Michael Howard, Mr Howard]\n", encoding="utf-8")
    with PolGraph.open(None, home=home, aliases=aliases) as g:
        g.ingest(articles)
        assert g.find("person:blair")["id"] == "person:tony-blair"
        assert g.info()["merges"]["judged"] == 1
        assert "person:mr-howard" in ids(g)  # forbidden: not merged into Michael Howard
        g.resolve_undo("Tony Blair", "person:blair")  # a merge the aliases file asked for is undone the same way
        assert "person:blair" in ids(g)


def test_within_one_article_mr_and_mrs_howard_join_their_own_full_name(tmp_path):
    text = tmp_path / "howards.txt"
    text.write_text("The Howards\nMichael Howard spoke in Folkestone. His wife Sandra Howard backed him. "
                    "Mr Howard said he would win. Mrs Howard said she agreed.\n", encoding="utf-8")
    found = {e.name: e.aliases for e in PolGraph().extract([text]).entities if e.type == "Person"}
    assert set(found) == {"Michael Howard", "Sandra Howard"}
    assert "Mr Howard" in found["Michael Howard"] and "Mrs Howard" not in found["Michael Howard"]
    assert "Mrs Howard" in found["Sandra Howard"] and "Mr Howard" not in found["Sandra Howard"]
