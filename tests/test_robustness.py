"""Keeps working, loses nothing: bad files in a batch, concurrent ingests, a crashed embedded server."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import handmade
import pytest
from conftest import ROOT, SAMPLE, another_home, cli, short_tmpdir
from polgraph.api import PolGraph
from polgraph.graph.embedded import EmbeddedServer, _wait_gone
from polgraph.graph.loader import Loader

FIFTY_MB = 50 * 1024 * 1024


# ---- bad input in a batch ------------------------------------------------------------------

def bad_batch(folder: Path) -> tuple[list[Path], list[str]]:
    """The issue's batch: 3 good articles, a Latin-1 one, a JSONL file with one good and one
    broken record, an empty file, a binary file and a 50 MB file; and what must name each bad one."""
    good = sorted(SAMPLE.glob("*.txt"))[:3]
    latin1 = folder / "latin1.txt"
    latin1.write_bytes("Gordon Brown défend le budget\nGordon Brown criticised Michael Howard's tax plans "
                       "in a speech to the Trades Union Congress café.\n".encode("latin-1"))
    jsonl = folder / "records.jsonl"
    jsonl.write_text(json.dumps({"id": "rec-1", "title": "Howard attacks Blair",
                                 "text": "Michael Howard criticised Tony Blair over the NHS."}) + "\n"
                     + '{"id": "rec-2", "title": "broken", "text": "no closing brace"\n', encoding="utf-8")
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    binary = folder / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    huge = folder / "huge.txt"
    with huge.open("w", encoding="utf-8") as fh:
        fh.write("A very long article\n")
        line = "Tony Blair said the Labour party supports the budget. " * 20 + "\n"
        while fh.tell() < FIFTY_MB:
            fh.write(line)
    sources = [*good, latin1, jsonl, empty, binary, huge]
    return sources, [f"{jsonl}:2", str(empty), str(binary), str(huge)]


def test_bad_files_are_named_and_the_good_ones_kept(home):
    folder = short_tmpdir("pgbad-")
    try:
        check_bad_batch(*bad_batch(folder))
    finally:
        shutil.rmtree(folder)  # 50 MB


def check_bad_batch(sources: list[Path], bad: list[str]) -> None:
    result = cli("ingest", *map(str, sources))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(errors) == len(bad), result.stderr
    for name, line in zip(bad, errors):
        assert name in line
    assert "ingested 5, skipped 0" in result.stdout and "failed 4" in result.stdout
    with PolGraph.open(None) as g:
        titles = {r["title"] for r in g.cypher("MATCH (a:Article) RETURN a.title AS title")}
    assert len(titles) == 5 and "Gordon Brown défend le budget" in titles
    again = cli("ingest", *map(str, sources))
    assert again.returncode == 1 and "ingested 0, skipped 5" in again.stdout and "failed 4" in again.stdout


# ---- two ingests at once -------------------------------------------------------------------

LOAD_ONE = """
import sys
sys.path.insert(0, {tests!r})
import handmade
from polgraph.api import PolGraph
from polgraph.graph.loader import Loader
with PolGraph.open(None) as g:
    for _ in range({rounds}):
        with g.store.writer():
            Loader(g.store, 1).load(*handmade.extraction(6, tag=sys.argv[1]))
"""


@pytest.mark.slow
def test_concurrent_loads_of_the_same_actors_double_nothing(graph):
    """Four processes load the same two actors, their aliases, mentions and (two by two) the
    same articles, row by row, taking turns through the store's writer lock as ingest does.
    Without the lock this doubles claims: a load that created an article CREATEs its claims
    while another, which found the article, MERGEs them."""
    graph.store.ensure_schema()  # the server started and constrained before the writers race
    script = LOAD_ONE.format(tests=str(ROOT / "tests"), rounds=3)
    writers = [subprocess.Popen([sys.executable, "-c", script, tag]) for tag in ("x", "x", "y", "y")]
    assert [w.wait(timeout=300) for w in writers] == [0, 0, 0, 0]
    with another_home("pgone-") as other, PolGraph.open(None, home=other) as expected:
        for tag in ("x", "y"):
            Loader(expected.store, 1000).load(*handmade.extraction(6, tag=tag))
        assert handmade.dump(graph.store) == handmade.dump(expected.store)


@pytest.mark.slow
def test_two_ingests_at_once_give_the_graph_of_one(home):
    runs = [subprocess.Popen([sys.executable, "-m", "polgraph.cli", "ingest", str(SAMPLE)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    with PolGraph.open(None) as g:
        together = handmade.dump(g.store)
    with another_home("pgone-") as other:
        assert cli("ingest", str(SAMPLE), env={"POLGRAPH_HOME": str(other)}).returncode == 0
        with PolGraph.open(None, home=other) as g:
            assert together == handmade.dump(g.store)


# ---- the embedded server crashes -----------------------------------------------------------

def crash(server: EmbeddedServer) -> None:
    """SIGKILL the server, as the OOM killer or a power cut of the process would."""
    pid = server.pid()
    assert pid
    os.kill(pid, signal.SIGKILL)
    _wait_gone(pid)


def test_a_killed_server_is_replaced_and_keeps_what_was_written(server_home):
    with PolGraph.open(None, home=server_home) as graph:
        graph.cypher("CREATE (:Article {id: $id})", write=True, id="written-before-the-crash")
    server = EmbeddedServer(server_home)
    crash(server)
    assert server.pidfile.exists() and server.socket.exists()  # what the killed server left
    assert not server.ping()
    info = cli("info", "--json")
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["counts"]["articles"] == 1
    assert server.ping() and server.pid()


def test_a_stale_pid_file_naming_another_server_kills_nothing(server_home):
    """A killed server's pid can be reused; recovery must not kill whoever has it now."""
    with another_home("pgnb-") as other:
        neighbour = EmbeddedServer(other)
        neighbour.start()
        server = EmbeddedServer(server_home)
        server.start()
        crash(server)
        server.pidfile.write_text(str(neighbour.pid()))  # as if the pid had gone to the neighbour
        assert server.pid() is None
        assert server.start() is True
        assert neighbour.ping()
