"""Codebook findings (C-codes): raised on data that deserves them, and on no other."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import eventcode
from eventcode import AcledClass, EventActor
from eventcode.checks.codebook import interaction_findings, region_country_findings
from tests.helpers import MAKIIVKA, new_findings
from tests.test_cli import run


def fixture() -> eventcode.Dataset:
    return eventcode.read(MAKIIVKA)


def with_event(**changes: Any) -> eventcode.Dataset:
    dataset = fixture()
    return attrs.evolve(dataset, events=(attrs.evolve(dataset.events[0], **changes),))


def found(dataset: eventcode.Dataset) -> list[tuple[str, str | None]]:
    return [(f.code, f.location.path) for f in new_findings(dataset)]


def acled(event_type: str, sub: str, disorder: str = "Political violence") -> AcledClass:
    return AcledClass(disorder_type=disorder, event_type=event_type, sub_event_type=sub)


@pytest.mark.parametrize(
    ("cameo", "expected"),
    [
        ("194", []),
        ("010", []),
        ("0211", []),
        ("1951", []),  # in the 1.1b3 manual, missing from GDELT's lookup
        ("199", [("C001", "$.events[0].cameo")]),
        ("13", []),
        ("1950", [("C001", "$.events[0].cameo")]),  # no 4-digit code ends in 0
        ("211", [("C002", "$.events[0].cameo")]),  # 0211 without its zero
        ("42", [("C002", "$.events[0].cameo")]),  # 042
    ],
)
def test_cameo_event_codes(cameo: str, expected: list[tuple[str, str]]) -> None:
    assert found(with_event(cameo=cameo)) == expected


def test_unknown_code_message_suggests_the_nearest() -> None:
    (finding,) = new_findings(with_event(cameo="1950"))
    assert "195" in finding.message


@pytest.mark.parametrize(
    ("code", "ok"), [("RUSMIL", True), ("RUSGOVMIL", True), ("UKRXYZ", False), ("QQQ", False)]
)
def test_cameo_actor_codes(code: str, ok: bool) -> None:
    dataset = fixture()
    actor = attrs.evolve(dataset.actors[0], cameo=code)
    result = found(attrs.evolve(dataset, actors=(actor, *dataset.actors[1:])))
    assert result == ([] if ok else [("C003", "$.actors[0].cameo")])


@pytest.mark.parametrize(
    ("classification", "expected"),
    [
        (acled("Battles", "Armed clash"), []),
        (acled("Protests", "Excessive force against protesters",
               "Political violence; Demonstrations"), []),
        (acled("Explosions", "Shelling/artillery/missile attack"),
         [("C010", "$.events[0].acled.event_type"), ("C011", "$.events[0].acled.sub_event_type")]),
        (acled("Explosions/Remote violence", "Shelling"),
         [("C010", "$.events[0].acled.sub_event_type")]),
        (acled("Battles", "Shelling/artillery/missile attack"),
         [("C011", "$.events[0].acled.sub_event_type")]),
        (acled("Explosions/Remote violence", "Shelling/artillery/missile attack", "Demonstrations"),
         [("C012", "$.events[0].acled.disorder_type")]),
        (acled("Protests", "Excessive force against protesters", "Political violence"),
         [("C012", "$.events[0].acled.disorder_type")]),
    ],
)
def test_acled_taxonomy(classification: AcledClass, expected: list[tuple[str, str]]) -> None:
    assert found(with_event(acled=classification)) == expected


def test_civilian_targeting_on_battles() -> None:
    battle = acled("Battles", "Armed clash")
    assert found(with_event(acled=battle, civilian_targeting=True)) == [
        ("C013", "$.events[0].civilian_targeting")
    ]
    attack = acled("Violence against civilians", "Attack")
    assert found(with_event(acled=attack, civilian_targeting=True)) == []


def test_source_scale_warning() -> None:
    dataset = fixture()
    for scale, expected in [("National-International", []), ("Planetary", ["C020"])]:
        document = attrs.evolve(dataset.documents[0], source_scale=scale)
        changed = attrs.evolve(dataset, documents=(document,))
        assert [f.code for f in new_findings(changed)] == expected
        assert not eventcode.validate(changed).has_errors


def test_unknown_country_warning() -> None:
    dataset = fixture()
    actor = attrs.evolve(dataset.actors[1], country="XXZ")  # typed 8 in the event: no C022
    changed = attrs.evolve(dataset, actors=(dataset.actors[0], actor, *dataset.actors[2:]))
    assert [(f.code, f.severity.value) for f in new_findings(changed)] == [("C021", "warning")]


def test_state_forces_abroad_should_be_external() -> None:
    home = EventActor(actor="rus-mil", inter=1)
    assert found(with_event(actor2=home)) == [("C022", "$.events[0].actor2.inter")]
    # the actor's default type (1) applies when the event gives none
    assert found(with_event(actor2=EventActor(actor="rus-mil"))) == [
        ("C022", "$.events[0].actor2.inter")
    ]
    assert found(with_event(actor2=EventActor(actor="rus-mil", inter=8))) == []
    assert found(with_event(actor1=EventActor(actor="ukr-mil", inter=1))) == []  # at home


def test_explain_answers_codebook_queries() -> None:
    result = run("explain", "cameo:194")
    assert result.returncode == 0
    assert "Fight with artillery and tanks" in result.stdout
    assert "ASSAULT" in result.stdout
    sub = run("explain", "acled:Shelling/artillery/missile attack")
    assert "Explosions/Remote violence" in sub.stdout
    actor = run("explain", "cameo-actor:RUSGOVMIL")
    assert "Government" in actor.stdout
    assert "Military" in actor.stdout
    unknown = run("explain", "cameo:13y")
    assert unknown.returncode == 2
    assert "13" in unknown.stderr
    assert "Traceback" not in unknown.stderr


@pytest.mark.parametrize(
    ("inter1", "inter2", "interaction", "ok"),
    [
        (1, 8, 18, True),
        (8, 1, 18, True),  # actor order carries no meaning
        ("State forces", "External/Other forces", "State forces-External/Other forces", True),
        (7, 8, 78, True),
        (6, None, 60, True),
        (6, 0, "Protesters only", True),
        (1, 8, 17, False),
        (6, 0, 66, False),
        (1, 8, 99, False),  # not a valid interaction at all
        (1, 8, "External/Other forces-State forces", False),  # not ACLED's order of labels
    ],
)
def test_interaction_follows_from_actor_types(
    inter1: int | str, inter2: int | str | None, interaction: int | str, ok: bool
) -> None:
    found = [f.code for f in interaction_findings(inter1, inter2, interaction, "$.interaction")]
    assert found == ([] if ok else ["C014"])


@pytest.mark.parametrize(
    ("region", "country", "iso", "expected"),
    [
        ("Europe", "Ukraine", 804, []),
        ("Europe", "Russia", 643, []),
        ("Europe", "Russian Federation", 643, ["C023"]),  # ISO's name, not ACLED's
        ("Europa", "Ukraine", 804, ["C023"]),
        ("Europe", "Ukraine", 643, ["C024"]),
        ("Middle East", "Ukraine", 804, ["C023"]),  # Ukraine's region is confirmed: Europe
    ],
)
def test_region_country_and_iso(
    region: str, country: str, iso: int, expected: list[str]
) -> None:
    assert [f.code for f in region_country_findings(region, country, iso, "$")] == expected
