"""What the polgraph spaCy components hand each other on a Doc, declared in one place.

* ``polgraph_gazetteer`` assigns ``doc.ents``; its matches carry ``kb_id_``, the canonical name,
  and ``span._.pg_kind``, the kind of body it is (party, union ...; "" on other spans), and
  ``doc.spans["pg_seats"]``, the seat roles ("MSP"), each with the ``kb_id_`` and kind of its body,
  and ``doc.spans["pg_party_tags"]``, US party-state tags ("R" of "X (R-Ky.)"), each naming its party,
  and ``doc.spans["pg_office_titles"]``, office titles ("Home Secretary"), each naming its department;
* ``polgraph_mentions`` requires them and assigns ``doc._.pg_clusters`` (a list of `Cluster`, one
  per actor, or `dropped`; the relation rules may append the bodies a role implies) and ``doc._.pg_mentions``
  (a list of `MentionSpan`, in token order) and ``doc._.pg_speakers`` ({first token of a sentence of
  quoted speech that does not name its speaker: the speaker's cluster}, `mentions.quotes`);
* ``polgraph_relations`` requires both and assigns ``doc._.pg_relations``, `ClaimCandidate`s.

Each factory declares these as spaCy ``requires``/``assigns`` (``nlp.analyze_pipes`` checks the
order), and every reader reads these records by field, not by position.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

KIND = "span._.pg_kind"
SEATS = "pg_seats"  # the doc.spans group of seat roles
PARTY_TAGS = "pg_party_tags"  # the doc.spans group of party-state tags
OFFICE_TITLES = "pg_office_titles"  # the doc.spans group of office titles ("Home Secretary")
CLUSTERS = "doc._.pg_clusters"
MENTIONS = "doc._.pg_mentions"
RELATIONS = "doc._.pg_relations"
SPEAKERS = "doc._.pg_speakers"

for _attr in (CLUSTERS, MENTIONS, RELATIONS, SPEAKERS):
    if not Doc.has_extension(_attr.rsplit(".", 1)[1]):
        Doc.set_extension(_attr.rsplit(".", 1)[1], default=None)
if not Span.has_extension("pg_kind"):
    Span.set_extension("pg_kind", default="")


#: the kind of a country, state or city named as itself: an actor only where it acts, so it is
#: an entity only as an end of a claim ("Trump sanctioned Turkey"; not "he flew to Turkey")
STATE = "state"


@dataclass(frozen=True)
class Cluster:
    """One actor of an article: its canonical name and every surface form the article used for it."""

    name: str
    type: str  # Person, Group or Event
    aliases: tuple[str, ...]
    gender: str | None  # "m"/"f" from an honorific or first name, None when unknown
    kind: str  # the gazetteer's kind of body (party, union ...), a `person_bodies` or `state_bodies`
    # noun's ("the Trump administration": government), STATE for a place NER names; "" for any other
    # True for a cluster that lost its named mentions to another (a re-typed person): it stays
    # in the list so that indices hold, but is no actor, and no claim or entity is made of it
    dropped: bool = False


@dataclass(frozen=True)
class MentionSpan:
    """One mention of a cluster: a token span of the doc and how it was linked."""

    start: int
    end: int
    cluster: int  # index into doc._.pg_clusters
    how: str  # name, acronym, pronoun, definite


@dataclass(frozen=True)
class ClaimCandidate:
    """A claim the relation rules state between two clusters of one article, before ids are given."""

    subject: int  # index into doc._.pg_clusters
    type: str  # a claim type of graph/schema.yaml
    object: int
    start: int  # character offsets of the evidence sentence in the doc
    end: int
    confidence: float
    former: bool
    rule: str  # the id of the rule that stated it (ingest/rules.yaml)
