"""The rule table of `polgraph_relations` (``ingest/rules.yaml``): one entry per rule id.

Each claim the relation rules state carries its rule's id, so a wrong edge names the rule
that made it and `benchmarks/rule_precision.py` can measure each rule. The table is data,
read once; the rule catalogue of docs/extraction.md is generated from it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

FAMILIES = ("affiliation", "stance", "speech", "departure", "office")


@dataclass(frozen=True)
class Rule:
    """One extraction rule: what it emits, at what base confidence, on what words."""

    id: str  # "family.name"
    family: str  # one of FAMILIES
    types: tuple[str, ...]  # the claim types it may emit
    confidence: float  # its base confidence
    triggers: str
    example: str
    example_alone: bool = True  # the example, parsed alone, yields a claim of this rule


@cache
def rules() -> dict[str, Rule]:
    """The rule table by id, in the order of the file."""
    raw = yaml.safe_load(resources.files("polgraph.ingest").joinpath("rules.yaml").read_text("utf-8"))
    table = {}
    for entry in raw:
        rule = Rule(id=entry["id"], family=entry["family"], types=tuple(entry["types"]),
                    confidence=float(entry["confidence"]), triggers=entry["triggers"], example=entry["example"],
                    example_alone=bool(entry.get("example_alone", True)))
        if rule.family not in FAMILIES or not rule.id.startswith(rule.family + ".") or rule.id in table:
            raise ValueError(f"rules.yaml: bad or repeated rule {rule.id!r}")
        table[rule.id] = rule
    return table
