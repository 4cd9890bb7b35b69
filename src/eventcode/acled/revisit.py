"""Rows of an ACLED CSV file read again at given lines, by seeking to them, not reading it all.

Probable duplicates (R010) compare the events that share a signature by their traits, once every
batch is merged; those few rows are read again here. The file's line breaks are counted in its
bytes (a vectorised scan, no CSV parsing), each wanted row is parsed from the byte its line starts
at, and its cells are read as the reader reads them (blank tokens and pandas' ``7.0``:
:class:`~eventcode.acled.blanks.CellConventions`). A line the reader starts a row on starts the
same row here: a row's cells hold whole lines, and the CSV reader's state at a row's start is
empty.

A row is parsed from the block the scan holds when it starts there: from a window of the block's
text, which holds the row when the CSV reader ends the row before the window's end (the reader
reads a row's lines one by one, and those lines are the file's). A row that may run past its
window, or starts too near the block's end, is read again from the file.

Where counting line feeds would not number lines as the reader does (a bare CR ends a line), or
the input is not a seekable CSV file, :func:`rows_at_lines` gives ``None`` and the caller reads
the file from its start (:func:`~eventcode.acled.reader.iter_rows`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

import numpy as np

from eventcode.acled.blanks import CellConventions
from eventcode.acled.reader import Input, iter_rows
from eventcode.acled.rows import AcledHeader
from eventcode.io.limits import DEFAULT_LIMITS, Limited

__all__ = ["rows_at_lines"]

_BLOCK = 1 << 20
_NEWLINE = 10
#: The text a row is first parsed from (a row of a real export is about 500 bytes), then the
#: most tried before the row is read from the file.
_WINDOW = 4096
_WIDEST = 1 << 16


def rows_at_lines(
    source: Input,
    lines: Iterable[int],
    start: tuple[int, int] | None = None,
    columns: Iterable[str] | None = None,
) -> dict[int, dict[str, str]] | None:
    """Return the cells of the rows starting at ``lines``, by line, reading only those rows.

    ``None`` when the file cannot be read so (see the module): then read it from its start. A
    line no row of the header's width starts on is left out. ``start`` is a byte a line starts
    at and that line's number, at or before the first of ``lines``: the line breaks are
    counted from there (a chunk's start, which the workers' run knows). ``columns``, when
    given, are the cells wanted (those of the file): the others are not read as ACLED means
    them, nor returned.
    """
    raw = source.source if isinstance(source, Limited) else source
    limits = source.limits if isinstance(source, Limited) else DEFAULT_LIMITS
    with ExitStack() as stack:
        handle: BinaryIO
        if isinstance(raw, bytes):
            handle = io.BytesIO(raw)
        elif isinstance(raw, str | Path):
            handle = stack.enter_context(open(raw, "rb"))
        elif isinstance(raw, io.TextIOBase) or not raw.seekable():
            return None
        else:
            handle = raw  # type: ignore[assignment]
        header = _header(handle, limits.max_field_bytes)
        if header is None:
            return None
        rows = _Rows(header, columns, limits.blank_tokens, limits.max_field_bytes)
        starts = _line_starts(handle, sorted(set(lines)), start or (0, 1), rows)
        if starts is None:
            return None
        rows.found.update(rows.read(handle, starts))
        return dict(sorted(rows.found.items()))
    return None  # pragma: no cover (the with block returns)


def _header(handle: BinaryIO, field_limit: int) -> AcledHeader | None:
    """Return the file's header as the reader reads it (``None``: not an ACLED CSV file)."""
    handle.seek(0)
    if handle.read(64).removeprefix(b"\xef\xbb\xbf").lstrip()[:1] in (b"{", b"["):
        return None  # an API response: JSON
    handle.seek(0)
    csv.field_size_limit(field_limit)
    entries = iter_rows(handle)
    try:
        for entry in entries:
            if isinstance(entry, AcledHeader):
                return entry
        return None
    finally:
        entries.close()  # type: ignore[attr-defined]


def _line_starts(
    handle: BinaryIO, wanted: list[int], start: tuple[int, int], rows: _Rows
) -> dict[int, int] | None:
    """Return the byte each of the (sorted) ``wanted`` lines starts at; ``None`` on a bare CR.

    Lines are counted from ``start``: a byte a line starts at, and that line's number. A row
    ``rows`` parses from the block it starts in is left out (it is in ``rows.found``).
    """
    base, line = start  # the block's first byte, and the line it is on
    handle.seek(base)
    found: dict[int, int] = {}
    targets = iter(wanted)
    target = next(targets, None)
    blocks = _blocks(handle)
    # Where a block's line feeds are, in one array for every block (a block's own would often
    # be fresh memory, slower to fault in than to fill): a block is at most one byte longer.
    scratch = np.empty(_BLOCK + 1, np.bool_)
    while target is not None:
        block = next(blocks, b"")
        if not block:
            break
        if b"\r" in block and block.count(b"\r") != block.count(b"\r\n"):
            return None  # a bare CR ends a line the count of \n does not see
        if target == line and base == start[0]:  # the start's own line
            if not rows.parse(block, 0, line):
                found[line] = base
            target = next(targets, None)
        newlines = np.equal(np.frombuffer(block, np.uint8), _NEWLINE, out=scratch[: len(block)])
        breaks = int(np.count_nonzero(newlines))
        if target is not None and target <= line + breaks:
            positions = np.flatnonzero(newlines)
            while target is not None and target <= line + breaks:
                at = int(positions[target - line - 1]) + 1
                if not rows.parse(block, at, target):
                    found[target] = base + at
                target = next(targets, None)
        line += breaks
        base += len(block)
    return found


def _blocks(handle: BinaryIO) -> Iterator[bytes | bytearray]:
    """Yield ``handle``'s bytes from where it is, a block at a time.

    A block ending in CR takes the byte after it: a CRLF is cut in two only after a bare CR.

    A stream that can reads each block into the same buffer (no fresh memory to fault in at
    every block): a block is good until the next is asked for.
    """
    readinto = getattr(handle, "readinto", None)
    buffer = bytearray(_BLOCK)
    while True:
        if readinto is None:
            block: bytes | bytearray = handle.read(_BLOCK)
        else:
            size = readinto(buffer)
            block = buffer if size == _BLOCK else buffer[:size]
        if block.endswith(b"\r"):
            block = block + handle.read(1)  # a CRLF cut in two
        if not block:
            return
        yield block


class _Rows:
    """Parses wanted rows, from the blocks the scan holds or from the file, keeping their cells."""

    def __init__(
        self,
        header: AcledHeader,
        columns: Iterable[str] | None,
        tokens: tuple[str, ...],
        field_limit: int,
    ) -> None:
        self._width = len(header.columns)
        wanted = header.columns if columns is None else set(columns)
        self._picked = [i for i, name in enumerate(header.columns) if name in wanted]
        self._columns = tuple(header.columns[i] for i in self._picked)
        self._conventions = CellConventions(self._columns, tokens)
        csv.field_size_limit(field_limit)  # as the reader reads, for every row parsed here
        #: The cells of each row parsed, by line.
        self.found: dict[int, dict[str, str]] = {}

    def parse(self, block: bytes | bytearray, at: int, line: int) -> bool:
        """Parse the row starting at ``block[at]``; tell whether the block was enough.

        ``False``: the row may run past what the block holds after ``at``: read it from the file.
        """
        window = _WINDOW
        while True:
            end = at + window
            if end > len(block):
                return False
            text = block[at:end].decode("utf-8", errors="surrogateescape")
            stream = io.StringIO(text, newline="")
            record = _first_row(stream)
            if stream.tell() < len(text):  # the reader ended the row within the window
                self._keep(line, record)
                return True
            if window >= _WIDEST:
                return False
            window *= 4

    def read(
        self, handle: BinaryIO, starts: dict[int, int]
    ) -> Iterator[tuple[int, dict[str, str]]]:
        """Yield each row's line and cells, parsed from the byte its line starts at."""
        for line, start in starts.items():
            handle.seek(start)
            text = io.TextIOWrapper(handle, encoding="utf-8", errors="surrogateescape", newline="")
            try:
                record = _first_row(text)
            finally:
                text.detach()
            cells = self._cells(line, record)
            if cells is not None:
                yield line, cells

    def _keep(self, line: int, record: list[str] | None) -> None:
        cells = self._cells(line, record)
        if cells is not None:
            self.found[line] = cells

    def _cells(self, line: int, record: list[str] | None) -> dict[str, str] | None:
        if record is None or len(record) != self._width:
            return None
        picked = [record[i] for i in self._picked]
        return dict(zip(self._columns, self._conventions.clean(picked, line), strict=True))


def _first_row(text: io.TextIOBase) -> list[str] | None:
    """Return the first row the CSV reader reads from ``text`` (``None``: none, or an error).

    An error means a row the reader did not read (its event has an error).
    """
    try:
        return next(csv.reader(text), None)
    except csv.Error:
        return None
