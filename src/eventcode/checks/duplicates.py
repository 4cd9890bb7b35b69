"""Probable duplicate events: the same dates, place, actors and type.

Memory holds an 8-byte digest per event (not the event) and the first event's id per distinct
digest, in flat arrays rather than Python objects (:class:`_FirstNames`: about 30-45 bytes an
event plus its id's bytes), so it grows slowly with the input. Two different events sharing a
64-bit digest (a false R010) has odds of about 1 in 4 x 10^7 in a million events.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from itertools import repeat
from operator import and_

from eventcode.checks.places import spelling_key
from eventcode.findings import Finding, make_finding
from eventcode.model import Event

__all__ = [
    "DuplicateEvents",
    "event_signature",
    "part_code",
    "roles_code",
    "signature",
    "signatures",
]

_MASK64 = (1 << 64) - 1


Where = tuple[str, str | None, float | None, float | None] | None


@lru_cache(maxsize=65536)
def part_code(value: object) -> int:
    """Return the 64-bit code of one part of a signature (a date, a place, the actors, a type).

    The same value gives the same code in every process (a digest of its ``repr``), so parts
    coded in worker processes meet.
    """
    digest = hashlib.blake2b(repr(value).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


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
            [part_code(where)],
            [roles_code(roles)],
            [part_code(classification)],
        )
    )


def event_signature(event: Event) -> int | None:
    """Return an event's :func:`signature`, or ``None`` when it has no type to compare."""
    classification = (
        event.acled.sub_event_type if event.acled is not None else None,
        event.cameo,
    )
    if classification == (None, None):
        return None
    place = event.place
    where = (
        (spelling_key(place.name), place.country, place.latitude, place.longitude)
        if place is not None
        else None
    )
    roles = (
        r.actor
        for r in (event.actor1, event.actor2, *event.assoc_actor1, *event.assoc_actor2)
        if r is not None
    )
    return signature(event.date.start, event.date.last, where, roles, classification)


class _FirstNames:
    """A map from 64-bit digests to the first name given with each, in flat arrays.

    An open-addressing table (linear probing) of digests and of the
    numbers of their names (at most two thirds full); the names are one UTF-8 byte string with
    their end offsets.
    """

    def __init__(self) -> None:
        self._keys = array("Q", bytes(8 * 1024))  # 0 marks an empty slot
        self._numbers = array("I", bytes(4 * 1024))
        self._names = bytearray()
        self._ends = array("Q")

    def setdefault(self, digest: int, name: str) -> str:
        """Return the name first given with ``digest``; remember ``name`` when it is new."""
        key = digest or 1  # 0 marks an empty slot: digests 0 and 1 are taken as one
        keys, mask = self._keys, len(self._keys) - 1
        slot = key & mask
        while (found := keys[slot]) != 0:
            if found == key:
                number = self._numbers[slot]
                start = self._ends[number - 1] if number else 0
                return self._names[start : self._ends[number]].decode("utf-8", "surrogatepass")
            slot = (slot + 1) & mask
        keys[slot] = key
        self._numbers[slot] = len(self._ends)
        self._names += name.encode("utf-8", "surrogatepass")
        self._ends.append(len(self._names))
        if 3 * len(self._ends) > 2 * mask:  # at most two thirds full
            self._grow()
        return name

    def _grow(self) -> None:
        old_keys, old_numbers = self._keys, self._numbers
        size = 2 * len(old_keys)
        keys, numbers = array("Q", bytes(8 * size)), array("I", bytes(4 * size))
        mask = size - 1
        for key, number in zip(old_keys, old_numbers, strict=True):
            if key:
                slot = key & mask
                while keys[slot]:
                    slot = (slot + 1) & mask
                keys[slot], numbers[slot] = key, number
        self._keys, self._numbers = keys, numbers


class DuplicateEvents:
    """Collects event signatures; reports an event whose signature an earlier one has."""

    def __init__(self) -> None:
        self._first = _FirstNames()

    def add(self, event: Event, path: str, line: int | None) -> Iterator[Finding]:
        """Register an event; yield a finding if an earlier event looks the same."""
        found = event_signature(event)
        if found is not None:
            yield from self.add_signature(found, event.id, path, line)

    def add_signature(
        self, digest: int, event: str, path: str, line: int | None
    ) -> Iterator[Finding]:
        """Register event ``event`` by its :func:`signature`; report it if an earlier one has it."""
        first = self._first.setdefault(digest, event)
        if first != event:
            yield self.finding(first, event, path, line)

    @staticmethod
    def finding(first: str, event: str, path: str, line: int | None) -> Finding:
        """Return the R010 finding of ``event`` (at ``path``), which looks like ``first``."""
        return make_finding(
            "R010",
            f"event {event!r} has the dates, place, actors and type of {first!r}",
            path=path,
            line=line,
            event=event,
            related=(first, event),
        )
