"""Readers: files, folders and JSONL records in, `Article`s out.

Each source yields articles or a `ReadError` naming the file and the reason, so one bad
file never stops a batch. Text files: first line is the title. HTML pages: main text and
metadata through trafilatura, so menus, scripts and footers never reach NLP. JSONL: one
`{"id", "title", "text", "url", "published"}` object per line.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from polgraph.ingest.model import Article

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 5_000_000  # far above any news article; stops a runaway file early


@dataclass
class ReadError:
    """A source that gave no article, and why (one line)."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def read_sources(sources: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | ReadError]:
    """Articles from files and folders (recursively), in a stable order."""
    for source in sources:
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield ReadError(str(path), "folder holds no .txt, .html or .jsonl files")
            for f in files:
                yield from read_file(f, max_bytes)
        elif path.is_file():
            yield from read_file(path, max_bytes)
        else:
            yield ReadError(str(path), "no such file or folder")


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | ReadError]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield ReadError(str(path), f"unknown file type {suffix or '(none)'}; expected .txt, .html or .jsonl")
        return
    try:
        size = path.stat().st_size
        if size > max_bytes and suffix not in JSONL_SUFFIXES:
            yield ReadError(str(path), f"{size:,} bytes is over the {max_bytes:,}-byte article limit")
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield ReadError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl(path, raw, max_bytes)
        return
    text = decode(raw)
    if isinstance(text, ReadError):
        text.source = str(path)
        yield text
        return
    article = _html(path, text) if suffix in HTML_SUFFIXES else _txt(path, text)
    yield article


def decode(raw: bytes) -> str | ReadError:
    """UTF-8, else Windows-1252 (a superset of Latin-1 for text); binary data is refused."""
    if b"\0" in raw[:8192]:
        return ReadError("", "binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _txt(path: Path, text: str) -> Article | ReadError:
    title, _, body = text.strip().partition("\n")
    if not body.strip():
        return ReadError(str(path), "empty: no article text after the title line" if title else "empty file")
    return Article(id=path.stem, title=title.strip(), text=_clean(body.strip()), source=str(path))


def _html(path: Path, html: str) -> Article | ReadError:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return ReadError(str(path), "no article body found in the HTML page")
    return Article(
        id=path.stem,
        title=(doc.title or path.stem).strip(),
        text=_clean(text.strip()),
        url=doc.url,
        published=doc.date,
        source=doc.sitename or str(path),
        author=doc.author,
    )


def _jsonl(path: Path, raw: bytes, max_bytes: int) -> Iterator[Article | ReadError]:
    text = decode(raw)
    if isinstance(text, ReadError):
        yield ReadError(str(path), text.reason)
        return
    seen = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"not valid JSON ({exc.msg})")
            continue
        if not isinstance(rec, dict) or not str(rec.get("text") or "").strip():
            yield ReadError(where, "record has no \"text\"")
            continue
        if len(rec["text"].encode("utf-8")) > max_bytes:
            yield ReadError(where, f"text is over the {max_bytes:,}-byte article limit")
            continue
        seen += 1
        yield Article(
            id=str(rec.get("id") or f"{path.stem}-{lineno}"),
            title=str(rec.get("title") or "").strip(),
            text=_clean(str(rec["text"]).strip()),
            url=rec.get("url") or None,
            published=_iso(rec.get("published")),
            source=rec.get("source") or str(path),
        )
    if not seen:
        yield ReadError(str(path), "no usable records")


def _iso(value: object) -> str | None:
    return str(value).strip() or None if value else None


def _clean(text: str) -> str:
    from polgraph.ingest.clean import clean_text

    return clean_text(text)
