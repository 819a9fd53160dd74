"""One page in, one `Article` out: HTML pages through trafilatura, plain text with a title line.

trafilatura finds the main text of a page and leaves out menus, "most read" and
"related posts" boxes, share widgets, comment sections, footers, scripts and styles;
where its own heuristics find too little it falls back to its bundled readability and
jusText ports. It runs favouring precision: a stray menu line costs the graph a false
actor, a lost paragraph only some recall. Metadata comes from the page's meta tags and
JSON-LD only, never guessed from the body text, so a date mentioned in a story is not
taken for its publication date.
"""
from __future__ import annotations

from datetime import date
from itertools import islice
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from polgraph.core.records import Article
from polgraph.ingest.clean import clean_text
from polgraph.ingest.dates import iso_date
from polgraph.ingest.errors import ReadError
from polgraph.ingest.urls import is_url, same_site, url_id, without_credentials

# Elements a page may have. News pages have a few thousand; trafilatura's time and memory grow
# fast with more (600,000 tags, 4.8 MB: a minute and 800 MB), so a bigger tree is refused unread.
MAX_ELEMENTS = 50_000

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def text_article(text: str, *, id: str, source: str, url: str | None = None) -> Article | ReadError:
    """A plain-text article: the first non-empty line is its title, the rest its text."""
    title, _, body = text.strip().partition("\n")
    if not body.strip():
        return ReadError(source, "empty: no article text after the title line" if title else "empty file")
    return Article(id=id, title=title.strip(), text=clean_text(body.strip()), url=url, source=source)


def html_article(html: str, *, id: str, source: str, url: str | None = None, title: str | None = None,
                 published: str | None = None) -> Article | ReadError:
    """The article of an HTML page, or why there is none.

    `url` is where the page came from (None for a saved file); `title` and `published`
    (e.g. from a feed item) fill in what the page's own metadata does not say. The id
    comes from the page's canonical URL, else `url`; `id` is used when there is neither.
    """
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return ReadError(source, "not an HTML page")
    if next(islice(tree.iter(), MAX_ELEMENTS, None), None) is not None:
        return ReadError(source, f"the HTML page has over {MAX_ELEMENTS:,} elements; not read")
    canonical = _canonical(tree, url)
    doc = trafilatura.bare_extraction(
        tree, url=canonical, with_metadata=True, favor_precision=True, include_comments=False, include_tables=False,
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "max_date": date.today().isoformat()},
    )
    text = clean_text(doc.text or "") if doc is not None else ""
    if not text:
        return ReadError(source, "no article body found in the HTML page")
    try:
        when = iso_date(doc.date) or published
    except ValueError:
        when = published
    return Article(
        id=url_id(canonical) if canonical else id,
        title=(doc.title or title or "").strip() or id,
        text=text,
        url=canonical,
        published=when,
        source=doc.sitename or (doc.hostname if url else None) or source,
        author=doc.author,
    )


def _canonical(tree: HtmlElement, fetched: str | None) -> str | None:
    """The page's canonical URL (link rel=canonical, else og:url) if it is on the site the page
    came from, else the URL it was fetched from. Relative links are resolved against that URL."""
    for link in tree.xpath('//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content'):
        found = urljoin(fetched or "", link.strip())
        if is_url(found) and (fetched is None or same_site(found, fetched)):
            return without_credentials(found)
    return fetched

