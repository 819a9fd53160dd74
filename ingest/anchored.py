"""Names the small NER model missed, recovered from the role words around them.

News writes actors as "<body> <role> <name>": "Health Minister Carys Evans", "Lib Dem MSP
Iain Stewart", "Age Concern director general Margaret Ellison", "Lancashire Police chief
constable Paul Stephens". The role word is a reliable anchor where NER is not:

* two or three capitalised proper nouns right after a role or title word, none of them
  inside another entity (or only a trailing part of them inside a PERSON), are a person;
* a given name the project knows and a capitalised proper noun after it, where NER found
  nothing or a date, are a person ("Theresa May");
* capitalised words right before a leading role ("director general", "chief executive",
  "chairman", "chief constable") that is followed by a person are the body that person
  leads, when NER left them out.

`anchored_ents(lex, doc)` returns ``doc.ents`` with those spans added; it looks at each token a
bounded number of times, so it stays linear.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from polgraph.core.names import HONORIFICS, given_name_gender

from .lexicon import Lexicon

_CONNECTORS = {"the", "of", "and", "for", "&"}
_NOT_NAME_WORDS = {"party", "government", "opposition", "house", "commons", "lords"}


def _not_name(lex: Lexicon, low: str) -> bool:
    """A word that is no part of a name: a role, title, calendar word or one of `_NOT_NAME_WORDS`."""
    return low in _NOT_NAME_WORDS or low in lex.all_roles or low in lex.title_words or \
        low in lex.role_second_words or low in lex.calendar_words


def anchored_ents(lex: Lexicon, doc: Doc) -> tuple[Span, ...]:
    """``doc.ents`` plus persons after role words and bodies before leading roles that NER missed."""
    ents = list(doc.ents)
    ent_at = {i: e for e in ents for i in range(e.start, e.end)}
    added: list[Span] = []
    persons_at: set[int] = {e.start for e in ents if e.label_ == "PERSON"}
    for tok in doc:
        if tok.lower_.rstrip(".") in HONORIFICS and tok.is_title and tok.i + 1 < len(doc):
            e = ent_at.get(tok.i + 1)
            if e is not None and e.start == tok.i + 1 and e.end - e.start <= 2 and not e.kb_id_ and \
                    e.label_ in ("GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART") and \
                    all(t.is_title and t.pos_ == "PROPN" for t in e):
                added.append(Span(doc, e.start, e.end, label="PERSON"))  # "Mr Michaels" tagged as a place
                persons_at.add(e.start)
                continue
        if not lex.is_role(tok) and tok.lower_ not in lex.title_words:
            span = _given_and_surname(lex, doc, tok, ent_at)
            if span is not None:
                added.append(span)
                persons_at.add(span.start)
            continue
        span = _name_after(lex, doc, tok.i + 1, ent_at)
        if span is not None:
            added.append(span)
            persons_at.add(span.start)
    for tok in doc:
        if tok.lower_ not in lex.body_roles:
            continue
        end = tok.i + 1
        while end < len(doc) and (lex.is_role(doc[end]) or doc[end].lower_ in ("general", "executive")):
            end += 1
        if end not in persons_at and not (end < len(doc) and doc[end].lower_.rstrip(".") in HONORIFICS
                                          and end + 1 in persons_at):
            continue
        start = tok.i
        if start > 0 and doc[start - 1].lower_ == "chief":
            start -= 1  # "chief constable"
        body = _body_before(lex, doc, start, ent_at)
        if body is not None:
            added.append(body)
    if not added:
        return doc.ents
    kept = [e for e in ents if not any(a.start <= e.start and e.end <= a.end and e.label_ != "PERSON" or
                                       (a.start <= e.start < a.end and e.label_ == "PERSON") for a in added)]
    return tuple(filter_spans(kept + added))


def _name_after(lex: Lexicon, doc: Doc, j: int, ent_at: dict[int, Span]) -> Span | None:
    """"Minister Carys Evans": 2-3 capitalised proper nouns, NER having found none or only the surname."""
    k = j
    while k < len(doc) and k - j < 3 and doc[k].pos_ == "PROPN" and doc[k].is_title and doc[k].is_alpha \
            and not _not_name(lex, doc[k].lower_) and doc[k].lower_.rstrip(".") not in HONORIFICS:
        k += 1
    if k - j < 2 or (k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].is_title):
        return None
    inside = {ent_at[i] for i in range(j, k) if i in ent_at}
    if not inside:
        return Span(doc, j, k, label="PERSON")
    if len(inside) == 1:
        e = next(iter(inside))
        if e.label_ == "PERSON" and e.start > j and e.end == k:
            return Span(doc, j, k, label="PERSON")  # "MSP Iain" + "Stewart"
    return None


def _given_and_surname(lex: Lexicon, doc: Doc, tok: Token, ent_at: dict[int, Span]) -> Span | None:
    """"Theresa May": a given name the project knows and one capitalised proper noun, where NER
    found nothing or a date ("May"), and no other capitalised word runs on either side ("the
    Finance Bill Committee" is no person)."""
    if tok.i + 1 >= len(doc) or not tok.is_title or given_name_gender(tok.text) is None:
        return None
    sur = doc[tok.i + 1]
    before = doc[tok.i - 1] if tok.i > 0 else None
    after = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
    if not (sur.is_title and sur.is_alpha and sur.pos_ == "PROPN") or \
            any(t is not None and t.is_title and t.pos_ == "PROPN" for t in (before, after)) or \
            (_not_name(lex, sur.lower_) and sur.lower_ not in lex.calendar_words):
        return None
    if any(i in ent_at and ent_at[i].label_ != "DATE" for i in (tok.i, sur.i)):
        return None
    return Span(doc, tok.i, tok.i + 2, label="PERSON")


def _body_before(lex: Lexicon, doc: Doc, end: int, ent_at: dict[int, Span]) -> Span | None:
    """"Age Concern" in "Age Concern director general X": capitalised words no entity covers."""
    start = end
    while start > 0:
        t = doc[start - 1]
        if t.sent != doc[end].sent:
            break
        if start - 1 in ent_at:
            e = ent_at[start - 1]
            if start < end and e.end == start and e.label_ in ("GPE", "LOC", "NORP", "ORG") and not e.kb_id_:
                start = e.start  # "Lancashire" + "Police", "Fair Trials" + "Abroad"
                continue
            break
        if (t.is_title or (t.is_upper and len(t) > 1)) and t.pos_ == "PROPN" and t.is_alpha:
            start -= 1
        elif t.lower_ in _CONNECTORS and start < end and start - 2 >= 0 and doc[start - 2].is_title \
                and start - 2 not in ent_at:
            start -= 1
        else:
            break
    while start < end and doc[start].lower_ in _CONNECTORS:
        start += 1
    toks = doc[start:end]
    if not toks or any(_not_name(lex, t.lower_) for t in toks) or all(t.lower_ in lex.nationalities for t in toks):
        return None  # "Shadow Health Secretary": a title, not a body; "Welsh": an adjective
    if len(toks) == 1 and not toks[0].is_upper and toks[0].lower_ not in lex.body_head_words:
        return None  # "Humberside chief X": a place standing for its police force
    if any(t.ent_type_ == "PERSON" for t in toks):
        return None
    return Span(doc, start, end, label="ORG")
