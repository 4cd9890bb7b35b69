"""Dates against each other: figures stated before their event, events after their reports."""

from __future__ import annotations

from collections.abc import Iterator

from eventcode.checks.context import Context
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_index, join_key
from eventcode.model import Event, Scope

__all__ = ["date_findings"]


def date_findings(event: Event, path: str, context: Context) -> Iterator[Finding]:
    """Report figures stated before the event began, and documents published before it."""
    start = event.date.start
    for index, figure in enumerate(event.figures):
        if (
            figure.scope is Scope.EVENT
            and figure.stated_on is not None
            and figure.stated_on < start
        ):
            yield make_finding(
                "R006",
                f"figure {figure.id!r} was stated on {figure.stated_on.isoformat()}, before the "
                f"event began on {start.isoformat()}",
                path=join_key(join_index(join_key(path, "figures"), index), "stated_on"),
                event=event.id,
                related=(figure.id,),
            )
    for index, document_id in enumerate(event.documents):
        document = context.documents.get(document_id)
        if document is None or document.published is None:
            continue
        if start > document.published:
            yield make_finding(
                "R007",
                f"event {event.id!r} begins on {start.isoformat()}, after document "
                f"{document_id!r} reporting it was published on "
                f"{document.published.isoformat()}",
                path=join_index(join_key(path, "documents"), index),
                event=event.id,
                related=(event.id, document_id),
            )
