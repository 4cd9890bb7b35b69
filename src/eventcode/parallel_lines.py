"""Validating a large JSON Lines dataset in worker processes, with the findings of one process.

The main process reads the first lines itself, up to the first event: the header and the
parties (actors, claimants, documents), which the writer puts first. Each record is checked on
its own (:func:`~eventcode.engine.records.check_record`), then against the records before it
(:class:`~eventcode.engine.records.CrossChecks`: ids, references, place spellings, probable
duplicates), as one process does, before any worker starts. The events after are cut into
byte chunks at line ends; a worker has the parties its checks need (forked, it finds the main
process's; started otherwise, it reads the same first lines), and checks each record of its
chunk on its own. The main process merges the chunks in file order through the same
:class:`~eventcode.engine.records.CrossChecks`, so the findings, their lines and their order are
those of one process.

A file whose first line is not a readable header, or with a party after its first event (the
checks of an event may only lean on the parties before it), is read in one process.
"""

from __future__ import annotations

import io
import json
import os
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import BinaryIO

from eventcode._collector import collector_paused
from eventcode.checks.context import Context
from eventcode.checks.duplicates import traits_of
from eventcode.checks.registry import EVERYTHING, Selection
from eventcode.checks.resemblance import Traits
from eventcode.engine import pool
from eventcode.engine.records import (
    CheckedRecord,
    CrossChecks,
    RecordCounter,
    check_entry,
    check_record,
    check_unloaded,
)
from eventcode.findings import Finding, FindingStream
from eventcode.io._lines import LineTooLong, bounded_lines, count_lines, rest_of_line
from eventcode.io.json_lines import HeaderRead, iter_lines, read_header
from eventcode.io.limits import DEFAULT_LIMITS, Limits
from eventcode.model import Event
from eventcode.model.items import RecordItem, Unloaded
from eventcode.rules.policy import Policy

__all__ = ["CHUNK_BYTES", "PARALLEL_MIN_BYTES", "WORKERS", "parallel_run"]

#: Files at least this large are validated in worker processes.
PARALLEL_MIN_BYTES = pool.PARALLEL_MIN_BYTES
#: The size of the chunk of lines one worker checks at a time.
CHUNK_BYTES = 2 << 20
#: How many worker processes check chunks.
WORKERS = pool.WORKERS

_PARTIES = frozenset({"actor", "claimant", "document"})
_Result = list[Finding | Unloaded | CheckedRecord] | None  # None: a party among the events


def _first_event(handle: BinaryIO, limit: int) -> int | None:
    """Return where the first line holding an event starts (the end when none does).

    Reading goes on from the header line; ``None`` when a line is over ``limit``.
    """
    while True:
        start = handle.tell()
        line = handle.readline(limit + 1)
        if not line:
            return start
        if len(line) > limit:
            return None
        try:
            value = json.loads(line)
        except ValueError:
            continue  # reported when the first lines are read
        if type(value) is dict and value.get("record") == "event":
            return start


def _cuts(handle: BinaryIO, start: int, chunk_bytes: int, limit: int) -> list[tuple[int, int]]:
    """Return byte ranges of about ``chunk_bytes`` from ``start``, cut after a line feed.

    Raise :class:`~eventcode.io._lines.LineTooLong` at a line over ``limit`` (a worker would
    hold it whole; the one-process reader skips it without).
    """
    size = handle.seek(0, io.SEEK_END)
    cuts = []
    while start < size:
        handle.seek(min(start + chunk_bytes, size))
        rest_of_line(handle, limit)
        end = min(handle.tell(), size)
        cuts.append((start, end))
        start = end
    return cuts




def _parties(path: str, prefix: int, policy: Policy | str | None, limits: Limits) -> Context:
    """Return the parties of the first lines (read once per run in a worker)."""
    context = Context(policy, max_pair_findings=limits.max_pair_findings)
    with open(path, "rb") as handle:
        first_lines = io.BytesIO(handle.read(prefix))
    for entry in iter_lines(bounded_lines(first_lines, limits.max_line_bytes), limits):
        if isinstance(entry, RecordItem):
            context.add(entry.record)
    return context


def _check_chunk(
    run: str,
    path: str,
    name: str | None,
    prefix: int,
    newer: bool,
    policy: Policy | str | None,
    limits: Limits,
    selection: Selection,
    chunk: tuple[int, int, int],
) -> _Result:
    """Check each record of a chunk on its own (in a worker); ``None`` if one is a party."""
    context = pool.run_state(run, partial(_parties, path, prefix, policy, limits))
    start, end, line = chunk
    with open(path, "rb") as handle:
        handle.seek(start)
        data = io.BytesIO(handle.read(end - start))
    result: list[Finding | Unloaded | CheckedRecord] = []
    known = _known(context)
    lines = bounded_lines(data, limits.max_line_bytes)
    for entry in iter_lines(lines, limits, after=HeaderRead(line, newer)):
        if isinstance(entry, RecordItem):
            if entry.kind in _PARTIES:
                return None
            result.append(
                check_record(
                    entry,
                    context,
                    constraints=False,
                    file=name,
                    resolved=known,
                    selection=selection,
                    later_traits=True,
                )
            )
        elif isinstance(entry, Unloaded) and entry.salvage is not None:
            checked = check_unloaded(
                entry, context, file=name, resolved=known, selection=selection
            )
            result.append(entry if checked is None else checked)
        elif not isinstance(entry, Finding) or selection.has(entry.code):
            result.append(entry)
    return result


def _known(context: Context) -> Callable[[str, str], bool]:
    """Tell the references to parties of the first lines.

    The main process reads those parties before it merges any chunk, so such references
    resolve there: a worker need not send them.
    """
    parties: dict[str, Mapping[str, object]] = {
        "actor": context.actors,
        "claimant": context.claimants,
        "document": context.documents,
    }
    return lambda namespace, identifier: identifier in parties.get(namespace, {})


def parallel_run(
    path: str | Path,
    *,
    policy: Policy | str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[int], None] | None = None,
    chunk_bytes: int = CHUNK_BYTES,
    workers: int = WORKERS,
    name: str | None = None,
    selection: Selection = EVERYTHING,
) -> FindingStream | None:
    """Return the findings of a JSON Lines file as they come, checked in workers.

    Iterate it once; its ``records`` are complete at the end. ``None`` when the file must be
    read in one process (see the module); a party met after the first event stops the workers,
    and the rest is read here, as one process reads it. The findings of records checked in
    workers are placed in the file ``name`` when it is given, as
    :meth:`~eventcode.io.sources.Source.place` places the others.
    """
    with open(path, "rb") as handle:
        newer = read_header(handle.readline(limits.max_line_bytes + 1).rstrip(b"\r\n"))
        prefix = None if newer is None else _first_event(handle, limits.max_line_bytes)
        if prefix is None or newer is None:
            return None
        size = handle.seek(0, io.SEEK_END)
        handle.seek(0)
        first_lines = handle.read(prefix)
        step = pool.part_bytes(size - prefix, chunk_bytes, workers)
        try:
            cuts = _cuts(handle, prefix, step, limits.max_line_bytes)
        except LineTooLong:
            return None
    if len(cuts) < 2:
        return None
    counted = RecordCounter(progress)
    settings = (policy, limits, selection)
    found = _stream(path, name, first_lines, cuts, newer, settings, counted, workers)
    return FindingStream(found, lambda: counted.records)


def _stream(
    path: str | Path,
    name: str | None,
    first_lines: bytes,
    cuts: list[tuple[int, int]],
    newer: bool,
    settings: tuple[Policy | str | None, Limits, Selection],
    counted: RecordCounter,
    workers: int,
) -> Iterator[Finding]:
    """Yield the file's findings in file order; count its records in ``counted``."""
    policy, limits, selection = settings
    context = Context(policy, max_pair_findings=limits.max_pair_findings)
    cross = CrossChecks(selection)
    run = f"{os.getpid()}:{id(cross)}:{path}"
    # The first lines, here, before the workers start: forked, they find the parties as the
    # run's state rather than each reading them again (started otherwise, they read them).
    with collector_paused():
        early: list[Finding] = []
        lines = bounded_lines(io.BytesIO(first_lines), limits.max_line_bytes)
        for entry in iter_lines(lines, limits):
            early += check_entry(entry, context, cross)
            counted.add(isinstance(entry, RecordItem))
        pool.run_state(run, lambda: context)
    # What the workers import to check an event with an ACLED class: once, before they fork.
    import eventcode.acled.contract  # noqa: F401

    yield from early
    check = partial(
        _check_chunk, run, str(path), name, len(first_lines), newer, policy, limits, selection
    )
    chunks: list[tuple[int, int, int]] = []
    rest: tuple[int, int] | None = None  # where a party among the events was met: the rest
    try:
        with collector_paused():
            parts = _numbered(path, 1 + count_lines(first_lines), cuts, chunks)
            with closing(pool.in_order(check, parts, workers)) as checked:
                for (start, _, line), result in checked:
                    if result is None:
                        rest = start, line
                        break
                    merged: list[Finding] = []
                    counted.add(sum(_merge(cross, item, merged) for item in result))
                    yield from merged
    finally:
        pool.end_run(run)
    if rest is not None:
        with collector_paused(), open(path, "rb") as handle:
            handle.seek(rest[0])
            lines = bounded_lines(handle, limits.max_line_bytes)
            for entry in iter_lines(lines, limits, after=HeaderRead(rest[1], newer)):
                yield from check_entry(entry, context, cross)
                counted.add(isinstance(entry, RecordItem))
    yield from cross.finish(partial(_traits_at_lines, str(path), chunks, limits, newer))


def _numbered(
    path: str | Path, line: int, cuts: list[tuple[int, int]], into: list[tuple[int, int, int]]
) -> Iterator[tuple[int, int, int]]:
    """Yield each cut with the line it starts on (``line`` for the first), noting it ``into``.

    Counted as the cuts are given to the workers: the first goes before any line is counted.
    """
    with open(path, "rb") as handle:
        for start, end in cuts:
            into.append((start, end, line))
            yield start, end, line
            handle.seek(start)
            line += count_lines(handle.read(end - start))


def _traits_at_lines(
    path: str, chunks: list[tuple[int, int, int]], limits: Limits, newer: bool, lines: list[int]
) -> dict[int, Traits]:
    """Return the traits of the events at (sorted) ``lines``, read again from the chunks.

    Probable duplicates compare the traits of the few events sharing a signature: the workers
    leave them out (:func:`~eventcode.engine.records.check_record`), and only those events'
    lines are read again here, cut and numbered as the worker cut and numbered its chunk.
    """
    found: dict[int, Traits] = {}
    firsts = [first for _, _, first in chunks]
    with open(path, "rb") as handle:
        for at, wanted in groupby(lines, lambda line: bisect_right(firsts, line) - 1):
            start, end, first = chunks[at]
            handle.seek(start)
            held = list(bounded_lines(io.BytesIO(handle.read(end - start)), limits.max_line_bytes))
            for line in wanted:
                read = HeaderRead(line, newer)
                for entry in iter_lines(held[line - first : line - first + 1], limits, after=read):
                    if isinstance(entry, RecordItem) and isinstance(entry.record, Event):
                        found[line] = traits_of(entry.record)
    return found


def _merge(
    cross: CrossChecks, entry: Finding | Unloaded | CheckedRecord | RecordItem, into: list[Finding]
) -> int:
    """Take one entry in file order; return how many records it counts.

    A record item is left to the caller: it is checked where its context is.
    """
    if isinstance(entry, Finding):
        into.append(entry)
    elif isinstance(entry, Unloaded):
        cross.unloaded(entry)
    elif isinstance(entry, CheckedRecord):
        into.extend(cross.add(entry))
        return 1 if entry.loaded else 0
    return 0

