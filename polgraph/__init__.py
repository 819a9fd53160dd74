"""polgraph: political news in, a sourced knowledge graph of political actors out.

The facade is imported lazily (PEP 562): `import polgraph.graph.schema` or `polgraph.core`
must not pull in the facade, and with it every layer and spaCy, just to reach a bottom one.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from polgraph.core.errors import PolGraphError

if TYPE_CHECKING:
    from polgraph.api import PolGraph

__all__ = ["PolGraph", "PolGraphError"]


def __getattr__(name: str) -> object:
    """`polgraph.PolGraph`, imported on first use."""
    if name == "PolGraph":
        from polgraph.api import PolGraph

        return PolGraph
    raise AttributeError(f"module 'polgraph' has no attribute {name!r}")
