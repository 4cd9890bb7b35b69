"""GED's columns (from ``data/ged_columns.json``), what eventcode does with each, and headers."""

from __future__ import annotations

import csv
import json
from collections.abc import Collection
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

__all__ = [
    "CODE_RANGES",
    "COUNT_COLUMNS",
    "DEATHS_COLUMNS",
    "GED_COLUMNS",
    "GED_VERSIONS",
    "INTEGER_COLUMNS",
    "KEPT_COLUMNS",
    "NUMBER_COLUMNS",
    "RENDERED_COLUMNS",
    "REQUIRED_COLUMNS",
    "GedHeader",
    "ged_shaped",
    "looks_like_ged_csv",
]


@cache
def _table() -> dict[str, Any]:
    text = resources.files("eventcode.ucdp").joinpath("data", "ged_columns.json").read_text("utf-8")
    table: dict[str, Any] = json.loads(text)
    return table


#: The columns of each GED release eventcode knows (``"23.1"``, ``"24.1"``), in UCDP's order.
GED_VERSIONS: dict[str, tuple[str, ...]] = {
    version: tuple(columns) for version, columns in _table()["versions"].items()
}
#: The 49 columns the writer writes (those of the release named ``written`` in the data file).
GED_COLUMNS: tuple[str, ...] = GED_VERSIONS[_table()["written"]]
#: Columns the records have no field for: kept as read, else blank.
KEPT_COLUMNS: frozenset[str] = frozenset(_table()["roles"]["kept"])
#: Columns the records render, for which UCDP's own text, when read, is written instead.
RENDERED_COLUMNS: frozenset[str] = frozenset(_table()["roles"]["rendered"])
#: Columns the records determine: a cell read is written only where it means the same.
NUMBER_COLUMNS: frozenset[str] = frozenset(_table()["roles"]["numbers"])
#: The split of ``best`` by whose deaths they are, in GED's order.
DEATHS_COLUMNS: tuple[str, ...] = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
#: Cells every GED row fills, where the file has the column.
REQUIRED_COLUMNS: tuple[str, ...] = tuple(_table()["required"])
#: Counts: non-negative integers.
COUNT_COLUMNS: tuple[str, ...] = tuple(_table()["counts"])
#: Other non-negative integers (UCDP's event id, the year).
INTEGER_COLUMNS: tuple[str, ...] = tuple(_table()["integers"])
#: Coded columns with their lowest and highest code.
CODE_RANGES: dict[str, tuple[int, int]] = {
    column: (low, high) for column, (low, high) in _table()["codes"].items()
}
#: The columns a header must have to be read as GED: an event needs its day and its toll.
_KEY_COLUMNS = frozenset({"date_start", "best"})
#: The fewest GED columns a GED-shaped header has.
_FEWEST_COLUMNS = 3
_BOM = b"\xef\xbb\xbf"


class GedHeader(NamedTuple):
    """A GED file's header: its columns as written, the GED columns it lacks, the others.

    ``extra`` lists the columns of no GED release (kept in order and written back after the
    49); ``line`` is the line the header is on.
    """

    columns: tuple[str, ...]
    missing: tuple[str, ...]
    extra: tuple[str, ...]
    line: int


def ged_shaped(names: Collection[str]) -> bool:
    """Tell whether a header is a GED file's, whole or a subset of its columns.

    It is when it has ``date_start`` and ``best``, and at least three GED columns in all.
    (No ACLED header is: ACLED has neither column.)
    """
    present = set(names)
    return present >= _KEY_COLUMNS and len(present & set(GED_COLUMNS)) >= _FEWEST_COLUMNS


def looks_like_ged_csv(head: bytes) -> bool:
    """Return True when the first line of ``head`` is a GED CSV header (:func:`ged_shaped`)."""
    first = head.removeprefix(_BOM).split(b"\n", 1)[0].rstrip(b"\r")
    if b"," not in first or b"date_start" not in first or b"best" not in first:
        return False
    try:
        names = next(csv.reader([first.decode("utf-8")]), [])
    except (UnicodeDecodeError, csv.Error):
        return False
    return ged_shaped(names)
