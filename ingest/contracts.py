"""What the polgraph spaCy components hand each other on a Doc, declared in one place.

* ``polgraph_gazetteer`` assigns ``doc.ents`` (gazetteer matches carry ``kb_id_``, the canonical name)
  and ``doc._.pg_kinds``, the kind of body each matched canonical name is (party, union ...);
* ``polgraph_mentions`` requires them and assigns ``doc._.pg_clusters`` (one dict per actor:
  name, type, aliases, gender, kind) and ``doc._.pg_mentions`` (``[start, end, cluster, how]``);
* ``polgraph_relations`` requires both and assigns ``doc._.pg_relations``, `ClaimCandidate`s.

Each factory declares these as spaCy ``requires``/``assigns`` (``nlp.analyze_pipes`` checks the
order), and `extract_doc` reads the candidates by field, not by position.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

KINDS = "doc._.pg_kinds"
CLUSTERS = "doc._.pg_clusters"
MENTIONS = "doc._.pg_mentions"
RELATIONS = "doc._.pg_relations"

for _attr in (KINDS, CLUSTERS, MENTIONS, RELATIONS):
    if not Doc.has_extension(_attr.rsplit(".", 1)[1]):
        Doc.set_extension(_attr.rsplit(".", 1)[1], default=None)


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
