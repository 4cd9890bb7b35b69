"""Validating a large ACLED CSV file in worker processes, with the findings of one process.

The file is cut into byte chunks, each ending at a newline where the number of ``"`` since the
chunk's start is even (a quoted cell may hold newlines and ``""``). That is a guess: a ``"``
inside an unquoted cell is a literal to the CSV reader and flips the parity, so a cut may fall
inside a row. Each worker reads the header and the rows that start in its chunk, reading past
the chunk's end to finish the last one, and checks each event on its own
(:func:`~eventcode.acled.checking.checked_events`), with lines shifted to the file's. It reports
where the reader itself started the next row (:class:`~eventcode.acled.reader.RowBounds`). The
parent keeps a chunk's results only when the chunk starts exactly there; otherwise it checks
again, in its own process, the rows from the reader's real row start to the chunk's end. It
takes the chunks' results in file order and merges them
(:class:`~eventcode.acled.checking.EventMerger`: duplicate ids, place spellings and probable
duplicates are decided there, in order), so the
findings, their lines and their order are those of one process.

Files below :data:`PARALLEL_MIN_BYTES` stay in one process (starting workers costs more than it
saves), as do monadic exports (an event may span two rows, and so two chunks) and files a chunk
cannot read to its end (undecodable text, a broken quote): the single-process reader decides
where those stop.
"""

from __future__ import annotations

import io
import mmap
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from eventcode.acled.checking import CheckedEvent, EventMerger, checked_events
from eventcode.acled.layouts import Layout
from eventcode.acled.reader import RowBounds, iter_rows
from eventcode.acled.rows import AcledHeader, AcledRow
from eventcode.findings import Finding
from eventcode.io.limits import DEFAULT_LIMITS, Limited, Limits

__all__ = ["CHUNK_BYTES", "PARALLEL_MIN_BYTES", "WORKERS", "chunks", "parallel_findings"]

#: Files at least this large are validated in worker processes (8 MiB: about 20,000 rows).
PARALLEL_MIN_BYTES = 8 << 20
#: The size of the chunk one worker checks at a time.
CHUNK_BYTES = 4 << 20
#: How many worker processes check chunks.
WORKERS = 2

Chunk = tuple[int, int, int]  # start byte, end byte, line the chunk starts on
_Result = list[Finding | CheckedEvent]
_Checked = tuple[_Result, int, bool]  # results, where the next row starts, header read alike
_BOM = b"\xef\xbb\xbf"
_DONTNEED: int | None = getattr(mmap, "MADV_DONTNEED", None)


def _lines(data: bytes) -> int:
    """Count physical lines as the CSV reader does (LF, CRLF and a lone CR each end one)."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def _row_end(view: mmap.mmap, start: int, target: int) -> int:
    """Return where the row holding ``target`` ends (after its newline).

    A row starts at ``start``.
    """
    odd = view[start:target].count(b'"') % 2
    at = target
    while True:
        newline = view.find(b"\n", at)
        if newline == -1:
            return len(view)
        odd = (odd + view[at:newline].count(b'"')) % 2
        if not odd:
            return newline + 1
        at = newline + 1


def chunks(path: str | Path, chunk_bytes: int = CHUNK_BYTES) -> tuple[bytes, list[Chunk]]:
    """Return the header's bytes and the chunks of the rows after it, cut at row ends."""
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
        header_end = _row_end(view, 0, 0)
        header = view[:header_end]
        line = 1 + _lines(header)
        found: list[Chunk] = []
        start = header_end
        released = 0
        while start < len(view):
            end = _row_end(view, start, min(start + chunk_bytes, len(view)))
            found.append((start, end, line))
            line += _lines(view[start:end])
            start = end
            # Pages scanned are the file's, but count as this process's memory while mapped.
            page = start - start % mmap.PAGESIZE
            if _DONTNEED is not None and page > released:
                view.madvise(_DONTNEED, released, page - released)
                released = page
        return header, found


class _Joined(io.RawIOBase):
    """The header's bytes, then a file from an offset to its end, as one stream."""

    def __init__(self, header: bytes, handle: io.BufferedReader) -> None:
        self._header = memoryview(header)
        self._handle = handle

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        target = memoryview(buffer).cast("B")
        if self._header:
            size = min(len(target), len(self._header))
            target[:size] = self._header[:size]
            self._header = self._header[size:]
            return size
        return self._handle.readinto(target)


def _check_chunk(path: str, header: bytes, limits: Limits, chunk: Chunk) -> _Checked:
    """Check the events of the rows starting in one chunk (in a worker); lines are the file's.

    Reads past the chunk's end to finish its last row, as the CSV reader cuts rows; returns
    the results, where the row after the last one checked starts (the byte offset in the file),
    and ``False`` when the reader's header is not ``header`` (the chunk is then unusable).
    """
    start, end, line = chunk
    shift = line - 1 - _lines(header)
    bounds = RowBounds(end - start)
    with open(path, "rb") as handle:
        handle.seek(start)
        stream = io.BufferedReader(_Joined(header, handle), 1 << 16)

        def shifted() -> Iterator[AcledHeader | AcledRow | Finding]:
            for entry in iter_rows(Limited(stream, limits), bounds=bounds):
                if isinstance(entry, AcledRow):
                    yield AcledRow(entry.line + shift, entry.cells)
                elif isinstance(entry, Finding):
                    at = entry.location.line
                    yield entry if at is None else entry.at(line=at + shift)
                else:
                    yield entry

        result = [e for e in checked_events(shifted()) if not isinstance(e, AcledHeader)]
    header_ok = bounds.header_end == len(header) - (3 if header.startswith(_BOM) else 0)
    return result, start + bounds.at, header_ok


def _readable(result: _Result) -> bool:
    """Tell whether the reader read the chunk to its end (it stops at undecodable text)."""
    return not any(
        isinstance(e, Finding) and (e.code == "S002" or e.message.startswith("the CSV cannot"))
        for e in result
    )


def parallel_findings(
    path: str | Path,
    *,
    chunk_bytes: int = CHUNK_BYTES,
    workers: int = WORKERS,
    progress: Callable[[int], None] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[list[Finding], int] | None:
    """Return the findings of an ACLED CSV file checked in ``workers`` processes.

    Also returns the number of records reading it would build; each chunk is read within
    ``limits``. Returns ``None`` when the file must be read in one process (see the module).
    """
    header, parts = chunks(path, chunk_bytes)
    first = next(iter_rows(Limited(header, limits)), None)
    if not isinstance(first, AcledHeader) or first.layout is Layout.MONADIC or len(parts) < 2:
        return None
    name, merger = str(path), EventMerger()
    findings: list[Finding] = []
    at = parts[0][0]  # where the CSV reader's next row starts, as one process reads the file
    with ProcessPoolExecutor(max_workers=workers) as pool:
        check = partial(_check_chunk, name, header, limits)
        # At most two chunks a worker in flight: results that wait for the merge hold memory.
        ahead = 2 * workers
        pending = deque(pool.submit(check, part) for part in parts[:ahead])
        for index, (start, end, line) in enumerate(parts):
            result, after, header_ok = pending.popleft().result()
            if index + ahead < len(parts):
                pending.append(pool.submit(check, parts[index + ahead]))
            # In file order, merged as they come. A chunk's result stands only when the
            # chunk starts where the reader ended the previous one's last row; a stray quote
            # in an unquoted cell can mislead the cut, and the rows from the reader's real
            # row start to the chunk's end are then checked again here.
            if not header_ok:
                pool.shutdown(cancel_futures=True)
                return None
            if start != at:
                if at < start:  # cannot happen: a chunk's rows are read to their end
                    pool.shutdown(cancel_futures=True)
                    return None
                if at >= end:
                    continue  # the previous chunk's last row holds all of this one
                result, after, _ = _check_chunk(
                    name, header, limits, (at, end, _line_at(name, start, line, at))
                )
            if not _readable(result):
                pool.shutdown(cancel_futures=True)
                return None
            at = after
            for entry in result:
                if isinstance(entry, Finding):
                    findings.append(entry)
                else:
                    findings.extend(merger.add(entry))
                    if progress is not None:
                        progress(merger.records)
    return findings, merger.records


def _line_at(path: str, start: int, line: int, offset: int) -> int:
    """Return the line starting at ``offset``, from a line starting at ``start`` before it."""
    with open(path, "rb") as handle:
        handle.seek(start)
        return line + _lines(handle.read(offset - start))
