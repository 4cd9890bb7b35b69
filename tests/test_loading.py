"""Loading collects every problem of every record, with its path and line, and keeps the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eventcode
from eventcode import Severity
from tests.helpers import MAKIIVKA, makiivka_data, write_json


def findings_by_path(loaded: eventcode.Loaded) -> dict[str, str]:
    return {f.location.path or "": f.code for f in loaded.findings}


def test_fixture_loads_without_findings() -> None:
    loaded = eventcode.load(MAKIIVKA)
    assert loaded.findings == ()
    assert loaded.dataset.events[0].id == "makiivka-strike"
    assert len(loaded.dataset.events) == 12
    assert sum(len(e.figures) for e in loaded.dataset.events) == 12


def test_every_problem_of_one_record_is_reported(tmp_path: Path) -> None:
    data = makiivka_data()
    figure = data["events"][0]["figures"][0]
    figure["value"]["low"] = "63"  # wrong type
    figure["basis"] = "alleged"  # not in the vocabulary
    del figure["claimant"]  # missing
    figure["confidence"] = "high"  # unknown field
    data["events"][0]["cameo"] = 194  # a CAMEO code stored as a number
    loaded = eventcode.load(write_json(tmp_path / "d.json", data))
    assert findings_by_path(loaded) == {
        "$.events[0].figures[0].value.low": "S102",
        "$.events[0].figures[0].basis": "S103",
        "$.events[0].figures[0].claimant": "S101",
        "$.events[0].figures[0].confidence": "S104",
        "$.events[0].cameo": "S102",
    }
    assert all(f.severity is Severity.ERROR for f in loaded.findings)
    assert "makiivka-strike" not in [e.id for e in loaded.dataset.events]  # the broken event...
    assert len(loaded.dataset.events) == 11  # ...is the only record not loaded
    assert len(loaded.dataset.actors) == 9


def test_good_records_load_beside_bad_ones(tmp_path: Path) -> None:
    data = makiivka_data()
    good = data["events"][0]
    bad = json.loads(json.dumps(good))
    bad["id"] = "broken"
    bad["date"] = {"start": "2023-02-30"}
    data["events"] = [good, bad, "not an event", {**good, "id": "third"}]
    data["actors"].append({"id": "x", "name": "X", "inter": 9})
    loaded = eventcode.load(write_json(tmp_path / "d.json", data))
    assert [e.id for e in loaded.dataset.events] == ["makiivka-strike", "third"]
    assert findings_by_path(loaded) == {
        "$.events[1].date.start": "S103",
        "$.events[2]": "S006",
        f"$.actors[{len(data['actors']) - 1}].inter": "S103",
    }


def test_document_findings_carry_the_line_of_their_value(tmp_path: Path) -> None:
    data = makiivka_data()
    data["events"][0]["place"]["latitude"] = 148.0
    path = write_json(tmp_path / "d.json", data)
    (finding,) = eventcode.load(path).findings
    lines = path.read_text().splitlines()
    assert '"latitude": 148.0' in lines[finding.location.line - 1]  # type: ignore[operator]
    assert finding.location.file == str(path)


def test_missing_field_points_at_the_object_that_lacks_it(tmp_path: Path) -> None:
    data = makiivka_data()
    del data["claimants"][1]["kind"]
    path = write_json(tmp_path / "d.json", data)
    (finding,) = eventcode.load(path).findings
    assert finding.code == "S101"
    assert finding.location.path == "$.claimants[1].kind"
    lines = path.read_text().splitlines()
    line = finding.location.line
    assert line is not None
    assert lines[line - 1].strip() == "{"  # the claimant object that lacks the field starts here
    assert f'"{data["claimants"][1]["id"]}"' in lines[line]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "S003"),
        ("   \n", "S003"),
        ("{", "S001"),
        ('{"format_version": "1.0", "events": [NaN]}', "S001"),
        ("[]", "S006"),
        ('{"events": []}', "S004"),
        ('{"format_version": "2.0"}', "S004"),
        ('{"format_version": 1.0}', "S004"),
        ('{"format_version": "1.0", "events": {}}', "S102"),
        ('{"format_version": "1.0", "extra": 1}', "S104"),
    ],
)
def test_unreadable_documents_are_findings(tmp_path: Path, text: str, code: str) -> None:
    path = tmp_path / "d.json"
    path.write_text(text, encoding="utf-8")
    loaded = eventcode.load(path)
    assert [f.code for f in loaded.findings] == [code]


def test_not_utf8_is_a_finding_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_bytes(b'{\n"format_version": "1.0",\n"x": "\xff"}')
    (finding,) = eventcode.load(path).findings
    assert (finding.code, finding.location.line) == ("S002", 3)


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_bytes(b"\xef\xbb\xbf" + MAKIIVKA.read_bytes())
    assert eventcode.load(path).findings == ()


def test_newer_minor_version_reads_with_a_warning(tmp_path: Path) -> None:
    data = makiivka_data()
    data["format_version"] = "1.7"
    data["events"][0]["future_field"] = {"anything": True}
    loaded = eventcode.load(write_json(tmp_path / "d.json", data))
    assert [(f.code, f.severity) for f in loaded.findings] == [("S005", Severity.WARNING)]
    assert len(loaded.dataset.events) == len(data["events"])


def test_read_raises_with_every_finding_and_the_good_records(tmp_path: Path) -> None:
    data = makiivka_data()
    data["actors"][0]["inter"] = "1"
    with pytest.raises(eventcode.DatasetError) as caught:
        eventcode.read(write_json(tmp_path / "d.json", data))
    assert [f.code for f in caught.value.findings] == ["S102"]
    assert len(caught.value.dataset.events) == len(data["events"])
    assert "S102" in str(caught.value)


def test_fixture_round_trips_byte_for_byte() -> None:
    text = MAKIIVKA.read_text(encoding="utf-8")
    assert eventcode.dumps(eventcode.loads(text)) == text


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(MAKIIVKA.read_bytes())
    assert eventcode.load(path).findings == ()
    with pytest.raises(eventcode.UnknownFormatError):
        eventcode.write(eventcode.read(MAKIIVKA), tmp_path / "out.xml")


def test_a_broken_record_is_reported_once_not_by_every_reference(tmp_path: Path) -> None:
    dataset = eventcode.read(MAKIIVKA)
    lines = eventcode.dumps(dataset, format="jsonl").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if '"id":"rus-mil"' in line)
    lines[number] = lines[number].replace('"inter":1', '"inter":"one"')
    path = tmp_path / "d.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    report = eventcode.validate_path(path)
    errors = [(f.code, f.location.line, f.location.path) for f in report.findings
              if f.severity is Severity.ERROR]
    assert errors == [("S102", number + 1, "$.inter")]
