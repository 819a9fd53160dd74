"""The gate every value bound for the store passes: text made storable, keys made safe.

The records of `core.records` call these when they are built, so whatever a reader, the
pipeline, a gazetteer or a user file produced, an `Article`, `Entity` or lookup key
holds only values every store takes. Why each rule is there:

* NUL and other C0 control characters (tab, newline and carriage return aside) break
  FalkorDB's parameter parsing and make XML exports invalid; a lone surrogate (from a
  JSON ``"\\ud800"``) cannot be encoded as UTF-8 at all, so the write fails.
* FalkorDB 4.16's unique-constraint check crashes the server (upstream issues 1340 and
  2440) on a key that starts or ends with white space, holds a control character, or is
  over 4 KB. Keys (article ids, alias keys) are trimmed, folded and, when long, cut to a
  stable hashed form; the record keeps the whole value where it matters (`Article.full_id`).
"""
from __future__ import annotations

import hashlib
import re

#: the longest key sent to a store, in UTF-8 bytes; longer ones become a prefix and a hash
MAX_KEY_BYTES = 512
_KEY_PREFIX_CHARS = 120

_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")  # white space is folded, not removed


def storable(text: str) -> str:
    """`text` without the characters no store or XML file takes (NUL, C0 controls but tab,
    newline and carriage return, DEL, lone surrogates, the non-characters U+FFFE and U+FFFF).
    Text that has none is returned as is."""
    return _UNSTORABLE.sub("", text) if _UNSTORABLE.search(text) else text


def safe_key(value: str) -> str:
    """A key every store indexes: no control characters, white space folded and trimmed, and at
    most `MAX_KEY_BYTES` (a longer one keeps its start and gains a hash of the whole, so two
    long keys stay apart and the same value always gives the same key)."""
    key = " ".join(_CONTROL.sub("", value).split())
    if len(key.encode("utf-8")) <= MAX_KEY_BYTES:
        return key
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"{key[:_KEY_PREFIX_CHARS].rstrip()}~{digest}"


def optional(value: str | None) -> str | None:
    """`storable` for an optional field: None stays None."""
    return None if value is None else storable(value)
