"""The stores of the view and export tests, loaded with the real Loader: the gold graph of the
corpus the project ships, and a small hostile graph whose names, titles and sentences carry script and image-tag
payloads and quotes."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

import pytest
from conftest import CORPUS, graph_home, use_home
from goldgraph import gold_files, load_gold

from polgraph.api import PolGraph
from polgraph.core.records import Article, Claim, Entity
from polgraph.graph.loader import Loader
from polgraph.graph.store import Store

# Each would change the page's title or log a console error if it ever ran.
SCRIPT = '<script>document.title="pwned";console.error("xss")</script>'
CLOSE = '</script><script>document.title="pwned"</script>'
IMG = '<img src=x onerror="document.title=\'pwned\';console.error(\'xss\')">'
QUOTES = 'Sam "Ace" O\'Brien & <b>co</b>'
PAYLOADS = (SCRIPT, CLOSE, IMG, QUOTES)
# One date per article of the corpus, a day apart from 2024-03-01, so date filters have something to do.
DATES = {text.stem: (date(2024, 3, 1) + timedelta(days=i)).isoformat()
         for i, (text, _) in enumerate(gold_files(CORPUS))}


def load_hostile(store: Store) -> dict[str, str]:
    """Actors named with each payload, claims between them whose evidence and article title carry
    payloads too, and one plain actor; returns entity ids by name."""
    article = Article(id="hostile", title=f"Payload {SCRIPT} {IMG}", text="…", published="2024-05-01")
    people = [Entity(p, "Person", [], ["hostile"]) for p in PAYLOADS]
    party = Entity("Plain Party", "Group", [], ["hostile"])
    relations = [Claim(p.id, "MEMBER_OF", party.id, "hostile", f"{p.name} joined. {IMG} {CLOSE}", 0.8,
                       date="2024-05-01") for p in people]
    relations.append(Claim(people[0].id, "CRITICISES", people[2].id, "hostile", QUOTES, 0.7, date="2024-05-01"))
    Loader(store, 1000).load([article], [*people, party], relations)
    return {e.name: e.id for e in [*people, party]}



@pytest.fixture(scope="module")
def store_home() -> Iterator[Path]:
    """A POLGRAPH_HOME, one per test module, whose embedded store holds the gold graph with
    DATES, and the hostile graph."""
    with graph_home("pgt-") as home:
        with use_home(home), PolGraph.open(None, home=home) as g:
            load_gold(g.writable_store, CORPUS, dates=DATES)
            load_hostile(g.writable_store)
        yield home


@pytest.fixture
def pg(store_home: Path) -> Iterator[PolGraph]:
    with use_home(store_home), PolGraph.open(None, home=store_home) as g:
        yield g
