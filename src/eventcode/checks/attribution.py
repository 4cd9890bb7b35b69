"""Attributions of one event: disputes over who did it (R013), actors that cannot (R018)."""

from __future__ import annotations

from collections.abc import Iterator

from eventcode.checks.context import Context
from eventcode.checks.registry import declare
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_index, join_key
from eventcode.model import ActorRole, Event
from eventcode.rules.attribution import allowed_types, attribution_type, disputes

__all__ = ["ATTRIBUTION", "attribution_findings"]

#: The codes this check may emit (see :mod:`eventcode.checks.registry`).
ATTRIBUTION = declare(
    "attribution",
    ("R013", "R018"),
    "disputed perpetrators and claimed responsibility",
)


def attribution_findings(event: Event, path: str, context: Context) -> list[Finding]:
    """Report disputed attributions and attributed actors whose type cannot take their role."""
    if not event.attributions:
        return []  # the common case: nothing attributed, nothing to report
    return list(_attribution_findings(event, path, context))


def _attribution_findings(event: Event, path: str, context: Context) -> Iterator[Finding]:
    """Return :func:`attribution_findings` of an event with attributions."""
    base = join_key(path, "attributions")
    index = {id(a): i for i, a in enumerate(event.attributions)}
    for role in ActorRole:
        by_actor = disputes(event, role)
        if not by_actor:
            continue
        listing = "; ".join(
            f"{actor} according to {', '.join(a.claimant for a in named)} "
            f"({', '.join(sorted({a.basis.value for a in named}))})"
            for actor, named in sorted(by_actor.items())
        )
        claimants = sorted({a.claimant for named in by_actor.values() for a in named})
        first = min(index[id(a)] for named in by_actor.values() for a in named)
        yield make_finding(
            "R013",
            f"who was {role.value} is disputed: {listing}",
            path=join_index(base, first),
            event=event.id,
            related=tuple(claimants),
        )
    if event.acled is None:
        return
    for i, attribution in enumerate(event.attributions):
        allowed = allowed_types(event.acled.event_type, attribution.role)
        kind = attribution_type(attribution, context.actors)
        if allowed is None or kind is None or kind in allowed:
            continue
        listed = ", ".join(str(t) for t in sorted(allowed))
        yield make_finding(
            "R018",
            f"{attribution.claimant!r} attributes {attribution.role.value} to "
            f"{attribution.actor!r}, of ACLED actor type {kind}; in {event.acled.event_type} "
            f"that role takes type {listed}",
            path=join_index(base, i),
            event=event.id,
            related=(attribution.claimant, attribution.actor),
        )
