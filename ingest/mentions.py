"""Within-article mention detection and linking: the `polgraph_mentions` component.

Reads ``doc.ents`` (after the gazetteer) and writes two plain-data extensions:

* ``doc._.pg_clusters``: one dict per actor of the article,
  ``{"name", "type", "aliases", "gender", "kind"}`` (aliases = surface forms used);
* ``doc._.pg_mentions``: ``[start, end, cluster, how]`` token spans, ``how`` one of
  ``name``, ``acronym``, ``pronoun``, ``definite``.

Linking rules (all within one article): persons are clustered by full name; a lone
surname, "Mr/Ms/Sir Surname" or "Sir Firstname" joins the full name it matches when
exactly one does; two different full names never merge. Groups are clustered by
gazetteer canonical name, else by normalised text; acronyms defined in the text
("Equal Opportunities Commission (EOC)") and initialisms of a group named in full
join it. Pronouns (he/she/his/her) join the subject of the clause before them when that
subject is one unambiguous person of compatible gender; "the party" joins the only
party of the article. All passes are linear in the number of tokens and mentions.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .lexicon import (
    ALL_ROLES, BODY_NOUNS, EVENT_NEEDS_NAME, EVENT_NOUNS, FEMALE_HONORIFICS,
    GENERIC_MODIFIERS, GROUP_CONTEXT, HONORIFICS, MALE_HONORIFICS, PARTY_KINDS,
)
from .model import name_key

for _name in ("pg_clusters", "pg_mentions", "pg_relations"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "monday", "tuesday", "wednesday",
           "thursday", "friday", "saturday", "sunday"}
_STOP_INITIALS = {"of", "the", "for", "and", "&", "on", "in", "to"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}
_EVENT_TITLE_HEADS = {"inquiry", "election", "elections", "referendum", "summit", "conference",
                      "review", "budget", "convention", "primary", "by-election"}


@Language.factory("polgraph_mentions", default_config={"resolve_pronouns": True})
def make_mentions(nlp: Language, name: str, resolve_pronouns: bool) -> "MentionsComponent":
    return MentionsComponent(nlp, resolve_pronouns)


class MentionsComponent:
    def __init__(self, nlp: Language, resolve_pronouns: bool = True):
        self.nlp = nlp
        self.resolve_pronouns = resolve_pronouns
        self._kinds: dict[str, str] | None = None

    def kinds(self) -> dict[str, str]:
        if self._kinds is None:
            self._kinds = {}
            if "polgraph_gazetteer" in self.nlp.pipe_names:
                self._kinds = dict(self.nlp.get_pipe("polgraph_gazetteer").kind)
        return self._kinds

    # ------------------------------------------------------------------ candidates
    def candidates(self, doc: Doc) -> list[dict]:
        out = []
        taken = set()
        for ent in doc.ents:
            c = self._from_ent(doc, ent)
            if c:
                out.append(c)
                taken.update(range(c["start"], c["end"]))
        # Lower-case named bodies ("disciplinary committee") and events ("general election").
        for tok in doc:
            low = tok.lower_
            if tok.i in taken or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            if low in BODY_NOUNS or low in EVENT_NOUNS:
                c = self._modified_np(doc, tok, taken)
                if c:
                    out.append(c)
                    taken.update(range(c["start"], c["end"]))
        out.sort(key=lambda c: c["start"])
        return out

    def _from_ent(self, doc: Doc, ent) -> dict | None:
        label = ent.label_
        start, end = ent.start, ent.end
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in {"'", "’", "'s", "’s"}):
            end -= 1
        while start < end and doc[start].lower_ in {"the", "a", "an"}:
            start += 1
        if start >= end:
            return None
        kb = ent.kb_id_ or None
        if label == "PERSON":
            gender = None
            surface_start = start
            while start < end and doc[start].lower_.rstrip(".") in HONORIFICS | {"prof", "professor"}:
                gender = gender or _gender(doc[start].lower_)
                start += 1
            if start > 0 and surface_start == start and doc[start - 1].lower_ in HONORIFICS:
                gender = gender or _gender(doc[start - 1].lower_)
                surface_start = start - 1
            if start >= end:
                return None
            toks = doc[start:end]
            if not any(t.is_alpha for t in toks) or any(t.like_num for t in toks):
                return None
            if all(t.is_lower for t in toks) or toks[-1].lower_ in ALL_ROLES:
                return None
            return {"start": start, "end": end, "type": "Person", "name": toks.text,
                    "surface": doc[surface_start:end].text, "kb": None, "gender": gender}
        if label == "ORG" or kb:
            typ = "Event" if label == "EVENT" else "Group"
            if not kb and doc[end - 1].lower_ in _EVENT_TITLE_HEADS:
                typ = "Event"
            if kb:
                # Extend "Welsh Labour" + "Grassroots": a longer proper name around an alias.
                j = end
                while (j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title and not doc[j].ent_type_
                       and doc[j].lower_ not in ALL_ROLES and doc[j].lower_ not in _MONTHS
                       and doc[j].lower_ not in HONORIFICS and doc[j].lower_ not in EVENT_NOUNS):
                    j += 1
                if j > end and doc[end - 1].head.i in range(end, j):
                    end, kb = j, None
            name = kb or doc[start:end].text
            if not kb and not any(ch.isalpha() for ch in name):
                return None
            return {"start": start, "end": end, "type": typ, "name": name,
                    "surface": doc[start:end].text, "kb": kb, "gender": None}
        if label == "EVENT":
            return {"start": start, "end": end, "type": "Event", "name": doc[start:end].text,
                    "surface": doc[start:end].text, "kb": None, "gender": None}
        if label in ("PRODUCT", "WORK_OF_ART", "FAC") and _group_context(doc, start, end):
            return {"start": start, "end": end, "type": "Group", "name": doc[start:end].text,
                    "surface": doc[start:end].text, "kb": None, "gender": None}
        return None

    def _modified_np(self, doc: Doc, head, taken: set[int]) -> dict | None:
        """A lower-case body or event noun with its own modifiers: "public accounts committee"."""
        i = head.i
        j = i
        while j - 1 >= 0 and doc[j - 1].head.i >= j - 1 and doc[j - 1].dep_ in ("compound", "amod", "nummod") \
                and doc[j - 1].i not in taken and doc[j - 1].sent == head.sent:
            if doc[j - 1].lower_ in GENERIC_MODIFIERS or doc[j - 1].tag_ == "POS":
                break
            j -= 1
        low = head.lower_
        if low in BODY_NOUNS:
            if j == i or doc[j].is_punct:
                return None
            name = doc[j:i + 1].text
            return {"start": j, "end": i + 1, "type": "Group", "name": name, "surface": name,
                    "kb": None, "gender": None}
        # Events
        if low in EVENT_NEEDS_NAME and not head.is_title:
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

    # ------------------------------------------------------------------ clustering
    def __call__(self, doc: Doc) -> Doc:
        cands = self.candidates(doc)
        clusters: list[dict] = []
        mentions: list[list] = []
        index: dict[tuple[str, str], int] = {}
        kinds = self.kinds()

        def new_cluster(c: dict, key: tuple[str, str]) -> int:
            clusters.append({"name": c["name"], "type": c["type"], "aliases": [], "gender": c.get("gender"),
                             "kind": kinds.get(c["kb"] or "", "")})
            index[key] = len(clusters) - 1
            return index[key]

        def add(c: dict, cl: int, how: str = "name") -> None:
            mentions.append([c["start"], c["end"], cl, how])
            al = clusters[cl]["aliases"]
            for s in (c["surface"], c["name"]):
                if s not in al:
                    al.append(s)
            if c.get("gender") and not clusters[cl]["gender"]:
                clusters[cl]["gender"] = c["gender"]

        persons = [c for c in cands if c["type"] == "Person"]
        # Full names first (the headline may use a surname before the full name appears).
        full = [c for c in persons if len(c["name"].split()) >= 2]
        short = [c for c in persons if len(c["name"].split()) < 2]
        surnames: dict[str, set[int]] = {}
        firsts: dict[str, set[int]] = {}
        for c in full:
            key = ("Person", name_key(c["name"]))
            cl = index.get(key)
            if cl is None:
                cl = new_cluster(c, key)
            if len(c["name"]) > len(clusters[cl]["name"]):
                clusters[cl]["name"] = c["name"]
            add(c, cl)
            parts = name_key(c["name"]).split()
            surnames.setdefault(parts[-1], set()).add(cl)
            firsts.setdefault(parts[0], set()).add(cl)
        for c in short:
            k = name_key(c["name"])
            cl = None
            if len(surnames.get(k, ())) == 1:
                cl = next(iter(surnames[k]))
            elif k not in surnames and len(firsts.get(k, ())) == 1:
                cl = next(iter(firsts[k]))
            if cl is None:
                key = ("Person", k)
                cl = index.get(key)
                if cl is None:
                    cl = new_cluster(c, key)
            add(c, cl)

        # Groups and events.
        acronyms: dict[str, int] = {}
        pending_acr = []
        for c in cands:
            if c["type"] == "Person":
                continue
            key = (c["type"], c["kb"] or name_key(c["name"]))
            cl = index.get(key)
            text = doc[c["start"]:c["end"]].text
            if cl is None and c["type"] == "Group" and text.isupper() and len(text) <= 6:
                pending_acr.append(c)
                continue
            if cl is None:
                cl = new_cluster(c, key)
            add(c, cl)
            # "Equal Opportunities Commission (EOC)"
            e = c["end"]
            if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")" and doc[e + 1].is_upper \
                    and 2 <= len(doc[e + 1].text) <= 8:
                acronyms[doc[e + 1].text] = cl
        for c in pending_acr:
            text = doc[c["start"]:c["end"]].text
            cl = acronyms.get(text)
            if cl is None:
                hits = [i for i, k in enumerate(clusters) if k["type"] == "Group" and _initials(k["name"]) == text]
                if len(hits) == 1:
                    cl = hits[0]
            if cl is None:
                key = ("Group", name_key(c["name"]))
                cl = index.get(key)
                if cl is None:
                    cl = new_cluster(c, key)
            add(c, cl)
        if acronyms:
            covered = {i for m in mentions for i in range(m[0], m[1])}
            for tok in doc:
                if tok.text in acronyms and tok.i not in covered:
                    mentions.append([tok.i, tok.i + 1, acronyms[tok.text], "acronym"])
                    if tok.text not in clusters[acronyms[tok.text]]["aliases"]:
                        clusters[acronyms[tok.text]]["aliases"].append(tok.text)

        if self.resolve_pronouns:
            mentions.extend(self._pronouns(doc, clusters, mentions))
        mentions.sort(key=lambda m: m[0])
        doc._.pg_clusters = clusters
        doc._.pg_mentions = mentions
        return doc

    def _pronouns(self, doc: Doc, clusters: list[dict], mentions: list[list]) -> list[list]:
        tok2cl: dict[int, int] = {}
        for s, e, cl, _ in mentions:
            for i in range(s, e):
                tok2cl[i] = cl
        parties = {i for i, c in enumerate(clusters) if c["kind"] in PARTY_KINDS}
        out = []
        last_subject: int | None = None
        last_sent_no = -10
        for sent_no, sent in enumerate(doc.sents):
            subjects_here: list[int] = []
            for tok in sent:
                low = tok.lower_
                if tok.i in tok2cl:
                    cl = tok2cl[tok.i]
                    if clusters[cl]["type"] == "Person" and tok.dep_ in ("nsubj", "nsubjpass") and \
                            tok.head.dep_ in ("ROOT", "ccomp", "conj", "relcl") :
                        if cl not in subjects_here:
                            subjects_here.append(cl)
                    continue
                if low in _PRONOUN_GENDER and tok.pos_ == "PRON":
                    g = _PRONOUN_GENDER[low]
                    cand = None
                    if subjects_here:
                        cand = subjects_here[-1]
                    elif last_subject is not None and sent_no - last_sent_no <= 2:
                        cand = last_subject
                    if cand is not None and clusters[cand]["gender"] in (None, g):
                        out.append([tok.i, tok.i + 1, cand, "pronoun"])
                        tok2cl[tok.i] = cand
                        if tok.dep_ in ("nsubj", "nsubjpass") and cand not in subjects_here:
                            subjects_here.append(cand)
                elif low == "party" and tok.i > 0 and doc[tok.i - 1].lower_ == "the" and len(parties) == 1 \
                        and tok.pos_ == "NOUN":
                    out.append([tok.i - 1, tok.i + 1, next(iter(parties)), "definite"])
            if len(set(subjects_here)) == 1:
                last_subject, last_sent_no = subjects_here[0], sent_no
            elif len(set(subjects_here)) > 1:
                last_subject = None
        return out


def _gender(honorific: str) -> str | None:
    h = honorific.lower()
    if h in MALE_HONORIFICS:
        return "m"
    if h in FEMALE_HONORIFICS:
        return "f"
    return None


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _STOP_INITIALS]
    if len(words) < 2:
        return ""
    return "".join(w[0].upper() for w in words)


def _group_context(doc: Doc, start: int, end: int) -> bool:
    """A PRODUCT-like name used as an organisation: "Momentum members", "the Momentum group"."""
    j = end
    if j < len(doc) and doc[j].tag_ == "POS":
        j += 1
    if j < len(doc) and doc[j].lower_ in GROUP_CONTEXT:
        return True
    if start > 0 and doc[start - 1].lower_ in {"join", "joined", "joins", "quit", "left", "leave"}:
        return True
    return False
