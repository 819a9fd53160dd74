"""Exports from a real embedded store: RDF that round-trips and conforms to the SHACL shapes,
the SPARQL example of the docs, GraphML/GEXF that networkx reads back, neo4j-admin CSV."""
from __future__ import annotations

import csv
import re
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pyshacl
import pytest
import rdflib
from conftest import ROOT, cli, home_env, use_home
from graphdata import IMG, PAYLOADS, SCRIPT, pg, store_home  # noqa: F401  (fixtures)
from rdflib import RDF, Literal, URIRef

from polgraph.api import PolGraph
from polgraph.core.records import Article, Claim, Entity
from polgraph.graph import counts
from polgraph.graph import schema as schema_mod
from polgraph.graph.loader import Loader
from polgraph.graph.neo4j_csv import ARRAY_DELIMITER
from polgraph.graph.rdf import entity_iri, shapes

RDF_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}
PG = rdflib.Namespace("https://polgraph.org/ns#")


@pytest.fixture(scope="module")
def rdf_graphs(store_home):
    """Exported and parsed once for the module (seconds each time): tests change only a copy."""
    with use_home(store_home), PolGraph.open(None, home=store_home) as pg:
        return {fmt: rdflib.Graph().parse(data=pg.export(fmt), format=name) for fmt, name in RDF_FORMATS.items()}


def test_turtle_jsonld_and_ntriples_are_the_same_triples(rdf_graphs):
    ttl = set(rdf_graphs["ttl"])
    assert len(ttl) > 200
    assert set(rdf_graphs["jsonld"]) == ttl == set(rdf_graphs["nt"])


def test_claims_keep_their_provenance(pg, rdf_graphs):
    g = rdf_graphs["ttl"]
    lansman, momentum = entity_iri("person:jon-lansman"), entity_iri("group:momentum")
    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    assert (lansman, org.headOf, momentum) in g
    claims = list(g.subjects(RDF.predicate, org.headOf))
    claim = next(c for c in claims if (c, RDF.subject, lansman) in g and (c, RDF.object, momentum) in g)
    assert (claim, RDF.type, RDF.Statement) in g and (claim, RDF.type, PG.Claim) in g
    assert g.value(claim, PG.confidence) == Literal(1.0)
    article = g.value(claim, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    assert str(g.value(article, URIRef("https://schema.org/headline"))) == "Momentum members petition for open selections"
    assert "Lansman" in str(g.value(claim, PG.evidence))
    # one claim resource per statement in the store
    claim_count = pg.cypher("MATCH (:Entity)-[r]->(:Entity) WHERE type(r) IN $t RETURN count(r) AS c",
                            t=list(schema_mod.load().claim_types))[0]["c"]
    assert len(set(g.subjects(RDF.type, PG.Claim))) == claim_count


def test_hostile_names_are_plain_literals(rdf_graphs):
    g = rdf_graphs["jsonld"]
    names = {str(o) for o in g.objects(None, URIRef("http://xmlns.com/foaf/0.1/name"))}
    assert set(PAYLOADS) <= names
    titles = {str(o) for o in g.objects(None, URIRef("https://schema.org/headline"))}
    assert f"Payload {SCRIPT} {IMG}" in titles


@pytest.mark.slow
def test_export_conforms_to_the_shapes(rdf_graphs):
    conforms, _, report = pyshacl.validate(rdf_graphs["ttl"], shacl_graph=shapes())
    assert conforms, report


@pytest.mark.slow
def test_shapes_reject_a_claim_without_its_article(rdf_graphs):
    broken = rdflib.Graph()
    broken += rdf_graphs["nt"]
    claim = next(iter(broken.subjects(RDF.type, PG.Claim)))
    broken.remove((claim, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None))
    broken.set((claim, PG.confidence, Literal(1.5)))
    conforms, _, report = pyshacl.validate(broken, shacl_graph=shapes())
    assert not conforms
    assert "wasDerivedFrom" in report and "confidence" in report


def test_shapes_name_the_schema_terms():
    """The shapes file is written by hand: it must name exactly the claim terms the schema gives."""
    sch = schema_mod.load()
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    g = shapes()
    allowed = g.value(g.value(predicate=sh.path, object=RDF.predicate), sh["in"])
    assert {str(t) for t in rdflib.collection.Collection(g, allowed)} == {
        sch.expand(sch.relation(t).rdf) for t in sch.claim_types}
    paths = {str(p) for p in g.objects(None, sh.path)}
    assert {sch.expand(c) for c in sch.claim_rdf["properties"].values()} <= paths
    for label in (*sch.entity_types, "Article"):
        assert {sch.expand(c) for c in sch.node(label).rdf_properties.values()} <= paths


def test_sparql_example_of_the_docs_runs(pg, rdf_graphs):
    doc = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    query = re.search(r"```sparql\n(.*?)```", doc, re.S).group(1)
    rows = list(rdf_graphs["ttl"].query(query))
    expected = pg.query("critics_of", name="Jon Lansman")
    assert rows and sorted(str(r.critic) for r in rows) == sorted(r["critic"] for r in expected)
    assert {str(r.headline) for r in rows} == {r["title"] for r in expected}


@pytest.mark.parametrize("fmt,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_load_in_networkx(pg, tmp_path, fmt, read):
    path = tmp_path / f"graph.{fmt}"
    assert pg.export(fmt, path) is None
    loaded = read(path)
    original = pg.to_networkx()
    assert loaded.number_of_nodes() == original.number_of_nodes() > 50
    assert loaded.number_of_edges() == original.number_of_edges()
    node = loaded.nodes["person:jon-lansman"]
    assert node["label"] == node["name"] == "Jon Lansman" and node["type"] == "Person"
    edge = next(d for s, t, d in loaded.edges(data=True) if s == "person:jon-lansman" and t == "group:momentum")
    assert edge["relation"] == edge["label"] == "LEADS" and edge["article"] == "momentum-selection-petition"
    assert isinstance(edge["confidence"], float) and "Lansman" in edge["evidence"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_drop_characters_xml_forbids(graph, tmp_path, fmt):
    """One control character in a name, alias, title, sentence or article id made the whole file invalid XML."""
    bad = "\x01\x0b\x1b\ufffe"  # in keys too: the store's gate (core/values.py) makes them storable first
    article = Article(id=f"art{bad}icle", title=f"Tit{bad}le", text="…", published="2024-05-01")
    who = Entity(f"Jon{bad} Lansman", "Person", [f"Lans{bad}man"], [article.id])
    party = Entity("Momentum", "Group", [], [article.id])
    claim = Claim(who.id, "LEADS", party.id, article.id, f"He\x01\x08\x0c{bad} leads it.", 0.9, date="2024-05-01")
    Loader(graph.writable_store, graph.batch_size).load([article], [who, party], [claim])
    # The gate strips these on the way in, so the export's own rule is only tested by values that
    # came in past it: a store written by an older polgraph or another tool.
    graph.cypher("MATCH (m:Entity {id: 'group:momentum'})-[r:LEADS]-() SET m.name = $bad, r.note = $bad",
                 write=True, bad=f"Mo{bad}\x02")
    path = tmp_path / f"graph.{fmt}"
    graph.export(fmt, path)
    ElementTree.parse(path)  # a real XML parser: raises on any forbidden character
    loaded = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert {d["label"] for _, d in loaded.nodes(data=True)} == {"Jon Lansman", "Mo"}
    (edge,) = [d for _, _, d in loaded.edges(data=True)]
    assert edge["evidence"] == "He leads it." and edge["article"] == article.id == "art icle"  # the store's key gate
    assert edge["note"] == "Mo"


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_neo4j_admin_csv_holds_the_whole_store(pg, tmp_path):
    folder = tmp_path / "import"
    assert pg.export("csv", folder) is None
    ids = {space: {r[f"{key}:ID({space})"] for r in _rows(folder / f"{name}.csv")}
           for space, key, name in [("Entity", "id", "entities"), ("Article", "id", "articles"),
                                    ("Alias", "key", "aliases")]}
    counts = {k: pg.cypher(f"MATCH (n:{k}) RETURN count(n) AS c")[0]["c"] for k in ids}
    assert {k: len(v) for k, v in ids.items()} == counts
    for name, start, end in [("claims", "Entity", "Entity"), ("mentions", "Article", "Entity"),
                             ("alias_of", "Alias", "Entity")]:
        rows = _rows(folder / f"{name}.csv")
        assert rows
        assert all(r[f":START_ID({start})"] in ids[start] and r[f":END_ID({end})"] in ids[end] for r in rows)
    claims = _rows(folder / "claims.csv")
    assert {r[":TYPE"] for r in claims} <= set(schema_mod.load().claim_types)
    rels = pg.cypher("MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"]
    assert rels == sum(len(_rows(folder / f"{n}.csv")) for n in ("claims", "mentions", "alias_of"))
    hostile = next(r for r in _rows(folder / "entities.csv") if r["name"] == SCRIPT)
    assert hostile[":LABEL"].split(ARRAY_DELIMITER) == ["Entity", "Person"]
    assert all(float(r["confidence:double"]) <= 1 and r["former:boolean"] in ("true", "false") for r in claims)
    script = (folder / "import.sh").read_text(encoding="utf-8")
    for name in ("entities", "articles", "aliases", "claims", "mentions", "alias_of"):
        assert f'"$here/{name}.csv"' in script


def test_neo4j_admin_csv_keeps_ranking_counts_and_title_lower(pg, tmp_path):
    """The ranking templates and article_summary read properties the loader writes beside the
    claims: an imported database without them would answer nothing."""
    folder = tmp_path / "import"
    pg.export("csv", folder)
    names = counts.PROPERTIES
    criticised = pg.cypher("MATCH (:Entity)-[:CRITICISES]->(e:Entity) RETURN DISTINCT e.id AS id, "
                           + ", ".join(f"e.{n} AS {n}" for n in names))
    assert criticised
    rows = {r["id:ID(Entity)"]: r for r in _rows(folder / "entities.csv")}
    for stored in criticised:
        row = rows[stored["id"]]
        assert {n: row[f"{n}:long"] for n in names} == {n: "" if stored[n] is None else str(stored[n]) for n in names}
        assert int(row[f"{counts.prop('in', 'CRITICISES', 'claims')}:long"]) >= 1
    titles = {r["id:ID(Article)"]: r for r in _rows(folder / "articles.csv")}
    assert titles["hostile"]["title_lower"] == f"Payload {SCRIPT} {IMG}".lower()


@pytest.mark.slow
def test_cli_export_writes_files_and_stdout(store_home, tmp_path):
    env = home_env(store_home)
    out = tmp_path / "g.ttl"
    done = cli("export", "--format", "ttl", "-o", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert len(rdflib.Graph().parse(out)) > 0
    nt = cli("export", "--format", "nt", env=env)
    assert nt.returncode == 0 and len(rdflib.Graph().parse(data=nt.stdout, format="nt")) == len(
        rdflib.Graph().parse(out))


def test_cli_export_user_errors(store_home, tmp_path):
    env = home_env(store_home)
    for args, message in [
        (["--format", "csv"], "give it with -o FOLDER"),
        (["--format", "ttl", "-o", str(tmp_path / "no" / "such" / "dir.ttl")], "cannot write"),
        (["--format", "xml"], "'xml' is not one of"),
    ]:
        bad = cli("export", *args, env=env)
        assert bad.returncode != 0 and message in bad.stderr and "Traceback" not in bad.stderr, bad.stderr


def test_exports_and_views_run_on_the_neo4j_driver(bolt_store, tmp_path):
    """The same Cypher through the Neo4j driver (FalkorDB's Bolt listener stands in for Neo4j)."""
    from handmade import extraction

    from polgraph.graph.loader import Loader
    from polgraph.graph.neo4j_store import Neo4jStore

    with PolGraph.open(bolt_store) as g:
        g.__dict__["store"] = Neo4jStore(bolt_store)  # the listener refuses CREATE CONSTRAINT: skip that step
        Loader(g.store, 1).load(*extraction(2))
        triples = rdflib.Graph().parse(data=g.export("ttl"), format="turtle")
        assert len(set(triples.subjects(RDF.type, PG.Claim))) == 2
        assert g.export("graphml", tmp_path / "g.graphml") is None
        assert nx.read_graphml(tmp_path / "g.graphml").number_of_edges() == 2
        assert g.export("csv", tmp_path / "csv") is None
        assert len(_rows(tmp_path / "csv" / "claims.csv")) == 2
        assert "Jon Lansman" in g.view(around="Lansman")
