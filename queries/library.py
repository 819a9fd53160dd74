"""Saved Cypher templates: `queries/*.cypher`, each with a YAML header in `//` comments.

    // name: critics_of
    // description: Who criticises an actor, with the evidence for each claim.
    // params:
    //   name: {type: actor, example: Jon Lansman}
    //   limit: {type: int, default: 50, example: 20}
    // columns: [critic, evidence, article]
    // scale: an optional note on how the template behaves on a large graph

A new template is a new file: the list, the CLI and the Python methods are read from
the headers. Parameter types: `actor` (a name, resolved to the entity's id through any
alias, in any case), `relation` (a claim type of the schema), `string`, `int`, `float`,
`bool`, `date` (ISO 8601).
"""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from polgraph.core.errors import TemplateError
from polgraph.graph import schema as schema_mod

PARAM_TYPES = ("actor", "relation", "string", "int", "float", "bool", "date")
# The Python type a caller passes for each parameter type (names, claim types and dates are text).
PYTHON_TYPES: dict[str, type] = {"actor": str, "relation": str, "string": str, "int": int, "float": float,
                                 "bool": bool, "date": str}
_NO_DEFAULT = object()


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    example: Any = None
    default: Any = _NO_DEFAULT
    description: str = ""

    @property
    def required(self) -> bool:
        return self.default is _NO_DEFAULT

    @property
    def annotation(self) -> Any:
        """The parameter's Python type; optional when its default is None."""
        py = PYTHON_TYPES[self.type]
        return py | None if not self.required and self.default is None else py

    def convert(self, value: Any) -> Any:
        """A CLI string or Python value as the type the template expects."""
        if value is None:
            return None
        try:
            if self.type == "int":
                return int(value)
            if self.type == "float":
                return float(value)
            if self.type == "bool":
                return _bool(value)
            if self.type == "date":
                return date.fromisoformat(str(value)[:10]).isoformat() if len(str(value)) <= 10 else str(value)
            if self.type == "relation":
                rel = str(value).upper()
                if rel not in schema_mod.load().claim_types:
                    raise ValueError(f"not one of {', '.join(schema_mod.load().claim_types)}")
                return rel
        except ValueError as exc:
            raise TemplateError(f"parameter {self.name}={value!r} is not a valid {self.type}: {exc}") from None
        return str(value)

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "example": self.example}
        if not self.required:
            out["default"] = self.default
        if self.description:
            out["description"] = self.description
        return out


@dataclass(frozen=True)
class Template:
    name: str
    description: str
    params: dict[str, Param]
    columns: tuple[str, ...]
    cypher: str
    write: bool = field(default=False)

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """Every parameter converted, defaults filled in; unknown or missing ones are errors."""
        unknown = sorted(set(given) - set(self.params))
        if unknown:
            raise TemplateError(
                f"template {self.name} has no parameter {unknown[0]!r}; it takes: {', '.join(self.params) or 'none'}"
            )
        bound: dict[str, Any] = {}
        for p in self.params.values():
            if p.name in given:
                bound[p.name] = p.convert(given[p.name])
            elif p.required:
                raise TemplateError(
                    f"template {self.name} needs parameter {p.name!r} ({p.type}), e.g. -p {p.name}={p.example!r}"
                )
            else:
                bound[p.name] = p.default
        return bound

    def examples(self) -> dict[str, Any]:
        """The header's example parameters: a call that answers on the sample corpus."""
        return {p.name: p.example for p in self.params.values() if p.example is not None}

    def signature(self) -> inspect.Signature:
        """The Python signature of the template's method: required parameters first (positional
        or keyword), the optional ones keyword-only with their defaults, rows of dicts out."""
        self_ = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
        required = [inspect.Parameter(p.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=p.annotation)
                    for p in self.params.values() if p.required]
        optional = [inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=p.default,
                                      annotation=p.annotation)
                    for p in self.params.values() if not p.required]
        return inspect.Signature([self_, *required, *optional], return_annotation=list[dict])

    def docstring(self) -> str:
        """What `help()` shows for the template's method: the header, in prose."""
        lines = [self.description, "", "Parameters:"]
        for p in self.params.values():
            default = "required" if p.required else f"default {p.default!r}"
            about = f": {p.description}" if p.description else ""
            lines.append(f"    {p.name} ({p.type}, {default}, e.g. {p.example!r}){about}")
        if not self.params:
            lines.append("    none")
        lines += ["", f"Returns a list of dicts with keys: {', '.join(self.columns)}.",
                  f"Same as query({self.name!r}, ...); `polgraph query {self.name}` on the command line."]
        return "\n".join(lines)

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "params": {n: p.describe() for n, p in self.params.items()},
            "columns": list(self.columns),
        }


def parse(text: str, source: str) -> Template:
    """A template from a .cypher file's text; a broken header names the file."""
    header = []
    lines = text.splitlines()
    for line in lines:
        if not line.startswith("//"):
            break
        header.append(re.sub(r"^// ?", "", line))
    body = "\n".join(lines[len(header):]).strip()
    try:
        meta = yaml.safe_load("\n".join(header)) or {}
        params = {
            name: Param(name=name, type=spec.get("type", "string"), example=spec.get("example"),
                        default=spec.get("default", _NO_DEFAULT), description=spec.get("description", ""))
            for name, spec in (meta.get("params") or {}).items()
        }
        tpl = Template(
            name=meta["name"],
            description=" ".join(str(meta["description"]).split()),
            params=params,
            columns=tuple(meta.get("columns") or ()),
            cypher=body,
        )
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise TemplateError(f"{source}: bad template header ({exc})") from None
    # Names become a PolGraph method and its keyword arguments.
    odd = [n for n in (tpl.name, *params) if not str(n).isidentifier()]
    if odd:
        raise TemplateError(f"{source}: {odd[0]!r} is not a valid name (letters, digits and _ only)")
    bad = [p for p in params.values() if p.type not in PARAM_TYPES]
    if bad:
        raise TemplateError(f"{source}: parameter {bad[0].name} has unknown type {bad[0].type!r}")
    if not body:
        raise TemplateError(f"{source}: template has no Cypher")
    return tpl


@cache
def templates() -> dict[str, Template]:
    """Every saved template shipped with polgraph, by name."""
    found: dict[str, Template] = {}
    for entry in sorted(resources.files("polgraph.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            tpl = parse(entry.read_text("utf-8"), entry.name)
            if tpl.name != entry.name.removesuffix(".cypher"):
                raise TemplateError(f"{entry.name}: header names it {tpl.name!r}; the file name must match")
            found[tpl.name] = tpl
    return found


def get(name: str) -> Template:
    """The template of that name; an unknown name lists the close ones."""
    found = templates()
    if name in found:
        return found[name]
    import difflib

    close = difflib.get_close_matches(name, found, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see polgraph query --list"
    raise TemplateError(f"unknown template {name!r}{hint}")


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "y", "on"):
        return True
    if text in ("0", "false", "no", "n", "off"):
        return False
    raise ValueError("use true or false")
