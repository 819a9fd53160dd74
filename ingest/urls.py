"""URLs as article identity: one normal form, so a feed link, a redirect target and a
canonical link to the same story give one `Article` id."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that track a click, not name a page.
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|ns_\w+|at_\w+|_ga)$",
                       re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_url(source: object) -> bool:
    """Whether a source argument is a web address rather than a path."""
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))


def normalise_url(url: str) -> str:
    """`url` with lower-case scheme and host, no default port, fragment or tracking parameters."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def url_id(url: str) -> str:
    """The article id of a URL: its normal form without scheme, ``www.`` or trailing slash.

    http and https, ``www.`` or not, are the same story; a readable id keeps claims'
    ``article`` property meaningful to people.
    """
    parts = urlsplit(normalise_url(url))
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def same_site(a: str, b: str) -> bool:
    """Whether two URLs are on one host (``www.`` aside): a page may only name its own canonical URL."""
    return url_id(a).split("/", 1)[0] == url_id(b).split("/", 1)[0]


def without_credentials(url: str) -> str:
    """`url` without a ``user:password@`` part: what is stored and printed of a URL a user or page gave."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
