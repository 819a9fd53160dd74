"""Articles from the web: article pages and RSS/Atom feeds over HTTP(S).

A `WebReader` fetches with one urllib3 pool: a user agent that says who is asking,
connect and read timeouts plus a deadline for the whole fetch that every socket read
obeys (`netguard`: a server trickling a byte a second is cut off too), a size limit
checked while streaming (an oversize page is never held in memory), up to five
redirects, and retries with backoff on transient failures (connection errors, a read
timeout, 429 and 5xx). A URL found in content (a feed item, any redirect) is refused
when its host resolves to a private address, or its connection reaches one, unless
`allow_private`; the URL a user names is fetched wherever it is. Credentials in a URL are never stored or printed. A feed (told by its root element, not its Content-Type) is parsed by feedparser
and each item's link fetched as a page; the item's title and date fill in what the page
does not say. Every failure is one `ReadError` naming the URL; the rest go on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.metadata import version
from typing import Iterator
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import (ConnectTimeoutError, HTTPError, MaxRetryError, NewConnectionError,
                                ReadTimeoutError, SSLError)

from polgraph.core.errors import one_line
from polgraph.core.records import Article
from polgraph.ingest.dates import iso_date
from polgraph.ingest.decoding import binary_kind, decode
from polgraph.ingest.errors import ReadError
from polgraph.ingest.netguard import (GUARDED_POOL_CLASSES, POOL_CLASSES, PrivateAddress, deadline, past_deadline,
                                      private_address)
from polgraph.ingest.pages import html_article, text_article
from polgraph.ingest.urls import is_url, url_id, without_credentials

DEFAULT_TIMEOUT = 20.0  # seconds a server may take to connect or to send the next bytes
DEADLINE_FACTOR = 4  # a whole fetch (redirects and retries included) must end within this many timeouts
MAX_REDIRECTS = 5
REDIRECT_STATUS = (301, 302, 303, 307, 308)
CHUNK = 64 * 1024
USER_AGENT = f"polgraph/{version('polgraph')} (political news knowledge graph; +https://pypi.org/project/polgraph/)"
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1")
TRANSIENT_STATUS = (429, 500, 502, 503, 504)
HTML_TYPES = ("text/html", "application/xhtml+xml")
# The root element of an RSS (0.9x, 1.0 as RDF, 2.0) or Atom document, after any prolog.
_FEED_ROOT = re.compile(rb"^\s*(?:<\?xml[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*|<\?xml-stylesheet[^>]*\?>\s*)*"
                        rb"<(?:rss|feed|rdf:RDF)\b", re.DOTALL | re.IGNORECASE)


class FetchError(Exception):
    """A URL that gave no usable response; the message is the reason, on one line."""


@dataclass
class Page:
    """A fetched response: where it ended up after redirects, what it says it is, its bytes."""

    url: str
    content_type: str  # media type only, lower case
    charset: str | None
    body: bytes


@dataclass
class FeedItem:
    """One feed entry: the page it links to and what the feed says about it."""

    link: str | None
    title: str | None
    published: str | None


class Fetcher:
    """HTTP GET with timeouts, a deadline, a size limit, checked redirects and retries; one pool per reader."""

    def __init__(self, timeout: float, max_bytes: int, allow_private: bool = False) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self.pool = self._pool(POOL_CLASSES)  # for what the user named (or all, with allow_private)
        self.guarded = self.pool if allow_private else self._pool(GUARDED_POOL_CLASSES)

    def _pool(self, classes: dict) -> urllib3.PoolManager:
        retries = urllib3.Retry(total=None, connect=2, read=1, status=2, other=1, redirect=False, backoff_factor=0.5,
                                backoff_max=5, status_forcelist=TRANSIENT_STATUS, allowed_methods={"GET"},
                                raise_on_status=False, respect_retry_after_header=False)
        pool = urllib3.PoolManager(headers={"User-Agent": USER_AGENT, "Accept": ACCEPT}, retries=retries,
                                   timeout=urllib3.Timeout(connect=self.timeout, read=self.timeout))
        pool.pool_classes_by_scheme = classes
        return pool

    def get(self, url: str, *, named: bool = False) -> Page:
        """The response to GET `url` after redirects, or FetchError saying why there is none.

        `named`: the user gave this URL, so it and redirects that stay on its scheme, host and
        port are fetched wherever they are; any other URL must not lead to a private address.
        """
        trusted = _origin(url) if named else None
        with deadline(DEADLINE_FACTOR * self.timeout):
            for hop in range(MAX_REDIRECTS + 1):
                guard = not (self.allow_private or _origin(url) == trusted)
                try:
                    if guard:
                        self._check(url)
                    resp = self._request(url, self.guarded if guard else self.pool)
                except PrivateAddress as exc:
                    where = f"redirected to {without_credentials(url)}, at" if hop else "the host is at"
                    raise FetchError(f"{where} {exc.args[0]}, a private address; refused "
                                     "(--allow-private fetches it)") from None
                if resp.status not in REDIRECT_STATUS or not resp.headers.get("Location"):
                    return self._page(url, resp)
                resp.drain_conn()
                resp.release_conn()
                url = urljoin(url, resp.headers["Location"])
        raise FetchError("too many redirects")

    @staticmethod
    def _check(url: str) -> None:
        """Refuse before connecting when the host resolves to a private address; the guarded pool
        checks the address it connects to as well, which a second lookup may have changed."""
        address = private_address(url)
        if address:
            raise PrivateAddress(address)

    def _request(self, url: str, pool: urllib3.PoolManager) -> urllib3.BaseHTTPResponse:
        try:
            return pool.request("GET", url, preload_content=False, redirect=False)
        except MaxRetryError as exc:
            raise FetchError(self._why(exc.reason)) from None
        except (HTTPError, ValueError, OSError) as exc:  # a malformed URL; the deadline while connecting
            raise FetchError(self._why(exc)) from None

    def _page(self, url: str, resp: urllib3.BaseHTTPResponse) -> Page:
        try:
            if resp.status >= 400:
                raise FetchError(f"HTTP {resp.status} {resp.reason or ''}".strip())
            length = resp.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > self.max_bytes:
                raise FetchError(f"{int(length):,} bytes is over the {self.max_bytes:,}-byte limit")
            body = self._body(resp)
        except BaseException:
            resp.close()  # an unread body must not go back into the pool
            raise
        finally:
            resp.release_conn()
        media, _, params = resp.headers.get("Content-Type", "").partition(";")
        charset = re.search(r"charset\s*=\s*\"?([\w.:-]+)", params, re.IGNORECASE)
        return Page(url, media.strip().lower(), charset.group(1) if charset else None, body)

    def _body(self, resp: urllib3.BaseHTTPResponse) -> bytes:
        body = bytearray()
        try:
            for chunk in resp.stream(CHUNK, decode_content=True):
                body += chunk
                if len(body) > self.max_bytes:
                    raise FetchError(f"page is over the {self.max_bytes:,}-byte limit")
        except (HTTPError, OSError) as exc:
            raise FetchError(self._why(exc)) from None
        return bytes(body)

    def _why(self, exc: BaseException | None) -> str:
        if past_deadline():
            return f"page took over {DEADLINE_FACTOR * self.timeout:g} s to arrive"
        if isinstance(exc, NewConnectionError):  # before timeouts: urllib3 makes it a ConnectTimeoutError too
            return "cannot connect (" + one_line(exc).rsplit(": ", 1)[-1] + ")"
        if isinstance(exc, (ReadTimeoutError, ConnectTimeoutError, TimeoutError)):
            return f"no response within {self.timeout:g} s"
        if isinstance(exc, SSLError):
            return f"TLS error ({one_line(exc)})"
        return one_line(exc) if exc else "request failed"


def _origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port: what a redirect must keep to stay where the user pointed."""
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port


class WebReader:
    """Articles from URLs.

    `seen` holds the ids of the articles read so far (the caller adds to it as articles
    pass), so a story listed in a feed and also given directly is not fetched again.
    """

    def __init__(self, *, timeout: float, max_bytes: int, seen: set[str], allow_private: bool = False) -> None:
        self.fetcher = Fetcher(timeout, max_bytes, allow_private)
        self.seen = seen

    def read(self, url: str) -> Iterator[Article | ReadError]:
        """The article at `url`, or every article of the feed at `url` (which the user named)."""
        if url_id(url) in self.seen:
            return
        try:
            page = self.fetcher.get(url, named=True)
        except FetchError as exc:
            yield ReadError(without_credentials(url), str(exc))
            return
        if _FEED_ROOT.match(page.body[:4096]):
            yield from self._feed(url, page)
        else:
            yield page_article(page, url)

    def _feed(self, url: str, page: Page) -> Iterator[Article | ReadError]:
        items = feed_items(page)
        if not items:
            yield ReadError(url, "feed has no items")
        for n, item in enumerate(items, 1):
            if not (item.link and is_url(item.link)):
                yield ReadError(f"{url} item {n}", "feed item has no web link")
            elif url_id(item.link) not in self.seen:
                try:
                    linked = self.fetcher.get(item.link)
                except FetchError as exc:
                    yield ReadError(without_credentials(item.link), str(exc))
                    continue
                yield page_article(linked, item.link, item)


def feed_items(page: Page) -> list[FeedItem]:
    """The entries of an RSS or Atom feed, links made absolute against the feed's URL."""
    import feedparser

    headers = {"content-location": page.url, "content-type": page.content_type or "application/xml"}
    if page.charset:
        headers["content-type"] += f"; charset={page.charset}"
    parsed = feedparser.parse(page.body, response_headers=headers)  # bytes: parsed, never fetched
    items = []
    for entry in parsed.entries:
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        items.append(FeedItem(entry.get("link"), entry.get("title"), iso_date(when) if when else None))
    return items


def page_article(page: Page, requested: str, item: FeedItem | None = None) -> Article | ReadError:
    """The article of a fetched page: HTML through trafilatura, plain text by its title line."""
    requested, page.url = without_credentials(requested), without_credentials(page.url)
    kind = binary_kind(page.body)
    if kind:
        return ReadError(requested, f"the response is {kind}, not an article page")
    text = decode(page.body, page.charset)
    if page.content_type == "text/plain":
        return text_article(text, id=url_id(page.url), source=page.url, url=page.url)
    if page.content_type and page.content_type not in HTML_TYPES and "xml" not in page.content_type:
        return ReadError(requested, f"content type {page.content_type} is not an HTML page, feed or text")
    return html_article(text, id=url_id(page.url), source=requested, url=page.url,
                        title=item.title if item else None, published=item.published if item else None)
