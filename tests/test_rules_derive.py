"""Derived counts: ACLED fatalities and UCDP-style best/low/high, with their explanations."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from eventcode.model import (
    Basis,
    Claimant,
    Count,
    CountKind,
    Event,
    Scope,
    Status,
    VictimCategory,
)
from eventcode.rules import (
    acled_fatalities,
    death_figures,
    derive_event,
    group_of,
    policy,
    policy_names,
    read_count,
    ucdp_estimates,
)
from eventcode.strategies import claimants as claimant_records
from eventcode.strategies import figures as figure_records
from tests.test_rules_makiivka import CLAIMANTS, event, figure

DEFAULT = policy("eventcode")


# --------------------------------------------------------------------------------------------
# Rules


def test_casualties_never_become_a_death_count() -> None:
    ev = event(
        figure("cas", Count.exact(50, "50 casualties"), quantity="casualties"),
        figure("vague", Count.vague("casualties", "casualties"), basis=Basis.REPORTED),
    )
    result = derive_event(ev, CLAIMANTS, "acled")
    assert result.acled_fatalities.value == 0
    assert result.ucdp.high.value == 0
    assert {x.figure for x in result.left_out} == {"cas"}
    (group,) = result.acled_fatalities.explanation.groups
    assert group.value is None
    assert "casualties" in group.reason


def test_cumulative_figures_never_count() -> None:
    toll = figure("toll", Count.exact(5937, "5,937"), scope=Scope.CUMULATIVE)
    strike = figure("strike", Count.exact(12, "12"))
    result = derive_event(event(toll, strike), CLAIMANTS)
    assert result.acled_fatalities.value == 12
    assert result.ucdp.high.value == 12
    (left,) = result.left_out
    assert left.figure == "toll"
    assert "cumulative" in left.reason
    only = derive_event(event(toll), CLAIMANTS)
    assert only.acled_fatalities.value == 0


def test_revised_figures_give_way_to_the_revision() -> None:
    old = figure("old", Count.exact(63, "63"), status=Status.REVISED, revised_by="new")
    new = figure("new", Count.exact(89, "89"))
    result = derive_event(event(old, new), CLAIMANTS)
    assert result.acled_fatalities.value == 89
    assert "revised by new" in result.left_out[0].reason


def test_no_figure_gives_zero_explained() -> None:
    result = derive_event(event(), CLAIMANTS)
    for derived in (result.acled_fatalities, result.ucdp.low, result.ucdp.best, result.ucdp.high):
        assert derived.value == 0
        assert derived.explanation.reason == "no death figure of event scope: 0"
        assert derived.explanation.figures == ()


def test_groups_sum_when_they_do_not_overlap() -> None:
    ev = event(
        figure("a", Count.exact(5, "5"), actor="side-a"),
        figure("b", Count.exact(7, "7"), actor="side-b"),
        figure("b2", Count.exact(9, "9"), actor="side-b", claimant="a-mod", basis=Basis.CLAIMED),
        figure(
            "civ",
            Count.vague("dozens", "dozens"),
            actor=None,
            category=VictimCategory.CIVILIANS,
            claimant="ngo",
        ),
    )
    result = acled_fatalities(ev, CLAIMANTS, DEFAULT)
    assert result.value == 5 + 7 + 12
    assert result.explanation.figures == ("a", "b", "civ")
    assert len(result.explanation.groups) == 3


def test_a_total_beside_its_parts_counts_once() -> None:
    total = figure(
        "total",
        Count.at_least(20, "at least 20"),
        actor=None,
        category=VictimCategory.MIXED,
        claimant="ngo",
    )
    civ = figure(
        "civ", Count.exact(8, "8"), actor=None, category=VictimCategory.CIVILIANS, claimant="ngo"
    )
    soldiers = figure("sol", Count.exact(6, "6"), actor="side-b")
    result = acled_fatalities(event(total, civ, soldiers), CLAIMANTS, DEFAULT)
    assert result.value == 20
    assert result.explanation.figures == ("total",)
    assert "counted once" in result.explanation.reason
    bigger = figure("sol", Count.exact(16, "16"), actor="side-b")
    result = acled_fatalities(event(total, civ, bigger), CLAIMANTS, DEFAULT)
    assert result.value == 24
    assert result.explanation.figures == ("civ", "sol")
    assert "exceed the total" in result.explanation.reason


def test_an_actor_total_beside_its_parts_counts_once() -> None:
    whole = figure("whole", Count.exact(10, "10"), actor="side-b", category=None)
    part = figure("part", Count.exact(4, "4"), actor="side-b", category=VictimCategory.CIVILIANS)
    other = figure("other", Count.exact(3, "3"), actor="side-a")
    result = acled_fatalities(event(whole, part, other), CLAIMANTS, DEFAULT)
    assert result.value == 13
    assert group_of(whole.subject).is_actor_total


def test_ucdp_best_prefers_reported_then_estimated_then_claimed() -> None:
    claimed = figure("c", Count.exact(10, "10"), claimant="a-mod", basis=Basis.CLAIMED)
    estimated = figure("e", Count.exact(30, "30"), claimant="ngo", basis=Basis.ESTIMATED)
    reported = figure("r", Count.exact(40, "40"), claimant="ngo", basis=Basis.REPORTED)
    admitted = policy("ucdp-claims")
    assert ucdp_estimates(event(claimed, estimated, reported), CLAIMANTS, admitted).best.value == 40
    assert ucdp_estimates(event(claimed, estimated), CLAIMANTS, admitted).best.value == 30
    tie = figure("r2", Count.exact(35, "35"), claimant="ngo", basis=Basis.REPORTED)
    result = ucdp_estimates(event(reported, tie, claimed), CLAIMANTS, admitted)
    assert result.best.value == 35
    assert (result.low.value, result.high.value) == (10, 40)


def test_ucdp_uses_adversary_claims_when_they_are_the_only_figures() -> None:
    claim = figure("c", Count.exact(400, "400 dead"), claimant="a-mod", basis=Basis.CLAIMED)
    result = ucdp_estimates(event(claim), CLAIMANTS, policy("ucdp"))
    assert (result.low.value, result.best.value, result.high.value) == (400, 400, 400)
    assert "only" in result.best.explanation.groups[0].reason


def test_an_own_sides_claimed_figure_is_not_an_adversary_claim() -> None:
    own = figure("own", Count.exact(50, "50"), claimant="b-mod", basis=Basis.CLAIMED)
    low = figure("low", Count.exact(10, "10"), claimant="ngo")
    result = ucdp_estimates(event(own, low), CLAIMANTS, policy("ucdp"))
    assert result.high.value == 50


def test_up_to_alone_gives_a_high_but_no_best_without_fallback() -> None:
    up_to = figure("u", Count.up_to(10, "up to 10"))
    result = derive_event(event(up_to), CLAIMANTS, "ucdp")
    assert (result.ucdp.low.value, result.ucdp.best.value, result.ucdp.high.value) == (0, 0, 10)
    assert result.acled_fatalities.value == 0
    acled = derive_event(event(up_to), CLAIMANTS, "acled")
    assert acled.acled_fatalities.value == 3
    assert "falls back" in acled.acled_fatalities.explanation.groups[0].reason


# --------------------------------------------------------------------------------------------
# Properties

ACTORS = ("side-a", "side-b")
Case = tuple[Event, tuple[Claimant, ...]]


@st.composite
def death_events(draw: st.DrawFn) -> Case:
    speakers = draw(
        st.lists(
            claimant_records(actor_ids=ACTORS), min_size=1, max_size=3, unique_by=lambda c: c.id
        )
    )
    figs = draw(
        st.lists(
            figure_records(
                claimant_ids=[c.id for c in speakers],
                actor_ids=ACTORS,
                quantities=["killed", "wounded", "casualties"],
            ),
            max_size=7,
            unique_by=lambda f: f.id,
        )
    )
    return event(*figs), tuple(speakers)


@given(death_events(), st.sampled_from(policy_names()))
def test_low_best_high_are_ordered(case: Case, name: str) -> None:
    ev, speakers = case
    result = ucdp_estimates(ev, speakers, policy(name))
    assert 0 <= result.low.value <= result.best.value <= result.high.value


@given(death_events(), st.sampled_from(policy_names()))
def test_acled_is_the_lowest_stated_minimum_of_each_group_raised_to_its_floor(
    case: Case, name: str
) -> None:
    # For each victim group (no competing accounts here: no actor has a country), the ACLED
    # value is the lowest minimum among its complete figures of the best tier present --
    # numbers the source states, else vague terms read by the table, else the policy's
    # fallback -- raised to the highest minimum of its partial counts; None when nothing gives
    # a number. The event's count is at least 0.
    ev, speakers = case
    chosen = policy(name)
    result = acled_fatalities(ev, speakers, chosen)
    assert result.value >= 0
    by_label = {g.group: g for g in result.explanation.groups}
    weighed, _ = death_figures(ev)
    tiers: dict[str, dict[int, list[int]]] = {}
    floors: dict[str, list[int]] = {}
    for fig in weighed:
        reading = read_count(fig.value, chosen)
        label = group_of(fig.subject).label
        assert label in by_label
        if reading.minimum is None:
            continue
        if fig.partial:
            floors.setdefault(label, []).append(reading.minimum)
            continue
        tier = 0 if fig.value.kind is not CountKind.VAGUE and not reading.fallback else 1
        tier = 2 if reading.fallback and fig.value.kind is not CountKind.VAGUE else tier
        tiers.setdefault(label, {}).setdefault(tier, []).append(reading.minimum)
    for label, group in by_label.items():
        found = tiers.get(label)
        expected = None if not found else min(found[min(found)])
        if label in floors:
            floor = max(floors[label])
            expected = floor if expected is None else max(expected, floor)
        assert group.value == expected


@given(death_events(), st.sampled_from(policy_names()), st.data())
def test_derived_counts_do_not_depend_on_figure_order(
    case: Case, name: str, data: st.DataObject
) -> None:
    ev, speakers = case
    shuffled = data.draw(st.permutations(ev.figures))
    first = derive_event(ev, speakers, name)
    second = derive_event(event(*shuffled), tuple(reversed(speakers)), name)
    assert first.to_dict() == second.to_dict()


@given(death_events())
def test_acled_is_never_above_ucdp_low_with_claims_admitted(
    case: Case,
) -> None:
    # With every figure reliable both take each group's lowest minimum.
    ev, speakers = case
    admitted = policy("ucdp-claims")
    acled = acled_fatalities(ev, speakers, admitted)
    ucdp = ucdp_estimates(ev, speakers, admitted)
    assert acled.value == ucdp.low.value


def test_death_figures_asked_again_answers_for_the_event_and_policy_asked() -> None:
    # death_figures keeps the last split; a different event, or the same event under a policy
    # that keeps cross-claimant revisions standing, must not get it.
    revised = figure("a", Count.exact(3, "3"), status=Status.REVISED, revised_by="b")
    later = figure("b", Count.exact(4, "4"), claimant="other")
    ev = event(revised, later)
    plain = event(figure("c", Count.exact(1, "1")))
    stand = attrs.evolve(DEFAULT, name="stand", cross_claimant_revisions="stand")
    assert [f.id for f in death_figures(ev, DEFAULT)[0]] == ["b"]
    assert [f.id for f in death_figures(ev, DEFAULT)[0]] == ["b"]
    assert [f.id for f in death_figures(ev, stand)[0]] == ["a", "b"]
    assert [f.id for f in death_figures(plain, stand)[0]] == ["c"]
    assert [f.id for f in death_figures(ev, DEFAULT)[0]] == ["b"]
