"""Word lists shared by the extraction components (lemmas, lower case).

The words are data, in ``ingest/data/lexicon/*.yaml``, read once per process into a frozen
`Lexicon` that spaCy's registry hands each polgraph component through its ``lexicon`` config
setting (``{"@misc": "polgraph.lexicon.v1"}``), so a pipeline can be given another one; the
components pass it on to their rules (``ctx.lex``), which is the one way to reach a word list.
A word is changed in the YAML, not here. Only the unions the rules test per token, and
`Lexicon.is_role`, are code.
General English/political vocabulary only: nothing here names an actor. Honorifics and
pronouns, which say something about the name next to them, are in `polgraph.core.names`.
"""
from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Any

from spacy.tokens import Token
from spacy.util import registry

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
    party_only_roles: Words
    body_head_roles: Words
    beat_roles: Words
    cased_roles: Mapping[str, tuple[str, ...]]
    deputy_words: Words
    stand_in_words: Words
    support_roles: Words
    critic_roles: Words
    title_words: Words
    occupations: Words
    role_second_words: Words
    role_or_title_besides_roles: Words
    person_roles: Words
    brief_roles: Words
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
    person_bodies: Mapping[str, str]
    state_bodies: Mapping[str, str]
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

    # Unions of several lists, tested per token or per child, built once per lexicon.
    @functools.cached_property
    def all_roles(self) -> Words:
        return self.leader_roles | self.member_roles | self.party_only_roles | self.support_roles | self.critic_roles

    @functools.cached_property
    def role_or_title(self) -> Words:
        return self.all_roles | self.role_or_title_besides_roles

    @functools.cached_property
    def name_prefixes(self) -> Words:
        """Words before a person's name that are not part of it: "Treasurer", "Prime", "Lawyer"."""
        return self.all_roles | self.title_words | self.occupations

    @functools.cached_property
    def roles_and_plurals(self) -> Words:
        return self.all_roles | {r + "s" for r in self.all_roles}

    @functools.cached_property
    def role_parts(self) -> Words:
        return self.role_joiners | self.all_roles

    @functools.cached_property
    def stance_roles(self) -> Words:
        return self.support_roles | self.critic_roles

    @functools.cached_property
    def speech_or_stance_verbs(self) -> Words:
        return self.speech_verbs | self.criticise_verbs | self.support_verbs | self.demand_verbs

    @functools.cached_property
    def found_verbs(self) -> Words:
        return self.lead_verbs | self.found_verbs_besides_lead

    @functools.cached_property
    def group_target_nouns(self) -> Words:
        return self.post_nouns | self.all_roles | self.group_head_nouns

    @functools.cached_property
    def former_or_old(self) -> Words:
        return self.former_words | self.former_or_old_besides_former

    @functools.cached_property
    def former_or_acting(self) -> Words:
        """Words that make a post a former or a stand-in one: "former", "ex", "acting", "interim"."""
        return self.former_words | self.stand_in_words

    @functools.cached_property
    def role_qualifiers(self) -> Words:
        """Words that make a role another post: "shadow", "deputy", "former", "acting" chancellor."""
        return self.deputy_words | self.former_or_old | self.stand_in_words

    def is_role(self, tok: Token) -> bool:
        """Whether a token is a role word ("AM" but not "am")."""
        low = tok.lower_
        return low in self.all_roles and (low not in self.cased_roles or tok.text in self.cased_roles[low])

    def plural_role(self, tok: Token) -> str | None:
        """The role a plural role word is of ("MPs": "mp", "Sens.": "sen."), None for other words."""
        low = tok.lower_
        one = low[:-2] + "." if low.endswith("s.") else low[:-1] if low.endswith("s") else None
        return one if one in self.all_roles and one not in self.cased_roles else None


def _frozen_map(convert: Callable[[Any], Any]) -> Callable[[dict], Mapping]:
    """A converter of a YAML mapping to a read-only one, its values passed through `convert`."""
    return lambda data: MappingProxyType({key: convert(value) for key, value in data.items()})


def _stance(entry: dict) -> Stance:
    return entry["relation"], frozenset(entry["preps"])


def _idioms(rows: list[dict]) -> Mapping[tuple[str, str], Stance]:
    return MappingProxyType({(row["verb"], row["object"]): _stance(row) for row in rows})


# How each field that is not a plain word set is built from its YAML value.
_CONVERT: dict[str, Callable[[Any], Any]] = {
    "cased_roles": _frozen_map(tuple), "body_names": _frozen_map(tuple),
    "reactions": _frozen_map(str), "person_bodies": _frozen_map(str), "state_bodies": _frozen_map(str),
    "particle_verbs": _frozen_map(frozenset), "support_preps": _frozen_map(frozenset),
    "criticise_preps": _frozen_map(frozenset),
    "resign_particles": _frozen_map(frozenset), "stance_nouns": _frozen_map(_stance), "idioms": _idioms,
}


#: the registry name of the packaged lexicon, each component's default ``lexicon``
LEXICON_V1 = "polgraph.lexicon.v1"
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


@registry.misc(LEXICON_V1)
@functools.cache
def packaged_lexicon() -> Lexicon:
    """The packaged lexicon, the default of every polgraph component's ``lexicon`` setting:
    read once per process however many pipelines are built."""
    return load_lexicon()
