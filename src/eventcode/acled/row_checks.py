"""Checks of one ACLED row, on its cells as text: no model record is built to check a row.

Each rule is defined once: ACLED's value formats in :mod:`eventcode.acled.values`, the taxonomy,
interaction and country rules in :mod:`eventcode.checks.codebook` (whose C-codes the findings
keep). Findings carry the row's line, the column (``field``) and the ``event_id_cnty``. Rules on
the event as a whole that the dataset checks already apply to the converted event (civilian
targeting on a Battles event, C013) are left to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

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
_CACHE = 4096
#: A finding of a row before it is placed: code, message, column.
Template = tuple[str, str, str | None]
Templates = tuple[Template, ...]
_NONE: Templates = ()


def _templates(findings: Iterable[Finding]) -> Templates:
    """Templates of the shared checks' findings: the column is the last step of their path."""
    out = []
    for finding in findings:
        path = finding.location.path
        column = str(split(path)[-1]) if path and path != ROOT else None
        out.append((finding.code, finding.message, column))
    return tuple(out)


def row_findings(row: AcledRow, header: AcledHeader) -> list[Finding]:
    """Return every finding of one row on its own (duplicate ids need the file: see source).

    The checks are pure functions of a few cells each, cached by value (taxonomy, actor types,
    countries and dates repeat across rows), that return findings without line or event.
    """
    cells = row.cells
    get = cells.get
    found: list[Template] = [
        ("A003", f"{column} is blank; every ACLED row fills it", column)
        for column in _required(header.columns)
        if cells[column] == ""
    ]
    event = get("event_id_cnty") or None
    if event is not None and not _EVENT_ID.match(event):
        why = f"{event!r} is not an ACLED event id (three capitals and a number)"
        found.append(("A009", why, "event_id_cnty"))
    found += _date_findings(cells["event_date"], cells["year"])
    found += _precision_findings(cells["time_precision"], cells["geo_precision"])
    found += _coordinate_findings(cells["latitude"], cells["longitude"])
    found += _count_findings(cells["fatalities"], get("timestamp", ""))
    if "civilian_targeting" in cells:
        found += _civilian_targeting_findings(cells["civilian_targeting"])
    found += _actor_findings(
        get("inter1"),
        get("inter2"),
        bool(cells["actor2"]) if "actor2" in cells else None,
        cells["interaction"],
        header.layout,
    )
    found += _place_findings(get("iso", ""), cells["region"], cells["country"])
    found += _taxonomy_findings(get("disorder_type"), cells["event_type"], cells["sub_event_type"])
    if not found:
        return []
    line = row.line
    return [
        make_finding(code, message, line=line, field=column, event=event)
        for code, message, column in found
    ]


@lru_cache(maxsize=64)
def _required(columns: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(column for column in columns if column in REQUIRED_COLUMNS)


@lru_cache(maxsize=_CACHE)
def _date_findings(text: str, year: str) -> Templates:
    if not text:
        return _NONE
    try:
        day = parse_date(text)
    except CellError as error:
        return (("A004", f"event_date: {error}", "event_date"),)
    if year and (not _YEAR.match(year) or int(year) != day.year):
        why = f"year {year!r} is not the year of event_date {text!r} ({day.year})"
        return (("A005", why, "year"),)
    return _NONE


@lru_cache(maxsize=64)
def _precision_findings(time_precision: str, geo_precision: str) -> Templates:
    found = []
    for column, text in (("time_precision", time_precision), ("geo_precision", geo_precision)):
        if text:
            try:
                parse_precision(text)
            except CellError as error:
                found.append(("A006", f"{column}: {error}", column))
    return tuple(found)


@lru_cache(maxsize=_CACHE)
def _coordinate_findings(latitude: str, longitude: str) -> Templates:
    found: list[Template] = []
    values = []
    for column, text, limit in (("latitude", latitude, 90), ("longitude", longitude, 180)):
        if not text:
            continue
        try:
            values.append(parse_coordinate(text, limit, column))
        except CellError as error:
            found.append(("A007", str(error), column))
    if len(values) == 2 and values == [0.0, 0.0]:
        why = "latitude and longitude are both 0: a placeholder, not a place"
        found.append(("A008", why, "latitude"))
    return tuple(found)


def _count_findings(fatalities: str, timestamp: str) -> Templates:
    found: list[Template] = []
    for code, column, text in (
        ("A011", "fatalities", fatalities),
        ("A016", "timestamp", timestamp),
    ):
        if not text or (text.isascii() and text.isdigit()):  # the common case, without a regex
            continue
        try:
            parse_non_negative(text)
        except CellError as error:
            found.append((code, f"{column}: {error}", column))
    return tuple(found)


@lru_cache(maxsize=16)
def _civilian_targeting_findings(text: str) -> Templates:
    try:
        parse_civilian_targeting(text)
    except CellError as error:
        return (("A012", str(error), "civilian_targeting"),)
    return _NONE


@lru_cache(maxsize=_CACHE)
def _actor_findings(
    inter1_text: str | None,
    inter2_text: str | None,
    has_actor2: bool | None,
    interaction: str,
    layout: Layout,
) -> Templates:
    """Actor types and interaction; a text is ``None`` when the layout lacks its column."""
    found: list[Template] = []
    inters: dict[str, int | None] = {}
    for column, text in (("inter1", inter1_text), ("inter2", inter2_text)):
        if text is None or (column == "inter1" and not text):
            continue
        try:
            inters[column] = parse_inter(text)
        except CellError as error:
            found.append(("A013", f"{column}: {error}", column))
    if "inter2" in inters:
        if has_actor2 and inters["inter2"] is None:
            found.append(("A013", "actor2 is named but inter2 gives no actor type", "inter2"))
        elif not has_actor2 and inters["inter2"] is not None:
            found.append(("A013", "inter2 gives an actor type but there is no actor2", "inter2"))
    inter1 = inters.get("inter1")
    if inter1_text is not None and inter1 is None and "inter1" in inters:
        found.append(("A013", "actor1 is named but inter1 gives no actor type", "inter1"))
    if not interaction or inter1 is None or (inter2_text is not None and "inter2" not in inters):
        return tuple(found)
    path = join_key(ROOT, "interaction")
    if layout is Layout.MONADIC:  # the row shows one actor; the interaction names both
        try:
            stated = codebooks.parse_acled_interaction(interaction)
        except codebooks.UnknownCodeError:
            found += _templates(interaction_findings(inter1, None, interaction, path))
            return tuple(found)
        if inter1 not in stated.actor_types:
            why = f"interaction {interaction!r} does not involve inter1 {inter1}"
            found.append(("C014", why, "interaction"))
        return tuple(found)
    inter2 = inters.get("inter2")
    found += _templates(interaction_findings(inter1, inter2, interaction, path))
    return tuple(found)


@lru_cache(maxsize=_CACHE)
def _place_findings(iso_text: str, region: str, country: str) -> Templates:
    found: list[Template] = []
    iso: int | None = None
    if iso_text:
        try:
            iso = parse_non_negative(iso_text)
        except CellError as error:
            found.append(("A014", f"iso: {error}", "iso"))
    found += _templates(region_country_findings(region or None, country or None, iso, ROOT))
    return tuple(found)


@lru_cache(maxsize=_CACHE)
def _taxonomy_findings(disorder: str | None, event_type: str, sub: str) -> Templates:
    """Check the taxonomy; ``disorder`` is ``None`` in the legacy layout (the sub-event says)."""
    if not event_type or not sub:
        return _NONE
    if disorder is None:
        try:
            disorder = codebooks.acled_sub_event_type(sub).disorder_type
        except codebooks.UnknownCodeError:
            disorder = "-"
    if not disorder:
        return _NONE
    acled = AcledClass(disorder_type=disorder, event_type=event_type, sub_event_type=sub)
    return _templates(acled_class_findings(acled, ROOT))
