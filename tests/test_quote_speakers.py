"""Who speaks a quoted sentence that does not name its speaker (`ingest/mentions/quotes.py`), and
how the relation model reads such a sentence (`learned.inputs.passages`)."""
from __future__ import annotations

import dataclasses

import pytest

from conftest import pipeline
from polgraph.ingest.learned.inputs import passages


def speakers(text: str) -> dict[str, str]:
    """{sentence text: its speaker's name} for the sentences given a speaker from elsewhere."""
    doc = pipeline()(text)
    starts = {s.start: s.text.strip() for s in doc.sents}
    return {starts[t]: doc._.pg_clusters[c].name for t, c in doc._.pg_speakers.items()}


CASES = [
    # the quote goes on from the sentence that names its speaker
    ('Michael Howard said: "Labour will put up taxes. The Liberal Democrats are no better."',
     {'The Liberal Democrats are no better."': "Michael Howard"}),
    # ... or into the sentence that names its speaker
    ('"Labour will put up taxes. The Liberal Democrats are no better," Michael Howard said.',
     {'"Labour will put up taxes.': "Michael Howard"}),
    # a new quote right after an attributed one, the next paragraph opening with a quotation mark
    ('"It is a disgrace," said Charles Kennedy.\n\n"Tony Blair has let Labour down."',
     {'"Tony Blair has let Labour down."': "Charles Kennedy"}),
    # the speaker is named in the sentence itself: nothing to add
    ('"Tony Blair has let Labour down," said Charles Kennedy.', {}),
    # a pronoun speaker counts as the person it stands for
    ('Charles Kennedy spoke in Cardiff. "Labour has failed. The Tories are worse," he said.',
     {'"Labour has failed.': "Charles Kennedy"}),
    # no quotation: a sentence after a speech is the reporter's, not the speaker's
    ('Michael Howard said Labour would put up taxes. Tony Blair denied it.', {}),
    # a closed quote does not go on into a paragraph that does not open with a mark
    ('Michael Howard said: "Labour will put up taxes."\n\nTony Blair denied the claim.', {}),
    # a closing mark the parser put at the start of the next paragraph ends the quote before it:
    # the paragraph is the reporter's, and its speaker ("Republicans said") is not the quote's
    ('The group AHIP said: "Removing those provisions will hurt patients."\n\nOn Capitol Hill, '
     'Republicans said the Supreme Court would rule against Labour.', {}),
    # a quoted sentence that names no other actor needs no speaker
    ('Michael Howard said: "Labour will put up taxes. It is wrong."', {}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_quote_speakers(text, expected):
    assert speakers(text) == expected


def test_the_model_reads_a_quoted_sentence_after_its_speakers_name():
    doc = pipeline()('Michael Howard said: "Labour will put up taxes. The Liberal Democrats are no better."')
    first, read = passages(doc)
    assert read.text == 'Michael Howard said: \u201cThe Liberal Democrats are no better."'
    assert {read.text[m.start:m.end]: m.how for m in read.mentions} == {
        "Liberal Democrats": "name", "Michael Howard": "speaker"}
    # it names its speaker: read as written
    assert first.text == list(doc.sents)[0].text


def test_the_speaker_of_a_quote_is_one_end_of_the_models_claims_on_it():
    nlp_both = pipeline("model")
    component = nlp_both.get_pipe("polgraph_model")
    model = component.model
    component.model = dataclasses.replace(model, thresholds={t: 0.0 for t in model.thresholds})  # every pair
    try:
        doc = nlp_both('Michael Howard said: "Labour will put up taxes. The Liberal Democrats are no better."')
    finally:
        component.model = model
    second = list(doc.sents)[1]
    names = [c.name for c in doc._.pg_clusters]
    on_second = {(names[a], names[b]) for a, _, b, start, _, _ in doc._.pg_model_claims if start == second.start_char}
    assert ("Michael Howard", "Liberal Democrats") in on_second


@pytest.mark.parametrize("text, pronoun_of", [
    # a person named inside the quote is what was said, not who said it
    ('Charles Kennedy spoke in Cardiff. "Labour has failed. Tony Blair was wrong," he said.', "Charles Kennedy"),
    # inside the quote, the person named there is the antecedent
    ('"Tony Blair knows he was wrong," said Charles Kennedy.', "Tony Blair"),
])
def test_a_pronoun_outside_a_quote_does_not_join_a_person_named_inside_it(text, pronoun_of):
    doc = pipeline()(text)
    [he] = [m for m in doc._.pg_mentions if m.how == "pronoun"]
    assert doc._.pg_clusters[he.cluster].name == pronoun_of
