"""The pairs of figures that may disagree, found by sorting rather than by trying every pair.

:func:`~eventcode.rules.compare` is the one definition of agree, diverge and contradict. This
module only proposes pairs that can possibly contradict (their intervals do not overlap) or
diverge (their points are more than the policy's ratio apart), in ``O(N log N + K)`` for ``K``
pairs proposed, so that an event with thousands of figures costs what its disagreements cost,
not every pair. Every proposed pair is then judged by ``compare``; a pair it does not propose
can be neither, so the findings are those of comparing every pair (a property test holds that).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from fractions import Fraction
from functools import cache
from typing import NamedTuple

from eventcode.model import Figure
from eventcode.rules.policy import Policy
from eventcode.rules.policy import policy as named_policy
from eventcode.rules.values import interval, read_count, read_under

__all__ = ["Spread", "candidate_pairs", "may_disagree", "may_pair", "spread"]


class Spread(NamedTuple):
    """What pairing needs of a list of figures: their intervals and points, each with its index.

    ``spans`` are ``(low, high, index)`` (``high`` ``None``: no ceiling, as for a partial count);
    ``points`` are ``(point, index)``; figures with no interval or point are left out.
    """

    spans: list[tuple[int, int | None, int]]
    points: list[tuple[int, int]]


def spread(figures: Sequence[Figure], policy: Policy) -> Spread:
    """Return the intervals and points of ``figures`` under ``policy`` (each figure read once)."""
    spans: list[tuple[int, int | None, int]] = []
    points: list[tuple[int, int]] = []
    chosen = named_policy(policy)  # a name, as read_with_interval took one
    quantity, under = None, chosen  # the policy restricted to the quantity: once a run of it
    for index, figure in enumerate(figures):
        if figure.quantity != quantity:
            quantity = figure.quantity
            under = chosen.for_quantity(quantity)
        reading, span = read_under(figure.value, under)
        if span is not None:
            spans.append((span[0], None if figure.partial else span[1], index))
        point = reading.point
        if point is not None:
            points.append((point, index))
    return Spread(spans, points)


def candidate_pairs(
    figures: Sequence[Figure],
    policy: Policy,
    code: str | None = None,
    *,
    spread_of: Spread | None = None,
) -> Iterator[tuple[int, int]]:
    """Yield index pairs ``(i, j)``, ``i < j``, of figures that may contradict or diverge.

    ``code`` ``R001`` yields only pairs whose intervals do not overlap (every contradiction),
    ``R002`` only pairs whose points are more than the ratio apart (every divergence), ``None``
    both. Each pair at most once, lazily, in a deterministic order. Comparisons treat a partial
    count's interval as open above (it is a floor), so it is taken so here too. ``spread_of``
    is :func:`spread` of the same figures and policy when the caller has it (asking for both
    codes in turn reads the figures once).
    """
    spans, points = spread(figures, policy) if spread_of is None else spread_of
    sources = []
    if code in (None, "R001"):
        sources.append(_apart(spans))
    if code in (None, "R002"):
        sources.append(_far(points, policy.divergence_ratio, spans))
    seen: set[tuple[int, int]] = set()
    for source in sources:
        for pair in source:
            ordered = (min(pair), max(pair))
            if ordered[0] != ordered[1] and ordered not in seen:
                seen.add(ordered)
                yield ordered


def may_pair(read: Spread, policy: Policy, code: str) -> bool:
    """Return False when :func:`candidate_pairs` of ``code`` yields nothing for ``read``.

    ``read`` is :func:`spread` of the figures under ``policy``. A quick test of what the
    candidates need (an interval whose high is below another's low; a point above the lowest
    point's bound), so that a group of figures that agree makes no generator.
    """
    if code == "R001":
        return _apart_possible(read.spans)
    return _far_possible([p for p, _ in read.points], _ratio(policy.divergence_ratio))


@cache
def _exact(ratio: float) -> Fraction:
    """Return a policy's ratio as a fraction (made once: each group of each event asks)."""
    return Fraction(ratio)


@cache
def _ratio(ratio: float) -> tuple[int, int]:
    """Return a policy's ratio as the numerator and denominator of its exact fraction."""
    exact = _exact(ratio)
    return exact.numerator, exact.denominator


def _apart_possible(spans: list[tuple[int, int | None, int]]) -> bool:
    """Return False when no interval's high is below any interval's low (no pair is apart)."""
    highs = [high for _, high, _ in spans if high is not None]
    return bool(highs) and min(highs) < max(low for low, _, _ in spans)


def _far_possible(values: list[int], ratio: tuple[int, int]) -> bool:
    """Return False when no point is above the lowest point's bound, so none above another's."""
    times, over = ratio
    return bool(values) and max(values) > min(values) * times // over


def _apart(spans: list[tuple[int, int | None, int]]) -> Iterator[tuple[int, int]]:
    """Pairs whose intervals do not overlap: one's high is below the other's low."""
    by_low = sorted((low, index) for low, _, index in spans)
    lows = [low for low, _ in by_low]
    for _low, high, index in spans:
        if high is None:
            continue
        # every interval starting above this one's high lies wholly above it
        for _, other in by_low[bisect.bisect_right(lows, high) :]:
            yield index, other


def _far(
    points: list[tuple[int, int]],
    ratio: float,
    spans: list[tuple[int, int | None, int]],
) -> Iterator[tuple[int, int]]:
    """Pairs whose points are more than ``ratio`` apart and whose intervals may overlap.

    For each point, the points above ``point * ratio`` form a suffix of the sorted points; the
    suffix's lowest interval start tells at once whether any of them can reach down to this
    figure's interval (the common case of exact figures: none can), so only pairs that may
    diverge are walked.
    """
    ordered = sorted(points)
    values = [p for p, _ in ordered]
    exact = _ratio(ratio)  # counts may be past a float's range: compared exactly
    times, over = exact
    if not _far_possible(values, exact):
        return
    bounds = {index: (low, high) for low, high, index in spans}
    lows = [bounds.get(i, (p, None))[0] for p, i in ordered]
    suffix_min = lows[:]
    for k in range(len(lows) - 2, -1, -1):
        suffix_min[k] = min(suffix_min[k], suffix_min[k + 1])
    for point, index in ordered:
        # the first point above point * ratio: points are whole numbers, so above the floor
        start = bisect.bisect_right(values, point * times // over)
        if start >= len(ordered):
            continue
        high = bounds.get(index, (point, None))[1]
        if high is not None and suffix_min[start] > high:
            continue  # every farther figure starts above this one's interval
        for k in range(start, len(ordered)):
            if high is None or lows[k] <= high:
                yield index, ordered[k][1]


def may_disagree(figures: Sequence[Figure], policy: Policy, code: str) -> list[Figure]:
    """Return the figures in at least one candidate pair of one kind, in ``O(N log N)``.

    ``code`` ``R001``: a figure whose interval misses another's (its high below the highest low,
    or its low above the lowest high); ``R002``: a figure whose point is more than the ratio
    from the lowest or the highest point. Used to name the figures past a findings limit
    without enumerating their pairs.
    """
    spans = [(f, interval(f.value, policy, f.quantity)) for f in figures]
    numbered = [(f, s) for f, s in spans if s is not None]
    if code == "R001":
        if len(numbered) < 2:
            return []
        lows = sorted(s[0] for _, s in numbered)
        highs = sorted(s[1] for f, s in numbered if s[1] is not None and not f.partial)
        found = []
        for f, (low, high) in numbered:
            below = high is not None and not f.partial and high < lows[-1]
            if below or (highs and low > highs[0]):
                found.append(f)
        return found
    points = [(f, read_count(f.value, policy, f.quantity).point) for f in figures]
    known = [(f, p) for f, p in points if p is not None]
    if len(known) < 2:
        return []
    smallest = min(p for _, p in known)
    largest = max(p for _, p in known)
    ratio = _exact(policy.divergence_ratio)  # exact, as in _far
    return [f for f, p in known if largest > p * ratio or p > smallest * ratio]
