"""Cross-article entity resolution of one batch of extractions.

`resolve` folds the per-article extractions into one list of entities and relations. The
same actor in several articles is one entity, keyed by `exact_key` (type, `name_key`, and
the gender a titled surname states: "Mr Howard" is not "Mrs Howard"): that exact fold is
all an ingest batch does (`exact_only`), so what is stored never depends on where batches
fall; every fuzzy merge is made afterwards over the whole store, recorded and
undoable (`polgraph.resolver`).

`polgraph extract`, which has no store, applies the same decisions in memory: the
judgements of a user aliases file (`polgraph.judgements.from_aliases`, see there for its
format), then the automatic rules of `polgraph.core.resolution_rules` (a surname-only
person joins the one full name that nothing contradicts; a group or event named by another
one's alias joins it).

Entity ids are stable (`entity_id(type, canonical name)`); relations are re-pointed to the
resolved ids and deduplicated per article (highest confidence kept).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from polgraph import judgements as jfile
from polgraph.core.names import entity_id, name_key
from polgraph.core.records import ENTITY_TYPES, ArticleExtraction, Claim, Entity
from polgraph.core.resolution_rules import Actor, alias_merges, exact_key, person_merges, record_name

Node = tuple[str, str, str]  # `exact_key`: type, name key, the gender the name states
_TYPE_OF_ID = {t.lower(): t for t in ENTITY_TYPES}


class _UF:
    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


@dataclass
class _Nodes:
    """The actors of a batch by exact key: their names, aliases and articles, and each local id's node."""

    names: dict[Node, Counter] = field(default_factory=dict)
    aliases: dict[Node, list[str]] = field(default_factory=dict)
    articles: dict[Node, list[str]] = field(default_factory=dict)
    local: dict[tuple[str, str], Node] = field(default_factory=dict)  # (article id, local entity id) -> node

    def add(self, aid: str, e: Entity) -> None:
        name = record_name(e.type, e.name, e.aliases)
        node = exact_key(e.type, name)
        self.local[(aid, e.id)] = node
        self.names.setdefault(node, Counter())[name] += 1
        _extend(self.aliases.setdefault(node, []), [name, e.name, *e.aliases])
        _extend(self.articles.setdefault(node, []), [aid, *e.articles])

    def actor(self, node: Node) -> Actor:
        return Actor("\0".join(node), self.names[node].most_common(1)[0][0], node[0], self.aliases[node])

    def named(self, type_: str, name: str) -> list[Node]:
        """The nodes of that type a name denotes, whatever gender their titles state."""
        key = name_key(name)
        return [n for n in self.names if n[:2] == (type_, key)]


def resolve(extractions: Iterable[ArticleExtraction], aliases_file: Path | None = None,
            exact_only: bool = False) -> tuple[list[Entity], list[Claim]]:
    """Entities and relations of the batch: folded by exact key, and with `exact_only` off, resolved in memory."""
    judged = jfile.from_aliases(aliases_file)
    exs = list(extractions)
    nodes = _Nodes()
    for ex in exs:
        for e in ex.entities:
            nodes.add(ex.article.id, e)
    uf = _UF()
    for node in nodes.names:
        uf.find(node)
    forced = {} if exact_only else _fuzzy(nodes, judged, uf)
    node2id, entities = _entities(nodes, uf, forced)
    return entities, _relations(exs, nodes, node2id)


def _fuzzy(nodes: _Nodes, judged: list[jfile.Judgement], uf: _UF) -> dict[Node, str]:
    """Apply the aliases judgements, then the automatic rules; the canonical name a judged merge forces."""
    forced: dict[Node, str] = {}
    blocked: set[frozenset[str]] = set()
    for j in jfile.latest(judged).values():
        type_ = _TYPE_OF_ID[j.a.split(":")[0]]
        ours, theirs = nodes.named(type_, j.names[0]), nodes.named(type_, j.names[1])
        if j.action != "merge":
            blocked |= {frozenset(("\0".join(a), "\0".join(b))) for a in ours for b in theirs}
            continue
        for n in ours + theirs:  # every alias joins the name, present or not
            uf.union(exact_key(type_, j.names[0]), n)
            forced[n] = j.names[0]
    found = {"\0".join(n): nodes.actor(n) for n in nodes.names if n[1]}
    people = [a for i, a in found.items() if a.type == "Person" and tuple(i.split("\0")) not in forced]
    merges = person_merges(people, blocked)
    merges += alias_merges([a for a in found.values() if a.type != "Person"], blocked)
    for keep, gone, _ in merges:
        uf.union(tuple(keep.id.split("\0")), tuple(gone.id.split("\0")))
    return forced


def _entities(nodes: _Nodes, uf: _UF, forced: dict[Node, str]) -> tuple[dict[Node, str], list[Entity]]:
    """One entity per set of folded nodes, named by a forced name, else its fullest and most used one."""
    groups: dict[Node, list[Node]] = {}
    for n in nodes.names:
        groups.setdefault(uf.find(n), []).append(n)
    node2id: dict[Node, str] = {}
    merged: dict[str, Entity] = {}
    for members in groups.values():
        typ = members[0][0]
        canon = next((forced[n] for n in reversed(members) if n in forced), None)
        if canon is None:
            counts = Counter()
            for n in members:
                counts.update(nodes.names[n])
            rank = (lambda s: (len(name_key(s).split()), counts[s], len(s))) if typ == "Person" \
                else (lambda s: (counts[s], len(s)))
            canon = max(counts, key=rank)
        eid = entity_id(typ, canon)
        al, arts = [], []
        for n in members:
            _extend(al, [a for a in nodes.aliases[n] if a != canon])
            _extend(arts, nodes.articles[n])
            node2id[n] = eid
        if eid in merged:  # two sets may produce one id (one canonical name): fold them
            _extend(merged[eid].aliases, al)
            _extend(merged[eid].articles, arts)
        else:
            merged[eid] = Entity(name=canon, type=typ, aliases=al, articles=arts, id=eid)
    return node2id, list(merged.values())


def _relations(exs: list[ArticleExtraction], nodes: _Nodes, node2id: dict[Node, str]) -> list[Claim]:
    """Every relation re-pointed to resolved ids, one per (subject, type, object, article): the most confident."""
    relations: dict[tuple, Claim] = {}
    for ex in exs:
        aid = ex.article.id
        for r in ex.relations:
            s = node2id.get(nodes.local.get((aid, r.subject)), r.subject)
            o = node2id.get(nodes.local.get((aid, r.object)), r.object)
            if s == o:
                continue
            key = (s, r.type, o, r.article)
            old = relations.get(key)
            if old is None or r.confidence > old.confidence:
                relations[key] = replace(r, subject=s, object=o)
    return list(relations.values())


def _extend(into: list[str], items: Iterable[str]) -> None:
    """Add the items not yet in the list, in order."""
    for x in items:
        if x not in into:
            into.append(x)
