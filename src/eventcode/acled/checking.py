"""Validating an ACLED file row by row, without building records.

``validate`` on an ACLED file reports what reading it into records and checking those records
would report (:class:`~eventcode.acled.source.AcledStream` then
:func:`~eventcode.validation.check_items`), in the same order, but works on the rows' text. A
record check can fire on a row read from ACLED only through the values the row gives it, so
each such check has a form of plain values that the record check and this module both call:

- C013 civilian targeting on a Battles event
  (:func:`~eventcode.checks.codebook.civilian_targeting_findings`);
- R009 place spellings (:meth:`~eventcode.checks.places.PlaceSpellings.add_place`);
- R010 probable duplicates (:func:`~eventcode.checks.duplicates.signature`).

The other record checks cannot fail on a mapped row (its one figure is ACLED's exact fatality
count, its actors carry no country, its country comes from ACLED's table);
``tests/test_acled_validation.py`` compares both paths on fixtures and generated files.

The work is split in two so that it can run in worker processes (:mod:`eventcode.acled.parallel`):
:func:`checked_events` checks each event's rows on their own (:class:`CheckedEvent`);
:class:`EventMerger` then decides, in file order, what needs the rows before (duplicate ids, place
spellings, probable duplicates) and counts the records reading would build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from eventcode.acled.ids import EventIdSet
from eventcode.acled.layouts import Layout
from eventcode.acled.mapping import country_alpha3, stable_id
from eventcode.acled.reader import Input, iter_rows
from eventcode.acled.row_checks import row_findings
from eventcode.acled.rows import AcledHeader, AcledRow
from eventcode.acled.values import (
    parse_civilian_targeting,
    parse_coordinate,
    parse_date,
    split_list,
)
from eventcode.checks.codebook import civilian_targeting_findings
from eventcode.checks.duplicates import DuplicateEvents, signature
from eventcode.checks.places import PlaceSpellings, Spot, spelling_key
from eventcode.findings import Finding, Severity, make_finding
from eventcode.jsonpath import join_index, join_key

__all__ = ["AcledValidation", "CheckedEvent", "Clean", "EventMerger", "checked_events"]

_date = lru_cache(maxsize=8192)(parse_date)


class Clean(NamedTuple):
    """What the checks across rows need of an event whose rows have no error."""

    civilian_targeting: bool
    event_type: str
    location: str
    spot: Spot
    digest: int
    actors: tuple[str, ...]
    outlets: tuple[str, ...]


class CheckedEvent(NamedTuple):
    """One event (a row, or a monadic pair of rows) checked on its own."""

    line: int
    event_id: str
    findings: list[Finding]
    clean: Clean | None  # None when a row check found an error


def _clean(rows: list[AcledRow]) -> Clean:
    """Return the values of a checked event that the record checks would look at."""
    cells = rows[0].cells
    if len(rows) > 1:  # a monadic pair: the second row's actor is actor2
        second = rows[1].cells
        actor2, assoc2 = second["actor1"], second["assoc_actor_1"]
    else:
        actor2, assoc2 = cells.get("actor2", ""), cells.get("assoc_actor_2", "")
    actors = (
        cells["actor1"],
        *((actor2,) if actor2 else ()),
        *split_list(cells["assoc_actor_1"]),
        *split_list(assoc2),
    )
    day = _date(cells["event_date"])
    location = cells["location"]
    alpha3 = country_alpha3(cells["country"])
    latitude = parse_coordinate(cells["latitude"], 90, "latitude")
    longitude = parse_coordinate(cells["longitude"], 180, "longitude")
    roles = sorted(stable_id("actor", name) for name in actors)
    where = (spelling_key(location), alpha3, latitude, longitude)
    digest = signature(day, day, where, roles, (cells["sub_event_type"], None))
    return Clean(
        civilian_targeting=parse_civilian_targeting(cells.get("civilian_targeting", "")),
        event_type=cells["event_type"],
        location=location,
        spot=Spot(
            alpha3,
            latitude,
            longitude,
            cells["admin1"] or None,
            cells["admin2"] or None,
            cells["admin3"] or None,
        ),
        digest=digest,
        actors=actors,
        outlets=tuple(split_list(cells["source"])),
    )


def _checked(rows: list[AcledRow], header: AcledHeader) -> CheckedEvent:
    found = [f for row in rows for f in row_findings(row, header)]
    failed = any(f.severity is Severity.ERROR for f in found)
    first = rows[0]
    return CheckedEvent(
        first.line, first.cells.get("event_id_cnty", ""), found, None if failed else _clean(rows)
    )


def checked_events(
    entries: Iterable[AcledHeader | AcledRow | Finding], header: AcledHeader | None = None
) -> Iterator[AcledHeader | Finding | CheckedEvent]:
    """Check the events of :func:`~eventcode.acled.reader.iter_rows`' entries, in file order.

    The header passes through. A monadic export's consecutive rows with one ``event_id_cnty``
    are one event, as :class:`~eventcode.acled.source.AcledStream` reads them.
    """
    pending: AcledRow | None = None
    for entry in entries:
        if isinstance(entry, Finding):
            yield entry
        elif isinstance(entry, AcledHeader):
            header = entry
            yield entry
        else:
            assert header is not None
            if header.layout is not Layout.MONADIC:
                yield _checked([entry], header)
            elif pending is not None and _same_event(pending, entry):
                yield _checked([pending, entry], header)
                pending = None
            else:
                if pending is not None:
                    yield _checked([pending], header)
                pending = entry
    if pending is not None:
        assert header is not None
        yield _checked([pending], header)


def _same_event(first: AcledRow, second: AcledRow) -> bool:
    event_id = first.cells.get("event_id_cnty", "")
    return bool(event_id) and second.cells.get("event_id_cnty") == event_id


class EventMerger:
    """Takes checked events in file order; adds what needs earlier rows; counts the records.

    Reading the file would build, per event without an error, the event, the ``acled``
    claimant once, and each actor and source the first time it is named: :attr:`records`
    counts them so.
    """

    def __init__(self) -> None:
        self.records = 0
        self._events = 0
        self._ids = EventIdSet()
        self._actors: set[str] = set()  # names: one actor record each
        self._outlets: set[str] = set()
        self._spellings = PlaceSpellings()
        self._duplicates = DuplicateEvents()

    def add(self, event: CheckedEvent) -> list[Finding]:
        """Return the findings of one event, in the order reading and checking it gives."""
        found = event.findings
        event_id, line = event.event_id, event.line
        duplicate = bool(event_id) and self._ids.add(event_id)
        if duplicate:
            found = [
                *found,
                make_finding(
                    "A010",
                    f"event_id_cnty {event_id!r} is on an earlier row too",
                    line=line,
                    field="event_id_cnty",
                    event=event_id,
                ),
            ]
        path = join_index("$.events", self._events)
        self._events += 1
        clean = event.clean
        if clean is None or duplicate:  # an error (A010 is one): the event is not read
            return found
        self._count(clean)
        name = f"acled:{event_id}"
        own = civilian_targeting_findings(
            clean.event_type, clean.civilian_targeting, join_key(path, "civilian_targeting")
        )
        return [
            *found,
            *(f.at(event=name, line=line) for f in own),
            *self._spellings.add_place(clean.location, clean.spot, name, path, line),
            *self._duplicates.add_signature(clean.digest, name, path, line),
        ]

    def _count(self, clean: Clean) -> None:
        before = len(self._actors) + len(self._outlets)
        self._actors.update(clean.actors)
        self._outlets.update(clean.outlets)
        new = len(self._actors) + len(self._outlets) - before
        self.records += new + (1 if self.records == 0 else 0) + 1  # + the claimant, once


class AcledValidation:
    """The findings of an ACLED file, row by row; :attr:`records` once they are all out."""

    def __init__(self, source: Input) -> None:
        self._source = source
        self._merger = EventMerger()

    @property
    def records(self) -> int:
        """How many records reading the file would build (events, actors, sources, claimant)."""
        return self._merger.records

    def findings(self, progress: Callable[[int], None] | None = None) -> Iterator[Finding]:
        """Yield the findings in file order, each with its line."""
        for entry in checked_events(iter_rows(self._source)):
            if isinstance(entry, Finding):
                yield entry
            elif isinstance(entry, CheckedEvent):
                yield from self._merger.add(entry)
                if progress is not None:
                    progress(self._merger.records)
