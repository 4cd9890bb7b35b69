"""Work the rules do once and share: each held equal to what it stands for.

- a figure read once for both its interval and its reading (``read_with_interval``);
- the candidate pairs of a group found from its spread, computed once for both codes, and the
  divergence bound compared in whole numbers (``_far``) rather than as a fraction;
- a derived number whose explanation is made only when read (``Derived.later``), from nothing
  that can change after the derivation;
- an event's revisions walked once for the checks that ask in turn (the last kept by identity).
"""

from __future__ import annotations

import pickle
from datetime import date
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcode.model import (
    Basis,
    Count,
    Dataset,
    DateSpan,
    Event,
    Figure,
    Status,
    Subject,
    VictimCategory,
)
from eventcode.rules import (
    Policy,
    acled_fatalities,
    interval,
    policy,
    policy_names,
    read_count,
)
from eventcode.rules.explain import Derived, Explanation, GroupValue
from eventcode.rules.pairs import candidate_pairs, spread
from eventcode.rules.revisions import _revisions, revisions
from eventcode.rules.values import read_with_interval
from eventcode.strategies import counts, datasets
from tests.test_pairs_bounded import disagreeing_pairs, figure

QUANTITIES = ("killed", "wounded", "protesters", "vehicles_destroyed")


@settings(max_examples=300)
@given(counts(max_value=300), st.sampled_from(policy_names()), st.sampled_from(QUANTITIES))
def test_one_read_gives_the_reading_and_the_interval(
    count: Count, name: str, quantity: str
) -> None:
    reading, span = read_with_interval(count, name, quantity)
    assert reading == read_count(count, name, quantity)
    assert span == interval(count, name, quantity)


def _far_by_every_pair(figures: list[Figure], chosen: Policy) -> set[tuple[int, int]]:
    """The divergence candidates by trying every ordered pair, the ratio as an exact fraction."""
    spans, points = spread(figures, chosen)
    bounds = {index: (low, high) for low, high, index in spans}
    exact = Fraction(chosen.divergence_ratio)
    found = set()
    for (p, i), (q, j) in ((a, b) for a in points for b in points if a[1] != b[1]):
        high = bounds.get(i, (p, None))[1]
        low = bounds.get(j, (q, None))[0]
        if q > p * exact and (high is None or low <= high):
            found.add((min(i, j), max(i, j)))
    return found


@settings(max_examples=300)
@given(
    st.lists(st.tuples(counts(max_value=120), st.booleans()), max_size=10),
    st.sampled_from(policy_names()),
    st.one_of(
        st.sampled_from([1.0, 1.5, 2.0, 2.5, 3.0, 1.1, 4.75]),
        st.floats(min_value=1.0, max_value=6.0, allow_nan=False),
    ),
)
def test_pairs_under_any_ratio_are_those_of_every_pair(
    values: list[tuple[Count, bool]], name: str, ratio: float
) -> None:
    chosen = attrs.evolve(policy(name), divergence_ratio=ratio)
    figures = [figure(i, v, p) for i, (v, p) in enumerate(values)]
    read = spread(figures, chosen)
    for code in ("R001", "R002", None):
        given_spread = list(candidate_pairs(figures, chosen, code, spread_of=read))
        assert given_spread == list(candidate_pairs(figures, chosen, code))
    assert set(candidate_pairs(figures, chosen, "R002")) == _far_by_every_pair(figures, chosen)
    assert disagreeing_pairs(figures, chosen) <= set(candidate_pairs(figures, chosen))


def test_a_point_just_above_the_ratio_is_a_candidate_and_one_at_it_is_not() -> None:
    def pair(low: int, high: int) -> list[Figure]:
        # "at least low" has no ceiling, so the two may overlap: only their points are weighed
        return [
            figure(0, Count.at_least(low, str(low)), False),
            figure(1, Count.exact(high, ""), False),
        ]

    half = attrs.evolve(policy(None), divergence_ratio=1.5)
    assert list(candidate_pairs(pair(10, 15), half, "R002")) == []
    assert list(candidate_pairs(pair(10, 16), half, "R002")) == [(0, 1)]
    quarter = attrs.evolve(policy(None), divergence_ratio=1.25)  # 7 * 1.25 = 8.75
    assert list(candidate_pairs(pair(7, 9), quarter, "R002")) == [(0, 1)]
    assert list(candidate_pairs(pair(7, 8), quarter, "R002")) == []


def _explanation(reason: str) -> Explanation:
    group = GroupValue(group="all victims", value=3, figures=("a",), considered=("a",), reason="r")
    return Explanation(figures=("a",), groups=(group,), reason=reason)


def test_a_derived_number_explained_later_is_one_explained_at_once() -> None:
    made = []

    def explain() -> Explanation:
        made.append(1)
        return _explanation("why")

    later = Derived.later(3, explain)
    assert later.value == 3
    assert not made  # the number costs no words
    now = Derived(value=3, explanation=_explanation("why"))
    assert later == now
    assert hash(later) == hash(now)
    assert repr(later) == repr(now)
    assert later.to_dict() == now.to_dict()
    assert len(made) == 1
    later.explanation  # noqa: B018 -- made once only
    assert len(made) == 1
    assert later != Derived(value=3, explanation=_explanation("another reason"))
    assert later != Derived(value=4, explanation=_explanation("why"))
    assert pickle.loads(pickle.dumps(Derived.later(3, explain))) == now
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        later.value = 4  # type: ignore[misc]


@settings(max_examples=150, deadline=None)
@given(datasets(max_events=3, max_figures=5), st.sampled_from(policy_names()))
def test_the_acled_explanation_depends_on_nothing_that_changes_after(
    dataset: Dataset, name: str
) -> None:
    for event in dataset.events:
        claimants = {c.id: c for c in dataset.claimants}
        actors = {a.id: a for a in dataset.actors}
        at_once = acled_fatalities(event, claimants, name, actors=actors)
        at_once.explanation  # noqa: B018 -- read while the parties are there
        later = acled_fatalities(event, claimants, name, actors=actors)
        claimants.clear()  # the caller's parties change before the words are read
        actors.clear()
        assert later.value == at_once.value
        assert later.explanation == at_once.explanation


def _chain(claimants: tuple[str, str], event_id: str = "ev") -> Event:
    first = Figure(
        id=f"{event_id}-a",
        quantity="killed",
        subject=Subject(category=VictimCategory.CIVILIANS),
        value=Count.exact(3, "3"),
        basis=Basis.REPORTED,
        claimant=claimants[0],
        status=Status.REVISED,
        revised_by=f"{event_id}-b",
    )
    second = attrs.evolve(
        first, id=f"{event_id}-b", claimant=claimants[1], status=Status.FINAL, revised_by=None
    )
    return Event(id=event_id, date=DateSpan(start=date(2024, 1, 1)), figures=(first, second))


def test_the_last_revisions_are_the_events_own_and_the_ways_own() -> None:
    across = _chain(("gov", "media"))
    within = _chain(("gov", "gov"), "other")
    assert dict(revisions(across).superseded) == {"ev-a": "ev-b"}
    assert dict(revisions(across, follow_cross_claimant=False).superseded) == {}
    assert dict(revisions(across).superseded) == {"ev-a": "ev-b"}
    assert dict(revisions(within, follow_cross_claimant=False).superseded) == {"other-a": "other-b"}
    equal = _chain(("gov", "media"))  # an equal event, another object
    assert dict(revisions(equal, follow_cross_claimant=False).superseded) == {}
    with pytest.raises(TypeError):
        revisions(across).superseded["x"] = "y"  # type: ignore[index]


@settings(max_examples=100, deadline=None)
@given(datasets(max_events=4, max_figures=5), st.lists(st.tuples(st.integers(0, 3), st.booleans())))
def test_revisions_asked_in_any_order_are_each_events_own(
    dataset: Dataset, asks: list[tuple[int, bool]]
) -> None:
    events = dataset.events
    for i, follow in asks if events else ():
        event = events[i % len(events)]
        assert revisions(event, follow_cross_claimant=follow) == _revisions(event, follow)



def test_revisions_pickle_and_stay_read_only() -> None:
    from types import MappingProxyType

    from eventcode.rules.revisions import Chain, Revisions

    made = Revisions(
        superseded=MappingProxyType({"f1": "f2"}),
        cycles=(),
        chains=(Chain(figures=("f1", "f2"), cross_claimant=("f1",)),),
    )
    back = pickle.loads(pickle.dumps(made))
    assert back == made
    assert dict(back.superseded) == {"f1": "f2"}
    with pytest.raises(TypeError):
        back.superseded["f1"] = "f3"  # type: ignore[index]
