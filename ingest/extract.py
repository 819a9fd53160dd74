"""Extraction as a whole: articles -> spaCy docs -> per-article extractions -> resolved graph.

This is the one place that drives the pipeline; `polgraph extract` prints its result and
`polgraph ingest` loads it. The spaCy pipeline is loaded once, on first use; the parse runs here
or on Dask (`ingest/cluster.py`), resolution across articles always here.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from polgraph.core.records import Article, ArticleExtraction, Claim, Entity
from polgraph.core.settings import extractor_name, model_name
from polgraph.ingest.errors import ReadError

PIPE_BATCH = 16  # docs per nlp.pipe batch: small articles, modest memory
# Characters of one article the parser takes (spaCy's nlp.max_length, set to this when loaded):
# parsing costs about 1 GB per 100,000 characters, so a longer text is refused, not parsed.
MAX_TEXT_CHARS = 1_000_000


@dataclass
class Extraction:
    """Resolved entities and relations of a set of articles. `duplicates`: from `PolGraph.extract`,
    which reads the articles, one line per article it left out for having the text of one read
    before it (as ingest leaves it out)."""

    articles: list[Article] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Claim] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)

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
        cluster: str | None = None,
        extractor: str | None = None,
    ) -> None:
        """`workers` > 1 parses on a Dask LocalCluster of that many processes, `cluster` on the Dask
        scheduler at that address; else this process parses. Either way the result is the same."""
        self.model = model_name(model)
        self.extractor = extractor_name(extractor)
        self.workers = workers
        self.cluster = cluster
        self.gazetteers = tuple(gazetteers)
        self.min_confidence = min_confidence
        self.aliases_file = aliases_file
        self._on_dask = None

    @property
    def nlp(self):
        return loaded_pipeline(self.model, self.gazetteers, self.extractor)

    def parse(self, articles: Iterable[Article]) -> Iterator[ArticleExtraction | ReadError]:
        """One extraction per article (or its error), in order: streamed through `nlp.pipe` here, or
        mapped over partitions on Dask's workers."""
        if self.workers == 1 and self.cluster is None:
            return parse_with(self.nlp, articles)
        if self._on_dask is None:  # one client (and LocalCluster) for every batch of a run
            from polgraph.ingest.cluster import ClusterParser

            self._on_dask = ClusterParser(self.model, self.gazetteers, self.extractor, self.cluster, self.workers)
        return self._on_dask.parse(articles)

    def close(self) -> None:
        """Let go of the Dask client, and stop the LocalCluster this extractor started."""
        if self._on_dask is not None:
            self._on_dask.close()
            self._on_dask = None

    def __enter__(self) -> "Extractor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def extract(self, articles: Iterable[Article],
                on_parsed: Callable[[ArticleExtraction], None] | None = None,
                on_error: Callable[[ReadError], None] | None = None, exact_only: bool = False) -> Extraction:
        """Parse, resolve across the articles, and keep relations above the confidence floor.

        `on_parsed` hears of each article as soon as it is parsed: parsing is what takes the
        time, so a progress bar that moves only per batch of articles looks stuck. An article
        that made a component raise is left out and told to `on_error`; the rest go on.
        `exact_only`: fold actors only by exact name, as ingest does, whose store makes every
        other merge afterwards, recorded and undoable.
        """
        return self.collect(self.parse(articles), on_parsed, on_error, exact_only)

    def collect(self, parses: Iterable[ArticleExtraction | ReadError],
                on_parsed: Callable[[ArticleExtraction], None] | None = None,
                on_error: Callable[[ReadError], None] | None = None, exact_only: bool = False) -> Extraction:
        """`extract` of a parse already under way (from `parse`): so a caller can have the next
        batch parsed on Dask while it loads this one."""
        from polgraph.ingest.resolve import resolve

        parsed = []
        for one in parses:
            if isinstance(one, ReadError):
                if on_error:
                    on_error(one)
                continue
            parsed.append(one)
            if on_parsed:
                on_parsed(one)
        entities, relations = resolve(parsed, aliases_file=self.aliases_file, exact_only=exact_only)
        kept = [r for r in relations if r.confidence >= self.min_confidence]
        return Extraction([p.article for p in parsed], entities, kept)


def parse_with(nlp, articles: Iterable[Article]) -> Iterator[ArticleExtraction | ReadError]:
    """One extraction per article through a loaded pipeline: the parse, in this process or a Dask worker.

    Extraction as a pure function: each article's text and metadata in, its entities (with the
    names that mention them) and claims out, nothing read from or written to a store, and
    nothing carried from one article to the next. So any engine may map it over any partition
    of a corpus and get, article for article, what one process gets.

    A document that makes a polgraph component raise is one `ReadError` for its article (spaCy's
    error handler drops it from the stream), so one odd article never stops an ingest. The
    handler is set on the process's pipeline for this parse: parses in one process run one at
    a time.
    """
    from polgraph.ingest.pipeline import extract_doc

    failed: list[ReadError] = []

    def on_error(component: str, proc: object, docs: list, exc: Exception) -> None:
        failed.extend(extraction_error(doc._context, component, exc) for doc in docs)

    # The handler of every component without its own `pipe` (the polgraph ones). Not through
    # nlp.set_error_handler: spaCy 3.8's compiled DependencyParser refuses one (AttributeError).
    nlp.default_error_handler = on_error
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=PIPE_BATCH):
        yield from failed
        failed.clear()
        try:
            yield extract_doc(doc, article)
        except Exception as exc:  # noqa: BLE001  (any bug of one article's extraction is that article's error)
            yield extraction_error(article, "extract_doc", exc)
    yield from failed


def extraction_error(article: Article, component: str, exc: Exception) -> ReadError:
    """The one-line error of an article whose extraction raised, naming the component and the exception."""
    return ReadError(article.source or article.id,
                     f"article {article.id!r}: extraction failed in {component}: {type(exc).__name__}: {exc}")


@cache
def loaded_pipeline(model: str, gazetteers: tuple[Path, ...], extractor: str):
    """One loaded spaCy pipeline per (model, gazetteers, extractor) in a process (this one, or a
    Dask worker's): loading takes seconds."""
    from polgraph.ingest.pipeline import load_pipeline

    return load_pipeline(model, gazetteers, extractor)
