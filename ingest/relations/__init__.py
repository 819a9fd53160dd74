"""Relation extraction from the dependency parse: the `polgraph_relations` component.

Needs ``doc._.pg_clusters`` / ``doc._.pg_mentions`` (the `polgraph_mentions` component) and
writes ``doc._.pg_relations``: a list of `ClaimCandidate` (``ingest/contracts.py``), each
with the id of the rule that stated it, listed in ``ingest/rules.yaml``.

The rules are walks over a few dependency arcs around one token (linear overall), in one
module per family: `affiliation`, `stance`, `speech`, `departure`, `office`; `context` holds
the parse helpers they share and the claims found so far. `run` applies them in two phases,
in a fixed order, because later rules read what earlier ones found (a person's party, the
group they lead, the body they left).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..contracts import CLUSTERS, MENTIONS, RELATIONS, SPEAKERS, ClaimCandidate
from ..lexicon import LEXICON_V1, Lexicon
from .affiliation import affiliation_appos, affiliation_prefix, office_title, verb_affiliation
from .context import ParseContext
from .departure import defect, resign_suspend
from .office import office_noun
from .speech import quoted_speech, reported_speech
from .stance import (
    departure_call, evaluation, idiom, reaction, role_including, stance_noun, stance_verb, under_fire,
)


@Language.factory("polgraph_relations", default_config={"use_pronouns": True, "lexicon": {"@misc": LEXICON_V1}},
                  requires=[CLUSTERS, MENTIONS, SPEAKERS], assigns=[RELATIONS])
def make_relations(nlp: Language, name: str, use_pronouns: bool, lexicon: Lexicon) -> "RelationsComponent":
    return RelationsComponent(lexicon, use_pronouns)


class RelationsComponent:
    def __init__(self, lexicon: Lexicon, use_pronouns: bool = True):
        self.lexicon = lexicon
        self.use_pronouns = use_pronouns

    def __call__(self, doc: Doc) -> Doc:
        clusters = doc._.pg_clusters
        mentions = doc._.pg_mentions
        if clusters is None or mentions is None:
            raise ValueError("polgraph_relations needs polgraph_mentions before it in the pipeline")
        doc._.pg_relations = run(ParseContext(doc, clusters, mentions, self.use_pronouns, self.lexicon))
        return doc


def run(ctx: ParseContext) -> list[ClaimCandidate]:
    """All rules over one article, in their order; the claims, one per (subject, type, object).

    Phase 1, names: the affiliation each named mention carries ("Labour MP X", "X, chairman
    of Y"), which later rules read as the person's party. Phase 2, one pass over the tokens:
    verbs then nouns, each through the rules below in this order (a resignation reads the
    group the person was just said to lead, reported speech the speaker's own party).
    Phase 3, quoted sentences whose speaker another sentence names.
    """
    for root, cl, start in ctx.mention_roots:
        if ctx.how.get(root) == "name":
            affiliation_prefix(ctx, start, cl, ctx.doc[root])
            office_title(ctx, start, cl, ctx.doc[root])
            affiliation_appos(ctx, ctx.doc[root], cl)
    for tok in ctx.doc:
        if tok.pos_ in ("VERB", "AUX"):
            verb_rules(ctx, tok, tok.lemma_.lower())
        elif tok.pos_ == "NOUN":
            noun_rules(ctx, tok, tok.lemma_.lower())
    quoted_speech(ctx)
    return list(ctx.rels.values())


def verb_rules(ctx: ParseContext, tok: Token, lemma: str) -> None:
    """Every rule a verb may set off, in order."""
    if lemma in ctx.lex.speech_verbs:
        reported_speech(ctx, tok)
    if lemma in ctx.lex.criticise_verbs or lemma in ctx.lex.support_verbs or lemma in ctx.lex.criticise_preps:
        stance_verb(ctx, tok, lemma)
    if lemma in ctx.lex.eval_verbs:
        evaluation(ctx, tok)
    if lemma in ctx.lex.demand_verbs:
        departure_call(ctx, tok)
    if lemma in ("come", "be"):
        under_fire(ctx, tok)
    if lemma == "defect":
        defect(ctx, tok)
    idiom(ctx, tok, lemma)
    if lemma in ctx.lex.reaction_verbs:
        reaction(ctx, tok, lemma)
    resign_suspend(ctx, tok, lemma)
    verb_affiliation(ctx, tok, lemma)


def noun_rules(ctx: ParseContext, tok: Token, lemma: str) -> None:
    """Every rule a noun may set off, in order."""
    if lemma in ctx.lex.stance_nouns:
        stance_noun(ctx, tok)
    if lemma in ctx.lex.office_nouns:
        office_noun(ctx, tok, lemma)
    if lemma in ctx.lex.support_roles or lemma in ctx.lex.critic_roles:
        role_including(ctx, tok)
