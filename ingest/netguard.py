"""What a fetch may reach and how long it may take: private addresses and whole-response deadlines.

Per-read timeouts do not bound a response: a server that sends one byte a second never
lets a read time out. Every socket of the fetcher's pool therefore waits, on each read,
at most until the deadline of the fetch in progress (`deadline`), headers and body alike.

A feed is content from elsewhere: its items and any redirect may point at the machine
polgraph runs on or at its network (a router, a cloud metadata service, a database).
`private_address` says when a URL's host resolves to any address that is not global.
"""
from __future__ import annotations

import io
import ipaddress
import socket
import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterator
from urllib.parse import urlsplit

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_DEADLINE: ContextVar[float | None] = ContextVar("polgraph_fetch_deadline", default=None)


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Reads of the pool's sockets inside this block end `seconds` from now at the latest."""
    token = _DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def past_deadline() -> bool:
    """Whether the fetch in progress has run out of time."""
    end = _DEADLINE.get()
    return end is not None and time.monotonic() >= end


class _DeadlineSocket:
    """A connected socket (plain or TLS) whose reads wait no longer than the current deadline."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)

    def makefile(self, mode: str = "rb", buffering: int = -1, **_: Any) -> io.BufferedReader:
        """http.client reads responses through this: its reads come back to `recv_into`.

        As `socket.makefile` does, the file holds a reference that keeps the socket open when
        http.client closes the connection first (an HTTP/1.0 response hands it to the response).
        """
        self._sock._io_refs += 1  # type: ignore[attr-defined]  # released by SocketIO.close
        return io.BufferedReader(socket.SocketIO(self, "rb"), io.DEFAULT_BUFFER_SIZE if buffering < 0 else buffering)

    def recv_into(self, *args: Any) -> int:
        return self._within_deadline(self._sock.recv_into, *args)

    def recv(self, *args: Any) -> bytes:
        return self._within_deadline(self._sock.recv, *args)

    def _within_deadline(self, read: Any, *args: Any) -> Any:
        end = _DEADLINE.get()
        if end is None:
            return read(*args)
        left = end - time.monotonic()
        if left <= 0:
            raise TimeoutError("the response took too long")
        timeout = self._sock.gettimeout()
        self._sock.settimeout(left if timeout is None else min(timeout, left))
        try:
            return read(*args)
        finally:
            self._sock.settimeout(timeout)


class _HTTPConnection(HTTPConnection):
    def connect(self) -> None:
        super().connect()
        self.sock = _DeadlineSocket(self.sock)  # type: ignore[assignment]


class _HTTPSConnection(HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        self.sock = _DeadlineSocket(self.sock)  # type: ignore[assignment]


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


POOL_CLASSES = {"http": _HTTPPool, "https": _HTTPSPool}  # for urllib3.PoolManager.pool_classes_by_scheme


def private_address(url: str) -> str | None:
    """The first address `url`'s host resolves to that is not global (loopback, private, link-local,
    shared, reserved, multicast), or None when every one is global or the name does not resolve
    (the fetch then says so)."""
    parts = urlsplit(url)
    try:
        found = socket.getaddrinfo(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError):
        return None
    for *_, sockaddr in found:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if not ip.is_global or ip.is_multicast:
            return str(ip)
    return None
