"""The Makiivka worked example under every rule, and the record builders the rules tests share."""

from __future__ import annotations

from datetime import date

from eventcode import load
from eventcode.model import (
    Basis,
    Claimant,
    ClaimantKind,
    Count,
    Dataset,
    DateSpan,
    Event,
    Figure,
    Scope,
    Status,
    Subject,
    VictimCategory,
)
from eventcode.rules import (
    acled_fatalities,
    death_figures,
    death_quantities,
    derive,
    derive_event,
    policy,
    policy_names,
    ucdp_estimates,
)
from tests.helpers import MAKIIVKA


def makiivka() -> Dataset:
    """Return the records of the Makiivka fixture that load."""
    return load(MAKIIVKA).dataset


def makiivka_event() -> Event:
    return next(e for e in makiivka().events if e.id == "makiivka-strike")


def figure(
    id: str,
    value: Count,
    *,
    quantity: str = "killed",
    actor: str | None = "side-b",
    category: VictimCategory | None = VictimCategory.COMBATANTS,
    basis: Basis = Basis.REPORTED,
    claimant: str = "b-mod",
    scope: Scope = Scope.EVENT,
    status: Status = Status.FINAL,
    revised_by: str | None = None,
) -> Figure:
    return Figure(
        id=id,
        quantity=quantity,
        subject=Subject(actor=actor, category=category),
        value=value,
        basis=basis,
        claimant=claimant,
        scope=scope,
        period=DateSpan(start=date(2022, 1, 1)) if scope is Scope.CUMULATIVE else None,
        status=status,
        revised_by=revised_by,
    )


CLAIMANTS = (
    Claimant(id="a-mod", name="A's ministry", kind=ClaimantKind.MINISTRY, speaks_for="side-a"),
    Claimant(id="b-mod", name="B's ministry", kind=ClaimantKind.MINISTRY, speaks_for="side-b"),
    Claimant(id="ngo", name="An NGO", kind=ClaimantKind.NGO),
)


def event(*figures: Figure) -> Event:
    return Event(id="ev", date=DateSpan(start=date(2023, 1, 1)), figures=figures)


# --------------------------------------------------------------------------------------------
# The Makiivka fixture


def test_makiivka_acled_fatalities_is_russias_admitted_minimum() -> None:
    dataset = makiivka()
    for name in policy_names():
        result = acled_fatalities(makiivka_event(), dataset.claimants, policy(name))
        assert result.value == 63
        assert result.explanation.figures == ("rus-killed-63",)
        (group,) = result.explanation.groups
        assert group.group == "rus-mil/combatants"
        assert group.considered == ("rus-killed-63", "ukr-killed-400")
        assert "lowest" in group.reason


def test_makiivka_ucdp_default_leaves_out_ukraines_claim() -> None:
    dataset = makiivka()
    for name in ("eventcode", "ucdp"):
        result = ucdp_estimates(makiivka_event(), dataset.claimants, policy(name))
        assert (result.low.value, result.best.value, result.high.value) == (63, 63, 63)
        for derived in (result.low, result.best, result.high):
            assert derived.explanation.figures == ("rus-killed-63",)
            (group,) = derived.explanation.groups
            assert "left out" in group.reason
            assert "ukr-killed-400" in group.reason


def test_makiivka_ucdp_with_claims_admitted_has_high_400() -> None:
    dataset = makiivka()
    result = ucdp_estimates(makiivka_event(), dataset.claimants, policy("ucdp-claims"))
    assert (result.low.value, result.best.value, result.high.value) == (63, 63, 400)
    assert result.high.explanation.figures == ("ukr-killed-400",)
    assert result.best.explanation.figures == ("rus-killed-63",)  # reported outranks claimed
    assert "admitted" in result.high.explanation.groups[0].reason


def test_makiivka_left_out_figures_say_why() -> None:
    result = derive_event(makiivka_event(), makiivka().claimants)
    reasons = {x.figure: x.reason for x in result.left_out}
    assert "never a death count" in reasons["ukr-casualties-unknown"]
    assert "not a death count" in reasons["ukr-wounded-300"]
    assert "rus-killed-63" not in reasons
    assert result.to_dict()["acled_fatalities"]["value"] == 63


def test_derive_covers_every_event_of_the_fixture() -> None:
    dataset = makiivka()
    results = derive(dataset)
    assert [r.event for r in results] == [e.id for e in dataset.events]
    assert all(r.policy == "eventcode" for r in results)
    for result, ev in zip(results, dataset.events, strict=True):
        weighed, _ = death_figures(ev)
        if not weighed:
            assert result.acled_fatalities.value == 0
            assert "no death figure of event scope" in result.acled_fatalities.explanation.reason
            assert result.ucdp.best.value == 0


def test_cumulative_tallies_in_the_fixture_are_left_out() -> None:
    dataset = makiivka()
    for result, ev in zip(derive(dataset), dataset.events, strict=True):
        reasons = {x.figure: x.reason for x in result.left_out}
        for fig in ev.figures:
            if fig.scope is Scope.CUMULATIVE and fig.quantity in death_quantities():
                assert "cumulative" in reasons[fig.id]
                assert fig.id not in result.acled_fatalities.explanation.figures


def test_the_figure_bases_of_the_worked_example() -> None:
    figures = {f.id: f for f in makiivka_event().figures}
    assert figures["rus-killed-63"].basis is Basis.REPORTED
    assert figures["ukr-killed-400"].basis is Basis.CLAIMED
