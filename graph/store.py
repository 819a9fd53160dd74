"""The store interface every backend implements, and `open_store` that picks one by URI.

A store runs Cypher with parameters and returns rows as plain dicts. Reads and writes
are separated by the backend itself (read transactions on Neo4j, GRAPH.RO_QUERY on
FalkorDB), so a read can never write whatever its text says.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import nullcontext
from pathlib import Path
from typing import Any, ContextManager, Iterable
from urllib.parse import urlsplit

from polgraph.core.errors import InputError

NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

#: what every store says when a read-only call meets a statement that writes
WRITE_REFUSED = "the statement would change the graph, and reads are read-only: ask to write (--write, write=True)"


class Store(ABC):
    """A graph database polgraph reads and writes through parameterised Cypher."""

    #: the store's URI as shown to users: never with a password
    display_uri: str

    @abstractmethod
    def run(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> list[dict]:
        """Run one statement; rows come back as dicts of plain values."""

    def write_all(self, statements: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Run write statements in order, discarding their rows, and raise the first failure.

        A bulk load sends a dozen statements in a row: a store that can take the next one
        while the last is still running (FalkorDB) overrides this to overlap the two, so
        statements after a failed one may have run too. The caller marks nothing done until
        this returns, and a rerun finds the articles already there and merges what it
        writes instead of creating it, so a rerun repairs either way.
        """
        for cypher, params in statements:
            self.run(cypher, params, write=True)

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create the schema's constraints and indexes if they are missing (idempotent)."""

    def writer(self) -> ContextManager[None]:
        """Held around one ingest batch's writes (load, automatic merges, marks), so that two
        ingests into one store do not interleave a merge's statements. A server of the user's
        own has no folder polgraph may lock: its concurrent ingests are not serialised."""
        return nullcontext()

    def close(self) -> None:
        """Release connections; the store itself keeps running."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def redact(uri: str) -> str:
    """The URI with any password removed (user names are kept: they help, and are not secret).

    Cut by hand rather than by `urlsplit`, which raises on a bad port and ends the user
    info at the first '/', so a malformed URI would be shown with its password.
    """
    scheme, sep, rest = uri.partition("://")
    userinfo, at, host = rest.rpartition("@")
    if not sep or not at or ":" not in userinfo:
        return uri
    user = userinfo.split(":", 1)[0]
    return f"{scheme}://{user}@{host}" if user else f"{scheme}://{host}"


def open_store(uri: str | None, home: Path) -> Store:
    """The store a URI names: none is the embedded FalkorDB under `home`, started on demand."""
    if not uri:
        from polgraph.graph.falkor import FalkorStore
        from polgraph.graph.embedded import EmbeddedServer

        server = EmbeddedServer(home)
        server.start()
        return FalkorStore.embedded(server)
    parts = urlsplit(uri)
    try:
        _ = parts.port  # raises on a port that is not a number, before any driver sees it
    except ValueError:  # its text quotes the "port", which may be a piece of a password
        raise InputError(f"bad store URI {redact(uri)!r}: the port must be a number from 0 to 65535") from None
    scheme = parts.scheme.lower()
    if scheme in ("falkordb", "redis"):
        from polgraph.graph.falkor import FalkorStore

        return FalkorStore.on_tcp(uri)
    if scheme in NEO4J_SCHEMES:
        from polgraph.graph.neo4j_store import Neo4jStore

        return Neo4jStore(uri)
    raise InputError(
        f"unknown store URI {redact(uri)!r}: use falkordb://HOST:PORT, bolt://, neo4j:// or neo4j+s://, "
        "or no --store for the embedded store"
    )


def node_value(labels: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    """A node as users see it from either store: its properties and its labels."""
    return {"_labels": sorted(labels), **properties}


def relationship_value(rel_type: str, properties: dict[str, Any]) -> dict[str, Any]:
    """A relationship as users see it from either store: its properties and its type."""
    return {"_type": rel_type, **properties}
