"""An article that makes an extraction rule raise is one error for that article; the rest go on."""
from __future__ import annotations

import polgraph.ingest.relations as relations

GOOD = ("Angela Rayner attacked Michael Gove over the housing figures.\n",
        "Ed Davey accused Rishi Sunak of running away from voters.\n")
BAD = "Jane Roe criticised the Boomtown plan on Monday.\n"


def articles(tmp_path):
    paths = []
    for name, text in (("a-good.txt", GOOD[0]), ("b-bad.txt", BAD), ("c-good.txt", GOOD[1])):
        (tmp_path / name).write_text("Title\n" + text, encoding="utf-8")
        paths.append(tmp_path / name)
    return paths


def break_a_rule(monkeypatch):
    """A rule that raises on one article only, inside the real pipeline."""
    real = relations.verb_rules

    def verb_rules(ctx, tok, lemma):
        if "Boomtown" in ctx.doc.text:
            raise RuntimeError("rule broke on Boomtown")
        real(ctx, tok, lemma)

    monkeypatch.setattr(relations, "verb_rules", verb_rules)


def test_extract_reports_the_article_and_keeps_the_others(graph, tmp_path, monkeypatch):
    break_a_rule(monkeypatch)
    errors = []
    result = graph.extract(articles(tmp_path), on_error=errors.append)
    assert [a.id for a in result.articles] == ["a-good", "c-good"]
    assert {r.rule for r in result.relations} == {"stance.verb"} and len(result.relations) == 2
    [error] = errors
    assert "b-bad" in str(error) and "polgraph_relations: RuntimeError: rule broke on Boomtown" in str(error)
    assert "\n" not in str(error)


def test_ingest_stores_the_others_and_retries_the_failed_one(graph, tmp_path, monkeypatch):
    break_a_rule(monkeypatch)
    report = graph.ingest(articles(tmp_path))
    assert report.ingested == 2 and len(report.failed) == 1 and "b-bad" in report.failed[0]
    monkeypatch.undo()
    again = graph.ingest(articles(tmp_path))  # not marked stored: the next run parses it
    assert again.ingested == 1 and again.skipped == 2 and not again.failed
