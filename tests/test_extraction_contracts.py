"""The contracts between the polgraph spaCy components (ingest/contracts.py)."""
from __future__ import annotations

import dataclasses

import spacy

from polgraph.ingest.contracts import CLUSTERS, MENTIONS, ClaimCandidate
from test_extraction_relations import nlp_pipeline


def test_the_components_declare_what_they_need_and_give():
    assert all(not p for p in nlp_pipeline().analyze_pipes(pretty=False)["problems"].values())
    alone = spacy.blank("en")
    alone.add_pipe("polgraph_relations")  # without the mentions it reads
    assert alone.analyze_pipes(pretty=False)["problems"] == {"polgraph_relations": [CLUSTERS, MENTIONS]}


def test_relations_hand_over_frozen_candidates_by_field():
    doc = nlp_pipeline()("Angela Rayner attacked Michael Gove over the housing figures.")
    [claim] = doc._.pg_relations
    assert isinstance(claim, ClaimCandidate) and dataclasses.is_dataclass(claim)
    assert (doc._.pg_clusters[claim.subject]["name"], claim.type, doc._.pg_clusters[claim.object]["name"],
            claim.rule) == ("Angela Rayner", "CRITICISES", "Michael Gove", "stance.verb")
    assert doc.text[claim.start:claim.end].startswith("Angela Rayner attacked")
