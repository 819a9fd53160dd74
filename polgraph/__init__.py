"""polgraph: political news in, a sourced knowledge graph of political actors out."""
from polgraph.api import PolGraph
from polgraph.core.errors import PolGraphError

__all__ = ["PolGraph", "PolGraphError"]
