"""ACLED's file layouts: their columns (from ``data/layouts.json``) and telling them apart."""

from __future__ import annotations

import json
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "CURRENT_COLUMNS",
    "DROPPED_COLUMNS",
    "HXL_TAGS",
    "LIST_COLUMNS",
    "NUMERIC_COLUMNS",
    "REQUIRED_COLUMNS",
    "Layout",
    "columns_of",
    "detect_layout",
    "known_columns",
]


class Layout(StrEnum):
    """An ACLED file layout: current (2023-), legacy (about 2019 to March 2023), or monadic."""

    CURRENT = "current"
    LEGACY = "legacy"
    MONADIC = "monadic"


@cache
def _table() -> dict[str, Any]:
    text = resources.files("eventcode.acled").joinpath("data", "layouts.json").read_text("utf-8")
    table: dict[str, Any] = json.loads(text)
    return table


def columns_of(layout: Layout) -> tuple[str, ...]:
    """Return the columns of ``layout`` in ACLED's order."""
    return tuple(_table()["layouts"][layout.value])


#: The 31 columns of ACLED's current export, in order.
CURRENT_COLUMNS: tuple[str, ...] = columns_of(Layout.CURRENT)
#: Columns of the legacy layout that the current one dropped, with what they held.
DROPPED_COLUMNS: dict[str, str] = dict(_table()["dropped"])
#: Columns every ACLED row fills (``disorder_type`` only where the layout has it).
REQUIRED_COLUMNS: frozenset[str] = frozenset(_table()["required"])
#: Columns holding numbers (or numeric codes): never touched by formula neutralisation.
NUMERIC_COLUMNS: frozenset[str] = frozenset(_table()["numeric"])
#: Columns holding several values joined by ``"; "``.
LIST_COLUMNS: frozenset[str] = frozenset(_table()["lists"])
#: The HXL hashtag HDX puts under each column it tags (``convert --hxl``); others are blank.
HXL_TAGS: dict[str, str] = dict(_table()["hxl"])


@cache
def known_columns() -> frozenset[str]:
    """Return every column of any layout (anything else in a header is an extra column)."""
    return frozenset(c for layout in Layout for c in columns_of(layout))


def detect_layout(header: tuple[str, ...] | list[str]) -> tuple[Layout | None, tuple[str, ...]]:
    """Return the layout a header matches and the columns of that layout it lacks.

    A header with ``data_id``, ``event_id_no_cnty`` or ``iso3``, or without ``disorder_type``, is
    legacy; one without ``actor2`` is monadic; otherwise current. ``None`` when the header has
    neither ``event_id_cnty`` nor ``event_date``: it is not an ACLED header at all.
    """
    names = set(header)
    if not {"event_id_cnty", "event_date"} & names:
        return None, ()
    if names & set(DROPPED_COLUMNS) or "disorder_type" not in names:
        layout = Layout.LEGACY
    elif "actor2" not in names and "inter2" not in names:
        layout = Layout.MONADIC
    else:
        layout = Layout.CURRENT
    wanted = [c for c in columns_of(layout) if c not in DROPPED_COLUMNS]
    return layout, tuple(c for c in wanted if c not in names)
