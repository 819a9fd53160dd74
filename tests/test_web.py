"""Reading the web: a real http.server on 127.0.0.1 serving feeds and article pages with
page furniture around the body, redirects, a 404, a slow response and oversize pages."""
from __future__ import annotations

import json
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import cli
from polgraph.core.records import Article
from polgraph.ingest import netguard
from polgraph.ingest.readers import ReadError, read_sources

SITE = Path(__file__).parent / "data" / "site"
TIMEOUT = 0.5  # seconds; /slow sleeps well past it
MAX_BYTES = 100_000
REBIND = "rebind.example"  # a name the DNS-rebinding test resolves, first to a global address, then here
TRICKLE_BYTES = 400  # at TIMEOUT / 10 a byte: 20 s, ten times the deadline of 4 * TIMEOUT
# Names that appear only in menus, scripts, styles, share and "related" boxes, comments and
# footers of the test pages: none may reach article text or the graph.
FURNITURE_NAMES = [
    "Oswald Blackwood", "Cornelius Thorne", "Gideon Harcourt", "Winifred Ashby", "Priscilla Vane",
    "Barnaby Stroud", "Desmond Ashworth", "Hortense Vellacott", "Lionel Fairbrother", "Ambrose Kettering",
    "Agatha Primrose", "Margot Quillfeather", "Humphrey Dalrymple", "Florence Maddox", "Cedric Whitlock",
    "Percival Langley", "Imogen Carstairs", "Rosalind Featherstone", "Montague Birtwistle",
    "Cressida Hollinghurst", "Thaddeus Worthington", "Edmund Fairweather", "Lavinia Osgood",
    "Ignatius Pemberton", "Octavia Lockwood", "Bartholomew Quince", "Jasper Ravensworth",
]
BODY_ACTORS = ["Eleanor Marsh", "Daniel Okafor", "Fiona Caldwell"]
ARTICLE_PAGES = ["marsh-resigns", "okafor-levy", "caldwell-suspended"]
BIG_PAGE = b"<html><body>" + b"<p>Filler text.</p>" * (MAX_BYTES // 10) + b"</body></html>"
LONG_LINK_PATH = "/long/"
LONG_LINK = f"http://SITE{LONG_LINK_PATH}{'x' * 5000}.txt"
LONG_LINK_FEED = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Long</title><link>http://SITE/</link>"
                  f"<item><title>Long</title><link>{LONG_LINK}</link></item>"
                  "<item><title>Short</title><link>http://SITE/statement.txt</link></item>"
                  "</channel></rss>").encode()


class Site(BaseHTTPRequestHandler):
    """The test site: files under tests/data/site (with http://SITE replaced by the real
    address), plus a few paths that misbehave on purpose."""

    hits: Counter = Counter()
    agents: list[str] = []

    def do_GET(self) -> None:
        try:
            self._respond(urlsplit(self.path).path)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up first, as it should
            pass

    def _respond(self, path: str) -> None:
        self.hits[path] += 1
        self.agents.append(self.headers.get("User-Agent", ""))
        if path == "/moved":
            self._send(301, b"", extra={"Location": "/news/marsh-resigns.html"})
        elif path.startswith("/hop/"):  # /hop/N redirects N times, then lands on an article
            hops = int(path.rsplit("/", 1)[1])
            self._send(302, b"", extra={"Location": f"/hop/{hops - 1}" if hops else "/news/okafor-levy.html"})
        elif path == "/loop":
            self._send(302, b"", extra={"Location": "/loop"})
        elif path == "/slow":
            time.sleep(TIMEOUT * 4)
            self._send(200, b"<html><body><p>too late</p></body></html>")
        elif path == "/flaky" and self.hits[path] == 1:
            self._send(503, b"busy")
        elif path == "/flaky":
            self._file("news/okafor-levy.html")
        elif path == "/big.html":
            self._send(200, BIG_PAGE)
        elif path == "/big-stream.html":  # no Content-Length: the limit must hold while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(MAX_BYTES // 1000 * 3):
                self.wfile.write(b"<p>" + b"x" * 1000 + b"</p>")
        elif path == "/trickle":  # a byte at a time, each well within the read timeout
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self._trickle(b"<html><body><p>" + b"x" * TRICKLE_BYTES)
        elif path == "/trickle-headers":
            self._trickle(b"HTTP/1.0 200 OK\r\nX-Pad: " + b"x" * TRICKLE_BYTES)
        elif path == "/to-elsewhere":  # a redirect off the named host, to this machine by another name
            self._send(302, b"", extra={"Location": f"http://localhost:{self.server.server_address[1]}/statement.txt"})
        elif path == "/to-rebind":  # a redirect to a name whose address changes (see test_dns_rebinding)
            self._send(302, b"", extra={"Location": f"http://{REBIND}:{self.server.server_address[1]}/statement.txt"})
        elif path.startswith("/charset/"):  # a charset that is a codec but not a text encoding
            self._send(200, (SITE / "news" / "okafor-levy.html").read_bytes(),
                       ctype=f"text/html; charset={path.rsplit('/', 1)[1]}")
        elif path == "/long-link.xml":  # an item whose link is over the 4 KB that crashed the store's key check
            self._send(200, LONG_LINK_FEED.replace(b"http://SITE", f"http://{self.headers['Host']}".encode()),
                       ctype="application/rss+xml")
        elif path.startswith(LONG_LINK_PATH):
            self._send(200, b"Statement on the levy\n\nDaniel Okafor criticised the Liberal Democrats "
                       b"over the council tax levy.\n", ctype="text/plain; charset=utf-8")
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", ctype="application/pdf")
        elif path == "/statement.txt":
            self._send(200, "Statement from Fiona Caldwell\n\nFiona Caldwell said she "
                       "would appeal against her suspension from the Liberal Democrats.\n".encode(),
                       ctype="text/plain; charset=utf-8")
        else:
            self._file(path.lstrip("/"))

    def _trickle(self, data: bytes) -> None:
        for i in range(len(data)):
            self.wfile.write(data[i:i + 1])
            time.sleep(TIMEOUT / 10)

    def _file(self, rel: str) -> None:
        target = SITE / rel
        if not rel or not target.is_file():
            self._send(404, b"<html><body>Not found</body></html>")
            return
        base = f"http://{self.headers['Host']}"
        body = target.read_bytes().replace(b"http://SITE", base.encode())
        ctype = "application/rss+xml" if rel.endswith("feed.xml") else \
            "application/atom+xml" if rel.endswith(".xml") else "text/html; charset=utf-8"
        self._send(200, body, ctype=ctype)

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def site():
    """The base URL of the test site, served from a thread for the module's tests."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def read(*urls: str, max_bytes: int = MAX_BYTES, allow_private: bool = True) -> tuple[list[Article], list[ReadError]]:
    """What `urls` give; the test site is on 127.0.0.1, so its feeds' items need `allow_private`."""
    items = list(read_sources(urls, max_bytes=max_bytes, timeout=TIMEOUT, allow_private=allow_private))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadError)]


def test_rss_feed_gives_each_linked_article_with_metadata(site):
    articles, errors = read(f"{site}/feed.xml")
    assert errors == []
    by_path = {urlsplit(a.url).path: a for a in articles}
    assert sorted(by_path) == [f"/news/{p}.html" for p in sorted(ARTICLE_PAGES)]
    marsh = by_path["/news/marsh-resigns.html"]
    assert marsh.url == f"{site}/news/marsh-resigns.html"  # canonical: no tracking parameters
    assert marsh.id == f"{site.removeprefix('http://')}/news/marsh-resigns.html"
    assert marsh.title == "Eleanor Marsh quits Labour front bench over housing vote"  # the page's own
    assert marsh.published == "2026-03-02"  # article:published_time meta tag
    assert marsh.source == "The Westbrook Gazette"
    assert marsh.author == "Ruth Penhallow"
    assert by_path["/news/okafor-levy.html"].published == "2026-03-09"  # JSON-LD datePublished
    assert by_path["/news/okafor-levy.html"].source == "Northgate Post"
    caldwell = by_path["/news/caldwell-suspended.html"]
    assert caldwell.published == "2026-03-12T11:00:00+00:00"  # the page has none: the feed's pubDate
    assert caldwell.source == site.removeprefix("http://")  # no site name: the host


def test_page_furniture_never_reaches_article_text(site):
    articles, _ = read(*(f"{site}/news/{p}.html" for p in ARTICLE_PAGES))
    assert len(articles) == 3
    text = "\n".join(a.title + "\n" + a.text for a in articles)
    for name in BODY_ACTORS:
        assert name in text
    leaked = [name for name in FURNITURE_NAMES if name in text]
    assert leaked == []
    for furniture in ("Share on Facebook", "Related posts", "Most read", "cookies", "function", "{", "newsletter"):
        assert furniture.lower() not in text.lower()


def test_atom_feed_resolves_relative_links_and_reports_items_without_one(site):
    articles, errors = read(f"{site}/atom.xml")
    assert [a.url for a in articles] == [f"{site}/news/caldwell-suspended.html"]
    assert articles[0].published == "2026-03-12T11:00:00+00:00"  # <published>, not <updated>
    assert [str(e) for e in errors] == [f"{site}/atom.xml item 2: feed item has no web link"]


def test_same_story_by_feed_redirect_and_direct_url_is_read_once(site):
    Site.hits.clear()
    articles, errors = read(f"{site}/feed.xml", f"{site}/news/okafor-levy.html",
                            f"{site}/news/marsh-resigns.html#comments", f"{site}/moved", f"{site}/atom.xml")
    assert sorted(a.id.rsplit("/", 1)[1] for a in articles) == sorted(f"{p}.html" for p in ARTICLE_PAGES)
    assert [e.reason for e in errors] == ["feed item has no web link"]
    assert Site.hits["/news/okafor-levy.html"] == 1  # known from the feed: not fetched again


def test_a_chain_of_five_redirects_is_followed(site):
    articles, errors = read(f"{site}/hop/4")  # five redirects: /hop/4 .. /hop/0 -> the page
    assert errors == []
    assert [a.url for a in articles] == [f"{site}/news/okafor-levy.html"]


@pytest.mark.slow
def test_failures_are_one_line_each_and_the_rest_go_on(site):
    articles, errors = read(f"{site}/broken-feed.xml", f"{site}/news/nobody.html", f"{site}/loop",
                            f"{site}/report.pdf", "http://127.0.0.1:9/refused")
    assert [urlsplit(a.url).path for a in articles] == ["/news/marsh-resigns.html"]  # via /moved
    assert articles[0].published == "2026-03-02"
    messages = {str(e) for e in errors}
    assert messages == {
        f"{site}/news/gone.html: HTTP 404 Not Found",
        f"{site}/slow: no response within {TIMEOUT:g} s",
        f"{site}/news/nobody.html: no article body found in the HTML page",
        f"{site}/loop: too many redirects",
        f"{site}/report.pdf: the response is a PDF document, not an article page",
        "http://127.0.0.1:9/refused: cannot connect ([Errno 111] Connection refused)",
    }


def test_oversize_pages_are_refused_by_length_and_while_streaming(site):
    articles, errors = read(f"{site}/big.html", f"{site}/big-stream.html")
    assert articles == []
    assert [str(e) for e in errors] == [
        f"{site}/big.html: {len(BIG_PAGE):,} bytes is over the {MAX_BYTES:,}-byte limit",
        f"{site}/big-stream.html: page is over the {MAX_BYTES:,}-byte limit",
    ]


def test_transient_errors_are_retried_with_a_clear_user_agent(site):
    Site.hits.clear()
    Site.agents.clear()
    articles, errors = read(f"{site}/flaky")
    assert errors == []
    assert [a.title for a in articles] == ["Okafor backs council tax levy as Liberal Democrats cry foul"]
    assert Site.hits["/flaky"] == 2
    assert all(agent.startswith("polgraph/") for agent in Site.agents)


def test_plain_text_url_is_an_article(site):
    articles, errors = read(f"{site}/statement.txt")
    assert errors == []
    assert articles[0].title == "Statement from Fiona Caldwell"
    assert articles[0].url == f"{site}/statement.txt"


def test_ingest_feed_done_when(site, home):
    """The issue's acceptance test: three Article nodes with url, title and published; the
    bodies' actors are entities and no name from menus, scripts or footers is."""
    done = cli("ingest", f"{site}/feed.xml", "--allow-private", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ingested"] == 3
    rows = json.loads(cli("cypher", "MATCH (a:Article) RETURN a.url AS url, a.title AS title, "
                                    "a.published AS published ORDER BY url", "--format", "json").stdout)
    assert [urlsplit(r["url"]).path for r in rows] == [f"/news/{p}.html" for p in sorted(ARTICLE_PAGES)]
    assert all(r["title"] and r["published"].startswith("2026-03-") for r in rows)
    names = {r["name"] for r in json.loads(cli("cypher", "MATCH (e:Entity) RETURN e.name AS name",
                                               "--format", "json").stdout)}
    assert set(BODY_ACTORS) <= names
    assert {n for n in names if any(part in n for f in FURNITURE_NAMES for part in f.split())} == set()
    dates = json.loads(cli("cypher", "MATCH ()-[r]->() WHERE r.article IS NOT NULL "
                                     "RETURN DISTINCT r.date AS date", "--format", "json").stdout)
    assert dates and all(d["date"] and d["date"].startswith("2026-03-") for d in dates)
    again = cli("ingest", f"{site}/news/marsh-resigns.html", "--format", "json")
    assert json.loads(again.stdout)["skipped"] == 1
    count = json.loads(cli("cypher", "MATCH (a:Article) RETURN count(a) AS n", "--format", "json").stdout)
    assert count == [{"n": 3}]


@pytest.mark.slow
def test_a_server_trickling_bytes_is_cut_off_at_the_deadline(site):
    """Each byte comes well within the read timeout, so only a deadline for the whole fetch,
    headers and body alike, cuts these off (before, they took as long as the server liked)."""
    articles, errors = read(f"{site}/trickle", f"{site}/trickle-headers", f"{site}/statement.txt")
    assert [a.url for a in articles] == [f"{site}/statement.txt"]
    assert [str(e) for e in errors] == [f"{site}/trickle: page took over {4 * TIMEOUT:g} s to arrive",
                                        f"{site}/trickle-headers: page took over {4 * TIMEOUT:g} s to arrive"]


def test_feed_items_and_redirects_to_private_addresses_are_refused(site):
    """The named URL is fetched wherever it is, and so are redirects that stay on its host; feed
    items and redirects elsewhere must not reach this machine or its network without allow_private."""
    port = site.rsplit(":", 1)[1]
    articles, errors = read(f"{site}/feed.xml", f"{site}/moved", f"{site}/to-elsewhere", allow_private=False)
    assert [a.url for a in articles] == [f"{site}/news/marsh-resigns.html"]  # /moved: the same host
    refused = "a private address; refused (--allow-private fetches it)"
    assert sorted(f"{e.source.split('?')[0]}: {e.reason}" for e in errors) == [
        *(f"{site}/news/{p}.html: the host is at 127.0.0.1, {refused}" for p in sorted(ARTICLE_PAGES)),
        f"{site}/to-elsewhere: redirected to http://localhost:{port}/statement.txt, at 127.0.0.1, {refused}",
    ]
    done = cli("extract", f"{site}/feed.xml", "--timeout", str(TIMEOUT))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 3 and refused in done.stderr
    done = cli("extract", f"{site}/feed.xml", "--timeout", str(TIMEOUT), "--allow-private")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["articles"]) == 3


@pytest.mark.parametrize("address, refused", [
    ("93.184.215.14", False), ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", False), ("127.0.0.1", True),
    ("10.1.2.3", True), ("169.254.169.254", True), ("100.64.0.1", True), ("224.0.0.1", True), ("::1", True),
    ("fe80::1%eth0", True), ("fd00::1", True), ("::ffff:127.0.0.1", True),
    # IPv6 forms carrying an IPv4 address, which Python's ipaddress calls global
    ("64:ff9b::a9fe:a9fe", True), ("64:ff9b::5db8:d70e", False), ("2002:a9fe:a9fe::", True),
    ("2002:5db8:d70e::1", False), ("::7f00:1", True), ("::ffff:0:a9fe:a9fe", True), ("64:ff9b:1::808:808", True),
    ("fec0::1", True),
])
def test_which_addresses_content_may_not_lead_a_fetch_to(address, refused):
    assert netguard.refused_address(address) is refused


def test_dns_rebinding_cannot_lead_a_fetch_to_a_private_address(site, monkeypatch):
    """A name that resolves to a global address when checked and to this machine when the fetch
    connects (an attacker's DNS can do it) used to pass the check and reach 127.0.0.1. The
    connection now checks the address it reached. Name resolution is the one thing faked here:
    a first lookup of the name gives a global address, every later one 127.0.0.1."""
    resolve = socket.getaddrinfo
    lookups = Counter()

    def rebinding(host, port, *args, **kwargs):
        if host != REBIND:
            return resolve(host, port, *args, **kwargs)
        lookups[host] += 1
        return resolve("93.184.215.14" if lookups[host] == 1 else "127.0.0.1", port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    articles, errors = read(f"{site}/to-rebind", allow_private=False)
    port = site.rsplit(":", 1)[1]
    assert articles == [] and lookups[REBIND] == 2
    assert [f"{e.source}: {e.reason}" for e in errors] == [
        f"{site}/to-rebind: redirected to http://{REBIND}:{port}/statement.txt, at 127.0.0.1, a private address; "
        "refused (--allow-private fetches it)"]


@pytest.mark.parametrize("charset", ["rot13", "base64", "zlib", "hex", "quopri", "punycode"])
def test_a_charset_header_naming_a_non_text_codec_falls_back(site, charset):
    articles, errors = read(f"{site}/charset/{charset}")
    assert errors == []
    assert articles[0].title == "Okafor backs council tax levy as Liberal Democrats cry foul"


def test_credentials_in_a_url_are_neither_stored_nor_printed(site):
    with_password = site.replace("http://", "http://reader:s3cret@")
    articles, errors = read(f"{with_password}/statement.txt", f"{with_password}/news/gone.html")
    assert [a.url for a in articles] == [f"{site}/statement.txt"]
    assert [str(e) for e in errors] == [f"{site}/news/gone.html: HTTP 404 Not Found"]


def test_a_feed_item_whose_link_is_over_4_kb_is_stored_with_the_rest(site, home):
    """An article id over 4 KB (the item's URL) crashed the embedded server's unique-constraint
    check on every run: now the key is hashed, the full URL kept, and the feed's other item stored."""
    done = cli("ingest", f"{site}/long-link.xml", "--allow-private", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ingested"] == 2
    rows = json.loads(cli("cypher", "MATCH (a:Article) WHERE a.hash IS NOT NULL RETURN a.id AS id, "
                                    "a.full_id AS full, a.url AS url ORDER BY url", "--format", "json").stdout)
    long_url = LONG_LINK.replace("http://SITE", site)
    assert [r["url"] for r in rows] == [long_url, f"{site}/statement.txt"]
    assert len(rows[0]["id"].encode()) <= 512 and rows[0]["full"] == long_url.removeprefix("http://")
