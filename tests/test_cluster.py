"""Extraction on a real Dask cluster: a `dask scheduler` and two `dask worker` processes on
loopback, started once for the module. A clustered ingest, one that loses a worker to SIGKILL
mid-run, and one on a LocalCluster (`--workers 2`) each give exactly the graph one process gives.

The 100 articles are the shipped ones (held-out items and sample) over again, each further copy
with a sentence more, so that it is an article of its own."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from distributed import Client

import handmade
from conftest import HELDOUT, POLGRAPH, SAMPLE, cli, free_port, graph_home, home_env, short_tmpdir, use_home
from polgraph.api import PolGraph
from polgraph.ingest.cluster import PARTITION, plugin_name
from polgraph.ingest.extract import loaded_pipeline
from test_resume import assert_same_graph

DASK = str(Path(sys.executable).with_name("dask"))
ARTICLES = 100
BATCH = "40"  # articles per ingest batch: three rounds of partitions sent to the cluster
QUIET = {"DASK_LOGGING__DISTRIBUTED": "error"}


class DaskCluster:
    """A scheduler and worker processes (one thread each, no nanny: a killed worker stays dead)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.address = f"tcp://127.0.0.1:{free_port()}"
        self.scheduler = self._spawn("scheduler", ["scheduler", "--host", "127.0.0.1", "--port",
                                                   self.address.rsplit(":", 1)[1], "--no-dashboard",
                                                   "--dashboard-address", "127.0.0.1:0"])
        self.workers: list[subprocess.Popen] = []

    def _spawn(self, name: str, args: list[str]) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "w")
        return subprocess.Popen([DASK, *args], stdout=log, stderr=log, env={**os.environ, **QUIET})

    def start_worker(self) -> None:
        args = ["worker", self.address, "--nthreads", "1", "--no-nanny", "--no-dashboard", "--host", "127.0.0.1",
                "--local-directory", str(self.folder)]
        self.workers.append(self._spawn(f"worker{len(self.workers)}", args))

    def wait_for_workers(self, n: int) -> None:
        with Client(self.address, timeout=60) as client:
            client.wait_for_workers(n, timeout=120)

    def stop(self) -> None:
        for proc in [*self.workers, self.scheduler]:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def cluster() -> Iterator[DaskCluster]:
    running = DaskCluster(short_tmpdir("pgdask-"))
    try:
        for _ in range(2):
            running.start_worker()
        running.wait_for_workers(2)
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """100 distinct articles from what the project ships."""
    folder = tmp_path_factory.mktemp("corpus")
    files = sorted(HELDOUT.glob("*.txt")) + sorted(SAMPLE.glob("*.txt"))
    for i in range(ARTICLES):
        src, copy = files[i % len(files)], i // len(files)
        text = src.read_text(encoding="utf-8")
        if copy:  # another text, so another article, not a duplicate of the first copy
            text += f"\nThe report was first published {copy} days earlier.\n"
        (folder / f"{src.stem}-{copy}.txt").write_text(text, encoding="utf-8")
    return folder


@contextmanager
def fresh_graph() -> Iterator[Path]:
    """A home of its own (a graph on the session's server), set in the environment."""
    with graph_home("pgc-") as path, use_home(path), pytest.MonkeyPatch.context() as mp:
        mp.setenv("POLGRAPH_INGEST_BATCH", BATCH)
        yield path


def dump(path: Path) -> dict:
    with PolGraph.open(None, home=path) as g:
        return handmade.dump(g.store, ignore=("at",))


@pytest.fixture(scope="module")
def single(corpus) -> dict:
    """The graph of a single-process ingest of the corpus."""
    with fresh_graph() as path, PolGraph.open(None, home=path) as g:
        report = g.ingest([corpus])
        assert report.ingested == ARTICLES and not report.failed and report.relations
        return dump(path)


@pytest.mark.slow
def test_ingest_on_the_cluster_gives_the_single_process_graph(cluster, corpus, single):
    with fresh_graph() as path, PolGraph.open(None, home=path) as g:
        report = g.ingest([corpus], cluster=cluster.address)
        assert report.ingested == ARTICLES and not report.failed
        assert_same_graph(dump(path), single)
    with Client(cluster.address) as client:  # every worker loaded the pipeline once, for every task it ran
        name = plugin_name(g.model, (), g.extractor)
        assert client.run(lambda dask_worker: name in dask_worker.plugins) == {w: True for w in client.run(os.getpid)}
        assert set(client.run(lambda: loaded_pipeline.cache_info().misses).values()) == {1}


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_nothing(cluster, corpus, single):
    with fresh_graph() as path:
        run = subprocess.Popen([POLGRAPH, "ingest", str(corpus), "--cluster", cluster.address, "--format", "json"],
                               env={**os.environ, **home_env(path), "POLGRAPH_INGEST_BATCH": str(ARTICLES), **QUIET},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        killed = kill_a_busy_worker(cluster, run)
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        assert killed.wait(timeout=30) == -signal.SIGKILL
        assert '"ingested": 100' in out and '"failed": 0' in out
        assert_same_graph(dump(path), single)
    cluster.start_worker()  # two again, for whatever runs next
    cluster.wait_for_workers(2)


def kill_a_busy_worker(cluster: DaskCluster, run: subprocess.Popen) -> subprocess.Popen:
    """SIGKILL a worker that is parsing a partition once at least one other partition is done: results
    it held and the partition it was on are lost mid-run, and must be parsed again elsewhere."""
    partitions = -(-ARTICLES // PARTITION)  # one batch of the whole corpus: every partition sent at once
    with Client(cluster.address) as client:
        pids = client.run(os.getpid)
        while run.poll() is None:
            left = client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))
            busy = [w for w, keys in client.processing().items() if keys]
            if 0 < left < partitions and busy:
                victim = next(p for p in cluster.workers if p.pid == pids[busy[0]])
                victim.send_signal(signal.SIGKILL)
                return victim
            time.sleep(0.01)
    pytest.fail(f"the ingest ended before a worker could be killed mid-run: {run.stderr.read()}")


@pytest.mark.slow
def test_local_workers_give_the_single_process_graph(corpus, single):
    with fresh_graph() as path:  # --workers overrides POLGRAPH_CLUSTER, here a dead address
        done = cli("ingest", str(corpus), "--workers", "2",
                   env={**home_env(path), "POLGRAPH_CLUSTER": f"tcp://127.0.0.1:{free_port()}"})
        assert done.returncode == 0, done.stderr
        assert f"ingested {ARTICLES}, skipped 0 (already stored), failed 0" in done.stdout
        assert_same_graph(dump(path), single)


@pytest.mark.slow
def test_an_unreachable_cluster_is_one_error_line_and_stores_nothing(home):
    dead = f"tcp://127.0.0.1:{free_port()}"
    done = cli("ingest", str(SAMPLE), env={"POLGRAPH_CLUSTER": dead})  # the setting, as --cluster would
    assert done.returncode == 1 and "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"Error: cannot reach the Dask cluster at {dead}: ") and "Timed out" in line
    with PolGraph.open(None, home=home) as g:
        assert g.info()["counts"]["articles"] == 0


def test_workers_and_a_cluster_together_is_one_error_line():
    done = cli("extract", str(SAMPLE), "--workers", "2", "--cluster", "tcp://127.0.0.1:8786")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "--workers 2 and --cluster tcp://127.0.0.1:8786" in done.stderr
