"""The one exception users see: a clear, one-line message, never a traceback."""


class PolGraphError(Exception):
    """A user-facing error (bad input, unknown template, unreachable store).

    The CLI turns it into a `click.ClickException`; library callers catch it by type.
    The message is one line and names the file, value or store it is about.
    """


def one_line(exc: BaseException) -> str:
    """A driver's error text folded onto one line, for messages that must stay one line."""
    return " ".join(str(exc).split())
