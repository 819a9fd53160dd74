"""Within-article mention detection and linking: the `polgraph_mentions` component.

Reads ``doc.ents`` (after the gazetteer) and writes two plain-data extensions:

* ``doc._.pg_clusters``: one dict per actor of the article,
  ``{"name", "type", "aliases", "gender", "kind"}`` (aliases = surface forms used);
* ``doc._.pg_mentions``: ``[start, end, cluster, how]`` token spans, ``how`` one of
  ``name``, ``acronym``, ``pronoun``, ``definite``.

Linking rules (all within one article): persons are clustered by full name; a lone
surname, "Mr/Ms/Sir Surname" or "Sir Firstname" joins the full name it matches when
exactly one does whose gender agrees (`core.resolution_rules.article_person`); two
different full names never merge. Groups are clustered by
gazetteer canonical name, else by normalised text; acronyms defined in the text
("Independent Press Standards Organisation (IPSO)") and initialisms of a group named in full
join it. Pronouns (he/she/his/her) join the subject of the clause before them when that
subject is one unambiguous person of compatible gender; "the party" joins the only
party of the article. All passes are linear in the number of tokens and mentions.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from polgraph.core.names import HONORIFICS, PRONOUN_GENDER, honorific_gender, name_key
from polgraph.core.resolution_rules import article_person, form_gender, genders_agree

from .lexicon import (
    ALL_ROLES, CALENDAR_WORDS, CRITIC_ROLES, NATIONALITIES, PERSON_ROLES, ROLE_OR_TITLE, SUPPORT_ROLES, BODY_NOUNS, EVENT_NEEDS_NAME, EVENT_NOUNS,
    GENERIC_MODIFIERS, GROUP_CONTEXT, PARTY_KINDS, SPEECH_VERBS, TITLE_WORDS, is_role,
)
from .anchored import anchored_ents

from .contracts import CLUSTERS, MENTIONS  # (registers the Doc extensions)

_GOVERNMENT_ADJ = {"new", "current", "previous", "coalition", "federal", "national", "minority", "ruling", "outgoing",
                   "incoming", "interim", "caretaker"}
_PARTY_ROLE_WORDS = {"leader", "mp", "mps", "candidate", "candidates", "councillor", "councillors", "member", "members",
                     "spokesman", "spokeswoman", "activist", "activists", "politician", "senator", "lawmaker",
                     "deputy", "mep", "meps", "voters", "supporters", "peer", "chairman", "co-leader"}
_PARTY_ADJ_WORDS = {"democrat", "democratic", "socialist", "liberal", "conservative", "republican", "green", "labour",
                    "labor", "nationalist", "unionist", "communist", "christian", "social", "independent", "left",
                    "progressive", "populist"}
_ORG_TAIL_WORDS = {"Party", "Alliance", "Union", "Movement", "Front", "Congress", "League", "Federation", "Coalition"}
_NAME_PARTICLES = {"von", "van", "der", "den", "de", "la", "le", "du", "di", "da", "del", "dos", "in", "'t", "’t",
                   "ter", "ten", "bin", "al", "el", "y", "ap", "ab"}
_STOP_INITIALS = {"of", "the", "for", "and", "&", "on", "in", "to"}
_QUOTES = {'"', "“", "”"}
_PORTFOLIO_FOLLOWERS = {"secretary", "minister", "spokesman", "spokeswoman", "spokesperson", "committee"}
_DEFINITE_HEADS = {"party", "force", "panel", "government", "executive", "committee", "commission", "union", "council", "caucus",
                   "alliance", "coalition", "federation", "bloc", "senate", "board", "authority",
                   "assembly", "parliament", "department", "ministry", "office", "inquiry", "agency",
                   "organisation", "organization", "group", "campaign", "movement", "association"}
_EVENT_TITLE_HEADS = {"inquiry", "election", "elections", "referendum", "summit", "conference",
                      "review", "budget", "convention", "primary", "by-election"}
# Unions tested per token or per entity below, built once here.
_PARTICLE_GAP = _NAME_PARTICLES | {"'", "’", "t"}
_PERSON_OR_STANCE_ROLES = PERSON_ROLES | SUPPORT_ROLES | CRITIC_ROLES
_BARE_ROLE_ORGS = TITLE_WORDS | ALL_ROLES | {"state", "chamber"}


@Language.factory("polgraph_mentions", default_config={"resolve_pronouns": True}, requires=["doc.ents"],
                  assigns=[CLUSTERS, MENTIONS])
def make_mentions(nlp: Language, name: str, resolve_pronouns: bool) -> "MentionsComponent":
    return MentionsComponent(nlp, resolve_pronouns)


class MentionsComponent:
    def __init__(self, nlp: Language, resolve_pronouns: bool = True):
        self.nlp = nlp
        self.resolve_pronouns = resolve_pronouns

    # ------------------------------------------------------------------ candidates
    def candidates(self, doc: Doc) -> list[dict]:
        out = []
        taken = set()
        for ent in doc.ents:
            c = self._from_ent(doc, ent)
            if c and any(i in taken for i in range(c["start"], c["end"])):
                continue
            if c:
                if c["type"] == "Person" and out and out[-1]["type"] == "Person":
                    # "Ursula von der" + "Leyen", "Sophie" + "in 't" + "Veld": one name across particles
                    prev = out[-1]
                    gap = doc[prev["end"]:c["start"]]
                    if 0 < len(gap) <= 3 and all(t.lower_ in _PARTICLE_GAP for t in gap) \
                            and gap[0].lower_ in _NAME_PARTICLES:
                        prev["end"] = c["end"]
                        prev["name"] = doc[prev["name_start"]:c["end"]].text
                        prev["surface"] = doc[prev["surface_start"]:c["end"]].text
                        taken.update(range(prev["start"], prev["end"]))
                        continue
                if c["type"] == "Person":
                    # trailing particles followed by a capitalised word NER left out
                    e = c["end"]
                    if e + 1 < len(doc) and doc[e].lower_ in _NAME_PARTICLES and doc[e].is_lower and doc[e + 1].is_title \
                            and doc[e + 1].pos_ == "PROPN" and doc[e].lower_ not in ("in", "y", "de", "la", "le", "el", "al") \
                            and doc[e + 1].ent_type_ in ("", "PERSON", "ORG"):
                        c["end"] = e + 2  # "Rhun" + "ap Iorwerth"
                        c["name"] = doc[c["name_start"]:e + 2].text
                        c["surface"] = doc[c["surface_start"]:e + 2].text
                        e = c["end"]
                    if doc[e - 1].lower_ in _NAME_PARTICLES and e < len(doc) and doc[e].is_title:
                        c["end"] = e + 1
                        c["name"] = doc[c["name_start"]:e + 1].text
                        c["surface"] = doc[c["surface_start"]:e + 1].text
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
        if label == "ORG" and not kb and doc[start].lower_.rstrip(".") in HONORIFICS and end - start >= 2 \
                and doc[end - 1].is_title:
            label = "PERSON"  # "Mr Doe" tagged ORG
        if label == "NORP" and not kb and end < len(doc) and doc[end].lower_ in _PARTY_ROLE_WORDS and \
                doc[start].is_title and any(t.lower_.rstrip("s") in _PARTY_ADJ_WORDS for t in doc[start:end]):
            label = "ORG"  # "Social Democrat leader X": a party named by its adjective
        if label == "ORG" and not kb:
            # "Alba" + "Party", "Telugu" + "Desam Party", "GreenLeft" + "-Labour": the whole name
            while end < len(doc) and doc[end].text in _ORG_TAIL_WORDS:
                end += 1
            while end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].is_title and not doc[end + 1].ent_type_ == "PERSON":
                end += 2
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and not doc[start - 1].ent_type_ \
                    and doc[start - 1].lower_ not in ROLE_OR_TITLE and doc[start - 1].lower_.rstrip(".") not in HONORIFICS \
                    and doc[start - 1].lower_ not in TITLE_WORDS:
                start -= 1
            # "Frans Timmermans, who stepped down": a person tagged ORG
            root = doc[start:end].root
            if 2 <= end - start <= 4 and all(t.is_title or t.text == "-" for t in doc[start:end]) and any(
                    c.dep_ == "relcl" and any(x.lower_ == "who" for x in c.children) for c in root.children):
                label = "PERSON"
        if label == "ORG" and not kb:
            # "Several Social Democratic Party", "Green MEP": drop quantifiers and trailing roles
            while start < end - 1 and doc[start].pos_ in ("DET", "ADJ", "NUM") and doc[start].is_sent_start:
                start += 1
            while end - 1 > start and doc[end - 1].lower_ in ROLE_OR_TITLE and doc[end - 1].lower_ != "party":
                end -= 1
            # "deputy Mathilde Panot" / "Yolanda Díaz, head of ...": a person tagged ORG
            prev = doc[start - 1] if start > 0 else None
            if end - start == 1 and doc[start].lower_ in NATIONALITIES:
                return None  # "Reform UK's Welsh spokesman": an adjective, not a body
            if 2 <= end - start <= 4 and all(t.is_title and t.pos_ == "PROPN" for t in doc[start:end]) and (
                    (prev is not None and prev.lower_ in _PERSON_OR_STANCE_ROLES) or
                    any(c.dep_ == "appos" and c.lower_ in PERSON_ROLES for c in doc[start:end].root.children)):
                label = "PERSON"
        if label == "PERSON":
            gender = None
            while start < end - 1 and (doc[start].lower_ in ALL_ROLES or doc[start].lower_ in TITLE_WORDS) \
                    and doc[start + 1].is_title:
                start += 1  # "Treasurer Lord Doe", "Chancellor Jane Roe"
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
            if not any(t.is_alpha for t in toks) or any(t.like_num for t in toks):
                return None
            if all(t.is_lower for t in toks) or toks[-1].lower_ in ALL_ROLES or \
                    (len(toks) == 1 and toks[-1].lower_[:-1] in ALL_ROLES and toks[-1].lower_.endswith("s")):
                return None
            return {"start": start, "end": end, "type": "Person", "name": toks.text,
                    "surface": doc[surface_start:end].text, "kb": None, "gender": gender,
                    "name_start": start, "surface_start": surface_start}
        if label == "ORG" and not kb and end < len(doc) and doc[end].lower_ in _PORTFOLIO_FOLLOWERS \
                and doc[end].is_title and doc[end - 1].lower_ not in BODY_NOUNS:
            return None  # "Culture, Media and Sport Secretary": a portfolio, not a body
        if label == "ORG" and not kb and end - start == 1 and (doc[start].lower_ in _BARE_ROLE_ORGS or doc[start].lower_[:-1] in ALL_ROLES):
            return None
        if label == "ORG" or kb:
            typ = "Event" if label == "EVENT" else "Group"
            if not kb and doc[end - 1].lower_ in _EVENT_TITLE_HEADS:
                typ = "Event"
            if kb:
                # Extend "Welsh Labour" + "Grassroots": a longer proper name around an alias.
                j = end
                while (j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title and not doc[j].ent_type_
                       and doc[j].lower_ not in ALL_ROLES and doc[j].lower_ not in CALENDAR_WORDS
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
            if j == i and i > 0 and doc[i - 1].lower_ == "the":
                return _body_of_members(doc, head, taken)
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
        doc.ents = anchored_ents(doc)
        cands = self.candidates(doc)
        clusters: list[dict] = []
        mentions: list[list] = []
        index: dict[tuple[str, ...], int] = {}
        kinds = doc._.pg_kinds or {}  # what the gazetteer matched (none without it)

        def new_cluster(c: dict, key: tuple[str, ...]) -> int:
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
        surnames: dict[str, dict[int, str | None]] = {}  # surname -> full-name clusters and their gender
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
            surnames.setdefault(parts[-1], {})[cl] = clusters[cl]["gender"] or form_gender(c["name"])
            firsts.setdefault(parts[0], set()).add(cl)
        for c in short:
            k = name_key(c["name"])
            cl = article_person(k, c.get("gender"), surnames, firsts)
            if cl is None:
                key = ("Person", k)
                cl = index.get(key)
                if cl is not None and not genders_agree(c.get("gender"), clusters[cl]["gender"]):
                    key = ("Person", k, c["gender"])  # "Mrs Howard" after "Mr Howard": another person
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
            # "Independent Press Standards Organisation (IPSO)"
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

        # "Council leader X" after "Birmingham City Council": a bare head word joins the one group it ends
        for m in mentions:
            k = clusters[m[2]]
            if k["type"] == "Group" and not k["kind"] and m[1] - m[0] == 1 and doc[m[0]].lower_ in _DEFINITE_HEADS:
                w = doc[m[0]].lower_
                hits = {i for i, c in enumerate(clusters) if i != m[2] and c["type"] == "Group"
                        and any(len(a.split()) > 1 and a.split()[-1].lower() == w for a in c["aliases"])}
                if len(hits) == 1:
                    m[2] = next(iter(hits))
                    if doc[m[0]].text not in clusters[m[2]]["aliases"]:
                        clusters[m[2]]["aliases"].append(doc[m[0]].text)
        # Persons tagged as organisations by NER ("Mr Doe" ORG, "Roe" ORG): join the person.
        person_keys = {}
        for i, k in enumerate(clusters):
            if k["type"] == "Person":
                for a in k["aliases"]:
                    person_keys.setdefault(name_key(a), set()).add(i)
                    if len(name_key(a).split()) > 1:
                        person_keys.setdefault(name_key(a).split()[-1], set()).add(i)
        for m in mentions:
            k = clusters[m[2]]
            if k["type"] == "Group" and not k["kind"]:
                hit = person_keys.get(name_key(doc[m[0]:m[1]].text), set())
                if len(hit) == 1:
                    m[2] = next(iter(hit))
                    surface = doc[m[0]:m[1]].text
                    if m[0] > 0 and doc[m[0] - 1].lower_.rstrip(".") in HONORIFICS:
                        surface = doc[m[0] - 1:m[1]].text
                    if surface not in clusters[m[2]]["aliases"]:
                        clusters[m[2]]["aliases"].append(surface)
        # "Mhairi Black" tagged ORG, later "Ms Black": the organisation is that person
        honoured = {}
        for i, k in enumerate(clusters):
            if k["type"] == "Person" and len(k["name"].split()) == 1 and any(
                    len(a.split()) > 1 and a.split()[0].lower().rstrip(".") in HONORIFICS for a in k["aliases"]):
                honoured[k["name"].lower()] = i
        if honoured:
            for i, k in enumerate(clusters):
                words = k["name"].split()
                if k["type"] == "Group" and not k["kind"] and 2 <= len(words) <= 3 and \
                        all(w[:1].isupper() for w in words) and words[-1].lower() in honoured:
                    p = honoured.pop(words[-1].lower())
                    k["type"], k["gender"] = "Person", clusters[p]["gender"]
                    k["aliases"].extend(a for a in clusters[p]["aliases"] if a not in k["aliases"])
                    for m in mentions:
                        if m[2] == p:
                            m[2] = i
                    clusters[p]["type"] = "Unused"
        mentions.extend(self._propagate(doc, clusters, mentions))
        mentions.extend(self._definites(doc, clusters, mentions))
        if self.resolve_pronouns:
            mentions.extend(self._pronouns(doc, clusters, mentions))
        used = {m[2] for m in mentions if m[3] != "pronoun"}
        # Drop clusters that lost all their mentions (re-typed persons), keeping indices stable.
        for i, k in enumerate(clusters):
            if i not in used:
                k["type"] = "Unused"
        mentions.sort(key=lambda m: m[0])
        doc._.pg_clusters = clusters
        doc._.pg_mentions = mentions
        return doc

    def _propagate(self, doc: Doc, clusters: list[dict], mentions: list[list]) -> list[list]:
        """Further mentions of a name already found, that NER missed ("Unify’s", "Roe")."""
        covered = {i for m in mentions for i in range(m[0], m[1])}
        table: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        ambiguous = set()
        for i, k in enumerate(clusters):
            if k["type"] not in ("Person", "Group"):
                continue
            forms = set(k["aliases"])
            if k["type"] == "Person":
                forms |= {a.split()[-1] for a in k["aliases"]}
            for a in forms:
                toks = tuple(a.split())
                if not toks or not toks[0][:1].isupper() or toks[0].lower() in HONORIFICS:
                    continue
                lst = table.setdefault(toks[0], [])
                if any(t == toks and c != i for t, c in lst):
                    ambiguous.add(toks)
                lst.append((toks, i))
        out = []
        n = len(doc)
        i = 0
        while i < n:
            tok = doc[i]
            cands = table.get(tok.text) if i not in covered else None
            if cands and tok.ent_type_ not in ("DATE", "GPE", "LOC", "TIME", "MONEY", "CARDINAL", "NORP") \
                    and tok.pos_ in ("PROPN", "NOUN", "ADJ"):
                best = None
                for toks, cl in cands:
                    L = len(toks)
                    if toks in ambiguous or i + L > n:
                        continue
                    if all(doc[i + j].text == toks[j] and (i + j) not in covered for j in range(L)):
                        if best is None or L > best[0]:
                            best = (L, cl)
                if best:
                    if clusters[best[1]]["type"] == "Person" and best[0] == 1 and tok.is_sent_start and \
                            tok.pos_ != "PROPN":
                        i += 1
                        continue
                    out.append([i, i + best[0], best[1], "name"])
                    k = clusters[best[1]]
                    if k["type"] == "Person" and i > 0 and doc[i - 1].lower_.rstrip(".") in HONORIFICS:
                        surface = doc[i - 1:i + best[0]].text  # "Ms Okafor" that NER missed
                        if surface not in k["aliases"]:
                            k["aliases"].append(surface)
                        k["gender"] = k["gender"] or honorific_gender(doc[i - 1].lower_.rstrip("."))
                    i += best[0]
                    continue
            i += 1
        return out

    def _definites(self, doc: Doc, clusters: list[dict], mentions: list[list]) -> list[list]:
        """"the party", "the executive", "the committee": the one group of the article with that head."""
        heads: dict[str, set[int]] = {}
        for i, k in enumerate(clusters):
            if k["type"] != "Group":
                continue
            words = {a.split()[-1].lower() for a in k["aliases"] if a.split()}
            words |= {a.split()[0].lower() for a in k["aliases"] if " of " in a and a[:1].islower()}
            if k["kind"] in PARTY_KINDS:
                words.add("party")
            if words & {"police", "constabulary"}:
                words.add("force")  # "the force" after "Lancashire Police"
            if k["kind"] == "union":
                words.add("union")  # "the union" after "National Union of Teachers"
            for w in (words & _DEFINITE_HEADS) - {"government"}:
                heads.setdefault(w, set()).add(i)
        covered = {i for m in mentions for i in range(m[0], m[1])}
        out = []
        if "government" not in heads:
            for tok in doc:
                if tok.lower_ != "government" or tok.i == 0 or tok.i in covered or tok.pos_ != "NOUN":
                    continue
                j = tok.i - 1  # "the (new coalition) government"
                while j > 0 and doc[j].lower_ in _GOVERNMENT_ADJ:
                    j -= 1
                if (doc[j].lower_ == "the" and tok.dep_ not in ("compound", "amod")) or _government_owned(tok):
                    clusters.append({"name": "Government", "type": "Group", "aliases": ["the government"],
                                     "gender": None, "kind": "government"})
                    heads["government"] = {len(clusters) - 1}
                    break
        # "the Green co-leader" after "Green co-leader Jane Roe": a role used for one person only
        role_of: dict[str, set[int]] = {}
        phrase_of: dict[str, set[int]] = {}
        for s, e, cl, how in mentions:
            if how != "name" or clusters[cl]["type"] != "Person":
                continue
            for j in range(s - 1, max(-1, s - 4), -1):
                w = doc[j].lower_
                if w in ALL_ROLES and w not in ("member", "mp", "official", "figure", "candidate"):
                    role_of.setdefault(w, set()).add(cl)
                    # the title words before the role: "shadow home secretary" vs "home secretary"
                    k = j
                    while k - 1 >= 0 and doc[k - 1].pos_ in ("PROPN", "NOUN", "ADJ") and (k - 1) not in covered \
                            and doc[k - 1].tag_ != "POS" and j - k < 3:
                        k -= 1
                    phrase_of.setdefault(" ".join(t.lower_ for t in doc[k:j + 1]), set()).add(cl)
                    break
                if not (doc[j].is_title or doc[j].lower_.rstrip(".") in HONORIFICS):
                    break
        for tok in doc:
            low = tok.lower_
            if low not in role_of or tok.i in covered or tok.pos_ != "NOUN" or \
                    (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
                continue
            if tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "oprd"):
                continue
            k = tok.i
            while k - 1 >= tok.sent.start and doc[k - 1].lower_ != "the" and tok.i - k < 3 and \
                    (doc[k - 1].pos_ in ("PROPN", "NOUN", "ADJ") or doc[k - 1].text == "-"):
                k -= 1
            if k - 1 < 0 or doc[k - 1].lower_ != "the":
                continue
            phrase = " ".join(t.lower_ for t in doc[k:tok.i + 1])
            hit = phrase_of.get(phrase) or (role_of[low] if k == tok.i else None)
            if hit is None:
                # "the Green co-leader": the group words before the role match through the mention
                hit = role_of[low] if all(j in covered or doc[j].text == "-" for j in range(k, tok.i)) else None
            if hit is not None and len(hit) == 1:
                out.append([tok.i, tok.i + 1, next(iter(hit)), "definite"])
        for tok in doc:
            low = tok.lower_
            if low not in heads or len(heads[low]) != 1 or tok.i in covered or tok.i == 0:
                continue
            if doc[tok.i - 1].lower_ == "the" and tok.pos_ in ("NOUN", "PROPN") and \
                    not (tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ in ("of", "for") and doc[tok.i + 2].is_title):
                out.append([tok.i - 1, tok.i + 1, next(iter(heads[low])), "definite"])
            elif tok.is_lower and tok.i + 1 < len(doc) and is_role(doc[tok.i + 1]) and low != "government" and \
                    doc[tok.i - 1].lower_ not in ("a", "an", "any", "every", "each") and doc[tok.i - 1].pos_ != "ADJ":
                # "Tory assembly member Angie Bray", "council leader X": the one assembly/council of the article
                out.append([tok.i, tok.i + 1, next(iter(heads[low])), "definite"])
            elif low == "government" and _government_owned(tok):
                out.append([tok.i, tok.i + 1, next(iter(heads[low])), "definite"])  # "government plans"
        return out

    def _pronouns(self, doc: Doc, clusters: list[dict], mentions: list[list]) -> list[list]:
        tok2cl: dict[int, int] = {}
        for s, e, cl, _ in mentions:
            for i in range(s, e):
                tok2cl[i] = cl
        out = []
        last_subject: int | None = None
        last_sent_no = -10
        persons_seen: set[int] = set()
        for sent_no, sent in enumerate(doc.sents):
            subjects_here: list[int] = []
            for tok in sent:
                low = tok.lower_
                if tok.i in tok2cl:
                    cl = tok2cl[tok.i]
                    if clusters[cl]["type"] == "Person":
                        persons_seen.add(cl)
                    if clusters[cl]["type"] == "Person" and tok.dep_ in ("nsubj", "nsubjpass") and \
                            tok.head.dep_ in ("ROOT", "ccomp", "conj", "relcl") :
                        if cl not in subjects_here:
                            subjects_here.append(cl)
                    continue
                if low in PRONOUN_GENDER and tok.pos_ == "PRON":
                    g = PRONOUN_GENDER[low]
                    cand = None
                    earlier = {tok2cl[j] for j in range(sent.start, tok.i) if j in tok2cl
                               and clusters[tok2cl[j]]["type"] == "Person"}
                    # '"...," he said' / 'She said: "..."': the speaker of the sentence before goes on
                    chain = tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEECH_VERBS and \
                        last_subject is not None and sent_no - last_sent_no == 1 and \
                        (tok.i == sent.start or any(t.text in _QUOTES for t in doc[sent.start:tok.i]))
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
                    if cand is not None and clusters[cand]["gender"] is None and len(persons_seen) > 1 and not chain \
                            and earlier != {cand}:  # the one person named earlier in the sentence is safe
                        cand = None  # unknown gender and several persons so far: do not guess
                    if cand is not None and clusters[cand]["gender"] in (None, g):
                        out.append([tok.i, tok.i + 1, cand, "pronoun"])
                        tok2cl[tok.i] = cand
                        if tok.dep_ in ("nsubj", "nsubjpass") and cand not in subjects_here:
                            subjects_here.append(cand)
            if len(set(subjects_here)) == 1:
                last_subject, last_sent_no = subjects_here[0], sent_no
            elif len(set(subjects_here)) > 1:
                last_subject = None
        return out


_GOVERNMENT_THINGS = {"plan", "policy", "proposal", "scheme", "bill", "reform", "decision", "target", "strategy",
                      "legislation", "move", "handling", "record", "failure", "figure", "promise", "pledge"}


def _government_owned(tok) -> bool:
    """"government plans": the government as the bare owner of a plan, not "local government"."""
    return tok.lower_ == "government" and tok.dep_ == "compound" and \
        tok.head.lemma_.lower() in _GOVERNMENT_THINGS and not any(c.dep_ in ("amod", "compound") for c in tok.children)


def _body_of_members(doc: Doc, head, taken: set[int]) -> dict | None:
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


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _STOP_INITIALS]
    if len(words) < 2:
        return ""
    return "".join(w[0].upper() for w in words)


def _group_context(doc: Doc, start: int, end: int) -> bool:
    """A PRODUCT-like name used as an organisation: "Unify members", "the Unify group"."""
    j = end
    if j < len(doc) and doc[j].tag_ == "POS":
        j += 1
    if j < len(doc) and doc[j].lower_ in GROUP_CONTEXT:
        return True
    if start > 0 and doc[start - 1].lower_ in {"join", "joined", "joins", "quit", "left", "leave"}:
        return True
    return False
