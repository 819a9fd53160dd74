"""The contracts between the polgraph spaCy components (ingest/contracts.py)."""
from __future__ import annotations

import dataclasses

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from polgraph.ingest.contracts import CLUSTERS, MENTIONS, SPEAKERS, ClaimCandidate, Cluster, MentionSpan
from conftest import pipeline
from polgraph.ingest.pipeline import load_pipeline


def test_the_components_declare_what_they_need_and_give():
    assert all(not p for p in pipeline().analyze_pipes(pretty=False)["problems"].values())
    alone = spacy.blank("en")
    alone.add_pipe("polgraph_relations")  # without the mentions it reads
    assert alone.analyze_pipes(pretty=False)["problems"] == {"polgraph_relations": [CLUSTERS, MENTIONS, SPEAKERS]}


def test_relations_hand_over_frozen_candidates_by_field():
    doc = pipeline()("Angela Rayner attacked Michael Gove over the housing figures.")
    [claim] = doc._.pg_relations
    assert isinstance(claim, ClaimCandidate) and dataclasses.is_dataclass(claim)
    assert (doc._.pg_clusters[claim.subject].name, claim.type, doc._.pg_clusters[claim.object].name,
            claim.rule) == ("Angela Rayner", "CRITICISES", "Michael Gove", "stance.verb")
    assert doc.text[claim.start:claim.end].startswith("Angela Rayner attacked")


def test_mentions_hand_over_frozen_clusters_and_spans_by_field():
    doc = pipeline()("Angela Rayner attacked Michael Gove. She said Ms Rayner had the figures.")
    assert all(isinstance(c, Cluster) for c in doc._.pg_clusters)
    assert all(isinstance(m, MentionSpan) for m in doc._.pg_mentions)
    rayner = next(i for i, c in enumerate(doc._.pg_clusters) if c.name == "Angela Rayner")
    assert doc._.pg_clusters[rayner].aliases == ("Angela Rayner", "Ms Rayner", "Rayner")
    assert [(doc[m.start:m.end].text, m.how) for m in doc._.pg_mentions if m.cluster == rayner] == [
        ("Angela Rayner", "name"), ("She", "pronoun"), ("Rayner", "name")]
    try:
        doc._.pg_clusters[rayner].aliases += ("Rayner",)
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a cluster handed over could be changed by the next component")


def test_cluster_kinds_come_from_the_gazetteer_spans_not_from_the_component():
    nlp = load_pipeline()  # a pipeline of its own: a component is added to it

    @Language.component("test_unions_only")
    def unions_only(doc):
        for ent in doc.ents:
            if ent.kb_id_:
                ent._.pg_kind = "union"
        return doc

    text = "Labour MP Jane Roe attacked the plan."
    assert group_kinds(nlp(text)) == {"Labour Party": "party"}
    nlp.add_pipe("test_unions_only", after="polgraph_gazetteer")
    assert group_kinds(nlp(text)) == {"Labour Party": "union"}


def group_kinds(doc) -> dict[str, str]:
    assert not Doc.has_extension("pg_kinds")  # one place for a kind: its span
    return {c.name: c.kind for c in doc._.pg_clusters if c.type == "Group"}


def test_a_cluster_that_lost_its_mentions_is_dropped_with_its_own_type():
    # NER tags "Mhairi Black" ORG; "Ms Black" makes her a person, and the person cluster of
    # "Black" hands its mentions over: it stays (indices hold) but is marked, not re-typed
    doc = pipeline()("Mhairi Black attacked the plan. Ms Black said it was wrong.")
    assert [(c.name, c.type, c.dropped) for c in doc._.pg_clusters] == [
        ("Black", "Person", True), ("Mhairi Black", "Person", False)]
    assert {m.cluster for m in doc._.pg_mentions} == {1}


def test_a_name_whose_tagged_org_mentions_joined_the_person_is_still_found_where_ner_missed_it():
    # NER tags the second "Trump" ORG (that mention joins Donald Trump, leaving a "Trump" group
    # with none) and reads "Trump accused Pelosi" as a title; the emptied group must not make
    # "Trump" ambiguous, or the accusation has no subject
    doc = pipeline()("Nancy Pelosi met Donald Trump on Monday. Earlier this year, Pelosi said she hoped to "
                     "work with Trump on a bill. In response, Trump accused Pelosi of trying to distract voters.")
    names = [c.name for c in doc._.pg_clusters]
    assert ("Trump", True) in [(c.name, c.dropped) for c in doc._.pg_clusters]
    assert [(names[c.subject], c.type, names[c.object]) for c in doc._.pg_relations] == [
        ("Donald Trump", "CRITICISES", "Nancy Pelosi")]
