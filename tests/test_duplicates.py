"""Identical text is one article: under two file names or ids, in one run or two, through ingest,
`PolGraph.ingest` and `polgraph load` (bulk and MERGE paths), on the embedded store and over Bolt.
The article skipped is named on one line with the id of the one kept, and counted as skipped."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import handmade
from conftest import SAMPLE, cli, typographic_copy
from polgraph.api import PolGraph
from polgraph.core.records import Article
from polgraph.graph import tables

STORY = SAMPLE / "momentum-selection-petition.txt"
ARTICLES = "MATCH (a:Article) RETURN a.id AS id ORDER BY id"
CLAIMS = "MATCH ()-[c]->() WHERE c.article IS NOT NULL RETURN c.article AS article, count(c) AS n ORDER BY article"


def copy(text: str, path: Path) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def stored(g: PolGraph) -> tuple[list[str], dict[str, int]]:
    """The ids of the articles stored, and the claims of each."""
    return [r["id"] for r in g.cypher(ARTICLES)], {r["article"]: r["n"] for r in g.cypher(CLAIMS)}


def test_a_renamed_copy_ingested_later_is_skipped_and_names_the_article_kept(home, tmp_path):
    """Run one stores a.txt; run two, b.txt of the same text (white space aside), used to store a
    second article and double every claim."""
    text = STORY.read_text(encoding="utf-8")
    first = cli("ingest", str(copy(text, tmp_path / "a.txt")))
    assert first.returncode == 0, first.stderr
    with PolGraph.open(None, home=home) as g:
        ids, claims = stored(g)
    assert ids == ["a"] and claims["a"] > 0
    renamed = copy(text.replace(" ", "  ").replace("\n", "\n\n"), tmp_path / "b.txt")
    second = cli("ingest", str(renamed))
    assert second.returncode == 0, second.stderr
    assert second.stderr.splitlines() == [
        f"skipped: {renamed}: article 'b' has the same text as article 'a', already stored; skipped"]
    assert "ingested 0, skipped 1 (already stored), failed 0" in second.stdout
    with PolGraph.open(None, home=home) as g:
        assert stored(g) == (ids, claims)
        report = g.ingest([renamed])  # the same through Python: the report names it
    assert (report.ingested, report.skipped, report.failed) == (0, 1, [])
    assert report.duplicates == [f"{renamed}: article 'b' has the same text as article 'a', already stored; skipped"]


def test_the_same_text_twice_in_one_run_is_one_article_and_the_second_is_named(home, tmp_path):
    """Within a run the reader used to drop the second copy without a word and without a count."""
    text = STORY.read_text(encoding="utf-8")
    title, _, body = text.partition("\n")
    a = copy(text, tmp_path / "a.txt")
    b = copy(f"Another title\n\n{body.replace(' ', '   ')}", tmp_path / "b.txt")
    records = copy(json.dumps({"id": "r", "title": title, "text": body}) + "\n", tmp_path / "r.jsonl")
    with PolGraph.open(None, home=home) as g:
        report = g.ingest([a, b, records])
        ids, claims = stored(g)
    assert (report.ingested, report.skipped, report.failed) == (1, 2, [])
    assert report.duplicates == [
        f"{b}: article 'b' has the same text as article 'a', read earlier in this run; skipped",
        f"{records}: article 'r' has the same text as article 'a', read earlier in this run; skipped"]
    assert ids == ["a"] and list(claims) == ["a"]
    done = cli("ingest", str(a), str(b))
    assert done.returncode == 0 and done.stderr.splitlines() == [
        f"skipped: {b}: article 'b' has the same text as article 'a', read earlier in this run; skipped"]


def test_extract_leaves_out_the_second_copy_and_says_so(home, tmp_path):
    """`extract` used to leave the copy out of its JSON without a word, so a user scoring a folder
    found an article missing; now the same line as ingest, and `Extraction.duplicates` in Python."""
    text = STORY.read_text(encoding="utf-8")
    a, b = copy(text, tmp_path / "a.txt"), copy(text, tmp_path / "b.txt")
    line = f"{b}: article 'b' has the same text as article 'a', read earlier in this run; skipped"
    with PolGraph.open(None, home=home) as g:
        extraction = g.extract([a, b])
    assert [x.id for x in extraction.articles] == ["a"] and extraction.duplicates == [line]
    done = cli("extract", str(a), str(b))
    assert done.returncode == 0 and done.stderr.splitlines() == [f"skipped: {line}"]
    assert [x["id"] for x in json.loads(done.stdout)["articles"]] == ["a"]


def twin_parts(tag: str) -> list[tuple[list[Article], list, list]]:
    """Two parts of the hand-made extraction: the second the first's texts under other ids."""
    first = handmade.extraction(2, "x")
    second = handmade.extraction(2, tag)
    return [first, second]


def write(folder: Path, parts) -> Path:
    for i, part in enumerate(parts):
        tables.write_part(folder, i, *part)
    return folder


def test_parquet_parts_of_one_text_under_two_ids_load_as_one_article(graph, tmp_path):
    """The bulk path (an empty store) folds the parts; the MERGE path (a store with data) checks the
    store: both used to write every id, and a claim per id."""
    report = graph.load(write(tmp_path / "both", twin_parts("y")))
    assert (report.method, report.ingested, report.skipped) == ("bulk", 2, 2)
    assert report.duplicates == [f"{a}: article '{a}' has the same text as article '{b}', read earlier in this run; "
                                 "skipped" for a, b in (("ay0", "ax0"), ("ay1", "ax1"))]
    assert stored(graph) == (["ax0", "ax1"], {"ax0": 1, "ax1": 1})
    again = graph.load(write(tmp_path / "later", twin_parts("z")[1:]))
    assert (again.method, again.ingested, again.skipped) == ("merge", 0, 2)
    assert again.duplicates == [f"{a}: article '{a}' has the same text as article '{b}', already stored; skipped"
                                for a, b in (("az0", "ax0"), ("az1", "ax1"))]
    assert stored(graph) == (["ax0", "ax1"], {"ax0": 1, "ax1": 1})
    done = cli("load", str(write(tmp_path / "cli", twin_parts("w")[1:])))
    assert done.returncode == 0 and done.stderr.splitlines() == [
        f"skipped: aw{i}: article 'aw{i}' has the same text as article 'ax{i}', already stored; skipped"
        for i in range(2)]


def blank_part(tag: str) -> tuple[list[Article], list, list]:
    """Two hand-made articles and their claims, the articles without text."""
    articles, entities, claims = handmade.extraction(2, tag)
    return [Article(id=a.id, title=a.title, text=" ", published=a.published) for a in articles], entities, claims


def test_articles_without_text_are_no_twins(graph, tmp_path):
    """Records of metadata alone (a feed item without a body, the synthetic archives of the
    benchmarks) share the empty text, not a story: each is its own article, in one load (the
    bulk path) and in a later one (the MERGE path)."""
    report = graph.load(write(tmp_path / "blank", [blank_part("e"), blank_part("f")]))
    assert (report.method, report.ingested, report.skipped, report.duplicates) == ("bulk", 4, 0, [])
    again = graph.load(write(tmp_path / "more", [blank_part("g")]))
    assert (again.method, again.ingested, again.skipped) == ("merge", 2, 0)
    assert stored(graph)[0] == ["ae0", "ae1", "af0", "af1", "ag0", "ag1"]


@pytest.mark.slow
def test_over_bolt_a_renamed_copy_is_skipped_and_parquet_twins_are_one_article(bolt_store, tmp_path):
    """The same Cypher through the neo4j driver (FalkorDB's Bolt listener), one driver for every step."""
    a = typographic_copy([STORY], tmp_path / "one")[0]
    b = copy(a.read_text(encoding="utf-8"), tmp_path / "b.txt")
    with PolGraph.open(bolt_store) as g:
        assert g.ingest([a]).ingested == 1
        report = g.ingest([b])
        assert (report.ingested, report.skipped) == (0, 1)
        assert report.duplicates == [f"{b}: article 'b' has the same text as article '{a.stem}', "
                                     "already stored; skipped"]
        loaded = g.load(write(tmp_path / "t", twin_parts("y")))
        assert (loaded.method, loaded.ingested, loaded.skipped) == ("merge", 2, 2)
        ids, claims = stored(g)
    assert ids == sorted([a.stem, "ax0", "ax1"]) and (claims["ax0"], claims["ax1"]) == (1, 1)
