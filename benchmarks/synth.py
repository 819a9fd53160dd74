"""A synthetic political graph with the shape of a real one, streamed in article batches.

Actors are mostly people, some groups, a few events; how often an actor is the object
of a claim follows a power law (a few leaders draw most of the criticism), so the
rankings and the neighbourhoods of popular actors are as heavy as in a real archive.
Every claim joins two ends the schema allows and carries full provenance. The same
seed always gives the same graph.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Iterator

from polgraph.core.records import Article, Claim, Entity
from polgraph.graph import schema as schema_mod

FIRST = ("Anna Ben Carl Dora Emil Fay Gus Hana Ivan Jill Karl Lena Milo Nina Omar Pia Quin Rosa Sam Tara "
         "Umar Vera Wes Xena Yuri Zoe").split()
LAST = ("Abbott Baker Clarke Dunn Evans Frost Grant Hale Irwin Jones Kerr Lowe Marsh Nash Owen Price Quinn "
        "Reed Shaw Todd Upton Vance Watts Young").split()
GROUP_KINDS = ("Party", "Union", "Council", "Committee", "Alliance", "Forum")
EVENT_KINDS = ("Summit", "Inquiry", "Election", "Conference", "Review")
TYPE_SHARES = (("Person", 0.8), ("Group", 0.17), ("Event", 0.03))
CLAIMS_PER_ARTICLE = 10
ZIPF_S = 1.1  # popularity exponent of claim objects


@dataclass(frozen=True)
class Batch:
    """What one ingest batch of articles hands the loader."""

    articles: list[Article]
    entities: list[Entity]
    relations: list[Claim]


def actor_name(type_: str, n: int) -> str:
    """A unique, readable name for the n-th actor of a type."""
    if type_ == "Person":
        return f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]} {n}"
    kinds = GROUP_KINDS if type_ == "Group" else EVENT_KINDS
    return f"{LAST[n % len(LAST)]} {kinds[(n // len(LAST)) % len(kinds)]} {n}"


def actors(count: int) -> list[Entity]:
    """`count` actors split across the entity types by TYPE_SHARES."""
    out: list[Entity] = []
    for type_, share in TYPE_SHARES:
        n = max(1, round(count * share))
        out.extend(Entity(name=actor_name(type_, i), type=type_) for i in range(n))
    return out[:count]


class SyntheticGraph:
    """`actor_count` actors and `claim_count` claims, CLAIMS_PER_ARTICLE per article."""

    def __init__(self, actor_count: int, claim_count: int, seed: int = 7) -> None:
        self.actors = actors(actor_count)
        self.claim_count = claim_count
        self.seed = seed
        sch = schema_mod.load()
        self.rules = [(r.type, r.sources, r.targets) for r in sch.relations.values() if r.claim]
        self.by_type = {t: [e for e in self.actors if e.type == t] for t in sch.entity_types}
        self.index = {e.id: e for e in self.actors}

    def batches(self, articles_per_batch: int) -> Iterator[Batch]:
        """The graph as ingest would load it: batches of articles with their actors and claims."""
        rng = random.Random(self.seed)
        popular = {t: _zipf_weights(len(es)) for t, es in self.by_type.items()}
        n_articles = -(-self.claim_count // CLAIMS_PER_ARTICLE)
        made = 0
        for first in range(0, n_articles, articles_per_batch):
            articles, relations = [], []
            for i in range(first, min(first + articles_per_batch, n_articles)):
                article = _article(i)
                articles.append(article)
                for _ in range(min(CLAIMS_PER_ARTICLE, self.claim_count - made)):
                    relations.append(self._claim(rng, popular, article))
                    made += 1
            yield Batch(articles, self._mentioned(relations), relations)

    def _claim(self, rng: random.Random, popular: dict, article: Article) -> Claim:
        rel_type, sources, targets = rng.choice(self.rules)
        s_type, o_type = rng.choice(sources), rng.choice(targets)
        subject = rng.choice(self.by_type[s_type])
        obj = rng.choices(self.by_type[o_type], cum_weights=popular[o_type])[0]
        evidence = f"{subject.name} said on {article.published} that {obj.name} was wrong about the budget."
        return Claim(subject=subject.id, type=rel_type, object=obj.id, article=article.id, evidence=evidence,
                     confidence=round(rng.uniform(0.5, 1.0), 2), former=rng.random() < 0.1,
                     start=0, end=len(evidence), date=article.published)

    def _mentioned(self, relations: list[Claim]) -> list[Entity]:
        """The batch's actors, each with the batch articles it appears in (what resolution yields)."""
        seen: dict[str, Entity] = {}
        for r in relations:
            for eid in (r.subject, r.object):
                e = seen.get(eid)
                if e is None:
                    src = self.index[eid]
                    e = seen[eid] = Entity(name=src.name, type=src.type, aliases=[src.name.rsplit(" ", 1)[0]],
                                           id=src.id)
                if r.article not in e.articles:
                    e.articles.append(r.article)
        return list(seen.values())


def _article(i: int) -> Article:
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    year = 2000 + (i // 336) % 25
    return Article(id=f"synth-{i:07d}", title=f"Synthetic article {i}", text="",
                   published=f"{year}-{month:02d}-{day:02d}", source="synthetic")


def _zipf_weights(n: int) -> list[float]:
    """Cumulative Zipf weights over n ranks, for random.choices(cum_weights=...)."""
    total, out = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / rank**ZIPF_S
        out.append(total)
    return out
