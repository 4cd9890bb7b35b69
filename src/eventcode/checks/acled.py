"""ACLED constraints on every event with an ACLED class: what validates converts.

An event with an ``acled`` class is one ACLED would record, so the rules of an ACLED row apply
to it at ``validate``, with the row checks' codes: its date (from 1900: A004), and each cell it
keeps as written that the writer would use (a blank ``region``: A003; a ``year`` in other digits:
A005; a ``timestamp`` that is not a number: A016; ...). See :mod:`eventcode.acled.contract`.
"""

from __future__ import annotations

from collections.abc import Iterator

from eventcode.checks.context import Context
from eventcode.findings import Finding
from eventcode.model import Event

__all__ = ["acled_row_findings"]


def acled_row_findings(event: Event, path: str, context: Context) -> Iterator[Finding]:
    """Report what would make an event with an ACLED class an invalid ACLED row."""
    if event.acled is None:
        return
    from eventcode.acled.contract import acled_event_findings
    from eventcode.acled.mapping import Lookups

    lookups = Lookups(
        actors=context.actors, documents=context.documents, claimants=context.claimants
    )
    yield from acled_event_findings(event, path, lookups, policy=context.policy)
