"""The GED row checks: each finding code, with its line and column; bad input never raises."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import eventcode
from eventcode import ucdp
from eventcode.checks.registry import declared_checks
from eventcode.findings import Severity, finding_codes
from eventcode.io.limits import Limited, Limits
from tests.helpers import ROOT
from tests.test_cli import run

FIXTURE = ROOT / "fixtures" / "ucdp" / "ged-hand-made.csv"
#: The fixture's first row starts on line 2, its second on line 3 (no cell of theirs breaks).
GOOD = 2


def rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(FIXTURE.read_text(encoding="utf-8"))))


def ged_file(tmp_path: Path, changed: dict[str, str], *, more: int = 1) -> Path:
    """Write the fixture's first ``more`` + 1 rows, the second changed as ``changed`` says."""
    kept = rows()[: more + 1]
    kept[1].update(changed)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(kept[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(kept)
    path = tmp_path / "ged.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def found(path: Path) -> list[tuple[str, int | None, str | None]]:
    report = eventcode.validate_path(path)
    return [(f.code, f.location.line, f.location.field) for f in report.findings]


# The second row (line 3) of the fixture: type 2, best 4 = 2 + 2 + 0 + 0, low = high = 4.
CASES = [
    ("U003", {"date_end": ""}, "date_end"),
    ("U003", {"best": ""}, "best"),
    ("U004", {"best": "four"}, "best"),
    ("U004", {"deaths_civilians": "-1"}, "deaths_civilians"),
    ("U004", {"number_of_sources": "1.0"}, "number_of_sources"),
    ("U004", {"id": "9e5"}, "id"),
    ("U005", {"type_of_violence": "4"}, "type_of_violence"),
    ("U005", {"where_prec": "8"}, "where_prec"),
    ("U005", {"date_prec": "0"}, "date_prec"),
    ("U005", {"event_clarity": "3"}, "event_clarity"),
    ("U006", {"date_start": "10/04/2023"}, "date_start"),
    ("U006", {"date_end": "2023-02-30"}, "date_end"),
    ("U007", {"date_start": "2023-04-13"}, "date_end"),
    ("U008", {"low": "5"}, "best"),
    ("U009", {"deaths_unknown": "1"}, "deaths_unknown"),
    ("U010", {"latitude": "95.0"}, "latitude"),
    ("U010", {"longitude": "east"}, "longitude"),
    ("U010", {"longitude": ""}, "longitude"),
    ("U011", {"year": "2022"}, "year"),
    ("U012", {"id": "900001"}, "id"),
    ("U014", {"best": "0", "low": "0", "high": "0", "deaths_a": "0", "deaths_b": "0"}, "best"),
    # The row is at -3.125, 21.0: PRIO-GRID cell 124963 (row 174 from the south, column 403).
    ("U015", {"priogrid_gid": "124964"}, "priogrid_gid"),  # the cell east of it
    ("U015", {"priogrid_gid": "259201"}, "priogrid_gid"),  # past the last cell
    ("U015", {"priogrid_gid": "0"}, "priogrid_gid"),
    ("U015", {"priogrid_gid": "cell 7"}, "priogrid_gid"),
]


@pytest.mark.parametrize(("code", "changed", "column"), CASES, ids=lambda x: str(x)[:30])
def test_each_check_gives_its_code_at_the_row_and_column(
    tmp_path: Path, code: str, changed: dict[str, str], column: str
) -> None:
    path = ged_file(tmp_path, changed)
    assert found(path) == [(code, 3, column)]
    read = ucdp.read_ged(path)
    [finding] = read.findings
    assert finding.location.file == str(path)
    error = finding_codes()[code].severity is Severity.ERROR
    assert len(read.dataset.events) == (1 if error else 2)  # a row with an error is not read


def test_the_event_of_a_row_is_named_by_its_id(tmp_path: Path) -> None:
    report = eventcode.validate_path(ged_file(tmp_path, {"type_of_violence": "9"}))
    [finding] = report.findings
    assert finding.location.event == "ucdp:900002"


def test_findings_of_several_rows_come_in_file_order_each_with_its_line(tmp_path: Path) -> None:
    path = ged_file(tmp_path, {"low": "9", "latitude": "-95"}, more=4)
    assert found(path) == [("U008", 3, "best"), ("U010", 3, "latitude")]
    # The third row's headline holds a line break (lines 4-5): the fifth row starts on line 7.
    broken = path.read_text(encoding="utf-8").replace("900005,", "900005,x,", 1)
    path.write_text(broken, encoding="utf-8")
    assert found(path) == [("U008", 3, "best"), ("U010", 3, "latitude"), ("U002", 7, None)]


def test_a_header_that_is_not_geds_is_u001(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("date_start,name,value\n2023-01-01,x,1\n", encoding="utf-8")
    read = ucdp.read_ged(path)
    assert [(f.code, f.location.line) for f in read.findings] == [("U001", 1)]
    twice = tmp_path / "twice.csv"
    twice.write_text("id,date_start,best,best\n1,2023-01-01,1,1\n", encoding="utf-8")
    [finding] = ucdp.read_ged(twice).findings
    assert finding.code == "U001"
    assert "'best' more than once" in finding.message


def test_a_row_of_another_width_and_broken_quoting_are_u002(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").split("\n")
    path = tmp_path / "short.csv"
    path.write_text("\n".join([text[0], text[1], "900009,only,three", text[2]]) + "\n",
                    encoding="utf-8")
    read = ucdp.read_ged(path)
    assert [(f.code, f.location.line) for f in read.findings] == [("U002", 3)]
    assert len(read.dataset.events) == 2


def test_bad_bytes_and_limits_are_findings_never_a_traceback(tmp_path: Path) -> None:
    text = FIXTURE.read_bytes()
    header, first, rest = text.split(b"\n", 2)
    cases = {
        "not-utf8.csv": header + b"\n" + first.replace(b"Strelsau", b"Strel\xffsau") + b"\n"
        + rest,
        "empty.csv": b"",
        "blank-lines.csv": b"\n\n\n",
        "nul.csv": header + b"\n" + first.replace(b"Clear", b"Cl\x00ear") + b"\n",
    }
    codes = {}
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        codes[name] = [f.code for f in eventcode.validate_path(path).findings]
    assert codes["not-utf8.csv"] == ["S002"]
    assert codes["empty.csv"] == codes["blank-lines.csv"] == ["S003"]
    assert codes["nul.csv"] == []  # a kept cell may hold it; it is written back as read
    small = Limits(max_field_bytes=64, max_columns=20)
    read = ucdp.read_ged(Limited(text, small))
    assert [f.code for f in read.findings] == ["L004"]  # the header: nothing else is read
    wide = Limits(max_field_bytes=64)
    assert {f.code for f in ucdp.read_ged(Limited(text, wide)).findings} == {"L001"}


def test_the_cli_reports_a_defect_with_file_line_and_exit_1(tmp_path: Path) -> None:
    path = ged_file(tmp_path, {"deaths_a": "3"})
    done = run("validate", str(path), "--format", "json")
    assert done.returncode == 1, done.stderr
    assert '"code": "U009"' in done.stdout
    assert '"line": 3' in done.stdout
    assert '"field": "deaths_unknown"' in done.stdout


def test_every_u_code_is_declared_and_used() -> None:
    declared = {code for check in declared_checks() for code in check.codes}
    codes = {code for code in finding_codes() if code.startswith("U")}
    assert codes == {f"U{n:03d}" for n in range(1, 16)}
    assert codes <= declared
    assert ucdp.GED_ROWS.codes | ucdp.GED_READING.codes == codes
    tested = {code for code, _, _ in CASES} | {"U001", "U002", "U013"}
    assert tested == codes
