"""path_between on generated chains: exact shortest paths up to 4 hops, checked against a
breadth-first search, and any relationship between two entities may join them (split from
test_queries.py)."""
from __future__ import annotations

import random
from collections import defaultdict

import pytest

from conftest import graph_home, use_home
from polgraph.api import PolGraph
from polgraph.graph import schema as schema_mod
from polgraph.queries import library

@pytest.fixture(scope="module")
def chains():
    """Actors joined by claims at every distance from 1 to beyond 4: a line of 12 actors, two
    busy actors of 60 neighbours each three and four hops apart (so that 3 hops are found by
    the joins rather than pair by pair), two hubs, sparse random claims, a repeated claim and a
    self-claim; some actors carry support and criticism counts, so that the search starts from
    either end. Returns (PolGraph, adjacency by name, claim keys by name pair)."""
    rng = random.Random(3)
    names = [f"actor {i:03d}" for i in range(300)]
    pairs: list[tuple[int, int]] = [(i, i + 1) for i in range(11)]  # the line 0..11
    star_a, star_b, middle = 20, 21, 22
    leaves_a, leaves_b = range(30, 90), range(90, 150)
    pairs += [(star_a, j) for j in leaves_a] + [(j, star_b) for j in leaves_b]
    pairs += [(30, 90)]  # star_a - 30 - 90 - star_b: 3 hops between two busy actors
    pairs += [(31, middle), (middle, 91)]  # and a 4-hop chain through the middle (never shorter)
    for hub in (12, 13):
        pairs += [(hub, j) if rng.random() < 0.5 else (j, hub) for j in rng.sample(range(150, 300), 40)]
    pairs += [tuple(rng.sample(range(150, 300), 2)) for _ in range(120)]
    pairs += [(150, 151), (151, 150), (152, 152)]
    types = ("SUPPORTS", "CRITICISES", "MEMBER_OF", "LEADS")
    claims = [{"s": f"person:{a}", "o": f"person:{b}", "type": types[k % len(types)], "article": f"art-{k}",
               "evidence": f"{names[a]} and {names[b]} ({k})"} for k, (a, b) in enumerate(pairs)]
    entities = [{"id": f"person:{i}", "name": n, "type": "Person"} for i, n in enumerate(names)]
    for i, claims_about in ((12, 500), (100, 500), (200, 500), (star_b, 5000)):  # the search starts from the
        entities[i]["in_criticises_claims"] = claims_about  # other end; star_b is too busy for pair tests
    adjacency = defaultdict(set)
    keys = defaultdict(set)
    for c, (a, b) in zip(claims, pairs):
        adjacency[names[a]].add(names[b])
        adjacency[names[b]].add(names[a])
        keys[frozenset((names[a], names[b]))].add((c["type"], c["article"], c["evidence"]))
    with graph_home("pgp-") as home, PolGraph.open(None, home=home) as g:
        with use_home(home):  # the store is opened on first use, on this home's graph
            store = g.writable_store
        store.run("UNWIND $rows AS row CREATE (e:Entity:Person) SET e = row", {"rows": entities}, write=True)
        for rel in types:
            store.run(f"UNWIND $rows AS row MATCH (s:Entity {{id: row.s}}), (o:Entity {{id: row.o}}) "
                      f"CREATE (s)-[:{rel} {{article: row.article, evidence: row.evidence}}]->(o)",
                      {"rows": [c for c in claims if c["type"] == rel]}, write=True)
        yield g, adjacency, keys


def test_only_claims_join_two_entities_so_path_between_may_join_any_relationship():
    """path_between joins entities through relationships of any type (the fastest walk FalkorDB
    has): that means claims only while the schema lets no other relation join two entities."""
    sch = schema_mod.load()
    entity = set(sch.entity_types)
    for rel in sch.relations.values():
        joins_entities = set(rel.sources) <= entity and set(rel.targets) <= entity
        assert joins_entities == rel.claim, rel.type


def bfs_distance(adjacency: dict[str, set[str]], source: str, target: str) -> int | None:
    seen, ring = {source}, {source}
    for distance in range(1, 5):
        ring = {n for a in ring for n in adjacency[a]} - seen
        if target in ring:
            return distance
        seen |= ring
    return None


def test_path_between_finds_the_shortest_chain_up_to_4_hops(chains):
    """Against a breadth-first search: the chain has exactly the shortest length (none beyond 4
    hops), each hop is a real claim joining the actor reached so far to the next."""
    g, adjacency, keys = chains
    template = library.get("path_between")
    ids = {f"actor {i:03d}": f"person:{i}" for i in range(300)}  # no Alias nodes here: ids, not names
    everyone = sorted(adjacency)
    line = [f"actor {i:03d}" for i in range(12)]
    asked = [(line[0], line[k]) for k in range(1, 12)] + [(line[k], line[0]) for k in range(1, 6)]
    asked += [("actor 020", "actor 021"), ("actor 021", "actor 020"), ("actor 031", "actor 091"),
              ("actor 020", "actor 022"), ("actor 012", "actor 013"), ("actor 152", "actor 152")]
    rng = random.Random(5)
    asked += [tuple(rng.sample(everyone, 2)) for _ in range(60)]
    seen_lengths = set()
    for source, target in asked:
        want = bfs_distance(adjacency, source, target) if source != target else None
        hops = g.store.run(template.cypher, {"source": ids[source], "target": ids[target]})
        if source == target:
            continue  # any chain back to itself is a chain; only that it answers is asked
        assert len(hops) == (want or 0), (source, target, want, hops)
        seen_lengths.add(len(hops))
        at = source
        for k, h in enumerate(hops, 1):
            assert h["hop"] == k and at in (h["source"], h["target"]), (source, target, hops)
            assert (h["type"], h["article"], h["evidence"]) in keys[frozenset((h["source"], h["target"]))]
            at = h["target"] if h["source"] == at else h["source"]
        assert not hops or at == target
    assert seen_lengths == {0, 1, 2, 3, 4}
