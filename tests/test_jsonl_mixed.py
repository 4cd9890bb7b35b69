"""A JSON Lines file mixing good and bad records: every bad line reported, every good one kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eventcode
from eventcode import Finding, RecordItem, Severity


def _line(value: dict[str, object]) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8") + b"\n"


GOOD_ACTOR = {"record": "actor", "id": "rus-mil", "name": "Military Forces of Russia (2000-)"}
GOOD_CLAIMANT = {"record": "claimant", "id": "rus-mod", "name": "MoD", "kind": "ministry"}
GOOD_DOCUMENT = {"record": "document", "id": "doc-1", "outlet": "BFM TV"}
GOOD_EVENT = {
    "record": "event",
    "id": "makiivka-strike",
    "date": {"start": "2022-12-31"},
    "figures": [
        {
            "id": "rus-killed-63",
            "quantity": "killed",
            "subject": {"actor": "rus-mil"},
            "value": {"kind": "lower_bound", "phrase": "at least 63", "low": 63},
            "basis": "reported",
            "claimant": "rus-mod",
        }
    ],
}
BAD_DEEP_TYPE = {
    "record": "event",
    "id": "other-strike",
    "date": {"start": "2023-01-05"},
    "figures": [
        {
            "id": "f-2",
            "quantity": "killed",
            "subject": {"category": "civilians"},
            "value": {"kind": "exact", "phrase": "five", "low": "5", "high": 5},
            "basis": "reported",
            "claimant": "rus-mod",
        }
    ],
}

# (line content, expected (code, path) for a bad line, or None for a good one)
LINES: list[tuple[bytes, tuple[str, str | None] | None]] = [
    (b'{"record": "dataset", "format_version": "1.0"}\n', None),  # 1 header
    (_line(GOOD_ACTOR), None),  # 2
    (b'{"record": "actor", "id": "ukr-mil", "name": \n', ("S001", "$")),  # 3 not JSON
    (_line({**GOOD_ACTOR, "id": "ukr-mil", "inter": "1"}), ("S102", "$.inter")),  # 4 wrong type
    (_line({"record": "battle", "id": "b-1"}), ("S006", "$.record")),  # 5 unknown kind
    (b'{"record": "document", "id": "doc-2", "outlet": "Le Monde \xe9"}\n', ("S002", "$")),  # 6
    (_line(GOOD_CLAIMANT), None),  # 7 reading goes on after every bad line
    (_line(BAD_DEEP_TYPE), ("S102", "$.figures[0].value.low")),  # 8 wrong type, deep
    (b"\n", None),  # 9 blank lines are skipped
    (_line(GOOD_DOCUMENT), None),  # 10
    (b"[1, 2]\n", ("S006", "$")),  # 11 not an object
    (_line(GOOD_EVENT), None),  # 12
]


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"".join(content for content, _ in LINES))
    return path


def test_every_bad_line_is_reported_with_its_line_and_path(mixed: Path) -> None:
    loaded = eventcode.load(mixed)
    expected = {
        (number, code, path)
        for number, (_, bad) in enumerate(LINES, start=1)
        if bad is not None
        for code, path in [bad]
    }
    found = {(f.location.line, f.code, f.location.path) for f in loaded.findings}
    assert found == expected
    assert all(f.severity is Severity.ERROR for f in loaded.findings)
    assert all(f.location.file == str(mixed) for f in loaded.findings)


def test_every_good_line_is_loaded(mixed: Path) -> None:
    loaded = eventcode.load(mixed)
    dataset = loaded.dataset
    assert [a.id for a in dataset.actors] == ["rus-mil"]
    assert [c.id for c in dataset.claimants] == ["rus-mod"]
    assert [d.id for d in dataset.documents] == ["doc-1"]
    assert [e.id for e in dataset.events] == ["makiivka-strike"]
    assert dataset.events[0].figures[0].value.low == 63
    with pytest.raises(eventcode.DatasetError):
        eventcode.read(mixed)


def test_iter_records_yields_good_records_with_lines_and_bad_ones_as_findings(
    mixed: Path,
) -> None:
    entries = list(eventcode.iter_records(mixed))
    records = [(e.line, e.kind) for e in entries if isinstance(e, RecordItem)]
    assert records == [(2, "actor"), (7, "claimant"), (10, "document"), (12, "event")]
    bad_lines = sorted(e.location.line or 0 for e in entries if isinstance(e, Finding))
    assert bad_lines == [n for n, (_, bad) in enumerate(LINES, start=1) if bad is not None]


def test_non_utf8_message_names_the_byte(mixed: Path) -> None:
    (finding,) = [f for f in eventcode.load(mixed).findings if f.code == "S002"]
    assert finding.location.line == 6
    assert "0xe9" in finding.message


def test_non_utf8_line_has_the_line_root_as_path(mixed: Path) -> None:
    (finding,) = [f for f in eventcode.load(mixed).findings if f.code == "S002"]
    assert finding.location.path == "$"
