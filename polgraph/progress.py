"""The ingest progress bar: articles, relations per second and ETA on a terminal; silent when piped.

Long ingests should say how far they are, but their output is also read by scripts: the
bar goes to standard error and only when that is a terminal (tqdm's ``disable=None``).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import IO, Iterable

from tqdm import tqdm

from polgraph.ingest.readers import CSV_SUFFIXES, JSONL_SUFFIXES, folder_files
from polgraph.ingest.urls import is_url


def count_articles(sources: Iterable[str | Path]) -> int | None:
    """How many articles local sources hold, for the ETA; None when a source is a URL or stdin.

    Files count one each, JSONL and CSV files one per line (a CSV record spanning lines
    makes this an estimate, which an ETA can live with).
    """
    total = 0
    for source in sources:
        if str(source) == "-" or is_url(str(source)):
            return None
        path = Path(source)
        files = [path] if path.is_file() else folder_files(path) if path.is_dir() else []
        total += sum(_records(f) for f in files)
    return total


def _records(path: Path) -> int:
    suffix = path.suffix.lower()
    if suffix not in JSONL_SUFFIXES | CSV_SUFFIXES:
        return 1
    try:
        with open(path, "rb") as fh:
            lines = sum(1 for line in fh if line.strip())
    except OSError:
        return 0
    return max(0, lines - 1) if suffix in CSV_SUFFIXES else lines


class IngestBar:
    """A `progress(articles, relations)` callback for `PolGraph.ingest` that draws a bar."""

    def __init__(self, total: int | None, file: IO[str] | None = None) -> None:
        self.bar = tqdm(total=total, unit="article", disable=None, file=file or sys.stderr, dynamic_ncols=True)
        self.relations = 0
        self.started = time.monotonic()

    def __call__(self, articles: int, relations: int) -> None:
        self.relations += relations
        rate = self.relations / max(time.monotonic() - self.started, 1e-9)
        self.bar.set_postfix_str(f"{self.relations:,} relations, {rate:,.0f}/s", refresh=False)
        self.bar.update(articles)

    def __enter__(self) -> "IngestBar":
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.close()
