"""ACLED's file layouts: their columns (from ``data/layouts.json``) and telling them apart."""

from __future__ import annotations

import json
import sys
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
    "UNCHECKED_WITHOUT",
    "Layout",
    "acled_shaped",
    "columns_of",
    "detect_layout",
    "known_columns",
    "unchecked",
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
    """Return the columns of ``layout`` in ACLED's order.

    The names are interned: the very strings of the code's literals (``"notes"``), so that
    comparing and looking up cells by them is by identity.
    """
    return tuple(map(sys.intern, _table()["layouts"][layout.value]))


#: The 31 columns of ACLED's current export, in order.
CURRENT_COLUMNS: tuple[str, ...] = columns_of(Layout.CURRENT)
#: Columns of the legacy layout that the current one dropped, with what they held.
DROPPED_COLUMNS: dict[str, str] = dict(_table()["dropped"])
#: Columns every ACLED row fills, where the file has them (``event_id_cnty`` too, but a blank
#: one is A024: the event is read with an id from its line).
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


#: Columns only the current layout (and the monadic one) has: a header with one is not legacy.
_CURRENT_ONLY = frozenset({"disorder_type", "civilian_targeting", "tags"})
#: The fewest ACLED columns an ACLED-shaped header has.
_FEWEST_COLUMNS = 3

#: The checks a file lacking any of their columns does not get (docs/acled.md, "Column
#: subsets"), as the A023 finding names them. Any other check runs on the columns it reads that
#: the file has (an absent column is not a blank cell: it is never A003).
UNCHECKED_WITHOUT: dict[str, tuple[str, ...]] = {
    "A010 duplicate ids": ("event_id_cnty",),
    "A005 year": ("event_date", "year"),
    "A008 zero coordinates": ("latitude", "longitude"),
    "A013 actor2 and inter2": ("actor2", "inter2"),
    "C011 and C012 taxonomy": ("sub_event_type",),
    "C013 civilian targeting on battles": ("sub_event_type", "civilian_targeting"),
    "C014 interaction against actor types": ("inter1", "interaction"),
    "C024 iso": ("iso", "country"),
    "R009 place spellings": ("location",),
    "R010 probable duplicates": (
        "event_date",
        "sub_event_type",
        "actor1",
        "location",
        "latitude",
        "longitude",
    ),
}


def unchecked(names: frozenset[str] | set[str], layout: Layout) -> tuple[str, ...]:
    """Return the checks of :data:`UNCHECKED_WITHOUT` a header of ``names`` does not get."""
    found = []
    for check, columns in UNCHECKED_WITHOUT.items():
        wanted = set(columns)
        if check.startswith("A013") and layout is Layout.MONADIC:
            continue  # a monadic row has neither: the pair gives actor2
        if check.startswith("C014") and layout is not Layout.MONADIC:
            wanted.add("inter2")
        if check.startswith("C013") and layout is Layout.LEGACY:
            wanted.discard("civilian_targeting")  # derived from the event type
        if not wanted <= names:
            found.append(check)
    return tuple(found)


def acled_shaped(header: tuple[str, ...] | list[str] | set[str] | frozenset[str]) -> bool:
    """Tell whether a header is an ACLED file's, whole or a subset of its columns.

    It is when it has ``event_id_cnty``, or ``event_date`` and ``event_type``, and at least
    three ACLED columns in all (those of any layout).
    """
    names = set(header)
    keyed = "event_id_cnty" in names or {"event_date", "event_type"} <= names
    return keyed and len(names & known_columns()) >= _FEWEST_COLUMNS


def detect_layout(header: tuple[str, ...] | list[str]) -> tuple[Layout | None, tuple[str, ...]]:
    """Return the layout a header matches and the columns of that layout it lacks.

    ``None`` when the header is not ACLED-shaped (:func:`acled_shaped`). The layout is decided
    by the columns present, so that a subset is told right whatever it lacks:

    - legacy when it has a column only the legacy layout has (``data_id``,
      ``event_id_no_cnty``, ``iso3``), or, having none of the current layout's own
      (``disorder_type``, ``civilian_targeting``, ``tags``), every other legacy column (a
      pre-2023 export without its row numbers);
    - monadic when it has ``actor1`` but none of ``actor2``, ``inter2`` and ``assoc_actor_2``
      (one actor a row);
    - current otherwise (a subset with none of the telling columns is today's layout, as the
      API gives it).
    """
    names = set(header)
    if not acled_shaped(names):
        return None, ()
    legacy = [c for c in columns_of(Layout.LEGACY) if c not in DROPPED_COLUMNS]
    if names & set(DROPPED_COLUMNS) or (
        not names & _CURRENT_ONLY and set(legacy) <= names
    ):
        layout = Layout.LEGACY
    elif "actor1" in names and not names & {"actor2", "inter2", "assoc_actor_2"}:
        layout = Layout.MONADIC
    else:
        layout = Layout.CURRENT
    wanted = [c for c in columns_of(layout) if c not in DROPPED_COLUMNS]
    return layout, tuple(c for c in wanted if c not in names)
