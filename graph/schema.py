"""The graph model, read from `schema.yaml`: labels, relation types and their allowed ends.

Everything that needs a label or relation type in Cypher takes it from here, never from
user input, because Cypher cannot parameterise labels or types.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class NodeType:
    label: str
    key: str
    caption: str
    entity: bool = False
    indexed: tuple[str, ...] = ()
    style: dict[str, Any] = field(default_factory=dict)
    rdf: str | None = None
    rdf_properties: dict[str, str] = field(default_factory=dict)  # property -> CURIE


@dataclass(frozen=True)
class RelationType:
    type: str
    claim: bool
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    label: str
    style: dict[str, Any] = field(default_factory=dict)
    rdf: str | None = None


@dataclass(frozen=True)
class Schema:
    nodes: dict[str, NodeType]
    relations: dict[str, RelationType]
    entity_label: str
    claim_properties: tuple[str, ...]
    prefixes: dict[str, str]
    rdf_base: str = ""
    claim_rdf: dict[str, Any] = field(default_factory=dict)  # class, and claim property -> CURIE
    entity_indexed: tuple[str, ...] = ()  # plain indexes on the entity label, e.g. ranking counts

    @property
    def entity_types(self) -> tuple[str, ...]:
        return tuple(n.label for n in self.nodes.values() if n.entity)

    @property
    def claim_types(self) -> tuple[str, ...]:
        return tuple(r.type for r in self.relations.values() if r.claim)

    def allows(self, rel_type: str, source: str, target: str) -> bool:
        """Whether a claim of this type may join these two entity types."""
        rel = self.relations.get(rel_type)
        return bool(rel and rel.claim and source in rel.sources and target in rel.targets)

    def node(self, label: str) -> NodeType:
        """The node type for a label; a KeyError names labels the schema does not know."""
        return self.nodes[label]

    def relation(self, rel_type: str) -> RelationType:
        return self.relations[rel_type]

    def indexes(self) -> list[tuple[str, str, bool]]:
        """(label, property, unique) for every index the model asks of a store.

        Entities are keyed through the shared entity label, so one unique constraint
        covers every entity type, and their plain indexes (`entity_indexed`) are on that
        label too; other labels get a unique key and plain indexes.
        """
        out: list[tuple[str, str, bool]] = [(self.entity_label, "id", True)]
        out.extend((self.entity_label, prop, False) for prop in self.entity_indexed)
        for node in self.nodes.values():
            if node.entity:
                continue
            out.append((node.label, node.key, True))
            out.extend((node.label, prop, False) for prop in node.indexed)
        return out

    def expand(self, curie: str) -> str:
        """A full IRI for a CURIE such as ``foaf:Person``."""
        prefix, _, local = curie.partition(":")
        return self.prefixes[prefix] + local


def _style(spec: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: spec[k] for k in keys if k in spec}


@cache
def load() -> Schema:
    """The schema shipped with polgraph (parsed once)."""
    raw = yaml.safe_load(resources.files("polgraph.graph").joinpath("schema.yaml").read_text("utf-8"))
    nodes = {
        label: NodeType(
            label=label,
            key=spec["key"],
            caption=spec["caption"],
            entity=bool(spec.get("entity")),
            indexed=tuple(spec.get("indexed", ())),
            style=_style(spec, ("color", "shape")),
            rdf=spec.get("rdf"),
            rdf_properties=dict(spec.get("rdf_properties") or {}),
        )
        for label, spec in raw["nodes"].items()
    }
    relations = {
        name: RelationType(
            type=name,
            claim=bool(spec["claim"]),
            sources=tuple(spec["from"]),
            targets=tuple(spec["to"]),
            label=spec["label"],
            style=_style(spec, ("color", "dashes")),
            rdf=spec.get("rdf"),
        )
        for name, spec in raw["relations"].items()
    }
    return Schema(
        nodes=nodes,
        relations=relations,
        entity_label=raw["entity_label"],
        claim_properties=tuple(raw["claim_properties"]),
        prefixes=dict(raw["prefixes"]),
        rdf_base=raw.get("rdf_base", ""),
        claim_rdf=dict(raw.get("claim_rdf") or {}),
        entity_indexed=tuple(raw.get("entity_indexed", ())),
    )
