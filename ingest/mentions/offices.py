"""Bare titles of one article: "the prime minister" joins the person who held that office.

An article seldom says that Tony Blair is the prime minister; its readers know, and the
guide's annotators link "the prime minister" to him ("The Tories accused the prime minister
and his chancellor of ..."). `ingest/data/offices/holders.yaml` lists who held the offices
whose bare title names a person, with their terms. The article's date is not read (a Doc
holds only text): the names fit an era instead. Each term of a named holder of a title the
article uses, or of a title the article gives a person ("Chancellor Gordon Brown"), is a
moment the article may be from; a moment scores one for each named holder of those titles then
in office, and one more for each title the article gives a person who then held it. A title
joins its person when every best moment gives it that one person: with Tony Blair and Gordon
Brown named, "the chancellor" and "the prime minister" fit 1997-2007 together (two in office);
"the prime minister" alone fits Blair's term and Brown's equally, and is left alone, unless
another title fixes the era ("Tory leader Michael Howard", 2003-05); "the chancellor" with
Gordon Brown and Gerhard Schröder named fits 1998-2005, when both held a chancellor's office,
and is left alone too. A person introduced as "former prime minister" or "shadow chancellor"
is no holder of that title here.
Only a person the article names can be joined: nothing here makes an entity or a relation.
"""
from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from spacy.tokens import Doc

from polgraph.core.errors import InputError
from polgraph.core.names import name_key
from polgraph.core.yamlfile import load_yaml

from ..lexicon import Lexicon

HOLDERS_FILE = resources.files("polgraph.ingest").joinpath("data/offices/holders.yaml")
_LONGEST_TITLE = 4  # tokens: "chancellor of the exchequer"


@dataclass(frozen=True)
class Term:
    """One spell of one person in one office."""
    office: str
    forms: frozenset[str]  # the `name_key`s of the full names an article may write
    surname: str  # the `name_key` of the surname
    start: datetime.date
    end: datetime.date  # date.max while in office

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day < self.end


@functools.cache
def packaged_terms() -> Mapping[str, tuple[Term, ...]]:
    """Title ("prime minister") -> the terms of every office with that title, read once per process."""
    source = f"office holders file {HOLDERS_FILE.name}"
    by_title: dict[str, list[Term]] = {}
    for entry in load_yaml(HOLDERS_FILE.read_text(encoding="utf-8"), source):
        for h in entry["holders"]:
            start, end = h["from"], h.get("to", datetime.date.max)
            if not isinstance(start, datetime.date) or not isinstance(end, datetime.date) or end <= start:
                raise InputError(f"{source}: {h['name']} in {entry['office']}: 'from' and 'to' must be "
                                 f"ISO dates, 'to' after 'from'")
            term = Term(entry["office"], frozenset(name_key(n) for n in [h["name"], *h.get("aliases", [])]),
                        name_key(h["name"].split()[-1]), start, end)
            for title in entry["titles"]:
                by_title.setdefault(title, []).append(term)
    return MappingProxyType({t: tuple(terms) for t, terms in by_title.items()})


def office_titles(lex: Lexicon, doc: Doc, clusters: list[dict], mentions: list[list]) -> list[list]:
    """The new ``[start, end, cluster, "definite"]`` mentions of bare titles ("the prime minister")."""
    terms = packaged_terms()
    covered = {i for m in mentions for i in range(m[0], m[1])}
    refs = _title_references(doc, terms, covered)
    if not refs:
        return []
    stated, excluded = _titles_given(lex, doc, clusters, mentions, terms)
    holders = _named_holders(clusters, mentions, terms, {t for t, _, _ in refs} | {t for _, t in stated})
    chosen = _fitting_era(holders, {t for t, _, _ in refs}, stated, excluded)
    return [[s, e, chosen[t], "definite"] for t, s, e in refs if t in chosen]


def _title_at(doc: Doc, start: int, terms: Mapping[str, tuple[Term, ...]]) -> tuple[str, int] | None:
    """The longest title ("chancellor of the exchequer" before "chancellor") that the tokens from
    `start` spell, and the end of its tokens."""
    for end in range(min(len(doc), start + _LONGEST_TITLE), start, -1):
        title = doc[start:end].text.lower()
        if title in terms:
            return title, end
    return None


def _title_references(doc: Doc, terms: Mapping[str, tuple[Term, ...]], covered: set[int]) -> list[tuple[str, int, int]]:
    """(title, start, end) of each "the <title>" that is not part of a name or another post:
    not "the prime minister Tony Blair", "the president of Ireland" or "the president-elect"."""
    out = []
    for tok in doc:
        found = _title_at(doc, tok.i + 1, terms) if tok.lower_ == "the" else None
        if found is None or found[1] - 1 in covered:
            continue
        title, end = found
        # the words a mention holds already ("Tory" of "the Tory leader") stay with it
        start = max((i + 1 for i in range(tok.i + 1, end) if i in covered), default=tok.i + 1)
        after = doc[end] if end < len(doc) else None
        if after is None or not (after.pos_ == "PROPN" or after.text in ("-", "–") or _of_a_place(doc, end)):
            out.append((title, start, end))
    return out


def _of_a_place(doc: Doc, i: int) -> bool:
    """"of Ireland", "of the United States" at `i`: another country's post, not "accused the
    chancellor of squabbling"."""
    if doc[i].lower_ != "of" or i + 1 >= len(doc):
        return False
    nxt = doc[i + 2] if doc[i + 1].lower_ == "the" and i + 2 < len(doc) else doc[i + 1]
    return nxt.pos_ == "PROPN"


def _titles_given(lex: Lexicon, doc: Doc, clusters: list[dict], mentions: list[list],
                  terms: Mapping[str, tuple[Term, ...]]) -> tuple[set[tuple[int, str]], set[tuple[int, str]]]:
    """(cluster, title) the article gives a person right before a name ("Chancellor Gordon Brown",
    "the prime minister, Tony Blair,") or right after it ("Tony Blair, the prime minister"), and
    those it gives qualified ("former prime minister John Major", "shadow chancellor Oliver Letwin")."""
    stated: set[tuple[int, str]] = set()
    excluded: set[tuple[int, str]] = set()
    for s, e, cl, how in mentions:
        if how != "name" or clusters[cl]["type"] != "Person":
            continue
        before = s - 1 if s > 0 and doc[s - 1].text == "," else s
        for start in range(max(0, before - _LONGEST_TITLE), before):
            title = doc[start:before].text.lower()
            if title in terms:
                qualifier = doc[start - 1].lower_ if start > 0 else ""
                if qualifier in ("-", "–") and start > 1:
                    qualifier = doc[start - 2].lower_  # "ex-chancellor"
                (excluded if qualifier in lex.role_qualifiers or qualifier == "ex" else stated).add((cl, title))
        after = _title_at(doc, e + 2, terms) if e + 2 < len(doc) and doc[e].text == "," and \
            doc[e + 1].lower_ == "the" else None
        if after is not None:
            stated.add((cl, after[0]))
    return stated - excluded, excluded


def _named_holders(clusters: list[dict], mentions: list[list], terms: Mapping[str, tuple[Term, ...]],
                   titles: set[str]) -> dict[str, list[tuple[int, Term]]]:
    """Title -> (cluster, term) for each named person of the article who held an office of that
    title: by a full name it is written with, or by the surname alone when that is all the
    article calls the person."""
    named = {m[2] for m in mentions if m[3] == "name" and clusters[m[2]]["type"] == "Person"}
    out: dict[str, list[tuple[int, Term]]] = {}
    for cl in named:
        forms = {name_key(n) for n in (clusters[cl]["name"], *clusters[cl]["aliases"])}
        lone = name_key(clusters[cl]["name"]) if len(clusters[cl]["name"].split()) == 1 else None
        for title in titles:
            for term in terms.get(title, ()):
                if forms & term.forms or lone == term.surname:
                    out.setdefault(title, []).append((cl, term))
    return out


def _fitting_era(holders: dict[str, list[tuple[int, Term]]], used: set[str], stated: set[tuple[int, str]],
                 excluded: set[tuple[int, str]]) -> dict[str, int]:
    """Title -> the one person it names at every moment that fits the article's names best: the
    moments when most of its named holders of the titles it uses or gives were in office."""
    best, choices = 0, []
    for day in {term.start for pairs in holders.values() for _, term in pairs}:
        serving, in_office = set(), set()
        for title, pairs in holders.items():
            for cl, term in pairs:
                if term.covers(day) and (cl, title) not in excluded:
                    serving.add((cl, title))
                    in_office.add((cl, term.office))
        score = len(in_office) + len(stated & serving)
        if score > best:
            best, choices = score, [serving]
        elif score == best:
            choices.append(serving)
    chosen = {}
    for title in used:
        who = [{cl for cl, t in serving if t == title} for serving in choices]
        if who and all(len(w) == 1 for w in who) and len(set.union(*who)) == 1:
            chosen[title] = next(iter(who[0]))
    return chosen
