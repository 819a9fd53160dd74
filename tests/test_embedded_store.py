"""The embedded FalkorDB: started on demand on a unix socket, reused, persisted, stopped."""
from __future__ import annotations

import os
import stat
import threading

import redis

from conftest import cli
from polgraph.api import PolGraph
from polgraph.graph.embedded import EmbeddedServer


def test_start_reuse_stop_and_persist(server_home):
    home = server_home
    server = EmbeddedServer(home)
    assert server.start() is True
    pid = server.pid()
    assert pid and server.ping()
    assert server.start() is False and server.pid() == pid  # reused, not restarted
    with PolGraph.open(None, home=home) as g:
        g.cypher("CREATE (:Article {id: $id, title: $t})", write=True, id="kept", t="Kept")
    assert server.stop() is True
    assert not server.ping() and not server.socket.exists()
    with PolGraph.open(None, home=home) as g:  # started again on first use, data still there
        assert g.cypher("MATCH (a:Article) RETURN a.id AS id") == [{"id": "kept"}]
    assert server.pid() != pid


def test_socket_only_in_an_owner_only_folder(server_home):
    home = server_home
    server = EmbeddedServer(home)
    server.start()
    assert stat.S_IMODE(os.stat(server.dir).st_mode) == 0o700
    assert stat.S_ISSOCK(os.stat(server.socket).st_mode)
    client = redis.Redis(unix_socket_path=str(server.socket))
    assert client.config_get("port") == {"port": "0"}  # no TCP listener
    assert client.config_get("appendonly") == {"appendonly": "yes"}
    client.close()


def test_two_starts_at_once_share_one_server(server_home):
    home = server_home
    servers = [EmbeddedServer(home) for _ in range(4)]
    started: list[bool] = []
    threads = [threading.Thread(target=lambda s=s: started.append(s.start())) for s in servers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(started) == [False, False, False, True]


def test_store_commands(server_home):
    assert "stopped" in cli("store", "status").stdout
    assert "started" in cli("store", "start").stdout
    assert "running" in cli("store", "status").stdout
    assert "stopped" in cli("store", "stop").stdout
    assert "not running" in cli("store", "stop").stdout


def test_polgraph_graph_names_a_graph_of_its_own_on_the_same_server(server_home, monkeypatch):
    articles = "MATCH (a:Article) RETURN a.id AS id"
    monkeypatch.setenv("POLGRAPH_GRAPH", "one")
    with PolGraph.open(None, home=server_home) as g:
        g.cypher("CREATE (:Article {id: $id})", write=True, id="in-one")
    monkeypatch.setenv("POLGRAPH_GRAPH", "two")
    with PolGraph.open(None, home=server_home) as g:
        assert g.cypher(articles) == []
        g.cypher("CREATE (:Article {id: $id})", write=True, id="in-two")
    monkeypatch.delenv("POLGRAPH_GRAPH")
    with PolGraph.open(None, home=server_home) as g:
        assert g.cypher(articles) == []  # the default graph, "polgraph", is another again
    monkeypatch.setenv("POLGRAPH_GRAPH", "one")
    with PolGraph.open(None, home=server_home) as g:
        assert g.cypher(articles) == [{"id": "in-one"}]
    assert EmbeddedServer(server_home).pid()  # one server held all three
