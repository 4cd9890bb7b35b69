"""The consistency of each record on its own: counts, date spans, coordinates, subjects."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from functools import cache

from eventcode._data import data_json
from eventcode.checks.registry import declare
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_index, join_key
from eventcode.model import (
    AcledCell,
    CountKind,
    DateSpan,
    Document,
    Event,
    Figure,
    GedCell,
    Place,
    Status,
)
from eventcode.model.values import Count

__all__ = [
    "EARLIEST_YEAR",
    "RECORD_CONSISTENCY",
    "count_findings",
    "document_findings",
    "event_findings",
    "known_quantities",
]

#: The codes this check may emit (see :mod:`eventcode.checks.registry`).
RECORD_CONSISTENCY = declare(
    "record-consistency",
    ("S103", "S201", "S202", "S203", "S204", "S205", "S206", "S207", "S401"),
    "a record's own fields: constraints, date order, figure ranges, vocabularies",
)


@cache
def known_quantities() -> frozenset[str]:
    """Return the quantities listed in ``data/quantities.json`` (made once: every figure asks)."""
    return frozenset(data_json("quantities.json")["quantities"])


# Enum members bound once: in Python 3.11 ``CountKind.EXACT`` goes through the enum class's
# ``__getattr__`` hook (several times the cost of a plain name), and every figure is asked.
_LOWER_BOUND, _UPPER_BOUND = CountKind.LOWER_BOUND, CountKind.UPPER_BOUND
_RANGE, _VAGUE, _REVISED = CountKind.RANGE, CountKind.VAGUE, Status.REVISED
_EXACT_OR_APPROXIMATE = (CountKind.EXACT, CountKind.APPROXIMATE)
_UPPER_BOUND_OR_NEARLY = (_UPPER_BOUND, CountKind.NEARLY)
_BOUNDS = (_LOWER_BOUND, _UPPER_BOUND)


def _form_problem(count: Count) -> str | None:
    """Return what is wrong with a count's bounds and term for its kind, if anything."""
    kind, low, high, term = count.kind, count.low, count.high, count.term
    if kind in _EXACT_OR_APPROXIMATE:
        if low is None or high is None or low != high:
            return f"an {kind.value} count needs low and high set to the same number"
    elif kind is _LOWER_BOUND:
        if low is None or high is not None:
            return "a lower_bound count needs low and no high"
    elif kind in _UPPER_BOUND_OR_NEARLY:
        if high is None or low is not None:
            return f"a {kind.value} count needs high and no low"
    elif kind is _RANGE:
        if low is None or high is None or low >= high:
            return "a range needs low and high with low < high"
    elif kind is _VAGUE:
        if term is None:
            return "a vague count needs its term (such as 'dozens')"
        if low is not None and high is not None and low > high:
            return "a vague count's low exceeds its high"
    elif low is not None or high is not None or term is not None:
        return "an unknown count has no low, high or term"
    return None


def _qualifier_problem(count: Count) -> str | None:
    """Return what is wrong with a count's ``strict`` or ``most_likely``, if anything."""
    kind = count.kind
    if count.strict:
        if kind not in _BOUNDS:
            return f"strict applies to lower and upper bounds only (this count is {kind.value})"
        if kind is _UPPER_BOUND and count.high == 0:
            return "fewer than 0 allows no number"
    likely = count.most_likely
    if likely is not None:
        if kind is not _RANGE:
            return f"most_likely applies to a range only (this count is {kind.value})"
        if (
            count.low is not None
            and count.high is not None
            and not (count.low <= likely <= count.high)
        ):
            return f"most_likely {likely} lies outside the range {count.low}-{count.high}"
    return None


def count_findings(count: Count, path: str) -> Iterator[Finding]:
    """Report a count whose bounds, term or qualifiers do not fit its kind."""
    problem = _form_problem(count) or _qualifier_problem(count)
    if problem is not None:
        yield _count_finding(problem, count, path)


def _count_finding(problem: str, count: Count, path: str) -> Finding:
    return make_finding("S201", f"{problem} (phrase: {count.phrase!r})", path=path)


#: The earliest year accepted in event data: an earlier one has lost a digit (0025 for 2025).
EARLIEST_YEAR = 1000


# The findings of a record's parts are lists, and paths are joined only for a finding: most
# records have none, and an event's checks would otherwise make a generator and a path a part.


def _below(path: str, keys: tuple[str | int, ...]) -> str:
    """Return the path of the value reached from ``path`` by ``keys`` (members and indices)."""
    for key in keys:
        path = join_index(path, key) if isinstance(key, int) else join_key(path, key)
    return path


def _year_findings(day: date | None, path: str, *keys: str | int) -> list[Finding]:
    """Report a year that lost a digit, at ``path`` (or below it by ``keys``, joined if need be)."""
    if day is None or day.year >= EARLIEST_YEAR:
        return []
    return [
        make_finding(
            "S206",
            f"{day.isoformat()} has the year {day.year:04d}: a digit seems lost",
            path=_below(path, keys),
        )
    ]


def _span_findings(span: DateSpan, path: str, *keys: str | int) -> list[Finding]:
    """Report a span's years and order, at ``path`` (or below it by ``keys``, joined if need be)."""
    found = _year_findings(span.start, path, *keys, "start")
    found.extend(_year_findings(span.end, path, *keys, "end"))
    if span.end is not None and span.end < span.start:
        found.append(
            make_finding(
                "S202",
                f"ends on {span.end.isoformat()}, before it starts on {span.start.isoformat()}",
                path=_below(path, keys),
            )
        )
    return found


def _place_findings(place: Place, path: str, *keys: str) -> list[Finding]:
    if (place.latitude is None) == (place.longitude is None):
        return []
    return [
        make_finding(
            "S203", f"place {place.name!r} has only one coordinate", path=_below(path, keys)
        )
    ]


def _stated_on_years(figure: Figure, path: str, *at: str | int) -> list[Finding]:
    """Report the years of when a figure was stated (the figure's path: ``path`` below ``at``)."""
    when = figure.stated_on
    if isinstance(when, DateSpan):
        return _span_findings(when, path, *at, "stated_on")
    return _year_findings(when, path, *at, "stated_on")


def figure_findings(figure: Figure, path: str, event: str | None = None) -> Iterator[Finding]:
    """Report the inconsistencies of one figure."""
    yield from _figure_findings(figure, event, path)


def _figure_findings(
    figure: Figure, event: str | None, path: str, *at: str | int
) -> list[Finding]:
    """Return :func:`figure_findings` as a list (most figures have none: no generator made).

    The figure's path is ``path`` below ``at`` (joined only for a finding).
    """
    found: list[Finding] = []
    value = figure.value
    problem = _form_problem(value) or _qualifier_problem(value)
    if problem is not None:
        found.append(_count_finding(problem, value, _below(path, (*at, "value"))))
    if figure.stated_on is not None:
        found.extend(_stated_on_years(figure, path, *at))
    if figure.subject.actor is None and figure.subject.category is None:
        found.append(
            make_finding(
                "S204",
                f"figure {figure.id!r} says nothing of whose count it is",
                path=_below(path, (*at, "subject")),
            )
        )
    if figure.period is not None:
        found.extend(_span_findings(figure.period, path, *at, "period"))
    if (figure.status is _REVISED) != (figure.revised_by is not None):
        message = (
            f"figure {figure.id!r} is marked revised but names no revised_by figure"
            if figure.revised_by is None
            else f"figure {figure.id!r} names revised_by but its status is {figure.status.value!r}"
        )
        found.append(make_finding("S205", message, path=_below(path, (*at, "status"))))
    if figure.quantity not in known_quantities():
        found.append(
            make_finding(
                "S401",
                f"quantity {figure.quantity!r} is not in the vocabulary",
                path=_below(path, (*at, "quantity")),
            )
        )
    if not event or not found:
        return found
    return [item.at(event=event, field=item.location.field) for item in found]


def _victim_group_findings(event: Event, path: str) -> Iterator[Finding]:
    if not event.victim_groups:
        return
    own = {figure.id for figure in event.figures}
    held: dict[str, int] = {}
    groups_path = join_key(path, "victim_groups")
    for index, group in enumerate(event.victim_groups):
        group_path = join_index(groups_path, index)
        named = list(dict.fromkeys(group.figures))
        if len(named) < 2:
            yield make_finding(
                "S207",
                f"victim group {index} names {len(named)} distinct figure(s); a group relates "
                "two or more",
                path=join_key(group_path, "figures"),
                related=tuple(named),
            )
        for position, figure in enumerate(group.figures):
            where = join_index(join_key(group_path, "figures"), position)
            if figure not in own:
                yield make_finding(
                    "S207",
                    f"victim group {index} names {figure!r}, which is not a figure of event "
                    f"{event.id!r}",
                    path=where,
                    related=(figure,),
                )
            elif figure in held and held[figure] != index:
                yield make_finding(
                    "S207",
                    f"figure {figure!r} is already in victim group {held[figure]}",
                    path=where,
                    related=(figure,),
                )
            else:
                held.setdefault(figure, index)


def _kept_cell_findings(event: Event, path: str) -> list[Finding]:
    """Report kept ACLED or GED cells naming a column an earlier one names (one would be lost)."""
    kept: tuple[tuple[str, Sequence[AcledCell | GedCell]], ...] = (
        ("acled", event.acled.cells if event.acled is not None else ()),
        ("ucdp", event.ucdp.cells if event.ucdp is not None else ()),
    )
    found: list[Finding] = []
    for key, cells in kept:
        if not cells:
            continue
        first: dict[str, int] = {}
        cells_path = join_key(join_key(path, key), "cells")
        for index, cell in enumerate(cells):
            earlier = first.setdefault(cell.column, index)
            if earlier != index:
                found.append(
                    make_finding(
                        "S103",
                        f"column: kept cell {cell.column!r} is already kept as cells[{earlier}]; "
                        "a row holds one cell a column, so one of them would be lost",
                        path=join_key(join_index(cells_path, index), "column"),
                        field="column",
                    )
                )
    return found


def _at_event(event_id: str, found: list[Finding]) -> list[Finding]:
    """Return findings placed at event ``event_id`` (the list itself when empty: most are)."""
    return [f.at(event=event_id) for f in found] if found else found


def event_findings(event: Event, path: str) -> list[Finding]:
    """Report the inconsistencies of one event, its figures, victim groups and kept cells."""
    event_id = event.id
    found = _span_findings(event.date, path, "date")
    if event.place is not None:
        found.extend(_place_findings(event.place, path, "place"))
    found = _at_event(event_id, found)
    if event.figures:
        for index, figure in enumerate(event.figures):
            found.extend(_figure_findings(figure, event_id, path, "figures", index))
    if event.victim_groups:
        found.extend(_at_event(event_id, list(_victim_group_findings(event, path))))
    if event.acled is not None or event.ucdp is not None:
        found.extend(_at_event(event_id, _kept_cell_findings(event, path)))
    return found


def document_findings(document: Document, path: str) -> Iterator[Finding]:
    """Report a document's implausible publication year."""
    yield from _year_findings(document.published, join_key(path, "published"))
