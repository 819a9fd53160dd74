"""`ReadError`: a source that gave no article, kept apart so every reader module can yield it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ReadError:
    """A source (file, `file:line`, URL) that gave no article, and why, on one line.

    Readers yield these next to articles instead of raising, so one bad source never
    stops a batch; `polgraph ingest` prints each and exits non-zero at the end.
    """

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"
