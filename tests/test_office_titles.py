"""Bare titles ("the prime minister") joined to the named person who held the office in the era
the article's names fit (`ingest/mentions/offices.py`, `ingest/data/offices/holders.yaml`)."""
from __future__ import annotations

import datetime

import pytest

from conftest import pipeline
from polgraph.core.errors import InputError
from polgraph.ingest.mentions import offices as offices_module
from polgraph.ingest.mentions.offices import packaged_terms


def titles(text: str) -> dict[str, str]:
    """{title as written: the person it joins} for the article's bare-title mentions."""
    doc = pipeline()(text)
    return {doc[m.start:m.end].text: doc._.pg_clusters[m.cluster].name for m in doc._.pg_mentions
            if m.how == "definite" and doc._.pg_clusters[m.cluster].type == "Person"}


CASES = [
    # the one named holder of the title
    ("Tony Blair opened the debate. Michael Howard attacked the prime minister over crime.",
     {"prime minister": "Tony Blair"}),
    # two named holders of "prime minister" (Blair 1997-2007, Brown 2007-10): "the chancellor"
    # fits Brown's years at the Treasury, in which Blair was prime minister
    ("Tony Blair and Gordon Brown opened the campaign. The Tories accused the prime minister and "
     "the chancellor of squabbling.", {"prime minister": "Tony Blair", "chancellor": "Gordon Brown"}),
    # ... "the prime minister" alone fits either's term: left alone
    ("Gordon Brown spoke to Tony Blair. Michael Howard said the prime minister had failed.", {}),
    # ... unless the article gives Brown a title of one era ("Chancellor Gordon Brown")
    ("Chancellor Gordon Brown spoke to Tony Blair. Michael Howard said the prime minister had failed.",
     {"prime minister": "Tony Blair"}),
    # ... or a party leader's title with a term of its own: Michael Howard led the Tories in
    # 2003-05, when Blair was prime minister ("Tory" stays the party's mention)
    ("Tony Blair met Gordon Brown and Michael Howard. The Tory leader said the prime minister had failed.",
     {"leader": "Michael Howard", "prime minister": "Tony Blair"}),
    # a former holder is not "the prime minister" of the article
    ("Former prime minister John Major backed Tony Blair. Michael Howard said the prime minister had failed.",
     {"prime minister": "Tony Blair"}),
    ("Former President Barack Obama met Donald Trump. Nancy Pelosi said the president had betrayed the country.",
     {"president": "Donald Trump"}),
    # two presidents named, neither qualified: left alone
    ("Barack Obama met Donald Trump. Nancy Pelosi said the president had betrayed the country.", {}),
    # two offices of one title held at once ("the chancellor" of the UK and of Germany): left alone
    ("Gordon Brown met Gerhard Schröder in Berlin. Reporters asked the chancellor about the euro.", {}),
    # another country's post, a post to come, and a person the article never names
    ("The president of Ireland met Tony Blair. The president-elect spoke.", {}),
    ("Michael Howard said the prime minister had failed.", {}),
    # a title before a name is part of the name's mention, not a bare title
    ("Michael Howard attacked the prime minister Tony Blair.", {}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_bare_titles(text, expected):
    assert titles(text) == expected


def test_a_bare_title_carries_the_rules_relation():
    doc = pipeline()("Tony Blair opened the debate. Michael Howard attacked the prime minister over crime.")
    names = [c.name for c in doc._.pg_clusters]
    found = {(names[c.subject], c.type, names[c.object]) for c in doc._.pg_relations}
    assert ("Michael Howard", "CRITICISES", "Tony Blair") in found


def test_every_packaged_term_is_a_dated_spell():
    terms = packaged_terms()
    assert {"prime minister", "chancellor", "president"} <= terms.keys()
    for spells in terms.values():
        for term in spells:
            assert term.start < term.end and term.forms


def test_a_term_that_ends_before_it_starts_names_the_holder(monkeypatch, tmp_path):
    bad = tmp_path / "holders.yaml"
    bad.write_text("- office: Prime Minister\n  titles: [prime minister]\n  holders:\n"
                   "    - {name: Jane Roe, from: 2010-01-01, to: 2009-01-01}\n", encoding="utf-8")
    monkeypatch.setattr(offices_module, "HOLDERS_FILE", bad)
    packaged_terms.cache_clear()
    try:
        with pytest.raises(InputError, match="Jane Roe in Prime Minister"):
            packaged_terms()
    finally:
        monkeypatch.undo()
        packaged_terms.cache_clear()
    assert packaged_terms()["prime minister"][0].start == datetime.date(1979, 5, 4)
