"""The parse context the relation rules share: an article's mentions by token, and the claims found so far.

Every rule reads the parse through these helpers (who a token stands for, the doer of a
verb, negation, owners) and states claims through `add`, which keeps for each (subject,
type, object) the most confident statement and checks its ends against the schema. Rules
run in a fixed order (`polgraph.ingest.relations.run`): later rules read `rels`, what
earlier ones found (a person's party, the body they left).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from polgraph.core.claims import allowed_ends

from ..contracts import OFFICE_TITLES, PARTY_TAGS, SEATS, STATE, ClaimCandidate, Cluster, MentionSpan
from ..lexicon import Lexicon


# The only claims a rule states with a place (kind STATE) as an end: "Trump attacked Turkey".
# The affiliation rules read "Senator Ted Cruz of Texas" and "Ohio Governor John Kasich" as
# memberships; the relation model, which learned places from annotations, judges those.
_PLACE_TYPES = frozenset({"SUPPORTS", "CRITICISES"})


class ParseContext:
    """One article's parse, its mentions by token, the claims stated so far and the word lists
    (`lex`, the component's lexicon) the rules read."""

    def __init__(self, doc: Doc, clusters: list[Cluster], mentions: list[MentionSpan], use_pronouns: bool,
                 lex: Lexicon):
        self.doc = doc
        self.lex = lex
        self.clusters = clusters
        self.tok2cl: dict[int, int] = {}
        self.how: dict[int, str] = {}
        self.mstart: dict[int, int] = {}
        self.mention_roots: list[tuple[int, int, int]] = []
        for m in mentions:
            s, e, cl, how = m.start, m.end, m.cluster, m.how
            if how == "pronoun" and not use_pronouns:
                continue
            for i in range(s, e):
                self.tok2cl[i] = cl
                self.how[i] = how
                self.mstart[i] = s
            self.mention_roots.append((doc[s:e].root.i, cl, s))
        self.rels: dict[tuple[int, str, int], ClaimCandidate] = {}
        # the gazetteer's seat roles by token: "MSP" names the body its holder sits in
        self.seats: dict[int, Span] = {s.start: s for s in doc.spans.get(SEATS, ())}
        # ... and its party-state tags: the "R" of "Rand Paul (R-Ky.)" names his party
        self.party_tags: dict[int, Span] = {s.start: s for s in doc.spans.get(PARTY_TAGS, ())}
        # ... and its office titles, by the token after them: "Home Secretary" names the Home Office
        self.office_titles: dict[int, Span] = {s.end: s for s in doc.spans.get(OFFICE_TITLES, ())}

    def named_body(self, name: str) -> int | None:
        """The cluster of the body whose canonical name is `name`, when the article has one."""
        return next((i for i, c in enumerate(self.clusters) if c.name == name and c.type == "Group" and not c.dropped),
                    None)

    def mention_end(self, i: int) -> int:
        """The last token of the mention that token `i` belongs to."""
        last = i
        while self.mstart.get(last + 1) == self.mstart[i]:
            last += 1
        return last

    def typ(self, cl: int) -> str | None:
        """The entity type of a cluster; None for a dropped one, which no rule takes for an actor
        and `add` refuses (the schema allows no end without a type)."""
        return None if self.clusters[cl].dropped else self.clusters[cl].type

    def add(self, s: int | None, rtype: str, o: int | None, tok: Token, conf: float, former: bool = False,
            via: list[Token] = (), *, rule: str) -> None:
        """State a claim whose ends the schema allows (a place only in a stance); of the same
        (subject, type, object) the most confident statement is kept."""
        if s is None or o is None or s == o:
            return
        if not allowed_ends(rtype, self.typ(s), self.typ(o)):
            return
        if rtype not in _PLACE_TYPES and STATE in (self.clusters[s].kind, self.clusters[o].kind):
            return
        for t in via:
            if t is not None and self.how.get(t.i) == "pronoun":
                conf *= 0.85
        sent = tok.sent
        key = (s, rtype, o)
        old = self.rels.get(key)
        if old is None or conf > old.confidence:
            self.rels[key] = ClaimCandidate(s, rtype, o, sent.start_char, sent.end_char, round(conf, 3), bool(former),
                                            rule)

    def ent(self, tok: Token | None) -> int | None:
        """The actor a token stands for: its own mention, or a named apposition of a role noun."""
        if tok is None:
            return None
        cl = self.tok2cl.get(tok.i)
        if cl is not None:
            return cl
        if tok.lower_ in self.lex.all_roles or tok.lower_ in {"secretary", "general", "executive"}:
            for c in tok.children:
                if c.dep_ == "appos" and c.i in self.tok2cl:
                    return self.tok2cl[c.i]
        if tok.lower_ in self.lex.all_roles:
            # "The leader of Thurrock Council, Jane Roe, has resigned": the name hangs on the pobj
            # ("director of the Victims of Crime Trust, Jane Roe, ...": parsed deeper)
            for p in tok.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for a in p.subtree:
                        if a.dep_ in ("appos", "npadvmod") and a.i in self.tok2cl and \
                                self.typ(self.tok2cl[a.i]) == "Person" and self.doc[self.mstart[a.i] - 1].text == ",":
                            return self.tok2cl[a.i]
        if tok.lower_ in self.lex.members_plural and not any(c.dep_ in ("nummod", "det", "amod") and c.lower_ in self.lex.part_of
                                                       or c.like_num for c in tok.children):
            # "Conservative members of the London Assembly criticised X": the party acts through its members
            parties = {self.tok2cl[c.i] for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss")
                       and c.i in self.tok2cl and self.clusters[self.tok2cl[c.i]].kind == "party"}
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
        if tok.lower_ in self.lex.all_roles and tok.pos_ == "NOUN":
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
        """The actors a token and its conjuncts stand for, each once."""
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
        if tok.i in self.tok2cl or tok.lower_ in self.lex.people_nouns or tok.lemma_.lower() in self.lex.loss_nouns:
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
        """Whether the verb is negated, hedged ("refused to") or conditional, up its xcomp/conj chain."""
        t = v
        for _ in range(4):
            for c in t.children:
                if c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"}:
                    return True
                if c.dep_ == "mark" and c.lower_ in self.lex.conditional_marks:
                    return True
            if t is not v and t.lemma_.lower() in self.lex.hedge_heads:
                return True
            if t.dep_ in ("xcomp", "acomp") or (t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX")):
                t = t.head
                continue
            if t.dep_ == "advcl":
                for c in t.children:
                    if c.dep_ == "mark" and c.lower_ in self.lex.conditional_marks:
                        return True
            break
        return False

    def passive(self, v: Token) -> bool:
        """Whether the verb is in the passive voice."""
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
        if v.dep_ == "conj" and h.dep_ == "ccomp" and h.head.lemma_.lower() in self.lex.speech_verbs and \
                v.lemma_.lower() in self.lex.speech_or_stance_verbs:
            # "X said the scheme was a waste and accused Y of ...": the parser hangs the second
            # verb on the reported clause; its doer is the speaker
            head_subj = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not any(self.ent(c) is not None for c in head_subj):
                return self.subjects(h.head, depth + 1)
        if v.dep_ in ("conj", "advcl") and h.pos_ in ("VERB", "AUX"):
            if self.passive(h) and v.dep_ == "conj":
                # "X and Y say A should be decided ... and believe B": the conjoined speech verb
                # belongs to the speakers, not to the passive clause
                if v.lemma_.lower() in self.lex.speech_verbs and h.dep_ == "ccomp" and h.head.lemma_.lower() in self.lex.speech_verbs:
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

    def targets_group(self, p: Token) -> list[tuple[int, Token]]:
        """The groups a post or role noun names: its own mention, or "the Labour post"."""
        out = list(self.ents(p))
        if not out and p.lower_ in self.lex.group_target_nouns:
            for c in p.children:
                if c.dep_ in ("compound", "poss") and c.i in self.tok2cl:
                    out.append((self.tok2cl[c.i], c))
        return out

    def party_of(self, person: int, tok: Token) -> int | None:
        """The party meant by a bare "party" next to a person: theirs, or the one just named."""
        mine = {o for (s, t, o) in self.rels if s == person and t in ("MEMBER_OF", "LEADS")
                and self.clusters[o].kind == "party"}
        if len(mine) == 1:
            return next(iter(mine))
        if mine:
            return None
        for j in range(tok.i - 1, tok.sent.start - 1, -1):
            cl = self.tok2cl.get(j)
            if cl is not None and self.clusters[cl].kind == "party":
                return cl
        return None

    def of_groups(self, p: Token) -> list[tuple[int, Token]]:
        """The groups in a token's "of" phrase: "chair of Z"."""
        out = []
        for c in p.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for q in c.children:
                    if q.dep_ == "pobj":
                        out.extend(self.targets_group(q))
        return out
