"""The embedded server's bounds, against the real server: a runaway query is stopped, not the
machine; LOAD CSV reaches neither files nor the network; a damaged append-only file is named."""
from __future__ import annotations

import os
import signal
import socket
import threading
from pathlib import Path

import pytest

import handmade
from conftest import scratch_home
from polgraph.api import PolGraph
from polgraph.core.errors import PolGraphError
from polgraph.graph.embedded import EmbeddedServer, _wait_gone
from polgraph.graph.falkor import loads_csv
from polgraph.graph.loader import Loader


@pytest.fixture
def bounded(monkeypatch):
    """A graph on a fresh embedded server started with small bounds, holding a few claims."""
    monkeypatch.setenv("POLGRAPH_QUERY_TIMEOUT", "1")
    monkeypatch.setenv("POLGRAPH_QUERY_MEMORY", "64")
    monkeypatch.setenv("POLGRAPH_STORE_MEMORY", "1024")
    with scratch_home("pgb-") as home, PolGraph.open(None, home=home) as g:
        Loader(g.writable_store, 100).load(*handmade.extraction(3, "b"))
        yield g


def claims(g: PolGraph) -> int:
    return g.cypher("MATCH ()-[c:CRITICISES]->() RETURN count(c) AS n")[0]["n"]


def test_a_slow_query_times_out(bounded):
    with pytest.raises(PolGraphError, match="timed out"):
        bounded.cypher("UNWIND range(1, 3000) AS a UNWIND range(1, 3000) AS b UNWIND range(1, 3000) AS c "
                       "RETURN count(*) AS n")
    assert claims(bounded) == 3


def test_a_query_over_its_memory_cap_fails_alone(bounded):
    with pytest.raises(PolGraphError, match="mem"):
        bounded.cypher("UNWIND range(1, 30000000) AS x RETURN count(x) AS n")
    assert claims(bounded) == 3


def test_a_query_past_the_servers_memory_restarts_it_and_loses_nothing(bounded):
    """range() of three billion is built before FalkorDB checks its cap: the address-space limit
    stops the server instead of the machine, and the store comes back with everything in it."""
    before = claims(bounded)
    with pytest.raises(PolGraphError, match="started again") as raised:
        bounded.cypher("UNWIND range(1, 3000000000) AS x RETURN count(x) AS n")
    assert "its log says it ran out of memory allocating" in str(raised.value)
    assert claims(bounded) == before == 3


def test_a_crashed_server_is_said_to_have_crashed_not_to_have_lacked_memory(server_home):
    """A segfault (FalkorDB's on hostile keys) was reported as 'most likely it needed more memory'."""
    with PolGraph.open(None, home=server_home) as g:
        Loader(g.writable_store, 100).load(*handmade.extraction(3, "s"))
        server = EmbeddedServer(server_home)
        pid = server.pid()
        os.kill(pid, signal.SIGSEGV)
        _wait_gone(pid)  # the crash report written: a query sent before may still be answered
        with pytest.raises(PolGraphError) as raised:
            claims(g)
        assert claims(g) == 3
    message = str(raised.value)
    assert f"its log says it crashed on signal 11 (SIGSEGV); log: {server.logfile}" in message
    assert "memory" not in message and "started again" in message


@pytest.mark.parametrize("text,loads", [
    ("LOAD CSV FROM 'https://example.org/x.csv' AS r RETURN r", True),
    ("load\n  csv WITH HEADERS FROM $u AS r RETURN r", True),
    ("RETURN 'LOAD CSV' AS words", False),
    ("// LOAD CSV\nRETURN 1", False),
    ("MATCH (n:`LOAD CSV`) RETURN n", False),
    ("RETURN 'it\\'s' AS a /* x */ LOAD CSV FROM 'f' AS r RETURN r", True),
])
def test_load_csv_is_told_from_its_words(text, loads):
    assert loads_csv(text) is loads


@pytest.mark.slow
def test_load_csv_opens_no_connection(graph):
    """The server opened an outbound connection for a read-only LOAD CSV: now it is never sent."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(3)
    port = listener.getsockname()[1]
    seen: list[bool] = []
    thread = threading.Thread(target=lambda: seen.append(_accepts(listener)))
    thread.start()
    with pytest.raises(PolGraphError, match="LOAD CSV is not allowed"):
        graph.cypher(f"LOAD CSV FROM 'https://127.0.0.1:{port}/x.csv' AS row RETURN row")
    thread.join()
    listener.close()
    assert seen == [False]


def _accepts(listener: socket.socket) -> bool:
    try:
        conn, _ = listener.accept()
    except OSError:
        return False
    conn.close()
    return True


def stopped_with_aof(home, tag: str) -> tuple[EmbeddedServer, Path, bytes]:
    """A store holding 20 hand-made articles, its server stopped: the server, its append-only
    file of increments, and that file's bytes, for a test to damage."""
    with PolGraph.open(None, home=home) as g:
        Loader(g.writable_store, 100).load(*handmade.extraction(20, tag))
    server = EmbeddedServer(home)
    server.stop()
    incr = next((server.dir / "appendonlydir").glob("*.incr.aof"))
    return server, incr, incr.read_bytes()


def test_a_damaged_append_only_file_is_named(server_home, caplog):
    """A file cut short mid-command used to load in part without a word."""
    home = server_home
    server, incr, data = stopped_with_aof(home, "d")
    incr.write_bytes(data[: len(data) * 2 // 3] + b"G" * 40)
    with caplog.at_level("WARNING"):
        server.start()
    assert server.load_warning and "damaged" in server.load_warning
    assert any("polgraph store check" in r.getMessage() for r in caplog.records)
    server.stop()
    again = EmbeddedServer(home)  # redis cut the file at the damage: the next start is clean
    assert again.start() and again.load_warning is None


def test_an_append_only_file_damaged_in_the_middle_is_named_at_once(server_home):
    """Forty garbage bytes inside the file: redis refuses it and exits; the start said only
    'did not start', after waiting two minutes for a server that was long gone."""
    server, incr, data = stopped_with_aof(server_home, "m")
    incr.write_bytes(data[: len(data) // 2] + b"G" * 40 + data[len(data) // 2:])
    with pytest.raises(PolGraphError, match=f"append-only file in {server.dir}/appendonlydir is damaged"):
        server.start()
