"""The rule table (ingest/rules.yaml) against the rules in the code, and the `rule` of every claim.

Each claim names the rule that stated it, so that a wrong edge can be traced to its rule and
each rule's precision measured (benchmarks/rule_precision.py).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from polgraph.core.claims import allowed_ends
from polgraph.core.records import Article
from polgraph.ingest.learned.component import load_model
from conftest import pipeline
from polgraph.ingest.pipeline import extract_doc
from polgraph.ingest.ruletable import FAMILIES, rules, with_catalogue

ROOT = Path(__file__).resolve().parent.parent
INGEST = ROOT / "ingest"
RULE_ID = re.compile(r"""["']((?:%s)\.[a-z_]+)["']""" % "|".join(FAMILIES))


def rule_ids_in_code() -> set[str]:
    """Every rule id written as a string in the relation rules' source."""
    files = [*INGEST.glob("relations*.py"), *INGEST.glob("relations/*.py")]
    return {m for f in files for m in RULE_ID.findall(f.read_text(encoding="utf-8"))}


def test_code_and_table_name_the_same_rules():
    code, table = rule_ids_in_code(), set(rules())
    assert code - table == set(), "rules emitted by the code but missing from ingest/rules.yaml"
    assert table - code == set(), "rules in ingest/rules.yaml that no code emits"


def test_the_documented_catalogue_is_the_table():
    doc = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")
    assert with_catalogue(doc) == doc, "run python -m polgraph.ingest.ruletable to regenerate it"


@pytest.mark.parametrize("rule", [r for r in rules().values() if r.example_alone], ids=lambda r: r.id)
def test_each_example_yields_its_rule(rule):
    doc = pipeline()(rule.example)
    ex = extract_doc(doc, Article(id="t", title="", text=rule.example))
    claims = [c for c in ex.relations if c.rule == rule.id]
    assert claims, f"{rule.id}: its example yields {sorted({c.rule for c in ex.relations})}"
    assert {c.type for c in claims} <= set(rule.types)


def test_every_claim_names_its_rule_in_json_and_in_the_store(graph, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Row over levy\nAngela Rayner attacked Michael Gove over the housing figures. "
                       "Labour MP Jane Roe resigned from the Acme Party.\n", encoding="utf-8")
    printed = graph.extract([article]).to_json()["relations"]
    assert {(r["type"], r["rule"]) for r in printed} >= {("CRITICISES", "stance.verb"),
                                                          ("RESIGNED_FROM", "departure.resign")}
    assert all(r["rule"] in rules() or r["rule"] == load_model().id for r in printed)
    graph.ingest([article])
    stored = graph.cypher("MATCH ()-[r]->() WHERE r.article IS NOT NULL RETURN type(r) AS t, r.rule AS rule")
    assert {(r["t"], r["rule"]) for r in stored} == {(r["type"], r["rule"]) for r in printed}


def named_claims(text: str) -> set[tuple[tuple[str, str], str, tuple[str, str]]]:
    ex = extract_doc(pipeline()(text), Article(id="t", title="", text=text))
    ents = {e.id: (e.name, e.type) for e in ex.entities}
    return {(ents[r.subject], r.type, ents[r.object]) for r in ex.relations}


@pytest.mark.parametrize("text, claim", [
    ("Jane Roe backed the Scottish independence referendum.",
     (("Jane Roe", "Person"), "SUPPORTS", ("Scottish independence referendum", "Event"))),
    ("Jane Roe chairs the Leveson Inquiry.", (("Jane Roe", "Person"), "LEADS", ("Leveson Inquiry", "Event"))),
    ("Labour MP Jane Roe resigned from the Leveson Inquiry.",
     (("Jane Roe", "Person"), "RESIGNED_FROM", ("Leveson Inquiry", "Event"))),
])
def test_claims_to_an_event_are_kept_where_the_schema_allows_them(text, claim):
    assert claim in named_claims(text)


def test_claims_the_schema_forbids_are_dropped():
    # MEMBER_OF an Event and a Group resigning are not in graph/schema.yaml
    assert not allowed_ends("MEMBER_OF", "Person", "Event") and not allowed_ends("RESIGNED_FROM", "Group", "Group")
    assert allowed_ends("LEADS", "Person", "Event") and not allowed_ends("NO_SUCH_TYPE", "Person", "Group")
    claims = named_claims("The Acme Party resigned from the Leveson Inquiry. Jane Roe joined the Leveson Inquiry.")
    assert not {c for c in claims if c[1] in ("RESIGNED_FROM", "MEMBER_OF")}
