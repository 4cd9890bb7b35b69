"""Disputed death figures summarised the way ACLED's notes record disputes.

ACLED publishes one fatality count (the lowest reported) and notes the disagreement in words:
"According to Russian MoD, at least 63 killed; Ukrainian military claimed 400 killed." A victim
group's figures are disputed when two or more death figures of event scope, not revised, state
different counts; each of them becomes a clause, in the event's order.
"""

from __future__ import annotations

from collections.abc import Mapping

from eventcode.model import Basis, Claimant, Count, CountKind, Event, Figure
from eventcode.rules import death_figures, group_of

__all__ = ["dispute_summary", "render_count", "with_disputes"]


def render_count(count: Count) -> str:
    """Render a count in words: ``at least 63``, ``up to 10``, ``200-300``, ``dozens``."""
    kind = count.kind
    if kind in (CountKind.EXACT, CountKind.APPROXIMATE) and count.low is not None:
        return f"{'about ' if kind is CountKind.APPROXIMATE else ''}{count.low}"
    if kind is CountKind.LOWER_BOUND and count.low is not None:
        return f"at least {count.low}"
    if kind is CountKind.UPPER_BOUND and count.high is not None:
        return f"up to {count.high}"
    if kind is CountKind.RANGE and count.low is not None and count.high is not None:
        return f"{count.low}-{count.high}"
    if kind is CountKind.VAGUE and count.term:
        return count.term
    return "an unknown number"


def _clause(figure: Figure, claimants: Mapping[str, Claimant]) -> str:
    claimant = claimants.get(figure.claimant)
    who = claimant.name if claimant is not None else figure.claimant
    what = f"{render_count(figure.value)} {figure.quantity.replace('_', ' ')}"
    if figure.basis is Basis.REPORTED:
        return f"According to {who}, {what}"
    verb = "claimed" if figure.basis is Basis.CLAIMED else "estimated"
    return f"{who} {verb} {what}"


def dispute_summary(event: Event, claimants: Mapping[str, Claimant]) -> str | None:
    """Return the sentence that notes the event's disputed death figures, or ``None``."""
    kept, _ = death_figures(event)
    groups: dict[object, list[Figure]] = {}
    for figure in kept:
        groups.setdefault(group_of(figure.subject), []).append(figure)
    disputed = {
        f.id
        for members in groups.values()
        if len({(m.value.kind, m.value.low, m.value.high, m.value.term) for m in members}) > 1
        for f in members
    }
    if not disputed:
        return None
    clauses = [_clause(f, claimants) for f in event.figures if f.id in disputed]
    return "; ".join(clauses) + "."


def with_disputes(event: Event, claimants: Mapping[str, Claimant]) -> str:
    """Return the event's notes followed by its dispute summary (if any), as one cell."""
    summary = dispute_summary(event, claimants)
    notes = event.notes or ""
    if summary is None:
        return notes
    return f"{notes} {summary}" if notes else summary
