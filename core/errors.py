"""The one exception users see: a clear, one-line message, never a traceback.

`PolGraphError` is what the CLI catches and library callers may catch as a whole; its
subclasses say what kind of thing went wrong, so a caller can tell a bad value it was
handed from a store that is down without reading the message. What goes on a terminal line
from outside (a file name, a title, a reason) goes through `printable`.
"""
import re

# Characters that would end, forge or recolour a line on a terminal: C0/C1 controls, line and
# paragraph separators, bidirectional overrides and lone surrogates. File names and titles carry them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class PolGraphError(Exception):
    """A user-facing error (bad input, unknown template, unreachable store).

    The CLI turns it into a `click.ClickException`; library callers catch it by type.
    The message is one line and names the file, value or store it is about.
    """


class InputError(PolGraphError):
    """Bad user input: a value, a parameter or setting, or the content of a file the user gave."""


class SourceError(PolGraphError):
    """A file, folder or URL polgraph was pointed at could not be read or fetched (content it did read but
    cannot use is an `InputError`)."""


class TemplateError(PolGraphError):
    """An unknown query template, or a bad parameter of one."""


class ModelError(PolGraphError):
    """The spaCy pipeline or model is missing or broken."""


class StoreError(PolGraphError):
    """The store is unreachable, or refused a statement."""


def one_line(exc: BaseException) -> str:
    """A driver's error text folded onto one line, for messages that must stay one line."""
    return " ".join(str(exc).split())


def printable(text: str) -> str:
    """`text` with every character that could break or forge a terminal line escaped as in `repr` (``\\n``, ``\\x1b``)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
