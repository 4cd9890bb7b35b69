"""One place under two spellings, across the events of a dataset.

Names are compared by a key that ignores case, Unicode normalisation, diacritics and vowels
(transliterations of one name differ mostly in vowels: Makiivka / Makeevka, Bakhmut /
Bakhmout). Two names with the same key are reported only when their places also share
coordinates (within about a kilometre) or an administrative unit, so distinct towns with
similar names stay apart. Memory holds one entry per distinct name, not per event.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from eventcode.checks.registry import declare
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_key
from eventcode.model import Event, Place

__all__ = [
    "PLACE_SPELLINGS",
    "PlaceSpellings",
    "Respelling",
    "Spot",
    "respelling_finding",
    "spelling_key",
]

#: The codes this check may emit (see :mod:`eventcode.checks.registry`).
PLACE_SPELLINGS = declare(
    "place-spellings",
    ("R009",),
    "one place spelt two ways (across events)",
)

_NOT_CONSONANT = re.compile(r"[^bcdfghjklmnpqrstvwxz]")
_SAME_POINT_DEGREES = 0.01


@lru_cache(maxsize=65536)
def spelling_key(name: str) -> str:
    """Return the key under which transliterations of one name meet."""
    if name.isascii():  # no form to normalise and no diacritic: casefold is lower
        return _NOT_CONSONANT.sub("", name.lower())
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    ascii_letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_CONSONANT.sub("", ascii_letters)


def _normal(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


class Spot(NamedTuple):
    """Where a place is, as far as telling two places apart goes."""

    country: str | None
    latitude: float | None
    longitude: float | None
    admin1: str | None
    admin2: str | None
    admin3: str | None

    @classmethod
    def of(cls, place: Place) -> Spot:
        """Return the spot of a place record."""
        return cls(
            place.country,
            place.latitude,
            place.longitude,
            place.admin1,
            place.admin2,
            place.admin3,
        )


class _Seen(NamedTuple):
    order: int  # when it was seen: the earliest match answers
    name: str
    spot: Spot
    event: str


#: Coordinates are indexed by cells of this many degrees: a point within _SAME_POINT_DEGREES of
#: another is in the same cell or a neighbouring one.
_CELL_DEGREES = 2 * _SAME_POINT_DEGREES
_NEIGHBOURS = tuple((a, b) for a in (-1, 0, 1) for b in (-1, 0, 1))


def _cell(spot: Spot) -> tuple[int, int] | None:
    """Return the cell of a spot's coordinates (``None``: none, or not finite, so near nothing)."""
    if spot.latitude is None or spot.longitude is None:
        return None
    if not (math.isfinite(spot.latitude) and math.isfinite(spot.longitude)):
        return None
    return math.floor(spot.latitude / _CELL_DEGREES), math.floor(spot.longitude / _CELL_DEGREES)


class _Spellings:
    """The spellings seen under one key, indexed by where they are.

    :func:`_same_place` compares coordinates when both spots have them and administrative
    units otherwise. So the spellings that can be at the same place as a spot with coordinates
    are those with coordinates in its cell or a neighbouring one, and those without coordinates
    with its units; for a spot without coordinates, those with its units. Each list is in the
    order the spellings came, so its first match is its earliest; the earliest of those answers.
    """

    def __init__(self) -> None:
        self._by_cell: dict[tuple[int, int], list[_Seen]] = {}
        self._by_units: dict[tuple[str | None, ...], list[_Seen]] = {}
        self._unplaced_by_units: dict[tuple[str | None, ...], list[_Seen]] = {}
        self.count = 0

    def add(self, seen: _Seen) -> None:
        cell = _cell(seen.spot)
        if cell is not None:
            self._by_cell.setdefault(cell, []).append(seen)
        units = _units(seen.spot)
        if units is not None:
            self._by_units.setdefault(units, []).append(seen)
            if seen.spot.latitude is None or seen.spot.longitude is None:
                self._unplaced_by_units.setdefault(units, []).append(seen)
        self.count += 1

    def earliest_at(self, spot: Spot) -> _Seen | None:
        """Return the earliest spelling at the same place as ``spot`` (``None``: none is)."""
        lists: list[list[_Seen]] = []
        units = _units(spot)
        if spot.latitude is None or spot.longitude is None:
            if units is not None:
                lists.append(self._by_units.get(units, []))
        else:
            cell = _cell(spot)
            if cell is not None:
                lists += (self._by_cell.get((cell[0] + a, cell[1] + b), []) for a, b in _NEIGHBOURS)
            if units is not None:
                lists.append(self._unplaced_by_units.get(units, []))
        found: _Seen | None = None
        for candidates in lists:
            for seen in candidates:
                if found is not None and seen.order > found.order:
                    break
                if _same_place(seen.spot, spot):
                    found = seen
                    break
        return found


def _units(spot: Spot) -> tuple[str | None, ...] | None:
    """Return a spot's administrative units, when they can tell a place (admin1 is given)."""
    return None if spot.admin1 is None else (spot.admin1, spot.admin2, spot.admin3)


def _same_place(a: Spot, b: Spot) -> bool:
    if a.country is not None and b.country is not None and a.country != b.country:
        return False
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        return (
            abs((a.latitude or 0.0) - (b.latitude or 0.0)) <= _SAME_POINT_DEGREES
            and abs((a.longitude or 0.0) - (b.longitude or 0.0)) <= _SAME_POINT_DEGREES
        )
    units_a = (a.admin1, a.admin2, a.admin3)
    units_b = (b.admin1, b.admin2, b.admin3)
    return a.admin1 is not None and units_a == units_b


class PlaceSpellings:
    """Collects place names event by event; reports a name that respells an earlier one."""

    def __init__(self) -> None:
        self._by_key: dict[str, _Spellings] = {}
        self._answers: dict[tuple[str, Spot], Respelling | None] = {}  # per name and spot

    def add(self, event: Event, path: str, line: int | None) -> Iterator[Finding]:
        """Register an event's place; yield a finding if it respells a place seen before."""
        if event.place is not None:
            yield from self.add_place(event.place.name, Spot.of(event.place), event.id, path, line)

    def add_place(
        self, name: str, spot: Spot, event: str, path: str, line: int | None
    ) -> Iterator[Finding]:
        """Register the place ``name`` at ``spot`` of event ``event`` (at ``path``, ``line``).

        Yield a finding if it respells a place seen before. Records and ACLED rows both come
        here, so the rule has one definition.
        """
        found = self.respelling(name, spot, event)
        if found is not None:
            yield respelling_finding(name, found, event, path, line)

    def respelling(self, name: str, spot: Spot, event: str) -> Respelling | None:
        """Register ``name`` at ``spot`` (first named by ``event``); return what it respells.

        A name at a spot gets the same answer however often it comes: only its first coming
        registers anything, so events sharing one name and spot may be answered once.
        """
        answer = self._answers.get((name, spot), self)
        if answer is not self:
            return answer  # type: ignore[return-value]
        answer = self._answer(name, spot, event)
        self._answers[(name, spot)] = answer
        return answer

    def _answer(self, name: str, spot: Spot, event: str) -> Respelling | None:
        key = spelling_key(name)
        if not key:
            return None
        seen = self._by_key.get(key)
        if seen is None:
            seen = self._by_key[key] = _Spellings()
        earlier = seen.earliest_at(spot) if seen.count else None
        if earlier is not None:
            if earlier.name == name:
                return None  # the same spelling of a place already known
            how = (
                "differ only in case or Unicode form"
                if _normal(earlier.name) == _normal(name)
                else "look like two transliterations"
            )
            return Respelling(earlier.name, earlier.event, how)
        seen.add(_Seen(seen.count, name, spot, event))
        return None


class Respelling(NamedTuple):
    """An earlier name (and the event that gave it) that a place name respells, and how."""

    name: str
    event: str
    how: str


def respelling_finding(
    name: str, respelling: Respelling, event: str, path: str, line: int | None
) -> Finding:
    """Return the R009 finding of event ``event`` naming its place ``name`` (at ``path``)."""
    return make_finding(
        "R009",
        f"place {name!r} and {respelling.name!r} (event {respelling.event!r}) {respelling.how} "
        "of one place",
        path=join_key(join_key(path, "place"), "name"),
        line=line,
        event=event,
        related=(respelling.event, event),
    )
