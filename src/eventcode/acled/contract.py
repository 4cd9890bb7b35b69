"""The ACLED writer's contract: what validates converts, and what is written validates.

Every row the writer writes passes the row checks (:func:`row_errors`); an event whose row would
not is left out and named, never written broken. ``validate`` applies the same checks to every
event with an ACLED class (:func:`acled_event_findings`): its ACLED date (from 1900,
:data:`~eventcode.acled.values.EARLIEST_YEAR`) and the cells it keeps as written
(``acled.cells``) that the writer would use, each by the grammar of its column. So a dataset
that validates with no error converts with no event left out for a broken row, and the file
written validates with no error. docs/acled.md ("The writer's contract") lists the findings a
conversion can drop or add.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import NamedTuple

from eventcode.acled.layouts import CURRENT_COLUMNS, Layout
from eventcode.acled.mapping import Parties, cells_or_reason, event_day
from eventcode.acled.options import AcledStyle
from eventcode.acled.row_checks import NUL, Template, ordered_row_templates
from eventcode.acled.rows import AcledHeader
from eventcode.acled.values import render_date
from eventcode.checks.context import Context
from eventcode.findings import Finding, Severity, finding_codes, make_finding
from eventcode.jsonpath import join_index, join_key
from eventcode.model import AcledClass, Event
from eventcode.model.constraints import MAX_COUNT
from eventcode.rules import Policy

__all__ = [
    "CheckedRow",
    "How",
    "acled_event_findings",
    "acled_row_findings",
    "checked_row",
    "row_errors",
]

_HEADER = AcledHeader(columns=CURRENT_COLUMNS, layout=Layout.CURRENT, missing=(), extra=(), line=1)
_DATE_COLUMNS = ("event_date", "year")
#: Stands for the id the writer assigns an event without one (always well formed).
_SOME_ID = "XXX900000000"
#: Stands for the fatality count the writer derives of an event (always digits: a well-formed
#: count, as :func:`~eventcode.rules.acled_fatalities` gives a non-negative integer), when the
#: cells are checked and not written, and the count is surely no more than a count may be
#: (:func:`_toll_fits`; else it is derived).
_SOME_COUNT = "0"


@cache
def _default_policy() -> Policy:
    from eventcode.rules import policy

    return policy(None)


def row_errors(cells: Mapping[str, str], *, whole: bool = True) -> list[Finding]:
    """Return the error findings the row checks give a written row (its 31 current cells).

    With ``whole`` false, the row holds only the columns of ``cells``: the others are absent
    rather than blank (a row of an ACLED column subset, docs/acled.md).
    """
    event = cells.get("event_id_cnty") or None
    return [
        make_finding(code, message, line=1, field=column, event=event)
        for code, message, column in _error_templates(cells, whole)
    ]


def _error_templates(cells: Mapping[str, str], whole: bool) -> list[Template]:
    """Return :func:`row_errors` as the row checks' templates (code, message, column)."""
    if whole:
        header = _HEADER
        if tuple(cells) == CURRENT_COLUMNS:  # the row as it is (the writer's order)
            row = list(cells.values())
        else:
            row = [cells.get(c, "") for c in CURRENT_COLUMNS]
    else:
        header = _HEADER._replace(columns=tuple(c for c in CURRENT_COLUMNS if c in cells))
        row = [cells[c] for c in header.columns]
    return [t for t in ordered_row_templates(header.columns, row, header) if t[0] in _ERRORS]


#: The codes of error severity (a row with one is not written).
_ERRORS = frozenset(
    code for code, info in finding_codes().items() if info.severity is Severity.ERROR
)


def _cells(
    event: Event, acled: AcledClass, lookups: Parties, how: How, alone: bool = False
) -> tuple[dict[str, str], dict[str, int], bool]:
    """Return the cells the writer would write, the kept ones, and whether it would write them.

    An event the writer leaves out for another reason (no coordinates) gets its date and every
    kept cell of a current column, so its kept cells are checked all the same: with each other,
    the columns it keeps no cell of being absent (such an event is often a row of a column
    subset, whose checks do not read the columns it lacks). With ``alone`` the cells are
    checked and not written: the fatality count is :data:`_SOME_COUNT` (when
    :func:`_toll_fits`) and the notes and tags are blank
    where they cannot hold a NUL (:func:`~eventcode.acled.mapping.cells_or_reason`).
    """
    found = cells_or_reason(
        event,
        lookups,
        how.style,
        how.policy,
        event_id=_SOME_ID,
        timestamp=how.timestamp,
        fatalities=_SOME_COUNT if alone and _toll_fits(event, how.policy) else None,
        blank_unless=NUL if alone else None,
    )
    if not isinstance(found, str):
        cells, used = found
        return cells, used, True
    day = event_day(event.date)
    cells = {"event_date": render_date(day, how.style.dates), "year": f"{day.year:04d}"}
    used = {}
    for index, kept in enumerate(acled.cells):
        if kept.column in CURRENT_COLUMNS:
            cells[kept.column] = kept.value
            used[kept.column] = index
    return cells, used, False


def _toll_fits(event: Event, policy: Policy) -> bool:
    """Tell whether ACLED's count of ``event`` is surely at most ``MAX_COUNT`` (a valid cell).

    The count adds, over victim groups, numbers each figure states or a vague term of the policy
    stands for, each figure once at most: so it is at most the sum of each figure's largest.
    """
    most = _largest_term(policy)
    total = 0
    for figure in event.figures:
        value = figure.value
        total += max(value.low or 0, value.high or 0, value.most_likely or 0, most)
    return total <= MAX_COUNT


@cache
def _largest_term(policy: Policy) -> int:
    return max((n for _, n in policy.vague_terms), default=0)


class How(NamedTuple):
    """How the writer renders: its style, policy and default timestamp."""

    style: AcledStyle
    policy: Policy
    timestamp: int | None


def acled_event_findings(
    event: Event,
    path: str,
    lookups: Parties,
    *,
    style: AcledStyle | None = None,
    policy: Policy | None = None,
    timestamp: int | None = None,
) -> Iterator[Finding]:
    """Report what would make an event with an ACLED class an invalid ACLED row.

    ``style``, ``policy`` and ``timestamp`` are the writer's (default: its defaults).

    The findings are the row checks' own codes (A003 blank, A004 date, A005 year, A007
    coordinates, A011 fatalities, A013 actor types, A014 iso, A016 timestamp, ...), at the kept
    cell (``acled.cells[i].value``) or at ``date``; only errors, as a row with an error is not
    written. Warnings of the row checks (A008, C023) appear on the ACLED file itself.
    """
    if event.acled is None:
        return
    how = How(style or AcledStyle(), policy or _default_policy(), timestamp)
    yield from _findings(event, path, lookups, how)


class CheckedRow(NamedTuple):
    """An event's contract findings, and the cells the writer would write when there are none.

    ``cells`` (``None`` when the writer leaves the event out, or there are findings) are
    rendered with a stand-in ``event_id_cnty`` where the event has none, and only when no kept
    cell names that column: the writer puts the id it assigns there and writes them as they
    are, rendering the event once (:func:`~eventcode.acled.writer.acled_event_rows`).
    """

    findings: list[Finding]
    cells: dict[str, str] | None


def checked_row(event: Event, path: str, lookups: Parties, how: How) -> CheckedRow:
    """Return :func:`acled_event_findings` of an event with an ACLED class, and its cells."""
    acled = event.acled
    assert acled is not None
    # Every such event is rendered and checked, also one with no kept cell: text from the
    # record can break a row too (a NUL in its notes or an actor's name is A018).
    cells, used, written = _cells(event, acled, lookups, how)
    found = _located(event, path, cells, used, written)
    reusable = written and not found and "event_id_cnty" not in used
    return CheckedRow(found, cells if reusable else None)


def _findings(event: Event, path: str, lookups: Parties, how: How) -> list[Finding]:
    """Return :func:`checked_row`'s findings alone: no cell is kept, so none is derived.

    The fatalities cell is rendered as :data:`_SOME_COUNT` (where no kept cell names the
    column, and the count surely fits), the row checks passing every count the writer derives
    that fits as they pass it; the notes and tags,
    which they read for a NUL alone (A018), are blank where they cannot hold one.
    """
    acled = event.acled
    assert acled is not None
    cells, used, written = _cells(event, acled, lookups, how, alone=True)
    return _located(event, path, cells, used, written)


def _located(
    event: Event, path: str, cells: dict[str, str], used: dict[str, int], written: bool
) -> list[Finding]:
    """Return the row errors of an event's cells, each at what in the event makes it."""
    found: list[Finding] = []
    for code, message, column in _error_templates(cells, written):
        if column in used:
            kept = join_index(join_key(join_key(path, "acled"), "cells"), used[column])
            where = join_key(kept, "value")
        elif column in _DATE_COLUMNS:
            where = join_key(path, "date")
        elif written and code.startswith("A"):
            where = path
        else:
            continue  # a blank the record fills when written, or a C-code the event checks give
        found.append(
            make_finding(code, f"as ACLED would write it, {message}", path=where, event=event.id)
        )
    return found


def acled_row_findings(event: Event, path: str, context: Context) -> list[Finding]:
    """Report what would make an event with an ACLED class an invalid ACLED row.

    An event with an ``acled`` class is one ACLED would record, so the rules of an ACLED row
    apply to it at ``validate``, with the row checks' codes: its date (from 1900: A004), and
    each cell it keeps as written that the writer would use (a blank ``region``: A003; a
    ``year`` in other digits: A005; a ``timestamp`` that is not a number: A016; ...).
    """
    if event.acled is None:
        return []
    # acled_event_findings with the writer's default style and timestamp (the context holds
    # the parties seen, by id, as Lookups do)
    how = How(_STYLE, context.policy or _default_policy(), None)
    return _findings(event, path, context, how)


#: The writer's default style (frozen: one serves every event).
_STYLE = AcledStyle()
