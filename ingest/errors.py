"""`ReadError`: a source that gave no article, kept apart so every reader module can yield it."""
from __future__ import annotations

from dataclasses import dataclass

from polgraph.core.errors import printable


@dataclass
class ReadError:
    """A source (file, `file:line`, URL) that gave no article, and why, on one line.

    Readers yield these next to articles instead of raising, so one bad source never
    stops a batch; `polgraph ingest` prints each and exits non-zero at the end. The
    source and reason are escaped when printed: a newline or terminal escape in a file
    name must not forge a second `error:` line or reach the terminal raw.
    """

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{printable(self.source)}: {printable(self.reason)}"
