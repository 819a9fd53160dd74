"""Relation extraction from the dependency parse: the `polgraph_relations` component.

Needs ``doc._.pg_clusters`` / ``doc._.pg_mentions`` (the `polgraph_mentions`
component) and writes ``doc._.pg_relations``: a list of
``[subject_cluster, type, object_cluster, sent_start_char, sent_end_char, confidence, former, rule]``
(`rule`: the id of the rule that stated it, listed in ``ingest/data/rules.yaml``).

Patterns, each a walk over a few dependency arcs around one token (linear overall):

* affiliation from the words before a name ("Labour MP X", "Tory leader X",
  "former Unify official X", "Lib Dem committee chairman X"), from appositions and
  relative clauses ("X, director general of Y", "X, who is chairman of Y", "Y, a Z
  affiliate led by X"), copulas ("X is a member of Y") and verbs (lead/head/chair/join);
* stance verbs with their arguments read off the parse: active ("X attacked Y"),
  passive ("Y was attacked by X"), control ("X is expected to attack Y"), criticism of
  something owned by a named actor ("dismissed Y's plan"), accusations ("accused Y of");
  negation and hedging ("did not back", "refused to criticise", "if") give no edge;
* reported speech: "X said Y had been wrong / made a mistake / lied" => X CRITICISES Y,
  "X said Y was a prudent chancellor" => X SUPPORTS Y;
* resignation and suspension verbs with their body, directly or through a post
  ("forced to resign as chair of Z", "stepped down from his Z post", "suspended from Z").
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from polgraph.core.names import HONORIFICS

from .lexicon import (
    ADJACENCY_NEUTRAL, ALL_ROLES, CONDITIONAL_MARKS, CRITIC_ROLES, CRITICISE_PREPS, CRITICISE_VERBS,
    DEPARTURE_VERBS, DEPUTY_WORDS, FORMER_WORDS, HEDGE_HEADS, IDIOMS, LEADER_ROLES, NEG_EVAL,
    IMPLIED_BODY, NEG_PREDICATES, PARTICLE_VERBS, POS_EVAL, RESIGN_PARTICLES, SPEECH_VERBS, STANCE_NOUNS, SUPPORT_PREPS,
    SUPPORT_ROLES, SUPPORT_VERBS, WEAK_CRITICISE, WEAK_SUPPORT, is_role,
)
from . import mentions as _mentions  # noqa: F401  (registers the Doc extensions)

PEOPLE_NOUNS = {"member", "members", "supporter", "supporters", "voter", "voters", "activist", "activists",
                "official", "officials", "mp", "mps", "minister", "ministers", "colleague", "colleagues",
                "people", "staff", "candidate", "candidates", "councillor", "councillors", "leader", "leaders"}
_LOSS_NOUNS = {"departure", "resignation", "exit", "defeat", "downfall", "removal", "sacking", "ouster", "demise",
               "fall", "failure", "retirement", "suspension", "expulsion", "dismissal", "death", "loss", "arrest",
               "conviction", "humiliation", "collapse"}
_REACTIONS = {"condemnation": "CRITICISES", "criticism": "CRITICISES", "anger": "CRITICISES", "fury": "CRITICISES",
              "outrage": "CRITICISES", "rebuke": "CRITICISES", "ire": "CRITICISES", "praise": "SUPPORTS",
              "backing": "SUPPORTS", "support": "SUPPORTS", "endorsement": "SUPPORTS"}
GROUP_HEAD_NOUNS = {"party", "alliance", "coalition", "group", "movement", "union", "bloc", "faction", "campaign",
                    "committee", "council", "organisation", "organization", "caucus", "wing", "branch"}
POST_NOUNS = {"post", "role", "job", "position", "seat", "office", "membership", "portfolio", "place", "brief", "room"}
LEAD_VERBS = {"lead", "head", "chair", "found", "run", "co-found", "cofound", "front"}
JOIN_VERBS = {"join", "rejoin", "re-join"}
APPOINT_VERBS = {"elect", "appoint", "name", "make", "choose", "select", "install", "confirm", "re-elect"}
EVAL_VERBS = {"describe", "call", "brand", "label", "dub"}
ROLE_JOINERS = {"co", "-", "general", "executive", "secretary"}
_MEMBERS_PLURAL = {"members", "mps", "msps", "ams", "meps", "activists", "councillors", "peers", "senators"}
_PART_OF = {"some", "several", "many", "few", "a", "other", "rebel", "dissident", "two", "three", "most", "senior",
            "leading", "former", "individual", "backbench", "disgruntled", "angry"}
_DEMAND_VERBS = {"call", "urge", "demand", "press"}
_SEAT_ROLES = {"mp", "msp", "am", "mep", "td", "mla", "candidate", "councillor", "senator", "congressman",
               "congresswoman", "representative"}
# Common names of the bodies that a role implies, for an article that does not name them.
BODY_NAMES = {"Senedd": ("Welsh Assembly",), "Scottish Parliament": ("Holyrood",),
              "Northern Ireland Assembly": ("Stormont",)}
# Unions tested per token or per child below, built once here.
_SPEECH_OR_STANCE_VERBS = SPEECH_VERBS | CRITICISE_VERBS | SUPPORT_VERBS | _DEMAND_VERBS
_ROLE_PARTS = ROLE_JOINERS | ALL_ROLES
_STANCE_ROLES = SUPPORT_ROLES | CRITIC_ROLES
_FOUND_VERBS = LEAD_VERBS | {"form", "launch", "establish", "create"}
_GROUP_TARGET_NOUNS = POST_NOUNS | ALL_ROLES | GROUP_HEAD_NOUNS
_ROLES_AND_PLURALS = ALL_ROLES | {r + "s" for r in ALL_ROLES}
_FORMER_OR_OLD = FORMER_WORDS | {"old"}


@Language.factory("polgraph_relations", default_config={"use_pronouns": True})
def make_relations(nlp: Language, name: str, use_pronouns: bool) -> "RelationsComponent":
    return RelationsComponent(use_pronouns)


class RelationsComponent:
    def __init__(self, use_pronouns: bool = True):
        self.use_pronouns = use_pronouns

    def __call__(self, doc: Doc) -> Doc:
        clusters = doc._.pg_clusters
        mentions = doc._.pg_mentions
        if clusters is None or mentions is None:
            raise ValueError("polgraph_relations needs polgraph_mentions before it in the pipeline")
        ex = _Extractor(doc, clusters, mentions, self.use_pronouns)
        doc._.pg_relations = ex.run()
        return doc


class _Extractor:
    def __init__(self, doc: Doc, clusters: list[dict], mentions: list[list], use_pronouns: bool):
        self.doc = doc
        self.clusters = clusters
        self.tok2cl: dict[int, int] = {}
        self.how: dict[int, str] = {}
        self.mstart: dict[int, int] = {}
        self.mention_roots: list[tuple[int, int, int]] = []
        for s, e, cl, how in mentions:
            if how == "pronoun" and not use_pronouns:
                continue
            for i in range(s, e):
                self.tok2cl[i] = cl
                self.how[i] = how
                self.mstart[i] = s
            self.mention_roots.append((doc[s:e].root.i, cl, s))
        self.rels: dict[tuple[int, str, int], list] = {}

    # ----------------------------------------------------------------- helpers
    def typ(self, cl: int) -> str:
        return self.clusters[cl]["type"]

    def add(self, s: int | None, rtype: str, o: int | None, tok: Token, conf: float, former: bool = False,
            via: list[Token] = (), *, rule: str) -> None:
        if s is None or o is None or s == o:
            return
        st, ot = self.typ(s), self.typ(o)
        if st == "Event" or ot == "Event":
            return
        if rtype in ("MEMBER_OF", "LEADS", "RESIGNED_FROM", "SUSPENDED_FROM") and ot != "Group":
            return
        if rtype in ("RESIGNED_FROM", "SUSPENDED_FROM") and st != "Person":
            return
        for t in via:
            if t is not None and self.how.get(t.i) == "pronoun":
                conf *= 0.85
        sent = tok.sent
        key = (s, rtype, o)
        old = self.rels.get(key)
        if old is None or conf > old[5]:
            self.rels[key] = [s, rtype, o, sent.start_char, sent.end_char, round(conf, 3), bool(former), rule]

    def ent(self, tok: Token | None) -> int | None:
        """The actor a token stands for: its own mention, or a named apposition of a role noun."""
        if tok is None:
            return None
        cl = self.tok2cl.get(tok.i)
        if cl is not None:
            return cl
        if tok.lower_ in ALL_ROLES or tok.lower_ in {"secretary", "general", "executive"}:
            for c in tok.children:
                if c.dep_ == "appos" and c.i in self.tok2cl:
                    return self.tok2cl[c.i]
        if tok.lower_ in ALL_ROLES:
            # "The leader of Thurrock Council, Jane Roe, has resigned": the name hangs on the pobj
            # ("director of the Victims of Crime Trust, Jane Roe, ...": parsed deeper)
            for p in tok.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for a in p.subtree:
                        if a.dep_ in ("appos", "npadvmod") and a.i in self.tok2cl and \
                                self.typ(self.tok2cl[a.i]) == "Person" and self.doc[self.mstart[a.i] - 1].text == ",":
                            return self.tok2cl[a.i]
        if tok.lower_ in _MEMBERS_PLURAL and not any(c.dep_ in ("nummod", "det", "amod") and c.lower_ in _PART_OF
                                                       or c.like_num for c in tok.children):
            # "Conservative members of the London Assembly criticised X": the party acts through its members
            parties = {self.tok2cl[c.i] for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss")
                       and c.i in self.tok2cl and self.clusters[self.tok2cl[c.i]]["kind"] == "party"}
            if len(parties) == 1:
                return next(iter(parties))
        if tok.lower_ in ("spokesman", "spokeswoman", "spokesperson") and \
                any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children) and \
                not any(c.dep_ == "appos" for c in tok.children):
            # "A Labour spokesman criticised X": an unnamed spokesman speaks for the party
            groups = {self.tok2cl[c.i] for c in tok.children if c.dep_ in ("compound", "poss", "amod", "nmod")
                      and c.i in self.tok2cl and self.typ(self.tok2cl[c.i]) == "Group"}
            if len(groups) == 1:
                return next(iter(groups))
        if tok.lower_ in ALL_ROLES and tok.pos_ == "NOUN":
            # "Labour's minister for women Jane Roe accused ...": the name closes the role's phrase
            last = tok.doc[tok.right_edge.i]
            cl = self.tok2cl.get(last.i)
            if cl is not None and self.typ(cl) == "Person" and self.how.get(last.i) == "name" and \
                    tok.i < self.mstart[last.i] <= tok.i + 4 and \
                    not any(t.pos_ in ("VERB", "AUX") or t.text == "," for t in tok.doc[tok.i:last.i]):
                return cl
        # "Jane Roe, a former vice-chair who ...": the apposition stands for the named actor
        if tok.dep_ == "appos" and tok.pos_ in ("NOUN", "ADJ", "PROPN") and tok.head.i in self.tok2cl:
            return self.tok2cl[tok.head.i]
        if tok.tag_ in ("WP", "WDT") or tok.lower_ in ("who", "that", "which"):
            v = tok.head
            if v.dep_ == "relcl" and v.head.i != tok.i:
                h = v.head
                # "X, a Democrat who chairs ...": the relative clause is about X
                if h.dep_ == "appos" and h.head.i in self.tok2cl:
                    return self.tok2cl[h.head.i]
                return self.ent(h)
        return None

    def ents(self, tok: Token | None) -> list[tuple[int, Token]]:
        if tok is None:
            return []
        out = []
        for t in (tok, *tok.conjuncts):
            cl = self.ent(t)
            if cl is not None and all(cl != o for o, _ in out):
                out.append((cl, t))
        return out

    def prep_ents(self, preps: set[str] | tuple[str, ...], *holders: Token) -> list[tuple[int, Token]]:
        """Actors in the objects of the holders' prepositions among `preps`: "on Y" of "attack on Y"."""
        return [x for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in preps
                for q in p.children if q.dep_ == "pobj" for x in self.ents(q)]

    def owners(self, tok: Token) -> list[tuple[int, Token]]:
        """Actors owning a thing: "Labour's plan", "the Labour plan"."""
        if tok.i in self.tok2cl or tok.lower_ in PEOPLE_NOUNS or tok.lemma_.lower() in _LOSS_NOUNS:
            return []  # welcoming "X's departure" is no support of X
        out = []
        # "the Labour tax plans": the owner may modify the plan's compound
        mods = [*tok.children, *(g for c in tok.children if c.dep_ == "compound" and c.i not in self.tok2cl
                                 and c.pos_ == "NOUN" and c.lemma_.lower() not in ("run", "led", "control")
                                 for g in c.children if g.i < c.i - 1 or g.dep_ != "compound")]
        for c in mods:
            if c.dep_ in ("poss", "compound", "nmod") and c.i in self.tok2cl:
                out.append((self.tok2cl[c.i], c))
                out.extend((self.tok2cl[x.i], x) for x in c.conjuncts if x.i in self.tok2cl)
        return out

    def negated(self, v: Token) -> bool:
        t = v
        for _ in range(4):
            for c in t.children:
                if c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"}:
                    return True
                if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
                    return True
            if t is not v and t.lemma_.lower() in HEDGE_HEADS:
                return True
            if t.dep_ in ("xcomp", "acomp") or (t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX")):
                t = t.head
                continue
            if t.dep_ == "advcl":
                for c in t.children:
                    if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
                        return True
            break
        return False

    def passive(self, v: Token) -> bool:
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)

    def subjects(self, v: Token, depth: int = 0) -> list[tuple[int, Token]]:
        """The doer of verb v: its subject, the agent of a passive, or inherited via xcomp/conj/advcl."""
        out = []
        for c in v.children:
            if c.dep_ == "nsubj":
                out.extend(self.ents(c))
            elif c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(self.ents(p))
        if out or depth > 3:
            return out
        has_subj = any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in v.children)
        if has_subj:
            return out
        h = v.head
        if v.dep_ == "xcomp":
            # control or raising: "X was forced to resign", "X is expected to attack Y"
            for c in h.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    out.extend(self.ents(c))
            if not out and h.dep_ in ("xcomp", "conj", "advcl", "ccomp"):
                return self.subjects(h, depth + 1)
            return out
        if v.dep_ == "conj" and h.dep_ == "ccomp" and h.head.lemma_.lower() in SPEECH_VERBS and \
                v.lemma_.lower() in _SPEECH_OR_STANCE_VERBS:
            # "X said the scheme was a waste and accused Y of ...": the parser hangs the second
            # verb on the reported clause; its doer is the speaker
            head_subj = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not any(self.ent(c) is not None for c in head_subj):
                return self.subjects(h.head, depth + 1)
        if v.dep_ in ("conj", "advcl") and h.pos_ in ("VERB", "AUX"):
            if self.passive(h) and v.dep_ == "conj":
                # "X and Y say A should be decided ... and believe B": the conjoined speech verb
                # belongs to the speakers, not to the passive clause
                if v.lemma_.lower() in SPEECH_VERBS and h.dep_ == "ccomp" and h.head.lemma_.lower() in SPEECH_VERBS:
                    return self.subjects(h.head, depth + 1)
                return []
            return self.subjects(h, depth + 1)
        return out

    def targets(self, tok: Token) -> list[tuple[int, Token, float]]:
        """Actors named by an object token, directly (1.0) or as owners of it (0.8)."""
        out = [(cl, t, 1.0) for cl, t in self.ents(tok)]
        if not out:
            for t in (tok, *tok.conjuncts):
                out.extend((cl, o, 0.8) for cl, o in self.owners(t))
        return out

    # ----------------------------------------------------------------- main
    def run(self) -> list[list]:
        doc = self.doc
        for root, cl, start in self.mention_roots:
            if self.how.get(root) == "name":
                self.affiliation_prefix(start, cl, doc[root])
                self.affiliation_appos(doc[root], cl)
        for tok in doc:
            pos = tok.pos_
            if pos in ("VERB", "AUX"):
                lemma = tok.lemma_.lower()
                if lemma in SPEECH_VERBS:
                    self.reported_speech(tok)
                if lemma in CRITICISE_VERBS or lemma in SUPPORT_VERBS or lemma in CRITICISE_PREPS:
                    self.stance(tok, lemma)
                if lemma in EVAL_VERBS:
                    self.evaluation(tok)
                if lemma in _DEMAND_VERBS:
                    self.departure_call(tok)
                if lemma in ("come", "be"):
                    self.under_fire(tok)
                if lemma == "defect":
                    self.defect(tok)
                self.idiom(tok, lemma)
                if lemma in ("draw", "attract", "prompt", "provoke", "spark", "earn", "win", "trigger"):
                    self.reaction(tok, lemma)
                self.resign_suspend(tok, lemma)
                self.verb_affiliation(tok, lemma)
            elif pos == "NOUN":
                nl = tok.lemma_.lower()
                if nl in STANCE_NOUNS:
                    self.stance_noun(tok)
                if nl in ("leadership", "chairmanship", "stewardship", "presidency", "membership"):
                    self.office_noun(tok, nl)
                if nl in SUPPORT_ROLES or nl in CRITIC_ROLES:
                    self.role_including(tok)
        return list(self.rels.values())

    # ----------------------------------------------------------------- affiliation
    def prefix_items(self, end: int, subject: int) -> list[tuple[str, object, int]]:
        """Words before position `end` in the same noun phrase, left to right."""
        doc = self.doc
        items = []
        j = end - 1
        sent_start = doc[end - 1].sent.start if end > 0 else 0
        while j >= sent_start:
            t = doc[j]
            low = t.lower_
            if j in self.tok2cl:
                cl = self.tok2cl[j]
                if cl == subject or self.how.get(j) == "pronoun":
                    break
                items.append(("E", cl, j))
                j = self.mstart[j] - 1
                continue
            if low in FORMER_WORDS:
                items.append(("F", low, j))
            elif low in DEPUTY_WORDS:
                items.append(("D", low, j))
            elif is_role(t) or low in ("secretary", "general", "executive"):
                items.append(("R", low, j))
            elif t.tag_ == "POS" or low in ("-", "co") or low in ADJACENCY_NEUTRAL:
                items.append(("P", low, j))
            elif low == "for" and items and items[-1][0] == "M" and j - 1 >= sent_start and \
                    doc[j - 1].lower_ in ALL_ROLES:
                items.append(("M", low, j))  # "spokeswoman for pensions Jane Roe"
            elif low.rstrip(".") in HONORIFICS:
                pass
            elif t.pos_ in ("NOUN", "ADJ", "PROPN") and not t.is_punct and t.ent_type_ != "PERSON" and \
                    low not in ("the", "a", "an") and not t.is_sent_start:
                items.append(("M", low, j))
            elif t.pos_ in ("NOUN", "ADJ", "PROPN") and t.is_sent_start and low not in ("the", "a", "an"):
                items.append(("M", low, j))
                break
            else:
                break
            j -= 1
        items.reverse()
        return items

    def apply_items(self, items: list, subject: int, tok: Token, head_role: str | None = None,
                    post: list[tuple[int, Token]] = (), base: float = 0.85, adjacent_member: bool = True,
                    *, rule: str) -> None:
        """Turn a left-to-right item list (and groups after the role, e.g. "of Y") into relations."""
        n = len(items)
        former_any = any(k == "F" for k, _, _ in items)
        roles_seen = [i for i, it in enumerate(items) if it[0] == "R"]
        for p, (kind, val, pos) in enumerate(items):
            if kind != "E":
                continue
            g = val
            q = next((i for i in roles_seen if i > p), None)
            former = any(k == "F" for k, _, _ in items[:q if q is not None else p])
            if q is None:
                if head_role is None:
                    # "Labour's Jane Roe", "Liberal Democrat John Doe"
                    if adjacent_member and all(items[i][0] == "P" for i in range(p + 1, n)) and \
                            self.typ(subject) == "Person" and self.typ(g) == "Group":
                        self.add(subject, "MEMBER_OF", g, tok, base - 0.15, former, rule="affiliation.party_prefix")
                    continue
                role, between_ok = head_role, all(items[i][0] in ("P",) for i in range(p + 1, n))
                deputy = any(items[i][0] == "D" for i in range(p + 1, n))
            else:
                # extend the role over "director general", "chief executive", "co-chairman"
                role = items[q][1]
                r_end = q
                while r_end + 1 < n and items[r_end + 1][0] in ("R", "P") and items[r_end + 1][1] in _ROLE_PARTS:
                    r_end += 1
                    if items[r_end][0] == "R":
                        role = _combine(role, items[r_end][1])
                if r_end == n - 1 and head_role:
                    role = _combine(role, head_role)
                between_ok = all(items[i][0] == "P" for i in range(p + 1, q))
                deputy = any(items[i][0] == "D" for i in range(p + 1, q + 1))
            if post and (role in _STANCE_ROLES or role.rstrip("s") in _STANCE_ROLES) \
                    and self.typ(g) == "Group":
                # "a Republican critic of Y": Republican describes the person, Y is the target
                self.add(subject, "MEMBER_OF", g, tok, base - 0.1, former, rule=rule)
                continue
            self._role_relation(subject, g, role, between_ok and not deputy, former, tok, base, rule)
        if head_role is not None:
            for g, gt in post:
                deputy = any(k == "D" for k, _, _ in items)
                self._role_relation(subject, g, head_role, not deputy, former_any, tok, base, rule)

    def _role_relation(self, subject, g, role, adjacent, former, tok, base, rule: str) -> None:
        if role in SUPPORT_ROLES or role.rstrip("s") in SUPPORT_ROLES:
            self.add(subject, "SUPPORTS", g, tok, base - 0.1, former, rule=rule)
        elif role in CRITIC_ROLES or role.rstrip("s") in CRITIC_ROLES:
            self.add(subject, "CRITICISES", g, tok, base - 0.1, former, rule=rule)
        elif self.typ(g) == "Group":
            if _is_leader(role) and adjacent:
                self.add(subject, "LEADS", g, tok, base, former, rule=rule)
            else:
                self.add(subject, "MEMBER_OF", g, tok, base, former, rule=rule)

    def affiliation_prefix(self, start: int, subject: int, root: Token) -> None:
        items = self.prefix_items(start, subject)
        if items:
            self.apply_items(items, subject, root, rule="affiliation.role_prefix")
            if self.typ(subject) == "Person":
                for kind, val, pos in items:
                    if kind == "R" and val in IMPLIED_BODY and is_role(self.doc[pos]):
                        former = any(k == "F" for k, _, _ in items)
                        self.add(subject, "MEMBER_OF", self.implied_body(IMPLIED_BODY[val], self.doc[pos]), root,
                                 0.75, former, rule="affiliation.implied_body")
            # "party co-leader Ricarda Lang" right after "The Greens ...": the party just named
            if not any(k == "E" for k, _, _ in items) and self.typ(subject) == "Person":
                for i, (k, val, pos) in enumerate(items):
                    if val == "party" and any(kk == "R" for kk, _, _ in items[i + 1:]):
                        g = self.party_of(subject, self.doc[pos])
                        if g is not None:
                            role = next(v for kk, v, _ in items[i + 1:] if kk == "R")
                            deputy = any(kk == "D" for kk, _, _ in items[i + 1:])
                            self._role_relation(subject, g, role, not deputy, any(kk == "F" for kk, _, _ in items),
                                                root, 0.7, "affiliation.party_role")
                        break

    def implied_body(self, name: str, tok: Token) -> int:
        """The cluster of the body a role implies ("AM": the Welsh Assembly), added if not named."""
        for i, c in enumerate(self.clusters):
            if c["name"] == name and c["type"] == "Group":
                if tok.text not in c["aliases"]:
                    c["aliases"].append(tok.text)
                return i
        self.clusters.append({"name": name, "type": "Group", "aliases": [*BODY_NAMES.get(name, ()), tok.text],
                              "gender": None, "kind": "parliament"})
        return len(self.clusters) - 1

    def role_np(self, head: Token, subject: int, tok: Token, base: float = 0.85, *, rule: str) -> None:
        """A role noun phrase describing `subject`: "CBI director general", "chairman of Y"."""
        low = head.lower_
        if low not in ALL_ROLES and low.endswith("s") and low[:-1] in ALL_ROLES:
            low = low[:-1]
        if low not in ALL_ROLES and low not in ("secretary", "general", "executive"):
            return
        items = self.prefix_items(head.i, subject)
        post = []
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "for" and low in _SEAT_ROLES:
                continue  # "the Tory MP for Ashford": a constituency
            if c.dep_ == "prep" and c.lower_ in ("of", "to", "at", "for", "in", "on", "with"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        post.extend(self.targets_group(p))
        # "a former Unify Vice-Chair": the parser may split the role at the hyphen
        role = low
        if items and items[-1][0] == "R":
            role = _combine(items[-1][1], low)
        self.apply_items(items, subject, tok, head_role=role, post=post, base=base, rule=rule)
        # the role NP itself may be "led by X"
        for c in head.children:
            if c.dep_ == "acl" and c.lemma_.lower() in LEAD_VERBS:
                self.agent_leads(c, subject, tok, base, rule)

    def led_by(self, noun: Token, subject: int, tok: Token, rule: str) -> None:
        """"Junts, the Catalan party led by Carles Puigdemont" => Puigdemont LEADS Junts."""
        if self.typ(subject) != "Group":
            return
        for c in noun.children:
            if c.dep_ == "acl" and (c.lemma_.lower() in _FOUND_VERBS or
                                    c.lemma_.lower() == "set" and any(x.lower_ == "up" for x in c.children)):
                self.agent_leads(c, subject, tok, 0.8, rule)

    def agent_leads(self, verb: Token, group: int, tok: Token, conf: float, rule: str) -> None:
        """"... led by X" (`verb` the participle): each Person X in the by-phrase LEADS `group`."""
        for a in verb.children:
            if a.dep_ == "agent":
                for p in a.children:
                    for x, _ in self.ents(p):
                        if self.typ(x) == "Person":
                            self.add(x, "LEADS", group, tok, conf, rule=rule)

    def targets_group(self, p: Token) -> list[tuple[int, Token]]:
        out = list(self.ents(p))
        if not out and p.lower_ in _GROUP_TARGET_NOUNS:
            for c in p.children:
                if c.dep_ in ("compound", "poss") and c.i in self.tok2cl:
                    out.append((self.tok2cl[c.i], c))
        return out

    def affiliation_appos(self, root: Token, subject: int) -> None:
        last = root.i
        while self.mstart.get(last + 1) == self.mstart[root.i]:
            last += 1
        if root.dep_ == "compound" and root.head.i == last + 1 and is_role(root.head) and \
                self.typ(subject) == "Person":
            # "Tory finance spokesman, Brian Monteith MSP, said": the trailing seat is the parse's head
            seat = root.head
            if seat.lower_ in IMPLIED_BODY:
                self.add(subject, "MEMBER_OF", self.implied_body(IMPLIED_BODY[seat.lower_], seat), root, 0.75,
                         rule="affiliation.implied_body")
            if seat.dep_ == "appos" and seat.head.i not in self.tok2cl:
                self.role_np(seat.head, subject, root, rule="affiliation.seat_after_name")
        for c in root.children:
            if c.dep_ == "appos" and c.i not in self.tok2cl:
                for h in (c, *c.conjuncts):
                    self.role_np(h, subject, root, rule="affiliation.role_appos")
                    self.led_by(h, subject, root, "affiliation.led_by")
            elif c.dep_ == "prep" and c.lower_ == "of" and self.typ(subject) == "Person":
                # "Micheál Martin of Fianna Fáil"
                for p in c.children:
                    if p.dep_ == "pobj" and self.how.get(p.i) == "name":
                        g = self.tok2cl[p.i]
                        if self.typ(g) == "Group":
                            self.add(subject, "MEMBER_OF", g, root, 0.7, rule="affiliation.of_group")
            elif c.dep_ == "appos" and self.typ(subject) == "Person" and self.how.get(c.i) == "name":
                # "Jane Roe, Kent Farmers Guild, said"
                g = self.tok2cl[c.i]
                if self.typ(g) == "Group":
                    self.add(subject, "MEMBER_OF", g, root, 0.7, rule="affiliation.group_appos")
            elif c.dep_ == "conj" and c.lower_ in _ROLES_AND_PLURALS and \
                    any(x.lower_ == "other" for x in c.children):
                # "Ms Roe and other Cabinet ministers"
                self.role_np(c, subject, root, base=0.75, rule="affiliation.other_roles")
            elif c.dep_ == "relcl":
                if c.lemma_.lower() == "be":
                    for a in c.children:
                        if a.dep_ in ("attr", "acomp"):
                            self.role_np(a, subject, root, rule="affiliation.relative_clause")
            elif c.dep_ == "acl" and c.lemma_.lower() in LEAD_VERBS:
                self.agent_leads(c, subject, root, 0.8, "affiliation.led_by")
        # "Jane Roe, Kent Farmers Guild said": parsed as two subjects of one verb
        if root.dep_ == "nsubj" and self.typ(subject) == "Person":
            for sib in root.head.children:
                if sib.dep_ == "nsubj" and sib.i > root.i and root.i + 2 < len(self.doc) and \
                        self.doc[root.i + 1].text == "," and self.mstart.get(sib.i) == root.i + 2:
                    g = self.tok2cl.get(sib.i)
                    if g is not None and self.typ(g) == "Group" and self.how.get(sib.i) == "name":
                        self.add(subject, "MEMBER_OF", g, root, 0.65, rule="affiliation.comma_subjects")
        # "Shadow Secretary of State, Jane Roe" / "John Doe, Roe's closest ally"
        if root.dep_ == "appos" and root.head.i not in self.tok2cl:
            self.role_np(root.head, subject, root, rule="affiliation.name_appos")
            role = root.head
            if role.lower_ in ALL_ROLES and any(c.lower_ == "whose" for c in role.children) and \
                    role.head.dep_ == "relcl" and self.typ(subject) == "Person":
                # "Lancashire Police Authority, whose chairman, Janet Hollis, said"
                for g, gt in self.ents(role.head.head):
                    self._role_relation(subject, g, role.lower_, True, False, root, 0.8, "affiliation.whose_role")
        elif root.dep_ in ("appos", "npadvmod") and self.typ(subject) == "Person" and \
                self.doc[self.mstart[root.i] - 1].text == ",":
            # "The leader of Y, X, ...", "director of the Victims of Crime Trust, X, ..."
            h = root.head
            for _ in range(6):
                if h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lower_ in ALL_ROLES:
                    self.role_np(h.head.head, subject, root, rule="affiliation.role_of_name")
                    break
                if h.dep_ not in ("pobj", "prep", "compound"):
                    break
                h = h.head

    def verb_affiliation(self, v: Token, lemma: str) -> None:
        if self.negated(v):
            return
        if lemma == "be" or lemma in ("become", "remain", "serve"):
            subs = self.subjects(v) or [(cl, t) for c in v.children if c.dep_ == "nsubj" for cl, t in self.ents(c)]
            for a in v.children:
                if a.dep_ in ("attr",) or (lemma == "serve" and a.dep_ == "prep" and a.lower_ == "as"):
                    heads = [a] if a.dep_ == "attr" else [p for p in a.children if p.dep_ == "pobj"]
                    for h in heads:
                        for s, st in subs:
                            self.role_np(h, s, v, base=0.8, rule="affiliation.copula")
            return
        if lemma in LEAD_VERBS:
            if self.passive(v):
                actors = [x for c in v.children if c.dep_ == "agent" for p in c.children for x in self.ents(p)]
                objs = [x for c in v.children if c.dep_ == "nsubjpass" for x in self.ents(c)]
            else:
                actors = self.subjects(v)
                objs = [x for c in v.children if c.dep_ == "dobj" for x in self.ents(c)]
            for s, st in actors:
                if self.typ(s) != "Person":
                    continue
                for o, ot in objs:
                    self.add(s, "LEADS", o, v, 0.8, via=[st], rule="affiliation.lead_verb")
        elif lemma in JOIN_VERBS:
            for s, st in self.subjects(v):
                for c in v.children:
                    if c.dep_ == "dobj":
                        for o, ot, w in self.targets(c):
                            self.add(s, "MEMBER_OF", o, v, 0.75 * w, via=[st], rule="affiliation.join_verb")

        elif lemma in APPOINT_VERBS and not self.passive(v):
            bodies = [x for x in self.subjects(v) if self.typ(x[0]) == "Group"]
            for c in v.children:
                if c.dep_ != "dobj":
                    continue
                for p, pt in self.ents(c):
                    for r in v.children:
                        if r.dep_ in ("oprd", "attr") or (r.dep_ == "prep" and r.lower_ == "as"):
                            heads = [r] if r.dep_ != "prep" else [q for q in r.children if q.dep_ == "pobj"]
                            for h in heads:
                                self.role_np(h, p, v, base=0.8, rule="affiliation.appointed")
                                if any(x.dep_ == "poss" and x.lower_ in ("its", "their") for x in h.children):
                                    for b, bt in bodies:  # "the party elected X as its leader"
                                        self._role_relation(p, b, h.lower_, True, False, v, 0.8,
                                                            "affiliation.appointed_by_body")
        elif lemma in APPOINT_VERBS and self.passive(v):
            subs = [x for c in v.children if c.dep_ == "nsubjpass" for x in self.ents(c)]
            for c in v.children:
                if c.dep_ in ("oprd", "attr", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as"):
                    heads = [c] if c.dep_ != "prep" else [p for p in c.children if p.dep_ == "pobj"]
                    for h in heads:
                        for s, st in subs:
                            self.role_np(h, s, v, base=0.8, rule="affiliation.appointed_passive")

    def role_including(self, noun: Token) -> None:
        """"Farage supporters including Jane Roe" => Jane Roe SUPPORTS Farage."""
        preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("including", "like")]
        if not preps:
            return
        items = self.prefix_items(noun.i, -1)
        role = noun.lemma_.lower()
        objs = [val for k, val, _ in items if k == "E"]
        if not objs:
            return
        for prep in preps:
            for p in prep.children:
                if p.dep_ == "pobj":
                    for s, st in self.ents(p):
                        for o in objs:
                            rtype = "SUPPORTS" if role in SUPPORT_ROLES else "CRITICISES"
                            self.add(s, rtype, o, noun, 0.7, rule="stance.role_including")

    # ----------------------------------------------------------------- stance
    def stance(self, v: Token, lemma: str) -> None:
        if self.negated(v) or v.sent.text.rstrip().endswith("?"):
            return
        if lemma == "back" and any(c.dep_ == "prt" for c in v.children):
            return
        if v.dep_ in ("amod", "acl") and not self.passive(v):
            return
        crit_preps = CRITICISE_PREPS.get(lemma, set())
        sup_preps = SUPPORT_PREPS.get(lemma, set())
        need_prep = lemma in PARTICLE_VERBS or lemma in ("vote", "campaign", "side", "rally", "stand", "speak", "rail", "protest")
        if lemma in PARTICLE_VERBS:
            prts = {c.lower_ for c in v.children if c.dep_ in ("prt", "prep", "advmod")}
            if not prts & PARTICLE_VERBS[lemma]:
                return
        if self.passive(v) or (v.dep_ == "conj" and v.tag_ == "VBN" and self.passive(v.head) and
                               any(c.dep_ == "agent" for c in v.children)):
            actors = [x for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                      for x in self.ents(p)]
            patient_of = v if any(c.dep_ == "nsubjpass" for c in v.children) else v.head
            # "X was backed by A but criticised by B": the conjoined participle shares X
            objs = [x for c in patient_of.children if c.dep_ == "nsubjpass" for x in self.targets(c)]
            conf = 0.75
        else:
            actors = self.subjects(v)
            objs = []
            if not need_prep:
                for c in v.children:
                    if c.dep_ == "dobj":
                        if lemma == "warn":
                            objs.extend((cl, t, 1.0) for cl, t in self.ents(c))
                        else:
                            objs.extend(self.targets(c))
            conf = 0.8
        rtype = "CRITICISES" if lemma in CRITICISE_VERBS else "SUPPORTS"
        for c in v.children:
            if c.dep_ in ("prep", "prt") or (c.dep_ == "prep" and c.lower_ in ("at", "on")):
                cands = [c] + [g for g in c.children if g.dep_ == "prep"]
                for prep in cands:
                    pl = prep.lower_
                    if pl in crit_preps or pl in sup_preps or (lemma in PARTICLE_VERBS and pl in ("at", "on")):
                        for p in prep.children:
                            if p.dep_ == "pobj":
                                for cl, t, w in self.targets(p):
                                    objs.append((cl, t, w))
                                    if pl in crit_preps:
                                        rtype = "CRITICISES"
                                    elif pl in sup_preps:
                                        rtype = "SUPPORTS"
        if lemma in CRITICISE_PREPS and lemma not in CRITICISE_VERBS and lemma not in SUPPORT_VERBS and \
                rtype != "CRITICISES":
            return
        if rtype == "CRITICISES" and lemma in WEAK_CRITICISE or rtype == "SUPPORTS" and lemma in WEAK_SUPPORT:
            conf -= 0.15
        for s, st in actors:
            for o, ot, w in objs:
                self.add(s, rtype, o, v, conf * w, via=[st, ot], rule="stance.verb")

    def departure_call(self, v: Token) -> None:
        """"X called on Y to resign", "X urged Y to step down", "X demanded Y's resignation"."""
        if self.negated(v):
            return
        actors = self.subjects(v)
        if not actors:
            return
        targets: list[tuple[int, Token]] = []
        wants_departure = False
        for c in v.subtree:
            if c.i == v.i or c.sent != v.sent:
                continue
            low = c.lemma_.lower()
            if low == "consider" and c.head.i == v.i and any(x.dep_ == "dobj" and x.lower_ == "position" and
                                                             any(p.dep_ == "poss" for p in x.children)
                                                             for x in c.children):
                wants_departure = True  # "urged X to consider his position"
            if c.pos_ == "VERB" and low in DEPARTURE_VERBS and c.head.i in (v.i, *(x.i for x in v.children)):
                if low in ("step", "stand") and not any(x.dep_ == "prt" and x.lower_ in ("down", "aside") for x in c.children):
                    continue
                wants_departure = True
                for x in c.children:
                    if x.dep_ == "nsubj":
                        targets.extend(self.ents(x))
            if low in ("resignation", "removal", "sacking", "dismissal", "departure", "impeachment", "ouster") and \
                    c.head.i in (v.i, *(x.i for x in v.children)):
                for x in c.children:
                    if x.dep_ == "poss" and x.i in self.tok2cl:
                        targets.append((self.tok2cl[x.i], x))
                        wants_departure = True
        if not wants_departure:
            return
        for c in v.children:
            if c.dep_ == "dobj":
                targets.extend(self.ents(c))
            elif c.dep_ == "prep" and c.lower_ in ("on", "for", "upon"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        targets.extend(self.ents(p))
        for s, st in actors:
            for o, ot in targets:
                self.add(s, "CRITICISES", o, v, 0.7, via=[st, ot], rule="stance.departure_call")

    def idiom(self, v: Token, lemma: str) -> None:
        """"X launched an attack on Y", "X threw her support behind Y"."""
        for c in v.children:
            if c.dep_ != "dobj":
                continue
            entry = IDIOMS.get((lemma, c.lemma_.lower()))
            if entry is None or self.negated(v):
                continue
            rtype, preps = entry
            targets = self.prep_ents(preps, v, c)
            for s, st in self.subjects(v):
                for o, ot in targets:
                    self.add(s, rtype, o, v, 0.7, via=[st, ot], rule="stance.idiom")

    def reaction(self, v: Token, lemma: str) -> None:
        """"Y's move drew condemnation from X" / "..., drawing praise from X"."""
        for c in v.children:
            if c.dep_ != "dobj" or c.lemma_.lower() not in _REACTIONS:
                continue
            rtype = _REACTIONS[c.lemma_.lower()]
            actors = self.prep_ents(("from",), v, c)
            targets = self.subjects(v)
            if not targets:
                for x in v.children:
                    if x.dep_ == "nsubj":
                        targets.extend((cl, t) for cl, t in self.owners(x))
            for s, st in actors:
                for o, ot in targets:
                    self.add(s, rtype, o, v, 0.65, via=[st, ot], rule="stance.reaction")

    def stance_noun(self, n: Token) -> None:
        """"X's attack on Y", "X's support for Y" (the owner is the actor)."""
        rtype, preps = STANCE_NOUNS[n.lemma_.lower()]
        owners = [(self.tok2cl[c.i], c) for c in n.children if c.dep_ == "poss" and c.i in self.tok2cl]
        if not owners or any(c.dep_ == "neg" or c.lower_ in ("no", "lack") for c in n.children):
            return
        if n.head.lemma_.lower() in HEDGE_HEADS or any(c.dep_ == "neg" for c in n.head.children):
            return
        targets = self.prep_ents(preps, n)
        for s, st in owners:
            for o, ot in targets:
                self.add(s, rtype, o, n, 0.65, via=[st, ot], rule="stance.noun")

    def office_noun(self, n: Token, nl: str) -> None:
        """"X's leadership of Y" => X LEADS Y; "X's membership of Y" => X MEMBER_OF Y."""
        owners = [(self.tok2cl[c.i], c) for c in n.children if c.dep_ == "poss" and c.i in self.tok2cl
                  and self.typ(self.tok2cl[c.i]) == "Person"]
        groups = self.prep_ents(("of",), n)
        former = any(c.lower_ in FORMER_WORDS for c in n.children)
        for s, st in owners:
            for g, gt in groups:
                self.add(s, "MEMBER_OF" if nl == "membership" else "LEADS", g, n, 0.7, former, via=[st, gt],
                         rule="office.noun")

    def under_fire(self, v: Token) -> None:
        """"Y came under fire from X" / "Y was under attack from X" => X CRITICISES Y."""
        preps = {c.lower_: c for c in v.children if c.dep_ == "prep"}
        under = preps.get("under")
        if under is None or self.negated(v):
            return
        if not any(p.dep_ == "pobj" and p.lemma_.lower() in ("fire", "attack", "criticism", "pressure")
                   for p in under.children):
            return
        frm = preps.get("from") or next((c for p in under.children for c in p.children
                                         if c.dep_ == "prep" and c.lower_ == "from"), None)
        if frm is None:
            return
        targets = [x for c in v.children if c.dep_ == "nsubj" for x in self.ents(c)]
        actors = [x for p in frm.children if p.dep_ == "pobj" for x in self.ents(p)]
        for s, st in actors:
            for o, ot in targets:
                self.add(s, "CRITICISES", o, v, 0.7, via=[st, ot], rule="stance.under_fire")

    def defect(self, v: Token) -> None:
        """"X defected to Y": X joins Y and leaves the party they were in."""
        if self.negated(v):
            return
        persons = self.subjects(v)
        dest = self.prep_ents(("to",), v)
        if not dest:  # "defected from the Tories to Labour": the parser hangs "to Labour" elsewhere
            dest = [(self.tok2cl[t.i], t) for t in v.subtree if t.i in self.tok2cl and t.i > v.i and
                    self.doc[self.mstart[t.i] - 1].lower_ in ("to", "the") and
                    "to" in (self.doc[self.mstart[t.i] - 1].lower_, self.doc[self.mstart[t.i] - 2].lower_) and
                    t.i == self.doc[self.mstart[t.i]:t.i + 1].root.i]
        for p, pt in persons:
            for g, gt in dest:
                if self.typ(g) != "Group":
                    continue
                self.add(p, "MEMBER_OF", g, v, 0.75, via=[pt], rule="departure.defect_join")
                old = {o for (s, t, o) in self.rels if s == p and t in ("MEMBER_OF", "LEADS") and o != g
                       and self.clusters[o]["kind"] == "party"}
                if len(old) == 1:
                    self.add(p, "RESIGNED_FROM", next(iter(old)), v, 0.7, via=[pt], rule="departure.defect_leave")

    def party_of(self, person: int, tok: Token) -> int | None:
        """The party meant by a bare "party" next to a person: theirs, or the one just named."""
        mine = {o for (s, t, o) in self.rels if s == person and t in ("MEMBER_OF", "LEADS")
                and self.clusters[o]["kind"] == "party"}
        if len(mine) == 1:
            return next(iter(mine))
        if mine:
            return None
        for j in range(tok.i - 1, tok.sent.start - 1, -1):
            cl = self.tok2cl.get(j)
            if cl is not None and self.clusters[cl]["kind"] == "party":
                return cl
        return None

    def reported_speech(self, v: Token) -> None:
        speakers = self.subjects(v)
        if not speakers or self.negated(v):
            return
        clauses = [c for c in v.children if c.dep_ in ("ccomp", "xcomp")]
        if not clauses:
            clauses = [c for c in v.children if c.dep_ == "parataxis" and c.pos_ in ("VERB", "AUX")]
        if not clauses and v.dep_ == "parataxis":
            clauses = [v.head]  # "Jane Roe misled voters, say the Greens"
        for c in list(clauses):
            clauses.extend(x for x in c.conjuncts if x.pos_ in ("VERB", "AUX"))
        self.agreement(v, speakers)
        retort = v.dep_ == "advcl" and _is_retort(v.head)
        for c in clauses:
            self.agreement(c, speakers)
            verdict = self.clause_verdict(c)
            if verdict is None and retort and c.dep_ == "ccomp":
                # "X hit back, saying Y had no plans of its own": the reply is aimed at Y
                subj = [t for x in c.children if x.dep_ in ("nsubj", "nsubjpass") for t in self.ents(x)]
                verdict = ("CRITICISES", subj) if subj else None
            if verdict is None and v.lemma_.lower() == "warn" and c.dep_ == "ccomp":
                # "X warned (that) Y would regret it": a warning about Y
                subj = [t for x in c.children if x.dep_ in ("nsubj", "nsubjpass") for t in self.ents(x)]
                if subj and not self.negated(c):
                    verdict = ("CRITICISES", subj)
                    for s, st in speakers:
                        for o, ot in subj:
                            self.add(s, "CRITICISES", o, v, 0.55, via=[st, ot], rule="speech.warning")
                    continue
            if verdict is None:
                continue
            rtype, targets = verdict
            threat = rtype == "CRITICISES" and _threat(c)
            for s, st in speakers:
                own = {o for (p, t, o) in self.rels if p == s and t in ("MEMBER_OF", "LEADS")}
                for o, ot in targets:
                    if not (threat and o in own):  # a leader announcing his own party's cuts
                        self.add(s, rtype, o, v, 0.6, via=[st, ot], rule="speech.reported")

    def agreement(self, v: Token, speakers: list[tuple[int, Token]]) -> None:
        """"As Y has said, ...": the speaker agrees with Y."""
        for a in v.children:
            if a.dep_ == "advcl" and a.lemma_.lower() in SPEECH_VERBS and \
                    any(m.dep_ == "mark" and m.lower_ == "as" for m in a.children) and not self.negated(a):
                for o, ot in (x for c in a.children if c.dep_ == "nsubj" for x in self.ents(c)):
                    for s, st in speakers:
                        self.add(s, "SUPPORTS", o, v, 0.6, via=[st, ot], rule="speech.agreement")

    def clause_subject_party(self, s: Token) -> list[tuple[int, Token]]:
        """"his old party" in a reported clause: the party the person left, else their party."""
        if s.lower_ != "party":
            return []
        owner = next((c for c in s.children if c.dep_ == "poss" and c.i in self.tok2cl), None)
        if owner is None:
            return []
        person = self.tok2cl[owner.i]
        if any(c.lower_ in _FORMER_OR_OLD for c in s.children):
            left = {o for (p, t, o) in self.rels if p == person and t == "RESIGNED_FROM"}
            return [(next(iter(left)), owner)] if len(left) == 1 else []
        g = self.party_of(person, s)
        return [(g, owner)] if g is not None else []

    def clause_verdict(self, c: Token):
        """Whether a reported clause blames or praises its subject: ("CRITICISES", [subjects])."""
        subj = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
        if not subj:
            return None
        targets = []
        for s in subj:
            targets.extend(self.ents(s))
            if not targets:
                targets.extend(self.clause_subject_party(s))
            if not targets:
                targets.extend(self.owners(s))  # "Unify's leadership had made a mistake"
        if not targets:
            return None
        if self.negated(c):
            return None
        lemma = c.lemma_.lower()
        neg = False
        pos = False
        if lemma == "have" and any(x.dep_ == "dobj" and any(
                m.dep_ == "amod" and m.tag_ == "VBN" and m.lemma_.lower() in NEG_PREDICATES for m in x.children)
                for x in c.children):
            neg = True  # "Y had failed pensioners", parsed with "failed" as an adjective
        if lemma in NEG_PREDICATES:
            if lemma in ("let", "sell") and not any(x.dep_ == "prt" and x.lower_ in ("down", "out") for x in c.children):
                pass
            elif lemma == "break" and not any(x.dep_ == "dobj" and x.lemma_.lower() in ("promise", "pledge", "law", "rule") for x in c.children):
                pass
            else:
                neg = True
        for x in c.children:
            if x.dep_ in ("acomp", "attr", "dobj", "oprd") or (x.dep_ == "ccomp" and x.pos_ == "ADJ"):
                words = _eval_words(x)
                if words & NEG_EVAL:
                    neg = True
                elif words & POS_EVAL and x.dep_ != "dobj":
                    pos = True
                elif x.dep_ == "dobj" and x.lemma_.lower() == "job" and lemma == "do" and words & GOOD_JOB:
                    pos = True  # "Y had done a good job"
                elif x.dep_ == "dobj" and lemma == "have" and x.lemma_.lower() in ("confidence", "support", "backing") \
                        and any(m.dep_ == "poss" for m in x.children) and words & {"full", "total", "complete"}:
                    pos = True  # "he had her full confidence"
        if lemma == "lose" and any(x.dep_ == "dobj" and x.lemma_.lower() in ("control", "grip", "touch", "plot", "way",
                                                                          "nerve", "credibility")
                                   for x in c.children):
            neg = True  # "Y had lost control of our borders"
        if _threat(c):
            neg = True  # "the Tories would cut 35bn from public services"
        if neg:
            return ("CRITICISES", targets)
        if pos:
            return ("SUPPORTS", targets)
        return None

    def evaluation(self, v: Token) -> None:
        """"X described Y as desperate" / "X called Y a liar"."""
        if self.negated(v):
            return
        actors = self.subjects(v)
        objs = [x for c in v.children if c.dep_ in ("dobj", "oprd") for x in self.ents(c)]
        if not objs:  # "branded the Labour and Tory plans a con": the plans' owners
            objs = [x for c in v.children if c.dep_ == "dobj" for t in (c, *c.conjuncts) for x in self.owners(t)]
        # "Ms Roe, whom he described as honest": the object is the relative's head
        if not objs and v.dep_ == "relcl":
            objs = self.ents(v.head)
        words = set()
        obj_toks = {t.i for _, t in objs}
        for c in v.children:
            if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "dobj") or (c.dep_ == "prep" and c.lower_ == "as"):
                if c.i in obj_toks or self.ent(c) is not None:
                    continue
                for t in c.subtree:
                    words.add(t.lemma_.lower())
                    words.add(t.lower_)
        if not objs or not actors:
            return
        rtype = "CRITICISES" if words & NEG_EVAL else "SUPPORTS" if words & POS_EVAL else None
        if rtype:
            for s, st in actors:
                for o, ot in objs:
                    self.add(s, rtype, o, v, 0.65, via=[st, ot], rule="stance.evaluation")

    # ----------------------------------------------------------------- resign / suspend
    def resign_suspend(self, v: Token, lemma: str) -> None:
        passive = self.passive(v)
        resign = lemma in ("resign", "quit", "defect") or \
            (lemma in RESIGN_PARTICLES and any(c.dep_ in ("prt", "advmod") and c.lower_ in RESIGN_PARTICLES[lemma]
                                               for c in v.children)) or \
            (lemma == "leave" and not passive)
        ousting = lemma in ("oust", "depose", "topple", "unseat")  # either voice: "X ousted Y", "Y was ousted"
        oust_active = ousting and not passive
        oust = ousting or (lemma in ("force", "push", "drive") and passive and
                           any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ == "out" for c in v.children))
        suspend = lemma in ("suspend", "expel", "bar", "ban", "deselect", "exclude") or \
            (lemma in ("kick", "throw") and any(c.dep_ == "prt" and c.lower_ == "out" for c in v.children))
        if lemma in ("withdraw", "remove", "strip"):
            self.whip(v)  # which checks the negation itself
        if not (resign or oust or suspend):
            return
        if suspend and any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ == "whip" for c in v.children):
            self.whip(v)
            return
        if self.negated(v) or v.dep_ == "amod":
            return
        rtype = "SUSPENDED_FROM" if suspend else "RESIGNED_FROM"
        if oust_active:
            persons = [x for c in v.children if c.dep_ == "dobj" for x in self.ents(c)]
        elif (suspend or oust) and passive:
            persons = [x for c in v.children if c.dep_ == "nsubjpass" for x in self.ents(c)]
            if not persons and v.dep_ in ("relcl", "acl"):
                persons = self.ents(v.head)
        elif suspend:
            # "Labour suspended X": X SUSPENDED_FROM Labour
            bodies = [x for x in self.subjects(v) if self.typ(x[0]) == "Group"]
            for c in v.children:
                if c.dep_ == "dobj":
                    for p, pt in self.ents(c):
                        for b, bt in bodies:
                            self.add(p, rtype, b, v, 0.75, via=[pt, bt], rule="departure.suspended_by")
            persons = []
        else:
            persons = self.subjects(v)
            if not persons and v.dep_ in ("relcl",):
                persons = self.ents(v.head)
        if not persons:
            return
        bodies: list[tuple[int, Token]] = []
        lead_bodies: list[tuple[int, Token]] = []
        for c in v.children:
            if c.dep_ == "dobj" and lemma in ("quit", "leave", "resign"):
                bodies.extend(self.targets_group(c))
                if c.lower_ in LEADER_ROLES:
                    lead_bodies.extend(self._of_groups(c))
                    bodies.extend(self._of_groups(c))
            elif c.dep_ == "prep" and c.lower_ in ("from", "as", "out", "of"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        bodies.extend(self.targets_group(p))
                        groups = self._of_groups(p)
                        bodies.extend(groups)
                        if p.lower_ in LEADER_ROLES:
                            lead_bodies.extend(groups)
                    elif p.dep_ == "prep" and p.lower_ == "of":  # "out of"
                        for q in p.children:
                            if q.dep_ == "pobj":
                                bodies.extend(self.targets_group(q))
        if not bodies:
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ in ("from", "as", "out", "of"):
                    for p in c.children:
                        party_tok = p if p.lower_ == "party" else next(
                            (x for x in p.children if x.lower_ == "party" and x.dep_ in ("compound", "nmod")), None)
                        if party_tok is not None and party_tok.i not in self.tok2cl:
                            for pers, pt in persons:
                                g = self.party_of(pers, v)
                                if g is not None:
                                    self.add(pers, rtype, g, v, 0.7, via=[pt], rule="departure.own_party")
                                    if p.lower_ in LEADER_ROLES:
                                        self.add(pers, "LEADS", g, v, 0.65, former=True, via=[pt],
                                                 rule="departure.own_party_leader")
        if not bodies and resign and lemma in ("resign", "quit", "step", "stand"):
            sent = v.sent
            for pers, pt in persons:
                led = {r[2] for r in self.rels.values() if r[0] == pers and r[1] == "LEADS" and r[3] == sent.start_char}
                if len(led) == 1:
                    self.add(pers, "RESIGNED_FROM", next(iter(led)), v, 0.65, via=[pt], rule="departure.led_body")
        if lemma == "leave" and not any(self.clusters[b]["kind"] in ("party", "government", "ministry", "committee", "parliament", "union")
                                        or self.typ(b) == "Group" for b, _ in bodies):
            return
        for p, pt in persons:
            for b, bt in bodies:
                self.add(p, rtype, b, v, 0.8 if lemma != "leave" else 0.65, via=[pt, bt], rule="departure.resign")
            for b, bt in lead_bodies:
                self.add(p, "LEADS", b, v, 0.75, former=True, via=[pt, bt], rule="departure.former_leader")

    def whip(self, v: Token) -> None:
        """"Labour suspended/withdrew the whip from X" => X SUSPENDED_FROM Labour."""
        if not any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ == "whip" for c in v.children) or self.negated(v):
            return
        bodies = [x for x in self.subjects(v) if self.typ(x[0]) == "Group"]
        persons = self.prep_ents(("from",), v)
        for p, pt in persons:
            if self.typ(p) != "Person":
                continue
            for b, bt in bodies:
                self.add(p, "SUSPENDED_FROM", b, v, 0.75, via=[pt, bt], rule="office.whip")
            if not bodies:
                g = self.party_of(p, v)
                if g is not None:
                    self.add(p, "SUSPENDED_FROM", g, v, 0.65, via=[pt], rule="office.whip_party")

    def _of_groups(self, p: Token) -> list[tuple[int, Token]]:
        out = []
        for c in p.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for q in c.children:
                    if q.dep_ == "pobj":
                        out.extend(self.targets_group(q))
        return out


GOOD_JOB = {"good", "great", "excellent", "fantastic", "brilliant", "fine", "superb", "tremendous", "outstanding",
            "remarkable", "terrific"}
# Verbs that, said of a rival with "would/will", are a warning about them; tax rises only with a tax object.
_THREAT_VERBS = {"cut", "slash", "axe", "scrap", "abolish", "privatise", "privatize", "wreck", "ruin", "damage",
                 "destroy", "undermine", "jeopardise", "jeopardize", "threaten", "betray", "dismantle"}
_TAX_VERBS = {"raise", "increase", "hike", "put"}


def _is_retort(v: Token) -> bool:
    """"hit back", "fired back", "retorted": a reply aimed at someone."""
    lemma = v.lemma_.lower()
    return lemma in ("retort", "counter") or (
        lemma in ("hit", "fire", "strike") and any(c.lower_ == "back" and c.dep_ in ("advmod", "prt") for c in v.children))


def _eval_words(x: Token) -> set[str]:
    """Lemmas that evaluate a predicate noun: its own, its modifiers, and those of an "of" phrase ("one of waste")."""
    words = {x.lemma_.lower()} | {m.lemma_.lower() for m in x.children if m.dep_ in ("amod", "compound", "advmod")}
    for p in x.children:
        if p.dep_ == "prep" and p.lower_ == "of":
            for q in p.children:
                if q.dep_ == "pobj":
                    for t in (q, *q.conjuncts):
                        words.add(t.lemma_.lower())
                        words.update(m.lemma_.lower() for m in t.children if m.dep_ == "amod")
    return words


def _threat(c: Token) -> bool:
    """"Y would cut / scrap / put at risk ...": a clause predicting harm by its subject."""
    if not any(x.dep_ == "aux" and x.lower_ in ("would", "will", "'ll", "’ll") for x in c.children):
        return False
    lemma = c.lemma_.lower()
    objs = [x.lemma_.lower() for x in c.children if x.dep_ == "dobj"]
    if lemma in _THREAT_VERBS:
        return not any(o in ("tax", "taxis", "taxes", "cost", "bureaucracy", "waste", "crime") for o in objs)
    if lemma in _TAX_VERBS and any(o in ("tax", "taxis", "taxes") for o in objs):
        return True
    if lemma == "put":
        return any(p.dep_ == "prep" and p.lower_ in ("at", "in") and
                   any(q.lemma_.lower() in ("risk", "danger", "jeopardy") for q in p.children) for p in c.children)
    return False


def _combine(a: str, b: str) -> str:
    if a == "director" and b == "general" or a == "chief" and b in ("executive", "constable") or \
            a == "general" and b == "secretary":
        return "leader"
    return b if b in ALL_ROLES else a


def _is_leader(role: str) -> bool:
    return role in LEADER_ROLES or role == "leader"
