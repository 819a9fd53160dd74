"""Rows out as json, csv or an aligned table: the one `--format` every command shares.

What the store holds came from articles anyone could write. A table goes to a terminal,
so control characters are shown escaped (`\x1b`), never sent raw: a title holding an
escape sequence could otherwise recolour, move or retitle the user's terminal. CSV is
opened in spreadsheets, so a text cell that would start a formula gets a leading `'`
(OWASP's advice on CSV injection); numbers stay numbers. JSON escapes what it must itself.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Sequence

from polgraph.core.errors import printable

FORMATS = ("table", "json", "csv")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render(rows: Sequence[dict[str, Any]] | dict | list, fmt: str) -> str:
    """Render rows (a list of dicts) or, for json only, any JSON document."""
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False, default=str)
    rows = list(rows)
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writerow({c: _csv_cell(c) for c in columns})
        for row in rows:
            writer.writerow({k: _csv_cell(v) for k, v in row.items()})
        return buf.getvalue().rstrip("\n")
    return _table(rows, columns)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _csv_cell(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text: a string that starts like a formula is quoted with `'`."""
    text = _cell(value)
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA_STARTS) else text


def _table(rows: Sequence[dict], columns: list[str], width: int = 60) -> str:
    if not rows:
        return "(no rows)"
    cells = [[_short(_cell(r.get(c)), width) for c in columns] for r in rows]
    widths = [max(len(_short(c, width)), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    out = [line([_short(c, width) for c in columns]), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)


def _short(text: str, width: int) -> str:
    """One line of at most `width` characters: whitespace runs (newlines, CR) become one space,
    other control characters their escape."""
    text = printable(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "…"
