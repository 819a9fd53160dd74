"""The labels and relationship types Cypher statements are built from, as the schema names them.

Cypher cannot take a label or type as a parameter, so statement text holds them; taking
them from `schema.yaml` here (a KeyError at import if the schema loses one) keeps user
input and stray spellings out of every statement in `reads` and `writes`.
"""
from __future__ import annotations

from polgraph.graph import schema as schema_mod

_SCHEMA = schema_mod.load()
ENTITY = _SCHEMA.entity_label
ARTICLE = _SCHEMA.node("Article").label
ALIAS = _SCHEMA.node("Alias").label
REDIRECT = _SCHEMA.node("Redirect").label
MENTIONS = _SCHEMA.relation("MENTIONS").type
ALIAS_OF = _SCHEMA.relation("ALIAS_OF").type


def claim_type(rel_type: str) -> str:
    """`rel_type` if it is a claim type of the schema: the only types a claim statement is built for."""
    if rel_type not in _SCHEMA.claim_types:
        raise ValueError(f"{rel_type!r} is not a claim type of the schema")
    return rel_type


def node_label(label: str) -> str:
    """`label` if the schema has a node of that label (a KeyError names it otherwise)."""
    return _SCHEMA.node(label).label
