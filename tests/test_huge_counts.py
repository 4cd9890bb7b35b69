"""Counts past a float's range (issue 15, found by fuzz/run.py): compared exactly, never a crash.

A figure read from a file counted up to 4,300 digits (Python's limit) when fuzz/run.py found
this. Comparing two figures, and finding the pairs worth comparing, multiplied or divided such
counts as floats, which overflow past about 10**308: ``OverflowError`` on an event with a
400-digit count and a small one. Case: ``fixtures/hostile/jsonl-figures-past-float-range.jsonl``.
A count is now at most ``MAX_COUNT`` (15 digits; that case is S103), but the rules are pure
functions of any counts given them: they still compare such counts exactly.
"""

from __future__ import annotations

from itertools import combinations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcode.model import Count
from eventcode.rules import ComparisonKind, compare, policy, policy_names
from eventcode.rules.pairs import candidate_pairs, may_disagree
from eventcode.strategies import counts
from tests.test_pairs_bounded import figure

BIG = 10**400


def _past_floats(count: Count) -> Count:
    """Return ``count`` with every bound multiplied past a float's range."""
    scaled = {
        name: None if value is None else value * 10**390
        for name in ("low", "high", "most_likely")
        for value in [getattr(count, name)]
    }
    return attrs.evolve(count, **scaled)


#: Counts of up to 400 digits, of every kind.
HUGE = counts(max_value=10**10).map(_past_floats)

DISAGREE = (ComparisonKind.CONTRADICT, ComparisonKind.DIVERGE)


def test_a_point_past_a_float_diverges_without_a_ratio() -> None:
    """Two overlapping counts whose points are 10**400 apart diverge; the ratio is unbounded."""
    chosen = policy(None)
    wide = figure(0, Count.between(1, BIG, "1 to a googol cubed", most_likely=BIG))
    one = figure(1, Count.exact(1, "one"))
    found = compare(wide, one, chosen)
    assert found.kind is ComparisonKind.DIVERGE
    assert found.ratio is None
    assert list(candidate_pairs([wide, one], chosen)) == [(0, 1)]
    assert may_disagree([wide, one], chosen, "R002") == [wide, one]


def test_huge_points_within_the_ratio_agree() -> None:
    chosen = policy(None)
    a = figure(0, Count.between(BIG, 3 * BIG, "a", most_likely=BIG))
    b = figure(1, Count.between(BIG, 3 * BIG, "b", most_likely=BIG + 1))
    found = compare(a, b, chosen)
    assert found.kind is ComparisonKind.AGREE
    assert found.ratio == 1.0
    assert list(candidate_pairs([a, b], chosen)) == []


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(st.one_of(counts(max_value=200), HUGE), st.booleans()),
        max_size=8,
    ),
    st.sampled_from(policy_names()),
)
def test_candidates_miss_no_disagreeing_pair_of_any_size(
    values: list[tuple[Count, bool]], name: str
) -> None:
    """Whatever the counts' size, every pair compare flags is proposed, and nothing raises."""
    chosen = policy(name)
    figures = [figure(i, v, p) for i, (v, p) in enumerate(values)]
    every = {
        (i, j)
        for i, j in combinations(range(len(figures)), 2)
        if compare(figures[i], figures[j], chosen).kind in DISAGREE
    }
    assert every <= set(candidate_pairs(figures, chosen))
    named = {f.id for code in ("R001", "R002") for f in may_disagree(figures, chosen, code)}
    assert {figures[i].id for pair in every for i in pair} <= named
