"""Hand-made extractions and whole-graph dumps, for tests of the store that must not wait for NLP."""
from __future__ import annotations

from polgraph.core.records import Article, Claim, Entity
from polgraph.graph.store import Store


def extraction(n: int = 3, tag: str = "") -> tuple[list[Article], list[Entity], list[Claim]]:
    """`n` articles in which the same two actors appear, each stating one claim.

    Every article names the same entities, so loading two of these at once exercises the
    MERGE of shared entities, aliases and mentions; `tag` makes the articles distinct.
    """
    articles = [Article(id=f"a{tag}{i}", title=f"Story {tag}{i}", text=f"Mr Lansman criticised Momentum {i}.",
                        published="2018-03-0" + str(i % 9 + 1)) for i in range(n)]
    ids = [a.id for a in articles]
    lansman = Entity("Jon Lansman", "Person", aliases=["Lansman", "Mr Lansman"], articles=ids)
    momentum = Entity("Momentum", "Group", aliases=["Momentum"], articles=ids)
    relations = [Claim(lansman.id, "CRITICISES", momentum.id, a.id, a.text, 0.8, start=0, end=len(a.text),
                       date=a.published) for a in articles]
    return articles, [lansman, momentum], relations


def dump(store: Store, ignore: tuple[str, ...] = ()) -> dict[str, list]:
    """Every node and relationship with labels, type and properties, sorted: equal dumps, equal graphs.

    Properties named in `ignore` are left out (a time of writing differs between equal graphs).
    """
    nodes = store.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    rels = store.run(
        "MATCH (s)-[r]->(o) RETURN type(r) AS type, properties(r) AS props, "
        "coalesce(s.id, s.key) AS source, coalesce(o.id, o.key) AS target"
    )
    return {
        "nodes": sorted(_canonical(ignore, sorted(n["labels"]), n["props"]) for n in nodes),
        "relationships": sorted(_canonical(ignore, r["type"], r["source"], r["target"], r["props"]) for r in rels),
    }


def _canonical(ignore: tuple[str, ...], *parts: object) -> str:
    """One comparable string per node or relationship, property order aside."""
    return repr([{k: v for k, v in sorted(p.items()) if k not in ignore} if isinstance(p, dict) else p
                 for p in parts])
