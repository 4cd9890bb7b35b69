"""Crowd-size tags against the crowd figures (R017)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from eventcode.checks.context import Context
from eventcode.checks.registry import declare
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_index, join_key
from eventcode.model import Event
from eventcode.rules.compare import overlaps
from eventcode.rules.crowds import CROWD_TAG_PREFIX, crowd_tag, read_crowd_tag

__all__ = ["CROWD_TAGS", "crowd_findings", "crowd_tags", "unreadable_tag_finding"]

#: The codes this check may emit (see :mod:`eventcode.checks.registry`).
CROWD_TAGS = declare(
    "crowd-tags",
    ("R017",),
    "crowd-size tags against the crowd figures",
)


def crowd_tags(tags: Iterable[str]) -> list[tuple[int, str]]:
    """Return the crowd-size tags among ``tags``, each with its index."""
    return [(i, t) for i, t in enumerate(tags) if t.lower().startswith(CROWD_TAG_PREFIX)]


def unreadable_tag_finding(tag: str, where: str, event: str) -> Finding:
    """Return the finding of a crowd-size tag that cannot be read, at JSON path ``where``.

    Whether a tag can be read does not depend on the figures (nor on the policy): an ACLED
    row's tags are checked so without building its event.
    """
    return make_finding(
        "R017",
        f"the tag {tag!r} cannot be read as a crowd size (a number, 'around N', "
        "'L-H', 'at least N', a word such as 'hundreds', or 'no report')",
        path=where,
        event=event,
    )


def crowd_findings(event: Event, path: str, context: Context) -> list[Finding]:
    """Report a hand-written crowd-size tag that the most neutral source's figures cannot fit.

    A list (most events have no such tag: no generator is made for them).
    """
    tags = crowd_tags(event.tags)
    if not tags:
        return []
    return list(_crowd_findings(event, path, context, tags))


def _crowd_findings(
    event: Event, path: str, context: Context, tags: list[tuple[int, str]]
) -> Iterator[Finding]:
    derived = crowd_tag(event, context.claimants, context.policy)
    for index, tag in tags:
        allowed = read_crowd_tag(tag, context.policy.approximate_tolerance)
        if allowed is None:
            yield unreadable_tag_finding(tag, join_index(join_key(path, "tags"), index), event.id)
            continue
        if derived is None or derived.interval is None:
            continue
        if not overlaps(allowed, derived.interval):
            yield make_finding(
                "R017",
                f"the tag {tag!r} cannot fit the crowd figures of {derived.tier} "
                f"({', '.join(derived.figures)}), which give {derived.text!r}",
                path=join_index(join_key(path, "tags"), index),
                event=event.id,
                related=derived.figures,
            )
