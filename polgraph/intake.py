"""The ways articles come in: `extract`, `ingest`, and the Parquet tables of `extract_tables` and `load`.

`PolGraph` takes these methods from `Intake`; they use its store, resolver, model and
settings (`self.store`, `self.writable_store`, `self.resolver`, `self.model` ...).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from polgraph.core import settings
from polgraph.core.errors import InputError, printable
from polgraph.core.records import Article, Claim, Entity
from polgraph.graph.loader import Loader
from polgraph.ingest.dates import iso_date
from polgraph.ingest.extract import MAX_TEXT_CHARS, Extraction, Extractor
from polgraph.ingest.readers import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Fields, ReadError, read_sources

if TYPE_CHECKING:
    from polgraph.graph.bulk import Folded
    from polgraph.graph.tables import Part


@dataclass
class IngestReport:
    """What an ingest did: counts, one line per source that failed, and one per article skipped for
    its text (`duplicates`: the same text as an article stored, or read earlier in the run)."""

    ingested: int = 0
    skipped: int = 0  # already stored with the same content, or the same text as another article
    failed: list[str] = field(default_factory=list)
    entities: int = 0
    relations: int = 0
    duplicates: list[str] = field(default_factory=list)  # one line per article skipped for its text

    def twin(self, article: Article, first: str, where: str) -> None:
        """Skip `article`, whose text is that of article `first` (`where`: stored, or read in this run)."""
        self.skipped += 1
        self.duplicates.append(printable(f"{article.source or article.id}: article {article.id!r} has the "
                                         f"same text as article {first!r}, {where}; skipped"))

    def count(self, articles: int, entities: int, relations: int) -> None:
        """Add what one batch or part stored (or, for extract_tables, wrote)."""
        self.ingested += articles
        self.entities += entities
        self.relations += relations

    def to_json(self) -> dict:
        return {"ingested": self.ingested, "skipped": self.skipped, "failed": len(self.failed),
                "errors": self.failed, "duplicates": self.duplicates, "entities": self.entities,
                "relations": self.relations}


@dataclass
class LoadReport(IngestReport):
    """What a load of Parquet tables did, and how: `bulk` (GRAPH.BULK into an empty store) or `merge`."""

    method: str = "merge"

    def to_json(self) -> dict:
        return {**super().to_json(), "method": self.method}


class Intake:
    """Reading articles into claims, and claims into the store (mixed into `PolGraph`)."""

    def extract(self, paths: Sequence[str | Path], *, min_confidence: float = 0.0,
                on_error: Callable[[ReadError], None] | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES, fields: Fields | None = None,
                timeout: float = DEFAULT_TIMEOUT, workers: int = 1, cluster: str | None = None,
                allow_private: bool = False, default_date: str | None = None) -> Extraction:
        """Entities and relations of the articles at `paths`, without a store.

        `paths` are files, folders, ``-`` (standard input) and http(s) URLs of pages or feeds;
        `max_bytes`, `fields`, `timeout`, `allow_private` (feed items and redirects may lead to
        private addresses) and `default_date` (of articles that carry none) go to
        `polgraph.ingest.readers.read_sources`. `workers` > 1 parses on a Dask LocalCluster of
        that many processes, `cluster` (else POLGRAPH_CLUSTER, unless `workers` is given) on the
        Dask scheduler at that address, e.g. ``tcp://host:8786``; the result is the same as one
        process's. An article with the text of one read before it is left out, and named in
        `Extraction.duplicates`.
        """
        read = _read_options(max_bytes, fields, timeout, allow_private, default_date)
        report = IngestReport()
        articles = list(self._articles(paths, on_error, read, report))
        with self._extractor(min_confidence, workers, cluster) as extractor:
            extraction = extractor.extract(articles, on_error=on_error)
        extraction.duplicates = report.duplicates
        return extraction

    def ingest(self, paths: Sequence[str | Path], *, min_confidence: float = 0.0,
               on_error: Callable[[ReadError], None] | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES, fields: Fields | None = None,
               timeout: float = DEFAULT_TIMEOUT, workers: int = 1, cluster: str | None = None,
               allow_private: bool = False, default_date: str | None = None,
               progress: Callable[[int, int], None] | None = None) -> IngestReport:
        """Read, extract and load articles; articles already stored unchanged are skipped, and so is
        an article whose text is stored, or was read earlier in the run, under another id.

        Sources, reader options, `workers` and `cluster` as for `extract`: wherever the parse
        runs, resolution across articles and the load run here. `progress(articles, relations)`
        is told of what was done since its last call: each article as it is parsed (1, 0), the
        articles of a batch already stored (n, 0), and the relations of a batch once loaded (0, n).
        """
        read = _read_options(max_bytes, fields, timeout, allow_private, default_date)
        report = IngestReport()
        with self._extractor(min_confidence, workers, cluster) as extractor:
            self._ingest(self._articles(paths, on_error, read, report), extractor, report, on_error, progress)
        return report

    def _ingest(self, articles: Iterator[Article], extractor: Extractor, report: IngestReport,
                on_error: Callable[[ReadError], None] | None, progress: Callable[[int, int], None] | None) -> None:
        """Batch by batch: skip what is stored, parse the rest, resolve it, load it, mark it stored.

        One batch ahead: a batch's parse is started (on Dask, its partitions sent) before the batch
        before it is resolved and loaded, so workers never wait for the store. Its stored check
        may come before that load: a run reads each article id once, so no batch holds another's.
        """
        loader = Loader(self.writable_store, self.batch_size)
        ahead = None
        for batch in _batches(articles, settings.ingest_batch()):
            todo = self._unstored(loader, batch, report)
            if progress and len(todo) < len(batch):
                progress(len(batch) - len(todo), 0)
            if todo:
                parsing = extractor.parse(todo)
                if ahead is not None:
                    self._load_batch(ahead, extractor, loader, report, on_error, progress)
                ahead = parsing
        if ahead is not None:
            self._load_batch(ahead, extractor, loader, report, on_error, progress)

    @staticmethod
    def _unstored(loader: Loader, articles: Sequence[Article], report: IngestReport) -> list[Article]:
        """The articles the store lacks: not stored by id and content (`Loader.stored`), nor by text
        under another id (`Loader.twins`, each one line in the report); the rest counted skipped."""
        stored = loader.stored(articles)
        fresh = [a for a in articles if a.id not in stored]
        twins = loader.twins(fresh)
        report.skipped += len(stored)
        for a in fresh:
            if a.id in twins:
                report.twin(a, twins[a.id], "already stored")
        return [a for a in fresh if a.id not in twins]

    def _load_batch(self, parsing: Iterator, extractor: Extractor, loader: Loader, report: IngestReport,
                    on_error: Callable[[ReadError], None] | None, progress: Callable[[int, int], None] | None) -> None:
        """One batch's parse taken in, resolved within the batch, loaded, settled against the store, marked."""
        result = extractor.collect(parsing, on_parsed=(lambda _: progress(1, 0)) if progress else None,
                                   on_error=lambda e: self._failed(e, report, on_error),
                                   exact_only=True)  # the store makes fuzzy merges
        self._store_batch(loader, result.articles, result.entities, result.relations)
        report.count(len(result.articles), len(result.entities), len(result.relations))
        if progress:
            progress(0, len(result.relations))

    def _store_batch(self, loader: Loader, articles: Sequence[Article], entities: Sequence[Entity],
                     relations: Sequence[Claim]) -> None:
        """Load one batch, merge store-wide, and mark its articles stored, holding the store's writer turn."""
        with self.writable_store.writer():
            loader.load(articles, entities, relations, mark=False)
            if any(self.resolver.settle().values()):
                loader.forget()  # merges moved entities the loader took for stored
            loader.mark_stored(articles, relations)  # last: a rerun redoes what is not marked

    def extract_tables(self, paths: Sequence[str | Path], output: str | Path, *, min_confidence: float = 0.0,
                       on_error: Callable[[ReadError], None] | None = None,
                       max_bytes: int = DEFAULT_MAX_BYTES, fields: Fields | None = None,
                       timeout: float = DEFAULT_TIMEOUT, workers: int = 1, cluster: str | None = None,
                       allow_private: bool = False, default_date: str | None = None) -> IngestReport:
        """Extract as ingest does, batch by batch (POLGRAPH_INGEST_BATCH), into Parquet tables under
        `output` (`polgraph.graph.tables`) instead of a store: `load` then writes what ingest would have.

        Options as for `extract`. Each batch is folded by exact name only, as ingest folds it: the
        merges across the whole archive are made by `load`, recorded and undoable.
        """
        from polgraph.graph import tables

        folder = Path(output)
        tables.prepare(folder)
        read = _read_options(max_bytes, fields, timeout, allow_private, default_date)
        report = IngestReport()
        articles = self._articles(paths, on_error, read, report)
        with self._extractor(min_confidence, workers, cluster) as extractor:
            for index, batch in enumerate(_batches(articles, settings.ingest_batch())):
                result = extractor.extract(batch, on_error=lambda e: self._failed(e, report, on_error),
                                           exact_only=True)
                tables.write_part(folder, index, result.articles, result.entities, result.relations)
                report.count(len(result.articles), len(result.entities), len(result.relations))
        return report

    def load(self, folder: str | Path) -> LoadReport:
        """Load the Parquet tables of `extract_tables` into the store, ending with the graph an ingest
        of the same articles gives: into an empty embedded store by a bulk insert (`graph.bulk`),
        else part by part through the MERGE path, skipping articles already stored, as ingest does.

        Every file is read and checked before anything is written: a bad one stores nothing.
        """
        from polgraph.graph import bulk, tables

        parts = tables.read_parts(Path(folder))
        report = LoadReport()
        texts: dict[str, str] = {}
        with self.store.writer():
            if bulk.usable(self.store):
                self._bulk_load(bulk.fold(_keeping(p, _first_texts(p.articles, texts, report)) for p in parts),
                                report)
                return report
        loader = Loader(self.writable_store, self.batch_size)
        for part in parts:
            todo = self._unstored(loader, _first_texts(part.articles, texts, report), report)
            articles, entities, claims = _keeping(part, todo)
            if articles:
                self._store_batch(loader, articles, entities, claims)
            report.count(len(articles), len(entities) if articles else 0, len(claims))
        return report

    def _bulk_load(self, graph: "Folded", report: LoadReport) -> None:
        """Bulk-insert, then what a load and an ingest batch do after writing: schema and
        `title_lower`, the values the CSV path could not carry, store-wide merges, and the marks, last."""
        from polgraph.graph import bulk

        bulk.insert(self.store, graph)
        self.__dict__.pop("writable_store", None)  # the graph was made anew, without its indexes
        self.writable_store.write_all(bulk.fix_up(graph, self.batch_size))
        self.resolver.settle()
        Loader(self.store, self.batch_size).mark_stored(list(graph.articles.values()), graph.claims.values())
        report.method = "bulk"
        report.count(len(graph.articles), len(graph.entities), len(graph.claims))

    def _extractor(self, min_confidence: float, workers: int = 1, cluster: str | None = None) -> Extractor:
        """The extractor of one run; more than one worker asked for here overrides POLGRAPH_CLUSTER."""
        if workers < 1:
            raise InputError(f"--workers {workers}: need at least one worker")
        if workers > 1 and cluster:
            raise InputError(f"--workers {workers} and --cluster {cluster}: a cluster has its own workers; give one")
        return Extractor(self.model, self.gazetteers, min_confidence=min_confidence, aliases_file=self.aliases,
                         workers=workers, cluster=settings.cluster_address(cluster) if workers == 1 else None,
                         extractor=self.extractor)

    @staticmethod
    def _failed(error: ReadError, report: IngestReport, on_error: Callable[[ReadError], None] | None) -> None:
        """One source or article that gave nothing: counted in the report and told to `on_error`."""
        report.failed.append(str(error))
        if on_error:
            on_error(error)

    @staticmethod
    def _articles(paths: Sequence[str | Path], on_error: Callable[[ReadError], None] | None, read: dict[str, Any],
                  report: IngestReport) -> Iterator[Article]:
        """The articles read from `paths`, each id and each text once: a second article of one id is
        an error, one of a text already read (`_first_texts`) a line in the report."""
        seen: set[str] = set()
        texts: dict[str, str] = {}
        for item in read_sources(paths, **read):
            if isinstance(item, Article) and item.id in seen:
                item = ReadError(item.source or item.id, f"duplicate article id {item.id!r}; kept the first")
            elif isinstance(item, Article) and len(item.text) > MAX_TEXT_CHARS:
                item = ReadError(item.source or item.id, f"article {item.id!r}: {len(item.text):,} characters of "
                                 f"text, over the {MAX_TEXT_CHARS:,} the parser takes; not read")
            if isinstance(item, ReadError):
                Intake._failed(item, report, on_error)
            elif _first_texts([item], texts, report):
                seen.add(item.id)
                yield item


def _read_options(max_bytes: int, fields: Fields | None, timeout: float, allow_private: bool,
                  default_date: str | None) -> dict[str, Any]:
    """The `read_sources` keywords of ingest and extract; a date that is not one is an InputError."""
    try:
        when = iso_date(default_date)
    except ValueError as exc:
        raise InputError(f"default_date: {exc}") from None
    return {"max_bytes": max_bytes, "fields": fields or Fields(), "timeout": timeout,
            "allow_private": allow_private, "default_date": when}


def _first_texts(articles: Iterable[Article], texts: dict[str, str], report: IngestReport) -> list[Article]:
    """The articles whose text no earlier article of the run had; `texts` (text hash -> the id that
    had it first) remembers them, and each other one is a line in the report, skipped."""
    first = []
    for a in articles:
        earlier = texts.setdefault(a.text_hash, a.id) if a.text_hash else a.id
        if earlier == a.id:
            first.append(a)
        else:
            report.twin(a, earlier, "read earlier in this run")
    return first


def _keeping(part: "Part", articles: Sequence[Article]) -> tuple[list[Article], list[Entity], list[Claim]]:
    """The records of a part that go with the `articles` kept of it: their claims, and the actors
    they mention or their claims join; nothing of an article left out reaches the store."""
    kept = {a.id for a in articles}
    claims = [c for c in part.claims if c.article in kept]
    ends = {end for c in claims for end in (c.subject, c.object)}
    entities = [e for e in part.entities if e.id in ends or kept.intersection(e.articles)]
    return list(articles), entities, claims


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
