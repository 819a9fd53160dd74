"""Stance rules: SUPPORTS / CRITICISES from verbs, nouns, idioms and evaluations.

Active ("X attacked Y"), passive ("Y was attacked by X"), control ("X is expected to attack
Y"), criticism of something owned by a named actor ("dismissed Y's plan"), accusations;
negation and hedging ("did not back", "refused to criticise", "if") give no claim. Rule ids:
``stance.*`` in ``ingest/rules.yaml``.
"""
from __future__ import annotations

from spacy.tokens import Token

from .context import ParseContext
from .affiliation import prefix_items


def role_including(ctx: ParseContext, noun: Token) -> None:
    """"Farage supporters including Jane Roe" => Jane Roe SUPPORTS Farage."""
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("including", "like")]
    if not preps:
        return
    items = prefix_items(ctx, noun.i, -1)
    role = noun.lemma_.lower()
    objs = [val for k, val, _ in items if k == "E"]
    if not objs:
        return
    for prep in preps:
        for p in prep.children:
            if p.dep_ == "pobj":
                for s, st in ctx.ents(p):
                    for o in objs:
                        rtype = "SUPPORTS" if role in ctx.lex.support_roles else "CRITICISES"
                        ctx.add(s, rtype, o, noun, 0.7, rule="stance.role_including")


def stance_verb(ctx: ParseContext, v: Token, lemma: str) -> None:
    """A stance verb with its doer and target: active, passive, with a preposition ("voted against")."""
    if ctx.negated(v) or v.sent.text.rstrip().endswith("?"):
        return
    if lemma == "back" and any(c.dep_ == "prt" for c in v.children):
        return
    if v.dep_ in ("amod", "acl") and not ctx.passive(v):
        return
    crit_preps = ctx.lex.criticise_preps.get(lemma, set())
    sup_preps = ctx.lex.support_preps.get(lemma, set())
    need_prep = lemma in ctx.lex.particle_verbs or lemma in ("vote", "campaign", "side", "rally", "stand", "speak", "rail", "protest")
    if lemma in ctx.lex.particle_verbs:
        prts = {c.lower_ for c in v.children if c.dep_ in ("prt", "prep", "advmod")}
        if not prts & ctx.lex.particle_verbs[lemma]:
            return
    if ctx.passive(v) or (v.dep_ == "conj" and v.tag_ == "VBN" and ctx.passive(v.head) and
                           any(c.dep_ == "agent" for c in v.children)):
        actors = [x for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                  for x in ctx.ents(p)]
        patient_of = v if any(c.dep_ == "nsubjpass" for c in v.children) else v.head
        # "X was backed by A but criticised by B": the conjoined participle shares X
        objs = [x for c in patient_of.children if c.dep_ == "nsubjpass" for x in ctx.targets(c)]
        conf = 0.75
    else:
        actors = ctx.subjects(v)
        objs = []
        if not need_prep:
            for c in v.children:
                if c.dep_ == "dobj":
                    if lemma == "warn":
                        objs.extend((cl, t, 1.0) for cl, t in ctx.ents(c))
                    else:
                        objs.extend(ctx.targets(c))
        conf = 0.8
    rtype = "CRITICISES" if lemma in ctx.lex.criticise_verbs else "SUPPORTS"
    for c in v.children:
        if c.dep_ in ("prep", "prt") or (c.dep_ == "prep" and c.lower_ in ("at", "on")):
            cands = [c] + [g for g in c.children if g.dep_ == "prep"]
            for prep in cands:
                pl = prep.lower_
                if pl in crit_preps or pl in sup_preps or (lemma in ctx.lex.particle_verbs and pl in ("at", "on")):
                    for p in prep.children:
                        if p.dep_ == "pobj":
                            for cl, t, w in ctx.targets(p):
                                objs.append((cl, t, w))
                                if pl in crit_preps:
                                    rtype = "CRITICISES"
                                elif pl in sup_preps:
                                    rtype = "SUPPORTS"
    if lemma in ctx.lex.criticise_preps and lemma not in ctx.lex.criticise_verbs and lemma not in ctx.lex.support_verbs and \
            rtype != "CRITICISES":
        return
    if rtype == "CRITICISES" and lemma in ctx.lex.weak_criticise or rtype == "SUPPORTS" and lemma in ctx.lex.weak_support:
        conf -= 0.15
    for s, st in actors:
        for o, ot, w in objs:
            ctx.add(s, rtype, o, v, conf * w, via=[st, ot], rule="stance.verb")


def departure_call(ctx: ParseContext, v: Token) -> None:
    """"X called on Y to resign", "X urged Y to step down", "X demanded Y's resignation"."""
    if ctx.negated(v):
        return
    actors = ctx.subjects(v)
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
        if c.pos_ == "VERB" and low in ctx.lex.departure_verbs and c.head.i in (v.i, *(x.i for x in v.children)):
            if low in ("step", "stand") and not any(x.dep_ == "prt" and x.lower_ in ("down", "aside") for x in c.children):
                continue
            wants_departure = True
            for x in c.children:
                if x.dep_ == "nsubj":
                    targets.extend(ctx.ents(x))
        if low in ("resignation", "removal", "sacking", "dismissal", "departure", "impeachment", "ouster") and \
                c.head.i in (v.i, *(x.i for x in v.children)):
            for x in c.children:
                if x.dep_ == "poss" and x.i in ctx.tok2cl:
                    targets.append((ctx.tok2cl[x.i], x))
                    wants_departure = True
    if not wants_departure:
        return
    for c in v.children:
        if c.dep_ == "dobj":
            targets.extend(ctx.ents(c))
        elif c.dep_ == "prep" and c.lower_ in ("on", "for", "upon"):
            for p in c.children:
                if p.dep_ == "pobj":
                    targets.extend(ctx.ents(p))
    for s, st in actors:
        for o, ot in targets:
            ctx.add(s, "CRITICISES", o, v, 0.7, via=[st, ot], rule="stance.departure_call")


def idiom(ctx: ParseContext, v: Token, lemma: str) -> None:
    """"X launched an attack on Y", "X threw her support behind Y"."""
    for c in v.children:
        if c.dep_ != "dobj":
            continue
        entry = ctx.lex.idioms.get((lemma, c.lemma_.lower()))
        if entry is None or ctx.negated(v):
            continue
        rtype, preps = entry
        targets = ctx.prep_ents(preps, v, c)
        for s, st in ctx.subjects(v):
            for o, ot in targets:
                ctx.add(s, rtype, o, v, 0.7, via=[st, ot], rule="stance.idiom")


def reaction(ctx: ParseContext, v: Token, lemma: str) -> None:
    """"Y's move drew condemnation from X" / "..., drawing praise from X"."""
    for c in v.children:
        if c.dep_ != "dobj" or c.lemma_.lower() not in ctx.lex.reactions:
            continue
        rtype = ctx.lex.reactions[c.lemma_.lower()]
        actors = ctx.prep_ents(("from",), v, c)
        targets = ctx.subjects(v)
        if not targets:
            for x in v.children:
                if x.dep_ == "nsubj":
                    targets.extend((cl, t) for cl, t in ctx.owners(x))
        for s, st in actors:
            for o, ot in targets:
                ctx.add(s, rtype, o, v, 0.65, via=[st, ot], rule="stance.reaction")


def stance_noun(ctx: ParseContext, n: Token) -> None:
    """"X's attack on Y", "X's support for Y" (the owner is the actor)."""
    rtype, preps = ctx.lex.stance_nouns[n.lemma_.lower()]
    owners = [(ctx.tok2cl[c.i], c) for c in n.children if c.dep_ == "poss" and c.i in ctx.tok2cl]
    if not owners or any(c.dep_ == "neg" or c.lower_ in ("no", "lack") for c in n.children):
        return
    if n.head.lemma_.lower() in ctx.lex.hedge_heads or any(c.dep_ == "neg" for c in n.head.children):
        return
    targets = ctx.prep_ents(preps, n)
    for s, st in owners:
        for o, ot in targets:
            ctx.add(s, rtype, o, n, 0.65, via=[st, ot], rule="stance.noun")


def under_fire(ctx: ParseContext, v: Token) -> None:
    """"Y came under fire from X" / "Y was under attack from X" => X CRITICISES Y."""
    preps = {c.lower_: c for c in v.children if c.dep_ == "prep"}
    under = preps.get("under")
    if under is None or ctx.negated(v):
        return
    if not any(p.dep_ == "pobj" and p.lemma_.lower() in ("fire", "attack", "criticism", "pressure")
               for p in under.children):
        return
    frm = preps.get("from") or next((c for p in under.children for c in p.children
                                     if c.dep_ == "prep" and c.lower_ == "from"), None)
    if frm is None:
        return
    targets = [x for c in v.children if c.dep_ == "nsubj" for x in ctx.ents(c)]
    actors = [x for p in frm.children if p.dep_ == "pobj" for x in ctx.ents(p)]
    for s, st in actors:
        for o, ot in targets:
            ctx.add(s, "CRITICISES", o, v, 0.7, via=[st, ot], rule="stance.under_fire")


def evaluation(ctx: ParseContext, v: Token) -> None:
    """"X described Y as desperate" / "X called Y a liar"."""
    if ctx.negated(v):
        return
    actors = ctx.subjects(v)
    objs = [x for c in v.children if c.dep_ in ("dobj", "oprd") for x in ctx.ents(c)]
    if not objs:  # "branded the Labour and Tory plans a con": the plans' owners
        objs = [x for c in v.children if c.dep_ == "dobj" for t in (c, *c.conjuncts) for x in ctx.owners(t)]
    # "Ms Roe, whom he described as honest": the object is the relative's head
    if not objs and v.dep_ == "relcl":
        objs = ctx.ents(v.head)
    words = set()
    obj_toks = {t.i for _, t in objs}
    for c in v.children:
        if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "dobj") or (c.dep_ == "prep" and c.lower_ == "as"):
            if c.i in obj_toks or ctx.ent(c) is not None:
                continue
            for t in c.subtree:
                words.add(t.lemma_.lower())
                words.add(t.lower_)
    if not objs or not actors:
        return
    rtype = "CRITICISES" if words & ctx.lex.neg_eval else "SUPPORTS" if words & ctx.lex.pos_eval else None
    if rtype:
        for s, st in actors:
            for o, ot in objs:
                ctx.add(s, rtype, o, v, 0.65, via=[st, ot], rule="stance.evaluation")
