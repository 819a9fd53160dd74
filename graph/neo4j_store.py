"""Neo4j (and anything that speaks Bolt) through the official `neo4j` driver.

`bolt://` talks to one server; `neo4j://` and `neo4j+s://` route, for clusters and Aura.
Credentials come from NEO4J_USER / NEO4J_PASSWORD, the URI or a prompt (`credentials`), are
passed to the driver only, and never appear in anything polgraph prints.
"""
from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import neo4j
import neo4j.exceptions
import neo4j.graph

from polgraph.core.errors import PolGraphError, StoreError, one_line
from polgraph.core.settings import neo4j_database
from polgraph.graph import schema as schema_mod
from polgraph.graph import writes
from polgraph.graph.credentials import credentials
from polgraph.graph.store import WRITE_REFUSED, Store, node_value, redact, relationship_value

log = logging.getLogger("polgraph")


class Neo4jStore(Store):
    """A Neo4j database; reads run in read transactions, writes in write transactions."""

    def __init__(self, uri: str) -> None:
        self.display_uri = redact(uri)
        parts = urlsplit(uri)
        user, password = credentials(parts, "NEO4J", "Neo4j")
        auth = (user or "neo4j", password) if password is not None else None
        bare = urlunsplit((parts.scheme, _hostport(parts), "", parts.query, ""))
        self.database = parts.path.strip("/") or neo4j_database()
        try:
            self.driver = neo4j.GraphDatabase.driver(bare, auth=auth)
            self.driver.verify_connectivity()
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, ValueError, OSError) as exc:
            raise StoreError(f"cannot reach Neo4j at {self.display_uri}: {one_line(exc)}") from None

    def run(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> list[dict]:
        def work(tx: neo4j.ManagedTransaction) -> list[dict]:
            result = tx.run(cypher, params or {})
            return [{k: _plain(v) for k, v in record.items()} for record in result]

        try:
            with self.driver.session(database=self.database) as session:
                return (session.execute_write if write else session.execute_read)(work)
        except neo4j.exceptions.ServiceUnavailable as exc:
            raise StoreError(f"lost the connection to Neo4j at {self.display_uri}: {one_line(exc)}") from None
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
            if not write and getattr(exc, "code", None) == "Neo.ClientError.Statement.AccessMode":
                raise StoreError(WRITE_REFUSED) from None
            raise StoreError(f"Neo4j refused the query: {one_line(exc)}") from None

    def ensure_schema(self) -> None:
        for label, prop, unique in schema_mod.load().indexes():
            name = f"polgraph_{label.lower()}_{prop}"
            try:
                self.run(writes.neo4j_index(name, label, prop, unique=unique), write=True)
            except PolGraphError as exc:  # e.g. a role without schema privileges: loading still works
                log.warning("could not create %s on %s (%s); the store will not refuse duplicates",
                            name, self.display_uri, exc)
                return

    def close(self) -> None:
        self.driver.close()


def _hostport(parts: Any) -> str:
    host = parts.hostname or "localhost"
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{parts.port}" if parts.port else host


def _plain(value: Any) -> Any:
    if isinstance(value, neo4j.graph.Node):
        return node_value(list(value.labels), dict(value))
    if isinstance(value, neo4j.graph.Relationship):
        return relationship_value(value.type, dict(value))
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [_plain(n) for n in value.nodes], "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j temporal types
        return value.iso_format()
    return value

