"""Rows to records and records to rows: the one mapping between ACLED columns and eventcode.

docs/acled.md tabulates it. Reading a row builds an :class:`~eventcode.Event` plus the actors,
documents and the ``acled`` claimant it refers to (each once, with an id derived from its name);
ACLED's fatality count becomes a figure (killed, reported, claimant ``acled``, victims unknown)
that the ACLED fatality policy turns back into the same count. Rendering an event gives its 31
current cells and its extra cells.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from typing import Protocol

from attrs import evolve, frozen

from eventcode import codebooks
from eventcode.acled.layouts import CURRENT_COLUMNS, DROPPED_COLUMNS, LIST_COLUMNS, Layout
from eventcode.acled.notes import may_hold, with_disputes
from eventcode.acled.options import AcledStyle
from eventcode.acled.rows import AcledHeader
from eventcode.acled.values import (
    CodeStyle,
    join_list,
    parse_civilian_targeting,
    parse_coordinate,
    parse_count,
    parse_date,
    parse_integer,
    parse_inter,
    parse_interaction,
    render_civilian_targeting,
    render_coordinate,
    render_date,
    render_inter,
    render_interaction,
    split_list,
)
from eventcode.model import (
    AcledClass,
    Actor,
    Basis,
    Claimant,
    ClaimantKind,
    Count,
    Dataset,
    DatePrecision,
    DateSpan,
    Document,
    Event,
    EventActor,
    Figure,
    Place,
    PlacePrecision,
    Subject,
    VictimCategory,
)
from eventcode.model.events import AcledCell
from eventcode.rules import Policy, acled_fatalities
from eventcode.rules.attribution import UNIDENTIFIED_TYPE, attributed_actor
from eventcode.rules.crowds import CROWD_TAG_PREFIX, crowd_tag

__all__ = [
    "ACLED_CLAIMANT",
    "TARGETING_EVENT_TYPE",
    "Lookups",
    "Parties",
    "RowMapper",
    "cells_or_reason",
    "country_alpha3",
    "event_day",
    "event_id_of",
    "exclusion_reason",
    "notes_and_tags",
    "render_event",
    "stable_id",
]

#: The claimant of the fatality figure read from an ACLED row.
ACLED_CLAIMANT = Claimant(
    id="acled",
    name="ACLED",
    kind=ClaimantKind.ANALYST,
    notes="Armed Conflict Location & Event Data: the lowest reported count, per its codebook.",
)
_TIME_PRECISION = {1: DatePrecision.DAY, 2: DatePrecision.WEEK, 3: DatePrecision.MONTH}
_GEO_PRECISION = {1: PlacePrecision.PLACE, 2: PlacePrecision.NEAR_PLACE, 3: PlacePrecision.REGION}
_SIZE_NOTE = re.compile(r"\s*\[size=([^\]]*)\]\s*$")
_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def stable_id(prefix: str, name: str) -> str:
    """Return the id a name always gets: a readable slug and 8 hex digits of its SHA-1."""
    slug = _SLUG.sub("-", name.casefold()).strip("-")[:40].strip("-") or "x"
    digest = hashlib.sha1(name.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return f"{prefix}:{slug}.{digest}"


@frozen(kw_only=True)
class Lookups:
    """The parties and documents events refer to, by id."""

    actors: Mapping[str, Actor]
    documents: Mapping[str, Document]
    claimants: Mapping[str, Claimant]

    @classmethod
    def of(cls, dataset: Dataset) -> Lookups:
        """Return the lookups of a dataset."""
        return cls(
            actors={a.id: a for a in dataset.actors},
            documents={d.id: d for d in dataset.documents},
            claimants={c.id: c for c in dataset.claimants},
        )


class Parties(Protocol):
    """What rendering an event looks up: the parties and documents, by id.

    A :class:`Lookups`, or the checks' context of a stream
    (:class:`~eventcode.checks.context.Context`).
    """

    @property
    def actors(self) -> Mapping[str, Actor]:
        """The actors, by id."""
        ...

    @property
    def documents(self) -> Mapping[str, Document]:
        """The documents, by id."""
        ...

    @property
    def claimants(self) -> Mapping[str, Claimant]:
        """The claimants, by id."""
        ...


# ------------------------------------------------------------------------------ records to row


def _inter(role: EventActor | None, lookups: Parties) -> int | None:
    if role is None:
        return None
    if role.inter is not None:
        return role.inter
    actor = lookups.actors.get(role.actor)
    return actor.inter if actor is not None else None


def exclusion_reason(event: Event, lookups: Parties) -> str | None:
    """Return why ACLED would not record ``event`` as it stands (``None``: it would)."""
    return _excluded(event, lookups)[0]


#: What :func:`_excluded` tells of an event ACLED records: no reason, and what it looked up.
_Recorded = tuple[None, codebooks.AcledCountry | None, int, int | None]


def _excluded(event: Event, lookups: Parties) -> tuple[str, None, None, None] | _Recorded:
    """Return :func:`exclusion_reason`'s reason, or ``None`` and what was looked up to tell.

    That is the place's country in ACLED's table and the actor types coded of actor1 and
    actor2 (:func:`_inter`), which rendering the event uses again.
    """
    place = event.place
    if event.acled is None:
        return _not_recorded("no ACLED classification (a CAMEO-only event)")
    if _time_precision(event.date.precision) is None:
        return _not_recorded("date known only to the year")
    if place is None:
        return _not_recorded("no place")
    if place.latitude is None and place.longitude is None:
        return _not_recorded("no coordinates")
    if (place.latitude is None) != (place.longitude is None):
        return _not_recorded("only one coordinate")
    if place.precision is None:
        return _not_recorded("no place precision")
    country = _country(place)
    if country is None and not _kept(event, "country"):
        return _not_recorded("country not in ACLED's table")
    if event.actor1 is None:
        return _not_recorded("no actor1")
    inter1 = _inter(event.actor1, lookups)
    if inter1 is None:
        return _not_recorded("no actor1 type")
    inter2 = _inter(event.actor2, lookups)
    if event.actor2 is not None and inter2 is None:
        return _not_recorded("no actor2 type")
    return None, country, inter1, inter2


def _not_recorded(reason: str) -> tuple[str, None, None, None]:
    """Return :func:`_excluded`'s answer for an event ACLED would not record, for ``reason``."""
    return reason, None, None, None


def _kept(event: Event, column: str) -> bool:
    acled = event.acled
    return acled is not None and bool(acled.cells) and any(c.column == column for c in acled.cells)


def _country(place: Place) -> codebooks.AcledCountry | None:
    if place.country is None:
        return None
    try:
        return codebooks.acled_country_by_alpha3(place.country)
    except codebooks.UnknownCodeError:
        return None


def _name(role: EventActor | None, lookups: Parties) -> str:
    if role is None:
        return ""
    actor = lookups.actors.get(role.actor)
    return actor.name if actor is not None else role.actor


def _country_name(country: codebooks.AcledCountry | None) -> str | None:
    return None if country is None else country.name


def _perpetrator(
    event: Event, actor1: EventActor, lookups: Parties, country: str | None, coded: int | None
) -> tuple[str, int]:
    """Return actor1's name and type: as coded, or by the attribution export rule.

    ``country`` is the ACLED name of the event's country; ``coded`` actor1's type as coded
    (:func:`_inter`).
    """
    found = attributed_actor(event, lookups.claimants, country)
    if found is None:
        if coded is None:
            raise ValueError(f"event {event.id!r} has no actor1 type (see exclusion_reason)")
        return _name(actor1, lookups), coded
    if found.actor is None:
        return found.name or "", found.inter or UNIDENTIFIED_TYPE
    role = EventActor(actor=found.actor, inter=found.inter)
    inter = _inter(role, lookups)
    if inter is None:
        inter = coded if found.actor == actor1.actor and coded is not None else UNIDENTIFIED_TYPE
    return _name(role, lookups), inter


def _targeted(event: Event, lookups: Parties, country: str | None) -> bool:
    """Return civilian targeting: the exported attribution's word where it gives one.

    ``country`` is the ACLED name of the event's country.
    """
    found = attributed_actor(event, lookups.claimants, country)
    if found is None or found.civilian_targeting is None:
        return event.civilian_targeting
    battle = event.acled is not None and event.acled.event_type == "Battles"
    return found.civilian_targeting and not battle  # ACLED never marks a battle (C013)


def _tags(event: Event, lookups: Parties, policy: Policy) -> list[str]:
    """Return the event's tags, with the derived crowd-size tag when the coder wrote none."""
    tags = list(event.tags)
    if any(t.lower().startswith(CROWD_TAG_PREFIX) for t in tags):
        return tags
    derived = crowd_tag(event, lookups.claimants, policy)
    return tags if derived is None else [*tags, derived.text]


def _source_scale(event: Event, acled: AcledClass, lookups: Parties) -> str:
    if acled.source_scale is not None:
        return acled.source_scale
    scales: list[str] = []
    for doc_id in event.documents:
        doc = lookups.documents.get(doc_id)
        if doc is not None and doc.source_scale and doc.source_scale not in scales:
            scales.append(doc.source_scale)
    return "-".join(scales)


def _timestamp(event: Event, acled: AcledClass, default: int | None) -> str:
    if acled.timestamp is not None:
        return str(acled.timestamp)
    if event.coded_by is not None and event.coded_by.coded_on is not None:
        moment = datetime.combine(event.coded_by.coded_on, time(), tzinfo=UTC)
        seconds = int(moment.timestamp())
        if seconds >= 0:  # a coding date before 1970 has no Unix timestamp ACLED could hold
            return str(seconds)
    return "" if default is None else str(default)


def event_day(span: DateSpan) -> date:
    """Return the single day ACLED records for a span (its ``event_date``).

    The day itself, or the middle of a week or month.
    """
    middle = span.start
    if span.end is not None:
        middle += timedelta(days=(span.end - middle).days // 2)
    return middle if type(middle) is date else datetime.combine(middle, time()).date()


@cache
def _time_precision(precision: DatePrecision) -> int | None:
    """Return ACLED's ``time_precision`` of a date precision (``None``: not recorded)."""
    return precision.acled_time_precision


@cache
def _time_precision_cell(precision: DatePrecision) -> str:
    """Return the ``time_precision`` cell of a date precision ACLED records."""
    return str(_time_precision(precision))


@cache
def _geo_precision_cell(precision: PlacePrecision) -> str:
    """Return the ``geo_precision`` cell of a place precision."""
    return str(precision.acled_geo_precision)


def render_event(
    event: Event,
    lookups: Parties,
    style: AcledStyle,
    policy: Policy,
    *,
    event_id: str = "",
    timestamp: int | None = None,
) -> dict[str, str]:
    """Return the cells of an event ACLED would record: the 31 current columns, then extras.

    ``event_id`` is used when the event has no ``event_id_cnty``. Cells the event keeps as
    written (:class:`~eventcode.model.AcledCell`) replace the rendered ones as docs/acled.md
    describes. Raises ``ValueError`` for an event :func:`exclusion_reason` leaves out.
    """
    found = cells_or_reason(event, lookups, style, policy, event_id=event_id, timestamp=timestamp)
    if isinstance(found, str):
        raise ValueError(f"ACLED would not record event {event.id!r}: {found}")
    return found[0]


def cells_or_reason(
    event: Event,
    lookups: Parties,
    style: AcledStyle,
    policy: Policy,
    *,
    event_id: str = "",
    timestamp: int | None = None,
    fatalities: str | None = None,
    blank_unless: str | None = None,
) -> tuple[dict[str, str], dict[str, int]] | str:
    """Return :func:`render_event`'s cells and the kept ones, or why ACLED leaves the event out.

    The second value maps each column written from a kept cell to that cell's index in
    ``event.acled.cells`` (the last of the cells naming a column wins). The reason is
    :func:`exclusion_reason`'s, asked once: a caller that renders the events ACLED records and
    treats the others apart need not ask first.

    ``fatalities``, when given, stands for the ``fatalities`` cell of an event that keeps no
    such cell, for a caller that checks the cells rather than writes them: the writer's cell
    is ACLED's count in digits (:func:`~eventcode.rules.acled_fatalities`), which every row
    check of the column passes as any other count does, so the count need not be derived.
    ``blank_unless``, when given (one control character), has the ``notes`` and ``tags`` cells
    of an event that keeps no such cell left blank when it cannot hold that character
    (:func:`~eventcode.acled.notes.may_hold`, :func:`_tags_may_hold`), for a caller that reads
    them for that character alone (the row checks' NUL): the dispute summary and the crowd
    tag need not be worked out.
    """
    acled, place, actor1 = event.acled, event.place, event.actor1
    reason, country, coded1, inter2 = _excluded(event, lookups)
    if reason is not None:
        return reason
    if acled is None or place is None or actor1 is None:
        raise ValueError(f"ACLED would not record event {event.id!r}: {reason}")
    if place.latitude is None or place.longitude is None or place.precision is None:
        raise ValueError(f"ACLED would not record event {event.id!r}: no coordinates")
    country_name = _country_name(country)
    actor1_name, inter1 = _perpetrator(event, actor1, lookups, country_name, coded1)
    day = event_day(event.date)
    cells = {
        "event_id_cnty": acled.event_id_cnty or event_id,
        "event_date": render_date(day, style.dates),
        "year": f"{day.year:04d}",
        "time_precision": _time_precision_cell(event.date.precision),
        "disorder_type": acled.disorder_type,
        "event_type": acled.event_type,
        "sub_event_type": acled.sub_event_type,
        "actor1": actor1_name,
        "assoc_actor_1": join_list([_name(r, lookups) for r in event.assoc_actor1]),
        "inter1": render_inter(inter1, style.codes),
        "actor2": _name(event.actor2, lookups),
        "assoc_actor_2": join_list([_name(r, lookups) for r in event.assoc_actor2]),
        "inter2": render_inter(inter2, style.codes),
        "interaction": render_interaction(inter1, inter2, style.codes),
        "civilian_targeting": render_civilian_targeting(_targeted(event, lookups, country_name)),
        "iso": "" if country is None or country.iso is None else str(country.iso),
        "region": "" if country is None else country.region,
        "country": "" if country is None else country.name,
        "admin1": place.admin1 or "",
        "admin2": place.admin2 or "",
        "admin3": place.admin3 or "",
        "location": place.name,
        "latitude": render_coordinate(place.latitude),
        "longitude": render_coordinate(place.longitude),
        "geo_precision": _geo_precision_cell(place.precision),
        "source": join_list([_outlet(d, lookups) for d in event.documents]),
        "source_scale": _source_scale(event, acled, lookups),
        "notes": _notes(event, lookups, country_name, blank_unless),
        "fatalities": (
            fatalities
            if fatalities is not None and not _kept(event, "fatalities")
            else _fatalities(event, lookups, policy)
        ),
        "tags": _tags_cell(event, lookups, policy, blank_unless),
        "timestamp": _timestamp(event, acled, timestamp),
    }
    used: dict[str, int] = {}
    for index, kept in enumerate(acled.cells):
        if kept.column not in cells or _use_kept(kept.column, cells[kept.column], kept.value):
            cells[kept.column] = _in_style(kept.column, kept.value, style)
            used[kept.column] = index
    return cells, used


def _notes(event: Event, lookups: Parties, country: str | None, unless: str | None) -> str:
    """Return the ``notes`` cell, or a blank when it cannot hold ``unless`` (see above)."""
    if (
        unless is not None
        and not _kept(event, "notes")
        and not may_hold(event, lookups.claimants, country, unless)
    ):
        return ""
    return with_disputes(event, lookups.claimants, lookups.actors, country)


def _tags_cell(event: Event, lookups: Parties, policy: Policy, unless: str | None) -> str:
    """Return the ``tags`` cell, or a blank when it cannot hold ``unless`` (see above)."""
    if unless is not None and not _kept(event, "tags") and not _tags_may_hold(event, unless):
        return ""
    return join_list(_tags(event, lookups, policy))


def _tags_may_hold(event: Event, character: str) -> bool:
    """Tell whether :func:`_tags`'s tags may hold ``character``: false only if they cannot.

    ``character`` is a control character (as :func:`~eventcode.acled.notes.may_hold` takes),
    which no word or number of a derived crowd tag holds: its only other text is the term of a
    crowd figure's count (:func:`~eventcode.rules.crowds.crowd_tag`), so a character in no tag
    of the event and in no figure's term is in no tag the writer writes.
    """
    if any(character in tag for tag in event.tags):
        return True
    return any(
        f.value.term is not None and character in f.value.term for f in event.figures
    )


def _fatalities(event: Event, lookups: Parties, policy: Policy) -> str:
    """Return the ``fatalities`` cell: ACLED's count of the event, in digits."""
    return str(acled_fatalities(event, lookups.claimants, policy, actors=lookups.actors).value)


def _in_style(column: str, text: str, style: AcledStyle) -> str:
    """Return a kept cell as ``style`` writes it (a styled cell it can read; else as kept)."""
    if column not in _STYLED_COLUMNS:
        return text
    try:
        if column == "event_date":
            return render_date(parse_date(text), style.dates)
        if column == "interaction":
            found = codebooks.parse_acled_interaction(parse_interaction(text))
            return str(found.code) if style.codes is CodeStyle.NUMERIC else found.label
        return render_inter(parse_inter(text), style.codes)
    except (ValueError, LookupError):
        return text


def _outlet(doc_id: str, lookups: Parties) -> str:
    doc = lookups.documents.get(doc_id)
    return doc.outlet if doc is not None else doc_id


def _meaning(column: str, text: str) -> object:
    """Return what a cell means, so that two spellings of one value compare equal."""
    try:
        if column == "event_date":
            return parse_date(text)
        if column in ("latitude", "longitude"):
            return parse_coordinate(text, 90 if column == "latitude" else 180, column)
        if column in ("inter1", "inter2"):
            return parse_inter(text)
        if column == "interaction":
            return codebooks.parse_acled_interaction(parse_interaction(text)).code
        if column == "civilian_targeting":
            return parse_civilian_targeting(text)
        if column in ("year", "time_precision", "geo_precision", "fatalities", "iso", "timestamp"):
            return parse_integer(text)
    except (ValueError, LookupError):
        return text
    if column in LIST_COLUMNS:
        return tuple(split_list(text))
    return text


#: Columns whose spelling the output style decides (AcledStyle): one style per written file.
_STYLED_COLUMNS = frozenset({"event_date", "inter1", "inter2", "interaction"})


def _use_kept(column: str, rendered: str, kept: str) -> bool:
    """Whether a kept cell replaces the rendered one: the record cannot say, or agrees.

    A styled cell that agrees is rendered in the output's style, never kept as written (and
    one used because the record cannot say is restyled, :func:`_in_style`): a file's rows share
    one date and code style whatever file each row came from.
    """
    if rendered == "":
        return True
    if column in _STYLED_COLUMNS:
        return False
    return column == "region" or _meaning(column, rendered) == _meaning(column, kept)


# ------------------------------------------------------------------------------ row to records


def notes_and_tags(cells: Mapping[str, str], layout: Layout) -> tuple[str, list[str]]:
    """Return a row's notes and tags as its event holds them.

    A legacy export ends its notes with the crowd size (``[size=no report]``): that is the
    tag ``crowd size=no report``, and the notes are the rest.
    """
    notes, tags = cells.get("notes", ""), split_list(cells.get("tags", ""))
    if layout is Layout.LEGACY and (size := _SIZE_NOTE.search(notes)):
        notes = notes[: size.start()]
        tags = [*tags, f"crowd size={size[1]}"]
    return notes, tags


class RowMapper:
    """Builds records from the rows of one file, giving each actor and source one record.

    Memory grows with the number of distinct actor and source names, never with rows.
    ``style`` is the file's (its first row's) so that cells it would render otherwise are kept.
    """

    def __init__(self, header: AcledHeader, style: AcledStyle) -> None:
        self.header = header
        self.style = style
        self.policy = _acled_policy()
        self._actors: dict[str, Actor] = {}
        self._documents: dict[str, Document] = {}
        self._lookups = Lookups(
            actors=self._actors, documents=self._documents, claimants={"acled": ACLED_CLAIMANT}
        )
        self.claimant_sent = False
        self._compared = _compared_columns(header)
        self._dropped = tuple(c for c in header.columns if c in DROPPED_COLUMNS)
        self._actor_ids: dict[str, str] = {}
        self._document_ids: dict[str, str] = {}

    def _role(self, name: str, inter: int | None, new: list[Actor]) -> EventActor:
        actor_id = self._actor_ids.get(name)
        if actor_id is None:
            actor_id = self._actor_ids[name] = stable_id("actor", name)
            if actor_id not in self._actors:
                actor = Actor(id=actor_id, name=name)
                self._actors[actor_id] = actor
                new.append(actor)
        return EventActor(actor=actor_id, inter=inter)

    def _document(self, outlet: str, new: list[Document]) -> str:
        doc_id = self._document_ids.get(outlet)
        if doc_id is None:
            doc_id = self._document_ids[outlet] = stable_id("source", outlet)
            if doc_id not in self._documents:
                doc = Document(id=doc_id, outlet=outlet)
                self._documents[doc_id] = doc
                new.append(doc)
        return doc_id

    def records(
        self, cells: Mapping[str, str], second: Mapping[str, str] | None = None, line: int = 0
    ) -> tuple[Event, list[Actor], list[Document]]:
        """Return the event of a checked row (and, for a monadic pair, its second row).

        Also returns the actors and documents first seen in it. The row may lack any column
        of its layout but ``event_date`` (docs/acled.md, "Column subsets"); an event whose row
        gives no ``event_id_cnty`` gets the id ``acled:line-<line>`` (:func:`event_id_of`).
        Raises ``ValueError`` for a value the row checks should have caught.
        """
        new_actors: list[Actor] = []
        new_docs: list[Document] = []
        layout = self.header.layout
        get = cells.get
        event_id_cnty = get("event_id_cnty", "")
        event_id = event_id_of(event_id_cnty, line)
        day = parse_date(cells["event_date"])
        notes, tags = notes_and_tags(cells, layout)
        sub = get("sub_event_type", "")
        event_type = get("event_type", "")
        acled = None
        if sub:  # an ACLED class needs the sub-event type, which gives the rest
            known = codebooks.acled_sub_event_type(sub)
            event_type = event_type or known.event_type
            acled = AcledClass(
                disorder_type=get("disorder_type") or known.disorder_type,
                event_type=event_type,
                sub_event_type=sub,
                event_id_cnty=event_id_cnty or None,
                source_scale=get("source_scale") or None,
                timestamp=parse_integer(cells["timestamp"]) if get("timestamp") else None,
            )
        if second is None:
            actor2_name, inter2_text = get("actor2", ""), get("inter2", "")
            assoc2 = get("assoc_actor_2", "")
        else:  # a monadic pair: the second row's actor is actor2
            actor2_name, inter2_text = second.get("actor1", ""), second.get("inter1", "")
            assoc2 = second.get("assoc_actor_1", "")
        precision = get("time_precision")
        actor1 = get("actor1", "")
        event = Event(
            id=event_id,
            date=DateSpan(
                start=day,
                precision=_TIME_PRECISION[int(precision)] if precision else DatePrecision.DAY,
            ),
            place=_place(cells),
            acled=acled,
            actor1=(
                self._role(actor1, parse_inter(get("inter1", "")), new_actors) if actor1 else None
            ),
            actor2=(
                self._role(actor2_name, parse_inter(inter2_text), new_actors)
                if actor2_name
                else None
            ),
            assoc_actor1=tuple(
                self._role(n, None, new_actors) for n in split_list(get("assoc_actor_1", ""))
            ),
            assoc_actor2=tuple(self._role(n, None, new_actors) for n in split_list(assoc2)),
            civilian_targeting=_civilian_targeting(cells, layout, event_type),
            figures=(
                (_fatality_figure(event_id, cells["fatalities"]),) if "fatalities" in cells else ()
            ),
            documents=tuple(self._document(s, new_docs) for s in split_list(get("source", ""))),
            tags=tuple(tags),
            notes=notes or None,
        )
        return self._with_kept_cells(event, cells), new_actors, new_docs

    def _with_kept_cells(self, event: Event, cells: Mapping[str, str]) -> Event:
        if event.acled is None:
            return event  # a row without sub_event_type: no ACLED class to keep cells in
        if exclusion_reason(event, self._lookups) is not None:
            # The writer would leave this event out (and say why), so no cell of it is
            # rendered: keep every compared cell as written rather than compare.
            rendered: Mapping[str, str] = {}
        else:
            rendered = render_event(event, self._lookups, self.style, self.policy)
        kept = [
            AcledCell(column=c, value=cells[c])
            for c in self._compared
            if rendered.get(c) != cells[c] and (cells[c] or c != "event_id_cnty")
        ]
        # An unnamed column (a trailing comma on every line) holds nothing to keep; a record
        # cannot keep a cell without a column name.
        kept += [
            AcledCell(column=c, value=cells[c])
            for c in self.header.extra
            if c or cells[c]
        ]
        # The legacy layout's own columns the current one dropped (data_id, iso3): kept, and
        # written only when asked (AcledOptions.legacy_columns, convert --keep-extra).
        kept += [
            AcledCell(column=c, value=cells[c])
            for c in self._dropped
            if cells[c]
        ]
        if not kept:
            return event
        return evolve(event, acled=evolve(event.acled, cells=tuple(kept)))


#: The event type every event of which ACLED marks as civilian targeting (the current layout's
#: civilian_targeting column; the legacy layout has none, so reading one derives it).
TARGETING_EVENT_TYPE = "Violence against civilians"


def _civilian_targeting(cells: Mapping[str, str], layout: Layout, event_type: str) -> bool:
    """Return civilian targeting: the cell, or in the legacy layout what the current derives."""
    if layout is Layout.LEGACY and "civilian_targeting" not in cells:
        return event_type == TARGETING_EVENT_TYPE
    return parse_civilian_targeting(cells.get("civilian_targeting", ""))


def event_id_of(event_id_cnty: str, line: int) -> str:
    """Return the id of the event a row gives: ``acled:<event_id_cnty>``.

    A row without one (a blank cell, or a file without the column) gets ``acled:line-<line>``,
    ``line`` the line the row starts on: the same file always gives the same ids, and the
    event's ``acled.event_id_cnty`` stays unset, so that no writer takes it for ACLED's.
    """
    return f"acled:{event_id_cnty}" if event_id_cnty else f"acled:line-{line}"


def _place(cells: Mapping[str, str]) -> Place | None:
    """Return the place of a row: none without ``location`` (a place has a name).

    Coordinates are read only when the row gives both.
    """
    location = cells.get("location", "")
    if not location:
        return None
    get = cells.get
    latitude, longitude = get("latitude", ""), get("longitude", "")
    both = bool(latitude and longitude)
    precision = get("geo_precision")
    return Place(
        name=location,
        country=country_alpha3(cells["country"]) if get("country") else None,
        admin1=get("admin1") or None,
        admin2=get("admin2") or None,
        admin3=get("admin3") or None,
        latitude=parse_coordinate(latitude, 90, "latitude") if both else None,
        longitude=parse_coordinate(longitude, 180, "longitude") if both else None,
        precision=_GEO_PRECISION[int(precision)] if precision else None,
    )


def _compared_columns(header: AcledHeader) -> tuple[str, ...]:
    """Return the columns a read row must reproduce (the layout changes the rest).

    An inter2 without actor2 (a subset lacking actor2) has no actor to be the type of: it is
    checked, not kept.
    """
    present = set(header.columns)
    skip: set[str] = set()
    if header.layout is Layout.LEGACY:
        skip = {"notes", "tags", "disorder_type", "civilian_targeting"}
    elif header.layout is Layout.MONADIC:
        skip = {"actor1", "assoc_actor_1", "inter1", "interaction"}
    if "actor2" not in present:
        skip.add("inter2")
    return tuple(c for c in CURRENT_COLUMNS if c in present and c not in skip)


@lru_cache(maxsize=4096)
def country_alpha3(name: str) -> str | None:
    """Return the three-letter code of an ACLED country name (``None``: not in the table)."""
    try:
        return codebooks.acled_country(name).alpha3
    except codebooks.UnknownCodeError:
        return None


def _fatality_figure(event_id: str, text: str) -> Figure:
    return Figure(
        id=f"{event_id}/fatalities",
        quantity="killed",
        subject=Subject(category=VictimCategory.UNKNOWN),
        value=Count.exact(parse_count(text), phrase=text),
        basis=Basis.REPORTED,
        claimant=ACLED_CLAIMANT.id,
    )


def _acled_policy() -> Policy:
    from eventcode.rules import policy

    return policy("acled")
