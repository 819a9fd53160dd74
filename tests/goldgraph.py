"""Hand-annotated gold as polgraph records, loaded with the real Loader.

The query, analysis, view and export tests need a graph whose content is known and does not
move when the extractor improves: the gold of a corpus (`conftest.CORPUS`, shipped with the
project, or the shared dev corpus) is that graph.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from polgraph.core.names import entity_id
from polgraph.core.records import Article, Claim, Entity
from polgraph.graph.loader import Loader
from polgraph.graph.store import Store


def gold_files(corpus: Iterable[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
    """(text, gold file) of every gold file of `corpus`, a list of (texts folder, gold folder)."""
    return [(texts / f"{g.stem}.txt", g) for texts, gold in corpus for g in sorted(gold.glob("*.json"))]


def gold_records(corpus: Iterable[tuple[Path, Path]], dates: dict[str, str] | None = None
                 ) -> tuple[list[Article], list[Entity], list[Claim]]:
    """Articles, entities and relations of every gold file of `corpus` (texts folder, gold folder pairs).

    `dates` gives articles a publication date (the gold corpora have none) for tests of ordering.
    """
    dates = dates or {}
    articles: list[Article] = []
    entities: dict[str, Entity] = {}
    relations: list[Claim] = []
    for text_file, gold_file in gold_files(corpus):
        doc = json.loads(gold_file.read_text(encoding="utf-8"))
        title, _, text = text_file.read_text(encoding="utf-8").strip().partition("\n")
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


def load_gold(store: Store, corpus: Iterable[tuple[Path, Path]], batch_size: int = 1000, dates: dict[str, str] | None = None) -> None:
    """Load the gold graph of `corpus` into `store`, as an ingest would."""
    Loader(store, batch_size).load(*gold_records(corpus, dates))
