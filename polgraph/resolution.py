"""Store-wide entity resolution: automatic merges, candidates for analysts, and judgements.

Extraction resolves within one batch of articles; this module looks at the whole store,
after every loaded batch. Automatic merges are conservative, because a wrong merge
silently corrupts every query while a missed one only splits a record:

* a surname-only or title+surname person ("Howard", "Mr Howard", "M. Howard") joins
  the one full-name person with that surname when exactly one is in the store and
  nothing contradicts it (a title of the other gender, a different first name or initial),
  and leaves it again when a second full name with that surname arrives;
* a group or event named by a nickname or acronym ("Tories", "EOC") joins the one other
  group or event that has that name among its aliases.

Everything else is a candidate an analyst judges with merge / never / undo; judgements
go to the judgements file and are replayed, before automatic merges, by every ingest
(`resolver.Resolver`, which applies all of this to a store).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from polgraph.core.names import HONORIFICS, honorific_gender, name_key
from polgraph.graph import reads
from polgraph.graph.store import Store

SIMILAR = 85  # rapidfuzz ratio from which two names are worth an analyst's look
CDIST_ROWS = 2000  # names compared against all others at once
# Evidence weights, combined as independent evidence: 1 - prod(1 - w).
W_SURNAME, W_ALIAS, W_COMENTION, W_SIMILAR = 0.6, 0.5, 0.2, 0.8
CONTRADICTED = 0.25  # what is left of a score when something speaks against the pair


@dataclass
class Actor:
    """An entity as resolution sees it: names, type, and the articles that mention it."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)

    @cached_property
    def key(self) -> str:
        return name_key(self.name)

    @cached_property
    def tokens(self) -> list[str]:
        return self.key.split()

    @cached_property
    def alias_keys(self) -> set[str]:
        return {k for k in (name_key(x) for x in [self.name, *self.aliases]) if k}

    @cached_property
    def genders(self) -> set[str]:
        """The genders its titles say ("Mr Howard": m); empty when no title was used."""
        out = set()
        for form in [self.name, *self.aliases]:
            first = form.split()[:1]
            gender = honorific_gender(first[0]) if first else None
            if gender:
                out.add(gender)
        return out

    @property
    def short(self) -> bool:
        """A surname alone, or an initial and a surname: a mention, not a full name."""
        return self.type == "Person" and (len(self.tokens) == 1 or (len(self.tokens) == 2 and _initial(self.tokens[0])))


@cache
def canonical_names() -> frozenset[str]:
    """The canonical names of the packaged gazetteer: preferred when two groups merge."""
    from polgraph.ingest.gazetteer import load_entries

    return frozenset(e.name for e in load_entries())


def actors(store: Store, mentions: bool = False) -> list[Actor]:
    """Every entity in the store; with `mentions`, also the articles that mention it (costlier)."""
    rows = store.run(reads.ENTITIES_MENTIONED if mentions else reads.ENTITIES)
    found = [Actor(r["id"], r["name"] or "", r["type"], list(r["aliases"] or []), set(r.get("articles") or []))
             for r in rows]
    return [a for a in found if a.tokens]  # a name of titles alone ("Mr") matches nothing


# ---- automatic merging -----------------------------------------------------------------

def full_names(people: list[Actor]) -> dict[str, list[Actor]]:
    """Full-name persons by surname."""
    out: dict[str, list[Actor]] = {}
    for p in people:
        if p.type == "Person" and len(p.tokens) >= 2 and not p.short:
            out.setdefault(p.tokens[-1], []).append(p)
    return out


def surname_match(short: Actor, by_surname: dict[str, list[Actor]]) -> Actor | None:
    """The one full-name person a short one is, if exactly one has its surname and nothing contradicts it."""
    found = by_surname.get(short.tokens[-1], [])
    return found[0] if len(found) == 1 and not contradiction(short, found[0]) else None


def person_merges(people: list[Actor], blocked: set[frozenset[str]]) -> list[tuple[Actor, Actor, str]]:
    """(full, short, why) for every short person with exactly one full-name match and no contradiction."""
    by_surname = full_names(people)
    out = []
    for p in sorted((p for p in people if p.short), key=lambda p: p.id):
        full = surname_match(p, by_surname)
        if full is not None and frozenset((p.id, full.id)) not in blocked:
            out.append((full, p, f"the only full name with the surname {p.tokens[-1]}"))
    return out


def contradiction(x: Actor, y: Actor) -> str:
    """Why two persons cannot be one ("" if nothing speaks against it)."""
    for p in (x, y):
        if len(p.genders) > 1:
            return f"{p.name} is titled both as a man and as a woman"
    if x.genders and y.genders and x.genders != y.genders:
        return "a title of the other gender"
    for a in _given_names(x):
        for b in _given_names(y):
            if not (a == b or (_initial(a) and b.startswith(a[0])) or (_initial(b) and a.startswith(b[0]))):
                return f"a different first name or initial ({a}, {b})"
    return ""


def alias_merges(groups: list[Actor], blocked: set[frozenset[str]],
                 canonical: frozenset[str] = frozenset()) -> list[tuple[Actor, Actor, str]]:
    """(kept, nickname, why) for groups and events named by another one's alias.

    The one that has the alias is kept, unless only the other bears a `canonical` name
    (the gazetteer's) or, when each names the other, has the longer name ("Conservative
    Party" over "Tories"); when the alias belongs to more than one other actor, nothing merges.
    """
    owners: dict[tuple[str, str], list[Actor]] = {}
    for g in groups:
        for k in g.alias_keys - {g.key}:
            owners.setdefault((g.type, k), []).append(g)
    out, seen = [], set()
    for g in sorted(groups, key=lambda g: g.id):
        found = owners.get((g.type, g.key), [])
        if len(found) != 1:
            continue
        keep, gone = found[0], g
        rank = lambda x, y: (x.name in canonical, y.key in x.alias_keys, len(x.key), x.id)  # noqa: E731
        if rank(gone, keep) > rank(keep, gone):
            keep, gone = gone, keep
        pair = frozenset((keep.id, gone.id))
        if pair not in seen and pair not in blocked:
            seen.add(pair)
            out.append((keep, gone, f"{g.name} is an alias of {found[0].name}"))
    return out


# ---- candidates ------------------------------------------------------------------------

def candidates(all_actors: list[Actor], blocked: set[frozenset[str]], min_score: float = 0.5) -> list[dict]:
    """Likely duplicates, best first: {"a", "b", "a_id", "b_id", "score", "why", "articles"} (a: the fuller name)."""
    by_id = {a.id: a for a in all_actors}
    out = []
    for pair in sorted(_candidate_pairs(all_actors)):
        if frozenset(pair) in blocked:
            continue
        a, b = _fuller_first(by_id[pair[0]], by_id[pair[1]])
        score, why = _score(a, b)
        if score >= min_score:
            out.append({"a": a.name, "b": b.name, "a_id": a.id, "b_id": b.id, "score": score, "why": why,
                        "articles": sorted(a.articles | b.articles)})
    out.sort(key=lambda c: (-c["score"], c["a"], c["b"]))
    return out


def _candidate_pairs(all_actors: list[Actor]) -> set[tuple[str, str]]:
    """Pairs of one type that share a surname or an alias, or have similar names; pairs of one name."""
    import numpy as np
    from rapidfuzz import fuzz, process

    pairs: set[tuple[str, str]] = set()
    pair = lambda x, y: x.id != y.id and pairs.add(tuple(sorted((x.id, y.id))))  # noqa: E731
    add = lambda x, y: x.type == y.type and pair(x, y)  # noqa: E731
    by_name: dict[str, list[Actor]] = {}
    for a in all_actors:
        by_name.setdefault(a.key, []).append(a)
    for same in by_name.values():  # one name, several types: only an analyst can say which it is
        for i, x in enumerate(same):
            for y in same[i + 1:]:
                pair(x, y)
    full_by_surname = full_names(all_actors)
    by_alias: dict[tuple[str, str], list[Actor]] = {}
    for a in all_actors:
        for k in a.alias_keys:
            by_alias.setdefault((a.type, k), []).append(a)
    for a in all_actors:
        if a.short:
            for full in full_by_surname.get(a.tokens[-1], []):
                add(full, a)
    for owners in by_alias.values():
        for i, x in enumerate(owners):
            for y in owners[i + 1:]:
                add(x, y)
    by_type: dict[str, list[Actor]] = {}
    for a in all_actors:
        by_type.setdefault(a.type, []).append(a)
    for group in by_type.values():
        keys = [a.key for a in group]
        for start in range(0, len(keys), CDIST_ROWS):  # row blocks: memory stays rows x n bytes
            block = process.cdist(keys[start:start + CDIST_ROWS], keys, scorer=fuzz.ratio, score_cutoff=SIMILAR,
                                  dtype=np.uint8, workers=1)
            for i, j in zip(*np.nonzero(block)):
                if start + i < j:
                    add(group[start + i], group[j])
    return pairs


def _score(a: Actor, b: Actor) -> tuple[float, list[str]]:
    from rapidfuzz import fuzz

    evidence: list[tuple[float, str]] = []
    if b.short and a.type == "Person" and a.tokens[-1] == b.tokens[-1]:
        evidence.append((W_SURNAME, f"shared surname {b.tokens[-1]}"))
    shared = sorted(a.alias_keys & b.alias_keys)
    if shared:
        evidence.append((W_ALIAS, "alias overlap: " + ", ".join(shared)))
    sim = fuzz.ratio(a.key, b.key) / 100
    if sim >= SIMILAR / 100:
        evidence.append((W_SIMILAR * (sim - 0.5) * 2, f"similar names ({sim:.2f})"))
    both = a.articles & b.articles
    if both:
        evidence.append((W_COMENTION, f"co-mentioned in {len(both)} article{'s' if len(both) > 1 else ''}"))
    missing = 1.0
    for weight, _ in evidence:
        missing *= 1 - weight
    score = 1 - missing
    why = [text for _, text in evidence]
    if a.type != b.type:
        why.insert(0, f"one name stored as a {a.type} and as a {b.type}: merge with --type")
    against = contradiction(a, b) if a.type == b.type == "Person" else ""
    if re.findall(r"\d+", a.key) != re.findall(r"\d+", b.key):
        against = against or "different numbers"
    if against:
        score *= CONTRADICTED
        why.append(f"but {against}")
    return round(score, 3), why


def _fuller_first(x: Actor, y: Actor) -> tuple[Actor, Actor]:
    rank = lambda a: (not a.short, len(a.tokens), len(a.articles), len(a.name), a.id)  # noqa: E731
    return (x, y) if rank(x) >= rank(y) else (y, x)


def _given_names(p: Actor) -> list[str]:
    """First names or initials its name forms give ("Sandra Howard", "Sir Michael", "M Howard")."""
    out = []
    surname = p.tokens[-1]
    for form in [p.name, *p.aliases]:
        words = form.strip().lower().split()
        titled = bool(words) and words[0] in HONORIFICS
        rest = name_key(form).split()
        if len(rest) >= 2 and rest[-1] == surname:
            out.append(rest[0])
        elif titled and len(rest) == 1 and rest[0] != surname:
            out.append(rest[0])  # "Sir Michael": a first name after a title
    return out


def _initial(token: str) -> bool:
    return bool(re.fullmatch(r"[^\W\d_]\.?", token))
