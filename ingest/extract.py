"""Extraction as a whole: articles -> spaCy docs -> per-article extractions -> resolved graph.

This is the one place that drives the pipeline; `polgraph extract` prints its result and
`polgraph ingest` loads it. The spaCy pipeline is loaded once, on first use.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from polgraph.core.records import Article, ArticleExtraction, Claim, Entity
from polgraph.core.settings import model_name

PIPE_BATCH = 16  # docs per nlp.pipe batch: small articles, modest memory
# Characters of one article the parser takes (spaCy's nlp.max_length, set to this when loaded):
# parsing costs about 1 GB per 100,000 characters, so a longer text is refused, not parsed.
MAX_TEXT_CHARS = 1_000_000


@dataclass
class Extraction:
    """Resolved entities and relations of a set of articles."""

    articles: list[Article] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Claim] = field(default_factory=list)

    def to_json(self) -> dict:
        """The `polgraph extract --format json` document."""
        return {
            "articles": [a.meta() for a in self.articles],
            "entities": [asdict(e) for e in self.entities],
            "relations": [asdict(r) for r in self.relations],
        }


class Extractor:
    """Runs the spaCy pipeline and resolution over articles."""

    def __init__(
        self,
        model: str | None = None,
        gazetteers: Sequence[Path] = (),
        min_confidence: float = 0.0,
        aliases_file: Path | None = None,
        workers: int = 1,
    ) -> None:
        self.model = model_name(model)
        self.workers = workers
        self.gazetteers = tuple(gazetteers)
        self.min_confidence = min_confidence
        self.aliases_file = aliases_file

    @property
    def nlp(self):
        return _pipeline(self.model, self.gazetteers)

    def parse(self, articles: Iterable[Article]) -> Iterator[ArticleExtraction]:
        """One extraction per article, streamed through `nlp.pipe`, in `workers` processes if more than one."""
        if self.workers > 1:
            from polgraph.ingest.parallel import parse_in_workers

            return parse_in_workers(articles, self.model, self.gazetteers, self.workers, PIPE_BATCH)
        return parse_with(self.nlp, articles)

    def extract(self, articles: Iterable[Article],
                on_parsed: Callable[[ArticleExtraction], None] | None = None, exact_only: bool = False) -> Extraction:
        """Parse, resolve across the articles, and keep relations above the confidence floor.

        `on_parsed` hears of each article as soon as it is parsed: parsing is what takes the
        time, so a progress bar that moves only per batch of articles looks stuck.
        `exact_only`: fold actors only by exact name, as ingest does, whose store makes every
        other merge afterwards, recorded and undoable.
        """
        from polgraph.ingest.resolve import resolve

        parsed = []
        for one in self.parse(articles):
            parsed.append(one)
            if on_parsed:
                on_parsed(one)
        entities, relations = resolve(parsed, aliases_file=self.aliases_file, exact_only=exact_only)
        kept = [r for r in relations if r.confidence >= self.min_confidence]
        return Extraction([p.article for p in parsed], entities, kept)


def parse_with(nlp, articles: Iterable[Article]) -> Iterator[ArticleExtraction]:
    """One extraction per article through a loaded pipeline: the parse, in this process or a worker."""
    from polgraph.ingest.pipeline import extract_doc

    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=PIPE_BATCH):
        yield extract_doc(doc, article)


@cache
def _pipeline(model: str, gazetteers: tuple[Path, ...]):
    """One loaded spaCy pipeline per (model, gazetteers) in a process: loading takes seconds."""
    from polgraph.ingest.pipeline import load_pipeline

    return load_pipeline(model, gazetteers)
