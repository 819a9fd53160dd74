"""The YAML files users hand polgraph (gazetteers, aliases, judgements): read safely and bounded.

`yaml.safe_load` builds no objects of the file's choosing, but it does share one node among
every alias (``*name``) of it: a 1.5 KB "billion laughs" file is small as a Python object
and then takes gigabytes as soon as anything walks it. Here the document's size is counted
as if every alias were written out, before anything is built, and a file over
`MAX_NODES` is refused, as is one nested deeper than the parser can follow.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from polgraph.core.errors import InputError, SourceError, one_line

#: the most nodes a document may have with its aliases expanded; far above any real file
MAX_NODES = 200_000


def load_yaml(text: str, source: str) -> Any:
    """The document in `text`; `source` names it in errors ("gazetteer file x.yaml")."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded(node, {}, set(), source)
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise InputError(f"{source} is not valid YAML ({_problem(exc)})") from None
    except RecursionError:
        raise InputError(f"{source} is nested too deeply to read") from None
    finally:
        loader.dispose()


def read_yaml(path: Path | str, what: str) -> Any:
    """The document in the file at `path`, a `what` ("gazetteer file"); a missing file is an error."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(f"{what} not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{what} {path} cannot be read: {one_line(exc)}") from None
    return load_yaml(text, f"{what} {path}")


def _problem(exc: yaml.YAMLError) -> str:
    """What the parser found wrong, and on which line: its own message spans several lines."""
    mark = getattr(exc, "problem_mark", None)
    where = f", line {mark.line + 1}" if mark else ""
    return one_line(getattr(exc, "problem", None) or exc) + where


def _expanded(node: yaml.Node, sizes: dict[int, int], open_: set[int], source: str) -> int:
    """How many nodes `node` stands for with aliases written out; each shared node is counted once
    (`sizes`), so the count costs time in the size of the file, not of its expansion."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in open_:
        raise InputError(f"{source}: a YAML alias refers to a node that holds it")
    open_.add(key)
    if isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded(child, sizes, open_, source) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded(k, sizes, open_, source) + _expanded(v, sizes, open_, source)
                       for k, v in node.value)
    else:
        size = 1
    open_.discard(key)
    if size > MAX_NODES:
        raise InputError(f"{source}: its YAML aliases expand to over {MAX_NODES:,} values; write the values out")
    sizes[key] = size
    return size
