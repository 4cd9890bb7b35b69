"""ACLED cell values: each format parsed and rendered in one place.

Parsers take the cell text and raise :class:`CellError` (a ``ValueError``) with a message a user
can act on; renderers return the text ACLED writes. Row checks, the mapping to records and the
writer all use these, so a rule has one definition.

Every numeric cell follows one grammar (docs/acled.md, "Numbers"): ASCII digits only (no
Arabic-Indic or fullwidth digits), no ``_``, no surrounding whitespace or line break, no leading
zero, no exponent, and at most :data:`MAX_NUMBER_CHARS` characters. Integers (counts, codes,
years, timestamps) carry no sign, and a count (fatalities) is at most
:data:`~eventcode.model.constraints.MAX_COUNT`, as a figure's count is. Coordinates are
decimals with an optional leading ``-`` and an optional fraction (``-12.5``, never ``+12.5``,
``.5`` or ``12.``). Patterns are matched whole (``fullmatch``): a regex ``$`` would let a final
line break through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from eventcode import codebooks
from eventcode.model.constraints import MAX_COUNT

__all__ = [
    "COUNT_DIGITS",
    "DECIMAL_GRAMMAR",
    "EARLIEST_YEAR",
    "INTEGER_GRAMMAR",
    "MAX_NUMBER_CHARS",
    "CellError",
    "CodeStyle",
    "DateStyle",
    "all_counts",
    "all_decimals",
    "date_style_of",
    "is_integer",
    "join_list",
    "list_items",
    "parse_civilian_targeting",
    "parse_coordinate",
    "parse_count",
    "parse_date",
    "parse_integer",
    "parse_inter",
    "parse_interaction",
    "parse_iso",
    "parse_non_negative",
    "parse_precision",
    "render_civilian_targeting",
    "render_coordinate",
    "render_date",
    "render_inter",
    "render_interaction",
    "shown",
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
#: The most characters a numeric cell may hold: Python reads integers of at most 4,300 digits
#: (JSON's counts too), so every number eventcode reads from JSON can be written to ACLED.
MAX_NUMBER_CHARS = 4300
#: The most digits a count (fatalities) may have: every such count is at most MAX_COUNT.
COUNT_DIGITS = len(str(MAX_COUNT))
#: How much of a cell a message quotes.
_SHOWN_CHARS = 40
# Matched with fullmatch, never match and $ (which matches before a final line break).
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_EXPORT = re.compile(r"([0-9]{1,2}) ([A-Z][a-z]+) ([0-9]{4})")
_SHEET = re.compile(r"([0-9]{1,2})-([A-Z][a-z]{2})-([0-9]{2})")
_INTEGER = re.compile(r"0|[1-9][0-9]*")
#: A non-negative integer as :func:`parse_integer` reads it: a pattern to match whole.
INTEGER_GRAMMAR = _INTEGER.pattern
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
#: A decimal (a coordinate) as :func:`parse_coordinate` reads it: a pattern to match whole.
DECIMAL_GRAMMAR = _DECIMAL.pattern
#: Cells each followed by a line break, each blank or a count (see all_counts).
_COUNT_LINES = re.compile(rf"(?:(?:0|[1-9][0-9]{{0,{COUNT_DIGITS - 1}}})?\n)*")
_DECIMAL_LINES = re.compile(r"(?:-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?\n)*")
_ISO_DIGITS = 3
#: Longer than any ACLED label: such a cell is not looked up (nor near labels suggested).
_LONGEST_LABEL = 200
_INTEGER_RULES = "ASCII digits, no sign, space or leading zero"
_DECIMAL_RULES = "ASCII digits and a point, a leading - only, no space or exponent"
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
    if _ISO.fullmatch(text):
        return DateStyle.ISO
    if _EXPORT.fullmatch(text):
        return DateStyle.EXPORT
    if _SHEET.fullmatch(text):
        return DateStyle.SPREADSHEET
    return None


def parse_date(text: str) -> date:
    """Parse an ``event_date`` in any of ACLED's three renderings.

    Two-digit spreadsheet years are 2000-2069 for ``00``-``69``, else 1900s.
    """
    if match := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _EXPORT.fullmatch(text):
        day, year = int(match[1]), int(match[3])
        month = _MONTH_NUMBER.get(match[2], 0)
    elif match := _SHEET.fullmatch(text):
        day, short = int(match[1]), int(match[3])
        month = _MONTH_NUMBER.get(match[2], 0)
        year = 2000 + short if short < 70 else 1900 + short
    else:
        raise CellError(
            f"{shown(text)} is not an ACLED date (16 February 2024, 2024-02-16 or 16-Feb-24)"
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


def shown(text: str) -> str:
    """Return ``text`` quoted for a message: its first characters and its length if long."""
    if len(text) <= _SHOWN_CHARS:
        return repr(text)
    return f"{text[:_SHOWN_CHARS]!r}... ({len(text)} characters)"


def is_integer(text: str) -> bool:
    """Tell whether ``text`` is a non-negative integer of the grammar (see the module)."""
    return len(text) <= MAX_NUMBER_CHARS and _INTEGER.fullmatch(text) is not None


def all_counts(cells: Sequence[str]) -> bool:
    """Tell at once whether every cell is blank or a count :func:`parse_count` reads.

    A count is an integer of at most :data:`COUNT_DIGITS` digits: so every such cell is also
    an integer :func:`parse_integer` reads (a timestamp), and a column that passes has no cell
    a count's or an integer's check would fail.
    """
    if not cells:
        return True
    joined = "\n".join(cells) + "\n"
    # One line break a cell: no cell holds one itself (else "1\n2" would read as two).
    return joined.count("\n") == len(cells) and _COUNT_LINES.fullmatch(joined) is not None


def all_decimals(cells: Iterable[str]) -> bool:
    """Tell at once whether every cell is a decimal of the grammar (not blank; any range)."""
    listed = list(cells)
    if not listed:
        return True
    joined = "\n".join(listed) + "\n"
    return (
        joined.count("\n") == len(listed)
        and max(map(len, listed)) <= MAX_NUMBER_CHARS
        and _DECIMAL_LINES.fullmatch(joined) is not None
    )


def parse_integer(text: str, what: str = "a non-negative integer") -> int:
    """Parse a non-negative integer of the grammar; ``what`` names it in the message."""
    if len(text) > MAX_NUMBER_CHARS:
        raise CellError(
            f"{shown(text)} is not {what}: more than {MAX_NUMBER_CHARS} characters, "
            "the limit of a number"
        )
    if not _INTEGER.fullmatch(text):
        raise CellError(f"{shown(text)} is not {what} ({_INTEGER_RULES})")
    try:
        return int(text)
    except ValueError:  # the interpreter's own limit was set lower than MAX_NUMBER_CHARS
        raise CellError(f"{shown(text)} has more digits than this Python reads") from None


def parse_count(text: str) -> int:
    """Parse a count (``fatalities``): an integer of the grammar of at most ``MAX_COUNT``."""
    count = parse_integer(text)
    if count > MAX_COUNT:
        raise CellError(
            f"{shown(text)} is more than a count may be: at most {MAX_COUNT:,} "
            f"({COUNT_DIGITS} digits)"
        )
    return count


def parse_non_negative(text: str) -> int:
    """Parse a non-negative integer written in digits only (:func:`parse_integer`)."""
    return parse_integer(text)


def parse_precision(text: str) -> int:
    """Parse a ``time_precision`` or ``geo_precision``: 1, 2 or 3."""
    if text not in ("1", "2", "3"):
        raise CellError(f"{shown(text)} is not a precision (1, 2 or 3)")
    return int(text)


def parse_iso(text: str) -> int:
    """Parse an ``iso`` cell: an ISO 3166-1 numeric code, at most three digits."""
    code = parse_integer(text, "an ISO 3166-1 numeric code")
    if len(text) > _ISO_DIGITS:
        raise CellError(f"{shown(text)} is not an ISO 3166-1 numeric code (at most 3 digits)")
    return code


def parse_coordinate(text: str, limit: float, name: str) -> float:
    """Parse a latitude (``limit`` 90) or longitude (180) in decimal degrees."""
    if len(text) > MAX_NUMBER_CHARS or not _DECIMAL.fullmatch(text):
        raise CellError(f"{name} {shown(text)} is not a number ({_DECIMAL_RULES})")
    value = float(text)
    if not -limit <= value <= limit:
        raise CellError(f"{name} {shown(text)} is outside -{limit:g} to {limit:g}")
    return value


def render_coordinate(value: float) -> str:
    """Render a coordinate as the shortest text that reads back as the same number.

    Always positional (``1e-05`` is written ``0.00001``), so that it follows the grammar.
    """
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
        if "." not in text:
            text += ".0"
    return text


def _code_or_label(text: str, digits: int, what: str) -> str | int:
    """Return a code's number (of the grammar, at most ``digits`` digits) or a label's text.

    A cell starting with a digit of any script, a sign or ``_`` is a code; any other is a label,
    which may not have surrounding whitespace either.
    """
    first = text[:1]
    if first.isdigit() or first in ("+", "-", "_"):
        if len(text) <= digits and is_integer(text):
            return int(text)
        raise CellError(f"{shown(text)} is not {what} ({_INTEGER_RULES})")
    if text != text.strip() or len(text) > _LONGEST_LABEL:
        raise CellError(f"{shown(text)} is not {what}")
    return text


def parse_inter(text: str) -> int | None:
    """Parse an actor type: a code 1-8 or its text label; blank or ``0`` is no actor."""
    if text in ("", "0"):
        return None
    what = "an ACLED actor type (1-8 or a label)"
    value = _code_or_label(text, 1, what)
    try:
        return codebooks.acled_actor_type(value).code
    except codebooks.UnknownCodeError as error:
        hint = f"; did you mean {', '.join(error.suggestions)}?" if error.suggestions else ""
        raise CellError(f"{shown(text)} is not {what}{hint}") from None


def parse_interaction(text: str) -> int | str:
    """Check an ``interaction`` cell's grammar: return a code's number, or a label's text.

    Whether the code or label is one of ACLED's is left to the codebook checks (C014).
    """
    return _code_or_label(text, 2, "an ACLED interaction")


def render_inter(code: int | None, style: CodeStyle) -> str:
    """Render an actor type; no actor is ``0`` in numeric style (ACLED's inter2) and blank in text.

    Numeric ``inter1`` is never absent in a written row: the writer leaves such events out.
    """
    if code is None:
        return "0" if style is CodeStyle.NUMERIC else ""
    return str(code) if style is CodeStyle.NUMERIC else codebooks.acled_actor_type(code).label


@lru_cache(maxsize=256)
def render_interaction(inter1: int, inter2: int | None, style: CodeStyle) -> str:
    """Render the interaction the two actor types imply (associated actors never count).

    Kept by its arguments (two actor types and a style: a few dozen combinations).
    """
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
