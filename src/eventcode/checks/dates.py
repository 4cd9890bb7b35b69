"""Dates against each other: when figures were stated, when events happened and were reported."""

from __future__ import annotations

from functools import lru_cache

from eventcode.checks.context import Context
from eventcode.checks.registry import declare
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_index, join_key
from eventcode.model import DateSpan, Event, Figure, Scope, span_of

__all__ = ["DATES", "date_findings"]

#: The codes this check may emit (see :mod:`eventcode.checks.registry`).
DATES = declare(
    "dates",
    ("R006", "R007", "R016"),
    "statement and event dates",
)


#: :func:`span_of`, made once a statement date (spans are frozen: one is shared).
_statement_span = lru_cache(maxsize=4096)(span_of)
_EVENT = Scope.EVENT  # bound once: an enum member is a slow lookup in Python 3.11


def _said(span: DateSpan) -> str:
    if span.end is None or span.end == span.start:
        return f"on {span.start.isoformat()}"
    return f"within {span.start.isoformat()}..{span.last.isoformat()}"


def _after_publication(
    figure: Figure, said: DateSpan, index: int, path: str, event: Event, context: Context
) -> Finding | None:
    """Report a figure stated (``said``) after the document that carries it was published."""
    if figure.evidence is None:
        return None
    document = context.documents.get(figure.evidence.document)
    if document is None or document.published is None or said.start <= document.published:
        return None
    return make_finding(
        "R016",
        f"figure {figure.id!r} was stated {_said(said)}, after document "
        f"{document.id!r} that carries it was published on {document.published.isoformat()}",
        path=join_key(join_index(join_key(path, "figures"), index), "stated_on"),
        event=event.id,
        related=(figure.id, document.id),
    )


def date_findings(event: Event, path: str, context: Context) -> list[Finding]:
    """Report figures stated before the event or after their document, and early documents."""
    found: list[Finding] = []
    start = event.date.start
    for index, figure in enumerate(event.figures):
        if figure.stated_on is None:
            continue  # when it was said is not known: nothing to compare
        said = _statement_span(figure.stated_on)
        # A span counts as before the event only when all of it is: "early January" may
        # include the day of a 5 January strike.
        if figure.scope is _EVENT and said.last < start:
            found.append(
                make_finding(
                    "R006",
                    f"figure {figure.id!r} was stated {_said(said)}, before the event began on "
                    f"{start.isoformat()}",
                    path=join_key(join_index(join_key(path, "figures"), index), "stated_on"),
                    event=event.id,
                    related=(figure.id,),
                )
            )
        if figure.evidence is not None:
            late = _after_publication(figure, said, index, path, event, context)
            if late is not None:
                found.append(late)
    for index, document_id in enumerate(event.documents):
        document = context.documents.get(document_id)
        if document is None or document.published is None:
            continue
        if start > document.published:
            found.append(
                make_finding(
                    "R007",
                    f"event {event.id!r} begins on {start.isoformat()}, after document "
                    f"{document_id!r} reporting it was published on "
                    f"{document.published.isoformat()}",
                    path=join_index(join_key(path, "documents"), index),
                    event=event.id,
                    related=(event.id, document_id),
                )
            )
    return found
