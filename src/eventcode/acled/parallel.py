"""Validating a large ACLED CSV file in worker processes, with the findings of one process.

The file is cut into byte chunks at row boundaries: a newline ends a row when the number of
``"`` since the last row start is even (a quoted cell may hold newlines and ``""``). Each worker
reads the header and its chunk, and checks each event on its own
(:func:`~eventcode.acled.checking.checked_events`), with lines shifted to the file's. The parent
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

import mmap
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from eventcode.acled.checking import CheckedEvent, EventMerger, checked_events
from eventcode.acled.layouts import Layout
from eventcode.acled.reader import iter_rows
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
        while start < len(view):
            end = _row_end(view, start, min(start + chunk_bytes, len(view)))
            found.append((start, end, line))
            line += _lines(view[start:end])
            start = end
        return header, found


def _check_chunk(path: str, header: bytes, limits: Limits, chunk: Chunk) -> _Result:
    """Check the events of one chunk (in a worker); lines are the file's."""
    start, end, line = chunk
    with open(path, "rb") as handle:
        handle.seek(start)
        data = header + handle.read(end - start)
    shift = line - 1 - _lines(header)

    def shifted() -> Iterator[AcledHeader | AcledRow | Finding]:
        for entry in iter_rows(Limited(data, limits)):
            if isinstance(entry, AcledRow):
                yield AcledRow(entry.line + shift, entry.cells)
            elif isinstance(entry, Finding):
                at = entry.location.line
                yield entry if at is None else entry.at(line=at + shift)
            else:
                yield entry

    return [e for e in checked_events(shifted()) if not isinstance(e, AcledHeader)]


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
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(partial(_check_chunk, name, header, limits), parts)
        for result in results:  # in file order, merged as they come
            if not _readable(result):
                pool.shutdown(cancel_futures=True)
                return None
            for entry in result:
                if isinstance(entry, Finding):
                    findings.append(entry)
                else:
                    findings.extend(merger.add(entry))
                    if progress is not None:
                        progress(merger.records)
    return findings, merger.records
