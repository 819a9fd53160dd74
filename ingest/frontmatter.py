"""A `.txt` article's YAML front matter: title, date, url, source and author above the text.

    ---
    title: Caldwell suspended
    date: 2026-03-12
    url: https://northgate.example/news/caldwell
    ---
    Fiona Caldwell has been suspended ...

Without a block the first line is the title, as before. The block is read with
`yamlfile.load_yaml` (no objects, aliases bounded) and only if it closes within `LIMIT`
characters, and every field must be one value: a list cannot become a title.
"""
from __future__ import annotations

import re
from datetime import date

from polgraph.core.errors import PolGraphError
from polgraph.core.records import Article
from polgraph.core.yamlfile import load_yaml
from polgraph.ingest.clean import clean_text
from polgraph.ingest.dates import iso_date
from polgraph.ingest.errors import ReadError
from polgraph.ingest.pages import text_article
from polgraph.ingest.urls import is_url, url_id, without_credentials

LIMIT = 16 * 1024  # characters: a block is a few lines; a longer one is a file that is not this format
FIELDS = ("title", "date", "url", "source", "author")
_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def file_text_article(text: str, *, id: str, source: str) -> Article | ReadError:
    """The article of a .txt file: front matter and text, else the first line as title and the rest."""
    opening = _OPEN.match(text)
    if not opening:
        return text_article(text, id=id, source=source)
    closing = _CLOSE.search(text, opening.end(), opening.end() + LIMIT)
    if not closing:
        return ReadError(source, f"front matter: no closing --- line within {LIMIT:,} characters")
    try:
        meta = _fields(text[opening.end():closing.start()])
    except ValueError as exc:
        return ReadError(source, f"front matter: {exc}")
    body = clean_text(text[closing.end():].strip())
    if not body:
        return ReadError(source, "empty: no article text after the front matter")
    url = meta.get("url")
    return Article(id=url_id(url) if url else id, title=meta.get("title") or id, text=body, url=url,
                   published=meta.get("date"), source=meta.get("source") or source, author=meta.get("author"))


def _fields(block: str) -> dict[str, str]:
    """The known fields of a front-matter block as text; ValueError says what is wrong."""
    try:
        data = load_yaml(block, "the block")
    except PolGraphError as exc:
        raise ValueError(str(exc)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"a YAML {type(data).__name__}, not key: value lines")
    meta = {}
    for key in FIELDS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, (str, int, float, date)):
            raise ValueError(f"{key!r} is a {type(value).__name__}, not one value")
        meta[key] = " ".join(str(value).split())
    if "date" in meta:
        meta["date"] = iso_date(data["date"])  # ValueError names the value
    if "url" in meta:
        if not is_url(meta["url"]):
            raise ValueError(f"url {meta['url']!r} is not an http(s) URL")
        meta["url"] = without_credentials(meta["url"])
    return meta
