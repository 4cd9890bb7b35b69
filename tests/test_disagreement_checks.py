"""Disagreeing figures (R001, R002) and bases that do not fit their claimants (R003)."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import eventcode
from eventcode import Basis, Count, Figure, Subject, VictimCategory
from eventcode.strategies import datasets
from tests.helpers import MAKIIVKA, new_findings
from tests.test_cli import run


def fixture() -> eventcode.Dataset:
    return eventcode.read(MAKIIVKA)


def with_figures(*figures: Figure) -> eventcode.Dataset:
    dataset = fixture()
    strike = dataset.events[0]
    changed = attrs.evolve(strike, figures=(*strike.figures, *figures))
    return attrs.evolve(dataset, events=(changed, *dataset.events[1:]))


RUSSIAN_DEAD = Subject(actor="rus-mil", category=VictimCategory.COMBATANTS)


def killed(**fields: Any) -> Figure:
    defaults: dict[str, Any] = {
        "id": "extra",
        "quantity": "killed",
        "subject": RUSSIAN_DEAD,
        "value": Count.exact(63, "63"),
        "basis": Basis.REPORTED,
        "claimant": "rus-mod",
        "stated_on": date(2023, 1, 2),
    }
    return Figure(**{**defaults, **fields})


def codes(dataset: eventcode.Dataset) -> list[str]:
    return [f.code for f in new_findings(dataset)]


def test_the_fixture_diverges_between_russian_and_ukrainian_figures() -> None:
    (finding,) = [f for f in eventcode.validate(fixture()).findings if f.code == "R002"]
    assert finding.severity is eventcode.Severity.WARNING
    assert set(finding.related) == {"rus-killed-63", "ukr-killed-400"}
    assert "Ministry of Defence of Russia" in finding.message
    assert "Strategic Communications" in finding.message
    result = run("validate", str(MAKIIVKA))
    assert result.returncode == 0
    assert "R002 [warning]" in result.stdout


def test_non_overlapping_figures_contradict() -> None:
    up_to = killed(value=Count.up_to(10, "up to 10"), claimant="ukr-general-staff",
                   basis=Basis.CLAIMED)
    assert codes(with_figures(up_to)) == ["R001", "R001"]  # against 63+ and against 400


def test_agreeing_figure_adds_no_contradiction() -> None:
    # 64+ overlaps both 63+ and 400: no contradiction (it still diverges from 400, as 63+ does)
    assert "R001" not in codes(with_figures(killed(value=Count.at_least(64, "at least 64"))))
    assert codes(with_figures(killed(value=Count.at_least(63, "at least 63")))) == ["R002"]


def test_a_different_subject_is_not_compared() -> None:
    civilians = killed(subject=Subject(category=VictimCategory.CIVILIANS),
                       value=Count.exact(2000, "2,000"))
    assert codes(with_figures(civilians)) == []


def test_policy_sets_the_ratio() -> None:
    report = eventcode.validate(fixture(), policy="ucdp")
    assert "policy ucdp" in next(f.message for f in report.findings if f.code == "R002")


def test_basis_that_does_not_fit_the_claimant() -> None:
    dataset = fixture()
    strike = dataset.events[0]
    own_loss_claimed = attrs.evolve(strike.figures[0], basis=Basis.CLAIMED)
    changed = attrs.evolve(strike, figures=(own_loss_claimed, *strike.figures[1:]))
    bad = attrs.evolve(dataset, events=(changed, *dataset.events[1:]))
    assert [(f.code, f.location.path) for f in new_findings(bad) if f.code == "R003"] == [
        ("R003", "$.events[0].figures[0].basis")
    ]
    neutral_claim = killed(claimant="gbr-defence-intelligence", basis=Basis.CLAIMED)
    assert "R003" in codes(with_figures(neutral_claim))
    neutral_estimate = killed(claimant="gbr-defence-intelligence", basis=Basis.ESTIMATED)
    assert "R003" not in codes(with_figures(neutral_estimate))


@given(datasets(), st.data())
def test_adding_a_figure_that_agrees_adds_no_contradiction(
    dataset: eventcode.Dataset, data: st.DataObject
) -> None:
    events = [e for e in dataset.events if e.figures]
    if not events:
        return
    event = data.draw(st.sampled_from(events))
    original = data.draw(st.sampled_from(event.figures))
    twin = attrs.evolve(original, id=original.id + "-twin", revised_by=None,
                        status=eventcode.Status.FINAL)
    index = dataset.events.index(event)
    changed = attrs.evolve(event, figures=(*event.figures, twin))
    grown = attrs.evolve(
        dataset, events=(*dataset.events[:index], changed, *dataset.events[index + 1 :])
    )
    before = {(f.code, f.related) for f in eventcode.validate(dataset).findings
              if f.code in ("R001", "R002")}
    after = {(f.code, f.related) for f in eventcode.validate(grown).findings
             if f.code in ("R001", "R002")}
    involving_twin = {item for item in after if twin.id in item[1]}
    others_with_twin = {
        (code, tuple(original.id if r == twin.id else r for r in related))
        for code, related in involving_twin
    }
    # the twin disagrees only with figures the original disagrees with, and never with it
    assert all(original.id not in rel or twin.id not in rel for _, rel in after)
    assert {(c, frozenset(r)) for c, r in others_with_twin} <= {
        (c, frozenset(r)) for c, r in before
    }
