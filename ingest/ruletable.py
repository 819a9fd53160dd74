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


CATALOGUE_BEGIN = "<!-- rule catalogue: generated from ingest/rules.yaml by `python -m polgraph.ingest.ruletable` -->"
CATALOGUE_END = "<!-- end of the rule catalogue -->"


def catalogue() -> str:
    """The rule catalogue of docs/extraction.md: one Markdown table row per rule, by family."""
    lines = ["| rule | types | confidence | triggers | example |", "|---|---|---|---|---|"]
    for family in FAMILIES:
        for r in (r for r in rules().values() if r.family == family):
            cells = (f"`{r.id}`", ", ".join(r.types), f"{r.confidence:g}", r.triggers, r.example)
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def with_catalogue(doc: str) -> str:
    """`doc` with the text between the catalogue markers replaced by the current catalogue."""
    head, sep, rest = doc.partition(CATALOGUE_BEGIN)
    _, sep2, tail = rest.partition(CATALOGUE_END)
    if not sep or not sep2:
        raise ValueError("the document has no rule catalogue markers")
    return f"{head}{CATALOGUE_BEGIN}\n{catalogue()}\n{CATALOGUE_END}{tail}"


if __name__ == "__main__":
    # Regenerate docs/extraction.md's catalogue after editing rules.yaml.
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "docs" / "extraction.md"
    path.write_text(with_catalogue(path.read_text(encoding="utf-8")), encoding="utf-8")
