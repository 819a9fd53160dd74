"""Definite descriptions of one article: "the party", "the committee", "the Green co-leader".

"the <head>" joins the one group of the article whose names end in that head (or whose kind
implies it: a party kind gives "party", a police force "force"); "the government" creates the
government when no group holds the word; "the <role>" joins the one person introduced with
that role ("Green co-leader Jane Roe" ... "the co-leader").
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from polgraph.core.names import HONORIFICS

from ..lexicon import Lexicon

_GOVERNMENT_ADJ = {"new", "current", "previous", "coalition", "federal", "national", "minority", "ruling", "outgoing",
                   "incoming", "interim", "caretaker"}
DEFINITE_HEADS = {"party", "force", "panel", "government", "executive", "committee", "commission", "union", "council", "caucus",
                  "alliance", "coalition", "federation", "bloc", "senate", "board", "authority",
                  "assembly", "parliament", "department", "ministry", "office", "inquiry", "agency",
                  "organisation", "organization", "group", "campaign", "movement", "association", "administration"}
_GOVERNMENT_DETERMINERS = {"the", "this", "his", "her", "their"}
_GOVERNMENT_THINGS = {"plan", "policy", "proposal", "scheme", "bill", "reform", "decision", "target", "strategy",
                      "legislation", "move", "handling", "record", "failure", "figure", "promise", "pledge"}


def definites(lex: Lexicon, doc: Doc, clusters: list[dict], mentions: list[list]) -> list[list]:
    """"the party", "the executive", "the committee": the one group of the article with that head.

    May append the government to `clusters`; returns the new ``[start, end, cluster, "definite"]``."""
    heads = _group_heads(lex, clusters)
    covered = {i for m in mentions for i in range(m[0], m[1])}
    parties = {i for st, e, cl, how in mentions if clusters[cl]["kind"] in lex.party_kinds for i in range(st, e)}
    if "government" not in heads:
        _the_government(doc, clusters, heads, covered, parties)
    role_of, phrase_of = _introduced_roles(lex, doc, clusters, mentions, covered)
    out = _role_definites(doc, role_of, phrase_of, covered)
    out.extend(_head_definites(lex, doc, heads, covered, parties))
    return out


def _group_heads(lex: Lexicon, clusters: list[dict]) -> dict[str, set[int]]:
    """Each definite head word and the groups it may name."""
    heads: dict[str, set[int]] = {}
    for i, k in enumerate(clusters):
        if k["type"] != "Group":
            continue
        words = {a.split()[-1].lower() for a in k["aliases"] if a.split()}
        # "the council" after "Muslim Council of Britain", "the panel" after "panel of special advocates"
        words |= {w.lower() for a in k["aliases"] if " of " in a for w in a.partition(" of ")[0].split()[-1:]}
        if k["kind"] in lex.party_kinds:
            words.add("party")
        if words & {"police", "constabulary"}:
            words.add("force")  # "the force" after "Lancashire Police"
        if k["kind"] == "union":
            words.add("union")  # "the union" after "National Union of Teachers"
        for w in (words & DEFINITE_HEADS) - {"government"}:
            heads.setdefault(w, set()).add(i)
    return heads


def _the_government(doc: Doc, clusters: list[dict], heads: dict[str, set[int]], covered: set[int],
                    parties: set[int]) -> None:
    """"the (new coalition) government", "this government", "government plans": add the government as a group."""
    for tok in doc:
        if tok.lower_ != "government" or tok.i == 0 or tok.i in covered or tok.pos_ != "NOUN":
            continue
        if (_determined(doc, tok, parties) and tok.dep_ not in ("compound", "amod")) or _government_owned(tok):
            clusters.append({"name": "Government", "type": "Group", "aliases": ["the government"],
                             "gender": None, "kind": "government"})
            heads["government"] = {len(clusters) - 1}
            break


def _introduced_roles(lex: Lexicon, doc: Doc, clusters: list[dict], mentions: list[list],
                      covered: set[int]) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """The roles named before a person ("Green co-leader Jane Roe"): by title phrase, and by role
    word when no deputy or former word qualifies it ("the chancellor" is not "shadow chancellor
    Oliver Letwin" nor "former chancellor Ken Clarke": that misled pronouns after it too)."""
    role_of: dict[str, set[int]] = {}
    phrase_of: dict[str, set[int]] = {}
    for s, e, cl, how in mentions:
        if how != "name" or clusters[cl]["type"] != "Person":
            continue
        for j in range(s - 1, max(-1, s - 4), -1):
            w = doc[j].lower_
            if w in lex.all_roles and w not in ("member", "mp", "official", "figure", "candidate"):
                # the title words before the role: "shadow home secretary" vs "home secretary"
                k = j
                while k - 1 >= 0 and doc[k - 1].pos_ in ("PROPN", "NOUN", "ADJ") and (k - 1) not in covered \
                        and doc[k - 1].tag_ != "POS" and j - k < 3:
                    k -= 1
                phrase_of.setdefault(" ".join(t.lower_ for t in doc[k:j + 1]), set()).add(cl)
                # "shadow chancellor Oliver Letwin", "former chancellor Ken Clarke": not "the chancellor"
                if not any(t.lower_ in lex.role_qualifiers for t in doc[max(0, j - 3):j]):
                    role_of.setdefault(w, set()).add(cl)
                break
            if not (doc[j].is_title or doc[j].lower_.rstrip(".") in HONORIFICS):
                break
    return role_of, phrase_of


def _role_definites(doc: Doc, role_of: dict[str, set[int]], phrase_of: dict[str, set[int]],
                    covered: set[int]) -> list[list]:
    """"the Green co-leader" after "Green co-leader Jane Roe": a role used for one person only."""
    out = []
    words = {phrase.rsplit(" ", 1)[-1] for phrase in phrase_of}  # every role introduced (`role_of`'s too)
    for tok in doc:
        low = tok.lower_
        if low not in words or tok.i in covered or tok.pos_ != "NOUN" or \
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
        hit = phrase_of.get(phrase) or (role_of.get(low) if k == tok.i else None)
        if hit is None:
            # "the Green co-leader": the group words before the role match through the mention
            hit = role_of.get(low) if all(j in covered or doc[j].text == "-" for j in range(k, tok.i)) else None
        if hit is not None and len(hit) == 1:
            out.append([tok.i, tok.i + 1, next(iter(hit)), "definite"])
    return out


def _head_definites(lex: Lexicon, doc: Doc, heads: dict[str, set[int]], covered: set[int],
                    parties: set[int]) -> list[list]:
    """"the party", "council leader X", "government plans": the one group with that head word."""
    out = []
    for tok in doc:
        low = tok.lower_
        if low not in heads or len(heads[low]) != 1 or tok.i in covered:
            continue
        if tok.i > 0 and doc[tok.i - 1].lower_ == "the" and tok.pos_ in ("NOUN", "PROPN") and \
                not (tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ in ("of", "for") and doc[tok.i + 2].is_title):
            out.append([tok.i - 1, tok.i + 1, next(iter(heads[low])), "definite"])
        elif low != "government" and _bare_before_role(lex, doc, tok):
            out.append([tok.i, tok.i + 1, next(iter(heads[low])), "definite"])
        elif low == "government" and (_government_owned(tok) or _determined(doc, tok, parties)):
            out.append([tok.i, tok.i + 1, next(iter(heads[low])), "definite"])  # "government plans", "his government"
    return out


def _bare_before_role(lex: Lexicon, doc: Doc, tok: Token) -> bool:
    """A head word without "the" right before a role: "Tory assembly member Angie Bray", "council
    leader X", and capitalised opening a sentence, "Committee chairman X said"; not "a council
    leader", "the new council leader"."""
    if tok.i + 1 >= len(doc) or not lex.is_role(doc[tok.i + 1]):
        return False
    if tok.is_sent_start:
        return True
    before = doc[tok.i - 1]
    return tok.is_lower and before.lower_ not in ("a", "an", "any", "every", "each") and before.pos_ != "ADJ"


def _determined(doc: Doc, tok: Token, parties: set[int]) -> bool:
    """"the (new) government", "this government", "his government", "the Labour government": the
    article's government, not "a government" or "the Chinese government". ("Mr Blair's government"
    is left to its named owner, as annotators read it.)"""
    j = tok.i - 1
    while j > 0 and (doc[j].lower_ in _GOVERNMENT_ADJ or j in parties):
        j -= 1
    return doc[j].lower_ in _GOVERNMENT_DETERMINERS


def _government_owned(tok: Token) -> bool:
    """"government plans": the government as the bare owner of a plan, not "local government"."""
    return tok.lower_ == "government" and tok.dep_ == "compound" and \
        tok.head.lemma_.lower() in _GOVERNMENT_THINGS and not any(c.dep_ in ("amod", "compound") for c in tok.children)
