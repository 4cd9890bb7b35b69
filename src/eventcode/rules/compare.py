"""Comparing two figures' values: agree, diverge or contradict, under a policy."""

from __future__ import annotations

import sys
from enum import StrEnum
from fractions import Fraction
from typing import Any

from attrs import frozen

from eventcode.model import CountKind, Figure
from eventcode.rules.policy import PolicyLike
from eventcode.rules.policy import policy as named_policy
from eventcode.rules.values import interval, read_count

__all__ = ["Comparison", "ComparisonKind", "compare", "overlaps"]

_FLOAT_MAX = int(sys.float_info.max)


def _times(ratio: float | None) -> str:
    return "more than 10**308 times" if ratio is None else f"{ratio:.2f} times"


class ComparisonKind(StrEnum):
    """How two figures' values relate."""

    AGREE = "agree"
    DIVERGE = "diverge"
    CONTRADICT = "contradict"
    INCOMPARABLE = "incomparable"


@frozen(kw_only=True)
class Comparison:
    """The result of comparing two figures' values.

    ``first``/``second`` are the figure ids in the order given, with their intervals and points;
    ``ratio`` is the larger point over the smaller (``None`` when a point is missing, or the
    smaller is 0 and the larger is not: an unbounded ratio); ``reason`` says why in words.
    """

    kind: ComparisonKind
    first: str
    second: str
    first_interval: tuple[int, int | None] | None
    second_interval: tuple[int, int | None] | None
    first_point: int | None
    second_point: int | None
    ratio: float | None
    policy: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as a JSON-ready dictionary."""

        def span(value: tuple[int, int | None] | None) -> list[int | None] | None:
            return None if value is None else list(value)

        return {
            "kind": self.kind.value,
            "first": self.first,
            "second": self.second,
            "first_interval": span(self.first_interval),
            "second_interval": span(self.second_interval),
            "first_point": self.first_point,
            "second_point": self.second_point,
            "ratio": self.ratio,
            "policy": self.policy,
            "reason": self.reason,
        }


def overlaps(a: tuple[int, int | None], b: tuple[int, int | None]) -> bool:
    """Return True when two intervals (high ``None``: no ceiling) share a number."""
    return (b[1] is None or a[0] <= b[1]) and (a[1] is None or b[0] <= a[1])


def _show(span: tuple[int, int | None]) -> str:
    low, high = span
    if high is None:
        return f"[{low}, no maximum]"
    return f"[{low}, {high}]" if low != high else f"[{low}]"


def compare(first: Figure, second: Figure, policy: PolicyLike) -> Comparison:
    """Compare two figures' values under ``policy``; symmetric in its arguments.

    They **contradict** when their intervals (:func:`~eventcode.rules.interval`) do not overlap;
    they **diverge** when the intervals overlap but the larger of their points is more than
    ``policy.divergence_ratio`` times the smaller (a smaller point of 0 against a larger above 0
    diverges, with no ratio); otherwise they **agree**. A partial count (a floor under the toll)
    allows any number from its minimum up, and contradicts only when its floor is above the other
    figure's maximum; neither it nor a vague figure ever diverges, since their points are not the
    toll. Two partial counts, or a value that gives no number (unknown, an unnumbered term), are
    **incomparable**. Whether the two figures are about
    the same event, quantity and subject is the caller's concern. ``policy`` is a name, a
    :class:`Policy` or ``None`` (the default policy).
    """
    policy = named_policy(policy)
    span_a = interval(first.value, policy, first.quantity)
    span_b = interval(second.value, policy, second.quantity)
    point_a = read_count(first.value, policy, first.quantity).point
    point_b = read_count(second.value, policy, second.quantity).point

    def result(kind: ComparisonKind, ratio: float | None, reason: str) -> Comparison:
        return Comparison(
            kind=kind,
            first=first.id,
            second=second.id,
            first_interval=span_a,
            second_interval=span_b,
            first_point=point_a,
            second_point=point_b,
            ratio=ratio,
            policy=policy.name,
            reason=reason,
        )

    if span_a is None or span_b is None:
        missing = " and ".join(f.id for f, s in ((first, span_a), (second, span_b)) if s is None)
        return result(ComparisonKind.INCOMPARABLE, None, f"{missing} gives no number")
    if first.partial and second.partial:
        return result(
            ComparisonKind.INCOMPARABLE, None, f"{first.id} and {second.id} are both partial counts"
        )
    # A partial count is a floor under the toll: it allows any number from its minimum up.
    span_a = (span_a[0], None) if first.partial else span_a
    span_b = (span_b[0], None) if second.partial else span_b
    shown = f"{first.id} {_show(span_a)} and {second.id} {_show(span_b)}"
    if not overlaps(span_a, span_b):
        return result(ComparisonKind.CONTRADICT, None, f"{shown} do not overlap")
    unweighable = [
        f"{f.id} is {'a partial count' if f.partial else 'vague'}"
        for f in (first, second)
        if f.partial or f.value.kind is CountKind.VAGUE
    ]
    if unweighable:
        return result(
            ComparisonKind.AGREE,
            None,
            f"{shown} overlap; {' and '.join(unweighable)}, so their points are not weighed",
        )
    if point_a is None or point_b is None:
        return result(ComparisonKind.AGREE, None, f"{shown} overlap; one has no point to weigh")
    low, high = sorted((point_a, point_b))
    if low == 0:
        if high == 0:
            return result(ComparisonKind.AGREE, 1.0, f"{shown} overlap; both points are 0")
        return result(
            ComparisonKind.DIVERGE,
            None,
            f"{shown} overlap, but one point is 0 and the other {high}",
        )
    limit = policy.divergence_ratio
    # Exact: counts may have thousands of digits, past a float's range (high / low overflows).
    if Fraction(high, low) > Fraction(limit):
        ratio = high / low if high <= _FLOAT_MAX * low else None  # None: past a float's range
        return result(
            ComparisonKind.DIVERGE,
            ratio,
            f"{shown} overlap, but {high} is {_times(ratio)} {low}, above the {policy.name} "
            f"policy's ratio {limit:g}",
        )
    ratio = high / low  # at most the policy's ratio: a float
    return result(
        ComparisonKind.AGREE,
        ratio,
        f"{shown} overlap; {high} is {ratio:.2f} times {low}, within the ratio {limit:g}",
    )
