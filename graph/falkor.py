"""FalkorDB through the official `falkordb` client: embedded (unix socket) or over TCP."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ContextManager, Iterable
from urllib.parse import urlsplit

import redis.exceptions
from falkordb import Edge, FalkorDB, Node, Path as FalkorPath

from polgraph.core.errors import StoreError, one_line
from polgraph.core import settings
from polgraph.graph import reads, writes
from polgraph.graph import schema as schema_mod
from polgraph.graph.credentials import credentials
from polgraph.graph.falkor_params import params_header
from polgraph.graph.store import WRITE_REFUSED, Store, node_value, redact, relationship_value

if TYPE_CHECKING:
    from polgraph.graph.embedded import EmbeddedServer

# Strings, quoted names and comments, which may say anything: blanked before looking for a clause.
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.I)
LOAD_CSV_REFUSED = ("LOAD CSV is not allowed on the embedded store: it would let a query read files or open "
                    "connections from the server; read the file with your own tools and pass rows as $parameters")


def loads_csv(cypher: str) -> bool:
    """Whether a statement has a LOAD CSV clause (not merely the words inside a string or comment)."""
    return bool(_LOAD_CSV.search(_QUOTED.sub(" ", cypher)))


class FalkorStore(Store):
    """One named graph in a FalkorDB server."""

    #: the embedded server behind this store, if polgraph runs it
    server: "EmbeddedServer | None" = None

    def __init__(self, db: FalkorDB, display_uri: str, graph: str | None = None) -> None:
        self.db = db
        self.display_uri = display_uri
        self.graph = db.select_graph(graph or settings.graph_name())

    @classmethod
    def embedded(cls, server: "EmbeddedServer") -> "FalkorStore":
        """The store on polgraph's own server: LOAD CSV refused, a crash answered by a restart."""
        store = cls._connect(f"embedded:{server.dir}", unix_socket_path=str(server.socket))
        store.server = server
        return store

    @classmethod
    def on_tcp(cls, uri: str) -> "FalkorStore":
        parts = urlsplit(uri)
        user, password = credentials(parts, "FALKORDB", "FalkorDB")
        return cls._connect(redact(uri), parts.path.strip("/") or None,
                            host=parts.hostname or "localhost", port=parts.port or 6379,
                            username=user, password=password)

    @classmethod
    def _connect(cls, display_uri: str, graph: str | None = None, **kwargs: Any) -> "FalkorStore":
        try:
            db = FalkorDB(**kwargs)
        except redis.exceptions.RedisError as exc:
            raise StoreError(f"cannot reach FalkorDB at {display_uri}: {exc}") from None
        return cls(db, display_uri, graph)

    def run(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> list[dict]:
        if self.server and loads_csv(cypher):
            raise StoreError(LOAD_CSV_REFUSED)
        call = self.graph.query if write else self.graph.ro_query
        text = params_header(params or {}) + cypher
        try:
            try:
                result = call(text)
            except redis.exceptions.ResponseError as exc:
                if write or "empty key" not in str(exc):
                    raise
                # Nothing was ever written: FalkorDB has no graph to read yet. Reading a store
                # nobody wrote to is reading an empty graph, so make one and read that.
                self.graph.query(reads.PING)
                result = call(text)
        except redis.exceptions.ConnectionError as exc:
            raise self._lost(exc) from None
        except redis.exceptions.ResponseError as exc:
            if not write and "read-only queries" in str(exc):
                raise StoreError(WRITE_REFUSED) from None
            raise StoreError(f"FalkorDB refused the query: {one_line(exc)}") from None
        if not result.header:
            return []
        names = [h[1] for h in result.header]
        return [{n: _plain(v) for n, v in zip(names, row)} for row in result.result_set]

    def write_all(self, statements: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Send every statement down one connection before reading any reply.

        Redis runs one connection's commands in the order sent, so order is kept, and the
        client encodes the next statement's parameters while the server runs the last one:
        on a bulk load the two costs overlap instead of adding up. Every reply is read
        before the first error, if any, is raised.
        """
        pool = self.db.connection.connection_pool
        conn = pool.get_connection()
        errors: list[Exception] = []
        try:
            sent = 0
            for cypher, params in statements:
                conn.send_command("GRAPH.QUERY", self.graph.name, params_header(params) + cypher, "--compact")
                sent += 1
            for _ in range(sent):
                try:
                    conn.read_response()
                except redis.exceptions.ResponseError as exc:
                    errors.append(exc)
        except BaseException as exc:
            conn.disconnect()  # replies may be left unread: never hand this connection on
            if isinstance(exc, redis.exceptions.ConnectionError):
                raise self._lost(exc) from None
            raise
        finally:
            pool.release(conn)
        if errors:
            raise StoreError(f"FalkorDB refused the query: {one_line(errors[0])}")

    def _lost(self, exc: Exception) -> StoreError:
        """The error for a lost connection; the embedded server, if that is what died, is started again.

        A statement that outgrows the server's memory limit (POLGRAPH_STORE_MEMORY) ends the
        server rather than the machine, and a crash (a segfault) ends it too; the message says
        which its log shows (`EmbeddedServer.exit_cause`). The next statement would restart it
        anyway, but a restart here keeps the store answering for the rest of this command.
        """
        if self.server is None or self.server.ping():
            return StoreError(f"lost the connection to FalkorDB at {self.display_uri}: {exc}")
        cause = self.server.exit_cause()
        self.server.start()
        return StoreError(
            f"the embedded store's server exited while running the statement ({cause}); it has been started "
            f"again from {self.server.dir}, whose append-only file keeps what was stored")

    def ensure_schema(self) -> None:
        """Exact-match indexes for every key and indexed property, unique constraints on keys.

        FalkorDB needs the index before the constraint; both calls fail harmlessly when the
        index or constraint already exists, which is what makes this idempotent.
        """
        sch = schema_mod.load()
        for label, prop, unique in sch.indexes():
            self._quiet(lambda: self.graph.query(writes.falkor_index(label, prop)))
            if unique:
                self._quiet(lambda: self.db.connection.execute_command(
                    "GRAPH.CONSTRAINT", "CREATE", self.graph.name, "UNIQUE", "NODE", label,
                    "PROPERTIES", "1", prop))

    @staticmethod
    def _quiet(call) -> None:
        try:
            call()
        except redis.exceptions.ResponseError as exc:
            if "already" not in str(exc).lower():
                raise StoreError(f"FalkorDB could not create the schema: {one_line(exc)}") from None

    def writer(self) -> ContextManager[None]:
        """On the embedded store, the lock in its folder (`EmbeddedServer.writer`)."""
        return self.server.writer() if self.server else super().writer()

    def clear(self) -> None:
        """Delete the whole graph, its indexes and constraints with it (the next writer makes them again)."""
        try:
            self.graph.delete()
        except redis.exceptions.ResponseError as exc:
            if "empty key" not in str(exc):
                raise StoreError(f"FalkorDB could not delete the graph: {one_line(exc)}") from None

    def close(self) -> None:
        self.db.connection.close()


def _plain(value: Any) -> Any:
    if isinstance(value, Node):
        return node_value(list(value.labels or []), dict(value.properties))
    if isinstance(value, Edge):
        return relationship_value(value.relation, dict(value.properties))
    if isinstance(value, FalkorPath):
        return {"nodes": [_plain(n) for n in value.nodes()], "relationships": [_plain(e) for e in value.edges()]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value

