"""`polgraph store check` finds articles marked stored that lost claims, and the rerun repairs
them; `polgraph store reset` empties the embedded store only when asked twice."""
from __future__ import annotations

import json

import handmade
from click.testing import CliRunner

from polgraph.cli import main
from polgraph.graph.loader import Loader

LOST = "MATCH ()-[c:CRITICISES {article: $id}]->() DELETE c"


def test_check_finds_lost_claims_and_the_rerun_writes_them_again(graph, home):
    articles, entities, relations = handmade.extraction(4, "c")
    loader = Loader(graph.writable_store, 100)
    loader.load(articles, entities, relations)
    assert graph.store_check() == {"stored": 4, "damaged": 0, "damaged_ids": [], "unfinished": 0,
                                   "unchecked": 0, "re_marked": False}
    graph.cypher(LOST, write=True, id="ac1")  # what a damaged append-only file does

    found = graph.store_check(repair=False)
    assert (found["damaged_ids"], found["re_marked"]) == (["ac1"], False)
    assert loader.stored(articles) == {"ac0", "ac1", "ac2", "ac3"}, "a dry run changes nothing"

    found = graph.store_check()
    assert (found["damaged_ids"], found["re_marked"]) == (["ac1"], True)
    assert loader.stored(articles) == {"ac0", "ac2", "ac3"}, "the damaged article is no longer taken as stored"

    todo = [a for a in articles if a.id not in loader.stored(articles)]
    loader.load(todo, entities, [r for r in relations if r.article == "ac1"])
    assert graph.store_check()["damaged"] == 0
    assert graph.cypher("MATCH ()-[c:CRITICISES]->() RETURN count(c) AS n")[0]["n"] == 4


def test_check_on_the_command_line(graph, home):
    Loader(graph.writable_store, 100).load(*handmade.extraction(2, "k"))
    graph.cypher(LOST, write=True, id="ak0")
    result = CliRunner().invoke(main, ["store", "check", "--dry-run"])
    assert result.exit_code == 1
    assert "2 articles stored, 1 missing claims" in result.output and "damaged: ak0" in result.output
    result = CliRunner().invoke(main, ["store", "check", "--json"])
    assert json.loads(result.output)["re_marked"] is True


def test_reset_asks_then_empties_the_embedded_store(graph, home):
    Loader(graph.writable_store, 100).load(*handmade.extraction(2, "r"))
    count = "MATCH (n) RETURN count(n) AS n"
    refused = CliRunner().invoke(main, ["store", "reset"], input="n\n")
    assert refused.exit_code == 1 and graph.cypher(count)[0]["n"] > 0
    done = CliRunner().invoke(main, ["store", "reset"], input="y\n")
    assert done.exit_code == 0 and "emptied: embedded:" in done.output
    assert graph.cypher(count)[0]["n"] == 0
    Loader(graph.writable_store, 100).load(*handmade.extraction(1, "r"))  # the store takes writes again
    assert graph.cypher(count)[0]["n"] > 0
