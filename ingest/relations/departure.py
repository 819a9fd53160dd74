"""Departure rules: RESIGNED_FROM / SUSPENDED_FROM with their body, and defections.

Directly or through a post ("forced to resign as chair of Z", "stepped down from his Z
post", "suspended from Z"), a bare "the party" (the person's own), "X defected to Y". Rule
ids: ``departure.*`` in ``ingest/rules.yaml``.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import Lexicon
from .context import ParseContext
from .office import whip


def resign_suspend(ctx: ParseContext, v: Token, lemma: str) -> None:
    """"X resigned from / was suspended from / was ousted as leader of Y", and the whip verbs."""
    passive = ctx.passive(v)
    resign, oust, oust_active, suspend = departure_kind(ctx.lex, v, lemma, passive)
    if lemma in ("withdraw", "remove", "strip"):
        whip(ctx, v)  # which checks the negation itself
    if not (resign or oust or suspend):
        return
    if suspend and any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ == "whip" for c in v.children):
        whip(ctx, v)
        return
    if ctx.negated(v) or v.dep_ == "amod":
        return
    rtype = "SUSPENDED_FROM" if suspend else "RESIGNED_FROM"
    persons = departed(ctx, v, rtype, passive, suspend, oust, oust_active)
    if not persons:
        return
    bodies, lead_bodies = bodies_left(ctx, v, lemma)
    if not bodies:
        own_party_left(ctx, v, persons, rtype)
    if not bodies and resign and lemma in ("resign", "quit", "step", "stand"):
        led_body_left(ctx, v, persons)
    if lemma == "leave" and not any(ctx.clusters[b].kind in LEFT_KINDS or ctx.typ(b) == "Group" for b, _ in bodies):
        return
    for p, pt in persons:
        for b, bt in bodies:
            ctx.add(p, rtype, b, v, 0.8 if lemma != "leave" else 0.65, via=[pt, bt], rule="departure.resign")
        for b, bt in lead_bodies:
            ctx.add(p, "LEADS", b, v, 0.75, former=True, via=[pt, bt], rule="departure.former_leader")


# Kinds of body that "leave" can mean leaving as a member (not a building or a country).
LEFT_KINDS = ("party", "government", "ministry", "committee", "parliament", "union")


def departure_kind(lex: Lexicon, v: Token, lemma: str, passive: bool) -> tuple[bool, bool, bool, bool]:
    """Whether the verb is a resignation, an ousting (and an active one) or a suspension."""
    resign = lemma in ("resign", "quit", "defect") or \
        (lemma in lex.resign_particles and any(c.dep_ in ("prt", "advmod") and c.lower_ in lex.resign_particles[lemma]
                                           for c in v.children)) or \
        (lemma == "leave" and not passive)
    ousting = lemma in ("oust", "depose", "topple", "unseat")  # either voice: "X ousted Y", "Y was ousted"
    oust = ousting or (lemma in ("force", "push", "drive") and passive and
                       any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ == "out" for c in v.children))
    suspend = lemma in ("suspend", "expel", "bar", "ban", "deselect", "exclude") or \
        (lemma in ("kick", "throw") and any(c.dep_ == "prt" and c.lower_ == "out" for c in v.children))
    return resign, oust, ousting and not passive, suspend


def departed(ctx: ParseContext, v: Token, rtype: str, passive: bool, suspend: bool, oust: bool,
             oust_active: bool) -> list[tuple[int, Token]]:
    """The persons who left; "Labour suspended X" states X SUSPENDED_FROM Labour itself (and gives none)."""
    if oust_active:
        return [x for c in v.children if c.dep_ == "dobj" for x in ctx.ents(c)]
    if (suspend or oust) and passive:
        persons = [x for c in v.children if c.dep_ == "nsubjpass" for x in ctx.ents(c)]
        if not persons and v.dep_ in ("relcl", "acl"):
            persons = ctx.ents(v.head)
        return persons
    if suspend:
        bodies = [x for x in ctx.subjects(v) if ctx.typ(x[0]) == "Group"]
        for c in v.children:
            if c.dep_ == "dobj":
                for p, pt in ctx.ents(c):
                    for b, bt in bodies:
                        ctx.add(p, rtype, b, v, 0.75, via=[pt, bt], rule="departure.suspended_by")
        return []
    persons = ctx.subjects(v)
    if not persons and v.dep_ in ("relcl",):
        persons = ctx.ents(v.head)
    return persons


def bodies_left(ctx: ParseContext, v: Token, lemma: str) -> tuple[list[tuple[int, Token]], list[tuple[int, Token]]]:
    """The bodies left, directly or through a post ("as chair of Z"), and those a leader post was of."""
    bodies: list[tuple[int, Token]] = []
    lead_bodies: list[tuple[int, Token]] = []
    for c in v.children:
        if c.dep_ == "dobj" and lemma in ("quit", "leave", "resign"):
            bodies.extend(ctx.targets_group(c))
            if c.lower_ in ctx.lex.leader_roles:
                lead_bodies.extend(ctx.of_groups(c))
                bodies.extend(ctx.of_groups(c))
        elif c.dep_ == "prep" and c.lower_ in ("from", "as", "out", "of"):
            for p in c.children:
                if p.dep_ == "pobj":
                    bodies.extend(ctx.targets_group(p))
                    groups = ctx.of_groups(p)
                    bodies.extend(groups)
                    if p.lower_ in ctx.lex.leader_roles:
                        lead_bodies.extend(groups)
                elif p.dep_ == "prep" and p.lower_ == "of":  # "out of"
                    for q in p.children:
                        if q.dep_ == "pobj":
                            bodies.extend(ctx.targets_group(q))
    return bodies, lead_bodies


def own_party_left(ctx: ParseContext, v: Token, persons: list[tuple[int, Token]], rtype: str) -> None:
    """"resigned from the party", "ousted as party leader": the person's own party."""
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "as", "out", "of"):
            for p in c.children:
                party_tok = p if p.lower_ == "party" else next(
                    (x for x in p.children if x.lower_ == "party" and x.dep_ in ("compound", "nmod")), None)
                if party_tok is None or party_tok.i in ctx.tok2cl:
                    continue
                for pers, pt in persons:
                    g = ctx.party_of(pers, v)
                    if g is not None:
                        ctx.add(pers, rtype, g, v, 0.7, via=[pt], rule="departure.own_party")
                        if p.lower_ in ctx.lex.leader_roles:
                            ctx.add(pers, "LEADS", g, v, 0.65, former=True, via=[pt],
                                    rule="departure.own_party_leader")


def led_body_left(ctx: ParseContext, v: Token, persons: list[tuple[int, Token]]) -> None:
    """"The leader of Z, X, has resigned": the one group the person was said to lead in the sentence."""
    sent = v.sent
    for pers, pt in persons:
        led = {r.object for r in ctx.rels.values() if r.subject == pers and r.type == "LEADS"
               and r.start == sent.start_char}
        if len(led) == 1:
            ctx.add(pers, "RESIGNED_FROM", next(iter(led)), v, 0.65, via=[pt], rule="departure.led_body")


def defect(ctx: ParseContext, v: Token) -> None:
    """"X defected to Y": X joins Y and leaves the party they were in."""
    if ctx.negated(v):
        return
    persons = ctx.subjects(v)
    dest = ctx.prep_ents(("to",), v)
    if not dest:  # "defected from the Tories to Labour": the parser hangs "to Labour" elsewhere
        dest = [(ctx.tok2cl[t.i], t) for t in v.subtree if t.i in ctx.tok2cl and t.i > v.i and
                ctx.doc[ctx.mstart[t.i] - 1].lower_ in ("to", "the") and
                "to" in (ctx.doc[ctx.mstart[t.i] - 1].lower_, ctx.doc[ctx.mstart[t.i] - 2].lower_) and
                t.i == ctx.doc[ctx.mstart[t.i]:t.i + 1].root.i]
    for p, pt in persons:
        for g, gt in dest:
            if ctx.typ(g) != "Group":
                continue
            ctx.add(p, "MEMBER_OF", g, v, 0.75, via=[pt], rule="departure.defect_join")
            old = {o for (s, t, o) in ctx.rels if s == p and t in ("MEMBER_OF", "LEADS") and o != g
                   and ctx.clusters[o].kind == "party"}
            if len(old) == 1:
                ctx.add(p, "RESIGNED_FROM", next(iter(old)), v, 0.7, via=[pt], rule="departure.defect_leave")
