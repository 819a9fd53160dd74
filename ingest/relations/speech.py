"""Reported speech: "X said Y had been wrong" => X CRITICISES Y, "X said Y was a prudent chancellor" => SUPPORTS;
and quoted speech whose speaker another sentence names ('X said: "We will win. Y has failed."').

Rule ids: ``speech.*`` in ``ingest/rules.yaml``.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import Lexicon
from .context import ParseContext


def reported_speech(ctx: ParseContext, v: Token) -> None:
    """"X said Y had been wrong" => X CRITICISES Y; praise, warnings and retorts likewise."""
    speakers = ctx.subjects(v)
    if not speakers or ctx.negated(v):
        return
    clauses = [c for c in v.children if c.dep_ in ("ccomp", "xcomp")]
    if not clauses:
        clauses = [c for c in v.children if c.dep_ == "parataxis" and c.pos_ in ("VERB", "AUX")]
    if not clauses and v.dep_ == "parataxis":
        clauses = [v.head]  # "Jane Roe misled voters, say the Greens"
    for c in list(clauses):
        clauses.extend(x for x in c.conjuncts if x.pos_ in ("VERB", "AUX"))
    agreement(ctx, v, speakers)
    retort = v.dep_ == "advcl" and _is_retort(v.head)
    for c in clauses:
        agreement(ctx, c, speakers)
        verdict = clause_verdict(ctx, c)
        if verdict is None and retort and c.dep_ == "ccomp":
            # "X hit back, saying Y had no plans of its own": the reply is aimed at Y
            subj = [t for x in c.children if x.dep_ in ("nsubj", "nsubjpass") for t in ctx.ents(x)]
            verdict = ("CRITICISES", subj) if subj else None
        if verdict is None and v.lemma_.lower() == "warn" and c.dep_ == "ccomp" and \
                not any(x.dep_ == "dobj" and ctx.ents(x) for x in v.children):
            # "X warned (that) Y would regret it": a warning about Y; one warned ("X warned Tony
            # Blair that the war could be illegal") is the target, as the stance verb reads it
            subj = [t for x in c.children if x.dep_ in ("nsubj", "nsubjpass") for t in ctx.ents(x)]
            if subj and not ctx.negated(c):
                verdict = ("CRITICISES", subj)
                for s, st in speakers:
                    for o, ot in subj:
                        ctx.add(s, "CRITICISES", o, v, 0.55, via=[st, ot], rule="speech.warning")
                continue
        if verdict is not None:
            _verdict_of(ctx, speakers, c, verdict, v, 0.6, "speech.reported")


def quoted_speech(ctx: ParseContext) -> None:
    """'Jane Roe said: "We will win. John Doe has made a mistake."': a sentence of quoted
    speech that does not name its speaker (``doc._.pg_speakers``) is the speaker's own verdict."""
    for start, speaker in (ctx.doc._.pg_speakers or {}).items():
        sent = ctx.doc[start].sent
        if sent.root.pos_ not in ("VERB", "AUX"):
            continue
        for c in (sent.root, *(x for x in sent.root.conjuncts if x.pos_ in ("VERB", "AUX"))):
            verdict = clause_verdict(ctx, c)
            if verdict is not None:
                _verdict_of(ctx, [(speaker, None)], c, verdict, c, 0.55, "speech.quoted")


def _verdict_of(ctx: ParseContext, speakers: list[tuple[int, Token | None]], c: Token,
                verdict: tuple[str, list[tuple[int, Token]]], v: Token, conf: float, rule: str) -> None:
    """The speakers' claims from a clause's verdict, but no threat a leader announces for their own party."""
    rtype, targets = verdict
    threat = rtype == "CRITICISES" and _threat(ctx.lex, c)
    for s, st in speakers:
        own = {o for (p, t, o) in ctx.rels if p == s and t in ("MEMBER_OF", "LEADS")}
        for o, ot in targets:
            if not (threat and o in own):  # a leader announcing his own party's cuts
                ctx.add(s, rtype, o, v, conf, via=[st, ot], rule=rule)


def agreement(ctx: ParseContext, v: Token, speakers: list[tuple[int, Token]]) -> None:
    """"As Y has said, ...": the speaker agrees with Y."""
    for a in v.children:
        if a.dep_ == "advcl" and a.lemma_.lower() in ctx.lex.speech_verbs and \
                any(m.dep_ == "mark" and m.lower_ == "as" for m in a.children) and not ctx.negated(a):
            for o, ot in (x for c in a.children if c.dep_ == "nsubj" for x in ctx.ents(c)):
                for s, st in speakers:
                    ctx.add(s, "SUPPORTS", o, v, 0.6, via=[st, ot], rule="speech.agreement")


def clause_subject_party(ctx: ParseContext, s: Token) -> list[tuple[int, Token]]:
    """"his old party" in a reported clause: the party the person left, else their party."""
    if s.lower_ != "party":
        return []
    owner = next((c for c in s.children if c.dep_ == "poss" and c.i in ctx.tok2cl), None)
    if owner is None:
        return []
    person = ctx.tok2cl[owner.i]
    if any(c.lower_ in ctx.lex.former_or_old for c in s.children):
        left = {o for (p, t, o) in ctx.rels if p == person and t == "RESIGNED_FROM"}
        return [(next(iter(left)), owner)] if len(left) == 1 else []
    g = ctx.party_of(person, s)
    return [(g, owner)] if g is not None else []


def clause_verdict(ctx: ParseContext, c: Token):
    """Whether a reported clause blames or praises its subject: ("CRITICISES", [subjects])."""
    subj = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        return None
    targets = []
    for s in subj:
        targets.extend(ctx.ents(s))
        if not targets:
            targets.extend(clause_subject_party(ctx, s))
        if not targets:
            targets.extend(ctx.owners(s))  # "Unify's leadership had made a mistake"
    if not targets:
        return None
    if ctx.negated(c):
        return None
    lemma = c.lemma_.lower()
    neg = False
    pos = False
    if lemma == "have" and any(x.dep_ == "dobj" and any(
            m.dep_ == "amod" and m.tag_ == "VBN" and m.lemma_.lower() in ctx.lex.neg_predicates for m in x.children)
            for x in c.children):
        neg = True  # "Y had failed pensioners", parsed with "failed" as an adjective
    if lemma in ctx.lex.neg_predicates:
        if lemma in ("let", "sell") and not any(x.dep_ == "prt" and x.lower_ in ("down", "out") for x in c.children):
            pass
        elif lemma == "break" and not any(x.dep_ == "dobj" and x.lemma_.lower() in ("promise", "pledge", "law", "rule") for x in c.children):
            pass
        else:
            neg = True
    for x in c.children:
        if x.dep_ in ("acomp", "attr", "dobj", "oprd") or (x.dep_ == "ccomp" and x.pos_ == "ADJ"):
            words = _eval_words(x)
            if words & ctx.lex.neg_eval:
                neg = True
            elif words & ctx.lex.pos_eval and x.dep_ != "dobj":
                pos = True
            elif x.dep_ == "dobj" and x.lemma_.lower() == "job" and lemma == "do" and words & ctx.lex.good_job:
                pos = True  # "Y had done a good job"
            elif x.dep_ == "dobj" and lemma == "have" and x.lemma_.lower() in ("confidence", "support", "backing") \
                    and any(m.dep_ == "poss" for m in x.children) and words & {"full", "total", "complete"}:
                pos = True  # "he had her full confidence"
    if lemma == "lose" and any(x.dep_ == "dobj" and x.lemma_.lower() in ("control", "grip", "touch", "plot", "way",
                                                                      "nerve", "credibility")
                               for x in c.children):
        neg = True  # "Y had lost control of our borders"
    if _threat(ctx.lex, c):
        neg = True  # "the Tories would cut 35bn from public services"
    if neg:
        return ("CRITICISES", targets)
    if pos:
        return ("SUPPORTS", targets)
    return None


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


def _threat(lex: Lexicon, c: Token) -> bool:
    """"Y would cut / scrap / put at risk ...": a clause predicting harm by its subject."""
    if not any(x.dep_ == "aux" and x.lower_ in ("would", "will", "'ll", "’ll") for x in c.children):
        return False
    lemma = c.lemma_.lower()
    objs = [x.lemma_.lower() for x in c.children if x.dep_ == "dobj"]
    if lemma in lex.threat_verbs:
        return not any(o in ("tax", "taxis", "taxes", "cost", "bureaucracy", "waste", "crime") for o in objs)
    if lemma in lex.tax_verbs and any(o in ("tax", "taxis", "taxes") for o in objs):
        return True
    if lemma == "put":
        return any(p.dep_ == "prep" and p.lower_ in ("at", "in") and
                   any(q.lemma_.lower() in ("risk", "danger", "jeopardy") for q in p.children) for p in c.children)
    return False
