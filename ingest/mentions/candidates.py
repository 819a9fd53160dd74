"""Candidate mentions of one article: `doc.ents` re-read as persons, groups and events.

NER's spans are cut where web copy ran them on (a line break, a bracket) and refused where
they hold no name (a handle, a photo credit), trimmed ("the", "'s"), re-labelled where NER is
known to err ("Mr Doe" tagged ORG, "Social Democrat leader" tagged NORP), extended over name
particles ("Ursula von der Leyen"), over party tails ("Alba" + "Party") and over the body a
name makes ("the Trump administration"); lower-case named bodies and events ("public
accounts committee", "general election") are added. Each candidate is a dict
``{"start", "end", "type", "name", "surface", "kb", "gender"}`` in token offsets; a group
matched by the gazetteer also has its ``kind``, read from the span (``span._.pg_kind``).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from polgraph.core.names import HONORIFICS, given_name_gender, honorific_gender

from ..contracts import STATE
from ..lexicon import Lexicon

_PARTY_ROLE_WORDS = {"leader", "mp", "mps", "candidate", "candidates", "councillor", "councillors", "member", "members",
                     "spokesman", "spokeswoman", "activist", "activists", "politician", "senator", "lawmaker",
                     "deputy", "mep", "meps", "voters", "supporters", "peer", "chairman", "co-leader"}
_PARTY_ADJ_WORDS = {"democrat", "democratic", "socialist", "liberal", "conservative", "republican", "green", "labour",
                    "labor", "nationalist", "unionist", "communist", "christian", "social", "independent", "left",
                    "progressive", "populist"}
_ORG_TAIL_WORDS = {"Party", "Alliance", "Union", "Movement", "Front", "Congress", "League", "Federation", "Coalition"}
_NAME_PARTICLES = {"von", "van", "der", "den", "de", "la", "le", "du", "di", "da", "del", "dos", "in", "'t", "’t",
                   "ter", "ten", "bin", "al", "el", "y", "ap", "ab"}
_PORTFOLIO_FOLLOWERS = {"secretary", "minister", "committee", "adviser", "advisor"}  # and the lexicon's brief roles
_EVENT_TITLE_HEADS = {"inquiry", "election", "elections", "referendum", "summit", "conference",
                      "review", "budget", "convention", "primary", "by-election"}
_SPAN_BREAKS = {"(", ")", "[", "]", "|", "•"}  # a token NER should not have run a name across
_NOT_IN_NAMES = set("@/()[]|")  # a character no name has: a handle, a credit, a glued tag
_EDGE_MARKS = {"-", "–", "—", '"', "“", "”", "‘", ":", ";", ","}  # NER's span ran on to: "David Kahn -", "— Mo Brooks"
_TRAILING_MARKS = {"'", "’", "'s", "’s", *_EDGE_MARKS}  # ... and a possessive: "Labour's"
# Two words glued, each of three letters or more ("BidenWhitmer", "RubioGOP"), once a
# surname's own capital is set aside ("McConnell", "MacArthur", "FitzGerald").
_GLUED = re.compile(r"[a-z]{3}[A-Z][A-Za-z]{2}")
_NAME_CAPS = re.compile(r"^(Mc|Mac|Fitz)")
# Tags of a verb or modal that NER ran on into a name ("Will Trump now reverse ...?", "Add Donald
# Trump as an interest", a video's "JUST WATCHED Obama"); a gerund may begin a body's name that
# NER took for a person ("Fostering Network executive director ...").
_VERB_TAGS = {"MD", "VB", "VBD", "VBN", "VBP", "VBZ"}
# A union tested per token below, built once here.
_PARTICLE_GAP = _NAME_PARTICLES | {"'", "’", "t"}


def candidates(lex: Lexicon, doc: Doc) -> list[dict]:
    """The persons, groups and events of the article in text order, none overlapping another."""
    out: list[dict] = []
    taken: set[int] = set()
    for ent in doc.ents:
        c = _from_ent(lex, doc, ent)
        if c and any(i in taken for i in range(c["start"], c["end"])):
            continue
        if c:
            if c["type"] == "Person" and out and out[-1]["type"] == "Person" and _join_across_particles(doc, out[-1], c):
                taken.update(range(out[-1]["start"], out[-1]["end"]))
                continue
            if c["type"] == "Person":
                _extend_over_particles(doc, c)
            c = _named_body(lex, doc, c)
            out.append(c)
            taken.update(range(c["start"], c["end"]))
    # Lower-case named bodies ("disciplinary committee") and events ("general election").
    for tok in doc:
        low = tok.lower_
        if tok.i in taken or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if low in lex.body_nouns or low in lex.event_nouns:
            c = _modified_np(lex, doc, tok, taken)
            if c:
                out.append(c)
                taken.update(range(c["start"], c["end"]))
    out.sort(key=lambda c: c["start"])
    return out


def _join_across_particles(doc: Doc, prev: dict, c: dict) -> bool:
    """"Ursula von der" + "Leyen", "Sophie" + "in 't" + "Veld": one name across particles (extends `prev`)."""
    gap = doc[prev["end"]:c["start"]]
    if 0 < len(gap) <= 3 and all(t.lower_ in _PARTICLE_GAP for t in gap) \
            and gap[0].lower_ in _NAME_PARTICLES:
        prev["end"] = c["end"]
        prev["name"] = doc[prev["name_start"]:c["end"]].text
        prev["surface"] = doc[prev["surface_start"]:c["end"]].text
        return True
    return False


def _extend_over_particles(doc: Doc, c: dict) -> None:
    """Trailing particles followed by a capitalised word NER left out: "Rhun" + "ap Iorwerth"."""
    e = c["end"]
    if e + 1 < len(doc) and doc[e].lower_ in _NAME_PARTICLES and doc[e].is_lower and doc[e + 1].is_title \
            and doc[e + 1].pos_ == "PROPN" and doc[e].lower_ not in ("in", "y", "de", "la", "le", "el", "al") \
            and doc[e + 1].ent_type_ in ("", "PERSON", "ORG"):
        c["end"] = e + 2
        c["name"] = doc[c["name_start"]:e + 2].text
        c["surface"] = doc[c["surface_start"]:e + 2].text
        e = c["end"]
    if doc[e - 1].lower_ in _NAME_PARTICLES and e < len(doc) and doc[e].is_title:
        c["end"] = e + 1
        c["name"] = doc[c["name_start"]:e + 1].text
        c["surface"] = doc[c["surface_start"]:e + 1].text


def _named_body(lex: Lexicon, doc: Doc, c: dict) -> dict:
    """A name that modifies "administration" or "campaign" as the body it names: "the Trump
    administration", "Sanders' campaign" (named "Sanders campaign"), with its kind, so that the
    actor head, which learned no such mention, does not retype it; any other candidate as it is."""
    if c["type"] == "Event" or c.get("kb"):
        return c
    noun = c["end"]
    if noun < len(doc) and doc[noun].tag_ == "POS":
        noun += 1  # "Sanders' campaign"
    if noun >= len(doc) or doc[noun].lower_ not in lex.person_bodies:
        return c
    last = doc[c["end"] - 1]  # its head is the noun, or both modify one ("a Trump campaign spokesman")
    if last.head.i != noun and not (doc[noun].dep_ == "compound" and last.head.i == doc[noun].head.i):
        return c
    name = f"{doc[c['start']:c['end']].text} {doc[noun].text}"
    return {"start": c["start"], "end": noun + 1, "type": "Group", "name": name,
            "surface": doc[c.get("surface_start", c["start"]):noun + 1].text, "kb": None, "gender": None,
            "kind": lex.person_bodies[doc[noun].lower_]}


def _from_ent(lex: Lexicon, doc: Doc, ent: Span) -> dict | None:
    """One NER or gazetteer span as a candidate, re-labelled where NER is known to err, or None."""
    label = ent.label_
    bounds = _unbroken(doc, ent.start, ent.end)
    if bounds is None:
        return None
    start, end = bounds
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in _TRAILING_MARKS):
        end -= 1
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].text in _EDGE_MARKS):
        start += 1
    if start >= end:
        return None
    kb = ent.kb_id_ or None
    if label == "ORG" and not kb and doc[start].lower_.rstrip(".") in HONORIFICS and end - start >= 2 \
            and doc[end - 1].is_title:
        label = "PERSON"  # "Mr Doe" tagged ORG
    if label == "NORP" and not kb and end < len(doc) and doc[end].lower_ in _PARTY_ROLE_WORDS and \
            doc[start].is_title and any(t.lower_.rstrip("s") in _PARTY_ADJ_WORDS for t in doc[start:end]):
        label = "ORG"  # "Social Democrat leader X": a party named by its adjective
    if label == "ORG" and not kb:
        label, start, end = _widen_org(lex, doc, start, end)
    if label == "ORG" and not kb:
        narrowed = _narrow_org(lex, doc, start, end)
        if narrowed is None:
            return None
        label, start, end = narrowed
    if label == "PERSON":
        return _person(lex, doc, start, end)
    if label == "ORG" and not kb and _not_a_body(lex, doc, start, end):
        return None
    if label == "ORG" or kb:
        return _group(lex, doc, label, kb, ent._.pg_kind if kb else "", start, end)
    if label == "EVENT":
        return {"start": start, "end": end, "type": "Event", "name": doc[start:end].text,
                "surface": doc[start:end].text, "kb": None, "gender": None}
    if label in ("PRODUCT", "WORK_OF_ART", "FAC") and _group_context(lex, doc, start, end):
        return {"start": start, "end": end, "type": "Group", "name": doc[start:end].text,
                "surface": doc[start:end].text, "kb": None, "gender": None}
    if label in ("NORP", "GPE"):
        return _state_body(lex, doc, start, end) or (_state(doc, start, end) if label == "GPE" else None)
    return None


def _state(doc: Doc, start: int, end: int) -> dict | None:
    """A country, state or city as a Group of kind STATE: an entity only where a claim has it
    as an end, as the guide counts one only where it acts ("Madrid is being represented by").
    None where it modifies a noun: "the Iowa caucuses", "the Russia investigation", "Florida
    Senator Marco Rubio" name other things."""
    if doc[end - 1].dep_ in ("compound", "amod", "nmod") and doc[end - 1].head.i >= end:
        return None
    return {"start": start, "end": end, "type": "Group", "name": doc[start:end].text,
            "surface": doc[start:end].text, "kb": None, "gender": None, "kind": STATE}


def _state_body(lex: Lexicon, doc: Doc, start: int, end: int) -> dict | None:
    """"the Chinese government", "the US government": the body of that state, a Group of that
    name with its kind (`state_bodies`), as annotators name it; None for a country or a people
    alone, and for a party's adjective ("the Labour government" is the article's government)."""
    if end >= len(doc) or doc[end].lower_ not in lex.state_bodies or doc[end - 1].head.i != end or \
            any(t.lower_.rstrip("s") in _PARTY_ADJ_WORDS for t in doc[start:end]):
        return None
    name = doc[start:end + 1].text
    return {"start": start, "end": end + 1, "type": "Group", "name": name, "surface": name, "kb": None,
            "gender": None, "kind": lex.state_bodies[doc[end].lower_]}


def _unbroken(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """A span cut at a line break or bracket inside it, where NER ran a name into the next
    line or a party tag of web copy ("Trump\n\nHow", "Erick] Erickson"); None for a handle,
    a photo credit or a tag glued to a word ("@thehill", "Pempel/Reuters", "Leader(R-Ky.")."""
    while start < end and _breaks_span(doc[start]):
        start += 1
    end = next((i for i in range(start, end) if _breaks_span(doc[i])), end)
    if start == end or any(ch in _NOT_IN_NAMES for t in doc[start:end] for ch in t.text):
        return None
    return start, end


def _breaks_span(tok: Token) -> bool:
    """A token no name runs across: a line break, a bracket, a bar."""
    return "\n" in tok.text or tok.text in _SPAN_BREAKS


def _widen_org(lex: Lexicon, doc: Doc, start: int, end: int) -> tuple[str, int, int]:
    """An ORG span grown to its whole name; "PERSON" when it is a person NER tagged ORG."""
    label = "ORG"
    # "Alba" + "Party", "Telugu" + "Desam Party", "GreenLeft" + "-Labour": the whole name
    while end < len(doc) and doc[end].text in _ORG_TAIL_WORDS:
        end += 1
    while end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].is_title and not doc[end + 1].ent_type_ == "PERSON":
        end += 2
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and not doc[start - 1].ent_type_ \
            and doc[start - 1].lower_ not in lex.role_or_title and doc[start - 1].lower_.rstrip(".") not in HONORIFICS \
            and doc[start - 1].lower_ not in lex.title_words:
        start -= 1
    # "Frans Timmermans, who stepped down": a person tagged ORG
    root = doc[start:end].root
    if 2 <= end - start <= 4 and all(t.is_title or t.text == "-" for t in doc[start:end]) and any(
            c.dep_ == "relcl" and any(x.lower_ == "who" for x in c.children) for c in root.children):
        label = "PERSON"
    return label, start, end


def _narrow_org(lex: Lexicon, doc: Doc, start: int, end: int) -> tuple[str, int, int] | None:
    """An ORG span without quantifiers, a former or acting post's word and trailing roles; None for
    a nationality adjective."""
    label = "ORG"
    # "Several Social Democratic Party", "Green MEP": drop quantifiers and trailing roles
    while start < end - 1 and doc[start].pos_ in ("DET", "ADJ", "NUM") and doc[start].is_sent_start:
        start += 1
    # before a name, a title too: "Facebook General Counsel Colin Stretch" is Facebook's ("Fathers 4
    # Justice" and "Trade and Industry Secretary X" keep their words)
    titled = end < len(doc) and doc[end].ent_type_ == "PERSON"
    # ... and the word that makes the post a former or acting one: "Acting Customs and Border
    # Protection Commissioner X" ("The Interim Committee met" keeps it)
    if titled or (end < len(doc) and lex.is_role(doc[end])):
        while start < end - 1 and doc[start].lower_ in lex.former_or_acting:
            start += 1
    while end - 1 > start and doc[end - 1].lower_ != "party" and (
            doc[end - 1].lower_ in lex.role_or_title or (titled and doc[end - 1].lower_ in lex.title_words)):
        end -= 1
    # "deputy Mathilde Panot" / "Yolanda Díaz, head of ...": a person tagged ORG
    prev = doc[start - 1] if start > 0 else None
    if end - start == 1 and doc[start].lower_ in lex.nationalities:
        return None  # "Reform UK's Welsh spokesman": an adjective, not a body
    if 2 <= end - start <= 4 and all(t.is_title and t.pos_ == "PROPN" for t in doc[start:end]) and (
            (prev is not None and (prev.lower_ in lex.person_roles or prev.lower_ in lex.stance_roles)) or
            any(c.dep_ == "appos" and c.lower_ in lex.person_roles for c in doc[start:end].root.children)):
        label = "PERSON"
    return label, start, end


def _person(lex: Lexicon, doc: Doc, start: int, end: int) -> dict | None:
    """A person candidate without leading roles, its honorific giving the gender; None if no name
    is left, or only title words ("Shadow" of "Conservative Shadow chancellor X")."""
    gender = None
    owner = next((i for i in range(start, end - 1) if doc[i].tag_ == "POS"), None)
    if owner is not None:  # "Facebook's Mark Zuckerberg": the person after the owner, named in full
        if end - owner <= 2 or given_name_gender(doc[owner + 1].text) is None:
            return None  # "Kate's Law", "Donald Trump's Travel Ban"
        start = owner + 1
    while start < end - 1 and doc[start].tag_ in _VERB_TAGS:
        start += 1  # "Will Trump now reverse roles?", "JUST WATCHED Obama": a verb NER ran on
    while start < end - 1 and (doc[start].lower_ in lex.name_prefixes or lex.plural_role(doc[start])) \
            and doc[start + 1].is_title:
        start += 1  # "Treasurer Lord Doe", "Chancellor Jane Roe", "MPs John Doe", "Lawyer Jane Roe"
    surface_start = start
    while start < end and doc[start].lower_.rstrip(".") in HONORIFICS:
        gender = gender or honorific_gender(doc[start].lower_)
        start += 1
    if start > 0 and surface_start == start and doc[start - 1].lower_ in HONORIFICS:
        gender = gender or honorific_gender(doc[start - 1].lower_)
        surface_start = start - 1
    if start >= end:
        return None
    toks = doc[start:end]
    if not any(t.is_alpha for t in toks) or any(t.like_num for t in toks) or _run_together(toks):
        return None
    if all(t.is_lower for t in toks) or toks[-1].lower_ in lex.all_roles or \
            all(t.lower_ in lex.title_words for t in toks) or \
            (len(toks) == 1 and toks[-1].lower_[:-1] in lex.all_roles and toks[-1].lower_.endswith("s")):
        return None
    return {"start": start, "end": end, "type": "Person", "name": toks.text,
            "surface": doc[surface_start:end].text, "kb": None, "gender": gender,
            "name_start": start, "surface_start": surface_start}


def _run_together(toks: Span) -> bool:
    """Names a page ran together, from a byline or a profile box ("Joe BidenWhitmer",
    "John TrumpTrump", "Joe Biden Biden"; a name of two words may repeat: "Abdullah Abdullah")."""
    words = [t.text for t in toks]
    return (len(words) > 2 and len(set(words)) < len(words)) or any(_GLUED.search(_NAME_CAPS.sub("", w)) for w in words)


def _not_a_body(lex: Lexicon, doc: Doc, start: int, end: int) -> bool:
    """An ORG span that names a portfolio ("Culture, Media and Sport Secretary") or a bare role."""
    if end < len(doc) and (doc[end].lower_ in _PORTFOLIO_FOLLOWERS or doc[end].lower_ in lex.brief_roles) \
            and doc[end].is_title and doc[end - 1].lower_ not in lex.body_nouns:
        return True
    return end - start == 1 and (_bare_role_org(lex, doc[start].lower_) or doc[start].lower_[:-1] in lex.all_roles)


def _bare_role_org(lex: Lexicon, low: str) -> bool:
    """A one-word ORG that is a title or role ("Chancellor"), or "State", "Chamber", "Party"
    ("Party leader Charles Kennedy": which party, the article says elsewhere)."""
    return low in lex.title_words or low in lex.all_roles or low in ("state", "chamber", "party")


def _group(lex: Lexicon, doc: Doc, label: str, kb: str | None, kind: str, start: int, end: int) -> dict | None:
    """A group (or titled event) candidate, named by its gazetteer canonical name and kind when it has them."""
    typ = "Event" if label == "EVENT" else "Group"
    if not kb and doc[end - 1].lower_ in _EVENT_TITLE_HEADS:
        typ = "Event"
    if kb:
        # Extend "Welsh Labour" + "Grassroots": a longer proper name around an alias, not into
        # a title ("Conservative Shadow Chancellor X" is the party's).
        j = end
        while (j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title and not doc[j].ent_type_
               and doc[j].lower_ not in lex.all_roles and doc[j].lower_ not in lex.title_words
               and not lex.plural_role(doc[j])
               and doc[j].lower_ not in lex.calendar_words
               and doc[j].lower_ not in HONORIFICS and doc[j].lower_ not in lex.event_nouns):
            j += 1
        if j > end and doc[end - 1].head.i in range(end, j):
            end, kb = j, None
    name = kb or doc[start:end].text
    if not kb and not any(ch.isalpha() for ch in name):
        return None
    return {"start": start, "end": end, "type": typ, "name": name,
            "surface": doc[start:end].text, "kb": kb, "gender": None, "kind": kind if kb else ""}


def _modified_np(lex: Lexicon, doc: Doc, head: Token, taken: set[int]) -> dict | None:
    """A lower-case body or event noun with its own modifiers: "public accounts committee"."""
    i = head.i
    j = i
    while j - 1 >= 0 and doc[j - 1].head.i >= j - 1 and doc[j - 1].dep_ in ("compound", "amod", "nummod") \
            and doc[j - 1].i not in taken and doc[j - 1].sent == head.sent:
        if doc[j - 1].lower_ in lex.generic_modifiers or doc[j - 1].tag_ == "POS":
            break
        j -= 1
    low = head.lower_
    if low in lex.body_nouns:
        if j == i and i > 0 and doc[i - 1].lower_ == "the":
            return _body_of_members(doc, head, taken)
        if j == i or doc[j].is_punct:
            return None
        name = doc[j:i + 1].text
        return {"start": j, "end": i + 1, "type": "Group", "name": name, "surface": name,
                "kb": None, "gender": None}
    # Events
    if low in lex.event_needs_name and not head.is_title:
        # "NEC elections" type events need a proper-noun or entity modifier.
        if not any(doc[k].pos_ == "PROPN" or k in taken for k in range(max(j, i - 3), i)):
            return None
    if j == i and not head.is_title:
        return None
    if j == i and head.is_sent_start:
        return None
    # Include an adjacent entity modifier ("NEC elections", "Labour elections").
    k = j
    while k - 1 >= 0 and k - 1 in taken and doc[k - 1].head.i == i:
        k -= 1
    if k < j:
        j = k
    span = doc[j:i + 1]
    if any(t.is_punct for t in span):
        return None
    return {"start": j, "end": i + 1, "type": "Event", "name": span.text, "surface": span.text,
            "kb": None, "gender": None, "overlap_ok": True}


def _body_of_members(doc: Doc, head: Token, taken: set[int]) -> dict | None:
    """"the panel of special advocates": a body named by the people it is made of."""
    k = head.i + 1
    if k >= len(doc) or doc[k].lower_ != "of":
        return None
    k += 1
    while k < len(doc) and doc[k].tag_ == "JJ" and k not in taken:
        k += 1
    if k >= len(doc) or doc[k].tag_ != "NNS" or k in taken or (k + 1 < len(doc) and doc[k + 1].pos_ == "NOUN"):
        return None
    name = doc[head.i:k + 1].text
    return {"start": head.i, "end": k + 1, "type": "Group", "name": name, "surface": name, "kb": None, "gender": None}



def _group_context(lex: Lexicon, doc: Doc, start: int, end: int) -> bool:
    """A PRODUCT-like name used as an organisation: "Unify members", "the Unify group"."""
    j = end
    if j < len(doc) and doc[j].tag_ == "POS":
        j += 1
    if j < len(doc) and doc[j].lower_ in lex.group_context:
        return True
    if start > 0 and doc[start - 1].lower_ in {"join", "joined", "joins", "quit", "left", "leave"}:
        return True
    return False
