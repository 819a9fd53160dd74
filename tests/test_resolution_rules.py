"""The rules of entity resolution as tables of names and the decision expected: no store, no spaCy.

Each stage (mentions within an article, the batch, the store) asks `core.resolution_rules`,
so these tables are the rules every stage follows.
"""
from __future__ import annotations

import pytest

from polgraph.core.resolution_rules import (
    Actor, alias_merges, article_full_names, article_person, contradiction, exact_key, exact_merges, person_merges,
    record_name,
)


def person(name: str, *aliases: str) -> Actor:
    return Actor(f"person:{name.lower().replace(' ', '-')}", name, "Person", list(aliases))


def group(name: str, *aliases: str) -> Actor:
    return Actor(f"group:{name.lower().replace(' ', '-')}", name, "Group", list(aliases))


HOWARDS = ["Michael Howard", "Sandra Howard"]


# (full names in the store, the short person's name and aliases, the full name it joins or None)
SURNAME_CASES = [
    (HOWARDS, ("Howard", "Mr Howard"), "Michael Howard"),
    (HOWARDS, ("Mr Howard",), "Michael Howard"),
    (HOWARDS, ("Howard", "Mrs Howard"), "Sandra Howard"),
    (HOWARDS, ("Howard",), None),  # two Howards and nothing to choose
    (["Michael Howard"], ("Howard", "Mrs Howard"), None),  # a title of the other gender
    (["Sandra Howard"], ("Howard", "Mr Howard"), None),
    (["John Curtice"], ("Curtice", "Professor Curtice"), "John Curtice"),
    (["John Curtice"], ("Curtice", "Prof Curtice"), "John Curtice"),
    (["Jane Roe"], ("Roe", "Cllr Roe"), "Jane Roe"),
    (["Charles Clarke", "Ken Clarke"], ("Clarke",), None),
    (["Charles Clarke", "Ken Clarke"], ("Clarke", "Mr Clarke"), None),  # both men
    (["Tony Blair", "Cherie Blair"], ("Blair",), None),
    (["Tony Blair", "Cherie Blair"], ("Blair", "Mr Blair"), "Tony Blair"),
    (["Tony Blair", "Cherie Blair"], ("Blair", "Mrs Blair"), "Cherie Blair"),
    (["Gordon Brown"], ("G Brown",), "Gordon Brown"),
    (["Gordon Brown"], ("J. Brown",), None),  # another initial
    (["Gordon Brown"], ("Brown", "Nick Brown"), None),  # another first name
]


@pytest.mark.parametrize("fulls, short, expected", SURNAME_CASES)
def test_a_short_name_joins_the_one_full_name_nothing_contradicts(fulls, short, expected):
    people = [person(n) for n in fulls] + [person(*short)]
    merges = person_merges(people, set())
    assert [(full.name, gone.name) for full, gone, _ in merges] == ([(expected, short[0])] if expected else [])


# (two persons, whether something speaks against their being one)
CONTRADICTIONS = [
    (person("Charles Clarke"), person("Ken Clarke"), True),
    (person("Tony Blair"), person("Cherie Blair"), True),
    (person("Howard", "Mr Howard"), person("Sandra Howard"), True),
    (person("Howard", "Mrs Howard"), person("Sandra Howard"), False),
    (person("Howard", "Mr Howard", "Mrs Howard"), person("Michael Howard"), True),  # titled as both
    (person("Sir Michael", "Sir Michael"), person("Michael Howard"), False),
    (person("M. Howard"), person("Michael Howard"), False),
    (person("Curtice", "Professor Curtice"), person("John Curtice"), False),
]


@pytest.mark.parametrize("x, y, against", CONTRADICTIONS)
def test_contradictions(x, y, against):
    assert bool(contradiction(x, y)) is against and bool(contradiction(y, x)) is against


# (name as found, its forms, the name it is recorded under)
RECORD_NAMES = [
    ("Howard", ["Mr Howard", "Howard"], "Mr Howard"),
    ("Howard", ["Mrs Howard"], "Mrs Howard"),
    ("Howard", ["Howard"], "Howard"),
    ("Howard", ["", " ", "Mr Howard"], "Mr Howard"),  # an empty form is no title
    ("Howard", ["Mr Howard", "Mrs Howard"], "Howard"),  # both: nothing to record it by
    ("Curtice", ["Professor Curtice"], "Curtice"),  # a title of no gender
    ("Michael Howard", ["Mr Howard"], "Michael Howard"),
]


@pytest.mark.parametrize("name, forms, expected", RECORD_NAMES)
def test_a_titled_surname_is_recorded_with_its_title(name, forms, expected):
    assert record_name("Person", name, forms) == expected


def test_exact_keys_tell_mr_from_mrs_but_not_one_name_written_twice():
    assert exact_key("Person", "Mr Howard") != exact_key("Person", "Mrs Howard") != exact_key("Person", "Howard")
    assert exact_key("Person", "Mr Howard") == exact_key("Person", "Sir Howard")
    assert exact_key("Group", "The Labour Party") == exact_key("Group", "Labour Party")
    found = [group("The Labour Party"), group("Labour Party"), person("Mr Howard"), person("Mrs Howard")]
    assert [(k.name, g.name) for k, g, _ in exact_merges(found, set())] == [("The Labour Party", "Labour Party")]


# (full names of an article, a one-word mention and its title's gender, the full name it is, or None)
ARTICLE_CASES = [
    (HOWARDS, "howard", "m", "Michael Howard"),
    (HOWARDS, "howard", "f", "Sandra Howard"),
    (HOWARDS, "howard", None, None),
    (["Michael Howard"], "howard", None, "Michael Howard"),
    (["Michael Howard"], "howard", "f", None),
    (["Michael Howard"], "michael", "m", "Michael Howard"),  # "Sir Michael"
    (["Tony Blair", "Cherie Blair"], "blair", None, None),
]


@pytest.mark.parametrize("fulls, key, gender, expected", ARTICLE_CASES)
def test_within_an_article(fulls, key, gender, expected):
    from polgraph.core.resolution_rules import form_gender

    by_surname: dict[str, dict[int, str | None]] = {}
    by_first: dict[str, set[int]] = {}
    for i, name in enumerate(fulls):
        first, last = name.lower().split()
        by_surname.setdefault(last, {})[i] = form_gender(name)
        by_first.setdefault(first, set()).add(i)
    found = article_person(key, gender, by_surname, by_first)
    assert (fulls[found] if found is not None else None) == expected


def test_a_nickname_joins_the_one_group_that_has_it():
    tories, conservatives = group("Tories"), group("Conservative Party", "Tories")
    assert [(k.name, g.name) for k, g, _ in alias_merges([tories, conservatives], set())] == [
        ("Conservative Party", "Tories")]
    assert alias_merges([tories, conservatives], {frozenset((tories.id, conservatives.id))}) == []
    assert alias_merges([tories, conservatives, group("Tory Party", "Tories")], set()) == []


@pytest.mark.parametrize("names,joined", [
    ({"le pen", "marine le pen"}, {"le pen": "marine le pen"}),
    ({"le pen", "marine le pen", "jean-marie le pen"}, {}),  # whose surname it is, the text must say
    ({"duncan smith", "iain duncan smith", "tony blair"}, {"duncan smith": "iain duncan smith"}),
    ({"peter hughes", "emma hughes"}, {}),
])
def test_which_full_names_of_an_article_end_a_longer_one(names, joined):
    assert article_full_names(names) == joined
