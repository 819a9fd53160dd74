"""Values that crashed the embedded FalkorDB or failed every write, against the real server.

FalkorDB 4.16's unique-constraint check segfaults on a key with white space at an end, a
control character or over 4 KB; a NUL in a parameter fails the statement. Each value here
reaches the store once through the readers and once straight through the loader; the
server must still answer afterwards and every article of the run must be stored.
"""
from __future__ import annotations

import json

import pytest

from conftest import cli
from polgraph.core.names import name_key
from polgraph.core.records import Article, Claim, Entity
from polgraph.core.values import MAX_KEY_BYTES, safe_key, storable
from polgraph.graph.loader import Loader

GOOD = "Labour leader Keir Starmer attacked the Conservative Party on Monday.\n"
LONG_ID = "x" * 5000

# (what it is, value) for keys: article ids and alias keys
CRASHING_KEYS = [
    ("trailing space", "minutes "),
    ("leading space", " minutes"),
    ("control character", "a\x01b"),
    ("over 4 KB", LONG_ID),
    ("only a control character", "\x01"),
]


@pytest.mark.parametrize("value", [v for _, v in CRASHING_KEYS], ids=[k for k, _ in CRASHING_KEYS])
def test_safe_key_is_trimmed_printable_and_bounded(value):
    key = safe_key(value)
    assert key == key.strip() and key.isprintable()
    assert len(key.encode()) <= MAX_KEY_BYTES
    assert safe_key(value) == key, "the same value always gives the same key"


def test_long_keys_stay_apart():
    assert safe_key("a" * 5000) != safe_key("a" * 4999 + "b")


def test_storable_removes_what_no_store_takes_and_keeps_layout():
    assert storable("a\x00b\ud800c\x1bd\te\nf\r") == "abcd\te\nf\r"


def test_records_pass_through_the_gate():
    art = Article(id=LONG_ID, title="t\x00", text="x\ud800y")
    assert art.id == safe_key(LONG_ID) and art.full_id == LONG_ID
    assert (art.title, art.text) == ("t", "xy")
    assert Entity(name="A\x00B", type="Person", aliases=["\x01C"]).aliases == ["C"]
    assert name_key("Mr \x01Brown ") == "brown"


def test_crashing_ids_from_files_and_records_are_stored(graph, tmp_path):
    """A file named `minutes .txt`, JSONL ids with a control character or over 4 KB, a NUL past
    the first 8 KB: all stored, and the server still answers."""
    (tmp_path / "minutes .txt").write_text("Minutes\n" + GOOD, encoding="utf-8")
    (tmp_path / "nul.txt").write_text("Nul\n" + "word " * 2000 + "\x00" + GOOD, encoding="utf-8")
    records = [{"id": "a\u0001b", "title": "Ctl", "text": "Tuesday. " + GOOD},  # one text is one article:
               {"id": LONG_ID, "title": "Long", "text": "Wednesday. " + GOOD}]    # each its own
    (tmp_path / "records.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    graph.ingest([tmp_path])
    rows = graph.cypher("MATCH (a:Article) RETURN a.id AS id, a.full_id AS full ORDER BY id")
    ids = {r["id"] for r in rows}
    assert {"minutes", "nul", "ab", safe_key(LONG_ID)} <= ids
    assert [r["full"] for r in rows if r["id"] == safe_key(LONG_ID)] == [LONG_ID]
    assert graph.cypher("MATCH (a:Article) WHERE a.hash IS NOT NULL RETURN count(a) AS n")[0]["n"] == 4


@pytest.mark.parametrize("alias", [v for _, v in CRASHING_KEYS], ids=[k for k, _ in CRASHING_KEYS])
def test_crashing_alias_keys_load(graph, alias):
    art = Article(id="a1", title="t\ud800", text="t")
    people = [Entity(name="Keir Starmer", type="Person", aliases=[alias], articles=["a1"]),
              Entity(name="Conservative Party", type="Group", articles=["a1"])]
    claim = Claim(subject=people[0].id, type="CRITICISES", object=people[1].id, article="a1",
                  evidence="e\x00", confidence=0.9)
    Loader(graph.writable_store, 100).load([art], people, [claim])
    assert graph.cypher("MATCH (:Person)-[c:CRITICISES]->(:Group) RETURN count(c) AS n")[0]["n"] == 1
    assert graph.cypher("MATCH (k:Alias) RETURN count(k) AS n")[0]["n"] >= 2


def test_one_run_of_every_hostile_record_stores_the_good_articles_of_that_run(home, tmp_path):
    """Each of these aborted `polgraph ingest` with a traceback and lost the good articles read
    with it: a JSON integer of 5,000 digits, 100,000 nested brackets, a lone surrogate, a text
    past the parser's 1,000,000 characters, a page in a non-text charset. Now each bad record
    is one error line naming its source and line, and everything else of the run is stored."""
    long_text = GOOD * (1_100_000 // len(GOOD))
    lines = [json.dumps({"id": "good-1", "title": "One", "text": "Thursday. " + GOOD}),
             '{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}",
             "[" * 100_000 + "]" * 100_000,
             '{"id": "surrogate", "text": "a lone \\ud800 surrogate"}',
             json.dumps({"id": "long", "text": long_text}),
             json.dumps({"id": "good-2", "title": "Two", "text": "Friday. " + GOOD})]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = tmp_path / "rot13.html"
    page.write_text(f'<html><head><meta charset="rot13"><title>Rot</title></head><body><article>'
                    f"<p>Saturday. {GOOD}</p><p>{GOOD}</p></article></body></html>", encoding="utf-8")
    done = cli("ingest", str(corpus), str(page), "--format", "json")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"error: {corpus}:2: not valid JSON (an integer of more than 4,300 digits)",
        f"error: {corpus}:3: not valid JSON (nested too deeply)",
        f"error: {corpus}:4: not valid JSON (a lone surrogate \\ud800 is not a character)",
        f"error: {corpus}: article 'long': {len(long_text.strip()):,} characters of text, "
        "over the 1,000,000 the parser takes; not read"]
    assert json.loads(done.stdout)["ingested"] == 3
    stored = cli("cypher", "MATCH (a:Article) WHERE a.hash IS NOT NULL RETURN a.id AS id ORDER BY id",
                 "--format", "json")
    assert [r["id"] for r in json.loads(stored.stdout)] == ["good-1", "good-2", "rot13"]
