"""A GED row as records: an event with UCDP's estimate as a figure, its sides, its sources.

docs/ucdp.md tabulates the mapping. The event's one figure is UCDP's count of the dead (killed,
reported, claimant ``ucdp``, every victim of the event): an exact count when low, best and high
are one number, else the range low to high with best its most likely point, which every shipped
policy turns back into the same best, low and high. Side A is ``actor1`` and side B ``actor2``,
with the ACLED actor types that give back the row's type of violence. What the records cannot
hold (UCDP's ids, the split of best, its own text where the records render other text) is kept
on the event as :class:`~eventcode.model.GedCell` values (``event.ucdp``, format 1.2).
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import evolve

from eventcode.acled.mapping import Lookups, country_alpha3, stable_id
from eventcode.model import (
    Actor,
    Basis,
    Claimant,
    ClaimantKind,
    Count,
    DatePrecision,
    DateSpan,
    Document,
    Event,
    EventActor,
    Figure,
    GedCell,
    Place,
    PlacePrecision,
    Subject,
    UcdpRow,
    VictimCategory,
)
from eventcode.rules import Policy
from eventcode.ucdp.cells import parse_coordinate, parse_count, parse_day
from eventcode.ucdp.columns import GED_COLUMNS, GedHeader
from eventcode.ucdp.reader import GedRow
from eventcode.ucdp.rendering import render_event
from eventcode.ucdp.row_checks import event_id_of
from eventcode.ucdp.sides import CIVILIANS, ONE_SIDED, STATE_BASED

__all__ = ["UCDP_CLAIMANT", "GedMapper"]

#: The claimant of the figure read from a GED row.
UCDP_CLAIMANT = Claimant(
    id="ucdp",
    name="UCDP",
    kind=ClaimantKind.ANALYST,
    notes="Uppsala Conflict Data Program: the estimates of its Georeferenced Event Dataset "
    "(GED), best within low to high.",
)
_DATE_PRECISION = {p.ucdp_date_prec: p for p in DatePrecision}
_PLACE_PRECISION = {p.ucdp_where_prec: p for p in PlacePrecision}
_GOVERNMENT = "Government of "
#: ACLED's actor types the sides of a GED row get, by type of violence.
_STATE_FORCES, _REBELS, _CIVILIAN_TYPE = 1, 2, 7


def _types(kind: int | None, side_a: str, side_b: str) -> tuple[int | None, int | None]:
    """Return the ACLED actor types of side A and side B that give back ``kind``."""
    government_a = _STATE_FORCES if side_a.startswith(_GOVERNMENT) else None
    if kind == STATE_BASED:
        return _STATE_FORCES, _STATE_FORCES if side_b.startswith(_GOVERNMENT) else _REBELS
    if kind == ONE_SIDED:
        return government_a, _CIVILIAN_TYPE
    return None, None


def _estimate(event_id: str, cells: Mapping[str, str]) -> Figure:
    best = parse_count(cells["best"])
    low = parse_count(cells["low"]) if cells.get("low") else best
    high = parse_count(cells["high"]) if cells.get("high") else best
    phrase = f"best {best} (low {low}, high {high})"
    value = (
        Count.exact(best, phrase)
        if low == best == high
        else Count.between(low, high, phrase, most_likely=best)
    )
    return Figure(
        id=f"{event_id}/deaths",
        quantity="killed",
        subject=Subject(category=VictimCategory.MIXED),
        value=value,
        basis=Basis.REPORTED,
        claimant=UCDP_CLAIMANT.id,
    )


def _span(cells: Mapping[str, str]) -> DateSpan:
    start = parse_day(cells["date_start"])
    end = parse_day(cells["date_end"]) if cells.get("date_end") else start
    code = cells.get("date_prec", "")
    if code:
        precision = _DATE_PRECISION[int(code)]
    else:
        precision = DatePrecision.DAY if end == start else DatePrecision.DAYS
    return DateSpan(start=start, end=None if end == start else end, precision=precision)


def _place(cells: Mapping[str, str]) -> Place | None:
    """Return the place of a row: named by where_coordinates, else its units or country.

    Coordinates are read only when the row gives both; a row with coordinates and no name is
    named by them; a row with neither has no place.
    """
    get = cells.get
    latitude, longitude = get("latitude", ""), get("longitude", "")
    both = bool(latitude and longitude)
    names = (get("where_coordinates"), get("adm_2"), get("adm_1"), get("country"))
    name = next((n for n in names if n), f"{latitude}, {longitude}" if both else "")
    if not name:
        return None
    code = get("where_prec", "")
    return Place(
        name=name,
        country=country_alpha3(cells["country"]) if get("country") else None,
        admin1=get("adm_1") or None,
        admin2=get("adm_2") or None,
        latitude=parse_coordinate(latitude, 90, "latitude") if both else None,
        longitude=parse_coordinate(longitude, 180, "longitude") if both else None,
        precision=_PLACE_PRECISION[int(code)] if code else None,
    )


class GedMapper:
    """Builds records from the checked rows of one file, each actor and source once.

    Memory grows with the number of distinct side and source names, never with rows.
    ``policy`` renders the event back to tell which cells to keep.
    """

    def __init__(self, header: GedHeader, policy: Policy) -> None:
        self.header = header
        self.policy = policy
        self._actors: dict[str, Actor] = {}
        self._documents: dict[str, Document] = {}
        self.lookups = Lookups(
            actors=self._actors,
            documents=self._documents,
            claimants={UCDP_CLAIMANT.id: UCDP_CLAIMANT},
        )
        self._present = [c for c in GED_COLUMNS if c in header.columns]

    def _role(self, name: str, inter: int | None, new: list[Actor]) -> EventActor:
        actor_id = stable_id("actor", name)
        if actor_id not in self._actors:
            actor = Actor(id=actor_id, name=name)
            self._actors[actor_id] = actor
            new.append(actor)
        return EventActor(actor=actor_id, inter=inter)

    def _document(self, outlet: str, new: list[Document]) -> str:
        doc_id = stable_id("source", outlet)
        if doc_id not in self._documents:
            doc = Document(id=doc_id, outlet=outlet)
            self._documents[doc_id] = doc
            new.append(doc)
        return doc_id

    def records(self, row: GedRow) -> tuple[Event, list[Actor], list[Document]]:
        """Return the event of a checked row, and the actors and sources first seen in it.

        The event keeps, as ``event.ucdp``, the cells the records do not give back as read.
        Raises ``ValueError`` for a value the row checks should have caught.
        """
        cells = row.cells
        event_id = event_id_of(row)
        new_actors: list[Actor] = []
        new_docs: list[Document] = []
        code = cells.get("type_of_violence", "")
        kind = int(code) if code else None
        side_a, side_b = cells.get("side_a", ""), cells.get("side_b", "")
        type_a, type_b = _types(kind, side_a, side_b)
        outlets = dict.fromkeys(p.strip() for p in cells.get("source_office", "").split(";"))
        event = Event(
            id=event_id,
            date=_span(cells),
            place=_place(cells),
            actor1=self._role(side_a, type_a, new_actors) if side_a else None,
            actor2=self._role(side_b, type_b, new_actors) if side_b else None,
            civilian_targeting=kind == ONE_SIDED or side_b == CIVILIANS,
            figures=(_estimate(event_id, cells),),
            documents=tuple(self._document(o, new_docs) for o in outlets if o),
        )
        kept = self._kept(event, cells)
        if kept:
            event = evolve(event, ucdp=UcdpRow(cells=kept))
        return event, new_actors, new_docs

    def _kept(self, event: Event, cells: Mapping[str, str]) -> tuple[GedCell, ...]:
        """Return the cells the records do not give back as they were read."""
        rendered = render_event(event, self.lookups, self.policy).cells
        kept = [GedCell(column=c, value=cells[c]) for c in self._present if cells[c] != rendered[c]]
        # An unnamed column (a trailing comma on every line) holds nothing to keep when blank.
        kept += [GedCell(column=c, value=cells[c]) for c in self.header.extra if c or cells[c]]
        return tuple(kept)
