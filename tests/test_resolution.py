"""Store-wide entity resolution on both stores: merges, never, undo, judgements replay.

Extractions are made by hand and go through the same steps `PolGraph.ingest` runs after
extraction (load, then settle), so each test states exactly which actors exist.
Evidence uses no ASCII apostrophe: the Bolt listener refuses such parameters.
"""
from __future__ import annotations

import functools
import json
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from polgraph.api import PolGraph
from polgraph.core.errors import PolGraphError
from polgraph.core.records import Article, Claim, Entity
from polgraph.graph.loader import Loader

from conftest import another_home, cli as run_cli

CLAIMS = ("MATCH (s:Entity)-[r]->(o:Entity) WHERE type(r) <> 'MENTIONS' "
          "RETURN s.id AS s, type(r) AS t, o.id AS o, r.article AS article, r.evidence AS evidence, "
          "r.confidence AS confidence, r.start AS start, r.end AS end")


@pytest.fixture(scope="module")
def shared_home():
    """One embedded server for the module (emptied per test): starting and stopping one costs seconds."""
    with another_home("pgr-") as path:
        yield path


@contextmanager
def open_graph(kind: str, request, shared_home: Path, judgements: Path) -> Iterator[PolGraph]:
    """An emptied graph on the embedded store, or on Neo4j's protocol (FalkorDB's Bolt listener)."""
    uri = request.getfixturevalue("bolt_store") if kind == "bolt" else None
    with PolGraph.open(uri, home=shared_home, judgements=judgements) as graph:
        graph.store.run("MATCH (n) DETACH DELETE n", write=True)
        yield graph


@pytest.fixture(params=["embedded", "bolt"])
def g(request, shared_home, tmp_path):
    with open_graph(request.param, request, shared_home, tmp_path / "judgements.yaml") as graph:
        yield graph


@pytest.fixture
def graph(request, shared_home, tmp_path):
    """The embedded store alone, for rules that do not depend on the backend."""
    with open_graph("embedded", request, shared_home, tmp_path / "judgements.yaml") as one:
        yield one


def person(name: str, *aliases: str, articles: tuple[str, ...] = ("a1",)) -> Entity:
    return Entity(name, "Person", list(aliases), list(articles))


def group(name: str, *aliases: str, articles: tuple[str, ...] = ("a1",)) -> Entity:
    return Entity(name, "Group", list(aliases), list(articles))


def claim(s: Entity, rel: str, o: Entity, article: str = "a1", n: int = 0) -> Claim:
    return Claim(s.id, rel, o.id, article, f"{s.name} {rel.lower()} {o.name} ({n})", 0.8, start=n, end=n + 10,
                 date="2005-01-01")


def load(g: PolGraph, entities: list[Entity], relations: list[Claim], articles: tuple[str, ...] = ("a1",)) -> None:
    """What ingest does with one extracted batch: load it, then settle."""
    docs = [Article(a, f"title {a}", f"text {a}", published="2005-01-01") for a in articles]
    Loader(g.store, g.batch_size).load(docs, entities, relations)
    g.resolver.settle()


def claims(g: PolGraph) -> list[tuple]:
    return sorted(tuple(r.values()) for r in g.store.run(CLAIMS))


def entity_ids(g: PolGraph, label: str = "Entity") -> set[str]:
    return {r["id"] for r in g.store.run(f"MATCH (e:{label}) RETURN e.id AS id")}


def mentions(g: PolGraph) -> set[tuple[str, str]]:
    rows = g.store.run("MATCH (a:Article)-[:MENTIONS]->(e:Entity) RETURN a.id AS a, e.id AS e")
    return {(r["a"], r["e"]) for r in rows}


# Kilroy-Silk and "Kilroy" share no surname token, so only a judgement merges them.
KS, K = person("Robert Kilroy-Silk"), person("Kilroy", "Mr Kilroy")
UKIP, VERITAS, BLAIR = group("UK Independence Party"), group("Veritas"), person("Tony Blair")


def kilroy_graph(g: PolGraph) -> None:
    load(g, [KS, K, UKIP, VERITAS, BLAIR],
         [claim(KS, "RESIGNED_FROM", UKIP, n=1), claim(K, "LEADS", VERITAS, n=2), claim(K, "CRITICISES", BLAIR, n=3),
          claim(BLAIR, "CRITICISES", K, n=4), claim(K, "CRITICISES", KS, n=5), claim(KS, "CRITICISES", BLAIR, n=6)])


def test_merge_repoints_every_relation_and_keeps_its_evidence(g):
    kilroy_graph(g)
    before = claims(g)
    done = g.resolve_merge("Robert Kilroy-Silk", "Kilroy")
    after = claims(g)
    assert done["a"] == "Robert Kilroy-Silk" and done["b"] == "Kilroy"
    assert len(after) == len(before) == 6
    assert K.id not in entity_ids(g) and K.id in entity_ids(g, "Redirect")
    moved = {(t, o, ev, start) for s, t, o, _, ev, _, start, _ in before if s == K.id}
    assert moved <= {(t, o, ev, start) for s, t, o, _, ev, _, start, _ in after if s == KS.id}
    assert ("CRITICISES", KS.id) in {(t, o) for s, t, o, *_ in after if s == BLAIR.id}
    assert not any(K.id in (s, o) for s, _, o, *_ in after)
    # the same evidence, article, confidence and offsets: only the ends moved
    strip = lambda rows: sorted(row[3:] for row in rows)  # noqa: E731
    assert strip(after) == strip(before)
    assert g.find("Mr Kilroy")["id"] == KS.id
    assert g.info()["merges"] == {"automatic": 0, "judged": 1}
    assert ranking_counts(g, BLAIR.id) == {"in_criticises_actors": 1, "in_criticises_claims": 2}
    entry = yaml.safe_load(g.resolver.path.read_text())[-1]
    assert (entry["action"], entry["a"], entry["b"]) == ("merge", KS.id, K.id)


def test_reingest_after_merge_recreates_no_duplicate(g):
    kilroy_graph(g)
    g.resolve_merge("Robert Kilroy-Silk", "Kilroy")
    before = claims(g)
    kilroy_graph(g)  # the same articles again, e.g. re-extracted with a newer pipeline
    later = person("Kilroy", "Mr Kilroy", articles=("a2",))
    load(g, [later, BLAIR], [claim(later, "CRITICISES", BLAIR, article="a2", n=7)], articles=("a2",))
    assert K.id not in entity_ids(g)
    assert len(claims(g)) == len(before) + 1
    assert ("a2", KS.id) in mentions(g)
    assert g.store.run("MATCH (e:Entity {id: $id}) RETURN e.name AS n", {"id": KS.id}) == [{"n": "Robert Kilroy-Silk"}]
    g.resolve_undo("Robert Kilroy-Silk", "Kilroy")  # takes along what the later article said of Kilroy
    assert {(t, o, a) for s, t, o, a, *_ in claims(g) if s == K.id} == {
        ("LEADS", VERITAS.id, "a1"), ("CRITICISES", BLAIR.id, "a1"), ("CRITICISES", KS.id, "a1"),
        ("CRITICISES", BLAIR.id, "a2")}


def ranking_counts(g: PolGraph, entity_id: str) -> dict:
    """The critic counts the loader keeps on an entity (graph/counts.py)."""
    return g.store.run("MATCH (e:Entity {id: $id}) RETURN e.in_criticises_actors AS in_criticises_actors, "
                       "e.in_criticises_claims AS in_criticises_claims", {"id": entity_id})[0]


def test_undo_restores_both_with_their_own_relations(g):
    kilroy_graph(g)
    before, seen, aliases = claims(g), mentions(g), g.find("Kilroy")["id"]
    counted = ranking_counts(g, BLAIR.id)
    assert counted == {"in_criticises_actors": 2, "in_criticises_claims": 2}
    g.resolve_merge("Robert Kilroy-Silk", "Kilroy")
    g.resolve_undo("Robert Kilroy-Silk", "Kilroy")
    assert claims(g) == before
    assert mentions(g) == seen
    assert g.find("Kilroy")["id"] == aliases == K.id
    assert g.find("Robert Kilroy-Silk")["id"] == KS.id
    assert g.store.run("MATCH (e:Entity {id: $id}) RETURN e.aliases AS a", {"id": KS.id}) == [{"a": []}]
    assert entity_ids(g, "Redirect") == set()
    assert ranking_counts(g, BLAIR.id) == counted
    # an undone merge is not redone automatically, nor by replaying the file
    g.resolve_apply()
    assert K.id in entity_ids(g)


def test_automatic_merge_of_title_and_surname(g):
    howard, mr = person("Michael Howard", "Mr Howard"), person("Howard", "Mr Howard", articles=("a2",))
    load(g, [howard, BLAIR], [claim(howard, "CRITICISES", BLAIR)])
    load(g, [mr, BLAIR], [claim(mr, "CRITICISES", BLAIR, article="a2")], articles=("a2",))
    assert mr.id not in entity_ids(g)
    assert {a for a, e in mentions(g) if e == howard.id} == {"a1", "a2"}
    assert len([c for c in claims(g) if c[0] == howard.id]) == 2
    assert g.info()["merges"] == {"automatic": 1, "judged": 0}


def test_a_second_full_name_splits_an_automatic_merge(g):
    """A bare "Howard" joined Michael Howard while he was the only one; with Sandra Howard it is neither."""
    michael, mr = person("Michael Howard"), person("Howard", articles=("a2",))
    load(g, [michael, BLAIR], [])
    load(g, [mr, BLAIR], [claim(mr, "CRITICISES", BLAIR, article="a2")], articles=("a2",))
    assert mr.id not in entity_ids(g)
    sandra, again = person("Sandra Howard", articles=("a3",)), person("Howard", articles=("a3",))
    load(g, [sandra, again, BLAIR], [claim(again, "SUPPORTS", BLAIR, article="a3")], articles=("a3",))
    assert {michael.id, sandra.id, mr.id} <= entity_ids(g) and entity_ids(g, "Redirect") == set()
    assert sorted((s, t, a) for s, t, _, a, *_ in claims(g)) == [(mr.id, "CRITICISES", "a2"), (mr.id, "SUPPORTS", "a3")]
    assert {a for a, e in mentions(g) if e == mr.id} == {"a2", "a3"} and g.info()["merges"]["automatic"] == 0


def test_undo_through_a_chain_of_merges(g):
    bob = person("Bob Kilroy-Silk", articles=("a2",))
    kilroy_graph(g)
    load(g, [bob, BLAIR], [claim(bob, "SUPPORTS", BLAIR, article="a2")], articles=("a2",))
    before = claims(g)
    g.resolve_merge("Bob Kilroy-Silk", "Kilroy")
    g.resolve_merge("Robert Kilroy-Silk", "Bob Kilroy-Silk")
    assert entity_ids(g, "Redirect") == {K.id, bob.id}
    g.resolve_undo("Robert Kilroy-Silk", "Kilroy")  # Kilroy went in through Bob
    assert K.id in entity_ids(g) and entity_ids(g, "Redirect") == {bob.id}
    assert [c for c in claims(g) if K.id in (c[0], c[2])] == [c for c in before if K.id in (c[0], c[2])]


def test_never_holds_against_automatic_resolution(g, tmp_path):
    howard, mr = person("Michael Howard"), person("Howard", "Mr Howard", articles=("a2",))
    load(g, [howard], [])
    load(g, [mr, BLAIR], [claim(mr, "CRITICISES", BLAIR, article="a2")], articles=("a2",))
    assert mr.id not in entity_ids(g)
    g.resolve_never("Michael Howard", "Howard")  # splits the automatic merge, and keeps them apart
    assert {howard.id, mr.id} <= entity_ids(g)
    load(g, [mr, BLAIR], [claim(mr, "CRITICISES", BLAIR, article="a2")], articles=("a2",))
    g.resolve_apply()
    assert {howard.id, mr.id} <= entity_ids(g)
    assert g.info()["merges"] == {"automatic": 0, "judged": 0}
    assert [c["b"] for c in g.resolve_candidates(0)].count("Howard") == 0


def test_two_people_with_one_surname_stay_apart(g):
    michael, sandra = person("Michael Howard", "Mr Howard"), person("Sandra Howard", "Mrs Howard")
    load(g, [michael, sandra], [])
    load(g, [person("Howard", articles=("a2",))], [], articles=("a2",))
    assert {michael.id, sandra.id, "person:howard"} <= entity_ids(g)
    pairs = {(c["a"], c["b"]): c for c in g.resolve_candidates(0.3)}
    assert {("Michael Howard", "Howard"), ("Sandra Howard", "Howard")} <= set(pairs)
    assert "shared surname howard" in pairs[("Michael Howard", "Howard")]["why"]
    assert ("Michael Howard", "Sandra Howard") not in pairs and ("Sandra Howard", "Michael Howard") not in pairs


def test_contradictions_block_automatic_merges(graph):
    """A title of the other gender, another first name or initial: no merge (embedded store)."""
    load(graph, [person("Michael Howard", "Mr Howard"), person("Gordon Brown")], [])
    load(graph, [person("Howard", "Mrs Howard", articles=("a2",)), person("Brown", "Nick Brown", articles=("a2",)),
                 person("J. Brown", articles=("a2",))], [], articles=("a2",))
    assert {"person:howard", "person:brown", "person:j-brown"} <= entity_ids(graph)
    load(graph, [person("G Brown", articles=("a3",))], [], articles=("a3",))
    assert "person:g-brown" not in entity_ids(graph)


def test_nicknames_and_acronyms_join_their_group(graph):
    tories = group("Tories", articles=("a2",))
    eoc = group("EOC", articles=("a2",))
    load(graph, [group("Conservative Party", "Tories", "Tory"), group("Equal Opportunities Commission", "EOC")], [])
    load(graph, [tories, eoc, group("Labour Party", articles=("a2",))], [], articles=("a2",))
    ids = entity_ids(graph)
    assert tories.id not in ids and eoc.id not in ids and "group:labour-party" in ids
    assert graph.info()["merges"]["automatic"] == 2
    # a misspelt group that lists the gazetteer's name as an alias gives way to that name
    load(graph, [group("Trade Unions Congress", "Trades Union Congress", articles=("a3",))], [], articles=("a3",))
    load(graph, [group("Trades Union Congress", "TUC", articles=("a4",))], [], articles=("a4",))
    assert graph.find("Trade Unions Congress")["id"] == "group:trades-union-congress"
    assert "group:trade-unions-congress" not in entity_ids(graph)


def test_candidates_score_and_explain(graph):
    load(graph, [person("Barbara Follett"), person("Barbara Follet", articles=("a2",)), person("Vince Cable"),
                 person("Cable", articles=("a2",)), Entity("17 March", "Event", [], ["a1"]),
                 Entity("7 March", "Event", [], ["a1"])], [], articles=("a1", "a2"))
    found = {(c["a"], c["b"]): c for c in graph.resolve_candidates(0)}
    assert found[("Barbara Follett", "Barbara Follet")]["why"] == ["similar names (0.97)"]
    assert found[("Barbara Follett", "Barbara Follet")]["articles"] == ["a1", "a2"]
    dates = found[("17 March", "7 March")]
    assert dates["score"] < 0.5 and "but different numbers" in dates["why"]
    assert [c["a"] for c in graph.resolve_candidates(0.5)] == ["Barbara Follett"]


STURGEON, STURGEON_GROUP = person("Nicola Sturgeon", "Sturgeon"), group("Nicola Sturgeon")
SNP = group("Scottish National Party", "SNP")


def sturgeon_graph(g: PolGraph) -> None:
    """One name extracted as a Person in one sentence and as a Group in another."""
    load(g, [STURGEON, STURGEON_GROUP, SNP, BLAIR],
         [claim(STURGEON, "LEADS", SNP, n=1), claim(STURGEON_GROUP, "CRITICISES", BLAIR, n=2),
          claim(BLAIR, "CRITICISES", STURGEON_GROUP, n=3)])


def test_actors_are_found_by_id_wherever_a_name_is(graph):
    kilroy_graph(graph)
    assert graph.find(K.id) == {"id": K.id, "name": "Kilroy", "type": "Person"}
    assert [r["critic"] for r in graph.query("critics_of", name=BLAIR.id)] == ["Kilroy", "Robert Kilroy-Silk"]
    assert graph.query("path_between", source=K.id, target="veritas")
    assert "Kilroy" in graph.view(around=K.id)
    graph.resolve_merge(KS.id, K.id)
    assert graph.find(K.id)["id"] == KS.id  # a merged-away id names the actor it joined
    graph.resolve_undo(KS.id, K.id)
    assert graph.find(K.id)["id"] == K.id


def test_one_name_stored_under_two_types_is_listed_with_ids_merged_by_type_and_undone(graph, shared_home):
    sturgeon_graph(graph)
    before, seen = claims(graph), mentions(graph)
    with pytest.raises(PolGraphError) as error:
        graph.find("Nicola Sturgeon")
    assert "Nicola Sturgeon (Group, id group:nicola-sturgeon), Nicola Sturgeon (Person, id person:nicola-sturgeon)" \
        in str(error.value)
    assert graph.find(STURGEON_GROUP.id)["type"] == "Group"
    assert [r["critic"] for r in graph.query("critics_of", name=STURGEON_GROUP.id)] == ["Tony Blair"]
    pair = [c for c in graph.resolve_candidates() if {c["a_id"], c["b_id"]} == {STURGEON.id, STURGEON_GROUP.id}]
    assert pair and "merge with --type" in pair[0]["why"][0]
    with pytest.raises(PolGraphError, match="only actors of one type merge.*--type Group or --type Person"):
        graph.resolve_merge(STURGEON_GROUP.id, STURGEON.id)
    env = {"POLGRAPH_HOME": str(shared_home), "POLGRAPH_STORE": "", "POLGRAPH_JUDGEMENTS": str(graph.resolver.path)}
    merged = run_cli("resolve", "merge", STURGEON_GROUP.id, STURGEON.id, "--type", "person", env=env)
    assert merged.returncode == 0, merged.stderr
    assert graph.find("Nicola Sturgeon")["id"] == graph.find(STURGEON_GROUP.id)["id"] == STURGEON.id
    assert {(s, t, o) for s, t, o, *_ in claims(graph)} == {
        (STURGEON.id, "LEADS", SNP.id), (STURGEON.id, "CRITICISES", BLAIR.id), (BLAIR.id, "CRITICISES", STURGEON.id)}
    sturgeon_graph(graph)  # extracted again as a Group: folded into the Person, no duplicate
    assert STURGEON_GROUP.id not in entity_ids(graph)
    graph.resolve_undo("Nicola Sturgeon", STURGEON_GROUP.id)
    assert claims(graph) == before and mentions(graph) == seen
    assert graph.find(STURGEON_GROUP.id)["type"] == "Group" and graph.find(STURGEON.id)["type"] == "Person"


def test_judgements_file_replayed_into_a_fresh_store_gives_the_same_graph(request, shared_home, tmp_path):
    """Judged on the embedded store, replayed by the loads into an empty Neo4j-protocol store."""
    judged = tmp_path / "team" / "judgements.yaml"
    runs = []
    for kind in ("embedded", "bolt"):
        with open_graph(kind, request, shared_home, judged) as g:
            kilroy_graph(g)
            load(g, [person("Michael Howard"), person("Howard", articles=("a2",))], [], articles=("a2",))
            if not runs:
                g.resolve_merge("Robert Kilroy-Silk", "Kilroy")
                g.resolve_never("Michael Howard", "Howard")
            info = g.info()
            runs.append((info["counts"], info["merges"], claims(g), sorted(entity_ids(g)), mentions(g)))
    assert runs[0] == runs[1]
    assert runs[1][1] == {"automatic": 0, "judged": 1}
    assert {"person:howard", "person:michael-howard"} <= set(runs[1][3])


def test_merge_errors_are_one_clear_line(graph):
    kilroy_graph(graph)
    with pytest.raises(PolGraphError, match="no actor called 'Nobody'"):
        graph.resolve_merge("Robert Kilroy-Silk", "Nobody")
    with pytest.raises(PolGraphError, match="only actors of one type merge"):
        graph.resolve_merge("Robert Kilroy-Silk", "Veritas")
    with pytest.raises(PolGraphError, match="nothing called 'Kilroy' is merged into 'Tony Blair'"):
        graph.resolve_undo("Tony Blair", "Kilroy")


def test_cli_candidates_merge_undo_and_info(graph, shared_home, tmp_path):
    kilroy_graph(graph)
    load(graph, [person("Michael Howard"), person("Sandra Howard"), person("Howard", articles=("a2",))], [],
         articles=("a2",))
    env = {"POLGRAPH_HOME": str(shared_home), "POLGRAPH_STORE": ""}
    cli = functools.partial(run_cli, env=env)
    (shared_home / "judgements.yaml").unlink(missing_ok=True)
    out = cli("resolve", "candidates", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert rows and all(set(r) == {"a", "b", "a_id", "b_id", "score", "why", "articles"} and 0 <= r["score"] <= 1
                        for r in rows)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert {"a": "Michael Howard", "b": "Howard"}.items() <= next(r for r in rows if r["a"] == "Michael Howard").items()
    assert "Howard" in cli("resolve", "candidates").stdout
    judged = tmp_path / "ours.yaml"
    out = cli("resolve", "merge", "Robert Kilroy-Silk", "Kilroy", "--judgements", str(judged))
    assert out.returncode == 0 and judged.exists(), out.stderr
    assert "merges: 0 automatic, 1 judged" in cli("info").stdout
    out = run_cli("resolve", "undo", "Robert Kilroy-Silk", "Kilroy", env={**env, "POLGRAPH_JUDGEMENTS": str(judged)})
    assert out.returncode == 0, out.stderr
    assert [e["action"] for e in yaml.safe_load(judged.read_text())] == ["merge", "undo"]
    bad = cli("resolve", "merge", "Robert Kilroy-Silk", "Nobody at all")
    assert "no actor called 'Nobody at all'" in bad.stderr
    assert cli("resolve", "never", "Michael Howard", "Howard").returncode == 0
    assert (shared_home / "judgements.yaml").exists()  # the default place: under POLGRAPH_HOME
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


def test_ingest_resolves_across_batches_and_reingest_keeps_one_node(graph, tmp_path):
    """Through the real pipeline: "Mr Howard" in a later ingest joins Michael Howard of an earlier one."""
    first, second = tmp_path / "a1.txt", tmp_path / "a2.txt"
    first.write_text("Howard attacks Blair\nConservative leader Michael Howard criticised Tony Blair over taxes "
                     "on Monday. Michael Howard said the Labour Party had failed.\n")
    second.write_text("Tax row\nMr Howard attacked Gordon Brown over the budget. Mr Howard said voters wanted "
                      "lower taxes.\n")
    graph.ingest([first])
    graph.ingest([second])
    howard = graph.find("Michael Howard")["id"]
    assert graph.find("Mr Howard")["id"] == howard and "person:mr-howard" in entity_ids(graph, "Redirect")
    assert ("CRITICISES", "person:gordon-brown") in {(t, o) for s, t, o, *_ in claims(graph) if s == howard}
    second.write_text(second.read_text().replace("budget", "spending plans"))  # changed: ingested again
    assert graph.ingest([second]).ingested == 1
    assert "person:mr-howard" not in entity_ids(graph)
    assert {a for a, e in mentions(graph) if e == howard} == {"a1", "a2"}
