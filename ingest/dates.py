"""Publication dates as ISO 8601 strings, from whatever form a feed, page or export gives.

Every claim carries its article's date and templates sort and filter on it as text, so
dates are stored in one shape: ``YYYY-MM-DD`` when only the day is known, else
``YYYY-MM-DDTHH:MM:SS`` with the offset when the source gave one.
"""
from __future__ import annotations

import re
import time
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

# Day-first and month-first forms that news exports use; never the ambiguous 01/02/2005.
_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B, %Y", "%Y/%m/%d")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+", re.IGNORECASE)


def iso_date(value: object) -> str | None:
    """`value` (a string, date, datetime or time.struct_time) as ISO 8601; None when empty.

    Raises ValueError naming the value when it is not a date this function can read.
    """
    if value is None or value == "":
        return None
    if isinstance(value, time.struct_time):  # feedparser's parsed dates are UTC
        return _iso(datetime(*value[:6], tzinfo=timezone.utc))
    if isinstance(value, datetime):
        return _iso(value)
    if isinstance(value, date):
        return value.isoformat()
    text = " ".join(str(value).split())
    if not text:
        return None
    return _iso(_parse(text))


def _parse(text: str) -> datetime | date:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)  # RFC 822, as in RSS <pubDate>
    except (TypeError, ValueError, IndexError):
        pass
    bare = _WEEKDAY.sub("", text)
    for fmt in _FORMATS:
        try:
            return datetime.strptime(bare, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date (expected ISO 8601 such as 2005-03-14, or e.g. 14 March 2005)")


def _iso(value: datetime | date) -> str:
    if not isinstance(value, datetime):
        return value.isoformat()
    if value.time() == datetime.min.time() and value.tzinfo is None:
        return value.date().isoformat()
    return value.isoformat(timespec="seconds")
