"""How the training data labels a candidate pair from an annotation's evidence sentences, and how an
evidence pass (`training/BRIEF-evidence.md`) is merged into the annotations. These scripts need only
polgraph, not the `train` extra."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
from dataset import _pair_labels  # noqa: E402
from evidence import merge  # noqa: E402

CITED = "Mr Howard attacked Labour's plan."
AGAIN = 'He said Labour had "lost its way".'


@pytest.mark.parametrize("stated, sentence, here, elsewhere", [
    ([("CRITICISES", [CITED], False)], CITED, ["CRITICISES"], []),
    ([("CRITICISES", [CITED], False)], AGAIN, [], ["CRITICISES"]),  # first pass only: out of the loss
    ([("CRITICISES", [CITED, AGAIN], True)], AGAIN, ["CRITICISES"], []),  # the evidence pass listed it
    ([("CRITICISES", [CITED], True)], AGAIN, [], []),  # the pass listed every sentence: a negative
    ([("CRITICISES", [CITED, AGAIN], True), ("MEMBER_OF", [CITED], False)], AGAIN, ["CRITICISES"], ["MEMBER_OF"]),
    ([("CRITICISES", [], False)], AGAIN, [], ["CRITICISES"]),  # no evidence: never a positive
    ([], AGAIN, [], []),  # no relation: a negative
])
def test_pair_labels(stated, sentence, here, elsewhere):
    assert _pair_labels(stated, sentence) == (here, elsewhere)


def annotation() -> dict:
    return {"id": "x", "entities": [], "relations": [
        {"subject": "Michael Howard", "type": "CRITICISES", "object": "Labour Party", "evidence": CITED},
        {"subject": "Michael Howard", "type": "MEMBER_OF", "object": "Conservative Party", "evidence": CITED},
    ]}


def test_merge_adds_the_other_sentences_and_counts_the_cited_one():
    found = {"relations": [{"subject": "Michael Howard", "type": "CRITICISES", "object": "Labour Party",
                            "evidence": [CITED.replace("'", "\u2019"), AGAIN, AGAIN]}]}
    merged, judged, refound, added = merge(annotation(), found)
    crit, member = merged["relations"]
    assert crit["evidence_also"] == [AGAIN]
    assert "evidence_also" not in member  # not in the pass: as it was
    assert (judged, refound, added) == (1, 1, 1)


def test_merge_counts_a_missed_cited_sentence_and_keeps_an_empty_list():
    first = annotation()
    first["relations"][0]["evidence_also"] = [AGAIN]
    found = {"relations": [{"subject": "Michael Howard", "type": "CRITICISES", "object": "Labour Party", "evidence": []}]}
    merged, judged, refound, added = merge(first, found)
    assert merged["relations"][0]["evidence_also"] == []  # judged: its other sentences are negatives
    assert (judged, refound, added) == (1, 0, 0)
