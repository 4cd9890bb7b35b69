"""Competing accounts, partial counts, value forms and who speaks: the rules of format 1.1.

Each rule has a unit test on a small hand-built event and, where it generalises, a property
(a law that must hold for any counts Hypothesis draws).
"""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import given
from hypothesis import strategies as st

import eventcode
from eventcode.model import (
    Actor,
    Basis,
    Claimant,
    ClaimantKind,
    Count,
    Dataset,
    DateSpan,
    Event,
    EventActor,
    Figure,
    Place,
    Subject,
    VictimCategory,
    VictimGroup,
    VictimRelation,
)
from eventcode.rules import (
    ComparisonKind,
    account_groups,
    compare,
    derive_event,
    expected_basis,
    interval,
    policy,
    policy_names,
    read_count,
)

ACTORS = {
    a.id: a
    for a in (
        Actor(id="atk-mil", name="Attacker forces", country="RUS", inter=8),
        Actor(id="def-mil", name="Defender forces", country="UKR", inter=1),
        Actor(id="def-civ", name="Civilians (defender)", country="UKR", inter=7),
        Actor(id="rebels", name="An armed group", country="PSE", inter=2),
        Actor(id="pse-civ", name="Civilians (Palestine)", country="PSE", inter=7),
        Actor(id="unknown-group", name="Unidentified Armed Group", country="PSE", inter=3),
    )
}
CLAIMANTS = {
    c.id: c
    for c in (
        Claimant(
            id="governor", name="Governor", kind=ClaimantKind.LOCAL_AUTHORITY, speaks_for="def-mil"
        ),
        Claimant(
            id="def-army",
            name="Defender's army",
            kind=ClaimantKind.ARMED_FORCES,
            speaks_for="def-mil",
        ),
        Claimant(
            id="atk-mod",
            name="Attacker's ministry",
            kind=ClaimantKind.MINISTRY,
            speaks_for="atk-mil",
        ),
        Claimant(id="media", name="Local media", kind=ClaimantKind.MEDIA),
        Claimant(id="un", name="A UN mission", kind=ClaimantKind.INTERNATIONAL_ORGANISATION),
        Claimant(id="moh", name="Health ministry", kind=ClaimantKind.MEDICAL, speaks_for="rebels"),
        Claimant(
            id="intel",
            name="An intelligence service",
            kind=ClaimantKind.INTELLIGENCE,
            country="USA",
        ),
        Claimant(id="reporters", name="Reporters at the scene", kind=ClaimantKind.MEDIA),
    )
}
PLACE_UKR = Place(name="Town", country="UKR")


def fig(
    id: str,
    value: Count,
    *,
    actor: str | None,
    category: VictimCategory | None,
    claimant: str,
    basis: Basis = Basis.REPORTED,
    partial: bool = False,
) -> Figure:
    return Figure(
        id=id,
        quantity="killed",
        subject=Subject(actor=actor, category=category),
        value=value,
        basis=basis,
        claimant=claimant,
        partial=partial,
    )


def strike(
    *figures: Figure, groups: tuple[VictimGroup, ...] = (), place: Place = PLACE_UKR
) -> Event:
    return Event(
        id="strike",
        date=DateSpan(start=date(2023, 3, 14)),
        place=place,
        actor1=EventActor(actor="atk-mil"),
        actor2=EventActor(actor="def-civ"),
        figures=figures,
        victim_groups=groups,
    )


def civilians(id: str, value: Count, claimant: str = "governor") -> Figure:
    return fig(id, value, actor="def-civ", category=VictimCategory.CIVILIANS, claimant=claimant)


def militants(
    id: str, value: Count, claimant: str = "atk-mod", basis: Basis = Basis.CLAIMED
) -> Figure:
    return fig(
        id,
        value,
        actor="def-mil",
        category=VictimCategory.COMBATANTS,
        claimant=claimant,
        basis=basis,
    )


def numbers(event: Event, name: str) -> tuple[int, int, int, int]:
    d = derive_event(event, CLAIMANTS, name, actors=ACTORS)
    return (d.acled_fatalities.value, d.ucdp.low.value, d.ucdp.best.value, d.ucdp.high.value)


# --------------------------------------------------------------------------------------------
# Value forms


def test_value_forms_read_as_documented() -> None:
    p = policy("eventcode")
    more = read_count(Count.more_than(200, "more than 200"), p)
    assert (more.minimum, more.maximum, more.point) == (201, None, 201)
    fewer = read_count(Count.fewer_than(5, "fewer than 5"), p)
    assert (fewer.minimum, fewer.maximum) == (None, 4)
    nearly = read_count(Count.nearly(500, "nearly 500"), p)
    assert (nearly.minimum, nearly.maximum, nearly.point) == (450, 500, 500)
    likely = read_count(Count.between(100, 300, "likely 100 to 300", most_likely=100), p)
    assert (likely.minimum, likely.maximum, likely.point) == (100, 300, 100)
    assert interval(Count.fewer_than(5, "fewer than 5"), p) == (0, 4)
    assert interval(Count.nearly(500, "nearly 500"), p) == (450, 500)
    assert interval(Count.more_than(200, "more than 200"), p) == (201, None)


@given(st.integers(1, 10**6), st.sampled_from(policy_names()))
def test_a_strict_bound_is_one_inside_its_number(n: int, name: str) -> None:
    p = policy(name)
    assert read_count(Count.more_than(n, "p"), p).minimum == n + 1
    assert interval(Count.fewer_than(n, "p"), p) == (0, n - 1)


@given(st.integers(0, 10**6), st.integers(1, 10**6), st.data())
def test_a_most_likely_point_lies_within_its_range(
    low: int, width: int, data: st.DataObject
) -> None:
    likely = data.draw(st.integers(low, low + width))
    reading = read_count(Count.between(low, low + width, "p", most_likely=likely), policy())
    assert reading.minimum is not None
    assert reading.maximum is not None
    assert reading.point == likely
    assert reading.minimum <= likely <= reading.maximum


# --------------------------------------------------------------------------------------------
# Comparisons: partial counts and vague figures


def test_partial_and_vague_figures_never_diverge() -> None:
    p = policy()
    toll = civilians("toll", Count.at_least(471, "at least 471"), claimant="moh")
    bodies = attrs.evolve(
        civilians("bodies", Count.vague("dozens", "dozens of bodies"), "reporters"), partial=True
    )
    vague = civilians("vague", Count.vague("dozens", "dozens"), "reporters")
    assert compare(toll, bodies, p).kind is ComparisonKind.AGREE
    assert compare(toll, vague, p).kind is ComparisonKind.AGREE
    twelve = attrs.evolve(civilians("twelve", Count.exact(12, "12 identified"), "un"), partial=True)
    assert (
        compare(twelve, civilians("three", Count.exact(3, "3")), p).kind
        is ComparisonKind.CONTRADICT
    )
    assert (
        compare(twelve, civilians("many", Count.exact(300, "300")), p).kind is ComparisonKind.AGREE
    )
    assert compare(twelve, bodies, p).kind is ComparisonKind.INCOMPARABLE


# --------------------------------------------------------------------------------------------
# Competing accounts


def marhanets() -> Event:
    return strike(
        civilians("gov-4", Count.exact(4, "4 civilians")),
        militants("atk-40", Count.up_to(40, "up to 40 militants")),
    )


def test_opposing_descriptions_of_one_set_of_dead_are_one_group() -> None:
    event = marhanets()
    (accounts,) = account_groups(event, event.figures, CLAIMANTS, ACTORS)
    assert accounts.disputed
    assert accounts.figures == ("atk-40", "gov-4")
    for name in policy_names():
        assert numbers(event, name)[0] == 4  # never 4 + a fallback 3
    assert numbers(event, "ucdp") == (4, 4, 4, 4)
    assert numbers(event, "ucdp-claims") == (4, 4, 4, 40)


def test_the_dispute_is_a_finding_naming_both_accounts() -> None:
    data = Dataset(
        actors=tuple(ACTORS.values()), claimants=tuple(CLAIMANTS.values()), events=(marhanets(),)
    )
    report = eventcode.validate(data)
    assert [(f.code, f.related) for f in report.findings] == [("R011", ("atk-40", "gov-4"))]


def test_each_sides_own_losses_in_a_battle_add_up() -> None:
    atk = fig(
        "atk-own",
        Count.exact(23, "23"),
        actor="atk-mil",
        category=VictimCategory.COMBATANTS,
        claimant="atk-mod",
    )
    own = fig(
        "def-own",
        Count.exact(9, "9"),
        actor="def-mil",
        category=VictimCategory.COMBATANTS,
        claimant="def-army",
    )
    event = strike(atk, own)
    assert account_groups(event, event.figures, CLAIMANTS, ACTORS) == ()
    assert numbers(event, "eventcode")[0] == 32


def test_a_side_counting_its_own_soldiers_beside_civilians_counts_different_dead() -> None:
    soldiers = militants(
        "def-soldiers", Count.exact(3, "3 soldiers"), claimant="def-army", basis=Basis.REPORTED
    )
    event = strike(soldiers, civilians("civ", Count.exact(4, "4 civilians"), claimant="media"))
    assert account_groups(event, event.figures, CLAIMANTS, ACTORS) == ()
    assert numbers(event, "eventcode")[0] == 7


def test_a_party_that_splits_the_dead_itself_gives_distinct_groups() -> None:
    event = strike(
        civilians("gov-civ", Count.exact(2, "2 civilians")),
        militants(
            "gov-sol", Count.exact(3, "3 soldiers"), claimant="governor", basis=Basis.REPORTED
        ),
        militants("atk-40", Count.exact(40, "40 militants")),
    )
    assert account_groups(event, event.figures, CLAIMANTS, ACTORS) == ()


def test_a_neutral_split_is_one_account_against_the_partys() -> None:
    event = strike(
        civilians("un-19", Count.exact(19, "19 civilians"), claimant="un"),
        militants("un-3", Count.exact(3, "3 armed men"), claimant="un", basis=Basis.REPORTED),
        militants("atk-30", Count.about(30, "about 30 militants")),
    )
    (accounts,) = account_groups(event, event.figures, CLAIMANTS, ACTORS)
    assert accounts.figures == ("atk-30", "un-19", "un-3")
    assert numbers(event, "ucdp") == (22, 22, 22, 22)
    assert numbers(event, "ucdp-claims") == (22, 22, 22, 30)


def test_a_coder_can_say_distinct_or_same() -> None:
    distinct = VictimGroup(figures=("gov-4", "atk-40"), relation=VictimRelation.DISTINCT)
    apart = attrs.evolve(marhanets(), victim_groups=(distinct,))
    assert account_groups(apart, apart.figures, CLAIMANTS, ACTORS) == ()
    # the same two subjects, on an event whose place is unknown: inference cannot tell
    unplaced = attrs.evolve(marhanets(), place=None)
    same = VictimGroup(figures=("gov-4", "atk-40"))
    stated = attrs.evolve(unplaced, victim_groups=(same,))
    (accounts,) = account_groups(stated, stated.figures, CLAIMANTS, ACTORS)
    assert accounts.stated
    assert accounts.disputed


def test_a_group_naming_a_missing_figure_is_reported_not_a_crash() -> None:
    broken = attrs.evolve(marhanets(), victim_groups=(VictimGroup(figures=("gov-4", "nowhere")),))
    assert numbers(broken, "acled")[0] == 4
    data = Dataset(
        actors=tuple(ACTORS.values()), claimants=tuple(CLAIMANTS.values()), events=(broken,)
    )
    codes = sorted(f.code for f in eventcode.validate(data).findings)
    assert codes == ["R011", "S207"]


@given(
    st.integers(0, 500),
    st.integers(0, 500),
    st.sampled_from(policy_names()),
)
def test_competing_accounts_never_add_up(civ: int, fighters: int, name: str) -> None:
    event = strike(
        civilians("c", Count.exact(civ, "c")), militants("m", Count.exact(fighters, "m"))
    )
    acled, low, best, high = numbers(event, name)
    assert acled == min(civ, fighters)
    assert low <= best <= high <= max(civ, fighters)


@given(st.integers(0, 500), st.integers(0, 500), st.sampled_from(policy_names()))
def test_own_losses_always_add_up(a: int, b: int, name: str) -> None:
    atk = fig(
        "a",
        Count.exact(a, "a"),
        actor="atk-mil",
        category=VictimCategory.COMBATANTS,
        claimant="atk-mod",
    )
    own = fig(
        "b",
        Count.exact(b, "b"),
        actor="def-mil",
        category=VictimCategory.COMBATANTS,
        claimant="def-army",
    )
    assert numbers(strike(atk, own), name) == (a + b,) * 4


# --------------------------------------------------------------------------------------------
# Fallbacks, partial counts, vague figures


def test_the_fallback_applies_only_when_nothing_states_a_minimum() -> None:
    alone = strike(militants("atk-10", Count.up_to(10, "up to 10")))
    assert numbers(alone, "acled")[0] == 3
    assert numbers(alone, "eventcode")[0] == 0
    data = Dataset(
        actors=tuple(ACTORS.values()), claimants=tuple(CLAIMANTS.values()), events=(alone,)
    )
    found = [f.code for f in eventcode.validate(data, policy="acled").findings]
    assert found == ["R012"]
    assert not eventcode.validate(data).findings


def hospital() -> Event:
    return Event(
        id="blast",
        date=DateSpan(start=date(2023, 10, 17)),
        place=Place(name="Gaza City", country="PSE"),
        actor1=EventActor(actor="unknown-group"),
        actor2=EventActor(actor="pse-civ"),
        figures=(
            fig(
                "moh-471",
                Count.at_least(471, "at least 471"),
                actor="pse-civ",
                category=VictimCategory.CIVILIANS,
                claimant="moh",
                basis=Basis.CLAIMED,
            ),
            fig(
                "intel",
                Count.between(100, 300, "likely 100 to 300", most_likely=100),
                actor="pse-civ",
                category=VictimCategory.CIVILIANS,
                claimant="intel",
                basis=Basis.ESTIMATED,
            ),
            fig(
                "bodies",
                Count.vague("dozens", "dozens of bodies"),
                actor="pse-civ",
                category=VictimCategory.CIVILIANS,
                claimant="reporters",
                partial=True,
            ),
        ),
    )


def test_the_hospital_blast_numbers_of_the_issue() -> None:
    event = hospital()
    for name in policy_names():
        assert numbers(event, name) == (100, 100, 100, 471), name
    data = Dataset(
        actors=tuple(ACTORS.values()), claimants=tuple(CLAIMANTS.values()), events=(event,)
    )
    found = [(f.code, f.related) for f in eventcode.validate(data).findings]
    assert found == [("R001", ("moh-471", "intel"))]


@given(st.integers(0, 2000), st.sampled_from(policy_names()))
def test_a_partial_count_is_a_floor_never_a_ceiling(floor: int, name: str) -> None:
    before = numbers(hospital(), name)
    extra = fig(
        "seen",
        Count.exact(floor, "seen"),
        actor="pse-civ",
        category=VictimCategory.CIVILIANS,
        claimant="reporters",
        partial=True,
    )
    event = attrs.evolve(hospital(), figures=(*hospital().figures, extra))
    after = numbers(event, name)
    assert after == tuple(max(b, floor) for b in before)


@given(
    st.sampled_from(["dozens", "tens", "several", "many", "hundreds"]),
    st.sampled_from(policy_names()),
)
def test_a_vague_figure_beside_numbers_sets_nothing_it_overlaps(term: str, name: str) -> None:
    base = strike(civilians("n", Count.exact(150, "150"), claimant="media"))
    vague = civilians("v", Count.vague(term, term), claimant="un")
    with_vague = attrs.evolve(base, figures=(*base.figures, vague))
    acled, low, best, _ = numbers(with_vague, name)
    assert (acled, low, best) == numbers(base, name)[:3]


# --------------------------------------------------------------------------------------------
# Who speaks


def test_an_authority_counting_its_own_residents_reports_even_at_war() -> None:
    figure = civilians("c", Count.exact(4, "4"))
    expected = expected_basis(figure, CLAIMANTS["governor"], ACTORS, event=marhanets())
    assert expected is not None
    assert expected.fits(Basis.REPORTED)
    assert not expected.fits(Basis.CLAIMED)  # the governor speaks for no actor of the strike


def test_a_party_run_authority_may_be_coded_claimed() -> None:
    event = hospital()
    expected = expected_basis(event.figures[0], CLAIMANTS["moh"], ACTORS, event=event)
    assert expected is not None
    assert expected.fits(Basis.CLAIMED)
    assert expected.fits(Basis.REPORTED)
    assert not eventcode.rules.is_adversary_claim(
        event.figures[0], CLAIMANTS["moh"], ACTORS, event=event
    )


def test_an_intelligence_service_estimates() -> None:
    event = hospital()
    expected = expected_basis(event.figures[1], CLAIMANTS["intel"], ACTORS, event=event)
    assert expected is not None
    assert expected.allowed == {Basis.ESTIMATED}


@given(
    st.sampled_from(
        [
            ClaimantKind.LOCAL_AUTHORITY,
            ClaimantKind.MEDICAL,
            ClaimantKind.POLICE,
            ClaimantKind.GOVERNMENT,
            ClaimantKind.MINISTRY,
        ]
    ),
    st.sampled_from([None, "def-mil", "atk-mil"]),
)
def test_no_authority_is_flagged_for_reporting_its_own_residents(
    kind: ClaimantKind, side: str | None
) -> None:
    claimant = Claimant(id="auth", name="An authority", kind=kind, speaks_for=side, country="UKR")
    figure = civilians("c", Count.exact(4, "4"), claimant="auth")
    expected = expected_basis(figure, claimant, ACTORS, event=marhanets())
    assert expected is not None
    assert expected.fits(Basis.REPORTED)
