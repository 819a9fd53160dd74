"""Byte streams read within bounds: no line or file is held whole before its size is known.

`--max-bytes` must hold while reading, not after: a 1 GB JSONL line or a runaway standard
input would otherwise be in memory (and then decoded, doubling it) before any check ran.
"""
from __future__ import annotations

import io
from typing import BinaryIO

from polgraph.ingest.decoding import decode

CHUNK = 64 * 1024


class LineTooLong(Exception):
    """A line over the limit, skipped unread; the message says how long it was."""


class BoundedLines:
    """The decoded lines of a binary stream, each at most `limit` bytes.

    A longer line is read past in chunks, never held: `next` raises `LineTooLong` for it
    and the following call goes on with the next line (a generator could not go on after
    raising). `lineno` is the number of the line last read, counting from 1.
    """

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self.stream = stream
        self.limit = limit
        self.lineno = 0

    def __iter__(self) -> "BoundedLines":
        return self

    def __next__(self) -> str:
        line = self.stream.readline(self.limit + 1)
        if not line:
            raise StopIteration
        self.lineno += 1
        if len(line) > self.limit and not line.endswith(b"\n"):
            size = len(line) + self._skip_rest()
            raise LineTooLong(f"a line of {size:,} bytes, over the {self.limit:,}-byte record line limit; skipped")
        return decode(line)

    def _skip_rest(self) -> int:
        skipped = 0
        while True:
            chunk = self.stream.readline(CHUNK)
            skipped += len(chunk)
            if not chunk or chunk.endswith(b"\n"):
                return skipped


class _Rejoined(io.RawIOBase):
    """Bytes already read from a stream, followed by the rest of it: standard input cannot seek back."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self.head = memoryview(head)
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def rejoined(head: bytes, rest: BinaryIO) -> io.BufferedReader:
    """One readable stream of `head` then `rest`."""
    return io.BufferedReader(_Rejoined(head, rest))


def read_at_most(head: bytes, rest: BinaryIO, limit: int) -> bytes:
    """`head` and the rest of the stream, but never more than `limit` + 1 bytes: one more than
    the limit says the source is over it without reading the rest."""
    return head + rest.read(max(0, limit + 1 - len(head)))
