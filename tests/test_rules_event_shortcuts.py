"""Shortcuts the record checks of one event take, each held equal to what it stands for.

- a group of figures that :func:`~eventcode.rules.pairs.may_pair` says has no candidate pair
  has none (so the pair checks skip it without making a generator);
- :func:`~eventcode.rules.pairs.spread` restricts the policy once for a run of one quantity,
  and reads each figure as :func:`~eventcode.rules.values.read_with_interval` does;
- :func:`~eventcode.rules.basis.unexpected_bases` is :func:`expected_basis` asked of each figure;
- :func:`~eventcode.rules.revisions.revisions` gives the one shared ``NO_REVISIONS`` exactly
  for an event with no figure revised by another (the revision check stops there).
"""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcode.model import (
    Actor,
    Basis,
    Claimant,
    ClaimantKind,
    Count,
    Dataset,
    DateSpan,
    Event,
    Figure,
    Place,
    Status,
    Subject,
    VictimCategory,
)
from eventcode.rules import policy, policy_names
from eventcode.rules.basis import expected_basis, unexpected_bases
from eventcode.rules.pairs import candidate_pairs, may_pair, spread
from eventcode.rules.revisions import NO_REVISIONS, revisions
from eventcode.rules.values import read_with_interval
from eventcode.strategies import counts, datasets
from tests.test_pairs_bounded import figure

QUANTITIES = ("killed", "wounded", "protesters", "vehicles_destroyed")


@settings(max_examples=300)
@given(
    st.lists(st.tuples(counts(max_value=120), st.booleans()), max_size=8),
    st.sampled_from(policy_names()),
    st.sampled_from([1.0, 1.25, 1.5, 2.0, 3.0]),
)
def test_a_group_may_pair_refuses_has_no_candidate_pair(
    values: list[tuple[Count, bool]], name: str, ratio: float
) -> None:
    chosen = attrs.evolve(policy(name), divergence_ratio=ratio)
    figures = [figure(i, v, p) for i, (v, p) in enumerate(values)]
    read = spread(figures, chosen)
    for code in ("R001", "R002"):
        pairs = list(candidate_pairs(figures, chosen, code, spread_of=read))
        assert may_pair(read, chosen, code) or pairs == []


def test_intervals_apart_and_points_far_apart_may_pair() -> None:
    chosen = policy(None)  # ratio 2
    apart = [figure(0, Count.exact(3, "3"), False), figure(1, Count.exact(4, "4"), False)]
    assert may_pair(spread(apart, chosen), chosen, "R001")
    assert list(candidate_pairs(apart, chosen, "R001")) == [(0, 1)]
    # "at least 10" reaches any number: never apart; 21 is above 10 * 2
    far = [figure(0, Count.at_least(10, "10+"), False), figure(1, Count.exact(21, "21"), False)]
    assert not may_pair(spread(far, chosen), chosen, "R001")
    assert may_pair(spread(far, chosen), chosen, "R002")
    near = [figure(0, Count.at_least(10, "10+"), False), figure(1, Count.exact(20, "20"), False)]
    assert not may_pair(spread(near, chosen), chosen, "R002")


@settings(max_examples=300)
@given(
    st.lists(st.tuples(counts(max_value=300), st.sampled_from(QUANTITIES)), max_size=8),
    st.sampled_from(policy_names()),
)
def test_a_spread_reads_each_figure_under_its_own_quantity(
    values: list[tuple[Count, str]], name: str
) -> None:
    chosen = policy(name)
    figures = [
        attrs.evolve(figure(i, count), quantity=quantity)
        for i, (count, quantity) in enumerate(values)
    ]
    spans, points = spread(figures, chosen)
    expected_spans, expected_points = [], []
    for index, f in enumerate(figures):
        reading, span = read_with_interval(f.value, chosen, f.quantity)
        if span is not None:
            expected_spans.append((span[0], None if f.partial else span[1], index))
        if reading.point is not None:
            expected_points.append((reading.point, index))
    assert (spans, points) == (expected_spans, expected_points)


def test_dozens_of_the_dead_and_of_protesters_are_read_apart() -> None:
    chosen = policy(None)
    dozens = Count.vague("dozens", "dozens")
    figures = [
        attrs.evolve(figure(0, dozens), quantity="killed"),
        attrs.evolve(figure(1, dozens), quantity="protesters"),
        attrs.evolve(figure(2, dozens), quantity="killed"),
    ]
    _, points = spread(figures, chosen)
    assert [index for _, index in points] == [0, 2]  # protesters' "dozens" is no number


def _by_id(dataset: Dataset) -> tuple[dict[str, Claimant], dict[str, Actor]]:
    return {c.id: c for c in dataset.claimants}, {a.id: a for a in dataset.actors}


@settings(max_examples=60)
@given(datasets(max_events=4, max_figures=6))
def test_unexpected_bases_are_those_expected_basis_does_not_expect(dataset: Dataset) -> None:
    claimants, actors = _by_id(dataset)
    for event in dataset.events:
        expected = []
        for index, f in enumerate(event.figures):
            claimant = claimants.get(f.claimant)
            if claimant is None:
                continue
            basis = expected_basis(f, claimant, actors, event=event)
            if basis is not None and not basis.fits(f.basis):
                expected.append((index, f, basis))
        assert unexpected_bases(event, claimants, actors) == expected


def test_an_authority_counting_the_dead_of_its_own_place_reports() -> None:
    # No actor names the victims: their country is the event's place's (read once an event).
    mayor = Claimant(id="mayor", name="Mayor", kind=ClaimantKind.LOCAL_AUTHORITY, country="UKR")
    dead = Figure(
        id="f",
        quantity="killed",
        subject=Subject(category=VictimCategory.CIVILIANS),
        value=Count.exact(4, "4"),
        basis=Basis.CLAIMED,
        claimant="mayor",
    )
    day = DateSpan(start=date(2024, 1, 1))
    event = Event(id="e", date=day, place=Place(name="Kyiv", country="UKR"), figures=(dead,))
    [(index, found, expected)] = unexpected_bases(event, {"mayor": mayor}, {})
    assert (index, found.id) == (0, "f")
    assert "counting its own residents" in expected.reason
    elsewhere = attrs.evolve(event, place=Place(name="Minsk", country="BLR"))
    [(_, _, expected)] = unexpected_bases(elsewhere, {"mayor": mayor}, {})  # not its residents
    assert "speaks for no side" in expected.reason


@settings(max_examples=60)
@given(datasets(max_events=4, max_figures=6))
def test_no_revisions_is_given_exactly_for_events_without_a_revision_link(
    dataset: Dataset,
) -> None:
    for event in dataset.events:
        linked = any(f.status is Status.REVISED and f.revised_by is not None for f in event.figures)
        for follow in (True, False):
            assert (revisions(event, follow_cross_claimant=follow) is NO_REVISIONS) is not linked
