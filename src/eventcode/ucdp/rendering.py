"""An event as a GED row: its 49 cells from the records (docs/ucdp.md tabulates them).

``priogrid_gid`` is the PRIO-GRID cell of the place's coordinates. Columns the records have no
field for (UCDP's ids, ``region``, ...) are blank here; the writer fills them from cells kept
when the event was read from GED.
"""

from __future__ import annotations

from attrs import frozen

from eventcode import codebooks
from eventcode.acled.mapping import Lookups
from eventcode.model import Event, Place
from eventcode.model.constraints import MAX_COUNT
from eventcode.rules import Policy
from eventcode.ucdp.cells import render_coordinate, render_day
from eventcode.ucdp.columns import GED_COLUMNS
from eventcode.ucdp.deaths import GedNumbers, ged_numbers
from eventcode.ucdp.priogrid import cell_of
from eventcode.ucdp.sides import Sides, sides_of

__all__ = ["SEPARATOR", "Rendered", "exclusion_reason", "render_event"]

#: What joins several sources in one cell (read back by splitting on ``;``).
SEPARATOR = "; "
#: The fewest deaths of an event GED records.
_FEWEST_DEATHS = 1


@frozen(kw_only=True)
class Rendered:
    """An event's GED cells, with the sides and numbers they came from."""

    cells: dict[str, str]
    sides: Sides
    numbers: GedNumbers


def exclusion_reason(numbers: GedNumbers, policy: Policy) -> str | None:
    """Return why GED would not record an event with these numbers (``None``: it would)."""
    if numbers.best < _FEWEST_DEATHS:
        return (
            f"best {numbers.best} under policy {policy.name}: GED records only events with at "
            "least one death"
        )
    largest = max(numbers.high, numbers.best, numbers.low, *numbers.deaths.values())
    if largest > MAX_COUNT:
        return (
            f"a count of {largest:,} under policy {policy.name}: more than a GED cell may hold "
            f"({MAX_COUNT:,}, the most a count may be)"
        )
    return None


def _country(place: Place | None) -> str:
    if place is None or place.country is None:
        return ""
    try:
        return codebooks.acled_country_by_alpha3(place.country).name
    except codebooks.UnknownCodeError:
        return ""


def _place_cells(place: Place | None) -> dict[str, str]:
    if place is None:
        return {}
    cells = {
        "where_coordinates": place.name,
        "adm_1": place.admin1 or "",
        "adm_2": place.admin2 or "",
        "where_prec": "" if place.precision is None else str(place.precision.ucdp_where_prec),
        "country": _country(place),
    }
    if place.latitude is not None and place.longitude is not None:
        latitude, longitude = render_coordinate(place.latitude), render_coordinate(place.longitude)
        cells |= {
            "latitude": latitude,
            "longitude": longitude,
            "geom_wkt": f"POINT ({longitude} {latitude})",
            "priogrid_gid": str(cell_of(place.latitude, place.longitude)),
        }
    return cells


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _source_cells(event: Event, lookups: Lookups, numbers: GedNumbers) -> dict[str, str]:
    outlets: list[str] = []
    dates: list[str] = []
    titles: list[str] = []
    articles: list[str] = []
    for doc_id in event.documents:
        doc = lookups.documents.get(doc_id)
        outlet = doc_id if doc is None else doc.outlet
        day = "" if doc is None or doc.published is None else doc.published.isoformat()
        title = "" if doc is None or doc.title is None else doc.title
        outlets.append(outlet)
        dates.append(day)
        titles.append(title)
        articles.append(", ".join(part for part in (outlet, day, title) if part))
    figures = {f.id: f for f in event.figures}
    speakers = []
    for figure_id in numbers.figures:
        figure = figures.get(figure_id)
        if figure is None:
            continue
        claimant_id = figure.claimant
        claimant = lookups.claimants.get(claimant_id)
        speakers.append(claimant_id if claimant is None else claimant.name)
    return {
        "number_of_sources": str(len(event.documents)),
        "source_article": SEPARATOR.join(_unique(articles)),
        "source_office": SEPARATOR.join(_unique(outlets)),
        "source_date": SEPARATOR.join(_unique(dates)),
        "source_headline": SEPARATOR.join(_unique(titles)),
        "source_original": SEPARATOR.join(_unique(speakers)),
    }


def render_event(event: Event, lookups: Lookups, policy: Policy) -> Rendered:
    """Return the GED cells of ``event`` under ``policy`` (every column; blank where unknown).

    The event may be one GED would not record (:func:`exclusion_reason`): its cells are given
    all the same.
    """
    sides = sides_of(event, lookups)
    numbers = ged_numbers(event, lookups, policy, sides)
    cells = dict.fromkeys(GED_COLUMNS, "")
    span = event.date
    cells |= {
        "year": f"{span.start.year:04d}",
        "type_of_violence": str(sides.type_of_violence),
        "side_a": sides.side_a,
        "side_b": sides.side_b,
        "event_clarity": "2" if sides.disputed else "1",
        "date_prec": str(span.ucdp_date_prec),
        "date_start": render_day(span.start),
        "date_end": render_day(span.last),
        "best": str(numbers.best),
        "high": str(numbers.high),
        "low": str(numbers.low),
        **{column: str(count) for column, count in numbers.deaths.items()},
    }
    cells |= _place_cells(event.place)
    cells |= _source_cells(event, lookups, numbers)
    return Rendered(cells=cells, sides=sides, numbers=numbers)
