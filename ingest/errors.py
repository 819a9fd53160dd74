"""`ReadError`: a source that gave no article, kept apart so every reader module can yield it."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Characters that would end, forge or recolour a line on a terminal: C0/C1 controls, line and
# paragraph separators, bidirectional overrides and lone surrogates. File names carry them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with every character that could break or forge a terminal line escaped as in `repr` (``\\n``, ``\\x1b``)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


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
