"""Sentences to model inputs: the passage of each sentence (its text, candidate mentions and
pairs), and wordpieces with every mention wrapped in markers.

Shared by training (`training/dataset.py`) and the run-time component, so both see exactly
the same candidates and the same input.
Each mention is wrapped as ``[E] ... [/E]`` (the BERT vocabulary's spare ``[unused1]`` and
``[unused2]``, inserted as ids, not text, so no tokenizer change is needed); a mention's
vector is the encoder's output at its ``[E]``. One pass over the sentence serves every
pair of its mentions.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Sequence

import numpy as np
from spacy.tokens import Doc, Span
from tokenizers import Tokenizer

from polgraph.ingest.mentions.quotes import OPENING, QUOTES

OPEN, CLOSE = 2, 3  # [unused1], [unused2] in the uncased BERT vocabulary
CLS, SEP = 101, 102
MAX_TOKENS = 160  # wordpieces with markers; a mention starting past it is dropped
#: the mentions whose marker the actor head judges: names, acronyms and the definite descriptions
#: that stand for an actor ("the government" of a US article is rarely one, of a British one
#: mostly); a pronoun or a speaker's name put before a quote says nothing new of its actor
JUDGED = frozenset({"name", "acronym", "definite"})


@dataclass(frozen=True)
class Mention:
    """One mention of an actor in a passage: character offsets in its text, its cluster, how found."""

    start: int
    end: int
    cluster: int
    how: str  # name, acronym, pronoun, definite (polgraph_mentions), or speaker (named in another sentence)


@dataclass(frozen=True)
class Passage:
    """What the model reads for one sentence: its text, its mentions (names first, then by
    position; character offsets in `text`) and the ordered pairs of mentions to classify (each
    cluster by its first name, else its first mention). `start`, `end`: the sentence's character
    offsets in the document, the evidence of the claims read from it. A sentence of quoted
    speech whose speaker another sentence names (``doc._.pg_speakers``) is read after that name,
    'Michael Howard said: "..."', so the speaker is one of its actors."""

    start: int
    end: int
    text: str
    mentions: list[Mention]
    pairs: list[tuple[int, int]]


SAID = " said: "


def passages(doc: Doc) -> Iterator[Passage]:
    """The passage of each sentence of `doc` with a mention, in one walk over its mentions
    (``doc._.pg_mentions`` is in token order)."""
    spans, speakers = doc._.pg_mentions, doc._.pg_speakers or {}
    starts = [m.start for m in spans]
    for sent in doc.sents:
        here = spans[bisect_left(starts, sent.start): bisect_left(starts, sent.end)]
        if here:
            yield _passage(doc, sent, here, speakers.get(sent.start))


def _passage(doc: Doc, sent: Span, spans: list, speaker: int | None) -> Passage:
    prefix = ""
    if speaker is not None:
        name = doc._.pg_clusters[speaker].name
        opens = next((t.text for t in sent if not t.is_space), "") in QUOTES
        prefix = name + SAID + ("" if opens else OPENING)
    shift = len(prefix) - sent.start_char
    mentions = [Mention(doc[m.start].idx + shift, doc[m.end - 1].idx + len(doc[m.end - 1]) + shift, m.cluster, m.how)
                for m in sorted(spans, key=lambda m: (m.how != "name", m.start))]
    if speaker is not None:
        mentions.append(Mention(0, len(name), speaker, "speaker"))
    first: dict[int, int] = {}
    for i, m in enumerate(mentions):
        first.setdefault(m.cluster, i)
    return Passage(sent.start_char, sent.end_char, prefix + sent.text, mentions,
                   [(first[a], first[b]) for a in first for b in first if a != b])


@dataclass
class Encoded:
    ids: list[int]
    marks: list[int | None]  # per mention: index of its [E] in ids, None when cut off


def load_tokenizer(path: str) -> Tokenizer:
    tok = Tokenizer.from_file(path)
    tok.no_padding()
    tok.no_truncation()
    return tok


def encode(tok: Tokenizer, text: str, spans: list[tuple[int, int]]) -> Encoded:
    """`text` with each character span of `spans` marked; `marks` in the order of `spans`."""
    enc = tok.encode(text, add_special_tokens=False)
    starts: dict[int, list[int]] = {}
    ends: dict[int, int] = {}
    for m, (s, e) in enumerate(spans):
        first = next((i for i, (a, b) in enumerate(enc.offsets) if b > s), None)
        last = max((i for i, (a, b) in enumerate(enc.offsets) if a < e), default=None)
        if first is None or last is None or last < first:
            continue
        starts.setdefault(first, []).append(m)
        ends[last] = ends.get(last, 0) + 1
    ids, marks = [CLS], [None] * len(spans)
    for i, wid in enumerate(enc.ids):
        for m in starts.get(i, ()):
            marks[m] = len(ids)
            ids.append(OPEN)
        ids.append(wid)
        ids.extend([CLOSE] * ends.get(i, 0))
    if len(ids) >= MAX_TOKENS:
        ids = ids[: MAX_TOKENS - 1]
        marks = [m if m is not None and m < len(ids) else None for m in marks]
    ids.append(SEP)
    return Encoded(ids, marks)


@dataclass
class Layout:
    """A batch of encoded sentences as the model takes it: padded ids and mask, one row per
    marked mention (`rows`: its sentence, `cols`: its [E] position) and one per pair of marked
    mentions (`pair_a`, `pair_b`: their mention rows). `mentions` and `pairs` say which
    (sentence, mention) and (sentence, mention a, mention b) each row stands for."""

    ids: np.ndarray
    mask: np.ndarray
    rows: list[int] = field(default_factory=list)
    cols: list[int] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    pair_a: list[int] = field(default_factory=list)
    pair_b: list[int] = field(default_factory=list)
    pairs: list[tuple[int, int, int]] = field(default_factory=list)


def layout(encoded: Sequence[Encoded], pairs: Sequence[Iterable[tuple[int, int]]]) -> Layout:
    """Lay out sentences and, per sentence, the (mention, mention) pairs wanted; a pair with a
    mention cut off by the length limit is left out. Shared by training and the component, so
    both feed the model alike."""
    width = max(len(e.ids) for e in encoded)
    ids = np.zeros((len(encoded), width), dtype=np.int64)
    out = Layout(ids, np.zeros_like(ids))
    for r, (enc, wanted) in enumerate(zip(encoded, pairs)):
        ids[r, : len(enc.ids)] = enc.ids
        out.mask[r, : len(enc.ids)] = 1
        index: dict[int, int] = {}
        for j, mark in enumerate(enc.marks):
            if mark is not None:
                index[j] = len(out.rows)
                out.rows.append(r)
                out.cols.append(mark)
                out.mentions.append((r, j))
        for a, b in wanted:
            if a in index and b in index:
                out.pair_a.append(index[a])
                out.pair_b.append(index[b])
                out.pairs.append((r, a, b))
    return out
