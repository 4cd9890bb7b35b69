"""Checks across figures, dates, places and events (R004-R010): raised where due, only there."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

import eventcode
from eventcode import Count, DateSpan, Evidence, Figure, Scope, Subject
from tests.helpers import MAKIIVKA, new_findings


def fixture() -> eventcode.Dataset:
    return eventcode.read(MAKIIVKA)


def strike(dataset: eventcode.Dataset) -> eventcode.Event:
    return dataset.events[0]


def with_events(*events: eventcode.Event) -> eventcode.Dataset:
    return attrs.evolve(fixture(), events=events)


def with_figures(*figures: Figure, **changes: Any) -> eventcode.Dataset:
    event = strike(fixture())
    return with_events(attrs.evolve(event, figures=(*event.figures, *figures), **changes))


NEXT = f"$.events[0].figures[{len(eventcode.read(MAKIIVKA).events[0].figures)}]"


def found(dataset: eventcode.Dataset) -> list[tuple[str, str | None]]:
    return [(f.code, f.location.path) for f in new_findings(dataset)]


def figure(**fields: Any) -> Figure:
    defaults: dict[str, Any] = {
        "id": "extra",
        "quantity": "killed",
        "subject": Subject(actor="rus-mil"),
        "value": Count.exact(10, "10"),
        "basis": eventcode.Basis.REPORTED,
        "claimant": "rus-mod",
        "stated_on": date(2023, 1, 2),
    }
    return Figure(**{**defaults, **fields})


def test_incompatible_accounts_of_one_side() -> None:
    (finding,) = [f for f in eventcode.validate(fixture()).findings if f.code == "R004"]
    assert finding.location.path == "$.events[0].figures[3]"
    assert set(finding.related) == {
        "ukr-casualties-unknown", "ukr-killed-400", "ukr-wounded-300"
    }
    assert finding.severity is eventcode.Severity.WARNING
    # Without the same side's figures, "no definitive information" contradicts nothing.
    event = strike(fixture())
    alone = [f for f in event.figures if f.claimant != "ukr-stratcom"]
    dataset = with_events(attrs.evolve(event, figures=tuple(alone)))
    assert [f.code for f in eventcode.validate(dataset).findings if f.code == "R004"] == []


def test_cumulative_total_on_a_strike() -> None:
    toll = figure(
        id="shoigu-5937",
        value=Count.exact(5937, "5,937 dead"),
        scope=Scope.CUMULATIVE,
        period=DateSpan(start=date(2022, 2, 24), end=date(2022, 9, 21)),
        stated_on=date(2022, 9, 21),
    )
    assert ("R005", NEXT) in found(with_figures(toll))
    # On a statement event of its own (no ACLED class), the same total is in place.
    statement = eventcode.Event(
        id="shoigu-statement",
        date=DateSpan(start=date(2022, 9, 21)),
        cameo="010",
        figures=(attrs.evolve(toll, stated_on=date(2022, 9, 21)),),
    )
    dataset = attrs.evolve(fixture(), events=(strike(fixture()), statement))
    assert found(dataset) == []


def test_event_scope_figure_over_a_longer_period() -> None:
    weeks = DateSpan(start=date(2022, 12, 1), end=date(2022, 12, 31))
    assert found(with_figures(figure(period=weeks))) == [("R005", NEXT)]
    same_day = DateSpan(start=date(2022, 12, 31))
    assert found(with_figures(figure(period=same_day))) == []


def test_figure_stated_before_the_event() -> None:
    early = figure(stated_on=date(2022, 12, 30))
    assert found(with_figures(early)) == [("R006", f"{NEXT}.stated_on")]
    assert found(with_figures(figure(stated_on=date(2022, 12, 31)))) == []


def test_event_after_its_document() -> None:
    event = strike(fixture())
    later = attrs.evolve(event, date=DateSpan(start=date(2023, 1, 4)))
    # (the figures now predate the event too: R006 for each dated one)
    codes = found(with_events(later))
    assert ("R007", "$.events[0].documents[0]") in codes
    same_day = attrs.evolve(event, date=DateSpan(start=date(2023, 1, 1)))
    assert ("R007", "$.events[0].documents[0]") not in found(with_events(same_day))


def test_parts_exceed_whole() -> None:
    launched = figure(
        id="launched-5",
        quantity="munitions_launched",
        subject=Subject(actor="ukr-mil"),
        value=Count.exact(5, "five rockets"),
        basis=eventcode.Basis.CLAIMED,
    )
    finding = [f for f in new_findings(with_figures(launched)) if f.code == "R008"]
    assert [f.location.path for f in finding] == [NEXT]
    assert set(finding[0].related) == {
        "launched-5", "rus-munitions-struck-4", "rus-munitions-intercepted-2"
    }
    enough = attrs.evolve(launched, value=Count.exact(6, "six rockets"))
    assert found(with_figures(enough)) == []
    # killed above casualties
    casualties = figure(
        id="cas-50", quantity="casualties", value=Count.exact(50, "50 casualties"),
        subject=Subject(actor="rus-mil", category=eventcode.VictimCategory.COMBATANTS),
    )
    assert ("R008", NEXT) in found(with_figures(casualties))


def second_event(name: str, **changes: Any) -> eventcode.Event:
    event = strike(fixture())
    assert event.place is not None
    return attrs.evolve(
        event,
        id="second",
        figures=(),
        place=attrs.evolve(event.place, name=name),
        **changes,
    )


def test_place_spelling_variants() -> None:
    first = strike(fixture())
    later = DateSpan(start=date(2023, 1, 1))
    for variant in ["Makeevka", "MAKIIVKA", "Makíivka"]:
        dataset = with_events(first, second_event(variant, date=later))
        assert found(dataset) == [("R009", "$.events[1].place.name")], variant
    # the same spelling, and a similar name elsewhere, are not variants
    assert found(with_events(first, second_event("Makiivka", date=later))) == []
    elsewhere = second_event("Makeevka", date=later)
    assert elsewhere.place is not None
    far = attrs.evolve(elsewhere.place, latitude=50.0, longitude=30.0, admin1="Kyiv")
    assert found(with_events(first, attrs.evolve(elsewhere, place=far))) == []


def test_probable_duplicate_events() -> None:
    first = strike(fixture())
    twin = attrs.evolve(first, id="twin", figures=())
    assert found(with_events(first, twin)) == [("R010", "$.events[1]")]
    other_day = attrs.evolve(twin, date=DateSpan(start=date(2023, 1, 1)))
    assert found(with_events(first, other_day)) == []


def test_evidence_must_name_a_known_document() -> None:
    cited = figure(evidence=Evidence(document="bfmtv-2023-01-03", phrase="10"))
    assert found(with_figures(cited)) == []
