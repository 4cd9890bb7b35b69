"""How a file writes blank and integer cells: tokens for blank (``NA``), pandas' ``7.0``.

R writes a blank cell as ``NA``, pandas as ``NaN``, ``nan`` or ``None``, a database dump as
``NULL``; pandas writes an integer column that holds a blank as floats (``7.0``). ACLED's own
files do neither. A :class:`CellConventions` reads such cells as ACLED means them (blank, ``7``)
before any check sees the row, counts them, and gives one finding for the file for each
convention (A021, A022), placed at the first such cell. The tokens are the reading limits'
``blank_tokens`` (``--na``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from itertools import chain
from operator import itemgetter

from eventcode.findings import Finding, make_finding

__all__ = ["INTEGER_COLUMNS", "CellConventions"]

#: Columns of any layout that hold integers (pandas writes them as floats when one is blank).
INTEGER_COLUMNS = frozenset(
    {
        "year",
        "time_precision",
        "geo_precision",
        "fatalities",
        "iso",
        "timestamp",
        "inter1",
        "inter2",
        "interaction",
        "data_id",
        "event_id_no_cnty",
    }
)
_POINT_ZERO = re.compile(r"(?:0|[1-9][0-9]*)\.0")
_SEPARATOR = "\x1f"
_DECIMAL_END = ".0" + _SEPARATOR  # a cell ending in .0, in cells joined by _SEPARATOR


class CellConventions:
    """Reads the cells of one file's rows as ACLED means them, and tells what it changed.

    ``columns`` are the header's; ``tokens`` the texts read as blank. Memory is a counter a
    token, whatever the number of rows.
    """

    def __init__(self, columns: tuple[str, ...], tokens: tuple[str, ...]) -> None:
        self._columns = columns
        self._tokens = frozenset(tokens)
        self._integers = tuple(i for i, c in enumerate(columns) if c in INTEGER_COLUMNS)
        self._blanks: Counter[str] = Counter()
        self._first_blank: tuple[int, str] | None = None
        self._decimals = 0
        self._first_decimal: tuple[int, str, str] | None = None

    def touches(self, record: list[str]) -> bool:
        """Tell whether :meth:`clean` would change a row's cells (quickly, for most rows)."""
        if self._tokens and not self._tokens.isdisjoint(record):
            return True
        return any(
            record[i].endswith(".0") and _POINT_ZERO.fullmatch(record[i]) for i in self._integers
        )

    def may_touch(self, text: str) -> bool:
        """Tell whether a CSV text (rows under this header) may hold a cell :meth:`clean` changes.

        ``False`` is certain: no field of the text is a blank token, nor a whole number written
        with ``.0``, quoted or not. ``True`` asks :meth:`touches_any` of the rows.
        """
        if not (any(piece in text for piece in self._pieces) or text.endswith(".0")):
            return False  # no such field can be there: no text of one is
        return self._fields.search("\n" + text) is not None

    @cached_property
    def _pieces(self) -> tuple[str, ...]:
        """Texts one of which any field :meth:`clean` changes holds, as the CSV writes it."""
        tokens = {form for t in self._tokens for form in (t, t.replace('"', '""'))}
        return (*sorted(tokens), ".0,", '.0"', ".0\n", ".0\r")

    @cached_property
    def _fields(self) -> re.Pattern[str]:
        """A field that is a token, or a decimal ``N.0``, between separators, quoted or not."""
        forms = [_POINT_ZERO.pattern]
        for token in sorted(self._tokens):
            forms += (re.escape(token), re.escape('"' + token.replace('"', '""') + '"'))
        forms.append(f'"{_POINT_ZERO.pattern}"')
        return re.compile(f"[,\\r\\n](?:{'|'.join(forms)})(?=[,\\r\\n]|$)")

    @property
    def integer_columns(self) -> tuple[str, ...]:
        """The columns of whole numbers, where pandas' ``7.0`` is read as ``7``."""
        return tuple(self._columns[i] for i in self._integers)

    def touches_integer(self, column: str, cells: Iterable[str]) -> bool:
        """Tell whether :meth:`clean` would change any of these cells of an integer column."""
        if column not in self.integer_columns:
            return False
        return any(cell.endswith(".0") and _POINT_ZERO.fullmatch(cell) for cell in cells)

    def touches_any(self, rows: list[list[str]]) -> bool:
        """Tell whether :meth:`clean` would change any of ``rows`` (each of the header's width).

        The same answer as :meth:`touches` on each row, asked of the rows' cells at once.
        """
        if self._tokens:
            joined = _SEPARATOR + _SEPARATOR.join(chain.from_iterable(rows)) + _SEPARATOR
            if any(_SEPARATOR + token + _SEPARATOR in joined for token in self._tokens) and (
                not self._tokens.isdisjoint(chain.from_iterable(rows))
            ):
                return True
        for index in self._integers:
            column = _SEPARATOR.join(map(itemgetter(index), rows)) + _SEPARATOR
            if _DECIMAL_END in column and any(
                _POINT_ZERO.fullmatch(row[index]) for row in rows
            ):
                return True
        return False

    def clean(self, record: list[str], line: int) -> list[str]:
        """Return a row's cells (in header order) with the conventions read, counting them."""
        if not self.touches(record):
            return record
        cells = list(record)
        for index, cell in enumerate(cells):
            if cell in self._tokens:
                cells[index] = ""
                self._blanks[cell] += 1
                if self._first_blank is None:
                    self._first_blank = (line, self._columns[index])
        for index in self._integers:
            cell = cells[index]
            if cell.endswith(".0") and _POINT_ZERO.fullmatch(cell):
                cells[index] = cell[:-2]
                self._decimals += 1
                if self._first_decimal is None:
                    self._first_decimal = (line, self._columns[index], cell)
        return cells

    def absorb(self, other: CellConventions, shift: int = 0) -> None:
        """Count what ``other`` met too, in rows after these, its lines ``shift`` further on."""
        self._blanks.update(other._blanks)
        self._decimals += other._decimals
        if self._first_blank is None and other._first_blank is not None:
            line, column = other._first_blank
            self._first_blank = (line + shift, column)
        if self._first_decimal is None and other._first_decimal is not None:
            line, column, text = other._first_decimal
            self._first_decimal = (line + shift, column, text)

    def findings(self) -> list[Finding]:
        """Return the file's findings for the conventions met so far (A021, A022)."""
        found = []
        if self._first_blank is not None:
            line, column = self._first_blank
            total = sum(self._blanks.values())
            tokens = ", ".join(f"{token!r} ({n})" for token, n in self._blanks.most_common())
            found.append(
                make_finding(
                    "A021",
                    f"{total} blank cell(s) written as {tokens} are read as blank "
                    f"(the first in {column})",
                    line=line,
                    field=column,
                )
            )
        if self._first_decimal is not None:
            line, column, text = self._first_decimal
            found.append(
                make_finding(
                    "A022",
                    f"{self._decimals} integer cell(s) written with a decimal point "
                    f"(the first {text!r}, in {column}) are read as integers",
                    line=line,
                    field=column,
                )
            )
        return found
