"""Corpora of records: JSON Lines and CSV, one article per line or row, columns mapped by `Fields`.

A bad record (broken JSON, no text, an unreadable date, too long) is reported with its
``file:line`` and skipped; the rest of the file is still read. Files are read line by line
through `BoundedLines`, so a corpus is never held whole and an over-long line never at all.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass
from typing import Iterator

from polgraph.core.errors import printable
from polgraph.core.records import Article
from polgraph.ingest.clean import clean_text
from polgraph.ingest.dates import iso_date
from polgraph.ingest.errors import ReadError
from polgraph.ingest.streams import BoundedLines, LineTooLong
from polgraph.ingest.urls import is_url, url_id, without_credentials

_SURROGATE = re.compile("[\ud800-\udfff]")  # JSON may escape one; no text encoding can hold it


@dataclass(frozen=True)
class Fields:
    """Which record field (JSON key or CSV column) holds the text, title, date and URL."""

    text: str = "text"
    title: str = "title"
    date: str = "published"
    url: str = "url"


def read_jsonl(lines: BoundedLines, *, name: str, stem: str, fields: Fields,
               max_bytes: int) -> Iterator[Article | ReadError]:
    """Articles from JSON Lines: one object per line; blank lines are ignored, over-long ones reported."""
    usable = 0
    while True:
        try:
            line = next(lines)
        except StopIteration:
            break
        except LineTooLong as exc:
            yield ReadError(f"{name}:{lines.lineno}", str(exc))
            continue
        if not line.strip():
            continue
        where = f"{name}:{lines.lineno}"
        rec = _json_object(line.rstrip("\r\n"))
        if isinstance(rec, str):
            yield ReadError(where, rec)
            continue
        item = record_article(rec, where=where, default_id=f"{stem}-{lines.lineno}", source=name,
                              fields=fields, max_bytes=max_bytes)
        usable += isinstance(item, Article)
        yield item
    if not usable:
        yield ReadError(name, "no usable records")


def _json_object(line: str) -> dict | str:
    """The JSON object on `line`, or why it is none: broken JSON, a number or nesting Python
    refuses, a lone surrogate escape (``"\\ud800"``), or another JSON value."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})"
    except ValueError:  # int(): Python's limit on the digits of an integer
        return f"not valid JSON (an integer of more than {sys.get_int_max_str_digits():,} digits)"
    except RecursionError:
        return "not valid JSON (nested too deeply)"
    if not isinstance(rec, dict):
        return f"a JSON {type(rec).__name__}, not an object"
    for value in (*rec, *rec.values()):
        lone = _SURROGATE.search(value) if isinstance(value, str) else None
        if lone:
            return f"not valid JSON (a lone surrogate {printable(lone.group())} is not a character)"
    return rec


def read_csv(lines: BoundedLines, *, name: str, stem: str, fields: Fields,
             max_bytes: int) -> Iterator[Article | ReadError]:
    """Articles from CSV with a header row; the text column must be there (--text-field)."""
    csv.field_size_limit(max(max_bytes + 1, csv.field_size_limit()))
    reader = csv.DictReader(lines)
    try:
        columns = reader.fieldnames or []
    except (csv.Error, LineTooLong) as exc:
        yield ReadError(name, f"not valid CSV ({exc})")
        return
    if fields.text not in columns:
        shown = ", ".join(columns[:12]) or "none"
        yield ReadError(name, f"no {fields.text!r} column (columns: {shown}); name the text column with --text-field")
        return
    usable = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except LineTooLong as exc:
            yield ReadError(f"{name}:{lines.lineno}", str(exc))
            continue
        except csv.Error as exc:
            yield ReadError(f"{name}:{lines.lineno}", f"not valid CSV ({exc})")
            continue
        item = record_article(row, where=f"{name}:{lines.lineno}", default_id=f"{stem}-{lines.lineno}",
                              source=name, fields=fields, max_bytes=max_bytes)
        usable += isinstance(item, Article)
        yield item
    if not usable:
        yield ReadError(name, "no usable records")


def record_article(rec: dict, *, where: str, default_id: str, source: str, fields: Fields,
                   max_bytes: int) -> Article | ReadError:
    """One record as an `Article`; its id is its ``id`` field, else its URL, else `default_id`."""
    text = str(rec.get(fields.text) or "").strip()
    if not text:
        return ReadError(where, f"no text in field {fields.text!r}")
    if len(text.encode("utf-8")) > max_bytes:
        return ReadError(where, f"text is over the {max_bytes:,}-byte article limit")
    try:
        published = iso_date(rec.get(fields.date))
    except ValueError as exc:
        return ReadError(where, f"field {fields.date!r}: {exc}")
    url = without_credentials(str(rec.get(fields.url) or "").strip()) or None
    if url and not is_url(url):
        return ReadError(where, f"field {fields.url!r}: {url!r} is not an http(s) URL")
    rid = str(rec.get("id") or "").strip()
    return Article(
        id=rid or (url_id(url) if url else default_id),
        title=" ".join(str(rec.get(fields.title) or "").split()),
        text=clean_text(text),
        url=url,
        published=published,
        source=str(rec.get("source") or "").strip() or source,
        author=str(rec.get("author") or "").strip() or None,
    )
