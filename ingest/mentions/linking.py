"""Linking the candidates of one article into clusters: one cluster per actor.

Persons cluster by full name, a full name ending the article's one longer full name under
that name ("Le Pen", `core.resolution_rules.article_full_names`); a lone surname or "Mr
Surname" joins the one full name whose gender agrees (`core.resolution_rules.article_person`).
Groups and events cluster by gazetteer canonical name, else by normalised text; defined acronyms ("(IPSO)") and
initialisms join the group named in full. Later passes repair NER: a bare head word joins
the one group it ends, and persons tagged as organisations join (or become) the person.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from polgraph.core.names import HONORIFICS, honorific_gender, name_key
from polgraph.core.resolution_rules import article_full_names, article_person, form_gender, genders_agree

from .definites import DEFINITE_HEADS

_STOP_INITIALS = {"of", "the", "for", "and", "&", "on", "in", "to"}


class ArticleLinks:
    """The clusters and ``[start, end, cluster, how]`` mentions of one article, as the passes build them."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.clusters: list[dict] = []
        self.mentions: list[list] = []
        self.index: dict[tuple[str, ...], int] = {}

    def new_cluster(self, c: dict, key: tuple[str, ...]) -> int:
        """A new cluster for candidate `c`, found again by `key`."""
        self.clusters.append({"name": c["name"], "type": c["type"], "aliases": [], "gender": c.get("gender"),
                              "kind": c.get("kind", "")})
        self.index[key] = len(self.clusters) - 1
        return self.index[key]

    def add(self, c: dict, cl: int, how: str = "name") -> None:
        """Candidate `c` as a mention of cluster `cl`, its forms and gender kept on the cluster."""
        self.mentions.append([c["start"], c["end"], cl, how])
        al = self.clusters[cl]["aliases"]
        for s in (c["surface"], c["name"]):
            if s not in al:
                al.append(s)
        if c.get("gender") and not self.clusters[cl]["gender"]:
            self.clusters[cl]["gender"] = c["gender"]

    def link_persons(self, cands: list[dict]) -> None:
        """Full names first (the headline may use a surname before the full name appears), then short forms."""
        clusters, index = self.clusters, self.index
        persons = [c for c in cands if c["type"] == "Person"]
        # Full names first (the headline may use a surname before the full name appears).
        full = [c for c in persons if len(c["name"].split()) >= 2]
        short = [c for c in persons if len(c["name"].split()) < 2]
        surnames: dict[str, dict[int, str | None]] = {}  # surname -> full-name clusters and their gender
        firsts: dict[str, set[int]] = {}
        longer = article_full_names({name_key(c["name"]) for c in full})
        for c in full:
            k = name_key(c["name"])
            key = ("Person", longer.get(k, k))
            cl = index.get(key)
            if cl is None:
                cl = self.new_cluster(c, key)
            if len(c["name"]) > len(clusters[cl]["name"]):
                clusters[cl]["name"] = c["name"]
            self.add(c, cl)
            parts = key[1].split()
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
                    cl = self.new_cluster(c, key)
            self.add(c, cl)

    def link_groups(self, cands: list[dict]) -> None:
        """Groups and events by canonical name or text; acronyms defined in the text or initialisms of a group."""
        doc, clusters, mentions, index = self.doc, self.clusters, self.mentions, self.index
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
                cl = self.new_cluster(c, key)
            self.add(c, cl)
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
                    cl = self.new_cluster(c, key)
            self.add(c, cl)
        if acronyms:
            covered = {i for m in mentions for i in range(m[0], m[1])}
            for tok in doc:
                if tok.text in acronyms and tok.i not in covered:
                    mentions.append([tok.i, tok.i + 1, acronyms[tok.text], "acronym"])
                    if tok.text not in clusters[acronyms[tok.text]]["aliases"]:
                        clusters[acronyms[tok.text]]["aliases"].append(tok.text)

    def rejoin_head_words(self) -> None:
        """"Council leader X" after "Birmingham City Council": a bare head word joins the one group it ends."""
        doc, clusters, mentions = self.doc, self.clusters, self.mentions
        for m in mentions:
            k = clusters[m[2]]
            if k["type"] == "Group" and not k["kind"] and m[1] - m[0] == 1 and doc[m[0]].lower_ in DEFINITE_HEADS:
                w = doc[m[0]].lower_
                hits = {i for i, c in enumerate(clusters) if i != m[2] and c["type"] == "Group"
                        and any(len(a.split()) > 1 and a.split()[-1].lower() == w for a in c["aliases"])}
                if len(hits) == 1:
                    m[2] = next(iter(hits))
                    if doc[m[0]].text not in clusters[m[2]]["aliases"]:
                        clusters[m[2]]["aliases"].append(doc[m[0]].text)

    def join_persons_tagged_org(self) -> None:
        """Persons tagged as organisations by NER ("Mr Doe" ORG, "Roe" ORG): join the person."""
        doc, clusters, mentions = self.doc, self.clusters, self.mentions
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

    def merge_honoured(self) -> None:
        """"Mhairi Black" tagged ORG, later "Ms Black": the organisation is that person."""
        clusters, mentions = self.clusters, self.mentions
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
                            m[2] = i  # p has no mentions left: no longer a form of any name (`propagate`)


def propagate(doc: Doc, clusters: list[dict], mentions: list[list]) -> list[list]:
    """Further mentions of a name already found, that NER missed ("Unify’s", "Roe"). A cluster whose
    mentions all went to another (`join_persons_tagged_org`: "Trump" tagged ORG joins Donald Trump;
    `merge_honoured`) names nothing: its forms would make the person's own ambiguous, and none of
    them found again."""
    covered = {i for m in mentions for i in range(m[0], m[1])}
    named = {m[2] for m in mentions}
    table: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    ambiguous = set()
    for i, k in enumerate(clusters):
        if k["type"] not in ("Person", "Group") or i not in named:
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


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _STOP_INITIALS]
    if len(words) < 2:
        return ""
    return "".join(w[0].upper() for w in words)

