"""Statements and the events they are about: a statement before its subject is R019.

Works on a stream, as the reference index does: it keeps each event's first and last day (two
integers an event) and the statements whose subject has not come yet, never the events.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from eventcode.checks.registry import declare
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_key
from eventcode.model import Event

__all__ = ["STATEMENT_ORDER", "StatementOrder", "Timeline", "timeline_of"]

#: The codes this check may emit (see :mod:`eventcode.checks.registry`).
STATEMENT_ORDER = declare(
    "statement-order",
    ("R019",),
    "statements about an event dated before it (across events)",
)


class Timeline(NamedTuple):
    """What the check keeps of an event: its days (as ordinals) and the event it is about."""

    start: int
    last: int
    about: str | None


class _Waiting(NamedTuple):
    statement: str
    last: int
    path: str
    line: int | None


def timeline_of(event: Event) -> Timeline:
    """Return the part of an event the statement-order check keeps."""
    return Timeline(event.date.start.toordinal(), event.date.last.toordinal(), event.about)


class StatementOrder:
    """Collects events' days; reports a statement that ends before the event it is about."""

    def __init__(self) -> None:
        self._days: dict[str, tuple[int, int]] = {}
        self._waiting: dict[str, list[_Waiting]] = {}

    def add(
        self, event_id: str, timeline: Timeline, path: str, line: int | None
    ) -> list[Finding]:
        """Register one event; return the findings it settles (as statement or as subject)."""
        self._days.setdefault(event_id, (timeline.start, timeline.last))
        found: list[Finding] = []
        if timeline.about is not None:
            waiting = _Waiting(event_id, timeline.last, path, line)
            subject = self._days.get(timeline.about)
            if subject is None:
                self._waiting.setdefault(timeline.about, []).append(waiting)
            else:
                found += _check(waiting, timeline.about, subject[0])
        if self._waiting:
            for waiting in self._waiting.pop(event_id, ()):
                found += _check(waiting, event_id, timeline.start)
        return found


def _check(waiting: _Waiting, subject: str, subject_start: int) -> Iterator[Finding]:
    if waiting.last < subject_start:
        yield make_finding(
            "R019",
            f"statement {waiting.statement!r} ends on "
            f"{date.fromordinal(waiting.last).isoformat()}, before the event it is about "
            f"({subject!r}) begins on {date.fromordinal(subject_start).isoformat()}",
            path=join_key(waiting.path, "about"),
            line=waiting.line,
            event=waiting.statement,
            related=(waiting.statement, subject),
        )
