"""Readers: files, folders, standard input, corpora and URLs in; `Article`s out.

Each source yields articles or a `ReadError` naming the file (``file:line`` for a
record, the URL for a page) and the reason, so one bad source never stops a batch.

* ``.txt``: YAML front matter (`frontmatter`), else the first line is the title.  ``.html``: main text and metadata through
  trafilatura (`pages`), so menus, scripts and footers never reach NLP.
* ``.jsonl`` and ``.csv``: one article per line or row, fields named by `Fields` (`records`).
* ``http(s)://`` URLs: article pages and RSS/Atom feeds (`web`).
* ``-``: standard input, whose format is told from its first line.
* Folders: every file of a known type below them, in a stable order.

Bytes are decoded as UTF-8, else Windows-1252 (`decoding`); binary files are refused.
A story is read once per read by its URL (a feed's item and the page itself are one article);
the same text under two names is told apart later, by `Article.text_hash` (`polgraph.intake`).
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from polgraph.core.records import Article
from polgraph.ingest.decoding import SNIFF_BYTES, binary_kind, decode
from polgraph.ingest.errors import ReadError
from polgraph.ingest.frontmatter import file_text_article
from polgraph.ingest.pages import html_article
from polgraph.ingest.records import Fields, read_csv, read_jsonl
from polgraph.ingest.streams import BoundedLines, read_at_most, rejoined
from polgraph.ingest.urls import is_url
from polgraph.ingest.web import DEFAULT_TIMEOUT, WebReader

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT", "Fields", "ReadError", "read_sources"]

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES
KNOWN = ".txt, .html, .jsonl or .csv"
DEFAULT_MAX_BYTES = 5_000_000  # far above any news article or page; stops a runaway file early
# A JSONL or CSV line may hold this many bytes per byte of text: JSON escapes a character as
# \uXXXX (six bytes). The text itself is still held to the limit; a longer line is skipped unread.
RECORD_LINE_FACTOR = 6
STDIN = "-"


def read_sources(sources: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES, *,
                 fields: Fields = Fields(), timeout: float = DEFAULT_TIMEOUT, allow_private: bool = False,
                 default_date: str | None = None) -> Iterator[Article | ReadError]:
    """Articles from files, folders (recursively), ``-`` (standard input) and http(s) URLs, in order.

    `max_bytes` bounds one article: a text or HTML file, a fetched page, a record's text.
    `fields` maps JSONL keys and CSV columns; `timeout` (seconds) applies to each HTTP request.
    `allow_private`: feed items and redirects may lead to private addresses (`web`).
    `default_date` (ISO 8601) is the date of every article whose source gives none.
    """
    return _Reader(max_bytes, fields, timeout, allow_private, default_date).read(sources)


def folder_files(folder: Path) -> list[Path]:
    """The files of a known type below `folder`, in a stable order; hidden files and folders left out."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


class _Reader:
    """One read: its options, and the URLs already seen, so each story is read once."""

    def __init__(self, max_bytes: int, fields: Fields, timeout: float, allow_private: bool,
                 default_date: str | None) -> None:
        self.max_bytes = max_bytes
        self.fields = fields
        self.timeout = timeout
        self.allow_private = allow_private
        self.default_date = default_date
        self.seen: set[str] = set()
        self._web: WebReader | None = None

    def read(self, sources: Iterable[str | Path]) -> Iterator[Article | ReadError]:
        for source in sources:
            if is_url(source):
                yield from self._once(self.web.read(str(source)))
            elif str(source) == STDIN:
                yield from self._stdin(sys.stdin.buffer)
            else:
                yield from self._path(Path(source))

    @property
    def web(self) -> WebReader:
        if self._web is None:
            self._web = WebReader(timeout=self.timeout, max_bytes=self.max_bytes, seen=self.seen,
                                  allow_private=self.allow_private)
        return self._web

    def _path(self, path: Path) -> Iterator[Article | ReadError]:
        if path.is_dir():
            files = folder_files(path)
            if not files:
                yield ReadError(str(path), f"folder holds no {KNOWN} files")
            for f in files:
                yield from self._file(f)
        elif path.is_file():
            yield from self._file(path)
        else:
            yield ReadError(str(path), "no such file or folder")

    def _file(self, path: Path) -> Iterator[Article | ReadError]:
        name, suffix = str(path), path.suffix.lower()
        if suffix not in SUFFIXES:
            yield ReadError(name, f"unknown file type {suffix or '(no extension)'}; expected {KNOWN}")
            return
        try:
            size = path.stat().st_size
            if size > self.max_bytes and suffix in TEXT_SUFFIXES | HTML_SUFFIXES:  # corpora: per record
                yield self._too_big(name, size)
                return
            with path.open("rb") as stream:
                yield from self._once(self._stream(stream.read(SNIFF_BYTES), stream, name=name, stem=path.stem,
                                                   suffix=suffix))
        except OSError as exc:
            yield ReadError(name, f"cannot read: {exc.strerror or exc}")

    def _stdin(self, stream: BinaryIO) -> Iterator[Article | ReadError]:
        """Standard input, whose format is told from its first bytes: it is read as it comes, never whole."""
        head = stream.read(SNIFF_BYTES)
        start = head.lstrip()[:1]
        first_line = decode(head.lstrip().split(b"\n", 1)[0])
        if start == b"{":
            suffix = ".jsonl"
        elif start == b"<":
            suffix = ".html"
        elif self.fields.text in next(csv.reader([first_line]), []):
            suffix = ".csv"
        else:
            suffix = ".txt"
        yield from self._once(self._stream(head, stream, name="<stdin>", stem="stdin", suffix=suffix))

    def _stream(self, head: bytes, rest: BinaryIO, *, name: str, stem: str,
                suffix: str) -> Iterator[Article | ReadError]:
        """Articles of one source: its first bytes `head` (to tell binary data) and the `rest`, read
        as the format its suffix names. Corpora go line by line; an article is read up to the limit."""
        if not head.strip() and len(head) < SNIFF_BYTES:
            yield ReadError(name, "empty file")
            return
        kind = binary_kind(head)
        if kind:
            yield ReadError(name, f"{kind}, not text")
            return
        if suffix in JSONL_SUFFIXES | CSV_SUFFIXES:
            lines = BoundedLines(rejoined(head, rest), RECORD_LINE_FACTOR * self.max_bytes)
            read = read_jsonl if suffix in JSONL_SUFFIXES else read_csv
            yield from read(lines, name=name, stem=stem, fields=self.fields, max_bytes=self.max_bytes)
            return
        raw = read_at_most(head, rest, self.max_bytes)
        if len(raw) > self.max_bytes:
            yield self._too_big(name)
        elif not raw.strip():
            yield ReadError(name, "empty file")
        elif suffix in HTML_SUFFIXES:
            yield html_article(decode(raw), id=stem, source=name)
        else:
            yield file_text_article(decode(raw), id=stem, source=name)

    def _too_big(self, name: str, size: int | None = None) -> ReadError:
        what = f"{size:,} bytes" if size is not None else "the text"
        return ReadError(name, f"{what} is over the {self.max_bytes:,}-byte article limit (--max-bytes)")

    def _once(self, items: Iterable[Article | ReadError]) -> Iterator[Article | ReadError]:
        """Drop an article whose URL was already read: the same story reached twice is one article.
        The date of an article that carries none is `default_date`."""
        for item in items:
            if isinstance(item, Article):
                if item.url and item.id in self.seen:
                    continue
                if item.url:
                    self.seen.add(item.id)
                item.published = item.published or self.default_date
            yield item
