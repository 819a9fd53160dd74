"""Pronouns of one article: he/she/his/her join the person the clause before is about.

A pronoun joins the subject of its sentence, else the one person named earlier in it, else the
speaker of the sentence before ('"...," he said'): its subject, or the agent of a passive
without a person as its subject ('The report was welcomed by David Willetts. "...," he
said'), but no one where two persons are coordinated as its subject ("Tony Blair and Gordon
Brown visited Leeds. He ..."). A person named inside quotation marks is neither a subject
nor an antecedent for a pronoun outside them ('"Tony Blair was wrong," he said'), and a
sentence all in quotes goes on with the speaker before it; a person of unknown gender is
only chosen when no other person has been named, and a known gender (by title, else by
given name: "Jane Roe" is no "he") must agree with the pronoun.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from polgraph.core.names import PRONOUN_GENDER
from polgraph.core.resolution_rules import form_gender

from ..lexicon import Lexicon
from .quotes import QUOTES

_CLAUSES = ("ROOT", "ccomp", "conj", "relcl")  # the heads of clauses whose subject a pronoun goes on with


def pronouns(lex: Lexicon, doc: Doc, clusters: list[dict], mentions: list[list], quoted: list[bool]) -> list[list]:
    """The new ``[start, end, cluster, "pronoun"]`` mentions, in text order; `quoted`: per token,
    whether it is inside quotation marks (`quotes.open_after`)."""
    tok2cl: dict[int, int] = {}
    for s, e, cl, _ in mentions:
        for i in range(s, e):
            tok2cl[i] = cl
    genders = [c["gender"] or (form_gender(c["name"]) if c["type"] == "Person" else None) for c in clusters]
    out = []
    last_subject: int | None = None
    last_sent_no = -10
    persons_seen: set[int] = set()
    for sent_no, sent in enumerate(doc.sents):
        subjects_here: list[int] = []
        co_subjects: set[int] = set()  # "Tony Blair and Gordon Brown": Brown
        agents_here: set[int] = set()  # "welcomed by David Willetts": the subject when there is none
        for tok in sent:
            low = tok.lower_
            if tok.i in tok2cl:
                cl = tok2cl[tok.i]
                if clusters[cl]["type"] == "Person":
                    persons_seen.add(cl)
                role = _clause_role(tok) if clusters[cl]["type"] == "Person" and not quoted[tok.i] else None
                if role == "subject" and cl not in subjects_here:
                    subjects_here.append(cl)
                elif role == "co-subject":  # no antecedent of its own, but "he" after it is neither
                    co_subjects.add(cl)
                elif role == "agent":
                    agents_here.add(cl)
                continue
            if low in PRONOUN_GENDER and tok.pos_ == "PRON":
                g = PRONOUN_GENDER[low]
                cand = None
                # a person named inside a quote is no antecedent for a pronoun outside it:
                # '"Tony Blair was wrong," he said'
                earlier = {tok2cl[j] for j in range(sent.start, tok.i) if j in tok2cl
                           and clusters[tok2cl[j]]["type"] == "Person" and quoted[j] <= quoted[tok.i]}
                # '"...," he said' / 'She said: "..."': the speaker of the sentence before goes on
                chain = tok.dep_ == "nsubj" and tok.head.lemma_.lower() in lex.speech_verbs and \
                    last_subject is not None and sent_no - last_sent_no == 1 and \
                    (tok.i == sent.start or any(t.text in QUOTES for t in doc[sent.start:tok.i]))
                if chain:
                    cand = last_subject
                elif subjects_here:
                    cand = subjects_here[-1]
                elif len(earlier) == 1:
                    # "the junior partner in X's coalition welcomed his stance",
                    # "Labour suspended X after he voted ..."
                    cand = next(iter(earlier))
                elif last_subject is not None and sent_no - last_sent_no <= 2:
                    cand = last_subject
                if cand is not None and genders[cand] is None and len(persons_seen) > 1 and not chain \
                        and earlier != {cand}:  # the one person named earlier in the sentence is safe
                    cand = None  # unknown gender and several persons so far: do not guess
                if cand is not None and genders[cand] in (None, g):
                    out.append([tok.i, tok.i + 1, cand, "pronoun"])
                    tok2cl[tok.i] = cand
                    if tok.dep_ in ("nsubj", "nsubjpass") and cand not in subjects_here:
                        subjects_here.append(cand)
        if not subjects_here and len(agents_here) == 1:
            subjects_here = list(agents_here)
        persons = set(subjects_here) | co_subjects
        if len(persons) == 1:
            last_subject, last_sent_no = next(iter(persons)), sent_no
        elif len(persons) > 1:
            last_subject = None
        elif _all_quoted(sent, quoted):
            last_sent_no = sent_no  # 'Mr Brown said: "..." "..." He said ...': the quote is still his turn
    return out


def _clause_role(tok: Token) -> str | None:
    """What `tok` is in a clause a pronoun can go on from: its "subject", a "co-subject"
    coordinated with it ("Tony Blair and Gordon Brown visited Leeds": Brown), or the "agent" of
    a passive, alone or coordinated ("welcomed by David Willetts"); else None."""
    first = tok
    while first.dep_ == "conj":  # a conjunct's head is the word before it in the coordination
        first = first.head
    if first.dep_ in ("nsubj", "nsubjpass") and first.head.dep_ in _CLAUSES:
        return "subject" if first.i == tok.i else "co-subject"
    if first.dep_ == "pobj" and first.head.dep_ == "agent" and first.head.head.dep_ in _CLAUSES:
        return "agent"
    return None


def _all_quoted(sent: Span, quoted: list[bool]) -> bool:
    """Every word of `sent` is inside quotation marks: a quote going on, no new subject."""
    words = [t for t in sent if not (t.is_space or t.is_punct)]
    return bool(words) and all(quoted[t.i] for t in words)
