"""Format 1.1: the new fields load, round-trip, and their inconsistencies are findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import eventcode
from tests.helpers import makiivka_data, write_json


def _strike(data: dict[str, Any]) -> dict[str, Any]:
    event: dict[str, Any] = data["events"][0]
    return event


def _findings(tmp_path: Path, data: dict[str, Any]) -> list[tuple[str, str | None, int | None]]:
    report = eventcode.validate_path(write_json(tmp_path / "d.json", data))
    return [(f.code, f.location.path, f.location.line) for f in report.findings]


def test_new_fields_round_trip_byte_for_byte(tmp_path: Path) -> None:
    data = makiivka_data()
    data["claimants"][0]["country"] = "RUS"
    strike = _strike(data)
    strike["figures"][0]["partial"] = True
    strike["figures"][0]["relay"] = data["claimants"][1]["id"]
    strike["figures"][1]["value"] = {"kind": "nearly", "phrase": "nearly 400", "high": 400}
    strike["victim_groups"] = [
        {"figures": [strike["figures"][0]["id"], strike["figures"][1]["id"]], "relation": "same"}
    ]
    dataset = eventcode.read(write_json(tmp_path / "in.json", data))
    text = eventcode.dumps(dataset)
    assert eventcode.loads(text) == dataset
    assert eventcode.dumps(eventcode.loads(text)) == text
    assert dataset.events[0].victim_groups[0].relation is eventcode.VictimRelation.SAME


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"kind": "exact", "phrase": "63", "low": 63, "high": 63, "strict": True}, "strict"),
        ({"kind": "upper_bound", "phrase": "fewer than 0", "high": 0, "strict": True}, "no number"),
        ({"kind": "lower_bound", "phrase": "63+", "low": 63, "most_likely": 70}, "range only"),
        (
            {"kind": "range", "phrase": "4-6", "low": 4, "high": 6, "most_likely": 9},
            "outside the range",
        ),
        ({"kind": "nearly", "phrase": "nearly", "low": 3, "high": 5}, "needs high and no low"),
    ],
)
def test_misplaced_qualifiers_are_s201(tmp_path: Path, value: dict[str, Any], problem: str) -> None:
    data = makiivka_data()
    _strike(data)["figures"][0]["value"] = value
    report = eventcode.validate_path(write_json(tmp_path / "d.json", data))
    s201 = [f for f in report.findings if f.code == "S201"]
    assert len(s201) == 1
    assert problem in s201[0].message
    assert s201[0].location.path == "$.events[0].figures[0].value"


def test_victim_group_problems_are_s207_with_path_and_line(tmp_path: Path) -> None:
    data = makiivka_data()
    strike = _strike(data)
    first, second = strike["figures"][0]["id"], strike["figures"][1]["id"]
    strike["victim_groups"] = [
        {"figures": [first, "no-such-figure"]},
        {"figures": [second]},
        {"figures": [first, second], "relation": "distinct"},
    ]
    found = [f for f in _findings(tmp_path, data) if f[0] == "S207"]
    paths = sorted(path or "" for _, path, _ in found)
    assert paths == [
        "$.events[0].victim_groups[0].figures[1]",
        "$.events[0].victim_groups[1].figures",
        "$.events[0].victim_groups[2].figures[0]",  # first is in group 0 already
        "$.events[0].victim_groups[2].figures[1]",  # second is in group 1 already
    ]
    assert all(line is not None for _, _, line in found)
    # the rest of the dataset still loads and is checked
    assert eventcode.read(tmp_path / "d.json").events[0].id == strike["id"]


def test_a_relay_naming_no_claimant_is_s302(tmp_path: Path) -> None:
    data = makiivka_data()
    _strike(data)["figures"][2]["relay"] = "nobody"
    found = [f for f in _findings(tmp_path, data) if f[0] == "S302"]
    assert [path for _, path, _ in found] == ["$.events[0].figures[2].relay"]


def test_a_1_0_file_still_reads_and_is_written_as_the_current_version(tmp_path: Path) -> None:
    data = makiivka_data()
    data["format_version"] = "1.0"
    dataset = eventcode.read(write_json(tmp_path / "old.json", data))
    assert {f.code for f in eventcode.validate(dataset).findings} == {"R002", "R004"}
    assert eventcode.dumps(dataset).startswith(
        f'{{\n  "format_version": "{eventcode.FORMAT_VERSION}"'
    )
    assert eventcode.FORMAT_VERSION == "1.2"


def test_attributions_about_and_statement_spans_round_trip(tmp_path: Path) -> None:
    data = makiivka_data()
    strike = _strike(data)
    strike["attributions"] = [
        {"actor": "ukr-mil", "claimant": "ukr-stratcom", "basis": "claimed"},
        {
            "actor": "ukr-mil",
            "role": "actor1",
            "inter": 1,
            "claimant": "rus-mod",
            "basis": "reported",
            "stated_on": {"start": "2023-01-01", "end": "2023-01-02", "precision": "days"},
        },
    ]
    strike["figures"][0]["stated_on"] = {
        "start": "2023-01-01",
        "end": "2023-01-03",
        "precision": "days",
    }
    data["events"][1]["about"] = strike["id"]
    dataset = eventcode.read(write_json(tmp_path / "in.json", data))
    text = eventcode.dumps(dataset)
    assert eventcode.loads(text) == dataset
    assert eventcode.dumps(eventcode.loads(text)) == text
    assert isinstance(dataset.events[0].figures[0].stated_on, eventcode.DateSpan)
    assert dataset.events[0].attributions[1].role is eventcode.ActorRole.ACTOR1


def test_attribution_and_about_references_resolve_or_are_s302(tmp_path: Path) -> None:
    data = makiivka_data()
    strike = _strike(data)
    strike["attributions"] = [{"actor": "nobody", "claimant": "no-one", "basis": "claimed"}]
    data["events"][1]["about"] = "no-such-event"
    found = sorted(path or "" for code, path, _ in _findings(tmp_path, data) if code == "S302")
    assert found == [
        "$.events[0].attributions[0].actor",
        "$.events[0].attributions[0].claimant",
        "$.events[1].about",
    ]


def test_a_statement_date_of_the_wrong_shape_is_one_s102(tmp_path: Path) -> None:
    data = makiivka_data()
    _strike(data)["figures"][0]["stated_on"] = 20230101
    found = [(code, path) for code, path, _ in _findings(tmp_path, data) if code.startswith("S")]
    assert found == [("S102", "$.events[0].figures[0].stated_on")]
