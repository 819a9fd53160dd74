"""Affiliation rules: MEMBER_OF / LEADS (and supporter or critic roles) from role phrases and verbs.

From the words before a name ("Labour MP X", "Tory leader X", "former Unify official X"),
appositions and relative clauses ("X, director general of Y", "X, who is chairman of Y",
"Y, a Z affiliate led by X"), copulas ("X is a member of Y") and verbs (lead, head, chair,
join, elect ... as). Rule ids: ``affiliation.*`` in ``ingest/rules.yaml``.
"""
from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token

from polgraph.core.names import HONORIFICS

from ..contracts import STATE, Cluster
from ..lexicon import Lexicon
from .context import ParseContext


def prefix_items(ctx: ParseContext, end: int, subject: int) -> list[tuple[str, object, int]]:
    """Words before position `end` in the same noun phrase, left to right."""
    doc = ctx.doc
    items = []
    j = end - 1
    sent_start = doc[end - 1].sent.start if end > 0 else 0
    while j >= sent_start:
        t = doc[j]
        low = t.lower_
        if j in ctx.tok2cl:
            cl = ctx.tok2cl[j]
            if cl == subject or ctx.how.get(j) == "pronoun":
                break
            items.append(("E", cl, j))
            j = ctx.mstart[j] - 1
            continue
        if low in ctx.lex.former_words:
            items.append(("F", low, j))
        elif low in ctx.lex.deputy_words:
            items.append(("D", low, j))
        elif ctx.lex.is_role(t) or j in ctx.seats or low in ("secretary", "general", "executive"):
            items.append(("R", low, j))
        elif one := ctx.lex.plural_role(t):
            items.append(("R", one, j))  # "Labour MPs Jane Roe and John Doe"
        elif t.tag_ == "POS" or low in ("-", "co") or low in ctx.lex.adjacency_neutral or low in ctx.lex.stand_in_words:
            items.append(("P", low, j))
        elif low == "for" and items and items[-1][0] == "M" and j - 1 >= sent_start and \
                doc[j - 1].lower_ in ctx.lex.all_roles:
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


def apply_items(ctx: ParseContext, items: list, subject: int, tok: Token, head_role: str | None = None,
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
                        ctx.typ(subject) == "Person" and ctx.typ(g) == "Group":
                    ctx.add(subject, "MEMBER_OF", g, tok, base - 0.15, former, rule="affiliation.party_prefix")
                continue
            role, between_ok = head_role, all(items[i][0] in ("P",) for i in range(p + 1, n))
            deputy = any(items[i][0] == "D" for i in range(p + 1, n))
        else:
            # extend the role over "director general", "chief executive", "co-chairman"
            role = items[q][1]
            r_end = q
            while r_end + 1 < n and items[r_end + 1][0] in ("R", "P") and items[r_end + 1][1] in ctx.lex.role_parts:
                r_end += 1
                if items[r_end][0] == "R":
                    role = _combine(ctx.lex, role, items[r_end][1])
            if r_end == n - 1 and head_role:
                role = _combine(ctx.lex, role, head_role)
            between_ok = all(items[i][0] == "P" or (items[i][0] == "E" and _seat_of(ctx, g, items[i][1]))
                             for i in range(p + 1, q))
            deputy = any(items[i][0] == "D" for i in range(p + 1, q + 1))
            if any(k == "E" and _seat_of(ctx, v, g) for k, v, _ in items[:p]):
                between_ok = False  # the parliament of "SNP Holyrood leader X" is where X sits, not what X leads
        if role in ctx.lex.brief_roles and ctx.clusters[g].kind != "party" and \
                any(k == "E" and ctx.clusters[v].kind == "party" for k, v, _ in items[:p]):
            continue  # "Lib Dem Treasury spokesman X": the Treasury is the party's brief
        if post and (role in ctx.lex.stance_roles or role.rstrip("s") in ctx.lex.stance_roles) \
                and ctx.typ(g) == "Group":
            # "a Republican critic of Y": Republican describes the person, Y is the target
            ctx.add(subject, "MEMBER_OF", g, tok, base - 0.1, former, rule=rule)
            continue
        _role_relation(ctx, subject, g, role, between_ok and not deputy, former, tok, base, rule)
    if head_role is not None:
        held_in = [v for k, v, _ in items if k == "E"] + [g for g, _ in post]
        for g, gt in post:
            deputy = any(k == "D" for k, _, _ in items)
            seat = any(_seat_of(ctx, party, g) for party in held_in)  # "Tory leader in the Lords"
            _role_relation(ctx, subject, g, head_role, not deputy and not seat, former_any, tok, base, rule)


def _seat_of(ctx: ParseContext, party: int, body: int) -> bool:
    """Whether `body` is a parliament where `party` sits, named beside a role: "SNP Holyrood
    leader X" and "X, Tory leader in the Lords" lead their party, in that parliament."""
    return ctx.clusters[party].kind == "party" and ctx.clusters[body].kind == "parliament"


def _role_relation(ctx: ParseContext, subject, g, role, adjacent, former, tok, base, rule: str) -> None:
    """A role of `subject` in group `g`: supporter and critic roles give a stance (a critic's
    party is their own: MEMBER_OF), a leader role right next to the group LEADS, any other role
    MEMBER_OF (a party-only role, of a party only; a reporter's, not of the beat: a body the
    gazetteer knows for other than a newsroom)."""
    if role in ctx.lex.support_roles or role.rstrip("s") in ctx.lex.support_roles:
        ctx.add(subject, "SUPPORTS", g, tok, base - 0.1, former, rule=rule)
    elif role in ctx.lex.critic_roles or role.rstrip("s") in ctx.lex.critic_roles:
        # "his Democratic opponent X", "Republican critics": the party is the critic's own
        own = ctx.clusters[g].kind == "party"
        ctx.add(subject, "MEMBER_OF" if own else "CRITICISES", g, tok, base - 0.1, former, rule=rule)
    elif ctx.typ(g) == "Group" and (role not in ctx.lex.party_only_roles or ctx.clusters[g].kind == "party") \
            and not _covers_as_beat(ctx, role, g):
        if (_is_leader(ctx.lex, role) or _heads_its_body(ctx, role, g)) and adjacent:
            ctx.add(subject, "LEADS", g, tok, base, former, rule=rule)
        else:
            ctx.add(subject, "MEMBER_OF", g, tok, base, former, rule=rule)


def affiliation_prefix(ctx: ParseContext, start: int, subject: int, root: Token) -> None:
    """The affiliation in the words before a name: "Labour MP X", "AM X", "party co-leader X";
    with none, that of a list the name is in ("Labour MPs Y and X")."""
    items = prefix_items(ctx, start, subject)
    if items:
        apply_items(ctx, items, subject, root, rule="affiliation.role_prefix")
        if ctx.typ(subject) == "Person":
            for kind, val, pos in items:
                if kind == "R" and pos in ctx.seats:
                    former = any(k == "F" for k, _, _ in items)
                    ctx.add(subject, "MEMBER_OF", implied_body(ctx, ctx.seats[pos]), root,
                             0.75, former, rule="affiliation.implied_body")
        # "party co-leader Ricarda Lang" right after "The Greens ...": the party just named
        if not any(k == "E" for k, _, _ in items) and ctx.typ(subject) == "Person":
            for i, (k, val, pos) in enumerate(items):
                if val == "party" and any(kk == "R" for kk, _, _ in items[i + 1:]):
                    g = ctx.party_of(subject, ctx.doc[pos])
                    if g is not None:
                        role = next(v for kk, v, _ in items[i + 1:] if kk == "R")
                        deputy = any(kk == "D" for kk, _, _ in items[i + 1:])
                        _role_relation(ctx, subject, g, role, not deputy, any(kk == "F" for kk, _, _ in items),
                                            root, 0.7, "affiliation.party_role")
                    break
    else:
        listed_after_role(ctx, subject, root)


def listed_after_role(ctx: ParseContext, subject: int, root: Token) -> None:
    """"Democratic Sens. Dick Durbin and Dianne Feinstein", "Labour MPs Jane Roe, John Doe and
    Ann Poe": every name listed after a plural role, none before it, has the affiliation of the
    first. A singular role covers the first name only ("Labour MP Jane Roe and John Doe")."""
    head = root
    while head.dep_ in ("conj", "appos") and head.head.i != head.i and head.i not in ctx.seats:
        head = head.head
    if head is root or ctx.how.get(head.i) != "name" or ctx.typ(subject) != "Person":
        return
    first = ctx.tok2cl[head.i]
    if ctx.typ(first) != "Person":
        return
    items = prefix_items(ctx, ctx.mstart[head.i], first)
    if any(k == "R" and ctx.lex.plural_role(ctx.doc[pos]) for k, _, pos in items):
        apply_items(ctx, items, subject, root, base=0.75, rule="affiliation.listed")


def office_title(ctx: ParseContext, start: int, subject: int, root: Token) -> None:
    """"Home Secretary Charles Clarke" => MEMBER_OF the Home Office, "Commons Speaker Michael
    Martin" => LEADS the House of Commons, when the article names the body: annotators mark only
    bodies named in the text."""
    j = start
    while j > 0 and ctx.doc[j - 1].lower_.rstrip(".") in HONORIFICS:
        j -= 1  # "Foreign Secretary Lord Doe"
    title = ctx.office_titles.get(j)
    if title is None or ctx.typ(subject) != "Person":
        return
    body = ctx.named_body(title.kb_id_)
    before = ctx.doc[title.start - 1].lower_ if title.start > 0 else ""
    relation = "MEMBER_OF" if before in ctx.lex.deputy_words else title.label_  # "Deputy Speaker X"
    if body is not None:
        ctx.add(subject, relation, body, root, 0.7, before in ctx.lex.former_words, rule="affiliation.office_title")


def implied_body(ctx: ParseContext, seat: Span, alias: bool = True) -> int:
    """The cluster of the body a seat role or party tag implies ("AM": the Senedd, "R": the
    Republican Party, from the gazetteer), added if not named; the seat word ("AM") becomes one
    of its aliases when `alias`, a tag letter never."""
    name, tok = seat.kb_id_, seat[0]
    own = (tok.text,) if alias else ()
    i = ctx.named_body(name)
    if i is not None:
        if own and tok.text not in ctx.clusters[i].aliases:
            ctx.clusters[i] = dataclasses.replace(ctx.clusters[i], aliases=(*ctx.clusters[i].aliases, *own))
        return i
    ctx.clusters.append(Cluster(name=name, type="Group", aliases=(*ctx.lex.body_names.get(name, ()), *own) or (name,),
                                gender=None, kind=seat._.pg_kind))
    return len(ctx.clusters) - 1


def role_np(ctx: ParseContext, head: Token, subject: int, tok: Token, base: float = 0.85, *, rule: str) -> None:
    """A role noun phrase describing `subject`: "CBI director general", "chairman of Y"."""
    low = head.lower_
    if low not in ctx.lex.all_roles and low.endswith("s") and low[:-1] in ctx.lex.all_roles:
        low = low[:-1]
    if low not in ctx.lex.all_roles and low not in ("secretary", "general", "executive"):
        return
    items = prefix_items(ctx, head.i, subject)
    post = []
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "for" and low in ctx.lex.seat_roles:
            continue  # "the Tory MP for Ashford": a constituency
        if c.dep_ == "prep" and c.lower_ in ("of", "to", "at", "for", "in", "on", "with"):
            for p in c.children:
                if p.dep_ == "pobj":
                    post.extend(ctx.targets_group(p))
    # "a former Unify Vice-Chair": the parser may split the role at the hyphen
    role = low
    if items and items[-1][0] == "R":
        role = _combine(ctx.lex, items[-1][1], low)
    if _is_leader(ctx.lex, role) and _heads_a_unit(ctx, head):
        role = "member"  # "director of research at Y", "Labour's head of elections strategy": Y's member
    apply_items(ctx, items, subject, tok, head_role=role, post=post, base=base, rule=rule)
    # the role NP itself may be "led by X"
    for c in head.children:
        if c.dep_ == "acl" and c.lemma_.lower() in ctx.lex.lead_verbs:
            agent_leads(ctx, c, subject, tok, base, rule)


def led_by(ctx: ParseContext, noun: Token, subject: int, tok: Token, rule: str) -> None:
    """"Junts, the Catalan party led by Carles Puigdemont" => Puigdemont LEADS Junts."""
    if ctx.typ(subject) != "Group":
        return
    for c in noun.children:
        if c.dep_ == "acl" and (c.lemma_.lower() in ctx.lex.found_verbs or
                                c.lemma_.lower() == "set" and any(x.lower_ == "up" for x in c.children)):
            agent_leads(ctx, c, subject, tok, 0.8, rule)


def agent_leads(ctx: ParseContext, verb: Token, group: int, tok: Token, conf: float, rule: str) -> None:
    """"... led by X" (`verb` the participle): each Person X in the by-phrase LEADS `group`."""
    for a in verb.children:
        if a.dep_ == "agent":
            for p in a.children:
                for x, _ in ctx.ents(p):
                    if ctx.typ(x) == "Person":
                        ctx.add(x, "LEADS", group, tok, conf, rule=rule)


def affiliation_appos(ctx: ParseContext, root: Token, subject: int) -> None:
    """The affiliation a named mention carries in the phrases around it (appositions, "of Y", clauses)."""
    seat_after_name(ctx, root, subject)
    party_tag(ctx, root, subject)
    name_dependents(ctx, root, subject)
    comma_subjects(ctx, root, subject)
    speaking_for(ctx, root, subject)
    name_in_role_phrase(ctx, root, subject)


def seat_after_name(ctx: ParseContext, root: Token, subject: int) -> None:
    """"Tory finance spokesman, Brian Monteith MSP, said": the trailing seat is the parse's head."""
    last = ctx.mention_end(root.i)
    if root.dep_ == "compound" and root.head.i == last + 1 and \
            (ctx.lex.is_role(root.head) or root.head.i in ctx.seats) and ctx.typ(subject) == "Person":
        seat = root.head
        if seat.i in ctx.seats:
            ctx.add(subject, "MEMBER_OF", implied_body(ctx, ctx.seats[seat.i]), root, 0.75,
                     rule="affiliation.implied_body")
        if seat.dep_ == "appos" and seat.head.i not in ctx.tok2cl:
            role_np(ctx, seat.head, subject, root, rule="affiliation.seat_after_name")


def party_tag(ctx: ParseContext, root: Token, subject: int) -> None:
    """"Rand Paul (R-Ky.)", "Chuck Schumer, D-N.Y.,": the party-state tag right after a name."""
    tag = ctx.party_tags.get(ctx.mention_end(root.i) + 2)
    if tag is not None and ctx.typ(subject) == "Person":
        ctx.add(subject, "MEMBER_OF", implied_body(ctx, tag, alias=False), root, 0.85, rule="affiliation.party_tag")


def name_dependents(ctx: ParseContext, root: Token, subject: int) -> None:
    """What hangs on the name: an apposition, "of Y", "and other ministers", "who is ...", "led by"."""
    for c in root.children:
        if c.dep_ == "appos" and c.i not in ctx.tok2cl:
            for h in (c, *c.conjuncts):
                role_np(ctx, h, subject, root, rule="affiliation.role_appos")
                led_by(ctx, h, subject, root, "affiliation.led_by")
        elif c.dep_ == "prep" and c.lower_ == "of" and ctx.typ(subject) == "Person":
            # "Micheál Martin of Fianna Fáil"
            for p in c.children:
                if p.dep_ == "pobj" and ctx.how.get(p.i) == "name":
                    g = ctx.tok2cl[p.i]
                    if ctx.typ(g) == "Group":
                        ctx.add(subject, "MEMBER_OF", g, root, 0.7, rule="affiliation.of_group")
        elif c.dep_ == "prep" and c.lower_ in ("from", "for") and ctx.typ(subject) == "Person":
            # "Carl Emmerson, from the Institute for Fiscal Studies, said", "Vince Cable, for the Lib Dems"
            named_group_member(ctx, c, subject, root)
        elif c.dep_ == "appos" and ctx.typ(subject) == "Person" and ctx.how.get(c.i) == "name":
            # "Jane Roe, Kent Farmers Guild, said"
            g = ctx.tok2cl[c.i]
            if ctx.typ(g) == "Group":
                ctx.add(subject, "MEMBER_OF", g, root, 0.7, rule="affiliation.group_appos")
        elif c.dep_ == "conj" and c.lower_ in ctx.lex.roles_and_plurals and \
                any(x.lower_ == "other" for x in c.children):
            # "Ms Roe and other Cabinet ministers"
            role_np(ctx, c, subject, root, base=0.75, rule="affiliation.other_roles")
        elif c.dep_ == "relcl":
            if c.lemma_.lower() == "be":
                for a in c.children:
                    if a.dep_ in ("attr", "acomp"):
                        role_np(ctx, a, subject, root, rule="affiliation.relative_clause")
        elif c.dep_ == "acl" and c.lemma_.lower() in ctx.lex.lead_verbs:
            agent_leads(ctx, c, subject, root, 0.8, "affiliation.led_by")


def named_group_member(ctx: ParseContext, prep: Token, subject: int, root: Token) -> None:
    """`subject` is a member of the named group that `prep` ("from", "for") takes."""
    for p in prep.children:
        if p.dep_ == "pobj" and ctx.how.get(p.i) == "name" and ctx.typ(ctx.tok2cl[p.i]) == "Group":
            ctx.add(subject, "MEMBER_OF", ctx.tok2cl[p.i], root, 0.7, rule="affiliation.from_group")


def speaking_for(ctx: ParseContext, root: Token, subject: int) -> None:
    """"For the Lib Dems, Vince Cable said ...": the group the sentence opens with, for its speaker."""
    verb = root.head
    if root.dep_ == "nsubj" and ctx.typ(subject) == "Person" and verb.lemma_.lower() in ctx.lex.speech_verbs:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "for" and c.i == verb.sent.start:
                named_group_member(ctx, c, subject, root)


def comma_subjects(ctx: ParseContext, root: Token, subject: int) -> None:
    """"Jane Roe, Kent Farmers Guild said": parsed as two subjects of one verb."""
    if root.dep_ == "nsubj" and ctx.typ(subject) == "Person":
        for sib in root.head.children:
            if sib.dep_ == "nsubj" and sib.i > root.i and root.i + 2 < len(ctx.doc) and \
                    ctx.doc[root.i + 1].text == "," and ctx.mstart.get(sib.i) == root.i + 2:
                g = ctx.tok2cl.get(sib.i)
                if g is not None and ctx.typ(g) == "Group" and ctx.how.get(sib.i) == "name":
                    ctx.add(subject, "MEMBER_OF", g, root, 0.65, rule="affiliation.comma_subjects")


def name_in_role_phrase(ctx: ParseContext, root: Token, subject: int) -> None:
    """The name in apposition to a role: "Shadow Secretary of State, Jane Roe", "The leader of Y, X"."""
    if root.dep_ == "appos" and root.head.i not in ctx.tok2cl:
        role_np(ctx, root.head, subject, root, rule="affiliation.name_appos")
        role = root.head
        if role.lower_ in ctx.lex.all_roles and any(c.lower_ == "whose" for c in role.children) and \
                role.head.dep_ == "relcl" and ctx.typ(subject) == "Person":
            # "Lancashire Police Authority, whose chairman, Janet Hollis, said"
            for g, gt in ctx.ents(role.head.head):
                _role_relation(ctx, subject, g, role.lower_, True, False, root, 0.8, "affiliation.whose_role")
    elif root.dep_ in ("appos", "npadvmod") and ctx.typ(subject) == "Person" and \
            ctx.doc[ctx.mstart[root.i] - 1].text == ",":
        # "The leader of Y, X, ...", "director of the Victims of Crime Trust, X, ..."
        h = root.head
        for _ in range(6):
            if h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lower_ in ctx.lex.all_roles:
                role_np(ctx, h.head.head, subject, root, rule="affiliation.role_of_name")
                break
            if h.dep_ not in ("pobj", "prep", "compound"):
                break
            h = h.head


def verb_affiliation(ctx: ParseContext, v: Token, lemma: str) -> None:
    """Affiliation stated by a verb: copulas, lead/head/chair, join, elect/appoint ... as."""
    if ctx.negated(v):
        return
    if lemma == "be" or lemma in ("become", "remain", "serve"):
        subs = ctx.subjects(v) or [(cl, t) for c in v.children if c.dep_ == "nsubj" for cl, t in ctx.ents(c)]
        for a in v.children:
            if a.dep_ in ("attr",) or (lemma == "serve" and a.dep_ == "prep" and a.lower_ == "as"):
                heads = [a] if a.dep_ == "attr" else [p for p in a.children if p.dep_ == "pobj"]
                for h in heads:
                    for s, st in subs:
                        role_np(ctx, h, s, v, base=0.8, rule="affiliation.copula")
        return
    if lemma in ctx.lex.lead_verbs:
        if ctx.passive(v):
            actors = [x for c in v.children if c.dep_ == "agent" for p in c.children for x in ctx.ents(p)]
            objs = [x for c in v.children if c.dep_ == "nsubjpass" for x in ctx.ents(c)]
        else:
            actors = ctx.subjects(v)
            objs = [x for c in v.children if c.dep_ == "dobj" for x in ctx.ents(c)]
        for s, st in actors:
            if ctx.typ(s) != "Person":
                continue
            for o, ot in objs:
                ctx.add(s, "LEADS", o, v, 0.8, via=[st], rule="affiliation.lead_verb")
    elif lemma in ctx.lex.join_verbs:
        # The body itself is joined, not its owner ("joined the GOP nominee on the trail"), and a
        # party joining a party sides with it ("24 Republicans joined 190 Democrats in voting").
        for s, st in ctx.subjects(v):
            for c in v.children:
                if c.dep_ == "dobj":
                    for o, ot in ctx.ents(c):
                        if not ctx.clusters[s].kind == ctx.clusters[o].kind == "party":
                            ctx.add(s, "MEMBER_OF", o, v, 0.75, via=[st], rule="affiliation.join_verb")

    elif lemma in ctx.lex.appoint_verbs and not ctx.passive(v):
        bodies = [x for x in ctx.subjects(v) if ctx.typ(x[0]) == "Group"]
        for c in v.children:
            if c.dep_ != "dobj":
                continue
            for p, pt in ctx.ents(c):
                for r in v.children:
                    if r.dep_ in ("oprd", "attr") or (r.dep_ == "prep" and r.lower_ == "as"):
                        heads = [r] if r.dep_ != "prep" else [q for q in r.children if q.dep_ == "pobj"]
                        for h in heads:
                            role_np(ctx, h, p, v, base=0.8, rule="affiliation.appointed")
                            if any(x.dep_ == "poss" and x.lower_ in ("its", "their") for x in h.children):
                                for b, bt in bodies:  # "the party elected X as its leader"
                                    _role_relation(ctx, p, b, h.lower_, True, False, v, 0.8,
                                                        "affiliation.appointed_by_body")
    elif lemma in ctx.lex.appoint_verbs and ctx.passive(v):
        subs = [x for c in v.children if c.dep_ == "nsubjpass" for x in ctx.ents(c)]
        for c in v.children:
            if c.dep_ in ("oprd", "attr", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as"):
                heads = [c] if c.dep_ != "prep" else [p for p in c.children if p.dep_ == "pobj"]
                for h in heads:
                    for s, st in subs:
                        role_np(ctx, h, s, v, base=0.8, rule="affiliation.appointed_passive")


def _combine(lex: Lexicon, a: str, b: str) -> str:
    """The role a two-word title stands for: "director general", "secretary general" and "chief executive" lead."""
    if a in ("director", "secretary") and b == "general" or a == "chief" and b in ("executive", "constable") or \
            a == "general" and b == "secretary":
        return "leader"
    return b if b in lex.all_roles else a


def _heads_a_unit(ctx: ParseContext, head: Token) -> bool:
    """A leader role "of" something that names no group: a unit or a brief inside the body
    ("director of organizational strategy at Families USA", "head of corporate communications")."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and
               not any(p.dep_ == "pobj" and ctx.targets_group(p) for p in c.children) for c in head.children)


def _is_leader(lex: Lexicon, role: str) -> bool:
    return role in lex.leader_roles or role == "leader"


def _covers_as_beat(ctx: ParseContext, role: str, g: int) -> bool:
    """A `beat_roles` word ("correspondent") after a body the gazetteer knows for other than a
    newsroom: the beat the reporter covers ("White House correspondent"), not the employer."""
    return role in ctx.lex.beat_roles and ctx.clusters[g].kind not in ("", "media")


def _heads_its_body(ctx: ParseContext, role: str, g: int) -> bool:
    """A `body_head_roles` word ("commissioner") of a body that has one: a police force or an
    agency, not a commission, a union of states or a place, which have several."""
    body = ctx.clusters[g]
    return role in ctx.lex.body_head_roles and body.kind not in (STATE, "international") and \
        "commission" not in body.name.lower()
