"""The rules of entity resolution, in one place and pure: no store, no spaCy.

Every stage that decides whether two names are one actor asks this module: mention linking
within an article (`ingest.mentions`), the exact folding of a batch and the in-memory
resolution of `polgraph extract` (`ingest.resolve`), and the recorded, undoable merges over
the whole store (`polgraph.resolver`). So a rule changed here changes everywhere, and each
rule is tested as a table of names and the decision expected (tests/test_resolution_rules.py).

The rules are conservative, because a wrong merge silently corrupts every query while a
missed one only splits a record:

* a surname-only or title+surname person ("Howard", "Mr Howard", "M. Howard") is the one
  full-name person with that surname that nothing contradicts; with two, it is neither;
* within an article, a full name that ends the article's one longer full name is that name
  ("Le Pen" and "Marine Le Pen": a surname of two words); ending two, it is neither;
* contradictions: a title or given name of the other gender ("Mrs Howard", "Sandra
  Howard" against "Mr Howard"), a different first name or initial;
* a group or event named by a nickname or acronym ("Tories", "EOC") is the one other group
  or event that has that name among its aliases.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from polgraph.core.names import HONORIFICS, given_name_gender, honorific_gender, name_key

SIMILAR = 85  # rapidfuzz ratio from which two names are worth an analyst's look
# Evidence weights, combined as independent evidence: 1 - prod(1 - w).
W_SURNAME, W_ALIAS, W_COMENTION, W_SIMILAR = 0.6, 0.5, 0.2, 0.8
CONTRADICTED = 0.25  # what is left of a score when something speaks against the pair


def is_initial(token: str) -> bool:
    """"M" or "M.": a given name cut to its first letter."""
    return bool(re.fullmatch(r"[^\W\d_]\.?", token))


def is_short(tokens: list[str]) -> bool:
    """A surname alone, or an initial and a surname: a mention, not a full name."""
    return len(tokens) == 1 or (len(tokens) == 2 and is_initial(tokens[0]))


def form_gender(form: str) -> str | None:
    """The gender one name form states: by its title ("Mr Howard"), else by its given name ("Sandra Howard")."""
    words = form.split()
    if not words:
        return None
    titled = honorific_gender(words[0])
    if titled:
        return titled
    rest = name_key(form).split()
    return given_name_gender(rest[0]) if len(rest) >= 2 else None


def genders_agree(a: str | None, b: str | None) -> bool:
    """Two stated genders are one person's unless both are known and differ."""
    return not (a and b and a != b)


def given_names(forms: list[str], surname: str) -> list[str]:
    """First names or initials the name forms give ("Sandra Howard", "Sir Michael", "M Howard")."""
    out = []
    for form in forms:
        words = form.strip().lower().split()
        titled = bool(words) and words[0] in HONORIFICS
        rest = name_key(form).split()
        if len(rest) >= 2 and rest[-1] == surname:
            out.append(rest[0])
        elif titled and len(rest) == 1 and rest[0] != surname:
            out.append(rest[0])  # "Sir Michael": a first name after a title
    return out


def same_given_name(a: str, b: str) -> bool:
    """"michael" and "michael", "m" and "michael": one given name, written in full or as an initial."""
    return a == b or (is_initial(a) and b.startswith(a[0])) or (is_initial(b) and a.startswith(b[0]))


def record_name(type_: str, name: str, forms: list[str]) -> str:
    """The name an actor is recorded and folded under: its own, or for a surname alone the titled form.

    "Howard" called "Mr Howard" is recorded as "Mr Howard", "Howard" called "Mrs Howard" as
    "Mrs Howard": their keys and ids differ, so folding by exact name, within a batch or by id
    in the store, never makes one record of two people. A name whose forms state no gender,
    or both, stays as it is.
    """
    key = name_key(name)
    if type_ != "Person" or len(key.split()) != 1:
        return name
    titled = [f for f in forms if f.split() and honorific_gender(f.split()[0]) and name_key(f) == key]
    genders = {form_gender(f) for f in [name, *forms]} - {None}
    return titled[0] if titled and len(genders) == 1 else name


def exact_key(type_: str, name: str) -> tuple[str, str, str]:
    """What two records of one actor share exactly: type, name key, and the gender the name states.

    The gender tells "Mr Howard" from "Mrs Howard" (see `record_name`); two records with one
    exact key are folded without further evidence, by a batch and in the store alike.
    """
    return type_, name_key(name), (form_gender(name) or "") if type_ == "Person" else ""


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
        """The genders its titles and given names say ("Mr Howard": m); empty when none does."""
        return {g for g in map(form_gender, [self.name, *self.aliases]) if g}

    @property
    def short(self) -> bool:
        return self.type == "Person" and is_short(self.tokens)


def contradiction(x: Actor, y: Actor) -> str:
    """Why two persons cannot be one ("" if nothing speaks against it)."""
    for p in (x, y):
        if len(p.genders) > 1:
            return f"{p.name} is titled both as a man and as a woman"
    if x.genders and y.genders and x.genders != y.genders:
        return "a title or given name of the other gender"
    for a in given_names([x.name, *x.aliases], x.tokens[-1]):
        for b in given_names([y.name, *y.aliases], y.tokens[-1]):
            if not same_given_name(a, b):
                return f"a different first name or initial ({a}, {b})"
    return ""


# ---- automatic merging -----------------------------------------------------------------

def exact_merges(found: list[Actor], blocked: set[frozenset[str]]) -> list[tuple[Actor, Actor, str]]:
    """(kept, other, why) for two records of one exact key: batches that named one actor differently.

    The one with the longer name is kept ("The Labour Party" is the Labour Party), then the smaller id.
    """
    by_key: dict[tuple[str, str, str], list[Actor]] = {}
    for a in found:
        by_key.setdefault(exact_key(a.type, a.name), []).append(a)
    out = []
    for same in by_key.values():
        keep, *rest = sorted(same, key=lambda a: (-len(a.name), a.id))
        out += [(keep, a, f"the same name as {keep.name}") for a in rest
                if frozenset((keep.id, a.id)) not in blocked]
    return out


def full_names(people: list[Actor]) -> dict[str, list[Actor]]:
    """Full-name persons by surname."""
    out: dict[str, list[Actor]] = {}
    for p in people:
        if p.type == "Person" and len(p.tokens) >= 2 and not p.short:
            out.setdefault(p.tokens[-1], []).append(p)
    return out


def surname_match(short: Actor, by_surname: dict[str, list[Actor]]) -> Actor | None:
    """The one full-name person with the short one's surname that nothing contradicts, if exactly one."""
    found = [f for f in by_surname.get(short.tokens[-1], []) if not contradiction(short, f)]
    return found[0] if len(found) == 1 else None


def person_merges(people: list[Actor], blocked: set[frozenset[str]]) -> list[tuple[Actor, Actor, str]]:
    """(full, short, why) for every short person with exactly one full-name match and no contradiction."""
    by_surname = full_names(people)
    out = []
    for p in sorted((p for p in people if p.short), key=lambda p: p.id):
        full = surname_match(p, by_surname)
        if full is not None and frozenset((p.id, full.id)) not in blocked:
            out.append((full, p, f"the only full name with the surname {p.tokens[-1]}"))
    return out


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


# ---- within one article ----------------------------------------------------------------

def article_person(key: str, gender: str | None, by_surname: dict[str, dict[int, str | None]],
                   by_first: dict[str, set[int]]) -> int | None:
    """The full name of an article that a one-word person mention ("Howard", "Mr Howard", "Sir Michael") is.

    `by_surname` maps a surname to its full-name clusters and the gender each states;
    `by_first` a first name to its clusters. The mention is the one full name with its
    surname whose gender agrees; failing any with that surname, the one with that first name.
    """
    if key in by_surname:
        found = [cl for cl, g in by_surname[key].items() if genders_agree(gender, g)]
        return found[0] if len(found) == 1 else None
    firsts = by_first.get(key, ())
    return next(iter(firsts)) if len(firsts) == 1 else None


def article_full_names(keys: set[str]) -> dict[str, str]:
    """Each full-name key of an article that ends the article's one longer full name, to that
    name: "le pen" is "marine le pen", "duncan smith" "iain duncan smith" (a surname of two
    words, which `article_person`'s one-word surnames cannot see). Ending two longer names
    ("jean-marie le pen" too), it stays apart."""
    words = {k: k.split() for k in keys}
    out = {}
    for k, parts in words.items():
        longer = [o for o, w in words.items() if len(w) > len(parts) and w[-len(parts):] == parts]
        if len(longer) == 1:
            out[k] = longer[0]
    return out


# ---- candidates for an analyst ---------------------------------------------------------

def score(a: Actor, b: Actor) -> tuple[float, list[str]]:
    """How likely A (the fuller name) and B are one actor, and why: evidence for, then against."""
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
    why = [text for _, text in evidence]
    if a.type != b.type:
        why.insert(0, f"one name stored as a {a.type} and as a {b.type}: merge with --type")
    against = contradiction(a, b) if a.type == b.type == "Person" else ""
    if re.findall(r"\d+", a.key) != re.findall(r"\d+", b.key):
        against = against or "different numbers"
    result = 1 - missing
    if against:
        result *= CONTRADICTED
        why.append(f"but {against}")
    return round(result, 3), why


def fuller_first(x: Actor, y: Actor) -> tuple[Actor, Actor]:
    """The pair with the fuller name first: the one a merge would keep."""
    rank = lambda a: (not a.short, len(a.tokens), len(a.articles), len(a.name), a.id)  # noqa: E731
    return (x, y) if rank(x) >= rank(y) else (y, x)
