"""Nothing lost, nothing doubled: `polgraph ingest` SIGKILLed mid-load, then run again, gives
exactly the graph of one clean run, and work already stored is skipped, not redone."""
from __future__ import annotations

import os
from collections import Counter
import signal
import subprocess
import time
from pathlib import Path

import pytest

import handmade
from conftest import HELDOUT, POLGRAPH, SAMPLE, another_home, cli
from polgraph.api import PolGraph

BATCH = 20  # articles per ingest batch, the unit that is marked stored: the corpus's 49 make three
ENTITIES = "MATCH (e:Entity) RETURN count(e) AS c"
MARKED = "MATCH (a:Article) WHERE a.hash IS NOT NULL RETURN count(a) AS c"


@pytest.fixture(scope="module")
def corpus():
    """The articles the project ships: the held-out items and the sample."""
    files = sorted(HELDOUT.glob("*.txt")) + sorted(SAMPLE.glob("*.txt"))
    assert 2 * BATCH < len(files) < 3 * BATCH
    return files


def ingest(home: Path, corpus: list[Path], **env: str) -> subprocess.Popen:
    """`polgraph ingest` in its own process group, so a kill takes every process it made
    except the embedded server, which detaches and must outlive it."""
    env = {**os.environ, "POLGRAPH_HOME": str(home), "POLGRAPH_INGEST_BATCH": str(BATCH), **env}
    return subprocess.Popen([POLGRAPH, "ingest", *map(str, corpus)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def kill_when(run: subprocess.Popen, home: Path, statement: str) -> None:
    """SIGKILL the run as soon as `statement` counts something in its store (or when it ends)."""
    with PolGraph.open(None, home=home) as g:
        while run.poll() is None and count(g, statement) == 0:
            time.sleep(0.02)
    if run.poll() is None:
        os.killpg(run.pid, signal.SIGKILL)
    run.communicate()


def count(g: PolGraph, statement: str) -> int:
    return g.cypher(statement)[0]["c"]


def graph_dump(home: Path) -> dict:
    """The whole graph but the time each merge was made, which differs between equal runs."""
    with PolGraph.open(None, home=home) as g:
        return handmade.dump(g.store, ignore=("at",))


def assert_same_graph(resumed: dict, clean: dict) -> None:
    """Equal dumps; else the nodes and relationships that differ, which the bare diff hides."""
    for part in ("nodes", "relationships"):
        extra = Counter(resumed[part]) - Counter(clean[part])
        missing = Counter(clean[part]) - Counter(resumed[part])
        assert not extra and not missing, f"{part} only after the resume: {sorted(extra)[:8]}; only in the clean run: {sorted(missing)[:8]}"


@pytest.mark.slow
def test_sigkilled_ingest_rerun_equals_one_clean_run(corpus):
    with another_home("pgclean-") as clean, another_home("pgkill-") as killed:
        reference = ingest(clean, corpus)
        # One row per write, so that the load takes long enough to be caught in the middle:
        # first among the entities of the first batch, then as its articles are marked
        # stored (between two marks, were they written row by row like the rest).
        kill_when(ingest(killed, corpus, POLGRAPH_BATCH_SIZE="1"), killed, ENTITIES)
        assert reference.wait(timeout=600) == 0, reference.stderr.read()
        assert f"ingested {len(corpus)}, skipped 0" in reference.stdout.read()
        assert graph_dump(killed) != graph_dump(clean)  # the kill did land mid-load
        kill_when(ingest(killed, corpus, POLGRAPH_BATCH_SIZE="1"), killed, MARKED)
        with PolGraph.open(None, home=killed) as g:
            marked = count(g, MARKED)

        env = {"POLGRAPH_HOME": str(killed), "POLGRAPH_INGEST_BATCH": str(BATCH)}  # no kill: in this process
        rerun = cli("ingest", *map(str, corpus), env=env)
        assert rerun.returncode == 0, rerun.stderr
        assert marked == BATCH  # the first batch, stored whole: marks are never partial
        assert f"ingested {len(corpus) - marked}, skipped {marked}" in rerun.stdout  # stored work is not redone
        assert_same_graph(graph_dump(killed), graph_dump(clean))
        again = cli("ingest", *map(str, corpus), env=env)
        assert f"ingested 0, skipped {len(corpus)}" in again.stdout
