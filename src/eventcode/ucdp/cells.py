"""GED's cell values as text: days, counts, codes and coordinates, read and written.

Counts and coordinates follow ACLED's grammar (:mod:`eventcode.acled.values`): ASCII digits,
no sign or leading zero for a count; a point and a leading ``-`` only for a coordinate. A day is
``YYYY-MM-DD``, optionally followed by a time after a space or ``T`` (``2010-05-13
00:00:00.000``, ``2010-05-13T00:00:00``, as UCDP's files and API write it): the day is what
counts, and the writer writes the day alone.
"""

from __future__ import annotations

import re
from datetime import date

from eventcode.acled.values import (
    CellError,
    parse_coordinate,
    parse_count,
    parse_integer,
    render_coordinate,
    shown,
)
from eventcode.model import GedCell

__all__ = [
    "CellError",
    "GedCell",
    "meaning",
    "parse_code",
    "parse_coordinate",
    "parse_count",
    "parse_day",
    "parse_integer",
    "render_coordinate",
    "render_day",
]

_DAY = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?)?"
)
_LATITUDE, _LONGITUDE = 90, 180


def parse_day(text: str) -> date:
    """Parse a GED day (``2010-05-13``, with or without a time after it)."""
    found = _DAY.fullmatch(text)
    if found is None:
        raise CellError(f"{shown(text)} is not a date (YYYY-MM-DD, optionally with a time)")
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        raise CellError(f"{shown(text)} is not a calendar date") from None


def render_day(day: date) -> str:
    """Write a day as the writer does: ``YYYY-MM-DD``."""
    return day.isoformat()


def parse_code(text: str, low: int, high: int) -> int:
    """Parse a code from ``low`` to ``high`` (``type_of_violence`` 1-3, ``where_prec`` 1-7)."""
    if not text.isascii() or not text.isdigit() or len(text) > 1 or not low <= int(text) <= high:
        raise CellError(f"{shown(text)} is not a code from {low} to {high}")
    return int(text)


def meaning(column: str, text: str) -> object:
    """Return what a cell means, so that two spellings of one value compare equal.

    Text that does not parse means itself.
    """
    try:
        if column in ("date_start", "date_end"):
            return parse_day(text)
        if column == "latitude":
            return parse_coordinate(text, _LATITUDE, column)
        if column == "longitude":
            return parse_coordinate(text, _LONGITUDE, column)
        return parse_integer(text)
    except CellError:
        return text
