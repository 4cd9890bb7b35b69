"""Checks of one ACLED row, on its cells as text: no model record is built to check a row.

Each rule is defined once: ACLED's value formats in :mod:`eventcode.acled.values`, the taxonomy,
interaction and country rules in :mod:`eventcode.checks.codebook` (whose C-codes the findings
keep). Findings carry the row's line, the column (``field``) and the ``event_id_cnty``. Rules on
the event as a whole that the dataset checks already apply to the converted event (civilian
targeting on a Battles event, C013) are left to them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from eventcode import codebooks
from eventcode.acled.layouts import REQUIRED_COLUMNS, Layout
from eventcode.acled.rows import AcledHeader, AcledRow
from eventcode.acled.values import (
    CellError,
    parse_civilian_targeting,
    parse_coordinate,
    parse_date,
    parse_inter,
    parse_non_negative,
    parse_precision,
)
from eventcode.checks.codebook import (
    acled_class_findings,
    interaction_findings,
    region_country_findings,
)
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import ROOT, join_key, split
from eventcode.model import AcledClass
from eventcode.model.events import ACLED_EVENT_ID_PATTERN

__all__ = ["row_findings"]

_EVENT_ID = re.compile(ACLED_EVENT_ID_PATTERN)
_YEAR = re.compile(r"^[0-9]{4}$")
#: Adds a finding of the row: code, message, column.
_Add = Callable[[str, str, str], None]


def _at(findings: Iterable[Finding], line: int, event: str | None) -> Iterator[Finding]:
    """Place findings of the shared checks on the row: line, column (from their path), event."""
    for finding in findings:
        path = finding.location.path
        column = str(split(path)[-1]) if path and path != ROOT else None
        yield finding.at(path=None, line=line, field=column, event=event)


def row_findings(row: AcledRow, header: AcledHeader) -> list[Finding]:
    """Return every finding of one row on its own (duplicate ids need the file: see source)."""
    cells, line = row.cells, row.line
    event = cells.get("event_id_cnty") or None
    found: list[Finding] = []

    def add(code: str, message: str, column: str) -> None:
        found.append(make_finding(code, message, line=line, field=column, event=event))

    for column in header.columns:
        if column in REQUIRED_COLUMNS and cells[column] == "":
            add("A003", f"{column} is blank; every ACLED row fills it", column)
    if event is not None and not _EVENT_ID.match(event):
        why = f"{event!r} is not an ACLED event id (three capitals and a number)"
        add("A009", why, "event_id_cnty")
    _date_findings(cells, add)
    for column in ("time_precision", "geo_precision"):
        if cells[column]:
            try:
                parse_precision(cells[column])
            except CellError as error:
                add("A006", f"{column}: {error}", column)
    _coordinate_findings(cells, add)
    if cells["fatalities"]:
        try:
            parse_non_negative(cells["fatalities"])
        except CellError as error:
            add("A011", f"fatalities: {error}", "fatalities")
    if cells.get("timestamp"):
        try:
            parse_non_negative(cells["timestamp"])
        except CellError as error:
            add("A016", f"timestamp: {error}", "timestamp")
    if "civilian_targeting" in cells:
        try:
            parse_civilian_targeting(cells["civilian_targeting"])
        except CellError as error:
            add("A012", str(error), "civilian_targeting")
    _actor_findings(cells, header.layout, add, found, line, event)
    _place_findings(cells, add, found, line, event)
    _taxonomy_findings(cells, found, line, event)
    return found


def _date_findings(cells: dict[str, str], add: _Add) -> None:
    text, year = cells["event_date"], cells["year"]
    if not text:
        return
    try:
        day = parse_date(text)
    except CellError as error:
        add("A004", f"event_date: {error}", "event_date")
        return
    if year and (not _YEAR.match(year) or int(year) != day.year):
        add("A005", f"year {year!r} is not the year of event_date {text!r} ({day.year})", "year")


def _coordinate_findings(cells: dict[str, str], add: _Add) -> None:
    values = []
    for column, limit in (("latitude", 90), ("longitude", 180)):
        if not cells[column]:
            continue
        try:
            values.append(parse_coordinate(cells[column], limit, column))
        except CellError as error:
            add("A007", str(error), column)
    if len(values) == 2 and values == [0.0, 0.0]:
        add("A008", "latitude and longitude are both 0: a placeholder, not a place", "latitude")


def _actor_findings(
    cells: dict[str, str],
    layout: Layout,
    add: _Add,
    found: list[Finding],
    line: int,
    event: str | None,
) -> None:
    inters: dict[str, int | None] = {}
    for column in ("inter1", "inter2"):
        if column not in cells or (column == "inter1" and not cells[column]):
            continue
        try:
            inters[column] = parse_inter(cells[column])
        except CellError as error:
            add("A013", f"{column}: {error}", column)
    if "inter2" in inters:
        if cells["actor2"] and inters["inter2"] is None:
            add("A013", "actor2 is named but inter2 gives no actor type", "inter2")
        elif not cells["actor2"] and inters["inter2"] is not None:
            add("A013", "inter2 gives an actor type but there is no actor2", "inter2")
    interaction = cells["interaction"]
    inter1 = inters.get("inter1")
    if not interaction or inter1 is None or ("inter2" in cells and "inter2" not in inters):
        return
    path = join_key(ROOT, "interaction")
    if layout is Layout.MONADIC:  # the row shows one actor; the interaction names both
        try:
            stated = codebooks.parse_acled_interaction(interaction)
        except codebooks.UnknownCodeError:
            found.extend(_at(interaction_findings(inter1, None, interaction, path), line, event))
            return
        if inter1 not in stated.actor_types:
            why = f"interaction {interaction!r} does not involve inter1 {inter1}"
            add("C014", why, "interaction")
        return
    inter2 = inters.get("inter2")
    found.extend(_at(interaction_findings(inter1, inter2, interaction, path), line, event))


def _place_findings(
    cells: dict[str, str], add: _Add, found: list[Finding], line: int, event: str | None
) -> None:
    iso_text = cells.get("iso", "")
    iso: int | None = None
    if iso_text:
        try:
            iso = parse_non_negative(iso_text)
        except CellError as error:
            add("A014", f"iso: {error}", "iso")
    shared = region_country_findings(cells["region"] or None, cells["country"] or None, iso, ROOT)
    found.extend(_at(shared, line, event))


def _taxonomy_findings(
    cells: dict[str, str], found: list[Finding], line: int, event: str | None
) -> None:
    event_type, sub = cells["event_type"], cells["sub_event_type"]
    if not event_type or not sub:
        return
    disorder = cells.get("disorder_type")
    if disorder is None:  # the legacy layout: the sub-event type gives it
        try:
            disorder = codebooks.acled_sub_event_type(sub).disorder_type
        except codebooks.UnknownCodeError:
            disorder = "-"
    if not disorder:
        return
    acled = AcledClass(disorder_type=disorder, event_type=event_type, sub_event_type=sub)
    found.extend(_at(acled_class_findings(acled, ROOT), line, event))
