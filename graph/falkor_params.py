"""Query parameters for FalkorDB, written fast enough for bulk loads.

FalkorDB takes parameters as a `CYPHER name=value ...` prefix of the query text. The
official client builds that prefix value by value in Python, which on a bulk load costs
as much as the server's own work; here a parameter that is plain JSON is written by the
C JSON encoder instead, with its map keys turned into backquoted names.
"""
from __future__ import annotations

import json
import re
from typing import Any

from falkordb.helpers import stringify_param_value

# A map key in JSON text: inside strings every quote is escaped, so `{"` and `,"` start keys only.
_JSON_KEY = re.compile(r'[{,]"([A-Za-z_][A-Za-z0-9_]*)":')


def params_header(params: dict[str, Any]) -> str:
    """The `CYPHER name=value ...` prefix that carries `params` into a query ("" for none)."""
    if not params:
        return ""
    return "CYPHER " + "".join(f"`{name}`={_literal(value)} " for name, value in params.items())


def _literal(value: Any) -> str:
    """A Cypher literal for a parameter: JSON when FalkorDB reads it the same, else the client's encoder.

    FalkorDB reads JSON's string escapes except \\uXXXX, and map keys only unquoted or
    backquoted; anything else (control characters, odd keys, non-JSON types) falls back.
    """
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return stringify_param_value(value)
    for key in set(_JSON_KEY.findall(text)) if '":' in text else ():  # lists of rows have no keys
        text = text.replace(f'{{"{key}":', f"{{`{key}`:").replace(f',"{key}":', f",`{key}`:")
    if "\\u" in text or '":' in text:
        return stringify_param_value(value)
    return text
