"""Probable duplicate events (R010): one day, place, two actors and type; notes and toll agree.

An event's signature (a 64-bit digest of its dates, place, actor1 and actor2, and type) finds
the earlier events it may repeat; :mod:`eventcode.checks.resemblance` decides whether it does.
Memory holds, in flat arrays rather than Python objects, a digest table (:class:`_FirstNumbers`)
and each event's traits and id (:class:`EventTraits`: about 17 bytes an event, two a word of
its notes, plus its id's bytes), so it grows slowly with the input. Two different events
sharing a 64-bit digest has odds of about 1 in 4 x 10^7 in a million events, and they are
still compared by their traits.
"""

from __future__ import annotations

import hashlib
import struct
from array import array
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import lru_cache
from itertools import repeat
from operator import and_
from typing import NamedTuple

from eventcode.checks.places import spelling_key
from eventcode.checks.registry import declare
from eventcode.checks.resemblance import Traits, event_traits, resemblance
from eventcode.findings import Finding, make_finding
from eventcode.hashing import code_of
from eventcode.model import Event

__all__ = [
    "MAX_COMPARED",
    "PROBABLE_DUPLICATES",
    "Copy",
    "DuplicateEvents",
    "EventTraits",
    "Repeats",
    "TraitsAt",
    "country_code",
    "event_signature",
    "part_code",
    "roles_code",
    "signature",
    "signatures",
    "texts_code",
    "traits_of",
    "where_code",
    "where_words",
]

#: The codes this check may emit (see :mod:`eventcode.checks.registry`).
PROBABLE_DUPLICATES = declare(
    "probable-duplicates",
    ("R010",),
    "events that look like one event coded twice (across events)",
)

_MASK64 = (1 << 64) - 1
#: A place as :func:`where_code` codes it: five little-endian 64-bit words.
_WHERE_WORDS = struct.Struct("<5Q")
_DOUBLE, _BITS = struct.Struct("<d"), struct.Struct("<Q")
#: The code of no country: of a byte no UTF-8 text holds.
_NO_COUNTRY = code_of(b"\xff")


Where = tuple[str, str | None, float | None, float | None] | None


@lru_cache(maxsize=65536)
def part_code(value: object) -> int:
    """Return the 64-bit code of one part of a signature (a date, a place, the actors, a type).

    The same value gives the same code in every process (a digest of its ``repr``), so parts
    coded in worker processes meet.
    """
    return _digest(repr(value).encode("utf-8"))


def where_code(where: Where) -> int:
    """Return the code of where an event is, as R010 compares it (its :func:`signature` part).

    Codes differ as the ``repr`` of the place's key, country and coordinates differ (``-0.0``
    is not ``0.0``), and are the same in every process: the code of :func:`where_words`.
    """
    if where is None:
        return part_code(None)
    return code_of(_WHERE_WORDS.pack(*where_words(*where)))


def where_words(
    key: str, country: str | None, latitude: float | None, longitude: float | None
) -> tuple[int, int, int, int, int]:
    """Return the five 64-bit words :func:`where_code` codes (see :mod:`eventcode.hashing`).

    The codes of the key and of the country (``None``: of a byte no UTF-8 text holds), the
    bits of each coordinate (0 for ``None``), and which coordinates are ``None`` (bit 1: the
    latitude, bit 2: the longitude). Worked out as columns by the columnar ACLED path.
    """
    return (
        code_of(key.encode("utf-8", "surrogatepass")),
        country_code(country),
        0 if latitude is None else _BITS.unpack(_DOUBLE.pack(latitude))[0],
        0 if longitude is None else _BITS.unpack(_DOUBLE.pack(longitude))[0],
        (latitude is None) | (longitude is None) << 1,
    )


@lru_cache(maxsize=4096)  # a pure function of a text; a file names a few hundred countries
def country_code(country: str | None) -> int:
    """Return the code of a place's country in :func:`where_words` (``None``: no country)."""
    return _NO_COUNTRY if country is None else code_of(country.encode("utf-8", "surrogatepass"))


def texts_code(texts: tuple[str, ...]) -> int:
    """Return the 64-bit code of a tuple of texts, the same in every process.

    Tuples of one length have the same code only if equal (up to the code's collisions): the
    code is of the texts joined by NUL, which holds one NUL fewer than there are texts, or,
    when a text holds a NUL, of as many NULs as texts and the tuple written out (``repr``,
    which holds none).
    """
    joined = "\x00".join(texts)
    if joined.count("\x00") >= len(texts):  # a text holds a NUL
        return code_of(("\x00" * len(texts) + repr(texts)).encode("utf-8"))
    return code_of(joined.encode("utf-8", "surrogatepass"))


def _digest(data: bytes) -> int:
    """Return the 64-bit digest :func:`part_code` takes of its text."""
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def roles_code(roles: Iterable[str]) -> int:
    """Return the code of the actors an event names (ids, in any order, repeats counted).

    The sum of each role's code: the roles of an event may be coded in parts (one column of
    names at a time) and added up.
    """
    return sum(part_code(("role", role)) for role in roles) & _MASK64


def signatures(
    starts: Iterable[int],
    lasts: Iterable[int],
    wheres: Iterable[int],
    roles: Iterable[int],
    classifications: Iterable[int],
) -> Iterator[int]:
    """Combine columns of :func:`part_code` codes into one signature per event.

    ``roles`` holds :func:`roles_code` codes.

    The one definition of how parts combine: :func:`signature` is this for one event. A tuple
    of ints hashes alike in every process (only ``str`` hashing is salted).
    """
    parts = zip(starts, lasts, wheres, roles, classifications, strict=True)
    return map(and_, map(hash, parts), repeat(_MASK64))


def signature(
    start: date,
    last: date,
    where: Where,
    roles: Iterable[str],
    classification: tuple[object, ...],
) -> int:
    """Return the digest of what makes two events look the same (one definition of R010).

    ``where`` is the place's spelling key, country and coordinates; ``roles`` the ids of every
    actor; ``classification`` the ACLED sub-event type and the CAMEO code.
    """
    return next(
        signatures(
            [part_code(start)],
            [part_code(last)],
            [where_code(where)],
            [roles_code(roles)],
            [part_code(classification)],
        )
    )


def event_signature(event: Event) -> int | None:
    """Return an event's :func:`signature`, or ``None`` when it has no type to compare.

    Nor is an event with an ACLED class compared without an actor1 and a place with
    coordinates, which every ACLED row gives: such an event comes from a file lacking those
    columns (docs/acled.md, "Column subsets"), and what it lacks would make it look like others.
    """
    classification = (
        event.acled.sub_event_type if event.acled is not None else None,
        event.cameo,
    )
    if classification == (None, None):
        return None
    place = event.place
    if event.acled is not None and (
        event.actor1 is None
        or place is None
        or place.latitude is None
        or place.longitude is None
    ):
        return None
    where = (
        (spelling_key(place.name), place.country, place.latitude, place.longitude)
        if place is not None
        else None
    )
    # The two actors; a second source often names associated actors the first did not.
    roles = (r.actor for r in (event.actor1, event.actor2) if r is not None)
    return signature(event.date.start, event.date.last, where, roles, classification)


def traits_of(event: Event) -> Traits:
    """Return what R010 compares of an event beyond its signature (its notes and toll).

    The toll is ACLED's ``fatalities`` cell (the event's ``<id>/fatalities`` figure, as read
    from an ACLED file), unknown for other events; the place names left out are the event's
    place and admin areas.
    """
    toll: int | None = None
    for figure in event.figures:
        if figure.id == f"{event.id}/fatalities" and figure.value.low == figure.value.high:
            toll = figure.value.low
    place = event.place
    names = () if place is None else (place.name, place.admin1, place.admin2, place.admin3)
    return event_traits(event.notes or "", toll, [n for n in names if n])


class _FirstNumbers:
    """A map from 64-bit digests to the number of the first event given with each.

    An open-addressing table (linear probing) of digests and numbers in flat arrays, at most
    two thirds full: 12 to 36 bytes a distinct digest, no Python object per event.
    """

    def __init__(self) -> None:
        self._keys = array("Q", bytes(8 * 1024))  # 0 marks an empty slot
        self._numbers = array("Q", bytes(8 * 1024))
        self._count = 0

    def setdefault(self, digest: int, number: int) -> int:
        """Return the number first given with ``digest``; remember ``number`` when it is new."""
        key = digest or 1  # 0 marks an empty slot: digests 0 and 1 are taken as one
        keys, mask = self._keys, len(self._keys) - 1
        slot = key & mask
        while (found := keys[slot]) != 0:
            if found == key:
                return self._numbers[slot]
            slot = (slot + 1) & mask
        keys[slot] = key
        self._numbers[slot] = number
        self._count += 1
        if 3 * self._count > 2 * mask:  # at most two thirds full
            self._grow()
        return number

    def _grow(self) -> None:
        old_keys, old_numbers = self._keys, self._numbers
        size = 2 * len(old_keys)
        keys, numbers = array("Q", bytes(8 * size)), array("Q", bytes(8 * size))
        mask = size - 1
        for key, number in zip(old_keys, old_numbers, strict=True):
            if key:
                slot = key & mask
                while keys[slot]:
                    slot = (slot + 1) & mask
                keys[slot], numbers[slot] = key, number
        self._keys, self._numbers = keys, numbers


class EventTraits:
    """The :class:`~eventcode.checks.resemblance.Traits` of events by number, in flat arrays.

    Two bytes a word of an event's notes and 17 bytes an event; no Python object per event.
    """

    def __init__(self) -> None:
        self._words = array("H")
        self._ends = array("Q")
        self._names = array("Q")
        self._times = array("B")
        self._tolls = array("q")  # -1: unknown

    def append(self, traits: Traits) -> int:
        """Keep the traits of the next event; return its number."""
        self._words.extend(traits.words)
        self._ends.append(len(self._words))
        self._names.append(traits.names)
        self._times.append(traits.times)
        self._tolls.append(-1 if traits.fatalities is None else min(traits.fatalities, _MAX_TOLL))
        return len(self._ends) - 1

    def __getitem__(self, number: int) -> Traits:
        start = self._ends[number - 1] if number else 0
        toll = self._tolls[number]
        return Traits(
            tuple(self._words[start : self._ends[number]]),
            self._names[number],
            self._times[number],
            None if toll < 0 else toll,
        )


_MAX_TOLL = (1 << 63) - 1
#: The traits of an event not read again (compared by its signature and nothing more).
_NO_TRAITS = Traits((), 0, 0, None)
#: Gives the traits of the events at some lines (sorted), by line, reading them again.
TraitsAt = Callable[[list[int]], dict[int, Traits]]
#: The most earlier events of one signature a new one is compared with (the first ones): a
#: signature shared by thousands of events (generated data) costs no more than this each.
MAX_COMPARED = 64


class Repeats:
    """Which earlier events of one signature a new event repeats (R010's second look).

    The one definition, used by the record path and the ACLED row path alike: events come by
    number, in file order; the traits of each are asked of ``traits`` when needed.
    """

    def __init__(self) -> None:
        self._members: dict[int, list[int]] = {}  # only signatures met more than once

    def match(
        self, digest: int, first: int, number: int, traits: Callable[[int], Traits]
    ) -> list[tuple[int, float]]:
        """Return the earlier events that event ``number`` repeats, and how alike (0-1).

        ``first`` is the number of the first event with signature ``digest``; the events
        with it since are remembered here. In file order; empty when every earlier one is
        another event (:func:`~eventcode.checks.resemblance.resemblance`).
        """
        members = self._members.setdefault(digest, [first])
        mine = traits(number)
        found = []
        for earlier in members[:MAX_COMPARED]:
            score = resemblance(traits(earlier), mine)
            if score is not None:
                found.append((earlier, score))
        members.append(number)
        return found


class Copy(NamedTuple):
    """An event whose signature an earlier one has: compared at the end of the input."""

    digest: int
    first: int  # the number of the first event with the signature
    number: int  # this event's number
    path: str
    line: int | None


class DuplicateEvents:
    """Collects events by signature and traits; reports those that repeat earlier ones.

    Events sharing a signature are compared once the input is read (:meth:`finish`), as the
    ACLED row path does (it reads the traits of those events only, then): R010 findings come
    at the end of an input's findings, in event order.
    """

    def __init__(self) -> None:
        self._first = _FirstNumbers()
        self._traits = EventTraits()
        self._names = bytearray()
        self._ends = array("Q")
        self._copies: list[Copy] = []
        # By number: the line whose event's traits are read at the end (0: they are known).
        self._unread = array("Q")

    def add_signature(
        self, digest: int, traits: Traits | None, event: str, path: str, line: int | None
    ) -> None:
        """Register event ``event`` by its :func:`signature` and traits.

        ``traits`` ``None``: they are read again at ``line`` if the event is compared (see
        :meth:`finish`).
        """
        number = self._traits.append(_NO_TRAITS if traits is None else traits)
        self._unread.append((line or 0) if traits is None else 0)
        self._names += event.encode("utf-8", "surrogatepass")
        self._ends.append(len(self._names))
        first = self._first.setdefault(digest, number)
        if first != number:
            self._copies.append(Copy(digest, first, number, path, line))

    def finish(self, traits_at: TraitsAt | None = None) -> Iterator[Finding]:
        """Yield the R010 finding of each event that repeats earlier ones, in event order.

        ``traits_at`` reads the traits of the events given without them, at their lines
        (only of those compared); without it, or for a line it does not read, such an event
        is compared by its signature alone.
        """
        unread = self._unread
        wanted = {n for copy in self._copies for n in (copy.first, copy.number) if unread[n]}
        read = traits_at(sorted({unread[n] for n in wanted})) if wanted and traits_at else {}

        def traits(number: int) -> Traits:
            line = unread[number]
            return read.get(line, _NO_TRAITS) if line else self._traits[number]

        repeats = Repeats()
        for copy in self._copies:
            event = self._name(copy.number)
            found = [
                (self._name(n), score)
                for n, score in repeats.match(copy.digest, copy.first, copy.number, traits)
            ]
            found = [(name, score) for name, score in found if name != event]
            if found:
                yield self.finding(found, event, copy.path, copy.line)
        self._copies = []

    def _name(self, number: int) -> str:
        start = self._ends[number - 1] if number else 0
        return self._names[start : self._ends[number]].decode("utf-8", "surrogatepass")

    @staticmethod
    def finding(
        earlier: list[tuple[str, float]], event: str, path: str, line: int | None
    ) -> Finding:
        """Return the R010 finding of ``event`` (at ``path``), which repeats ``earlier``.

        ``earlier`` holds the earlier events it repeats, in file order, with how alike each
        is (0-1); ``related`` names them, then ``event``.
        """
        named = ", ".join(f"{name!r} (resemblance {score:.2f})" for name, score in earlier)
        return make_finding(
            "R010",
            f"event {event!r} has the day, place, actors and type of {named}, and the notes "
            "and fatalities agree",
            path=path,
            line=line,
            event=event,
            related=(*(name for name, _ in earlier), event),
        )
