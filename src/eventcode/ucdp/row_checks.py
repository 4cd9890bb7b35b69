"""Checks of GED rows, on their cells as text: every finding with its line and column.

A row with an error is not read (its event would be garbage); warnings leave it read. Which
column each check needs is in ``data/ged_columns.json``; a check of a column the file lacks does
not run (the header's U013 says so).
"""

from __future__ import annotations

from collections.abc import Iterator

from eventcode.checks.registry import declare
from eventcode.findings import Finding, make_finding
from eventcode.ucdp.cells import (
    CellError,
    parse_code,
    parse_coordinate,
    parse_count,
    parse_day,
    parse_integer,
)
from eventcode.ucdp.columns import (
    CODE_RANGES,
    COUNT_COLUMNS,
    DEATHS_COLUMNS,
    INTEGER_COLUMNS,
    REQUIRED_COLUMNS,
    GedHeader,
)
from eventcode.ucdp.priogrid import CELLS, cell_of, cells_at
from eventcode.ucdp.reader import GedRow

__all__ = ["GED_READING", "GED_ROWS", "duplicate_id_finding", "event_id_of", "row_findings"]

#: Reading a GED file: its header and the shape of its rows.
GED_READING = declare(
    "ucdp-ged-reading", ("U001", "U002", "U013"), "UCDP GED headers and row shapes"
)
#: The rules a GED row answers to, on its cells.
GED_ROWS = declare(
    "ucdp-ged-rows",
    (
        *("U003", "U004", "U005", "U006", "U007", "U008", "U009", "U010", "U011", "U012"),
        "U014",
        "U015",
    ),
    "UCDP GED rows: blanks, numbers, codes, dates, estimates, deaths, coordinates, ids, cells",
)

_LIMITS = {"latitude": 90, "longitude": 180}


def event_id_of(row: GedRow) -> str:
    """Return the id of the event a row gives: ``ucdp:<id>``, or ``ucdp:line-<line>``."""
    ged_id = row.cells.get("id", "")
    return f"ucdp:{ged_id}" if ged_id else f"ucdp:line-{row.line}"


def duplicate_id_finding(row: GedRow) -> Finding:
    """Return the finding (U012) of a row whose id an earlier row of the file has."""
    return make_finding(
        "U012",
        f"id {row.cells['id']} is used by an earlier row; this row is not read",
        line=row.line,
        field="id",
        event=event_id_of(row),
    )


class _Row:
    """One row's cells, with what has been parsed of them (``None``: blank or not parsed)."""

    def __init__(self, row: GedRow) -> None:
        self.row = row
        self.event = event_id_of(row) if _is_integer(row.cells.get("id", "")) else None
        self.numbers: dict[str, int | None] = {}

    def cell(self, column: str) -> str:
        return self.row.cells.get(column, "")

    def finding(self, code: str, message: str, column: str) -> Finding:
        return make_finding(
            code, message, line=self.row.line, field=column, event=self.event
        )


def _is_integer(text: str) -> bool:
    try:
        parse_integer(text)
    except CellError:
        return False
    return True


def _blanks(row: _Row, header: GedHeader) -> Iterator[Finding]:
    for column in REQUIRED_COLUMNS:
        if column in header.columns and not row.cell(column):
            yield row.finding("U003", f"{column} is blank; every GED row fills it", column)


def _numbers(row: _Row, header: GedHeader) -> Iterator[Finding]:
    for column in (*COUNT_COLUMNS, *INTEGER_COLUMNS):
        text = row.cell(column)
        if column not in header.columns or not text:
            row.numbers[column] = None
            continue
        try:
            read = parse_count if column in COUNT_COLUMNS else parse_integer
            row.numbers[column] = read(text)
        except CellError as error:
            row.numbers[column] = None
            yield row.finding("U004", f"{column} {error}", column)
    for column, (low, high) in CODE_RANGES.items():
        text = row.cell(column)
        if column in header.columns and text:
            try:
                parse_code(text, low, high)
            except CellError as error:
                yield row.finding("U005", f"{column} {error}", column)


def _dates(row: _Row, header: GedHeader) -> Iterator[Finding]:
    days = {}
    for column in ("date_start", "date_end"):
        text = row.cell(column)
        if column in header.columns and text:
            try:
                days[column] = parse_day(text)
            except CellError as error:
                yield row.finding("U006", f"{column} {error}", column)
    start, end = days.get("date_start"), days.get("date_end")
    if start is not None and end is not None and start > end:
        yield row.finding(
            "U007", f"date_start {start} is after date_end {end}", "date_end"
        )
    year = row.numbers.get("year")
    if start is not None and year is not None and year != start.year:
        yield row.finding(
            "U011", f"year {year} is not the year of date_start ({start})", "year"
        )


def _estimates(row: _Row) -> Iterator[Finding]:
    low, best, high = (row.numbers.get(c) for c in ("low", "best", "high"))
    if low is not None and best is not None and high is not None and not low <= best <= high:
        yield row.finding(
            "U008", f"low {low}, best {best} and high {high} are not low <= best <= high", "best"
        )
    deaths = [row.numbers.get(c) for c in DEATHS_COLUMNS]
    if best is not None and all(d is not None for d in deaths):
        total = sum(d for d in deaths if d is not None)
        if total != best:
            listed = " + ".join(f"{c} {d}" for c, d in zip(DEATHS_COLUMNS, deaths, strict=True))
            yield row.finding(
                "U009", f"{listed} = {total}, not best {best}", "deaths_unknown"
            )
    if best == 0:
        yield row.finding(
            "U014", "best is 0: GED records only events with at least one death", "best"
        )


def _coordinates(row: _Row, header: GedHeader) -> Iterator[Finding]:
    given = {c: row.cell(c) for c in _LIMITS if c in header.columns and row.cell(c)}
    for column, text in given.items():
        try:
            parse_coordinate(text, _LIMITS[column], column)
        except CellError as error:
            yield row.finding("U010", str(error), column)
    if len(given) == 1 and set(_LIMITS) <= set(header.columns):
        (there,) = given
        (absent,) = set(_LIMITS) - {there}
        yield row.finding("U010", f"{there} is given without {absent}", absent)


def _grid_cell(row: _Row, header: GedHeader) -> Iterator[Finding]:
    """Report a ``priogrid_gid`` that is no PRIO-GRID cell, or not one the coordinates are in."""
    text = row.cell("priogrid_gid")
    if "priogrid_gid" not in header.columns or not text:
        return
    try:
        gid = parse_integer(text)
    except CellError:
        gid = 0
    if not 1 <= gid <= CELLS:
        yield row.finding(
            "U015", f"priogrid_gid {text!r} is not a PRIO-GRID cell (1 to {CELLS})", "priogrid_gid"
        )
        return
    try:
        latitude = parse_coordinate(row.cell("latitude"), _LIMITS["latitude"], "latitude")
        longitude = parse_coordinate(row.cell("longitude"), _LIMITS["longitude"], "longitude")
    except CellError:
        return  # no point to compare with (U010 says why when a coordinate is wrong)
    if gid not in cells_at(latitude, longitude):
        yield row.finding(
            "U015",
            f"priogrid_gid {gid} is not the PRIO-GRID cell of latitude {latitude}, longitude "
            f"{longitude} (that is {cell_of(latitude, longitude)})",
            "priogrid_gid",
        )


def row_findings(row: GedRow, header: GedHeader) -> list[Finding]:
    """Return every finding of one row on its own (a repeated id needs the file: U012)."""
    checked = _Row(row)
    found = [*_blanks(checked, header), *_numbers(checked, header)]
    found += [*_dates(checked, header), *_estimates(checked), *_coordinates(checked, header)]
    found += _grid_cell(checked, header)
    return found
