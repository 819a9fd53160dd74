"""Who a remote store is told we are: user and password from the environment, or a prompt.

A password typed as a command-line argument lands in shell history and in `ps` output,
so polgraph looks first in the environment (`NEO4J_PASSWORD`, `FALKORDB_PASSWORD`),
then in the URI (for scripts that already hold one), and asks on the terminal when a user
is named but no password is given. The password goes to the driver and nowhere else.
"""
from __future__ import annotations

import getpass
import sys
from typing import NamedTuple
from urllib.parse import SplitResult, unquote

from polgraph.core.settings import store_login


class Credentials(NamedTuple):
    user: str | None
    password: str | None


def credentials(parts: SplitResult, env_prefix: str, service: str) -> Credentials:
    """User and password for a store URI; `env_prefix` is e.g. "NEO4J" for NEO4J_USER/NEO4J_PASSWORD."""
    user, password = store_login(env_prefix)
    user = user or _unquoted(parts.username)
    if password is None:
        password = _unquoted(parts.password)
    if password is None and user and sys.stdin.isatty():
        password = getpass.getpass(f"{service} password for {user}: ")
    return Credentials(user, password)


def _unquoted(value: str | None) -> str | None:
    """URI user info is percent-encoded (a '/' or '@' in a password must be)."""
    return unquote(value) if value is not None else None
