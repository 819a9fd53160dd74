"""Office rules: "X's leadership/membership of Y" and the whip ("Y withdrew the whip from X").

Rule ids: ``office.*`` in ``ingest/rules.yaml``.
"""
from __future__ import annotations

from spacy.tokens import Token

from .context import ParseContext


def office_noun(ctx: ParseContext, n: Token, nl: str) -> None:
    """"X's leadership of Y" => X LEADS Y; "X's membership of Y" => X MEMBER_OF Y."""
    owners = [(ctx.tok2cl[c.i], c) for c in n.children if c.dep_ == "poss" and c.i in ctx.tok2cl
              and ctx.typ(ctx.tok2cl[c.i]) == "Person"]
    groups = ctx.prep_ents(("of",), n)
    former = any(c.lower_ in ctx.lex.former_words for c in n.children)
    for s, st in owners:
        for g, gt in groups:
            ctx.add(s, "MEMBER_OF" if nl == "membership" else "LEADS", g, n, 0.7, former, via=[st, gt],
                     rule="office.noun")


def whip(ctx: ParseContext, v: Token) -> None:
    """"Labour suspended/withdrew the whip from X" => X SUSPENDED_FROM Labour."""
    if not any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ == "whip" for c in v.children) or ctx.negated(v):
        return
    bodies = [x for x in ctx.subjects(v) if ctx.typ(x[0]) == "Group"]
    persons = ctx.prep_ents(("from",), v)
    for p, pt in persons:
        if ctx.typ(p) != "Person":
            continue
        for b, bt in bodies:
            ctx.add(p, "SUSPENDED_FROM", b, v, 0.75, via=[pt, bt], rule="office.whip")
        if not bodies:
            g = ctx.party_of(p, v)
            if g is not None:
                ctx.add(p, "SUSPENDED_FROM", g, v, 0.65, via=[pt], rule="office.whip_party")
