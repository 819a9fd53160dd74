"""Which entity types each claim type joins, as `graph/schema.yaml` defines them.

Extraction must not state a claim the schema forbids (a group resigning, a suspension from
an event), and the schema is the one place that says which ends a claim type allows: the
relation rules gate every claim through `allowed_ends` instead of a list of their own.
Read from the schema file itself (package data of `polgraph.graph`), not through
`polgraph.graph.schema`, so that `ingest/` keeps importing `core/` only.
"""
from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def claim_ends() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Per claim type of the schema: the entity types its subject and its object may have."""
    raw = yaml.safe_load(resources.files("polgraph.graph").joinpath("schema.yaml").read_text("utf-8"))
    return {name: (frozenset(spec["from"]), frozenset(spec["to"]))
            for name, spec in raw["relations"].items() if spec.get("claim")}


def allowed_ends(rel_type: str, subject_type: str, object_type: str) -> bool:
    """Whether the schema allows a `rel_type` claim from a `subject_type` to an `object_type`."""
    ends = claim_ends().get(rel_type)
    return ends is not None and subject_type in ends[0] and object_type in ends[1]
