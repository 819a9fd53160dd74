"""Cross-article resolution, cleaning and gazetteer loading: no spaCy model needed."""
from __future__ import annotations

import pytest

from polgraph.core.errors import PolGraphError
from polgraph.core.names import entity_id
from polgraph.core.records import Article, ArticleExtraction, Claim, Entity
from polgraph.ingest.clean import clean_text
from polgraph.ingest.gazetteer import load_entries
from polgraph.ingest.resolve import resolve


def ex(aid: str, ents: list[tuple[str, str, list[str]]], rels: list[tuple[str, str, str]] = ()):
    entities = [Entity(name=n, type=t, aliases=a, articles=[aid]) for n, t, a in ents]
    ids = {e.name: e.id for e in entities}
    relations = [Claim(ids[s], t, ids[o], aid, "evidence.", 0.8) for s, t, o in rels]
    return ArticleExtraction(Article(id=aid, title="", text=""), entities, relations)


def by_name(entities):
    return {e.name: e for e in entities}


def test_same_actor_in_two_articles_is_one_entity():
    ents, _ = resolve([ex("a1", [("Labour Party", "Group", ["Labour"])]),
                       ex("a2", [("Labour Party", "Group", ["the Labour Party"])])])
    assert len(ents) == 1
    assert ents[0].articles == ["a1", "a2"] and ents[0].id == entity_id("Group", "Labour Party")
    assert set(ents[0].aliases) == {"Labour", "the Labour Party"}


def test_surname_joins_the_only_full_name_and_relations_follow():
    ents, rels = resolve([
        ex("a1", [("Grace Okafor", "Person", []), ("Liberal Democrats", "Group", [])],
           [("Grace Okafor", "MEMBER_OF", "Liberal Democrats")]),
        ex("a2", [("Okafor", "Person", ["Ms Okafor"]), ("Labour Party", "Group", [])],
           [("Okafor", "CRITICISES", "Labour Party")]),
    ])
    e = by_name(ents)
    assert "Okafor" not in e and e["Grace Okafor"].articles == ["a1", "a2"]
    assert "Ms Okafor" in e["Grace Okafor"].aliases
    crit = [r for r in rels if r.type == "CRITICISES"]
    assert crit[0].subject == entity_id("Person", "Grace Okafor") and crit[0].article == "a2"


@pytest.mark.parametrize("titled", ["Prof Curtice", "Professor Curtice", "Cllr Curtice", "Reverend Curtice"])
def test_every_honorific_is_stripped_so_a_titled_surname_joins_the_full_name(titled):
    ents, _ = resolve([ex("a1", [("John Curtice", "Person", [])]), ex("a2", [(titled, "Person", [])])])
    assert [e.name for e in ents] == ["John Curtice"] and titled in ents[0].aliases


def test_ambiguous_surname_and_different_full_names_stay_apart():
    ents, _ = resolve([ex("a1", [("Peter Hughes", "Person", [])]),
                       ex("a2", [("Emma Hughes", "Person", [])]),
                       ex("a3", [("Hughes", "Person", [])])])
    assert sorted(e.name for e in ents) == ["Emma Hughes", "Hughes", "Peter Hughes"]


def test_acronym_alias_joins_full_name_across_articles():
    ents, _ = resolve([ex("a1", [("Independent Press Standards Organisation", "Group", ["IPSO"])]),
                       ex("a2", [("IPSO", "Group", [])])])
    assert [e.name for e in ents] == ["Independent Press Standards Organisation"]


def test_aliases_file_forces_and_forbids(tmp_path):
    f = tmp_path / "aliases.yaml"
    f.write_text("merge:\n  - name: Jon Smith\n    type: Person\n    aliases: [J. Smith, Smithy]\n"
                 "forbid:\n  - [Smith, Jon Smith]\n", encoding="utf-8")
    ents, _ = resolve([ex("a1", [("Jon Smith", "Person", [])]),
                       ex("a2", [("Smithy", "Person", [])]),
                       ex("a3", [("Smith", "Person", [])])], aliases_file=f)
    e = by_name(ents)
    assert e["Jon Smith"].articles == ["a1", "a2"] and "Smith" in e


def test_bad_aliases_file_is_one_line_error(tmp_path):
    f = tmp_path / "aliases.yaml"
    f.write_text("merge: [1, 2]\n", encoding="utf-8")
    with pytest.raises(PolGraphError) as err:
        resolve([], aliases_file=f)
    assert "\n" not in str(err.value)
    with pytest.raises(PolGraphError):
        resolve([], aliases_file=tmp_path / "missing.yaml")


def test_duplicate_relations_keep_highest_confidence():
    a = ex("a1", [("Ed Davey", "Person", []), ("Rishi Sunak", "Person", [])],
           [("Ed Davey", "CRITICISES", "Rishi Sunak")])
    a.relations.append(Claim(a.relations[0].subject, "CRITICISES", a.relations[0].object, "a1", "x.", 0.95))
    _, rels = resolve([a])
    assert len(rels) == 1 and rels[0].confidence == 0.95


# --------------------------------------------------------------------------- cleaning
def test_clean_text_strips_furniture_and_is_idempotent():
    raw = ("By Jane Doe, Political Correspondent\n"
           "The Greens attacked the plan.\n\nShare this article\n"
           "It was, they said, a mistake.\n\nLike Love Haha Wow Sad Angry\n\nRelated Posts")
    out = clean_text(raw)
    assert out == "The Greens attacked the plan.\n\nIt was, they said, a mistake."
    assert clean_text(out) == out


def test_clean_text_keeps_ordinary_sentences():
    text = "By Tuesday the vote was lost.\nRead the report, said Ms Hall."
    assert clean_text(text) == text


# --------------------------------------------------------------------------- gazetteer files
def test_user_gazetteer_extends_and_overrides(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text("- name: Momentum Cymru\n  aliases: [MC Wales]\n"
                 "- name: Labour Party\n  kind: party\n  aliases: [Labour, Lab]\n", encoding="utf-8")
    entries = {e.name: e for e in load_entries([f])}
    assert entries["Momentum Cymru"].type == "Group" and "MC Wales" in entries["Momentum Cymru"].aliases
    assert entries["Labour Party"].aliases == ["Labour Party", "Labour", "Lab"]


@pytest.mark.parametrize("content", ["- [unclosed", "- aliases: [x]\n", "- name: X\n  type: Thing\n"])
def test_bad_gazetteer_is_one_line_error(tmp_path, content):
    f = tmp_path / "bad.yaml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(PolGraphError) as err:
        load_entries([f])
    assert "\n" not in str(err.value) and "bad.yaml" in str(err.value)


def test_packaged_gazetteer_has_general_bodies():
    names = {e.name for e in load_entries()}
    for n in ("Conservative Party", "Liberal Democrats", "National Executive Committee", "Downing Street",
              "Democratic Party", "Christian Democratic Union", "European Commission"):
        assert n in names


def test_missing_model_is_one_line_error():
    from polgraph.ingest.pipeline import load_pipeline
    with pytest.raises(PolGraphError) as err:
        load_pipeline("xx_no_such_pipeline")
    msg = str(err.value)
    assert "\n" not in msg and "'xx_no_such_pipeline' is not installed" in msg and "--model" in msg
