"""Parsing on Dask: `--cluster tcp://HOST:8786` (a running cluster) or `--workers N` (a LocalCluster).

The parse is what ingest costs, and one process uses one core. `parse_with` is a pure function
of its articles, so Dask maps it over partitions of them on its workers, here or on other
machines. This process (the client) reads the sources, as it does without a cluster: the
readers' bounds, duplicate checks and the store's "already stored" skip stay in one place, and
an article's text is small next to its parse. Each partition's articles (text and metadata)
go to a worker, which sends back one extraction or `ReadError` per article. Each worker loads
the spaCy pipeline once, through `PipelinePlugin`, not once per task. Results are taken in the
order the partitions went out, so the outcome is a single-process parse's, article for
article. A worker lost mid-run (killed, out of memory) loses nothing: the scheduler runs its
partitions again on the others.
"""
from __future__ import annotations

import logging
import threading
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from distributed import Client, LocalCluster, WorkerPlugin, get_worker
from distributed.scheduler import KilledWorker

from polgraph.core.errors import PolGraphError, SourceError
from polgraph.core.records import Article, ArticleExtraction
from polgraph.ingest.errors import ReadError

# Articles per task: few enough that the last tasks of a batch still keep every worker busy,
# enough that a task's round trip (milliseconds) is small next to its parse (a second or so).
PARTITION = 8
CONNECT_TIMEOUT_S = 10  # how long an unreachable scheduler is retried before it is an error


class PipelinePlugin(WorkerPlugin):
    """The spaCy pipeline of one (model, gazetteers, extractor), loaded once per worker when it is registered
    or when a worker joins later; the tasks of a run all use it.

    A worker with several threads parses one partition at a time: the parse sets the pipeline's
    error handler for its articles, and spaCy gains nothing from threads.
    """

    def __init__(self, model: str, gazetteers: tuple[Path, ...], extractor: str) -> None:
        self.model = model
        self.gazetteers = gazetteers
        self.extractor = extractor
        self.name = plugin_name(model, gazetteers, extractor)

    def setup(self, worker) -> None:
        from polgraph.ingest.extract import loaded_pipeline

        try:
            self.nlp = loaded_pipeline(self.model, self.gazetteers, self.extractor)
        except PolGraphError as exc:  # raised again in the client, by `Client.register_plugin`
            raise type(exc)(f"on Dask worker {worker.address}: {exc}") from None
        self.lock = threading.Lock()


def plugin_name(model: str, gazetteers: tuple[Path, ...], extractor: str) -> str:
    """One plugin per pipeline: runs with other gazetteers or extractors on one cluster each load their own."""
    return "polgraph-pipeline:" + "|".join([model, extractor, *map(str, gazetteers)])


def parse_partition(articles: list[Article], plugin: str) -> list[ArticleExtraction | ReadError]:
    """The task: one partition's extractions, through the pipeline this worker's plugin loaded."""
    from polgraph.ingest.extract import parse_with

    loaded = get_worker().plugins[plugin]
    with loaded.lock:
        return list(parse_with(loaded.nlp, articles))


class ClusterParser:
    """A Dask client with the pipeline plugin registered: on the scheduler at `address`, else on a
    LocalCluster of `workers` processes of one thread each, started here and stopped by `close`."""

    def __init__(self, model: str, gazetteers: tuple[Path, ...], extractor: str, address: str | None,
                 workers: int) -> None:
        self.local: LocalCluster | None = None
        self.client = self._connect(address, workers)
        plugin = PipelinePlugin(model, gazetteers, extractor)
        self.plugin = plugin.name
        try:
            self.client.register_plugin(plugin)
        except BaseException:
            self.close()
            raise

    def _connect(self, address: str | None, workers: int) -> Client:
        if address is None:
            # Worker logs stay quiet: what goes wrong in a task reaches this process as its error.
            # No dashboard, and the scheduler's health page on a free loopback port, not on 8787.
            self.local = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                      dashboard_address=None, silence_logs=logging.CRITICAL,
                                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
            return Client(self.local)
        try:
            return Client(address, timeout=CONNECT_TIMEOUT_S)
        except (OSError, ValueError, TypeError) as exc:  # refused, timed out, unknown host or scheme
            raise SourceError(f"cannot reach the Dask cluster at {address}: {exc}") from None

    def parse(self, articles: Iterable[Article]) -> Iterator[ArticleExtraction | ReadError]:
        """One extraction per article (or its error), in order. Every partition is sent now, not when
        the results are asked for: the workers parse while the caller loads the batch before."""
        source = iter(articles)
        partitions = list(iter(lambda: list(islice(source, PARTITION)), []))
        return self._results([self.client.submit(parse_partition, part, self.plugin, pure=False)
                              for part in partitions])

    def _results(self, futures: list) -> Iterator[ArticleExtraction | ReadError]:
        for future in futures:
            try:
                done = future.result()
            except KilledWorker as exc:
                self.client.cancel(futures)
                raise PolGraphError(f"Dask workers died parsing the same articles (out of memory?): {exc}") from None
            future.release()
            yield from done

    def close(self) -> None:
        self.client.close()
        if self.local is not None:
            self.local.close()
