"""The judgements file: every merge, never and undo an analyst decided, in order, as YAML.

A team keeps it in git beside its corpus; every ingest replays it, so a fresh store built
from the same articles comes out as the judged one. Entities are named by their stable
ids (names ride along for people reading diffs). For a pair, the last entry wins.

The `--aliases` file is the same decisions in a shorter form, read into this model by
`from_aliases`: each `merge:` entry is a merge of every alias into the entry's name, each
`forbid:` pair a never; without a `type`, for every entity type. Its judgements come before
the file's, so what an analyst decided later wins.
"""
from __future__ import annotations

import fcntl
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from polgraph.core import settings
from polgraph.core.errors import InputError
from polgraph.core.names import entity_id
from polgraph.core.records import ENTITY_TYPES
from polgraph.core.yamlfile import read_yaml

ACTIONS = ("merge", "never", "undo")
DEFAULT_NAME = "judgements.yaml"
HEADER = (
    "# polgraph judgements: entity-resolution decisions, replayed by every ingest.\n"
    "# merge: b joins a.  never: a and b stay apart.  undo: b leaves a and is not merged back.\n"
    "# Entries apply in order; for a pair of actors the last entry wins. Keep this file in git.\n"
)


@dataclass
class Judgement:
    action: str  # one of ACTIONS
    a: str  # entity id
    b: str  # entity id
    names: list[str] = field(default_factory=list)  # [name of a, name of b], for readers of the file
    at: str = ""

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.a, self.b))


def judgements_path(path: str | Path | None, home: Path) -> Path:
    """An explicit path, else POLGRAPH_JUDGEMENTS, else judgements.yaml under POLGRAPH_HOME."""
    chosen = path or settings.judgements_file()
    return Path(chosen) if chosen else home / DEFAULT_NAME


def read(path: Path) -> list[Judgement]:
    """The judgements in the file, oldest first; a missing file holds none."""
    if not path.exists():
        return []
    raw = read_yaml(path, "judgements file")
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InputError(f"judgements file {path} must hold a list of entries")
    return [_entry(path, i, item) for i, item in enumerate(raw, 1)]


def append(path: Path, judgement: Judgement) -> None:
    """Add one judgement at the end of the file (written whole, then moved into place).

    Read, add and replace happen under an exclusive lock on a file beside it: two analysts'
    commands at once each see the other's entry, where both used to read the same old file
    and the second replace dropped the first one's judgement.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        entries = [*read(path), judgement]
        body = yaml.safe_dump([asdict(e) for e in entries], sort_keys=False, allow_unicode=True, width=200)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=path.name,
                                         suffix=".tmp", delete=False) as tmp:
            tmp.write(HEADER + body)
        Path(tmp.name).replace(path)


def latest(judgements: list[Judgement]) -> dict[frozenset[str], Judgement]:
    """The judgement in force for each pair: the last one written."""
    return {j.pair: j for j in judgements}


def from_aliases(path: Path | str | None) -> list[Judgement]:
    """The judgements an aliases file states: merge (alias joins name) and never (a forbidden pair)."""
    if path is None:
        return []
    data = read_yaml(path, "aliases file") or {}
    if not isinstance(data, dict):
        raise InputError(f"aliases file {path} must be a mapping with 'merge' and/or 'forbid'")
    out = []
    for m in data.get("merge") or []:
        if not isinstance(m, dict) or not m.get("name"):
            raise InputError(f"aliases file {path}: every merge entry needs a name: {m!r}")
        name = str(m["name"])
        for t in _types(path, m.get("type")):
            out += [Judgement("merge", entity_id(t, name), entity_id(t, str(a)), [name, str(a)])
                    for a in m.get("aliases") or []]
    for f in data.get("forbid") or []:
        if not isinstance(f, (list, tuple)) or len(f) != 2:
            raise InputError(f"aliases file {path}: every forbid entry is a pair of names: {f!r}")
        a, b = str(f[0]), str(f[1])
        out += [Judgement("never", entity_id(t, a), entity_id(t, b), [a, b]) for t in ENTITY_TYPES]
    return out


def _types(path: Path | str, given: object) -> tuple[str, ...]:
    """The entity types a merge entry speaks of: the one it names, else all."""
    if given is None:
        return ENTITY_TYPES
    chosen = [t for t in ENTITY_TYPES if t.lower() == str(given).strip().lower()]
    if not chosen:
        raise InputError(f"aliases file {path}: unknown type {given!r} (one of {', '.join(ENTITY_TYPES)})")
    return tuple(chosen)


def _entry(path: Path, index: int, item: object) -> Judgement:
    if not isinstance(item, dict) or item.get("action") not in ACTIONS or not item.get("a") or not item.get("b"):
        raise InputError(f"judgements file {path}, entry {index}: needs action (merge, never or undo), a and b")
    return Judgement(action=item["action"], a=str(item["a"]), b=str(item["b"]),
                     names=[str(n) for n in item.get("names") or []], at=str(item.get("at") or ""))
