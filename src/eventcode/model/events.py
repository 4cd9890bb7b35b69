"""Events: what happened, when, where, between whom, as classified by ACLED and/or CAMEO."""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from eventcode.model.constraints import CAMEO_EVENT_PATTERN, ID_PATTERN, constrain
from eventcode.model.dates import DateSpan
from eventcode.model.figures import Figure
from eventcode.model.places import Place

__all__ = ["AcledClass", "Coding", "Event", "EventActor"]


@frozen(kw_only=True)
class AcledClass:
    """An event's place in ACLED's taxonomy: disorder type, event type, sub-event type."""

    disorder_type: str = field(metadata=constrain(min_length=1))
    event_type: str = field(metadata=constrain(min_length=1))
    sub_event_type: str = field(metadata=constrain(min_length=1))


@frozen(kw_only=True)
class EventActor:
    """An actor as an event names it, with the ACLED actor type (1-8) it has in this event.

    ``inter`` ``None`` means the actor's own default type.
    """

    actor: str = field(metadata=constrain(pattern=ID_PATTERN))
    inter: int | None = field(default=None, metadata=constrain(minimum=1, maximum=8))


@frozen(kw_only=True)
class Coding:
    """Who coded a record, and when."""

    coder: str = field(metadata=constrain(min_length=1))
    coded_on: date | None = None


@frozen(kw_only=True)
class Event:
    """An event as coded from its sources.

    ``acled`` and ``cameo`` (a CAMEO event code, a string such as ``"194"``) classify it; either
    or both may be set. ``actor1``/``actor2`` and the associated actors of each side carry their
    ACLED actor type for this event; ``documents`` are document ids; ``figures`` everything the
    sources say was counted.
    """

    id: str = field(metadata=constrain(pattern=ID_PATTERN))
    date: DateSpan
    place: Place | None = None
    acled: AcledClass | None = None
    cameo: str | None = field(default=None, metadata=constrain(pattern=CAMEO_EVENT_PATTERN))
    actor1: EventActor | None = None
    actor2: EventActor | None = None
    assoc_actor1: tuple[EventActor, ...] = ()
    assoc_actor2: tuple[EventActor, ...] = ()
    civilian_targeting: bool = False
    figures: tuple[Figure, ...] = ()
    documents: tuple[str, ...] = field(default=(), metadata=constrain(pattern=ID_PATTERN))
    tags: tuple[str, ...] = field(default=(), metadata=constrain(min_length=1))
    notes: str | None = None
    coded_by: Coding | None = None
