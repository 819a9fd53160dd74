"""Cross-article entity resolution.

`resolve` folds the per-article extractions into one list of entities and relations:

* the same actor in several articles is one entity, keyed by type and `name_key`;
* a surname-only person ("Okafor") joins the one full-name person with that surname
  ("Grace Okafor") when exactly one is known across the articles; two different full
  names never merge;
* a group or event also joins another whose canonical name is one of its aliases
  (e.g. an acronym used alone in one article and defined in another), when unambiguous;
* a user aliases file (YAML) can force merges and forbid them::

      merge:
        - name: Grace Okafor         # canonical name of the merged entity
          type: Person
          aliases: [Okafor, G. Okafor]
      forbid:
        - [Peter Hughes, Emma Hughes]  # names that must stay apart (same type)
        - [Hughes, Emma Hughes]

Entity ids are stable (`model.entity_id(type, canonical name)`); relations are
re-pointed to the resolved ids and deduplicated per article (highest confidence kept).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from polgraph.core.errors import InputError
from polgraph.core.names import entity_id, name_key
from polgraph.core.records import ArticleExtraction, Claim, Entity
from polgraph.core.yamlfile import read_yaml


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


def load_aliases(path: Path | str | None) -> tuple[list[dict], list[tuple[str, str]]]:
    if path is None:
        return [], []
    data = read_yaml(path, "aliases file") or {}
    if not isinstance(data, dict):
        raise InputError(f"aliases file {path} must be a mapping with 'merge' and/or 'forbid'")
    merges = []
    for m in data.get("merge") or []:
        if not isinstance(m, dict) or not m.get("name"):
            raise InputError(f"aliases file {path}: every merge entry needs a name: {m!r}")
        merges.append({"name": str(m["name"]), "type": m.get("type"),
                       "aliases": [str(a) for a in m.get("aliases") or []]})
    forbids = []
    for f in data.get("forbid") or []:
        if not isinstance(f, (list, tuple)) or len(f) != 2:
            raise InputError(f"aliases file {path}: every forbid entry is a pair of names: {f!r}")
        forbids.append((name_key(str(f[0])), name_key(str(f[1]))))
    return merges, forbids


def resolve(extractions: Iterable[ArticleExtraction], aliases_file: Path | None = None
            ) -> tuple[list[Entity], list[Claim]]:
    merges, forbids = load_aliases(aliases_file)
    forbidden = {frozenset(p) for p in forbids}
    exs = list(extractions)

    # Nodes are (type, key); gather names, aliases, articles per node.
    names: dict[tuple, Counter] = {}
    aliases: dict[tuple, list[str]] = {}
    articles: dict[tuple, list[str]] = {}
    local: dict[tuple[str, str], tuple] = {}  # (article id, local entity id) -> node
    for ex in exs:
        aid = ex.article.id
        for e in ex.entities:
            node = (e.type, name_key(e.name))
            local[(aid, e.id)] = node
            names.setdefault(node, Counter())[e.name] += 1
            al = aliases.setdefault(node, [])
            for a in [e.name, *e.aliases]:
                if a not in al:
                    al.append(a)
            arts = articles.setdefault(node, [])
            for a in [aid, *e.articles]:
                if a not in arts:
                    arts.append(a)

    uf = _UF()
    for node in names:
        uf.find(node)
    forced: dict[tuple, str] = {}

    def allowed(a: tuple, b: tuple) -> bool:
        return frozenset((a[1], b[1])) not in forbidden

    # 1. user merges
    for m in merges:
        keys = {name_key(m["name"]), *(name_key(a) for a in m["aliases"])}
        nodes = [n for n in names if n[1] in keys and (m["type"] is None or n[0] == m["type"])]
        for n in nodes[1:]:
            uf.union(nodes[0], n)
        for n in nodes:
            forced[n] = m["name"]

    # 2. surname-only persons join the one full name with that surname
    full_by_surname: dict[str, list[tuple]] = {}
    for n in names:
        if n[0] == "Person" and len(n[1].split()) >= 2:
            full_by_surname.setdefault(n[1].split()[-1], []).append(n)
    for n in names:
        if n[0] != "Person" or len(n[1].split()) != 1 or n in forced:
            continue
        cands = full_by_surname.get(n[1], [])
        roots = {uf.find(c) for c in cands}
        if len(roots) == 1 and all(allowed(n, c) for c in cands):
            uf.union(cands[0], n)

    # 3. groups/events whose alias is another node's name (acronyms, short forms), unless
    # more than one other node has that alias too (then it is ambiguous)
    alias_keys = {n: [(n[0], name_key(a)) for a in als] for n, als in aliases.items()}
    alias_owners: dict[tuple[str, str], set[tuple]] = {}
    for n, keys in alias_keys.items():
        for k in keys:
            alias_owners.setdefault(k, set()).add(n)
    for n, keys in alias_keys.items():
        if n[0] == "Person":
            continue
        for k in keys:
            if k[1] == n[1]:
                continue
            if k in names and allowed(n, k) and len(alias_owners[k] - {n}) <= 1:
                uf.union(n, k)

    # Build entities.
    groups: dict[tuple, list[tuple]] = {}
    for n in names:
        groups.setdefault(uf.find(n), []).append(n)
    node2id: dict[tuple, str] = {}
    entities: list[Entity] = []
    for root, members in groups.items():
        typ = root[0]
        canon = None
        for n in members:
            if n in forced:
                canon = forced[n]
        if canon is None:
            counts = Counter()
            for n in members:
                counts.update(names[n])
            if typ == "Person":
                canon = max(counts, key=lambda s: (len(name_key(s).split()), counts[s], len(s)))
            else:
                canon = max(counts, key=lambda s: (counts[s], len(s)))
        eid = entity_id(typ, canon)
        al, arts = [], []
        for n in members:
            for a in aliases[n]:
                if a != canon and a not in al:
                    al.append(a)
            for a in articles[n]:
                if a not in arts:
                    arts.append(a)
            node2id[n] = eid
        entities.append(Entity(name=canon, type=typ, aliases=al, articles=arts, id=eid))
    # Two roots may produce the same id (same canonical name): fold them.
    merged: dict[str, Entity] = {}
    for e in entities:
        if e.id in merged:
            m = merged[e.id]
            m.aliases.extend(a for a in e.aliases if a not in m.aliases)
            m.articles.extend(a for a in e.articles if a not in m.articles)
        else:
            merged[e.id] = e

    relations: dict[tuple, Claim] = {}
    for ex in exs:
        aid = ex.article.id
        for r in ex.relations:
            s = node2id.get(local.get((aid, r.subject)), r.subject)
            o = node2id.get(local.get((aid, r.object)), r.object)
            if s == o:
                continue
            key = (s, r.type, o, r.article)
            old = relations.get(key)
            if old is None or r.confidence > old.confidence:
                relations[key] = replace(r, subject=s, object=o)
    return list(merged.values()), list(relations.values())
