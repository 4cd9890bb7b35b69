"""Row validation of ACLED files: each defect's finding with its line and column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eventcode
from eventcode import Severity
from eventcode.acled import read_acled, row_findings
from eventcode.acled.reader import header_of
from eventcode.acled.rows import AcledHeader, AcledRow
from eventcode.findings import finding_codes

DEFECTS = Path(__file__).parent.parent / "fixtures" / "acled" / "defects.csv"

# (code, line, column) for every defect row of fixtures/acled/defects.csv. Line 2-3 is a good row
# whose notes span two lines, as does line 5-6: lines count physical lines, not rows.
EXPECTED = [
    ("C010", 4, "event_type"),
    ("C011", 4, "sub_event_type"),
    ("C011", 5, "sub_event_type"),
    ("C012", 7, "disorder_type"),
    ("A013", 8, "inter1"),
    ("C014", 9, "interaction"),
    ("A005", 10, "year"),
    ("A006", 11, "time_precision"),
    ("A007", 12, "latitude"),
    ("A008", 13, "latitude"),
    ("C024", 14, "iso"),
    ("C023", 15, "country"),
    ("A009", 16, "event_id_cnty"),
    ("A010", 17, "event_id_cnty"),
    ("A011", 18, "fatalities"),
    ("A012", 19, "civilian_targeting"),
    ("A004", 20, "event_date"),
    ("A004", 21, "event_date"),
    ("A003", 22, "actor1"),
    ("A002", 23, None),
    ("A014", 24, "iso"),
    ("A006", 25, "geo_precision"),
    ("A016", 26, "timestamp"),
    ("A013", 28, "inter2"),
    ("C014", 28, "interaction"),
]


def test_every_defect_is_found_at_its_line() -> None:
    read = read_acled(DEFECTS)
    found = [(f.code, f.location.line, f.location.field) for f in read.findings]
    assert found == EXPECTED
    assert all(f.location.file == str(DEFECTS) for f in read.findings)


def test_validate_path_adds_the_event_checks_on_converted_rows() -> None:
    report = eventcode.validate_path(DEFECTS)
    by_code = {(f.code, f.location.line) for f in report.findings}
    assert {(code, line) for code, line, _ in EXPECTED} <= by_code
    assert ("C013", 27) in by_code  # civilian targeting on a battle: the event check's rule
    assert report.has_errors


def test_warnings_do_not_stop_a_row_from_loading() -> None:
    read = read_acled(DEFECTS)
    loaded = {e.acled.event_id_cnty for e in read.dataset.events if e.acled}
    # the good row, the 0,0 row (A008) and the unknown country name (C023) load; C013 is left
    # to the event checks, so that row loads too
    assert loaded == {"UKR100003", "UKR100018", "UKR100020", "UKR100029"}
    unknown = next(
        e for e in read.dataset.events if e.acled and e.acled.event_id_cnty == "UKR100020"
    )
    assert unknown.place is not None
    assert unknown.place.country is None
    assert unknown.acled is not None
    assert {c.column: c.value for c in unknown.acled.cells}["country"] == "Ukrainia"


def test_codes_are_registered_with_their_severity() -> None:
    codes = finding_codes()
    for code, _, _ in EXPECTED:
        assert code in codes
    assert codes["A008"].severity is Severity.WARNING
    assert codes["C023"].severity is Severity.WARNING
    assert all(codes[f"A{n:03d}"].severity is Severity.ERROR for n in range(1, 17) if n != 8)


def _header() -> AcledHeader:
    text = DEFECTS.read_text("utf-8").splitlines()[0]
    header = header_of(text.split(","))
    assert isinstance(header, AcledHeader)
    return header


def _good_cells() -> dict[str, str]:
    read = list(eventcode.acled.iter_rows(DEFECTS))
    row = read[1]
    assert isinstance(row, AcledRow)
    return dict(row.cells)


def test_a_good_row_has_no_findings() -> None:
    assert row_findings(AcledRow(2, _good_cells()), _header()) == []


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("event_date", "2024-02-30", "A004"),
        ("event_date", "0025-02-16", "A004"),
        ("event_date", "16-Feb-24", "A005"),  # a valid rendering, but year says 2023
        ("longitude", "-181", "A007"),
        ("latitude", "north", "A007"),
        ("fatalities", "2.5", "A011"),
        ("inter2", "Aliens", "A013"),
        ("event_id_cnty", "ukr1", "A009"),
        ("interaction", "99", "C014"),
        ("region", "Middle Earth", "C023"),
        ("iso", "4", "C024"),
    ],
)
def test_single_defects(column: str, value: str, code: str) -> None:
    cells = _good_cells()
    cells[column] = value
    found = row_findings(AcledRow(7, cells), _header())
    assert [(f.code, f.location.line) for f in found] == [(code, 7)]


def test_text_codes_are_checked_like_numbers() -> None:
    cells = _good_cells() | {
        "inter1": "State forces",
        "inter2": "External/Other forces",
        "interaction": "State forces-Civilians",
    }
    found = row_findings(AcledRow(3, cells), _header())
    assert [f.code for f in found] == ["C014"]
    cells["interaction"] = "State forces-External/Other forces"
    assert row_findings(AcledRow(3, cells), _header()) == []


def test_header_that_is_not_acled() -> None:
    read = read_acled(b"id,date,place\n1,2024-01-01,Kyiv\n")
    assert [(f.code, f.location.line) for f in read.findings] == [("A001", 1)]
    two = read_acled(b"event_id_cnty,event_date\n")  # an ACLED file has three columns or more
    assert [f.code for f in two.findings] == ["A001"]
    lacking = read_acled(b"event_id_cnty,event_date,year\n")  # a subset: read (A023)
    assert [f.code for f in lacking.findings] == ["A023"]


def test_empty_file_and_bad_bytes() -> None:
    assert [f.code for f in read_acled(b"").findings] == ["S003"]
    header = DEFECTS.read_bytes().split(b"\n", 1)[0]
    assert "S002" in [f.code for f in read_acled(header + b"\n\xff\xfe,\n").findings]


def test_api_response_values_must_be_strings() -> None:
    data = b'{"data": [{"event_id_cnty": "UKR1", "event_date": 5}]}'
    assert [f.code for f in read_acled(data).findings] == ["A001"]
    assert [f.code for f in read_acled(b'{"rows": []}').findings] == ["A015"]
    api = json.loads((DEFECTS.parent / "api-response.json").read_text("utf-8"))
    api["data"][1]["fatalities"] = 0
    found = read_acled(json.dumps(api, indent=1).encode("utf-8")).findings
    assert [f.code for f in found] == ["A015"]
    assert found[0].location.line is not None
