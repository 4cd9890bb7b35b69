"""Checking a batch of ACLED events on their own, as columns: no object per row.

A :class:`BatchChecker` takes the cells of a few hundred rows by column and returns a
:class:`CheckedBatch`: the findings of the rows that have any
(:func:`~eventcode.acled.row_checks.batch_findings`), and, in compact arrays, what the checks
across events need (:class:`~eventcode.acled.merging.EventMerger`): each event's id key, place
code and probable-duplicate signature, and the names its actor and source cells hold. A cell's
meaning is computed once per distinct cell (:class:`_Memo`), and each event only looks it up.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate, chain, repeat
from operator import add, and_, itemgetter
from typing import Any, NamedTuple, cast

import numpy as np

from eventcode import codebooks
from eventcode.acled.ids import id_key, id_keys, id_of
from eventcode.acled.layouts import UNCHECKED_WITHOUT, Layout
from eventcode.acled.mapping import country_alpha3, event_id_of, notes_and_tags, stable_id
from eventcode.acled.row_checks import (
    Check,
    Columns,
    RowScreen,
    batch_findings,
    cell_codes,
    checks_within,
    read_coordinates,
)
from eventcode.acled.rows import AcledHeader, AcledRow
from eventcode.acled.values import (
    CellError,
    list_items,
    parse_civilian_targeting,
    parse_date,
    split_list,
)
from eventcode.checks.codebook import civilian_targeting_findings
from eventcode.checks.crowds import CROWD_TAGS, crowd_tags
from eventcode.checks.duplicates import (
    PROBABLE_DUPLICATES,
    part_code,
    roles_code,
    signatures,
    texts_code,
    where_code,
)
from eventcode.checks.first_seen import FirstSeen
from eventcode.checks.places import PlaceColumns, PlaceFacts, Spot, place_facts, spelling_key
from eventcode.checks.registry import EVERYTHING, Selection
from eventcode.findings import (
    Finding,
    FindingColumns,
    Severity,
    finding_columns,
    findings_of_columns,
)
from eventcode.rules.crowds import CROWD_TAG_PREFIX, read_crowd_tag

__all__ = [
    "BATCH_ROWS",
    "KEY_SEPARATOR",
    "NAME_COLUMNS",
    "PLACE_COLUMNS",
    "TEXT_KEY",
    "BatchChecker",
    "CheckedBatch",
    "PlacesMet",
    "checked_batches",
    "event_type_of",
    "names_of",
    "other_ids",
    "place_codes",
    "place_codes_at",
]

#: Rows checked together: few enough that a batch's cells stay in the processor's cache.
BATCH_ROWS = 256
#: Id keys from here up are digests of ids of other shapes (see eventcode.acled.ids).
TEXT_KEY = 1 << 63
#: A place as its row gives it: location, country, latitude, longitude, admin1-3.
PLACE_COLUMNS = ("location", "country", "latitude", "longitude", "admin1", "admin2", "admin3")
#: Columns naming actors, and the kind of cell each holds (one name, or a list of them).
_ACTORS = (
    ("actor1", "actor"),
    ("actor2", "actor"),
    ("assoc_actor_1", "list"),
    ("assoc_actor_2", "list"),
)
#: Columns whose names reading the file counts as records: actors, then sources.
NAME_COLUMNS = (*_ACTORS, ("source", "list"))
_MASK64 = (1 << 64) - 1
_SEPARATOR = "\x1f"
#: Joins a facet's cells into its key (see _Facet.keys).
KEY_SEPARATOR = _SEPARATOR
_FILLED = {True: "1", False: ""}  # actor2 in a key: whether it is filled
_first = itemgetter(0)
_second = itemgetter(1)
_last = itemgetter(-1)


class PlacesMet(NamedTuple):
    """What R009 asks of the places a checker met in a batch, by code, as columns.

    ``codes[i]`` is the code of the place ``i`` of ``places``
    (:data:`~eventcode.checks.places.NOTHING_TO_ASK`: nothing to ask R009, for it has no
    location or its row is not read). Each code comes once, in the order of the batch's first
    event at it: one set of places is one value however a checker came to meet them, and the
    merger, which asks places in the order of their first events, mostly asks them as they are.
    """

    codes: array[int]
    places: PlaceColumns

    @classmethod
    def of(cls, met: Mapping[int, PlaceFacts | None], places: Iterable[int]) -> PlacesMet:
        """Return the places of a checker's table (code -> facts; ``None``: nothing to ask).

        ``places`` are the codes of the batch's events, in order (each code of ``met`` is one;
        one that were not would come last).
        """
        codes = [code for code in dict.fromkeys(chain(places, met)) if code in met]
        return cls(array("Q", codes), PlaceColumns.of(map(met.__getitem__, codes)))

    @classmethod
    def join(cls, parts: Sequence[PlacesMet], places: Iterable[int]) -> PlacesMet:
        """Return the places of consecutive batches as one (a code told twice is kept once).

        ``places`` are the codes of the events of the batches joined, in order.
        """
        return cls.of({code: facts for part in parts for code, facts in part.items()}, places)

    def items(self) -> Iterator[tuple[int, PlaceFacts]]:
        """Yield each code with its place's facts, in the order they come."""
        return zip(self.codes, self.places.rows(), strict=True)

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent from workers with every batch, a place a row on a file of distinct places:
        # as columns, with the texts of names and keys joined and the coordinates as doubles,
        # it unpickles about three times faster than a table of tuples.
        places = self.places
        packed = (
            _packed_texts(places.names),
            _packed_texts(places.keys),
            places.countries,
            _packed_numbers(places.latitudes),
            _packed_numbers(places.longitudes),
            places.admin1,
            places.admin2,
            places.admin3,
        )
        return _places_met_of, (self.codes, packed)


def _places_met_of(codes: array[int], packed: tuple[Any, ...]) -> PlacesMet:
    """Rebuild pickled places (:meth:`PlacesMet.__reduce__`)."""
    names, keys, countries, latitudes, longitudes, admin1, admin2, admin3 = packed
    places = PlaceColumns(
        _texts(names),
        _texts(keys),
        countries,
        _numbers(latitudes),
        _numbers(longitudes),
        admin1,
        admin2,
        admin3,
    )
    return PlacesMet(codes, places)


#: Joins the texts of a column sent as one string (see _packed_texts).
_JOINER = "\x1f"


def _packed_texts(column: list[str]) -> str | list[str]:
    """Return a column of texts as one string, when no text holds the joiner; else as it is.

    Splitting a string makes its texts faster than unpickling them one by one.
    """
    joined = _JOINER.join(column)
    return joined if column and joined.count(_JOINER) == len(column) - 1 else column


def _texts(packed: str | list[str]) -> list[str]:
    """Return the texts of a column :func:`_packed_texts` gave."""
    return packed.split(_JOINER) if isinstance(packed, str) else packed


def _packed_numbers(column: list[float | None]) -> tuple[array[float], list[int]]:
    """Return a column of numbers as doubles, with where it holds ``None`` (0.0 there)."""
    blanks = [i for i, value in enumerate(column) if value is None]
    if not blanks:
        return array("d", cast("list[float]", column)), blanks
    return array("d", [0.0 if value is None else value for value in column]), blanks


def _numbers(packed: tuple[array[float], list[int]]) -> list[float | None]:
    """Return the numbers of a column :func:`_packed_numbers` gave."""
    values, blanks = packed
    numbers: list[float | None] = list(values.tolist())
    for i in blanks:
        numbers[i] = None
    return numbers


class CheckedBatch(NamedTuple):
    """Events checked on their own, as columns; index ``i`` is the batch's ``i``-th event.

    Places are given by 64-bit codes; what a code stands for comes with the first batch (of a
    checker) that uses it, as R009 asks it (worked out by the checker: :func:`place_codes`).
    A batch sent to another process carries the names its cells hold rather than the cells (see
    :meth:`without_cells`).
    """

    lines: array[int]  # the line of each event's first row
    id_keys: array[int]  # see eventcode.acled.ids.id_key
    other_ids: dict[int, str]  # id key -> id, for the keys that are digests (TEXT_KEY and up)
    findings: dict[int, list[Finding]]  # each event's own findings, for events with any
    failed: frozenset[int]  # events with an error among their findings: not read
    targeted: dict[int, str]  # events that set civilian targeting: their event type
    #: Events with crowd-size tags that cannot be read (R017): each tag's index and text.
    crowds: dict[int, tuple[tuple[int, str], ...]]
    places: array[int]
    digests: array[int]  # see eventcode.checks.duplicates.signatures
    #: What R009 asks of the places whose codes were computed for this batch.
    places_met: PlacesMet
    name_cells: tuple[Sequence[str], ...] | None  # the cells of NAME_COLUMNS, when kept
    #: The actor and the source names the events without an error hold: taken from
    #: ``name_cells`` when they are dropped.
    names: tuple[set[str], set[str]] | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent from workers by the thousand: the findings go as columns of plain values
        # (eventcode.findings.finding_columns), several times faster to pickle and rebuild,
        # with the events that have them and how many each has.
        events = array("I", self.findings)
        counts = array("I", map(len, self.findings.values()))
        columns = finding_columns(chain.from_iterable(self.findings.values()))
        return _batch_of_columns, (tuple(self._replace(findings={})), events, counts, columns)

    def event_id(self, index: int) -> str:
        """Return the ``event_id_cnty`` of event ``index`` (blank when its row has none)."""
        key = self.id_keys[index]
        return self.other_ids[key] if key >= TEXT_KEY else _id_text(key)

    def event_name(self, index: int) -> str:
        """Return the id reading gives event ``index`` (:func:`~.mapping.event_id_of`)."""
        return event_id_of(self.event_id(index), self.lines[index])

    def shifted(self, lines: int, file: str | None = None) -> CheckedBatch:
        """Return the batch with its lines, and its findings', ``lines`` further on.

        ``file``, when given, names the file its findings are in (placed once, here).
        """
        if not lines and file is None:
            return self
        return self._replace(
            lines=array("Q", map(add, self.lines, repeat(lines))) if lines else self.lines,
            findings={
                i: [
                    f.at(line=(f.location.line or 0) + lines, file=file or f.location.file)
                    for f in found
                ]
                for i, found in self.findings.items()
            },
        )

    def read_names(
        self, unread: frozenset[int] | set[int] | None = None
    ) -> tuple[set[str], set[str]] | None:
        """Return the actor and the source names of the events not ``unread``.

        ``unread`` defaults to the events with an error; ``None`` when the batch has no cells
        to tell the names of those events.
        """
        if unread is None and self.names is not None:
            return self.names
        if self.name_cells is None:
            return None
        return names_of(self.name_cells, self.failed if unread is None else unread)

    def without_cells(self) -> CheckedBatch:
        """Return the batch with the names of its events and without its cells (to send it)."""
        return self._replace(names=self.read_names(), name_cells=None)

    @classmethod
    def join(cls, batches: Sequence[CheckedBatch]) -> CheckedBatch:
        """Return consecutive batches as one."""
        if len(batches) == 1:
            return batches[0]
        if any(b.name_cells is None for b in batches):
            raise ValueError("only batches with their cells can be joined")
        offsets = list(accumulate((len(b.lines) for b in batches), initial=0))

        def shifted(field: str) -> Iterator[tuple[int, Any]]:
            for offset, batch in zip(offsets, batches, strict=False):
                yield from ((offset + i, value) for i, value in getattr(batch, field).items())

        def chained(field: str) -> Iterator[Any]:
            return chain.from_iterable(getattr(b, field) for b in batches)

        cells = [b.name_cells for b in batches]
        places = array("Q", chained("places"))
        return cls(
            lines=array("Q", chained("lines")),
            id_keys=array("Q", chained("id_keys")),
            other_ids={key: text for b in batches for key, text in b.other_ids.items()},
            findings=dict(shifted("findings")),
            failed=frozenset(
                offset + i for offset, b in zip(offsets, batches, strict=False) for i in b.failed
            ),
            targeted=dict(shifted("targeted")),
            crowds=dict(shifted("crowds")),
            places=places,
            digests=array("Q", chained("digests")),
            places_met=PlacesMet.join([b.places_met for b in batches], places),
            name_cells=tuple(
                list(chain.from_iterable(c[k] for c in cells if c is not None))
                for k in range(len(NAME_COLUMNS))
            ),
        )


def _batch_of_columns(
    fields: tuple[Any, ...], events: array[int], counts: array[int], columns: FindingColumns
) -> CheckedBatch:
    """Rebuild a pickled batch (:meth:`CheckedBatch.__reduce__`)."""
    found = findings_of_columns(columns)
    if counts.count(1) == len(counts):  # one finding an event (the common case): no slices
        each: Iterator[list[Finding]] = map(list, zip(found))
    else:
        ends = list(accumulate(counts))
        each = map(found.__getitem__, map(slice, [0, *ends[:-1]], ends))
    return CheckedBatch(*fields)._replace(findings=dict(zip(events, each, strict=True)))


def _id_text(key: int) -> str:
    return id_of(key) or ""


class _Memo:
    """Values computed once per distinct key (a bounded table: cleared when it fills)."""

    def __init__(self, compute: Callable[[Any], Any], limit: int = 1 << 16) -> None:
        self._compute = compute
        self._limit = limit
        self._values: dict[Any, Any] = {}

    def each(self, keys: Sequence[Any]) -> list[Any]:
        """Return the value of each key, in order (no value is ``None``)."""
        values = self._values
        found = list(map(values.get, keys))
        if None not in found:
            return found
        missing = {key for key, value in zip(keys, found, strict=True) if value is None}
        if len(values) + len(missing) > self._limit:
            values.clear()
            missing = set(keys)
        for key in missing:
            values[key] = self._compute(key)
        return list(map(values.__getitem__, keys))

    def compute(self, key: Any) -> Any:
        """Return the value of ``key`` as the memo computes it (not kept)."""
        return self._compute(key)


def _day_code(text: str) -> int:
    try:
        return part_code(parse_date(text))
    except CellError:
        return 0  # the row fails A004 and is not read


def place_codes(facet: Mapping[str, str]) -> tuple[int, int, PlaceFacts | None]:
    """Return what the checks across events need of a place, from its row's cells.

    The code of its cells; the code of where it is as probable duplicates see it (0: without
    both coordinates); what R009 asks of it (:func:`~eventcode.checks.places.place_facts`;
    ``None``: nothing, for it has no location or its row is not read). Coordinates are parsed
    once for both.
    """
    return _placed(tuple(facet.get(name, "") for name in PLACE_COLUMNS))


_new_spot = tuple.__new__


def _placed(cells: tuple[str, ...]) -> tuple[int, int, PlaceFacts | None]:
    """:func:`place_codes` of a place's cells in the order of ``PLACE_COLUMNS`` (blank: none).

    Reading gives a place coordinates only when both are there; its spelling key is its
    facts' when it has facts.
    """
    lat = lon = None
    if cells[2] and cells[3]:
        # Parsed as the coordinate check (A007) parses them, which then finds them read.
        lat, lon, _ = read_coordinates(cells[2], cells[3])
    return place_codes_at(cells, lat, lon)


def place_codes_at(
    cells: tuple[str, ...], lat: float | None, lon: float | None
) -> tuple[int, int, PlaceFacts | None]:
    """:func:`place_codes` of a place's cells whose coordinates are read already.

    ``lat`` and ``lon`` are what :func:`~.row_checks.read_coordinates` reads of the latitude
    and longitude cells (``None``: blank, or not a coordinate); read only when both are filled.
    """
    location, country, latitude, longitude, admin1, admin2, admin3 = cells
    # Codes without memory (not part_code): a place is coded once per distinct place already
    # (the "where" memo), so a memory would only be churned by places, and hold their cells.
    code = texts_code(cells)
    alpha3 = country_alpha3(country)
    if not (latitude and longitude):
        lat = lon = None
    elif lat is None or lon is None:
        return code, 0, None  # the row fails A007 and is not read
    admins = (admin1 or None, admin2 or None, admin3 or None)
    # Made as Spot(...) makes it, without the call of its __new__ (a place met is a miss).
    spot = _new_spot(Spot, (alpha3 if country else None, lat, lon, *admins))
    facts = place_facts(location, spot) if location else None
    if lat is None:  # a coordinate blank or not in the file
        return code, 0, facts
    key = facts[1] if facts is not None else spelling_key(location)
    return code, where_code((key, alpha3, lat, lon)), facts


def _role_code(kind: str) -> Callable[[str], int]:
    """Return how to code the actors a cell names (see :func:`roles_code`)."""

    def code(cell: str) -> int:
        names = split_list(cell) if kind == "list" else [cell] if cell else []
        return roles_code(stable_id("actor", name) for name in names)

    return code


@lru_cache(maxsize=256)
def _targets_civilians(event_type: str, text: str) -> bool:
    """Tell whether C013 applies (civilian targeting on a Battles event)."""
    try:
        targeted = parse_civilian_targeting(text)
    except CellError:
        return False  # the row fails A012 and is not read
    return any(civilian_targeting_findings(event_type, targeted, "$"))


class _Facet(NamedTuple):
    """Columns read together, as one memo key.

    The row checks that read only these columns, and the codes the checks across events need of
    them, are worked out once per distinct key.
    """

    names: tuple[str, ...]  # the columns the layout has, in this order
    checks: frozenset[Check]  # the row checks screened on this facet

    def keys(
        self, column: Callable[[str], Sequence[str]], size: int
    ) -> list[str] | list[tuple[str, ...]]:
        """Return the key of each of ``size`` events.

        A key is the event's cells joined (one string is quick to look up), or a tuple in a batch
        where a cell holds the joining character; ``actor2`` counts as whether it is filled.
        A facet of none of the file's columns has one key, blank.
        """
        if not self.names:
            return [""] * size
        cells = [
            list(map(_FILLED.__getitem__, map(bool, column(n)))) if n == "actor2" else column(n)
            for n in self.names
        ]
        keys = list(map(_SEPARATOR.join, zip(*cells, strict=True)))
        if "".join(keys).count(_SEPARATOR) == len(keys) * (len(self.names) - 1):
            return keys
        return list(zip(*cells, strict=True))

    def cells(self, key: str | tuple[str, ...]) -> dict[str, str]:
        """Return the cells of a key, by column."""
        return dict(zip(self.names, self.values(key), strict=True))

    def values(self, key: str | tuple[str, ...]) -> Sequence[str]:
        """Return the cells of a key, in the order of the columns (``actor2``: "1" or "")."""
        if not self.names:
            return ()
        return key.split(_SEPARATOR) if isinstance(key, str) else key

    def taker(self, names: Sequence[str], blank: str | None) -> Callable[[Sequence[str]], Any]:
        """Return how to take the cells of columns ``names`` from a key's :meth:`values`.

        As a tuple, in the order of ``names``; a column the layout lacks gives ``blank``.
        """
        at = [self.names.index(name) if name in self.names else None for name in names]
        present = [i for i in at if i is not None]
        if len(present) == len(at) > 1:
            return itemgetter(*present)

        def take(cells: Sequence[str]) -> tuple[str | None, ...]:
            return tuple([blank if i is None else cells[i] for i in at])

        return take


#: The facets: when, what (and who fights whom), where.
_FACETS = {
    "when": ("event_date", "year", "time_precision", "geo_precision"),
    "what": (
        "disorder_type",
        "event_type",
        "sub_event_type",
        "civilian_targeting",
        "inter1",
        "inter2",
        "actor2",
        "interaction",
    ),
    "where": (*PLACE_COLUMNS, "iso", "region"),
}


class BatchChecker:
    """Checks batches of events as columns, in one process for one validation run.

    A batch carries what a place code stands for only when the checker computes the code (the
    first time it meets the place, or again after its memory of places was cleared). ``file``
    is the file the findings of its rows name.
    """

    def __init__(
        self, header: AcledHeader, selection: Selection = EVERYTHING, file: str | None = None
    ) -> None:
        self.header = header
        self.selection = selection
        #: The file the findings of rows name (made so in a worker, not placed in the parent).
        self.file = file
        present = set(header.columns)
        if header.layout is Layout.MONADIC:
            present |= {"actor2", "assoc_actor_2"}  # events carry the second row's actor
        self._facets = {
            name: _Facet(
                names := tuple(c for c in columns if c in present), checks_within(names)
            )
            for name, columns in _FACETS.items()
        }
        self._screened = frozenset().union(*(f.checks for f in self._facets.values()))
        #: Probable duplicates (R010) need their columns; without event_date no event is read.
        self._compares = selection.runs(PROBABLE_DUPLICATES) and (
            set(UNCHECKED_WITHOUT["R010 probable duplicates"]) <= present
        )
        self._reads = "event_date" in present
        #: Crowd-size tags (R017) are in the tags, and at the end of a legacy export's notes.
        self._crowds = selection.runs(CROWD_TAGS) and bool(present & {"tags", "notes"})
        day = self._facets["when"].taker(("event_date",), "")
        self._when = _Memo(self._coded("when", lambda cells: (_day_code(*day(cells)),)))
        what = self._facets["what"].taker(
            ("sub_event_type", "event_type", "civilian_targeting"), None
        )
        self._what = _Memo(self._coded("what", lambda cells: _what_codes(*what(cells))))
        self._met: dict[int, PlaceFacts | None] = {}  # the places met in the batch checked
        self._told: FirstSeen | None = None  # see told
        self._place = self._facets["where"].taker(PLACE_COLUMNS, "")
        self._where = _Memo(self._coded("where", self._place_codes))
        self._roles = {kind: _Memo(_role_code(kind)) for kind in ("actor", "list")}

    def _coded(
        self, facet: str, codes: Callable[[Sequence[str]], tuple[Any, ...]]
    ) -> Callable[[str | tuple[str, ...]], tuple[Any, ...]]:
        """Return how to work out a facet's key: its codes, then which row checks fail.

        ``codes`` takes the key's cells in the order of the facet's columns. The checks are
        made ready for the facet's columns once (:class:`~.row_checks.RowScreen`): they find
        what :func:`~.row_checks.failing_checks` finds of the key's cells.
        """
        names, checks = self._facets[facet]
        cells_of = self._facets[facet].values
        failing = RowScreen(names, self.header.layout, checks, self.selection).failing

        def compute(key: str | tuple[str, ...]) -> tuple[Any, ...]:
            cells = cells_of(key)
            return (*codes(cells), failing(cells))

        return compute

    def _place_codes(self, cells: Sequence[str]) -> tuple[int, int]:
        """Return a place's codes (:func:`place_codes`); it is met: the batch tells R009 of it.

        ``cells`` are those of the "where" facet's columns.
        """
        code, where, facts = _placed(self._place(cells))
        self._met[code] = facts
        return code, where

    def rows(self, columns: Columns, lines: Sequence[int]) -> CheckedBatch:
        """Check a batch of rows of a one-row-an-event layout (every column of the header)."""
        batch, suspects = self._checked(columns, lines)
        findings = batch_findings(
            columns,
            lines,
            self.header,
            screened=self._screened,
            suspects=suspects,
            selection=self.selection,
            file=self.file,
        )
        return self._with_findings(batch, findings)

    def events(
        self, columns: Columns, lines: Sequence[int], findings: dict[int, list[Finding]]
    ) -> CheckedBatch:
        """Check a batch of events given as columns, with the findings of their rows.

        A monadic pair's second actor is in ``actor2`` and ``assoc_actor_2``.
        """
        return self._with_findings(self._checked(columns, lines)[0], findings)

    def _with_findings(
        self, batch: CheckedBatch, findings: dict[int, list[Finding]]
    ) -> CheckedBatch:
        """Return the batch with its findings; events with an error are not read.

        Nor is any event of a file without event_date (its rows are checked only).
        """
        if not self._reads:
            return batch._replace(findings=findings, failed=frozenset(range(len(batch.lines))))
        failed = frozenset(
            i for i, found in findings.items() if any(f.severity is Severity.ERROR for f in found)
        )
        return batch._replace(findings=findings, failed=failed)

    def _unreadable_crowds(
        self, column: Callable[[str], Sequence[str]]
    ) -> dict[int, tuple[tuple[int, str], ...]]:
        """Return the crowd-size tags of each event that cannot be read, with their indices."""
        tags = column("tags")
        legacy = self.header.layout is Layout.LEGACY
        notes = column("notes") if legacy else repeat("", len(tags))
        if _CROWD_TAG not in "\x1f".join(tags).lower() and not (
            legacy and _SIZE_NOTE in "\x1f".join(notes)
        ):
            return {}
        found = {}
        for index, (tag, note) in enumerate(zip(tags, notes, strict=False)):
            if tag or _SIZE_NOTE in note:
                unread = _unreadable_tags(tag, note, legacy)
                if unread:
                    found[index] = unread
        return found

    def _checked(
        self, columns: Columns, lines: Sequence[int]
    ) -> tuple[CheckedBatch, dict[int, set[Check]]]:
        """Return the batch without findings, and the screened row checks each event fails."""
        size = len(lines)

        def column(name: str) -> Sequence[str]:
            return columns[name] if name in columns else tuple(repeat("", size))

        where_keys = self._facets["where"].keys(column, size)
        when = self._when.each(self._facets["when"].keys(column, size))
        what = self._what.each(self._facets["what"].keys(column, size))
        self._met = {}
        where = self._where.each(where_keys)
        suspects: dict[int, set[Check]] = {}
        for values in (when, what, where):
            if any(map(_last, values)):
                for i, failing in enumerate(map(_last, values)):
                    if failing:
                        suspects.setdefault(i, set()).update(failing)
        digests: Iterable[int] = repeat(0, size)  # 0: not compared (see EventMerger)
        if self._compares:
            # The two actors: a second source often names associated actors the first did not.
            roles = zip(
                *(self._roles[kind].each(column(name)) for name, kind in _ACTORS[:2]),
                strict=True,
            )
            days = list(map(_first, when))
            digests = signatures(
                days,
                days,
                map(_second, where),
                map(and_, map(sum, roles), repeat(_MASK64)),
                map(_first, what),
            )
        hits = map(_second, what)
        targeted = [i for i, hit in enumerate(map(_second, what)) if hit] if any(hits) else []
        event_types = column("event_type")
        if "event_type" not in columns:  # a subset: the sub-event type's
            event_types = list(map(_event_type_of, column("sub_event_type")))
        ids = column("event_id_cnty")
        keys = id_keys(ids)
        places = array("Q", map(_first, where))
        batch = CheckedBatch(
            lines=array("Q", lines),
            id_keys=keys,
            other_ids={} if max(keys, default=0) < TEXT_KEY else _other_ids(ids),
            findings={},
            failed=frozenset(),
            targeted={i: event_types[i] for i in targeted},
            crowds=self._unreadable_crowds(column) if self._crowds else {},
            places=places,
            digests=array("Q", digests),
            places_met=PlacesMet.of(self.unsent(self._met), places),
            name_cells=tuple(column(name) for name, _ in NAME_COLUMNS),
        )
        return batch, suspects


    # What the columnar path (eventcode.acled.columnar) asks of the checker: the same memos
    # and settings, so that both paths share one memory of places and of checks passed.

    @property
    def facets(self) -> Mapping[str, _Facet]:
        """The facets, by name (when, what, where), with the columns the layout has."""
        return self._facets

    @property
    def when(self) -> _Memo:
        """Each distinct "when" key's codes: (day code, failing checks)."""
        return self._when

    @property
    def what(self) -> _Memo:
        """Each distinct "what" key's codes: (sub-event type code, C013 applies, failing)."""
        return self._what

    @property
    def where(self) -> _Memo:
        """Each distinct "where" key's codes: (place code, where code, failing); met places."""
        return self._where

    @property
    def roles(self) -> Mapping[str, _Memo]:
        """Each distinct actor cell's roles code, by the cell's kind (actor or list)."""
        return self._roles

    @property
    def screened(self) -> frozenset[Check]:
        """The row checks the facets screen."""
        return self._screened

    @property
    def compares(self) -> bool:
        """Whether probable duplicates (R010) are looked for."""
        return self._compares

    @property
    def crowds(self) -> bool:
        """Whether crowd-size tags (R017) are read."""
        return self._crowds

    @property
    def cell_codes(self) -> frozenset[str]:
        """The codes of the checks of cells on their own (A003, A024, A009, A018) found."""
        return cell_codes(self.selection)

    def start_batch(self) -> None:
        """Forget the places met: a new batch tells of those it meets."""
        self._met = {}

    @property
    def places_met(self) -> dict[int, PlaceFacts | None]:
        """The places met since :meth:`start_batch` whose codes were computed."""
        return self._met

    @property
    def told(self) -> FirstSeen:
        """The codes of the places this checker's batches have told the merger of."""
        if self._told is None:
            self._told = FirstSeen()
        return self._told

    def unsent(self, met: dict[int, PlaceFacts | None]) -> dict[int, PlaceFacts | None]:
        """Return the places of ``met`` not told before, which are told now.

        A place is told the merger once by a checker, with the first batch that meets it: the
        merger keeps what it stands for until it asks R009 (a batch dropped unsent is checked
        again by a fresh checker, which tells its places again).
        """
        if not met:
            return met
        codes = np.fromiter(met, np.uint64, len(met))
        before = self.told.add(codes)[0]
        for code in codes[before].tolist():
            del met[code]
        return met

    def unreadable_crowds(
        self, column: Callable[[str], Sequence[str]]
    ) -> dict[int, tuple[tuple[int, str], ...]]:
        """Return the crowd-size tags of each event that cannot be read, by event index."""
        return self._unreadable_crowds(column)

    def with_findings(
        self, batch: CheckedBatch, findings: dict[int, list[Finding]]
    ) -> CheckedBatch:
        """Return the batch with its findings; events with an error are not read."""
        return self._with_findings(batch, findings)


def _what_codes(
    sub: str | None, event_type: str | None, targeting: str | None
) -> tuple[int, bool]:
    """Return the sub-event type's code, and whether C013 applies (targeting on battles).

    A cell is ``None`` when the file lacks its column. C013 is on an event's ACLED class,
    which a row without sub_event_type does not give; a row without event_type has its
    sub-event type's.
    """
    targeted = sub is not None and _targets_civilians(
        event_type or _event_type_of(sub), targeting or ""
    )
    return part_code((sub or "", None)), targeted


_CROWD_TAG = CROWD_TAG_PREFIX
_SIZE_NOTE = "[size="


@lru_cache(maxsize=4096)
def _unreadable_tags(tags: str, notes: str, legacy: bool) -> tuple[tuple[int, str], ...]:
    """Return the crowd-size tags of a row's tags (and legacy notes) that cannot be read."""
    layout = Layout.LEGACY if legacy else Layout.CURRENT
    _, read = notes_and_tags({"tags": tags, "notes": notes}, layout)
    return tuple((i, tag) for i, tag in crowd_tags(read) if read_crowd_tag(tag) is None)


@lru_cache(maxsize=64)
def _event_type_of(sub: str) -> str:
    try:
        return codebooks.acled_sub_event_type(sub).event_type
    except codebooks.UnknownCodeError:
        return ""  # the row fails C010 and is not read


def _other_ids(ids: Iterable[str]) -> dict[int, str]:
    return {key: text for text in ids if (key := id_key(text)) >= TEXT_KEY}


def names_of(
    cells: tuple[Sequence[str], ...], unread: frozenset[int] | set[int] = frozenset()
) -> tuple[set[str], set[str]]:
    """Return the actor names and the source names the events not ``unread`` hold."""
    actors: set[str] = set()
    sources: set[str] = set()
    for (name, kind), column in zip(NAME_COLUMNS, cells, strict=True):
        kept = column if not unread else [c for i, c in enumerate(column) if i not in unread]
        names = list_items(kept) if kind == "list" else set(kept).difference(("",))
        (sources if name == "source" else actors).update(names)
    return actors, sources


def checked_batches(
    entries: Iterable[AcledHeader | AcledRow | Finding],
    checker: BatchChecker | None = None,
    selection: Selection = EVERYTHING,
) -> Iterator[AcledHeader | Finding | CheckedBatch]:
    """Check the rows of :func:`~eventcode.acled.reader.iter_rows`' entries, in file order.

    The header and findings pass through. A monadic export's consecutive rows with one
    ``event_id_cnty`` are one event, as :class:`~eventcode.acled.source.AcledStream` reads them
    (a finding between a row and the row that may pair with it comes before their event).
    ``checker`` checks the batches (a new one for the entries' header, for ``selection``, when
    not given).
    """
    rows: list[AcledRow] = []
    for entry in entries:
        if isinstance(entry, AcledRow):
            rows.append(entry)
            if len(rows) < BATCH_ROWS:
                continue
        if checker is not None and rows:
            rows, batch = _split(checker, rows, last=False)
            if batch is not None:
                yield batch
        if isinstance(entry, AcledHeader) and (checker is None or checker.header != entry):
            checker = BatchChecker(entry, selection)
        if not isinstance(entry, AcledRow):
            yield entry
    if checker is not None and rows:
        _, batch = _split(checker, rows, last=True)
        if batch is not None:
            yield batch


def _split(
    checker: BatchChecker, rows: list[AcledRow], *, last: bool
) -> tuple[list[AcledRow], CheckedBatch | None]:
    """Check the events of ``rows``; keep back a monadic row whose pair may follow."""
    header = checker.header
    columns: dict[str, Sequence[str]] = {
        name: [row.cells[name] for row in rows] for name in header.columns
    }
    lines = [row.line for row in rows]
    if header.layout is not Layout.MONADIC:
        return [], checker.rows(columns, lines)
    # A monadic event is a row, or two consecutive rows with one id (the second's actor is
    # actor2). The last row is kept back unless it closes a pair or the input ends.
    starts: list[int] = []
    at = 0
    while at < len(rows):
        paired = at + 1 < len(rows) and _same_event(rows[at], rows[at + 1])
        if not paired and at == len(rows) - 1 and not last:
            break
        starts.append(at)
        at += 2 if paired else 1
    kept, done = rows[at:], rows[:at]
    if not starts:
        return kept, None
    per_row = batch_findings(
        {name: cells[:at] for name, cells in columns.items()},
        lines[:at],
        header,
        selection=checker.selection,
    )
    ends = [*starts[1:], at]
    findings: dict[int, list[Finding]] = {}
    for event, (start, end) in enumerate(zip(starts, ends, strict=True)):
        found = [f for row in range(start, end) for f in per_row.get(row, ())]
        if found:
            findings[event] = found
    events = {name: [done[start].cells[name] for start in starts] for name in header.columns}
    seconds = [done[s + 1] if e - s == 2 else None for s, e in zip(starts, ends, strict=True)]
    events["actor2"] = [row.cells.get("actor1", "") if row else "" for row in seconds]
    events["assoc_actor_2"] = [
        row.cells.get("assoc_actor_1", "") if row else "" for row in seconds
    ]
    return kept, checker.events(events, [lines[start] for start in starts], findings)


def _same_event(first: AcledRow, second: AcledRow) -> bool:
    event_id = first.cells.get("event_id_cnty", "")
    return bool(event_id) and second.cells.get("event_id_cnty") == event_id


def event_type_of(sub: str) -> str:
    """Return the event type of a sub-event type (blank for an unknown one: C010)."""
    return _event_type_of(sub)


def other_ids(ids: Iterable[str]) -> dict[int, str]:
    """Return the ids that are not ACLED-shaped, by their keys (digests)."""
    return _other_ids(ids)
