"""Validating a large ACLED CSV file in worker processes, with the findings of one process.

The parent cuts the file into byte chunks as the workers go, each ending at a newline where the
number of ``"`` since the chunk's start is even (a quoted cell may hold newlines and ``""``).
That is a guess: a ``"`` inside an unquoted cell is a literal to the CSV reader and flips the
parity, so a cut may fall inside a row. A worker reads its chunk's rows with :mod:`csv` directly
and checks them in batches, as columns (:class:`~eventcode.acled.batches.BatchChecker`), when
the chunk is plain: valid UTF-8, rows of the header's width, no blank line, within the limits,
and ending outside quotes (a marker row after the chunk must come out whole). Otherwise it reads
the header and the rows that start in its chunk as one process would
(:func:`~eventcode.acled.reader.iter_rows`), reading past the chunk's end to finish the last
one, and reports where the reader itself started the next row
(:class:`~eventcode.acled.reader.RowBounds`). Workers number lines as if their chunk followed
the header; the parent, which counts the lines each chunk held, shifts them to the file's.

The parent keeps a chunk's results only when the chunk starts exactly where the reader ended
the previous one's last row; otherwise it checks again, in its own process, the rows from the
reader's real row start to the chunk's end. It takes the chunks' results in file order and
merges them (:class:`~eventcode.acled.merging.EventMerger`: duplicate ids, place spellings and
probable duplicates are decided there, in order), so the findings, their lines and their order
are those of one process.

Files below :data:`PARALLEL_MIN_BYTES` stay in one process (starting workers costs more than it
saves), as do monadic exports (an event may span two rows, and so two chunks) and files a chunk
cannot read to its end (undecodable text, a broken quote): the single-process reader decides
where those stop.
"""

from __future__ import annotations

import csv
import io
import os
from bisect import bisect_right
from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from functools import partial
from itertools import chain, islice, repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from eventcode._collector import collector_paused
from eventcode.acled.batches import BATCH_ROWS, BatchChecker, CheckedBatch, checked_batches
from eventcode.acled.blanks import CellConventions
from eventcode.acled.checking import traits_at_lines
from eventcode.acled.columnar import arrow_chunk
from eventcode.acled.layouts import Layout
from eventcode.acled.merging import EventMerger
from eventcode.acled.reader import RowBounds, header_findings, is_hxl_row, iter_rows
from eventcode.acled.rows import AcledHeader, AcledRow
from eventcode.checks.registry import EVERYTHING, Selection
from eventcode.checks.resemblance import Traits
from eventcode.engine import pool
from eventcode.findings import Finding, FindingStream
from eventcode.io._lines import LineTooLong, count_byte, count_lines, rest_of_line
from eventcode.io.limits import DEFAULT_LIMITS, Limited, Limits

__all__ = [
    "CHUNK_BYTES",
    "PARALLEL_MIN_BYTES",
    "WORKERS",
    "chunks",
    "parallel_findings",
    "parallel_run",
]

#: Files at least this large are validated in worker processes (8 MiB: about 20,000 rows).
PARALLEL_MIN_BYTES = pool.PARALLEL_MIN_BYTES
#: The size of the chunk one worker checks at a time.
CHUNK_BYTES = 4 << 20
#: How many worker processes check chunks.
WORKERS = pool.WORKERS
#: Rows read again for probable duplicates (R010) from this many up: half read in a worker.
_TRAITS_IN_WORKERS = 1024

Chunk = tuple[int, int, int]  # start byte, end byte, line the chunk starts on
_Result = list[Finding | CheckedBatch]


class _Settings(NamedTuple):
    """What a run reads and reports with."""

    limits: Limits
    selection: Selection  # the checks that run (see eventcode.checks.registry)
    file: str | None  # how the findings of rows name the file (None: they name none)



class _Checked(NamedTuple):
    """What a worker found in a chunk, and where the reader ended it."""

    result: _Result
    after: int  # the byte offset where the row after the last one checked starts
    lines: int  # the lines the rows checked span
    header_ok: bool  # False: the reader's header is not the file's (the results are unusable)
    #: The blank and integer conventions the rows used (one finding for the file, at its end).
    conventions: CellConventions | None
    #: False: the reader met what it cannot read in step with the cuts (see RowBounds.regular);
    #: the rest of the file is then read in one process.
    regular: bool = True

_BOM = b"\xef\xbb\xbf"
#: A row no chunk can hold whole after its own rows unless the chunk ends outside quotes.
_MARKER = "\x00eventcode: end of chunk\x00"
_line_num = attrgetter("line_num")
_first = itemgetter(0)
def _header(handle: BinaryIO, limit: int) -> bytes:
    """Read the header row's bytes (to its newline outside quotes), each line within ``limit``."""
    found = rest_of_line(handle, limit)
    while found.count(b'"') % 2:
        line = rest_of_line(handle, limit)
        if not line:
            break
        found += line
    return found


def _cuts(
    handle: io.BufferedReader, start: int, chunk_bytes: int, limit: int, line: int
) -> Iterator[Chunk]:
    """Yield byte ranges of about ``chunk_bytes`` from ``start`` (on ``line``), each with its line.

    Each is cut at a newline outside quotes by their parity (a guess: see the module), and
    comes with the line its first byte is on (``line`` and the line breaks before it), so that
    a worker numbers its rows' lines, and makes their findings, as the file has them. Raise
    :class:`~eventcode.io._lines.LineTooLong` at a line over ``limit``, or at a range that would
    run more than ``limit`` past ``chunk_bytes`` (a worker would hold it whole; the one-process
    reader holds no more than the limits).
    """
    buffer = bytearray(chunk_bytes)  # one buffer for every block: no fresh pages to fault in
    while True:
        handle.seek(start)
        size = handle.readinto(buffer)
        if not size:
            return
        block: bytes | bytearray = buffer if size == chunk_bytes else buffer[:size]
        end = start + size
        odd = count_byte(block, b'"') % 2
        lines = count_lines(block)
        # To the end of the line the block stops in, then line by line to an even parity.
        while block[-1:] != b"\n" or odd:
            more = rest_of_line(handle, limit)
            if not more:
                break
            odd = (odd + more.count(b'"')) % 2
            end += len(more)
            lines += count_lines(more)
            block = more
            if end - start > chunk_bytes + limit:
                raise LineTooLong(f"a row runs over {limit} bytes past a chunk's end")
        yield start, end, line
        start, line = end, line + lines


def _hxl_row_follows(handle: BinaryIO, start: int, limit: int) -> bool:
    """Tell whether the row at ``start`` (the first under the header) holds HXL hashtags.

    Also true when :mod:`csv` cannot read that line alone: one process reads the file then.
    """
    handle.seek(start)
    try:
        line = rest_of_line(handle, limit)
    except LineTooLong:
        return False  # no row of hashtags is that long; the reader reports the line
    try:
        cells = next(csv.reader([line.decode("utf-8", "replace")]), [])
    except csv.Error:
        return True  # a bare CR (say): one process reads the row and reports what it is
    return is_hxl_row(cells)


def chunks(path: str | Path, chunk_bytes: int = CHUNK_BYTES) -> tuple[bytes, list[Chunk]]:
    """Return the header's bytes and the chunks of the rows after it, cut at row ends."""
    with open(path, "rb") as handle:
        header = _header(handle, DEFAULT_LIMITS.max_line_bytes)
        limit = DEFAULT_LIMITS.max_line_bytes
        return header, list(_cuts(handle, len(header), chunk_bytes, limit, _first_line(header)))


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


def _checker(
    run: str, header: AcledHeader, selection: Selection, file: str | None
) -> BatchChecker:
    """Return the checker of the run a worker serves (its memory of places lasts the run)."""
    return pool.run_state(run, partial(BatchChecker, header, selection, file))


def _header_of(header: bytes, limits: Limits) -> AcledHeader:
    first = next(iter_rows(Limited(header, limits)))
    assert isinstance(first, AcledHeader)
    return first


def _check_chunk(
    run: str,
    path: str,
    header: bytes,
    limits: Limits,
    settings: tuple[Selection, str | None],
    part: Chunk,
) -> _Checked:
    """Check the events of the rows starting in one byte range (in a worker).

    ``part`` is the range and the line it starts on: lines are numbered as in the file, and the
    findings of rows name the file as ``settings`` (the selection, the file) says, so the
    parent passes them on as they are. Returns the results,
    where the row after the last one checked starts (the byte offset in the file), how many
    lines the rows checked span, and ``False`` when the reader's header is not ``header`` (the
    results are then unusable).
    """
    selection, file = settings
    checker = _checker(run, _header_of(header, limits), selection, file)
    start, end, first = part
    with open(path, "rb") as handle:
        handle.seek(start)
        data = handle.read(end - start)
    columnar = arrow_chunk(checker, data, first, limits)
    if columnar is not None:  # the chunk as Arrow columns: the same results, fewer steps
        batch, lines = columnar
        return _Checked([batch] if len(batch.lines) else [], end, lines, True, None)
    plain = _plain_chunk(checker, data, first, limits)
    if plain is not None:  # one batch: the parent merges thousands of events at once
        batches, lines = plain
        joined: _Result = [CheckedBatch.join(batches).without_cells()] if batches else []
        return _Checked(joined, end, lines, True, None)
    # Not plain: the batches the plain reading checked are dropped, but the checker remembers
    # the codes they computed, whose meanings (places met) went with them; a fresh checker
    # computes, and so sends, them again.
    fresh = BatchChecker(checker.header, selection, file)
    return _check_rows(fresh, path, header, limits, (start, end, first))


def _plain_chunk(
    checker: BatchChecker, data: bytes, line: int, limits: Limits
) -> tuple[list[CheckedBatch], int] | None:
    """Check a plain chunk's rows in batches, read by :mod:`csv` alone; ``None`` if not plain.

    Also returns how many lines the chunk holds.
    """
    if len(data) > limits.max_line_bytes:
        return None  # a line might pass the limit: the reader that enforces it must read
    csv.field_size_limit(limits.max_field_bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    reader = csv.reader(io.StringIO(f"{text}{_MARKER}\n", newline=""))
    columns = checker.header.columns
    conventions = CellConventions(columns, limits.blank_tokens)
    # Rows are asked about blank tokens and pandas' 7.0 only if the text may hold one.
    touchy = conventions if conventions.may_touch(text) else None
    batches: list[CheckedBatch] = []
    before = 0  # the lines of the chunk before the batch
    try:
        while True:
            # Each row with the line it ends on: zip takes a row, then the reader's line_num.
            ends: list[int] = []
            marks = map(ends.append, map(_line_num, repeat(reader)))
            rows = list(map(_first, zip(islice(reader, BATCH_ROWS), marks, strict=False)))
            if not rows:
                return None  # the marker row was not read whole: the chunk ends in quotes
            if rows[-1] == [_MARKER]:
                rows.pop()
                ends.pop()
                if rows and not _plain_rows(rows, len(columns), touchy):
                    return None
                if rows:
                    batches.append(_batch(checker, columns, rows, line, before, ends))
                return batches, reader.line_num - 1
            if not _plain_rows(rows, len(columns), touchy):
                return None
            batches.append(_batch(checker, columns, rows, line, before, ends))
            before = ends[-1]
    except csv.Error:
        return None


def _plain_rows(
    rows: list[list[str]], width: int, conventions: CellConventions | None
) -> bool:
    """Tell whether every row has the header's width (a blank line is a row of none).

    A row with a blank token or pandas' ``7.0`` is not plain: the file is then read in one
    process, which gives one finding for the whole file (see :mod:`eventcode.acled.blanks`).
    ``conventions`` is ``None`` when the chunk's text holds neither.
    """
    if set(map(len, rows)) != {width}:
        return False
    return conventions is None or not conventions.touches_any(rows)


def _batch(
    checker: BatchChecker,
    columns: tuple[str, ...],
    rows: list[list[str]],
    line: int,
    before: int,
    ends: list[int],
) -> CheckedBatch:
    """Check rows of a chunk starting on ``line``.

    ``ends`` count the chunk's lines read after each row, ``before`` those before the first.
    """
    starts = [line + before, *(line + end for end in ends[:-1])]
    return checker.rows(dict(zip(columns, zip(*rows, strict=True), strict=True)), starts)


def _check_rows(
    checker: BatchChecker,
    path: str,
    header: bytes,
    limits: Limits,
    chunk: Chunk,
    *,
    keep_cells: bool = False,
) -> _Checked:
    """Check a chunk as one process reads it, reading past its end to finish its last row."""
    start, end, line = chunk
    shift = line - 1 - count_lines(header)
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

        result = [
            e for e in checked_batches(shifted(), checker) if not isinstance(e, AcledHeader)
        ]
    if not keep_cells:  # results cross processes: no cells (see eventcode.acled.batches)
        result = [e.without_cells() if isinstance(e, CheckedBatch) else e for e in result]
    header_ok = bounds.header_end == len(header) - (3 if header.startswith(_BOM) else 0)
    with open(path, "rb") as handle:
        handle.seek(start)
        lines = count_lines(handle.read(bounds.at))
    return _Checked(
        result, start + bounds.at, lines, header_ok, bounds.conventions, bounds.regular
    )


def parallel_run(
    path: str | Path,
    *,
    chunk_bytes: int = CHUNK_BYTES,
    workers: int = WORKERS,
    progress: Callable[[int], None] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    selection: Selection = EVERYTHING,
    file: str | None = None,
) -> FindingStream | None:
    """Check an ACLED CSV file in ``workers`` processes; stream its findings.

    The checks run are those of ``selection`` (see :class:`~eventcode.checks.registry.Selection`);
    ``file``, when given, is how the findings of rows name the file (else they name none).

    ``None`` when the file is to be read in one process, which is decided before any finding:
    a monadic layout, a header one process must read, HDX's tag row (or a first row
    :mod:`csv` cannot read alone), a first cut past the line
    limit, or too few chunks. A problem met later (a chunk the reader cannot read to its end,
    a line past the limit) has the rest of the file read here, in this process, from where
    the reader's last row ended: the findings are still those of one process.
    """
    name = str(path)
    with open(path, "rb") as handle:
        try:
            header = _header(handle, limits.max_line_bytes)
        except LineTooLong:
            return None
        first = next(iter_rows(Limited(header, limits)), None)
        if not isinstance(first, AcledHeader) or first.layout is Layout.MONADIC:
            return None
        if _hxl_row_follows(handle, len(header), limits.max_line_bytes):
            return None  # the row is the header's (HDX's tags): one process reads it as such
        size = handle.seek(0, io.SEEK_END)
        chunk_bytes = pool.part_bytes(size - len(header), chunk_bytes, workers)
        try:
            cuts = _cuts(
                handle, len(header), chunk_bytes, limits.max_line_bytes, _first_line(header)
            )
            opening = list(islice(cuts, 2))
        except LineTooLong:
            return None
        if len(opening) < 2:
            return None
    merger = EventMerger(selection)
    sizes, settings = (chunk_bytes, workers), _Settings(limits, selection, file)
    found = _stream(name, header, first, opening, sizes, settings, progress, merger)
    return FindingStream(found, lambda: merger.records)


def parallel_findings(
    path: str | Path,
    *,
    chunk_bytes: int = CHUNK_BYTES,
    workers: int = WORKERS,
    progress: Callable[[int], None] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    selection: Selection = EVERYTHING,
) -> tuple[list[Finding], int] | None:
    """Return the findings of an ACLED CSV file checked in ``workers`` processes.

    Also returns the number of records reading it would build; ``None`` as
    :func:`parallel_run` says.
    """
    run = parallel_run(
        path,
        chunk_bytes=chunk_bytes,
        workers=workers,
        progress=progress,
        limits=limits,
        selection=selection,
    )
    if run is None:
        return None
    return list(run), run.records


def _stream(
    name: str,
    header: bytes,
    first: AcledHeader,
    opening: list[Chunk],
    sizes: tuple[int, int],
    settings: _Settings,
    progress: Callable[[int], None] | None,
    merger: EventMerger,
) -> Iterator[Finding]:
    """Yield the file's findings in file order: the header's, each chunk's, the file's own.

    ``sizes`` are the chunks' bytes and the number of workers.
    """
    chunk_bytes, workers = sizes
    limits = settings.limits
    yield from header_findings(first)  # the header's come first
    conventions = CellConventions((), limits.blank_tokens)  # one finding for the file, at its end
    anchors: list[tuple[int, int]] = []  # where each chunk starts: its byte, its line
    with collector_paused():
        with open(name, "rb") as handle:
            start, after, line = opening[-1]
            handle.seek(start)
            line += count_lines(handle.read(after - start))  # the line the next cut starts on
            cuts = _cuts(handle, after, chunk_bytes, limits.max_line_bytes, line)
            at, line = yield from _chunks(
                name,
                header,
                _noted(chain(opening, cuts), anchors),
                workers,
                settings,
                progress,
                merger,
                conventions,
            )
        if at is not None:  # the rest is read here, as one process reads it
            yield from _rest(name, header, settings, (at, line), merger, conventions)
        merger.finish()  # its tables go before the collector is back: it never scans them
    yield from conventions.findings()
    yield from merger.repeats(partial(_traits_at_lines, name, limits, workers, anchors))


def _noted(parts: Iterator[Chunk], anchors: list[tuple[int, int]]) -> Iterator[Chunk]:
    """Yield the chunks, noting where each starts (its byte and line) in ``anchors``."""
    for part in parts:
        anchors.append((part[0], part[2]))
        yield part


def _chunks(
    name: str,
    header: bytes,
    parts: Iterator[Chunk],
    workers: int,
    settings: _Settings,
    progress: Callable[[int], None] | None,
    merger: EventMerger,
    conventions: CellConventions,
) -> Generator[Finding, None, tuple[int | None, int]]:
    """Yield the findings of the chunks checked in workers, merged in file order.

    Returns where the rest of the file is to be read in this process (the byte offset of the
    reader's next row, and its line), or ``None`` when every chunk was read.
    """
    limits, selection, file = settings
    run = f"{os.getpid()}:{id(merger)}:{name}"
    line = 1 + count_lines(header)  # the line the next chunk starts on
    at: int | None = None  # where the CSV reader's next row starts, as one process reads
    check = partial(_check_chunk, run, name, header, limits, (selection, file))
    cuts = _Cuts(parts)
    with closing(pool.in_order(check, cuts, workers)) as checked:
        for (start, end, first), done in checked:
            # In file order, merged as they come. A chunk's result stands only when the
            # chunk starts where the reader ended the previous one's last row; a stray quote
            # in an unquoted cell can mislead the cut, and the rows from the reader's real
            # row start to the chunk's end are then checked again here.
            at = start if at is None else at
            if not done.header_ok or at < start:  # cannot happen: rows are read whole
                return at, line
            if start != at:
                # The worker's codes stand (a code means the same wherever it is made);
                # later chunks of that worker will not explain them again.
                merger.learn(done.result)
                if at >= end:
                    continue  # the previous chunk's last row holds all of this one
                done, first = check((at, end, line)), line
            if not done.regular:
                return at, line
            # The worker numbered lines from the line its chunk starts on (first): the line
            # the reader is on here, unless the cut is misled. Its cell conventions are
            # numbered as if the chunk followed the header.
            cells = _CellsOf(name, header, limits, (at, end, line))
            yield from _merged(merger, done.result, line - first, cells, file)
            if done.conventions is not None:
                conventions.absorb(done.conventions, line - _first_line(header))
            at, line = done.after, line + done.lines
            if progress is not None:
                progress(merger.records)
    if cuts.stopped:
        return at, line
    return None, line


class _Cuts:
    """The chunks to check, until a cut meets a line past the limit (:attr:`stopped`)."""

    def __init__(self, parts: Iterator[Chunk]) -> None:
        self._parts = parts
        self.stopped = False

    def __iter__(self) -> Iterator[Chunk]:
        try:
            yield from self._parts
        except LineTooLong:
            self.stopped = True  # no more chunks are cut: the rest is read in one process


def _rest(
    name: str,
    header: bytes,
    settings: _Settings,
    where: tuple[int, int],
    merger: EventMerger,
    conventions: CellConventions,
) -> Iterator[Finding]:
    """Yield the findings of the rows from byte ``where[0]`` (line ``where[1]``) to the end.

    They are read in this process, as one process reads them.
    """
    at, line = where
    limits, selection, file = settings
    size = os.path.getsize(name)
    if at >= size:
        return
    checker = BatchChecker(_header_of(header, limits), selection, file)
    chunk = (at, size, line)
    done = _check_rows(checker, name, header, limits, chunk, keep_cells=True)
    yield from _merged(merger, done.result, 0, _CellsOf(name, header, limits, chunk), file)
    if done.conventions is not None:
        conventions.absorb(done.conventions, line - _first_line(header))


def _traits_at_lines(
    path: str,
    limits: Limits,
    workers: int,
    anchors: list[tuple[int, int]],
    lines: list[int],
) -> dict[int, Traits]:
    """Return the traits of the rows at (sorted) ``lines``; many are read by two processes.

    Probable duplicates are compared once every chunk is merged, when the workers are done:
    read by the parent alone, thousands of rows (some 50 us each) would leave a core idle.
    ``anchors`` are where chunks start (byte, line, in file order): the later half's lines are
    counted from the last chunk start before them, not from the file's start.
    """
    if workers < 2 or len(lines) < _TRAITS_IN_WORKERS:
        return _read_traits(path, limits, lines)
    # The later half in one worker, the first here: two cores, and one process forked (a
    # fork's memory, the merger's tables among it, counts again in its resident size).
    half = len(lines) // 2
    at = bisect_right([line for _, line in anchors], lines[half]) - 1
    later = partial(_read_traits, path, limits, start=anchors[at] if at >= 0 else None)
    with closing(pool.in_order(later, [lines[half:]], 1)) as reading:
        found = _read_traits(path, limits, lines[:half])
        for _, traits in reading:
            found.update(traits)
    return found


def _read_traits(
    path: str, limits: Limits, lines: list[int], start: tuple[int, int] | None = None
) -> dict[int, Traits]:
    """Return the traits of the rows at ``lines``, read again from the file.

    ``start``: a byte a line starts at and its number, before ``lines`` (see rows_at_lines).
    """
    with open(path, "rb") as handle:
        return traits_at_lines(Limited(handle, limits), lines, start)


def _merged(
    merger: EventMerger, result: _Result, shift: int, cells: _CellsOf, file: str | None
) -> list[Finding]:
    """Merge a chunk's results, their lines shifted by ``shift`` to the file's.

    ``file``, when given, names the file the chunk's own findings are in (the merge's are named
    by the caller). The findings of a batch already name it (its checker made them so): with
    no shift, they pass on as they are.
    """
    found: list[Finding] = []
    batches: list[CheckedBatch] = []
    for entry in [*result, None]:  # batches between findings are merged together
        if isinstance(entry, CheckedBatch):
            batches.append(entry)
            continue
        if batches:
            # Batches that crossed processes have no cells to join by: merged one by one.
            joinable = all(b.name_cells is not None for b in batches)
            for joined in [CheckedBatch.join(batches)] if joinable else batches:
                batch = joined.shifted(shift, file) if shift else joined
                found += merger.add(batch, partial(cells.of, batch))
            batches = []
        if entry is not None:
            at = entry.location.line
            if at is not None and shift:
                entry = entry.at(line=at + shift, file=file or entry.location.file)
            found.append(entry)
    return found


def _first_line(header: bytes) -> int:
    """Return the line a chunk's first row starts on, as a worker numbers a chunk's lines."""
    return 1 + count_lines(header)


class _CellsOf:
    """The name cells of a chunk's rows, read again (only when a batch turns out to need them)."""

    def __init__(self, path: str, header: bytes, limits: Limits, chunk: Chunk) -> None:
        self._read = partial(_check_rows, BatchChecker(_header_of(header, limits)), path, header)
        self._limits = limits
        self._chunk = chunk
        self._by_line: dict[int, tuple[str, ...]] | None = None

    def of(self, batch: CheckedBatch) -> tuple[list[str], ...]:
        """Return the name cells of the events of ``batch`` (rows of this chunk, by line)."""
        if self._by_line is None:
            self._by_line = {}
            for entry in self._read(self._limits, self._chunk, keep_cells=True)[0]:
                if isinstance(entry, CheckedBatch) and entry.name_cells is not None:
                    rows = zip(*entry.name_cells, strict=True)
                    self._by_line.update(zip(entry.lines, rows, strict=True))
        cells = [self._by_line[line] for line in batch.lines]
        return tuple(list(column) for column in zip(*cells, strict=True))
