"""Crowd-size tags against the crowd figures (R017)."""

from __future__ import annotations

from collections.abc import Iterator

from eventcode.checks.context import Context
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_index, join_key
from eventcode.model import Event
from eventcode.rules.compare import overlaps
from eventcode.rules.crowds import CROWD_TAG_PREFIX, crowd_tag, read_crowd_tag

__all__ = ["crowd_findings"]


def crowd_findings(event: Event, path: str, context: Context) -> Iterator[Finding]:
    """Report a hand-written crowd-size tag that the most neutral source's figures cannot fit."""
    tags = [(i, t) for i, t in enumerate(event.tags) if t.lower().startswith(CROWD_TAG_PREFIX)]
    if not tags:
        return
    derived = crowd_tag(event, context.claimants, context.policy)
    for index, tag in tags:
        where = join_index(join_key(path, "tags"), index)
        allowed = read_crowd_tag(tag, context.policy.approximate_tolerance)
        if allowed is None:
            yield make_finding(
                "R017",
                f"the tag {tag!r} cannot be read as a crowd size (a number, 'around N', "
                "'L-H', 'at least N', a word such as 'hundreds', or 'no report')",
                path=where,
                event=event.id,
            )
            continue
        if derived is None or derived.interval is None:
            continue
        if not overlaps(allowed, derived.interval):
            yield make_finding(
                "R017",
                f"the tag {tag!r} cannot fit the crowd figures of {derived.tier} "
                f"({', '.join(derived.figures)}), which give {derived.text!r}",
                path=where,
                event=event.id,
                related=derived.figures,
            )
