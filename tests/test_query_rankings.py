"""Rankings read the top of an index: most_criticised, most_active_critics and contested search
range indexes on the count properties from high thresholds down, and must equal a full sort of
every entity on a store with tiers of counts (split from test_queries.py)."""
from __future__ import annotations

import random

import pytest

from conftest import graph_home, use_home
from polgraph.api import PolGraph
from polgraph.queries import library

# ---- rankings read the top of an index -------------------------------------------------------

# The thresholds the ranking templates search their count index at, highest first.
RANK_TIERS = (10000, 1000, 300, 100, 30, 15, 10, 7, 5, 4, 3, 2, 1)
# The first session's rankings: one pass over every entity, the plain aggregation the
# threshold searches must equal.
WHOLE_SCAN = {
    "most_criticised": "MATCH (t:Entity) WHERE t.in_criticises_actors > 0 RETURN t.name AS actor, "
                       "t.type AS actor_type, t.in_criticises_actors AS critics, t.in_criticises_claims AS claims, "
                       "t.in_criticises_articles AS articles ORDER BY critics DESC, claims DESC, actor LIMIT $limit",
    "most_active_critics": "MATCH (c:Entity) WHERE c.out_criticises_actors > 0 RETURN c.name AS critic, "
                           "c.type AS critic_type, c.out_criticises_actors AS targets, c.out_criticises_claims AS claims, "
                           "c.out_criticises_articles AS articles ORDER BY targets DESC, claims DESC, critic LIMIT $limit",
    "contested": "MATCH (t:Entity) WHERE t.in_supports_actors > 0 AND t.in_supports_actors >= $min_each "
                 "AND t.in_criticises_actors > 0 AND t.in_criticises_actors >= $min_each "
                 "WITH t, t.in_supports_actors AS supporters, t.in_criticises_actors AS critics "
                 "RETURN t.name AS actor, t.type AS actor_type, supporters, critics "
                 "ORDER BY CASE WHEN supporters < critics THEN supporters ELSE critics END DESC, "
                 "supporters + critics DESC, actor LIMIT $limit",
}
RANKED = {  # template -> its count columns, name -> property: ranked by the first, then the second
    "most_criticised": {"critics": "in_criticises_actors", "claims": "in_criticises_claims",
                        "articles": "in_criticises_articles"},
    "most_active_critics": {"targets": "out_criticises_actors", "claims": "out_criticises_claims",
                            "articles": "out_criticises_articles"},
}


@pytest.fixture(scope="module")
def tiered():
    """A graph whose entities' ranking counts (graph/counts.py) fall in every tier the rankings
    search, many of them exactly on a threshold or one below it, with ties on every sort key
    but the name, and some entities with no counts at all. The rankings read only these
    properties, so the entities are written with them directly; the index comes from the schema."""
    rng = random.Random(7)

    def count() -> int | None:
        pick = rng.random()
        if pick < 0.05:
            return None
        if pick < 0.2:
            return 0
        if pick < 0.45:
            return rng.choice(RANK_TIERS) - rng.choice((0, 1))
        if pick < 0.6:
            return rng.randint(1, 4)
        return int(10 ** rng.uniform(0, 5.3))

    names = [f"actor {i:05d}" for i in range(2500)]
    rng.shuffle(names)  # so that the order by name is not the order of creation
    rows = []
    for i, name in enumerate(names):
        props = {"id": f"person:{i}", "name": name, "type": "Person"}
        for direction in ("in", "out"):
            for rel in ("criticises", "supports"):
                actors = count()
                if actors is None:
                    continue
                props[f"{direction}_{rel}_actors"] = actors
                props[f"{direction}_{rel}_claims"] = actors + rng.choice((0, 0, 1, 3))
                props[f"{direction}_{rel}_articles"] = rng.randint(min(actors, 1), max(actors, 1))
        rows.append(props)
    with graph_home("pgt-") as home, PolGraph.open(None, home=home) as g:
        with use_home(home):  # the store is opened on first use, on this home's graph
            g.writable_store.run("UNWIND $rows AS row CREATE (e:Entity:Person) SET e = row", {"rows": rows},
                                 write=True)
        yield g, rows


def tier_limits(values: list[int]) -> list[int]:
    """Limits at every tier's edge: how many entities reach each threshold, one less, one more."""
    sizes = {sum(v >= f for v in values) for f in RANK_TIERS}
    return sorted({1, 2, 10, 20, len(values) + 5} | {n + d for n in sizes for d in (-1, 0, 1) if n + d > 0})


@pytest.mark.slow
@pytest.mark.parametrize("template", sorted(RANKED))
def test_rankings_searched_by_threshold_equal_a_sort_of_every_entity(tiered, template):
    """Equal to the same sort in Python and to the plain whole scan the rankings replaced."""
    g, rows = tiered
    columns = RANKED[template]
    by, then, _ = columns.values()
    ranked = sorted((r for r in rows if (r.get(by) or 0) > 0), key=lambda r: (-r[by], -r[then], r["name"]))
    name = library.get(template).columns[0]
    for limit in tier_limits([r[by] for r in ranked]):
        want = [{name: r["name"], f"{name}_type": "Person", **{c: r[p] for c, p in columns.items()}}
                for r in ranked[:limit]]
        assert g.query(template, limit=limit) == want, (template, limit)
        assert g.store.run(WHOLE_SCAN[template], {"limit": limit}) == want, (template, limit)


@pytest.mark.slow
def test_contested_searched_by_threshold_equals_a_sort_of_every_entity(tiered):
    g, rows = tiered
    both = [r for r in rows if (r.get("in_supports_actors") or 0) > 0 and (r.get("in_criticises_actors") or 0) > 0]
    def key(r):
        s, c = r["in_supports_actors"], r["in_criticises_actors"]
        return -min(s, c), -(s + c), r["name"]
    for min_each in (0, 1, 2, 3, 29, 30, 31, 999, 5000, 20000):
        ranked = sorted((r for r in both if min(r["in_supports_actors"], r["in_criticises_actors"]) >= min_each),
                        key=key)
        assert min_each > 3000 or len(ranked) > 10
        for limit in tier_limits([min(r["in_supports_actors"], r["in_criticises_actors"]) for r in ranked]):
            want = [{"actor": r["name"], "actor_type": "Person", "supporters": r["in_supports_actors"],
                     "critics": r["in_criticises_actors"]} for r in ranked[:limit]]
            assert g.contested(min_each=min_each, limit=limit) == want, (min_each, limit)
            assert g.store.run(WHOLE_SCAN["contested"], {"min_each": min_each, "limit": limit}) == want


@pytest.mark.parametrize("template", ["most_criticised", "most_active_critics", "contested"])
def test_rankings_read_an_index_never_every_entity(tiered, template):
    g, _ = tiered
    tpl = library.get(template)
    plan = str(g.store.graph.explain(tpl.cypher, tpl.bind({})))
    assert "Node By Index Scan" in plan and "Label Scan" not in plan and "All Node Scan" not in plan, plan
