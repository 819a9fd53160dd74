"""The fast load path on the embedded store: parameters written as JSON, entities merged only
when something is new, and ranking counts kept by the loader equal to a full aggregation."""
from __future__ import annotations

import random

import pytest

from polgraph.core.records import Article, Claim, Entity
from polgraph.graph import counts
from polgraph.graph.loader import Loader

TRICKY = [
    'say "no"', "back\\slash", "trail\\", "it's", "it\u2019s", "line\nbreak\ttab\r", "bell\x07 and \x01",
    "\\u0041 is not A", "\u00e9\u00fc\u4e2d\U0001F600", "", "{,\"k\":1}", "\u2028",
]


VALUES = [
    *TRICKY,
    {"end": 1, "start": 2, "x": None, "ok": True, "f": 1.5e-7, "deep": [{"k": [1, "a"]}]},
    {"@type": "odd key", "a-b": 1},
    [], {}, -3, 10**15, None,
]


def test_parameters_come_back_as_they_were_sent(graph):
    for value in VALUES:
        assert graph.store.run("RETURN $v AS v", {"v": value}) == [{"v": value}], value
    assert graph.store.run("UNWIND $rows AS row RETURN row.end AS e", {"rows": [{"end": s} for s in TRICKY]}) == [
        {"e": s} for s in TRICKY]


def people(*names: str) -> list[Entity]:
    return [Entity(name=n, type="Person", articles=["a1"]) for n in names]


def article(aid: str = "a1") -> Article:
    return Article(id=aid, title=f"Title {aid}", text="text", published="2020-01-02")


def snapshot(store) -> dict:
    return {
        "nodes": store.run("MATCH (n) RETURN count(n) AS c")[0]["c"],
        "edges": store.run("MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"],
        "aliases": sorted((r["k"], r["id"]) for r in store.run(
            "MATCH (a:Alias)-[:ALIAS_OF]->(e:Entity) RETURN a.key AS k, e.id AS id")),
        "entities": sorted((r["id"], r["name"], sorted(r["aliases"])) for r in store.run(
            "MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.aliases AS aliases")),
    }


def test_reloading_changes_nothing_and_a_new_alias_is_linked(graph):
    loader = Loader(graph.store, batch_size=2)
    ents = people("Jon Lansman", "Jackie Walker", "Peter Willsman")
    ents[0].aliases = ["Mr Lansman"]
    rel = Claim(ents[1].id, "CRITICISES", ents[0].id, "a1", "Walker attacked Lansman.", 0.9)
    loader.load([article()], ents, [rel])
    first = snapshot(graph.store)
    loader.load([article()], ents, [rel])
    assert snapshot(graph.store) == first
    assert ("lansman", "person:jon-lansman") in first["aliases"]

    ents[0].aliases = ["Lansman", "Comrade Jon"]
    loader.load([article()], ents[:1], [])
    assert graph.find("comrade jon")["id"] == "person:jon-lansman"
    assert graph.find("Mr Lansman")["id"] == "person:jon-lansman"  # earlier aliases are kept
    names = dict((r[0], r[2]) for r in snapshot(graph.store)["entities"])
    assert set(names["person:jon-lansman"]) == {"Mr Lansman", "Lansman", "Comrade Jon"}


AGGREGATE = {
    "in": "MATCH (o:Entity)-[r:{t}]->(e:Entity) WITH e, count(DISTINCT o) AS actors, count(r) AS claims, "
          "count(DISTINCT r.article) AS articles RETURN e.id AS id, actors, claims, articles",
    "out": "MATCH (e:Entity)-[r:{t}]->(o:Entity) WITH e, count(DISTINCT o) AS actors, count(r) AS claims, "
           "count(DISTINCT r.article) AS articles RETURN e.id AS id, actors, claims, articles",
}


def assert_counts_equal_aggregation(store) -> None:
    for rel_type in counts.COUNTED:
        for direction, query in AGGREGATE.items():
            expected = {r["id"]: (r["actors"], r["claims"], r["articles"])
                        for r in store.run(query.format(t=rel_type))}
            props = [counts.prop(direction, rel_type, w) for w in ("actors", "claims", "articles")]
            kept = {r["id"]: tuple(r[p] for p in props) for r in store.run(
                f"MATCH (e:Entity) WHERE e.{props[1]} > 0 RETURN e.id AS id, "
                + ", ".join(f"e.{p} AS {p}" for p in props))}
            assert expected and kept == expected, (rel_type, direction)


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_rank_counts_kept_by_the_loader_equal_a_whole_graph_aggregation(graph, seed):
    """Counts added as claims are created, and recounted when an article comes again, stay exact.

    The loads repeat pairs within an article, across articles of one load and across loads,
    repeat the very same claim, and load some articles a second time with more claims.
    """
    rng = random.Random(seed)
    ents = people(*(f"Person {i}" for i in range(8)))
    loader = Loader(graph.store, batch_size=5)
    earlier: list[Article] = []
    for batch in range(6):
        arts = [article(f"b{batch}-{i}") for i in range(3)]
        again = rng.sample(earlier, min(2, len(earlier)))  # stored before: their claims are merged
        rels = []
        for _ in range(30):
            s, o = rng.sample(ents, 2)
            rels.append(Claim(s.id, rng.choice(["SUPPORTS", "CRITICISES", "MEMBER_OF"]), o.id,
                              rng.choice(arts + again).id, "evidence", 0.8))
        rels.append(rels[0])  # the same claim twice in one load
        loader.load(arts + again, ents, rels)
        earlier += arts
        assert_counts_equal_aggregation(graph.store)


def test_an_entity_gone_behind_the_loaders_back_is_written_again_with_its_claims(graph):
    """The loader does not resend entities it stored; if one was deleted meanwhile, nothing is lost."""
    loader = Loader(graph.store, batch_size=1000)
    ents = people("Jon Lansman", "Jackie Walker")
    loader.load([article("a1")], ents, [Claim(ents[1].id, "CRITICISES", ents[0].id, "a1", "one", 0.9)])
    graph.store.run("MATCH (e:Entity {id: $id}) DETACH DELETE e", {"id": ents[0].id}, write=True)
    ents[0].articles = ents[1].articles = ["a2"]
    loader.load([article("a2")], ents, [Claim(ents[1].id, "CRITICISES", ents[0].id, "a2", "two", 0.9)])
    rows = graph.store.run("MATCH (s:Entity)-[r:CRITICISES]->(o:Entity {id: $id}) RETURN r.evidence AS e, "
                           "o.in_criticises_claims AS n", {"id": ents[0].id})
    assert rows == [{"e": "two", "n": 1}]
    assert graph.store.run("MATCH (:Article {id: 'a2'})-[:MENTIONS]->(e:Entity) RETURN count(e) AS c") == [{"c": 2}]


def test_articles_are_found_by_title_words_in_any_case_those_an_older_loader_wrote_too(graph):
    Loader(graph.writable_store, 100).load([Article(id="a1", title="Momentum Row DEEPENS", text="t",
                                                    published="2020-01-02"), article("a2")], [], [])
    assert [r["article"] for r in graph.article_summary(article="row deep")] == ["a1"]
    # an article as a loader without `title_lower` left it: found once a writer opens the store
    graph.store.run("CREATE (:Article {id: 'old', title: 'An Old Row', published: '2019-01-01'})", write=True)
    assert [r["article"] for r in graph.article_summary(article="old row")] == []
    graph.close()
    _ = graph.writable_store
    assert [r["article"] for r in graph.article_summary(article="OLD ROW")] == ["old"]


def test_replies_are_parsed_by_hiredis(graph):
    """redis-py's pure-Python reply parser took longer than FalkorDB to answer a 200-row template."""
    pool = graph.store.db.connection.connection_pool
    conn = pool.get_connection()
    try:
        assert type(conn._parser).__name__ == "_HiredisParser"
    finally:
        pool.release(conn)
