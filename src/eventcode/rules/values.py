"""Values as numbers: what a stated count stands for under a policy.

:func:`read_count` gives the minimum, maximum and representative point a policy reads in a count,
with the reason; :func:`interval` gives the interval a count allows, for comparing figures.
"""

from __future__ import annotations

import math
from fractions import Fraction

from attrs import frozen

from eventcode._frozen import builder
from eventcode.model import Count, CountKind
from eventcode.rules.policy import Policy, PolicyLike
from eventcode.rules.policy import policy as named_policy

__all__ = ["Reading", "interval", "read_count", "read_under", "read_with_interval", "widen"]


@frozen(kw_only=True)
class Reading:
    """What a policy reads in a count.

    ``minimum`` is the least the count asserts (``None``: it asserts none); ``maximum`` the most
    it allows (``None``: no ceiling); ``point`` the single number that represents it (``None``
    when it has no minimum): the minimum, except for a range whose source names its most likely
    point and for "nearly N" (N). ``from_table`` is True when a number came from the policy's
    vague-term table rather than from the text; ``fallback`` is True when the minimum is the
    policy's fallback for a count that states none ("up to N"); ``how`` says in words how the
    numbers were read.
    """

    minimum: int | None
    maximum: int | None
    point: int | None
    how: str
    from_table: bool = False
    fallback: bool = False

    @property
    def upper(self) -> int | None:
        """The highest number the reading supports: the maximum, else the point."""
        if self.maximum is None or self.point is None:
            return self.point if self.maximum is None else self.maximum
        return max(self.maximum, self.point)


#: Builds a Reading without the frozen class's ``__init__`` (:mod:`eventcode._frozen`): figures
#: are read by the thousand (each pair check reads its group's). A test holds it equal to the
#: constructor.
_reading = builder(Reading, __name__, "_reading")


# The kinds of count, bound once: in Python 3.11 ``CountKind.EXACT`` goes through the enum
# class's ``__getattr__`` hook (several times the cost of a plain name), and every figure read
# asks several.
_EXACT, _APPROXIMATE, _RANGE = CountKind.EXACT, CountKind.APPROXIMATE, CountKind.RANGE
_LOWER_BOUND, _UPPER_BOUND, _NEARLY = CountKind.LOWER_BOUND, CountKind.UPPER_BOUND, CountKind.NEARLY
_VAGUE, _UNKNOWN = CountKind.VAGUE, CountKind.UNKNOWN
_EXACT_OR_APPROXIMATE = (_EXACT, _APPROXIMATE)


def _nothing(how: str) -> Reading:
    return _reading(minimum=None, maximum=None, point=None, how=how)


def _upper_bound(n: int, policy: Policy, stated: str) -> Reading:
    """Read "up to N" (or a vague term bounded only above, with no number of its own)."""
    term = policy.upper_bound_fallback
    fallback = None if term is None else policy.vague_value(term)
    if term is None or fallback is None:
        return _reading(
            minimum=None,
            maximum=n,
            point=None,
            how=f"{stated}: no minimum (policy {policy.name} has no fallback), maximum {n}",
        )
    low = min(fallback, n)
    return _reading(
        minimum=low,
        maximum=n,
        point=low,
        how=f"{stated}: no stated minimum; policy {policy.name} falls back to {term!r} = "
        f"{fallback}, capped at {n}: minimum {low}, maximum {n}",
        from_table=True,
        fallback=True,
    )


def _vague(count: Count, policy: Policy) -> Reading:
    term = count.term
    if term is not None and policy.is_unnumbered(term):
        return _nothing(f"{term!r} alone says nothing about deaths: never a number")
    if count.low is not None:
        return _reading(
            minimum=count.low,
            maximum=count.high,
            point=count.low,
            how=f"vague {term!r} with a stated lower bound {count.low}"
            + ("" if count.high is None else f" and upper bound {count.high}"),
        )
    value = None if term is None else policy.vague_value(term)
    if count.high is not None:
        if value is None:
            return _upper_bound(count.high, policy, f"vague {term!r} bounded at {count.high}")
        low = min(value, count.high)
        return _reading(
            minimum=low,
            maximum=count.high,
            point=low,
            how=f"vague {term!r} = {value} by the {policy.vague_table} table, capped at its "
            f"stated upper bound {count.high}",
            from_table=True,
        )
    if value is None:
        return _nothing(f"vague {term!r} is not in the {policy.vague_table} table: no number")
    return _reading(
        minimum=value,
        maximum=None,
        point=value,
        how=f"vague {term!r} = {value} by the {policy.vague_table} table (a minimum reading)",
        from_table=True,
    )


def _nearly(n: int, policy: Policy) -> Reading:
    low = widen(n, policy.approximate_tolerance)[0]
    return _reading(
        minimum=low,
        maximum=n,
        point=n,
        how=f"nearly {n}: at most {n} and within the {policy.name} policy's tolerance of it: "
        f"minimum {low}, maximum {n}",
    )


def read_count(count: Count, policy: PolicyLike, quantity: str | None = None) -> Reading:
    """Return what ``policy`` reads in ``count``: minimum, maximum, point and the reason.

    exact N: N for all three. range L-H: minimum L, maximum H, point the source's most likely
    value if it names one, else L. lower bound N: minimum and point N (N+1 when ``strict``: "more
    than N"), no maximum. upper bound N: maximum N (N-1 when ``strict``: "fewer than N") and no
    minimum, unless the policy falls back to a vague term capped at the maximum. nearly N:
    maximum and point N, minimum N less the policy's tolerance. approximate N: N for all three
    (its tolerance applies only to :func:`interval`). vague: the stated bounds if any, else the
    policy's table value as minimum and point with no maximum; an unnumbered term
    (``casualties``) or a term the table lacks gives nothing. unknown: nothing. The table and
    the fallback apply to death counts only (:meth:`Policy.for_quantity`): give ``quantity`` to
    read a count of anything else.
    """
    return _read(count, named_policy(policy).for_quantity(quantity))


def _read(count: Count, policy: Policy) -> Reading:
    """Return :func:`read_count` under a policy already restricted to the quantity."""
    kind, low, high = count.kind, count.low, count.high
    if kind in _EXACT_OR_APPROXIMATE and low is not None:
        word = "exact" if kind is _EXACT else "approximate"
        return _reading(minimum=low, maximum=low, point=low, how=f"{word} {low}")
    if kind is _RANGE and low is not None and high is not None:
        likely = count.most_likely
        if likely is not None and low <= likely <= high:
            how = f"range {low}-{high} most likely {likely}: minimum {low}, maximum {high}"
            return _reading(minimum=low, maximum=high, point=likely, how=how)
        how = f"range {low}-{high}: minimum {low}, maximum {high}"
        return _reading(minimum=low, maximum=high, point=low, how=how)
    if kind is _LOWER_BOUND and low is not None:
        if count.strict:
            how = f"more than {low}: minimum {low + 1}, no maximum"
            return _reading(minimum=low + 1, maximum=None, point=low + 1, how=how)
        how = f"at least {low}: minimum {low}, no maximum"
        return _reading(minimum=low, maximum=None, point=low, how=how)
    if kind is _UPPER_BOUND and high is not None:
        if count.strict:
            return _upper_bound(max(high - 1, 0), policy, f"fewer than {high}")
        return _upper_bound(high, policy, f"up to {high}")
    if kind is _NEARLY and high is not None:
        return _nearly(high, policy)
    if kind is _VAGUE:
        return _vague(count, policy)
    if kind is _UNKNOWN:
        return _nothing("stated as unknown: no number")
    return _nothing(f"a {kind.value} count without the bounds its kind needs: no number")


def widen(n: int, tolerance: float) -> tuple[int, int]:
    """Return N widened by a relative ``tolerance`` (exact arithmetic): "about N" as an interval."""
    t = Fraction(str(tolerance))
    return max(0, math.floor(n * (1 - t))), math.ceil(n * (1 + t))


def interval(
    count: Count, policy: PolicyLike, quantity: str | None = None
) -> tuple[int, int | None] | None:
    """Return the interval of numbers ``count`` allows under ``policy`` (``None``: no number).

    The high end ``None`` means no ceiling. exact N: (N, N); approximate N: N widened by the
    policy's tolerance; range: (L, H); lower bound: (N, None), (N+1, None) when strict; upper
    bound: (0, N), (0, N-1) when strict -- the policy's fallback minimum is a reading for derived
    counts, not something the source said; nearly N: (N less the tolerance, N);
    vague: from the reading (table value as the low end, no ceiling); unknown: ``None``. As
    for :func:`read_count`, ``quantity`` restricts the table to death counts.
    """
    return _interval(count, named_policy(policy).for_quantity(quantity), None)


def read_with_interval(
    count: Count, policy: PolicyLike, quantity: str | None = None
) -> tuple[Reading, tuple[int, int | None] | None]:
    """Return :func:`read_count` and :func:`interval` of ``count`` together, reading it once."""
    return read_under(count, named_policy(policy).for_quantity(quantity))


def read_under(
    count: Count, policy: Policy
) -> tuple[Reading, tuple[int, int | None] | None]:
    """Return :func:`read_with_interval` under a policy already restricted to the quantity.

    ``policy`` is :meth:`Policy.for_quantity` of the count's quantity: a caller reading many
    counts of one quantity restricts the policy once.
    """
    reading = _read(count, policy)
    return reading, _interval(count, policy, reading)


def _interval(
    count: Count, policy: Policy, reading: Reading | None
) -> tuple[int, int | None] | None:
    """Return :func:`interval` under a policy already restricted to the quantity.

    ``reading`` is ``read_count(count, policy)`` when the caller has it (``None``: read here).
    """
    kind = count.kind
    if kind is _APPROXIMATE and count.low is not None:
        return widen(count.low, policy.approximate_tolerance)
    if kind is _UPPER_BOUND and count.high is not None:
        return (0, max(count.high - 1, 0) if count.strict else count.high)
    if kind is _VAGUE and count.low is None and count.high is not None:
        term = count.term
        if term is not None and policy.is_unnumbered(term):
            return None
        value = None if term is None else policy.vague_value(term)
        return (0 if value is None else min(value, count.high), count.high)
    if reading is None:
        reading = _read(count, policy)
    if reading.minimum is None:
        return None if reading.maximum is None else (0, reading.maximum)
    return (reading.minimum, reading.maximum)
