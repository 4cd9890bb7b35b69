"""One place under two spellings, across the events of a dataset.

Names are compared by a key that ignores case, Unicode normalisation, diacritics and vowels
(transliterations of one name differ mostly in vowels: Makiivka / Makeevka, Bakhmut /
Bakhmout). Two names with the same key are reported only when their places also share
coordinates (within about a kilometre) or an administrative unit, so distinct towns with
similar names stay apart. Memory holds one entry per distinct name, not per event; a key with
one name (most keys) holds it alone, without the indexes of a key with several.
"""

from __future__ import annotations

import math
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import TYPE_CHECKING, Generic, NamedTuple, Protocol, TypeVar

from eventcode.checks.registry import declare
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_key
from eventcode.model import Event, Place

if TYPE_CHECKING:  # numpy comes when places are told as columns (the merger has it already)
    from eventcode.checks.first_seen import FirstSeen

__all__ = [
    "NOTHING_TO_ASK",
    "NOT_CONSONANT",
    "PLACE_SPELLINGS",
    "PlaceColumns",
    "PlaceFacts",
    "PlaceSpellings",
    "Respelling",
    "SpellingIndex",
    "Spot",
    "place_facts",
    "respelling_finding",
    "spelling_key",
]

#: The codes this check may emit (see :mod:`eventcode.checks.registry`).
PLACE_SPELLINGS = declare(
    "place-spellings",
    ("R009",),
    "one place spelt two ways (across events)",
)

#: What names an event to the index: its id, or a number its caller names it by when asked.
E = TypeVar("E")

_NOT_CONSONANT = re.compile(r"[^bcdfghjklmnpqrstvwxz]")
#: What :func:`spelling_key` drops of a lower-cased ASCII name: a pattern (RE2 and ``re`` agree).
NOT_CONSONANT = _NOT_CONSONANT.pattern
#: The ASCII characters _NOT_CONSONANT drops, to drop from ASCII names as bytes (quicker).
_NOT_CONSONANT_ASCII = bytes(c for c in range(128) if _NOT_CONSONANT.match(chr(c)))
_SAME_POINT_DEGREES = 0.01


@lru_cache(maxsize=65536)
def spelling_key(name: str) -> str:
    """Return the key under which transliterations of one name meet."""
    if name.isascii():  # no form to normalise and no diacritic: casefold is lower
        return name.lower().encode("ascii").translate(None, _NOT_CONSONANT_ASCII).decode("ascii")
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
        # tuple.__new__ is what the named tuple's own __new__ calls (without its frame)
        fields = (place.country, place.latitude, place.longitude)
        return tuple.__new__(cls, (*fields, place.admin1, place.admin2, place.admin3))


#: A place as R009 asks about it, in plain values (cheap to send between processes): its name,
#: the name's :func:`spelling_key`, then the fields of its :class:`Spot`.
PlaceFacts = tuple[
    str, str, str | None, float | None, float | None, str | None, str | None, str | None
]


def place_facts(name: str, spot: Spot) -> PlaceFacts:
    """Return what R009 asks of the place ``name`` at ``spot``: its key is computed here."""
    return (name, spelling_key(name), *spot)


#: The facts of a place there is nothing to ask about: a blank key (see SpellingIndex.answers).
NOTHING_TO_ASK: PlaceFacts = ("", "", None, None, None, None, None, None)


class PlaceColumns(NamedTuple):
    """Places as columns of what R009 asks of each (the fields of :data:`PlaceFacts`).

    Place ``i`` is ``(names[i], keys[i], countries[i], ...)``. Sent and asked by the thousand
    (see :meth:`SpellingIndex.answer_columns`): no tuple a place.
    """

    names: list[str]
    keys: list[str]
    countries: list[str | None]
    latitudes: list[float | None]
    longitudes: list[float | None]
    admin1: list[str | None]
    admin2: list[str | None]
    admin3: list[str | None]

    @classmethod
    def of(cls, places: Iterable[PlaceFacts | None]) -> PlaceColumns:
        """Return places as columns; ``None`` (nothing to ask) is :data:`NOTHING_TO_ASK`."""
        rows = [NOTHING_TO_ASK if facts is None else facts for facts in places]
        if not rows:
            return cls([], [], [], [], [], [], [], [])
        names, keys, countries, latitudes, longitudes, admin1, admin2, admin3 = zip(
            *rows, strict=True
        )
        return cls(
            list(names),
            list(keys),
            list(countries),
            list(latitudes),
            list(longitudes),
            list(admin1),
            list(admin2),
            list(admin3),
        )

    def take(self, positions: Sequence[int]) -> PlaceColumns:
        """Return the places at ``positions``, in that order."""
        if len(positions) < 2:  # an itemgetter of one position gives the item, not a tuple
            return PlaceColumns._make([column[i] for i in positions] for column in self)
        pick = itemgetter(*positions)
        return PlaceColumns._make(list(pick(column)) for column in self)

    def rows(self) -> Iterator[PlaceFacts]:
        """Yield each place's facts, in order."""
        return zip(*self, strict=True)


#: Where a place told as columns is (SpellingIndex.answer_columns): the number of its columns,
#: shifted by this many bits, and its index among them.
_TOLD_BITS = 32
_TOLD_INDEX = (1 << _TOLD_BITS) - 1

#: Builds a named tuple from a tuple of its fields' values without the call of its constructor
#: (a NamedTuple's ``__new__`` is a Python function): millions of places come to the merger.
_new_tuple = tuple.__new__
#: The hash of a key told as columns: Python's (of one process; two keys may share one).
_key_hash: Callable[[str], int] = hash


class _Told(NamedTuple, Generic[E]):
    """Places told as columns, kept until their keys come again: a few flat arrays a batch.

    Most places of a large file are told once and never asked again, so none is an object: the
    names and keys are each one text (place ``i``'s runs from ``ends[i - 1]`` to ``ends[i]``),
    the coordinates are doubles (``blanks``: bit 1 a latitude, bit 2 a longitude is ``None``;
    empty when none is); the countries and units are shared texts (few, and sent once a batch).
    About 80 bytes a place, with the hash of its key, against some 300 as lists of Python
    objects and a table by key.
    """

    names: str
    name_ends: array[int]
    keys: str
    key_ends: array[int]
    latitudes: array[float]
    longitudes: array[float]
    blanks: bytes
    countries: list[str | None]
    admin1: list[str | None]
    admin2: list[str | None]
    admin3: list[str | None]
    events: Sequence[E]

    def key(self, i: int) -> str:
        """Return the key of place ``i``."""
        return self.keys[self.key_ends[i - 1] if i else 0 : self.key_ends[i]]

    def facts(self, i: int) -> PlaceFacts:
        """Return the facts of place ``i``."""
        blank = self.blanks[i] if self.blanks else 0
        return (
            self.names[self.name_ends[i - 1] if i else 0 : self.name_ends[i]],
            self.key(i),
            self.countries[i],
            None if blank & 1 else self.latitudes[i],
            None if blank & 2 else self.longitudes[i],
            self.admin1[i],
            self.admin2[i],
            self.admin3[i],
        )


def _joined(texts: list[str]) -> tuple[str, array[int]]:
    """Return texts as one, with where each ends in it."""
    joined = "".join(texts)
    return joined, array("Q" if len(joined) >> 32 else "I", accumulate(map(len, texts)))


def _doubles(values: list[float | None]) -> tuple[array[float], list[int]]:
    """Return numbers as doubles (0.0 for ``None``), with where ``None`` is."""
    try:
        return array("d", values), []  # type: ignore[arg-type]
    except TypeError:  # a None among them (rare: a place without coordinates)
        blank = [i for i, value in enumerate(values) if value is None]
        return array("d", [0.0 if value is None else value for value in values]), blank


class _Where(Protocol):
    """What tells places apart: a :class:`Spot`, or a spelling seen, which holds its spot's."""

    @property
    def country(self) -> str | None: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...
    @property
    def admin1(self) -> str | None: ...
    @property
    def admin2(self) -> str | None: ...
    @property
    def admin3(self) -> str | None: ...


class _Seen(NamedTuple, Generic[E]):
    """A spelling registered under its key, with its spot's fields as its own (one object)."""

    order: int  # when it was seen under its key: the earliest match answers
    name: str
    event: E
    country: str | None
    latitude: float | None
    longitude: float | None
    admin1: str | None
    admin2: str | None
    admin3: str | None


#: Coordinates are indexed by cells of this many degrees: a point within _SAME_POINT_DEGREES of
#: another is in the same cell or a neighbouring one.
_CELL_DEGREES = 2 * _SAME_POINT_DEGREES
_NEIGHBOURS = tuple((a, b) for a in (-1, 0, 1) for b in (-1, 0, 1))


def _cell(spot: _Where) -> tuple[int, int] | None:
    """Return the cell of a spot's coordinates (``None``: none, or not finite, so near nothing)."""
    if spot.latitude is None or spot.longitude is None:
        return None
    if not (math.isfinite(spot.latitude) and math.isfinite(spot.longitude)):
        return None
    return math.floor(spot.latitude / _CELL_DEGREES), math.floor(spot.longitude / _CELL_DEGREES)


class _Spellings(Generic[E]):
    """The spellings seen under one key, indexed by where they are.

    :func:`_same_place` compares coordinates when both spots have them and administrative
    units otherwise. So the spellings that can be at the same place as a spot with coordinates
    are those with coordinates in its cell or a neighbouring one, and those without coordinates
    with its units; for a spot without coordinates, those with its units. Each list is in the
    order the spellings came, so its first match is its earliest; the earliest of those answers.
    """

    def __init__(self) -> None:
        self._by_cell: dict[tuple[int, int], list[_Seen[E]]] = {}
        self._by_units: dict[tuple[str | None, ...], list[_Seen[E]]] = {}
        self._unplaced_by_units: dict[tuple[str | None, ...], list[_Seen[E]]] = {}
        self.count = 0

    def add(self, seen: _Seen[E]) -> None:
        cell = _cell(seen)
        if cell is not None:
            self._by_cell.setdefault(cell, []).append(seen)
        units = _units(seen)
        if units is not None:
            self._by_units.setdefault(units, []).append(seen)
            if seen.latitude is None or seen.longitude is None:
                self._unplaced_by_units.setdefault(units, []).append(seen)
        self.count += 1

    def earliest_at(self, spot: Spot) -> _Seen[E] | None:
        """Return the earliest spelling at the same place as ``spot`` (``None``: none is)."""
        lists: list[list[_Seen[E]]] = []
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
        found: _Seen[E] | None = None
        for candidates in lists:
            for seen in candidates:
                if found is not None and seen.order > found.order:
                    break
                if _same_place(seen, spot):
                    found = seen
                    break
        return found


def _units(spot: _Where) -> tuple[str | None, ...] | None:
    """Return a spot's administrative units, when they can tell a place (admin1 is given)."""
    return None if spot.admin1 is None else (spot.admin1, spot.admin2, spot.admin3)


def _same_place(a: _Where, b: _Where) -> bool:
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


class SpellingIndex(Generic[E]):
    """The place names registered so far, by key; answers what a place's name respells.

    :meth:`answer` registers each place it is asked about: ask once per name and spot (asked
    again, it answers the same, but a place whose coordinates are not finite is registered
    twice). Events are named by ``E``: the earlier event of an answer is what was given.
    """

    def __init__(self) -> None:
        # A key with one spelling holds it alone; a second makes it a _Spellings, indexed.
        # A spelling alone is a _Seen, or where it was told (answer_columns): an int, made a
        # _Seen when its key comes again (most never do).
        self._by_key: dict[str, int | _Seen[E] | _Spellings[E]] = {}
        # The keys told as columns, by hash, with where each was first told: the keys met
        # once (most) are not in _by_key. A key whose hash an earlier key has is put there.
        self._hashes: FirstSeen | None = None
        self._alone = False  # whether answer registered keys in _by_key only
        # The places told as columns, with their events: an int of the hashes points there.
        self._told: list[_Told[E]] = []
        # One text of each administrative unit, shared (None stands for itself).
        self._units: dict[str | None, str | None] = {}

    def answer(self, facts: PlaceFacts, event: E) -> Respelling[E] | None:
        """Register the place of ``facts`` (first named by ``event``); return what it respells."""
        key = facts[1]
        if not key:
            return None  # no name, or a name of no consonant: nothing to tell apart
        if self._told:  # keys told as columns are known by hash: asked as one told
            found = list(self.answer_columns(PlaceColumns.of([facts]), [event]))
            return found[0][1] if found else None
        known = self._by_key.get(key)
        if known is None:
            self._by_key[key] = self._seen(facts, event)
            self._alone = True
            return None
        return self._answer_known(known, facts, event)

    def answers(
        self, places: Sequence[PlaceFacts | None], events: Sequence[E]
    ) -> Iterator[tuple[int, Respelling[E]]]:
        """Register each of ``places`` in turn, first named by ``events``, as :meth:`answer` does.

        Yield the index and the answer of each place that respells an earlier one (``None`` in
        ``places``: nothing to ask). See :meth:`answer_columns`.
        """
        return self.answer_columns(PlaceColumns.of(places), events)

    def answer_columns(
        self, places: PlaceColumns, events: Sequence[E]
    ) -> Iterator[tuple[int, Respelling[E]]]:
        """Register each of ``places`` in turn, first named by ``events``, as :meth:`answer` does.

        Yield the index and the answer of each place that respells an earlier one. The merger
        asks a batch's new places at once, and most have a key not met before, which only
        registers them: each is kept as where it is in ``places`` (:class:`_Told`: flat
        arrays), its key's hash in a table (numpy), and made what :meth:`answer` registers
        only if its key comes again.
        """
        told = len(self._told) << _TOLD_BITS
        self._told.append(self._kept(places, events))
        for index, first in self._known_keys(places.keys, told):
            key = places.keys[index]
            known = self._by_key.get(key, first)
            if known is None:  # a key of another told before with its hash: new
                self._by_key[key] = told | index
                continue
            found = self._answer_known(known, *self._told_at(told | index))
            if found is not None:
                yield index, found

    def _known_keys(self, keys: list[str], told: int) -> Iterator[tuple[int, int | None]]:
        """Register the hashes of ``keys`` (told at ``told``); yield those that may be known.

        Each comes, in order, with where its key was first told (``None``: its hash is another
        key's, or it is known only to :attr:`_by_key`). A blank key asks nothing.
        """
        import numpy as np

        from eventcode.checks.first_seen import FirstSeen

        if self._hashes is None:
            self._hashes = FirstSeen(payloads=True)
        filled = np.flatnonzero(np.fromiter(map(len, keys), np.intp, len(keys)))
        hashes = np.fromiter(map(_key_hash, keys), np.int64, len(keys)).view(np.uint64)[filled]
        repeated, firsts = self._hashes.add(hashes, filled.astype(np.uint64) | np.uint64(told))
        candidates = dict(zip(filled[repeated].tolist(), firsts.tolist(), strict=True))
        if self._alone:  # keys answer registered are known to _by_key only
            by_key = self._by_key
            candidates.update((i, None) for i in filled.tolist() if keys[i] in by_key)
        for index in sorted(candidates):
            first = candidates[index]
            if first is not None and self._told_key(first) != keys[index]:
                first = None  # two keys, one hash (rare)
            yield index, first

    def _kept(self, places: PlaceColumns, events: Sequence[E]) -> _Told[E]:
        """Return places told as columns as they are kept (:class:`_Told`)."""
        names, name_ends = _joined(places.names)
        keys, key_ends = _joined(places.keys)
        latitudes, no_latitude = _doubles(places.latitudes)
        longitudes, no_longitude = _doubles(places.longitudes)
        blanks = bytearray(len(latitudes) if no_latitude or no_longitude else 0)
        for bit, positions in ((1, no_latitude), (2, no_longitude)):
            for i in positions:
                blanks[i] |= bit
        shared = self._units.setdefault  # few units, many places: one text each
        return _Told(
            names,
            name_ends,
            keys,
            key_ends,
            latitudes,
            longitudes,
            bytes(blanks),
            places.countries,
            list(map(shared, places.admin1, places.admin1)),
            list(map(shared, places.admin2, places.admin2)),
            list(map(shared, places.admin3, places.admin3)),
            events,
        )

    def _told_key(self, told: int) -> str:
        """Return the key of the place told at ``told`` (see answer_columns)."""
        return self._told[told >> _TOLD_BITS].key(told & _TOLD_INDEX)

    def _told_at(self, told: int) -> tuple[PlaceFacts, E]:
        """Return the facts and the event of the place told at ``told`` (see answer_columns)."""
        places = self._told[told >> _TOLD_BITS]
        i = told & _TOLD_INDEX
        return places.facts(i), places.events[i]

    def _seen(self, facts: PlaceFacts, event: E) -> _Seen[E]:
        """Return the first spelling of a key, as its key's entry holds it."""
        name, _, country, latitude, longitude, admin1, admin2, admin3 = facts
        shared = self._units.setdefault
        return _new_tuple(
            _Seen,
            (
                0,
                name,
                event,
                country,
                latitude,
                longitude,
                shared(admin1, admin1),
                shared(admin2, admin2),
                shared(admin3, admin3),
            ),
        )

    def _answer_known(
        self, known: int | _Seen[E] | _Spellings[E], facts: PlaceFacts, event: E
    ) -> Respelling[E] | None:
        """Answer for the place of ``facts`` under its key, which has the spellings ``known``."""
        name, key, country, latitude, longitude, admin1, admin2, admin3 = facts
        if isinstance(known, int):  # a spelling alone, where it was told: made a _Seen now
            known = self._by_key[key] = self._seen(*self._told_at(known))
        shared = self._units.setdefault
        spot = Spot(
            country,
            latitude,
            longitude,
            shared(admin1, admin1),
            shared(admin2, admin2),
            shared(admin3, admin3),
        )
        return self._respelling(key, known, name, spot, event)

    def _respelling(
        self, key: str, known: _Seen[E] | _Spellings[E], name: str, spot: Spot, event: E
    ) -> Respelling[E] | None:
        """Answer for ``name`` at ``spot`` under ``key``, which has the spellings ``known``."""
        earlier = _earliest_at(known, spot)
        if earlier is not None:
            if earlier.name == name:
                return None  # the same spelling of a place already known
            how = (
                "differ only in case or Unicode form"
                if _normal(earlier.name) == _normal(name)
                else "look like two transliterations"
            )
            return Respelling(earlier.name, earlier.event, how)
        if isinstance(known, _Seen):
            alone, known = known, _Spellings()
            known.add(alone)
            self._by_key[key] = known
        known.add(_Seen(known.count, name, event, *spot))
        return None


def _earliest_at(known: _Seen[E] | _Spellings[E], spot: Spot) -> _Seen[E] | None:
    """Return the earliest spelling of a key at the same place as ``spot`` (``None``: none)."""
    if isinstance(known, _Seen):
        return known if _same_place(known, spot) else None
    return known.earliest_at(spot)


class PlaceSpellings(SpellingIndex[str]):
    """Collects place names event by event; reports a name that respells an earlier one."""

    def __init__(self) -> None:
        super().__init__()
        self._answers: dict[tuple[str, Spot], Respelling[str] | None] = {}  # per name and spot

    def add(self, event: Event, path: str, line: int | None) -> Iterator[Finding]:
        """Register an event's place; yield a finding if it respells a place seen before."""
        if event.place is not None:
            yield from self.add_place(event.place.name, Spot.of(event.place), event.id, path, line)

    def add_place(
        self, name: str, spot: Spot, event: str, path: str, line: int | None
    ) -> list[Finding]:
        """Register the place ``name`` at ``spot`` of event ``event`` (at ``path``, ``line``).

        Return the finding if it respells a place seen before (a list, most often empty).
        Records come here, ACLED rows to :meth:`~SpellingIndex.answer` (their merger asks once
        per place): one rule for both.
        """
        found = self.respelling(name, spot, event)
        return [] if found is None else [respelling_finding(name, found, event, path, line)]

    def respelling(self, name: str, spot: Spot, event: str) -> Respelling[str] | None:
        """Register ``name`` at ``spot`` (first named by ``event``); return what it respells.

        A name at a spot gets the same answer however often it comes: only its first coming
        registers anything, so events sharing one name and spot may be answered once.
        """
        answer = self._answers.get((name, spot), self)
        if answer is not self:
            return answer  # type: ignore[return-value]
        answer = self.answer(place_facts(name, spot), event)
        self._answers[(name, spot)] = answer
        return answer


class Respelling(NamedTuple, Generic[E]):
    """An earlier name (and the event that gave it) that a place name respells, and how."""

    name: str
    event: E
    how: str


def respelling_finding(
    name: str, respelling: Respelling[str], event: str, path: str, line: int | None
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
