"""Light row records: what the ACLED reader yields before any model record is built."""

from __future__ import annotations

from typing import NamedTuple

from eventcode.acled.layouts import Layout

__all__ = ["AcledHeader", "AcledRow"]


class AcledHeader(NamedTuple):
    """A file's header: its columns as written, the layout they match, and the extra columns.

    ``missing`` lists the layout's columns the header lacks (a column subset: read, with one
    A023 finding, docs/acled.md);
    ``extra`` the columns of no ACLED layout (``population_best``), kept in order.
    """

    columns: tuple[str, ...]
    layout: Layout
    missing: tuple[str, ...]
    extra: tuple[str, ...]
    line: int


class AcledRow(NamedTuple):
    """One data row: the physical line it starts on and its cells by column name (all text)."""

    line: int
    cells: dict[str, str]
