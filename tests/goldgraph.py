"""The shared dev corpus's gold annotations as polgraph records, loaded with the real Loader.

The query and analysis tests need a graph whose content is known and does not move when
the extractor improves: the hand-annotated gold of `../shared/corpus/dev` is that graph.
"""
from __future__ import annotations

import json
from pathlib import Path

from polgraph.core.names import entity_id
from polgraph.core.records import Article, Claim, Entity
from polgraph.graph.loader import Loader
from polgraph.graph.store import Store


def gold_records(corpus: Path, dates: dict[str, str] | None = None) -> tuple[list[Article], list[Entity], list[Claim]]:
    """Articles, entities and relations of every gold file in `corpus/gold`.

    `dates` gives articles a publication date (the dev corpus has none) for tests of ordering.
    """
    dates = dates or {}
    articles: list[Article] = []
    entities: dict[str, Entity] = {}
    relations: list[Claim] = []
    for gold_file in sorted((corpus / "gold").glob("*.json")):
        doc = json.loads(gold_file.read_text(encoding="utf-8"))
        title, _, text = (corpus / f"{doc['id']}.txt").read_text(encoding="utf-8").strip().partition("\n")
        article = Article(id=doc["id"], title=title.strip(), text=text.strip(), published=dates.get(doc["id"]))
        articles.append(article)
        local: dict[str, str] = {}
        for e in doc["entities"]:
            eid = entity_id(e["type"], e["name"])
            local[e["name"]] = eid
            merged = entities.setdefault(eid, Entity(name=e["name"], type=e["type"], id=eid))
            merged.aliases = sorted(set(merged.aliases) | set(e.get("aliases", [])))
            merged.articles.append(article.id)
        for r in doc["relations"]:
            relations.append(Claim(subject=local[r["subject"]], type=r["type"], object=local[r["object"]],
                                   article=article.id, evidence=r.get("evidence", ""), confidence=1.0,
                                   former=bool(r.get("former")), date=article.published))
    return articles, list(entities.values()), relations


def load_gold(store: Store, corpus: Path, batch_size: int = 1000, dates: dict[str, str] | None = None) -> None:
    """Load the gold graph of `corpus` into `store`, as an ingest would."""
    Loader(store, batch_size).load(*gold_records(corpus, dates))
