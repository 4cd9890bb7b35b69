"""Events: what happened, when, where, between whom, as classified by ACLED and/or CAMEO."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from attrs import field, frozen

from eventcode.model._convert import as_strings, as_tuple, keeps
from eventcode.model.constraints import CAMEO_EVENT_PATTERN, ID_PATTERN, constrain
from eventcode.model.dates import DateSpan, StatedOn
from eventcode.model.figures import Evidence, Figure
from eventcode.model.places import Place
from eventcode.model.vocabulary import ActorRole, Basis, VictimRelation

__all__ = [
    "ACLED_EVENT_ID_PATTERN",
    "AcledCell",
    "AcledClass",
    "Attribution",
    "Coding",
    "Event",
    "EventActor",
    "GedCell",
    "UcdpRow",
    "VictimGroup",
]

#: ACLED's ``event_id_cnty``: three capital letters and a number (``UKR148710``).
ACLED_EVENT_ID_PATTERN = r"^[A-Z]{3}[0-9]+$"


def _cells(items: Iterable[AcledCell]) -> tuple[AcledCell, ...]:
    return as_tuple(items)


def _ged_cells(items: Iterable[GedCell]) -> tuple[GedCell, ...]:
    return as_tuple(items)


def _roles(items: Iterable[EventActor]) -> tuple[EventActor, ...]:
    return as_tuple(items)


def _figures(items: Iterable[Figure]) -> tuple[Figure, ...]:
    return as_tuple(items)


def _groups(items: Iterable[VictimGroup]) -> tuple[VictimGroup, ...]:
    return as_tuple(items)


def _attributions(items: Iterable[Attribution]) -> tuple[Attribution, ...]:
    return as_tuple(items)


keeps((tuple,), _cells, _ged_cells, _roles, _figures, _groups, _attributions)


@frozen(kw_only=True)
class AcledCell:
    """One ACLED cell kept as written: a column the record has no field for, or its spelling.

    Readers of ACLED files keep the extra columns (``population_best``) and cells whose text the
    record does not determine (a country ACLED's tables do not know, with its ``iso`` and
    ``region``; a coordinate written ``50.4500``) so that writing the event back reproduces them;
    docs/acled.md says when a kept cell is written.
    """

    column: str = field(metadata=constrain(min_length=1))
    value: str


@frozen(kw_only=True)
class AcledClass:
    """An event's place in ACLED's taxonomy, and what ACLED alone records about it.

    ``disorder_type``, ``event_type`` and ``sub_event_type`` classify the event. The optional
    fields carry ACLED's own bookkeeping so that ACLED rows survive a round trip: its
    ``event_id_cnty``; ``source_scale``, the scale of the event's sources taken together
    (``National-International``); ``timestamp``, the Unix seconds of ACLED's last upload or edit;
    and ``cells``, cells kept as written (extra columns such as ``population_best``).
    """

    disorder_type: str = field(metadata=constrain(min_length=1))
    event_type: str = field(metadata=constrain(min_length=1))
    sub_event_type: str = field(metadata=constrain(min_length=1))
    event_id_cnty: str | None = field(
        default=None, metadata=constrain(pattern=ACLED_EVENT_ID_PATTERN)
    )
    source_scale: str | None = field(default=None, metadata=constrain(min_length=1))
    timestamp: int | None = field(default=None, metadata=constrain(minimum=0))
    cells: tuple[AcledCell, ...] = field(default=(), converter=_cells)

    @classmethod
    def from_sub_event_type(cls, sub_event_type: str, **acled: Any) -> AcledClass:
        """Return the class of ``sub_event_type``, its event and disorder types from ACLED's table.

        ``acled`` sets the other fields (``event_id_cnty``, ``timestamp``, ...). Raises
        :class:`~eventcode.codebooks.UnknownCodeError` (with the nearest names) for a
        sub-event type ACLED does not have.
        """
        from eventcode import codebooks

        known = codebooks.acled_sub_event_type(sub_event_type)
        return cls(
            disorder_type=known.disorder_type,
            event_type=known.event_type,
            sub_event_type=known.name,
            **acled,
        )


@frozen(kw_only=True)
class GedCell:
    """One cell of a UCDP GED row kept as read: a column the records have no field for, or text.

    Reading GED keeps UCDP's ids (``id``, ``conflict_new_id``, ``priogrid_gid``, ...), the split
    of best into its four deaths columns, and cells whose text the records render otherwise
    (UCDP's sources, ``event_clarity``), so that writing the event back as GED reproduces the
    row; docs/ucdp.md says when a kept cell is written.
    """

    column: str = field(metadata=constrain(min_length=1))
    value: str


@frozen(kw_only=True)
class UcdpRow:
    """What UCDP's GED row of an event held that the records do not (format 1.2).

    ``cells`` are the row's cells kept as read (:class:`GedCell`), in the row's column order.
    """

    cells: tuple[GedCell, ...] = field(default=(), converter=_ged_cells)


@frozen(kw_only=True)
class EventActor:
    """An actor as an event names it, with the ACLED actor type (1-8) it has in this event.

    ``inter`` ``None`` means the actor's own default type.
    """

    actor: str = field(metadata=constrain(pattern=ID_PATTERN))
    inter: int | None = field(default=None, metadata=constrain(minimum=1, maximum=8))


@frozen(kw_only=True)
class Attribution:
    """Who did it, according to whom: one claimant's attribution of an event's actor.

    ``actor`` is an actor id; ``role`` the side it is named for (``actor1``, the perpetrator, by
    default); ``inter`` its ACLED actor type in this event (``None``: the actor's default);
    ``claimant`` who attributes it, on what ``basis``, when (``stated_on``) and where
    (``evidence``); ``civilian_targeting`` the claimant's word on whether civilians were the
    target (an air strike on a hospital, or a misfired rocket: ``None`` when it says nothing).
    Attributions of one role that name different actors are a dispute.
    """

    actor: str = field(metadata=constrain(pattern=ID_PATTERN))
    role: ActorRole = ActorRole.ACTOR1
    inter: int | None = field(default=None, metadata=constrain(minimum=1, maximum=8))
    claimant: str = field(metadata=constrain(pattern=ID_PATTERN))
    basis: Basis
    stated_on: StatedOn | None = None
    civilian_targeting: bool | None = None
    evidence: Evidence | None = None
    notes: str | None = None


@frozen(kw_only=True)
class VictimGroup:
    """A coder's statement about which figures of an event count which victims.

    ``relation`` ``same``: the ``figures`` count the same people under different descriptions
    (competing accounts: one victim group, its identity disputed where the descriptions differ);
    ``distinct``: they count different people and are never merged by inference. Figures are ids
    of the event's own figures.
    """

    figures: tuple[str, ...] = field(converter=as_strings, metadata=constrain(pattern=ID_PATTERN))
    relation: VictimRelation = VictimRelation.SAME
    notes: str | None = None


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
    sources say was counted; ``victim_groups`` what the coder states about which figures count
    the same victims (see :class:`VictimGroup`); ``attributions`` who did it according to whom
    (:class:`Attribution`), where sources disagree; ``about`` the id of the event a statement
    event is about ("X accuses Y of the strike").
    """

    id: str = field(metadata=constrain(pattern=ID_PATTERN))
    date: DateSpan
    place: Place | None = None
    acled: AcledClass | None = None
    cameo: str | None = field(default=None, metadata=constrain(pattern=CAMEO_EVENT_PATTERN))
    actor1: EventActor | None = None
    actor2: EventActor | None = None
    assoc_actor1: tuple[EventActor, ...] = field(default=(), converter=_roles)
    assoc_actor2: tuple[EventActor, ...] = field(default=(), converter=_roles)
    civilian_targeting: bool = False
    figures: tuple[Figure, ...] = field(default=(), converter=_figures)
    victim_groups: tuple[VictimGroup, ...] = field(default=(), converter=_groups)
    attributions: tuple[Attribution, ...] = field(default=(), converter=_attributions)
    about: str | None = field(default=None, metadata=constrain(pattern=ID_PATTERN))
    documents: tuple[str, ...] = field(
        default=(), converter=as_strings, metadata=constrain(pattern=ID_PATTERN)
    )
    tags: tuple[str, ...] = field(
        default=(), converter=as_strings, metadata=constrain(min_length=1)
    )
    notes: str | None = None
    coded_by: Coding | None = None
    ucdp: UcdpRow | None = None
