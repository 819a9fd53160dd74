"""Names of actors: the lookup key, the slug and id, and what honorifics, given names and pronouns say.

Everything polgraph knows about the words around a person's name (the honorifics, with the
gender each implies, and the pronouns) is read from one file, ``core/data/names.yaml``, so
the key that merges "Prof Curtice" into "John Curtice" strips the same titles that mention
finding and store-wide resolution recognise.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from importlib import resources

from polgraph.core.values import safe_key
from polgraph.core.yamlfile import load_yaml


def _load() -> dict:
    text = resources.files("polgraph.core").joinpath("data/names.yaml").read_text(encoding="utf-8")
    return load_yaml(text, "names file core/data/names.yaml")


_DATA = _load()
#: honorific (lower case, no full stop) -> the gender it implies ("m", "f") or None
HONORIFIC_GENDER: dict[str, str | None] = dict(_DATA["honorifics"])
#: every honorific as a token's lower case may read: "mr" and "mr."
HONORIFICS = frozenset(HONORIFIC_GENDER) | frozenset(h + "." for h in HONORIFIC_GENDER)
#: pronoun -> the gender of the person it refers back to
PRONOUN_GENDER: dict[str, str] = dict(_DATA["pronouns"])
#: given name (lower case) -> the gender it implies, for names hardly ever given to the other
GIVEN_NAME_GENDER: dict[str, str] = {n: g for g, names in _DATA["given_names"].items() for n in names}
# Longest first, so that "professor" is not read as "prof" and a remainder.
_LEADING_HONORIFICS = re.compile(
    r"^((" + "|".join(sorted(map(re.escape, HONORIFIC_GENDER), key=len, reverse=True)) + r")\.?\s+)+")


def honorific_gender(word: str) -> str | None:
    """The gender an honorific implies ("Mr." -> "m", "Dame" -> "f"); None for "Dr" or a word that is none."""
    return HONORIFIC_GENDER.get(word.lower().rstrip("."))


def given_name_gender(word: str) -> str | None:
    """The gender a given name implies ("Sandra" -> "f"); None for a name that tells neither or is unknown."""
    return GIVEN_NAME_GENDER.get(word.lower().rstrip("."))


def slug(text: str) -> str:
    """A lowercase ASCII slug; names that have no ASCII letters fall back to a short hash."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    return s or hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def entity_id(type_: str, name: str) -> str:
    """Stable id from type and canonical name, e.g. ``person:jon-lansman``."""
    return f"{type_.lower()}:{slug(name)}"


def name_key(name: str) -> str:
    """The lookup form of a name: lower case, no honorific, article or possessive.

    The same normalisation is used for entity lookup in the store and for merging
    mentions, so that "Mr Lansman's" and "lansman" find the same key. Keys hold no
    apostrophe at all, so any way of typing one finds the name.
    """
    s = unicodedata.normalize("NFKC", name).strip().lower().replace("\u2019", "'")
    s = re.sub(r"^the\s+", "", s)
    s = _LEADING_HONORIFICS.sub("", s)
    s = re.sub(r"'s?$", "", s)
    s = s.replace("'", "")  # "O'Brien", "O’Brien" and "OBrien" are typed for one person
    s = re.sub(r"\s+", " ", s)
    return safe_key(s.strip(" .,;:\""))
