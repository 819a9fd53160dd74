"""Who speaks a sentence of quoted speech that does not name its speaker.

'Mr Howard said: "Labour will put up taxes. We will not."' - the second sentence is Mr
Howard's, though only the first names him. So are "Labour will put up taxes" in
'"Labour will put up taxes. We will not," he said.' and a quote that goes on in the next
paragraph or the next sentence ('"...," he said. "..."'). The relation model reads such a
sentence with its speaker (`learned.inputs`), so "Howard criticises Labour" has both ends.

A sentence's own speaker is an actor that is the subject of a speech verb outside the
quotation marks. A quoted sentence without one takes the speaker of the sentence before
when the quote goes on from it (or opens the sentence right after a quoted, attributed
one), else of the sentence after when the quote goes on into it. Quotes do not run across a
paragraph break unless the next paragraph opens with a quotation mark, as reporters write it.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..lexicon import Lexicon

OPENING, CLOSING, STRAIGHT = "“", "”", '"'
QUOTES = frozenset((OPENING, CLOSING, STRAIGHT))


@dataclass
class _Sentence:
    start: int  # first token
    opens_inside: bool  # a quote opened earlier goes on at its start
    closes_inside: bool  # ... is still open at its end
    opens_with_quote: bool
    quoted: bool  # holds quoted words
    speaker: int | None  # its own speaker's cluster
    named: set[int]  # clusters mentioned in it


def quote_speakers(lex: Lexicon, doc: Doc, clusters: list[dict], mentions: list[list],
                   inside: list[bool]) -> dict[int, int]:
    """{first token of a quoted sentence: its speaker's cluster}, for the quoted sentences that
    mention other actors but not their speaker, whose speaker a sentence next to them names.
    `inside`: `open_after(doc)`."""
    sents = _sentences(lex, doc, clusters, mentions, inside)
    said: list[int | None] = [s.speaker for s in sents]
    for i, s in enumerate(sents[1:], 1):  # the quote goes on from the sentence before
        before = sents[i - 1]
        goes_on = s.opens_inside or (s.opens_with_quote and before.quoted)
        if said[i] is None and s.quoted and goes_on and said[i - 1] is not None:
            said[i] = said[i - 1]
    for i in range(len(sents) - 2, -1, -1):  # ... or into the sentence after, which names it
        s = sents[i]
        if said[i] is None and s.quoted and s.closes_inside and said[i + 1] is not None:
            said[i] = said[i + 1]
    return {s.start: said[i] for i, s in enumerate(sents)
            if said[i] is not None and s.speaker is None and s.named and said[i] not in s.named}


def open_after(doc: Doc) -> list[bool]:
    """Per token, whether a quotation is open after it: inside a quote for a word, the state
    it leaves for a quotation mark. A paragraph break closes any quote."""
    out = []
    inside = False
    for tok in doc:
        if tok.text in QUOTES:
            inside = tok.text == OPENING or (tok.text == STRAIGHT and not inside)
        if "\n" in tok.text or "\n" in tok.whitespace_:
            inside = False  # a quote going on in the next paragraph opens again with a mark
        out.append(inside)
    return out


def _sentences(lex: Lexicon, doc: Doc, clusters: list[dict], mentions: list[list],
               inside: list[bool]) -> list[_Sentence]:
    """Each sentence's quotation state and own speaker."""
    tok2cl = {i: cl for s, e, cl, _ in mentions for i in range(s, e)}
    sents = list(doc.sents)
    begins = [_begin(doc, sent, inside) for sent in sents] + [len(doc)]
    out: list[_Sentence] = []
    for k, sent in enumerate(sents):
        begin = begins[k]
        words = [t for t in doc[begin: sent.end] if not t.is_space]
        before = begin > 0 and inside[begin - 1]
        row = _Sentence(sent.start, before, inside[begins[k + 1] - 1],
                        bool(words) and words[0].text in (OPENING, STRAIGHT),
                        before or any(t.text in QUOTES for t in doc[begin: begins[k + 1]]), None, set())
        for tok in sent:
            cl = tok2cl.get(tok.i)
            if cl is None:
                continue
            row.named.add(cl)
            if not inside[tok.i] and row.speaker is None and clusters[cl]["type"] in ("Person", "Group") and \
                    tok.dep_ == "nsubj" and tok.head.lemma_.lower() in lex.speech_verbs:
                row.speaker = cl
        out.append(row)
    return out


def _begin(doc: Doc, sent: Span, inside: list[bool]) -> int:
    """Where `sent`'s own words begin: past a closing quotation mark (and the paragraph break
    after it) that the parser put at its start, which ends the quote of the sentence before:
    'AHIP said: "... patients.' + '"\n\nOn Capitol Hill, ...'."""
    i = sent.start
    while i < sent.end and (doc[i].is_space or (doc[i].text in QUOTES and i > 0 and inside[i - 1] and not inside[i])):
        i += 1
    return i if i < sent.end else sent.start
