"""Parsing across processes: `--workers N` runs the spaCy pipeline and `extract_doc` in N workers.

The parse is what ingest costs; one process uses one core. Workers each load the
pipeline once, take chunks of articles and send back `ArticleExtraction`s (plain
dataclasses, small next to spaCy docs). Chunks come back in the order they went out,
so the result is the same as a single-process parse, article for article.
"""
from __future__ import annotations

import atexit
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from polgraph.core.errors import PolGraphError
from polgraph.core.records import Article, ArticleExtraction
from polgraph.ingest.errors import ReadError

_worker_nlp = None  # the pipeline of this worker process
_worker_error: PolGraphError | None = None  # why it could not be loaded: raised in the parent


def parse_in_workers(articles: Iterable[Article], model: str, gazetteers: tuple[Path, ...], extractor: str,
                     workers: int, chunk: int) -> Iterator[ArticleExtraction | ReadError]:
    """One extraction per article (or its error), in order, parsed by `workers` processes `chunk` articles at a time.

    At most two chunks per worker are in flight, so a long corpus is never read ahead whole.
    """
    pool = _pool(model, gazetteers, extractor, workers)
    source = iter(articles)
    pending = []
    while True:
        while len(pending) < 2 * workers:
            batch = list(islice(source, chunk))
            if not batch:
                break
            pending.append(pool.submit(_parse_chunk, batch))
        if not pending:
            return
        try:
            done = pending.pop(0).result()
        except BrokenProcessPool:
            _pool.cache_clear()
            raise PolGraphError(f"a parse worker died (out of memory?); try fewer than {workers} --workers") from None
        yield from done


@cache
def _pool(model: str, gazetteers: tuple[Path, ...], extractor: str, workers: int) -> ProcessPoolExecutor:
    """One pool per process and pipeline, kept for every batch of an ingest, shut down at exit."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_load, initargs=(model, gazetteers, extractor))
    atexit.register(pool.shutdown, cancel_futures=True)
    return pool


def _load(model: str, gazetteers: tuple[Path, ...], extractor: str) -> None:
    global _worker_nlp, _worker_error
    from polgraph.ingest.pipeline import load_pipeline

    try:
        _worker_nlp = load_pipeline(model, gazetteers, extractor)
    except PolGraphError as exc:  # an initializer that raises breaks the pool without a word
        _worker_error = exc


def _parse_chunk(articles: list[Article]) -> list[ArticleExtraction | ReadError]:
    from polgraph.ingest.extract import parse_with

    if _worker_error is not None:
        raise _worker_error
    return list(parse_with(_worker_nlp, articles))
