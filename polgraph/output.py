"""Rows out as json, csv or an aligned table: the one `--format` every command shares."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Sequence

FORMATS = ("table", "json", "csv")


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
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
        return buf.getvalue().rstrip("\n")
    return _table(rows, columns)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _table(rows: Sequence[dict], columns: list[str], width: int = 60) -> str:
    if not rows:
        return "(no rows)"
    cells = [[_short(_cell(r.get(c)), width) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    out = [line(columns), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
