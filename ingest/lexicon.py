"""Word lists shared by the extraction components (lemmas, lower case).

The words are data, in ``ingest/data/lexicon/*.yaml``, read once into the frozen `LEXICON`;
the module names below (`LEADER_ROLES`, `IDIOMS`, ...) are its fields, so a word is changed
in the YAML, not here. Only the unions the rules test per token, and `is_role`, are code.
General English/political vocabulary only: nothing here names an actor. Honorifics and
pronouns, which say something about the name next to them, are in `polgraph.core.names`.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Any

from polgraph.core.errors import InputError
from polgraph.core.yamlfile import load_yaml

Words = frozenset[str]
#: (relation type, prepositions that introduce its target)
Stance = tuple[str, Words]


@dataclass(frozen=True)
class Lexicon:
    """Every word list of the extraction rules; each field is the YAML key of the same name."""
    leader_roles: Words
    member_roles: Words
    cased_roles: Mapping[str, tuple[str, ...]]
    implied_body: Mapping[str, str]
    deputy_words: Words
    support_roles: Words
    critic_roles: Words
    title_words: Words
    role_second_words: Words
    role_or_title_besides_roles: Words
    person_roles: Words
    seat_roles: Words
    body_names: Mapping[str, tuple[str, ...]]
    role_joiners: Words
    members_plural: Words
    adjacency_neutral: Words
    former_words: Words
    former_or_old_besides_former: Words
    criticise_verbs: Words
    particle_verbs: Mapping[str, Words]
    weak_criticise: Words
    support_verbs: Words
    support_preps: Mapping[str, Words]
    criticise_preps: Mapping[str, Words]
    weak_support: Words
    resign_particles: Mapping[str, Words]
    speech_verbs: Words
    neg_predicates: Words
    neg_eval: Words
    pos_eval: Words
    hedge_heads: Words
    conditional_marks: Words
    departure_verbs: Words
    idioms: Mapping[tuple[str, str], Stance]
    stance_nouns: Mapping[str, Stance]
    reactions: Mapping[str, str]
    eval_verbs: Words
    demand_verbs: Words
    loss_nouns: Words
    calendar_words: Words
    body_nouns: Words
    generic_modifiers: Words
    event_nouns: Words
    event_needs_name: Words
    group_context: Words
    party_kinds: Words
    nationalities: Words
    people_nouns: Words
    group_head_nouns: Words
    post_nouns: Words
    lead_verbs: Words
    found_verbs_besides_lead: Words
    join_verbs: Words
    appoint_verbs: Words
    part_of: Words
    body_roles: Words
    body_head_words: Words
    reaction_verbs: Words
    office_nouns: Words
    tax_verbs: Words
    threat_verbs: Words
    good_job: Words


def _frozen_map(convert: Callable[[Any], Any]) -> Callable[[dict], Mapping]:
    """A converter of a YAML mapping to a read-only one, its values passed through `convert`."""
    return lambda data: MappingProxyType({key: convert(value) for key, value in data.items()})


def _stance(entry: dict) -> Stance:
    return entry["relation"], frozenset(entry["preps"])


def _idioms(rows: list[dict]) -> Mapping[tuple[str, str], Stance]:
    return MappingProxyType({(row["verb"], row["object"]): _stance(row) for row in rows})


# How each field that is not a plain word set is built from its YAML value.
_CONVERT: dict[str, Callable[[Any], Any]] = {
    "cased_roles": _frozen_map(tuple), "body_names": _frozen_map(tuple), "implied_body": _frozen_map(str),
    "reactions": _frozen_map(str), "particle_verbs": _frozen_map(frozenset),
    "support_preps": _frozen_map(frozenset), "criticise_preps": _frozen_map(frozenset),
    "resign_particles": _frozen_map(frozenset), "stance_nouns": _frozen_map(_stance), "idioms": _idioms,
}


#: the packaged lexicon folder
LEXICON_FOLDER = resources.files("polgraph.ingest").joinpath("data/lexicon")


def load_lexicon(folder: Traversable = LEXICON_FOLDER) -> Lexicon:
    """Every ``*.yaml`` file of `folder` merged into one `Lexicon`; a key given twice, missing
    or unknown is an error naming it, so a typo in the data cannot silently drop a list."""
    data: dict[str, Any] = {}
    for file in sorted(folder.iterdir(), key=lambda f: f.name):
        if not file.name.endswith(".yaml"):
            continue
        source = f"lexicon file {file.name}"
        for key, value in (load_yaml(file.read_text(encoding="utf-8"), source) or {}).items():
            if key in data:
                raise InputError(f"{source}: word list {key!r} is given twice")
            data[key] = value
    fields = {f.name for f in dataclasses.fields(Lexicon)}
    if data.keys() != fields:
        raise InputError(f"lexicon {folder}: unknown word lists {sorted(data.keys() - fields)}, "
                         f"missing {sorted(fields - data.keys())}")
    return Lexicon(**{key: _CONVERT.get(key, frozenset)(value) for key, value in data.items()})


LEXICON = load_lexicon()

LEADER_ROLES = LEXICON.leader_roles
MEMBER_ROLES = LEXICON.member_roles
CASED_ROLES = LEXICON.cased_roles
IMPLIED_BODY = LEXICON.implied_body
DEPUTY_WORDS = LEXICON.deputy_words
SUPPORT_ROLES = LEXICON.support_roles
CRITIC_ROLES = LEXICON.critic_roles
ALL_ROLES = LEADER_ROLES | MEMBER_ROLES | SUPPORT_ROLES | CRITIC_ROLES


def is_role(tok) -> bool:
    """Whether a token is a role word ("AM" but not "am")."""
    low = tok.lower_
    return low in ALL_ROLES and (low not in CASED_ROLES or tok.text in CASED_ROLES[low])


TITLE_WORDS = LEXICON.title_words
ROLE_SECOND_WORDS = LEXICON.role_second_words
CALENDAR_WORDS = LEXICON.calendar_words
FORMER_WORDS = LEXICON.former_words
CRITICISE_VERBS = LEXICON.criticise_verbs
PARTICLE_VERBS = LEXICON.particle_verbs
WEAK_CRITICISE = LEXICON.weak_criticise
SUPPORT_VERBS = LEXICON.support_verbs
SUPPORT_PREPS = LEXICON.support_preps
CRITICISE_PREPS = LEXICON.criticise_preps
WEAK_SUPPORT = LEXICON.weak_support
RESIGN_PARTICLES = LEXICON.resign_particles
SPEECH_VERBS = LEXICON.speech_verbs
NEG_PREDICATES = LEXICON.neg_predicates
NEG_EVAL = LEXICON.neg_eval
POS_EVAL = LEXICON.pos_eval
HEDGE_HEADS = LEXICON.hedge_heads
CONDITIONAL_MARKS = LEXICON.conditional_marks
BODY_NOUNS = LEXICON.body_nouns
GENERIC_MODIFIERS = LEXICON.generic_modifiers
EVENT_NOUNS = LEXICON.event_nouns
EVENT_NEEDS_NAME = LEXICON.event_needs_name
GROUP_CONTEXT = LEXICON.group_context
PARTY_KINDS = LEXICON.party_kinds
ADJACENCY_NEUTRAL = LEXICON.adjacency_neutral
ROLE_OR_TITLE = ALL_ROLES | LEXICON.role_or_title_besides_roles
PERSON_ROLES = LEXICON.person_roles
DEPARTURE_VERBS = LEXICON.departure_verbs
NATIONALITIES = LEXICON.nationalities
IDIOMS = LEXICON.idioms
STANCE_NOUNS = LEXICON.stance_nouns
PEOPLE_NOUNS = LEXICON.people_nouns
LOSS_NOUNS = LEXICON.loss_nouns
REACTIONS = LEXICON.reactions
GROUP_HEAD_NOUNS = LEXICON.group_head_nouns
POST_NOUNS = LEXICON.post_nouns
LEAD_VERBS = LEXICON.lead_verbs
JOIN_VERBS = LEXICON.join_verbs
APPOINT_VERBS = LEXICON.appoint_verbs
EVAL_VERBS = LEXICON.eval_verbs
ROLE_JOINERS = LEXICON.role_joiners
MEMBERS_PLURAL = LEXICON.members_plural
PART_OF = LEXICON.part_of
DEMAND_VERBS = LEXICON.demand_verbs
SEAT_ROLES = LEXICON.seat_roles
BODY_NAMES = LEXICON.body_names
BODY_ROLES = LEXICON.body_roles
BODY_HEAD_WORDS = LEXICON.body_head_words
REACTION_VERBS = LEXICON.reaction_verbs
OFFICE_NOUNS = LEXICON.office_nouns
TAX_VERBS = LEXICON.tax_verbs
THREAT_VERBS = LEXICON.threat_verbs
GOOD_JOB = LEXICON.good_job
# Unions tested per token or per child below, built once here.
SPEECH_OR_STANCE_VERBS = SPEECH_VERBS | CRITICISE_VERBS | SUPPORT_VERBS | DEMAND_VERBS
ROLE_PARTS = ROLE_JOINERS | ALL_ROLES
STANCE_ROLES = SUPPORT_ROLES | CRITIC_ROLES
FOUND_VERBS = LEAD_VERBS | LEXICON.found_verbs_besides_lead
GROUP_TARGET_NOUNS = POST_NOUNS | ALL_ROLES | GROUP_HEAD_NOUNS
ROLES_AND_PLURALS = ALL_ROLES | {r + "s" for r in ALL_ROLES}
FORMER_OR_OLD = FORMER_WORDS | LEXICON.former_or_old_besides_former
