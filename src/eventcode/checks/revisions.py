"""Revision chains of one event: loops (S208), doubtful revisions (R014), moved tolls (R015)."""

from __future__ import annotations

from collections.abc import Iterator

from eventcode.checks.registry import declare
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_index, join_key
from eventcode.model import Event, Figure, Status, span_of
from eventcode.rules.revisions import NO_REVISIONS, Revisions, revisions

__all__ = ["REVISIONS", "revision_findings"]

#: The codes this check may emit (see :mod:`eventcode.checks.registry`).
REVISIONS = declare(
    "revisions",
    ("R014", "R015", "S208"),
    "revised figures and what revises them",
)


_REVISED = Status.REVISED  # bound once: an enum member is a slow lookup in Python 3.11


def _path(path: str, index: int, field: str | None = None) -> str:
    found = join_index(join_key(path, "figures"), index)
    return found if field is None else join_key(found, field)


def _doubts(revised: Figure, reviser: Figure) -> list[str]:
    found: list[str] = []
    if revised.stated_on is not None and reviser.stated_on is not None:
        before, after = span_of(revised.stated_on), span_of(reviser.stated_on)
        if after.last < before.start:
            found.append(
                f"it was stated ({after.last.isoformat()}) before the figure it revises "
                f"({before.start.isoformat()})"
            )
    if reviser.quantity != revised.quantity:
        found.append(f"it counts {reviser.quantity}, not {revised.quantity}")
    if reviser.subject != revised.subject:
        found.append("it counts other victims (another subject)")
    return found


def _shown(figure: Figure) -> str:
    return f"{figure.value.phrase!r} ({figure.id}, {figure.claimant})"


def revision_findings(event: Event, path: str) -> list[Finding]:
    """Report loops, doubtful revisions and the tolls that moved, among one event's figures.

    A list (most events have none: no generator is made for them).
    """
    found = revisions(event)
    if found is NO_REVISIONS:
        return []  # the common case: no figure revised by another, nothing to report
    revised = [f for f in event.figures if f.status is _REVISED and f.revised_by is not None]
    if not (found.cycles or revised or found.chains):
        return []
    return list(_revision_findings(event, path, found, revised))


def _revision_findings(
    event: Event, path: str, found: Revisions, revised: list[Figure]
) -> Iterator[Finding]:
    by_id = {f.id: f for f in event.figures}
    index = {f.id: i for i, f in enumerate(event.figures)}
    for loop in found.cycles:
        shown = " -> ".join((*loop, loop[0]))
        yield make_finding(
            "S208",
            f"figures revise each other in a loop ({shown}): none can be the current one",
            path=_path(path, index[loop[0]], "revised_by"),
            event=event.id,
            related=loop,
        )
    for figure in revised:
        assert figure.revised_by is not None
        reviser = by_id.get(figure.revised_by)
        if reviser is None:
            doubts = [f"{figure.revised_by!r} is not a figure of this event"]
        else:
            doubts = _doubts(figure, reviser)
        if doubts:
            yield make_finding(
                "R014",
                f"figure {figure.id!r} is revised by {figure.revised_by!r}, but "
                + "; ".join(doubts),
                path=_path(path, index[figure.id], "revised_by"),
                event=event.id,
                related=(figure.id, figure.revised_by),
            )
    for chain in found.chains:
        first, last = by_id[chain.figures[0]], by_id[chain.figures[-1]]
        steps = " -> ".join(_shown(by_id[i]) for i in chain.figures)
        message = (
            f"{last.quantity} moved from {first.value.phrase!r} to {last.value.phrase!r}: {steps}"
        )
        if chain.cross_claimant:
            nxt = dict(zip(chain.figures, chain.figures[1:], strict=False))
            others = ", ".join(
                f"{i} ({by_id[i].claimant}) by {by_id[nxt[i]].claimant}"
                for i in chain.cross_claimant
            )
            message += f"; revised by another claimant: {others}"
        yield make_finding(
            "R015",
            message,
            path=_path(path, index[last.id]),
            event=event.id,
            related=chain.figures,
        )
