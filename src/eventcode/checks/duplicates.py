"""Probable duplicate events: the same dates, place, actors and type.

Memory holds a fixed-size digest per event (not the event), so it grows slowly with the input.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date

from eventcode.checks.places import spelling_key
from eventcode.findings import Finding, make_finding
from eventcode.model import Event

__all__ = ["DuplicateEvents", "signature"]


Where = tuple[str, str | None, float | None, float | None] | None


def signature(
    start: date, last: date, where: Where, roles: list[str], classification: tuple[object, ...]
) -> bytes:
    """Return the digest of what makes two events look the same (one definition of R010).

    ``where`` is the place's spelling key, country and coordinates; ``roles`` the sorted ids of
    every actor; ``classification`` the ACLED sub-event type and the CAMEO code.
    """
    text = repr((start, last, where, roles, classification))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()


def _signature(event: Event) -> bytes | None:
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
    roles = sorted(
        r.actor
        for r in (event.actor1, event.actor2, *event.assoc_actor1, *event.assoc_actor2)
        if r is not None
    )
    return signature(event.date.start, event.date.last, where, roles, classification)


class DuplicateEvents:
    """Collects event signatures; reports an event whose signature an earlier one has."""

    def __init__(self) -> None:
        self._first: dict[bytes, str] = {}

    def add(self, event: Event, path: str, line: int | None) -> Iterator[Finding]:
        """Register an event; yield a finding if an earlier event looks the same."""
        found = _signature(event)
        if found is not None:
            yield from self.add_signature(found, event.id, path, line)

    def add_signature(
        self, digest: bytes, event: str, path: str, line: int | None
    ) -> Iterator[Finding]:
        """Register event ``event`` by its :func:`signature`; report it if an earlier one has it."""
        first = self._first.setdefault(digest, event)
        if first != event:
            yield make_finding(
                "R010",
                f"event {event!r} has the dates, place, actors and type of {first!r}",
                path=path,
                line=line,
                event=event,
                related=(first, event),
            )
