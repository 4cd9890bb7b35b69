"""Splitting a byte stream into lines with bounded memory, whatever its line endings."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import BinaryIO, NamedTuple

__all__ = [
    "LineTooLong",
    "LongLine",
    "bounded_lines",
    "count_byte",
    "count_lines",
    "rest_of_line",
]

_CHUNK = 1 << 16
_BREAK = re.compile(rb"\r\n|\r|\n")


class LongLine(NamedTuple):
    """A line longer than the limit, skipped unread: how many bytes it held."""

    size: int


def bounded_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | LongLine]:
    """Yield each line of ``stream`` without its line break, or a :class:`LongLine`.

    LF, CRLF and CR alone each end a line (a JSON text never holds a raw CR or LF), so a file
    has the same lines on every platform. A line longer than ``max_bytes`` is never held whole:
    its bytes are counted and dropped, and a :class:`LongLine` stands for it. A final line
    without a break is yielded; an empty stream yields nothing.
    """
    buffer = bytearray()
    skipped = -1  # the size of the over-long line being dropped, or -1
    after_cr = False
    while chunk := stream.read(_CHUNK):
        position = 1 if after_cr and chunk[:1] == b"\n" else 0
        after_cr = False
        if b"\r" not in chunk:  # the usual chunk: LF alone ends each line, split in C
            pieces = (chunk[position:] if position else chunk).split(b"\n")
            rest = pieces.pop()  # after the last break: the start of the next line
            if pieces:
                first = iter(pieces)
                tail = next(first)  # the end of the line begun before this chunk
                if skipped >= 0:
                    yield LongLine(skipped + len(tail))
                    skipped = -1
                elif buffer:
                    buffer += tail
                    yield LongLine(len(buffer)) if len(buffer) > max_bytes else bytes(buffer)
                    buffer.clear()
                else:
                    yield LongLine(len(tail)) if len(tail) > max_bytes else tail
                for line in first:
                    yield LongLine(len(line)) if len(line) > max_bytes else line
            if skipped >= 0:
                skipped += len(rest)
            else:
                buffer += rest
                if len(buffer) > max_bytes:
                    skipped = len(buffer)
                    buffer.clear()
            continue
        while True:
            found = _BREAK.search(chunk, position)
            end = len(chunk) if found is None else found.start()
            if skipped >= 0:
                skipped += end - position
            else:
                buffer += chunk[position:end]
                if len(buffer) > max_bytes:
                    skipped = len(buffer)
                    buffer.clear()
            if found is None:
                break
            if skipped >= 0:
                yield LongLine(skipped)
                skipped = -1
            else:
                yield bytes(buffer)
                buffer.clear()
            position = found.end()
            if found.group() == b"\r" and position == len(chunk):
                after_cr = True
    if skipped >= 0:
        yield LongLine(skipped)
    elif buffer:
        yield bytes(buffer)


def count_lines(data: bytes | bytearray) -> int:
    """Count the line breaks of ``data`` as :func:`bounded_lines` and the CSV reader cut lines.

    LF, CRLF and CR alone each end one.
    """
    if b"\r" not in data:
        return count_byte(data, b"\n")
    return count_byte(data, b"\n") + count_byte(data, b"\r") - data.count(b"\r\n")


def count_byte(data: bytes | bytearray, byte: bytes) -> int:
    """Return how many times the one byte ``byte`` occurs in ``data`` (``data.count(byte)``).

    A large file's chunks are counted whole as they are cut: over :data:`_VECTOR_BYTES`, numpy
    compares them a vector at a time, about four times faster than :meth:`bytes.count`, when a
    caller has loaded it (the ACLED CSV path). Otherwise :meth:`bytes.count`: importing numpy
    for this alone (50-100 ms, before the workers start) costs more than it saves on the JSON
    Lines files it would count (about 15 ms for 27 MB). Numpy compares a window of
    :data:`_VECTOR_WINDOW` bytes at a time: the comparison's array of a whole chunk (megabytes)
    would often be fresh memory, whose pages cost more to fault in (on a virtual machine) than
    the counting; a window's is used again.
    """
    if len(data) < _VECTOR_BYTES or "numpy" not in sys.modules:
        return data.count(byte)
    import numpy as np

    codes, code = np.frombuffer(data, np.uint8), ord(byte)
    return sum(
        int(np.count_nonzero(codes[at : at + _VECTOR_WINDOW] == code))
        for at in range(0, len(codes), _VECTOR_WINDOW)
    )


_VECTOR_BYTES = 1 << 16
_VECTOR_WINDOW = 1 << 18


class LineTooLong(Exception):
    """A line longer than the limit where a reader cutting a file into parts met it."""


def rest_of_line(handle: BinaryIO, limit: int) -> bytes:
    """Read from ``handle`` to the end of the current line, its line feed included.

    Raise :class:`LineTooLong` rather than hold more than ``limit`` bytes.
    """
    rest = handle.readline(limit + 1)
    if len(rest) > limit and not rest.endswith(b"\n"):
        raise LineTooLong(f"a line is longer than {limit} bytes")
    return rest
