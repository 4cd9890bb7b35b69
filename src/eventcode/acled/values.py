"""ACLED cell values: each format parsed and rendered in one place.

Parsers take the cell text and raise :class:`CellError` (a ``ValueError``) with a message a user
can act on; renderers return the text ACLED writes. Row checks, the mapping to records and the
writer all use these, so a rule has one definition.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from eventcode import codebooks

__all__ = [
    "EARLIEST_YEAR",
    "CellError",
    "CodeStyle",
    "DateStyle",
    "date_style_of",
    "join_list",
    "list_items",
    "parse_civilian_targeting",
    "parse_coordinate",
    "parse_date",
    "parse_inter",
    "parse_non_negative",
    "parse_precision",
    "render_civilian_targeting",
    "render_coordinate",
    "render_date",
    "render_inter",
    "render_interaction",
    "split_list",
]

#: Dates before this year are impossible in ACLED data (``0025`` is a typo for ``2025``).
EARLIEST_YEAR = 1900

_MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]
_MONTH_NUMBER = {name: n for n, name in enumerate(_MONTHS, 1)} | {
    name[:3]: n for n, name in enumerate(_MONTHS, 1)
}
_ISO = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_EXPORT = re.compile(r"^([0-9]{1,2}) ([A-Z][a-z]+) ([0-9]{4})$")
_SHEET = re.compile(r"^([0-9]{1,2})-([A-Z][a-z]{2})-([0-9]{2})$")
_INTEGER = re.compile(r"^[0-9]+$")
_CIVILIAN_TARGETING = ("Civilian targeting", "Civilians targeted")
_SEPARATOR = "; "


class CellError(ValueError):
    """A cell whose text is not a valid value of its column."""


class DateStyle(StrEnum):
    """How ``event_date`` is rendered: ACLED's export, ISO 8601 (the API), or a spreadsheet's."""

    EXPORT = "export"  # 16 February 2024
    ISO = "iso"  # 2024-02-16
    SPREADSHEET = "spreadsheet"  # 16-Feb-24


class CodeStyle(StrEnum):
    """How actor types and interactions are written: numbers (``8``, ``18``) or text labels."""

    NUMERIC = "numeric"
    TEXT = "text"


def date_style_of(text: str) -> DateStyle | None:
    """Return the rendering a date cell uses, or ``None`` when it is none of the three."""
    if _ISO.match(text):
        return DateStyle.ISO
    if _EXPORT.match(text):
        return DateStyle.EXPORT
    if _SHEET.match(text):
        return DateStyle.SPREADSHEET
    return None


def parse_date(text: str) -> date:
    """Parse an ``event_date`` in any of ACLED's three renderings.

    Two-digit spreadsheet years are 2000-2069 for ``00``-``69``, else 1900s.
    """
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _EXPORT.match(text):
        day, year = int(match[1]), int(match[3])
        month = _MONTH_NUMBER.get(match[2], 0)
    elif match := _SHEET.match(text):
        day, short = int(match[1]), int(match[3])
        month = _MONTH_NUMBER.get(match[2], 0)
        year = 2000 + short if short < 70 else 1900 + short
    else:
        raise CellError(
            f"{text!r} is not an ACLED date (16 February 2024, 2024-02-16 or 16-Feb-24)"
        )
    if month == 0:
        raise CellError(f"{text!r} does not name a month in English")
    try:
        found = date(year, month, day)
    except ValueError:
        raise CellError(f"{text!r} is not a calendar date") from None
    if year < EARLIEST_YEAR:
        raise CellError(f"{text!r} is in the year {year:04d}: impossible in ACLED data")
    return found


def render_date(day: date, style: DateStyle) -> str:
    """Render a date as ``style`` asks (English month names, whatever the locale)."""
    if style is DateStyle.ISO:
        return day.isoformat()
    if style is DateStyle.SPREADSHEET:
        return f"{day.day}-{_MONTHS[day.month - 1][:3]}-{day.year % 100:02d}"
    return f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year:04d}"


def parse_non_negative(text: str) -> int:
    """Parse a non-negative integer written in digits only."""
    if not _INTEGER.match(text):
        raise CellError(f"{text!r} is not a non-negative integer")
    return int(text)


def parse_precision(text: str) -> int:
    """Parse a ``time_precision`` or ``geo_precision``: 1, 2 or 3."""
    if text not in ("1", "2", "3"):
        raise CellError(f"{text!r} is not a precision (1, 2 or 3)")
    return int(text)


def parse_coordinate(text: str, limit: float, name: str) -> float:
    """Parse a latitude (``limit`` 90) or longitude (180) in decimal degrees."""
    try:
        value = float(text)
    except ValueError:
        raise CellError(f"{name} {text!r} is not a number") from None
    if not -limit <= value <= limit:  # also rejects NaN
        raise CellError(f"{name} {text!r} is outside -{limit:g} to {limit:g}")
    return value


def render_coordinate(value: float) -> str:
    """Render a coordinate as the shortest text that reads back as the same number."""
    return repr(value)


def parse_inter(text: str) -> int | None:
    """Parse an actor type: a code 1-8 or its text label; blank or ``0`` is no actor."""
    if text in ("", "0"):
        return None
    try:
        return codebooks.acled_actor_type(text).code
    except codebooks.UnknownCodeError as error:
        hint = f"; did you mean {', '.join(error.suggestions)}?" if error.suggestions else ""
        raise CellError(f"{text!r} is not an ACLED actor type (1-8 or a label){hint}") from None


def render_inter(code: int | None, style: CodeStyle) -> str:
    """Render an actor type; no actor is ``0`` in numeric style (ACLED's inter2) and blank in text.

    Numeric ``inter1`` is never absent in a written row: the writer leaves such events out.
    """
    if code is None:
        return "0" if style is CodeStyle.NUMERIC else ""
    return str(code) if style is CodeStyle.NUMERIC else codebooks.acled_actor_type(code).label


def render_interaction(inter1: int, inter2: int | None, style: CodeStyle) -> str:
    """Render the interaction the two actor types imply (associated actors never count)."""
    found = codebooks.acled_interaction(inter1, inter2)
    return str(found.code) if style is CodeStyle.NUMERIC else found.label


def parse_civilian_targeting(text: str) -> bool:
    """Parse ``civilian_targeting``: ``Civilian targeting`` (or the codebook's wording) or blank."""
    if text == "":
        return False
    if text in _CIVILIAN_TARGETING:
        return True
    raise CellError(f"{text!r} is not a civilian_targeting value ('Civilian targeting' or blank)")


def render_civilian_targeting(value: bool) -> str:
    """Render civilian targeting as every real ACLED file does."""
    return _CIVILIAN_TARGETING[0] if value else ""


def split_list(text: str) -> list[str]:
    """Split a list cell (actors, sources, tags) on ``"; "``, dropping empty parts."""
    return [part for part in text.split(_SEPARATOR) if part] if text else []


def list_items(cells: Iterable[str]) -> set[str]:
    """Return every value a column of list cells holds: :func:`split_list` of each, at once.

    Joining the cells with the separator and splitting once is the same: ``"; "`` cannot
    straddle a cell's edge, as ``";"`` is not ``" "``.
    """
    items = set(_SEPARATOR.join(cells).split(_SEPARATOR))
    items.discard("")
    return items


def join_list(parts: list[str] | tuple[str, ...]) -> str:
    """Join list values as ACLED does, with ``"; "``."""
    return _SEPARATOR.join(parts)
