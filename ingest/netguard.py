"""What a fetch may reach and how long it may take: private addresses and whole-response deadlines.

Per-read timeouts do not bound a response: a server that sends one byte a second never
lets a read time out. Every socket of the fetcher's pool therefore waits, on each read,
at most until the deadline of the fetch in progress (`deadline`), headers and body alike.

A feed is content from elsewhere: its items and any redirect may point at the machine
polgraph runs on or at its network (a router, a cloud metadata service, a database).
`private_address` says, before a fetch, when a URL's host resolves to any address that is
not global. A name can resolve one way for that check and another when the fetch connects
(DNS rebinding), so the connections of `GUARDED_POOL_CLASSES` check the address they are
connected to, before a byte is sent, and raise `PrivateAddress`.
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


class PrivateAddress(Exception):
    """A guarded connection reached a private address (`args[0]`); nothing was sent to it."""


def _connected_to_global(sock: socket.socket) -> socket.socket:
    """`sock` if its peer is a global address, else closed, and PrivateAddress raised."""
    try:
        address = str(sock.getpeername()[0])
    except OSError:  # reset already: nothing to fetch from it either
        sock.close()
        raise
    if refused_address(address):
        sock.close()
        raise PrivateAddress(_plain(address))
    return sock


class _Guarded:
    """A connection (plain or TLS, before it in the bases) that refuses a private peer as it connects."""

    def _new_conn(self) -> socket.socket:
        return _connected_to_global(super()._new_conn())  # type: ignore[misc]


class _GuardedHTTPConnection(_Guarded, _HTTPConnection):
    pass


class _GuardedHTTPSConnection(_Guarded, _HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


# for urllib3.PoolManager.pool_classes_by_scheme: what the user named, and what content led to
POOL_CLASSES = {"http": _HTTPPool, "https": _HTTPSPool}
GUARDED_POOL_CLASSES = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}


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
        if refused_address(str(sockaddr[0])):
            return _plain(str(sockaddr[0]))
    return None


def _plain(address: str) -> str:
    """An address as said to the user: no IPv6 zone, an IPv4-mapped IPv6 address as IPv4."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return str(ip)


# IPv6 addresses that carry an IPv4 address in their last 32 bits: NAT64's well-known prefix,
# IPv4-compatible addresses, SIIT's translated ones. Python calls them global whatever they carry.
_CARRY_IPV4 = tuple(ipaddress.ip_network(n) for n in ("64:ff9b::/96", "::/96", "::ffff:0:0:0/96"))
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")  # local-use translation: this network's own


def refused_address(address: str) -> bool:
    """Whether content may not lead a fetch to `address`: anything but a global unicast address,
    an IPv6 address that carries a refused IPv4 one (NAT64 64:ff9b::a9fe:a9fe is 169.254.169.254),
    site-local IPv6."""
    ip = ipaddress.ip_address(_plain(address))
    if not ip.is_global or ip.is_multicast:
        return True
    if not isinstance(ip, ipaddress.IPv6Address):
        return False
    if ip.is_site_local or ip in _LOCAL_NAT64:
        return True
    carried = ip.sixtofour or next((ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) for n in _CARRY_IPV4 if ip in n), None)
    return carried is not None and refused_address(str(carried))
