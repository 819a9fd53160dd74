"""Bytes to text: declared charset, else UTF-8, else Windows-1252; binary data is named, not read.

A declared charset is only used when it names a real text encoding: Python's codec
registry also answers to ``base64``, ``zlib``, ``rot13``, ``hex`` or ``punycode``, and a page
that declares one of those is read as if it declared nothing.

News exports and saved pages are often Latin-1 or Windows-1252 without saying so. Both
are decoded rather than rejected: Windows-1252 is a superset of Latin-1's printable
characters, and Latin-1 itself decodes any byte, so text is never refused for its encoding.
"""
from __future__ import annotations

import codecs
import re

SNIFF_BYTES = 8192
# Leading bytes of binary formats people mistake for articles.
SIGNATURES = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "gzip-compressed data",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))
# As browsers do (WHATWG): a page labelled Latin-1 is read as Windows-1252, and an
# "ASCII" label says nothing worth trusting over UTF-8.
_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
            "us-ascii": None, "ascii": None, "utf-8": "utf-8-sig", "utf8": "utf-8-sig"}
# Text codecs that are not charsets: they turn escapes or labels into text, never a page.
_NOT_CHARSETS = {"punycode", "idna", "unicode-escape", "raw-unicode-escape", "undefined", "charmap", "mbcs", "oem"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def binary_kind(raw: bytes) -> str | None:
    """What binary data `raw` is ("a PDF document", "binary data"), or None for text."""
    for signature, kind in SIGNATURES.items():
        if raw.startswith(signature):
            return kind
    head = raw[:SNIFF_BYTES]
    if b"\0" in head or sum(b in _CONTROL for b in head) > len(head) // 10:
        return "binary data"
    return None


def decode(raw: bytes, charset: str | None = None) -> str:
    """Text of `raw`: the declared charset (HTTP header or HTML meta) if known, else UTF-8, else Windows-1252."""
    declared = (charset or html_charset(raw) or "").strip().lower()
    declared = _ALIASES.get(declared, declared)
    for encoding in (declared, "utf-8-sig", "cp1252"):
        if encoding and _is_charset(encoding):
            try:
                return raw.decode(encoding)
            except UnicodeError:
                continue
    return raw.decode("latin-1")


def html_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its top."""
    match = _META_CHARSET.search(raw[:SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def _is_charset(encoding: str) -> bool:
    """Whether `encoding` names a text encoding that pages are written in (not base64, zlib, rot13...)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        return False
    return info._is_text_encoding and info.name not in _NOT_CHARSETS
