"""Validating an ACLED file in batches of rows, without building records.

``validate`` on an ACLED file reports what reading it into records and checking those records
would report (:class:`~eventcode.acled.source.AcledStream` then
:func:`~eventcode.engine.records.check_items`), in the same order, but works on the rows' text. A
record check can fire on a row read from ACLED only through the values the row gives it, so
each such check has a form of plain values that the record check and this module both call:

- C013 civilian targeting on a Battles event
  (:func:`~eventcode.checks.codebook.civilian_targeting_findings`);
- R009 place spellings (:meth:`~eventcode.checks.places.SpellingIndex.answer`, asked of the
  :func:`~eventcode.checks.places.place_facts` a checker works out);
- R010 probable duplicates (:func:`~eventcode.checks.duplicates.signatures`, then
  :class:`~eventcode.checks.duplicates.Repeats` on the traits of the events sharing a
  signature, read again at their lines once every batch is merged: R010 comes last).

The other record checks cannot fail on a mapped row (its one figure is ACLED's exact fatality
count, its actors carry no country, its country comes from ACLED's table);
``tests/test_acled_validation.py`` compares both paths on fixtures and generated files.

The work is split in two so that it can run in worker processes (:mod:`eventcode.acled.parallel`):
a :class:`~eventcode.acled.batches.BatchChecker` checks a batch of events on their own, as
columns (:class:`~eventcode.acled.batches.CheckedBatch`: compact arrays, no object per row); an
:class:`~eventcode.acled.merging.EventMerger` then decides, in file order, what needs the events
before (duplicate ids, place spellings, probable duplicates) and counts the records reading
would build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from eventcode.acled.batches import CheckedBatch, checked_batches
from eventcode.acled.merging import TRAIT_COLUMNS, EventMerger, row_traits
from eventcode.acled.reader import Input, iter_rows
from eventcode.acled.revisit import rows_at_lines
from eventcode.acled.rows import AcledHeader, AcledRow
from eventcode.checks.registry import EVERYTHING, Selection
from eventcode.checks.resemblance import Traits
from eventcode.findings import Finding
from eventcode.io.limits import Limited

__all__ = ["MERGE_BATCHES", "AcledValidation", "RowSource", "traits_at_lines", "traits_in_rows"]

#: Batches merged together (the merger's tables work best on thousands of events at once).
MERGE_BATCHES = 32


def traits_at_lines(
    source: Input, lines: list[int], start: tuple[int, int] | None = None
) -> dict[int, Traits]:
    """Return the traits of the rows starting at ``lines``, reading ``source`` again.

    Only those rows are parsed, each from the byte its line starts at
    (:func:`~eventcode.acled.revisit.rows_at_lines`, which counts lines from ``start`` when
    given); a file that cannot be read so is read again from its start. A stream that cannot
    be (a pipe) gives no traits, and its events are then compared by signature alone (as
    before R010 read notes).
    """
    revisited = rows_at_lines(source, lines, start, TRAIT_COLUMNS)
    if revisited is not None:
        return {line: row_traits(cells) for line, cells in revisited.items()}
    raw = source.source if isinstance(source, Limited) else source
    if not isinstance(raw, str | Path | bytes):
        if not raw.seekable():
            return {}
        raw.seek(0)
    return traits_in_rows(iter_rows(source), lines)


def traits_in_rows(
    entries: Iterable[AcledHeader | AcledRow | Finding], lines: list[int]
) -> dict[int, Traits]:
    """Return the traits of the rows of ``entries`` starting at ``lines``."""
    wanted = set(lines)
    found: dict[int, Traits] = {}
    for entry in entries:
        if isinstance(entry, AcledRow) and entry.line in wanted:
            found[entry.line] = row_traits(entry.cells)
    return found


#: Entries as :func:`~eventcode.acled.reader.iter_rows` yields them, each call from the start.
RowSource = Callable[[], Iterable[AcledHeader | AcledRow | Finding]]


class AcledValidation:
    """The findings of an ACLED file, batch by batch; :attr:`records` once they are all out.

    ``source`` is a file (anything :func:`~eventcode.acled.reader.iter_rows` reads) or a
    function that yields its entries afresh at each call (a data frame's rows:
    :func:`~eventcode.acled.reader.iter_table_rows`).
    """

    def __init__(self, source: Input | RowSource, selection: Selection = EVERYTHING) -> None:
        self._rows: RowSource
        self._traits: Callable[[list[int]], dict[int, Traits]]
        if callable(source):
            rows = source
            self._rows = rows
            self._traits = lambda lines: traits_in_rows(rows(), lines)
        else:
            file = source
            self._rows = partial(iter_rows, file)
            self._traits = partial(traits_at_lines, file)
        self._selection = selection
        self._merger = EventMerger(selection)

    @property
    def records(self) -> int:
        """How many records reading the file would build (events, actors, sources, claimant)."""
        return self._merger.records

    def findings(self, progress: Callable[[int], None] | None = None) -> Iterator[Finding]:
        """Yield the findings in file order, each with its line."""
        pending: list[CheckedBatch] = []
        for entry in checked_batches(self._rows(), selection=self._selection):
            if isinstance(entry, CheckedBatch):
                pending.append(entry)
                if len(pending) < MERGE_BATCHES:
                    continue
            if pending:
                yield from self._merger.add(CheckedBatch.join(pending))
                pending = []
                if progress is not None:
                    progress(self._merger.records)
            if isinstance(entry, Finding):
                yield entry
        if pending:
            yield from self._merger.add(CheckedBatch.join(pending))
            if progress is not None:
                progress(self._merger.records)
        yield from self._merger.repeats(self._traits)
