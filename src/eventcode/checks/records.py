"""The consistency of each record on its own: counts, date spans, coordinates, subjects."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from eventcode._data import data_json
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_index, join_key
from eventcode.model import CountKind, DateSpan, Document, Event, Figure, Place, Status
from eventcode.model.values import Count

__all__ = [
    "EARLIEST_YEAR",
    "count_findings",
    "document_findings",
    "event_findings",
    "known_quantities",
]


def known_quantities() -> frozenset[str]:
    """Return the quantities listed in ``data/quantities.json``."""
    return frozenset(data_json("quantities.json")["quantities"])


def count_findings(count: Count, path: str) -> Iterator[Finding]:
    """Report a count whose bounds or term do not fit its kind."""
    kind, low, high, term = count.kind, count.low, count.high, count.term
    problem: str | None = None
    if kind in (CountKind.EXACT, CountKind.APPROXIMATE):
        if low is None or high is None or low != high:
            problem = f"an {kind.value} count needs low and high set to the same number"
    elif kind is CountKind.LOWER_BOUND:
        if low is None or high is not None:
            problem = "a lower_bound count needs low and no high"
    elif kind is CountKind.UPPER_BOUND:
        if high is None or low is not None:
            problem = "an upper_bound count needs high and no low"
    elif kind is CountKind.RANGE:
        if low is None or high is None or low >= high:
            problem = "a range needs low and high with low < high"
    elif kind is CountKind.VAGUE:
        if term is None:
            problem = "a vague count needs its term (such as 'dozens')"
        elif low is not None and high is not None and low > high:
            problem = "a vague count's low exceeds its high"
    elif low is not None or high is not None or term is not None:
        problem = "an unknown count has no low, high or term"
    if problem is not None:
        yield make_finding("S201", f"{problem} (phrase: {count.phrase!r})", path=path)


#: The earliest year accepted in event data: an earlier one has lost a digit (0025 for 2025).
EARLIEST_YEAR = 1000


def _year_findings(day: date | None, path: str) -> Iterator[Finding]:
    if day is not None and day.year < EARLIEST_YEAR:
        yield make_finding(
            "S206", f"{day.isoformat()} has the year {day.year:04d}: a digit seems lost", path=path
        )


def _span_findings(span: DateSpan, path: str) -> Iterator[Finding]:
    yield from _year_findings(span.start, join_key(path, "start"))
    yield from _year_findings(span.end, join_key(path, "end"))
    if span.end is not None and span.end < span.start:
        yield make_finding(
            "S202",
            f"ends on {span.end.isoformat()}, before it starts on {span.start.isoformat()}",
            path=path,
        )


def _place_findings(place: Place, path: str) -> Iterator[Finding]:
    if (place.latitude is None) != (place.longitude is None):
        yield make_finding("S203", f"place {place.name!r} has only one coordinate", path=path)


def figure_findings(figure: Figure, path: str, event: str | None = None) -> Iterator[Finding]:
    """Report the inconsistencies of one figure."""
    found: list[Finding] = [
        *count_findings(figure.value, join_key(path, "value")),
        *_year_findings(figure.stated_on, join_key(path, "stated_on")),
    ]
    if figure.subject.actor is None and figure.subject.category is None:
        found.append(
            make_finding(
                "S204",
                f"figure {figure.id!r} says nothing of whose count it is",
                path=join_key(path, "subject"),
            )
        )
    if figure.period is not None:
        found.extend(_span_findings(figure.period, join_key(path, "period")))
    if (figure.status is Status.REVISED) != (figure.revised_by is not None):
        message = (
            f"figure {figure.id!r} is marked revised but names no revised_by figure"
            if figure.revised_by is None
            else f"figure {figure.id!r} names revised_by but its status is {figure.status.value!r}"
        )
        found.append(make_finding("S205", message, path=join_key(path, "status")))
    if figure.quantity not in known_quantities():
        found.append(
            make_finding(
                "S401",
                f"quantity {figure.quantity!r} is not in the vocabulary",
                path=join_key(path, "quantity"),
            )
        )
    for item in found:
        yield item.at(event=event, field=item.location.field) if event else item


def event_findings(event: Event, path: str) -> Iterator[Finding]:
    """Report the inconsistencies of one event and its figures."""
    yield from (f.at(event=event.id) for f in _span_findings(event.date, join_key(path, "date")))
    if event.place is not None:
        yield from (
            f.at(event=event.id) for f in _place_findings(event.place, join_key(path, "place"))
        )
    figures_path = join_key(path, "figures")
    for index, figure in enumerate(event.figures):
        yield from figure_findings(figure, join_index(figures_path, index), event.id)


def document_findings(document: Document, path: str) -> Iterator[Finding]:
    """Report a document's implausible publication year."""
    yield from _year_findings(document.published, join_key(path, "published"))
