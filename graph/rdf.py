"""The graph as RDF, in established vocabularies taken from `schema.yaml`.

Entities are FOAF people, W3C Organization Ontology organisations and schema.org events;
articles are schema.org NewsArticles. Every claim is asserted as a plain triple
(``:lansman org:memberOf :momentum``) so simple SPARQL needs nothing more, and is also
reified as a `pg:Claim`, an `rdf:Statement` with its own provenance (article through
PROV-O, evidence sentence, confidence, former, date, offsets): one claim per article, so
the same triple stated by three articles has three claim resources. Reification rather
than RDF-star because every RDF store and serialisation reads it.

All resources are IRIs minted from stable ids (claims from a hash of subject, type,
object and article), so two exports of the same graph are the same triples.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime
from importlib import resources
from typing import Any
from urllib.parse import quote

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import XSD

from polgraph.graph import reads
from polgraph.graph import schema as schema_mod
from polgraph.graph.store import Store


def to_rdf(store: Store) -> Graph:
    """Every entity, article, mention and claim of the store as an rdflib Graph."""
    sch = schema_mod.load()
    graph = Graph()
    for prefix, iri in sch.prefixes.items():
        graph.bind(prefix, iri)
    graph.bind("pgid", sch.rdf_base)
    for row in store.run(reads.ENTITIES):
        _add_entity(graph, row)
    for row in store.run(reads.ARTICLE_PROPERTIES):
        _add_article(graph, row["props"])
    mentions = _term(sch.relation("MENTIONS").rdf)
    for row in store.run(reads.MENTION_PAIRS):
        graph.add((article_iri(row["article"]), mentions, entity_iri(row["entity"])))
    for row in store.run(reads.CLAIMS, {"types": list(sch.claim_types)}):
        _add_claim(graph, row["source"], row["type"], row["target"], row["props"] or {})
    return graph


def serialize(graph: Graph, fmt: str) -> str:
    """Text in an rdflib format; JSON-LD gets the schema's prefixes as its context."""
    if fmt == "json-ld":
        sch = schema_mod.load()
        context = {**sch.prefixes, "pgid": sch.rdf_base}
        return graph.serialize(format="json-ld", context=context, indent=2, auto_compact=True)
    return graph.serialize(format=fmt)


def shapes() -> Graph:
    """The SHACL shapes that every export conforms to (`graph/shapes.ttl`), for pyshacl."""
    text = resources.files("polgraph.graph").joinpath("shapes.ttl").read_text("utf-8")
    return Graph().parse(data=text, format="turtle")


def entity_iri(entity_id: str) -> URIRef:
    return URIRef(f"{schema_mod.load().rdf_base}entity/{quote(entity_id, safe=':')}")


def article_iri(article_id: str) -> URIRef:
    return URIRef(f"{schema_mod.load().rdf_base}article/{quote(article_id, safe='')}")


def claim_iri(source: str, rel_type: str, target: str, article: str | None) -> URIRef:
    """Stable per (subject, type, object, article): the key the loader merges claims on."""
    digest = hashlib.sha256("\0".join((source, rel_type, target, article or "")).encode("utf-8")).hexdigest()
    return URIRef(f"{schema_mod.load().rdf_base}claim/{digest[:24]}")


def _add_entity(graph: Graph, row: dict[str, Any]) -> None:
    sch = schema_mod.load()
    node = sch.node(row["type"])
    iri = entity_iri(row["id"])
    graph.add((iri, RDF.type, _term(node.rdf)))
    graph.add((iri, _term(node.rdf_properties["name"]), Literal(row["name"])))
    alias = _term(sch.relation("ALIAS_OF").rdf)
    for name in row["aliases"] or []:
        if name != row["name"]:
            graph.add((iri, alias, Literal(name)))


def _add_article(graph: Graph, props: dict[str, Any]) -> None:
    node = schema_mod.load().node("Article")
    iri = article_iri(props["id"])
    graph.add((iri, RDF.type, _term(node.rdf)))
    for prop, curie in node.rdf_properties.items():
        if props.get(prop) is not None:
            graph.add((iri, _term(curie), _literal(prop, props[prop])))


def _add_claim(graph: Graph, source: str, rel_type: str, target: str, props: dict[str, Any]) -> None:
    sch = schema_mod.load()
    subject, predicate, obj = entity_iri(source), _term(sch.relation(rel_type).rdf), entity_iri(target)
    graph.add((subject, predicate, obj))
    claim = claim_iri(source, rel_type, target, props.get("article"))
    graph.add((claim, RDF.type, RDF.Statement))
    graph.add((claim, RDF.type, _term(sch.claim_rdf["class"])))
    graph.add((claim, RDF.subject, subject))
    graph.add((claim, RDF.predicate, predicate))
    graph.add((claim, RDF.object, obj))
    for prop, curie in sch.claim_rdf["properties"].items():
        value = props.get(prop)
        if value is None:
            continue
        term = article_iri(value) if prop == "article" else _literal(prop, value)
        graph.add((claim, _term(curie), term))


def _term(curie: str | None) -> URIRef:
    if not curie:
        raise ValueError("schema.yaml gives no RDF term here")
    return URIRef(schema_mod.load().expand(curie))


def _literal(prop: str, value: Any) -> Literal:
    """Typed where the type is known: numbers and booleans by value, ISO dates as xsd:date(Time)."""
    if prop == "confidence":
        return Literal(float(value))
    if isinstance(value, str) and prop in ("date", "published"):
        for parse, datatype in ((date.fromisoformat, XSD.date), (datetime.fromisoformat, XSD.dateTime)):
            try:
                parse(value)
            except ValueError:
                continue
            return Literal(value, datatype=datatype)
    return Literal(value)
