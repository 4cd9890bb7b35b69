"""Pairwise checks are bounded: candidates by sorting give exactly the findings of every pair,
and past the limit one summary names the rest."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcode.checks.context import Context
from eventcode.checks.figures import figure_relation_findings
from eventcode.model import Basis, Count, DateSpan, Event, Figure, Subject, VictimCategory
from eventcode.rules import ComparisonKind, Policy, compare, policy, policy_names
from eventcode.rules.pairs import candidate_pairs
from eventcode.strategies import counts


def figure(i: int, value: Count, partial: bool = False) -> Figure:
    return Figure(
        id=f"f{i}",
        quantity="killed",
        subject=Subject(category=VictimCategory.CIVILIANS),
        value=value,
        basis=Basis.REPORTED,
        claimant="c",
        partial=partial,
    )


@settings(max_examples=200)
@given(
    st.lists(st.tuples(counts(max_value=200), st.booleans()), max_size=12),
    st.sampled_from(policy_names()),
)
def test_candidates_miss_no_disagreeing_pair(values: list[tuple[Count, bool]], name: str) -> None:
    chosen = policy(name)
    figures = [figure(i, v, p) for i, (v, p) in enumerate(values)]
    assert disagreeing_pairs(figures, chosen) <= set(candidate_pairs(figures, chosen))


def disagreeing_pairs(figures: Sequence[Figure], chosen: Policy) -> set[tuple[int, int]]:
    """Return the pairs of ``figures`` (by index) that contradict or diverge, trying each."""
    return {
        (i, j)
        for i, j in combinations(range(len(figures)), 2)
        if compare(figures[i], figures[j], chosen).kind
        in (ComparisonKind.CONTRADICT, ComparisonKind.DIVERGE)
    }


def test_one_event_with_thousands_of_figures_is_bounded() -> None:
    figures = tuple(figure(i, Count.exact(i * 7 + 1, str(i))) for i in range(3000))
    event = Event(id="ev", date=DateSpan(start=date(2023, 1, 1)), figures=figures)
    # Every pair contradicts (4.5 million pairs): this returns at once only if bounded.
    found = list(figure_relation_findings(event, "$.events[0]", Context()))
    r001 = [f for f in found if f.code == "R001"]
    assert len(r001) == 51  # 50 pairs and one summary
    summary = r001[-1]
    assert "limit of 50" in summary.message
    named = {i for f in r001[:-1] for i in f.related}
    assert set(summary.related) == {f.id for f in figures} - named  # every figure is in one
    assert not [f for f in found if f.code == "R002"]  # distinct exact values never diverge


def test_the_limit_is_configurable_and_findings_below_it_are_all_there() -> None:
    figures = tuple(figure(i, Count.exact(i + 1, str(i))) for i in range(12))  # 66 pairs
    event = Event(id="ev", date=DateSpan(start=date(2023, 1, 1)), figures=figures)
    every = list(figure_relation_findings(event, "$", Context(max_pair_findings=1000)))
    assert len([f for f in every if f.code == "R001"]) == 66
    capped = list(figure_relation_findings(event, "$", Context(max_pair_findings=10)))
    assert len([f for f in capped if f.code == "R001"]) == 11
