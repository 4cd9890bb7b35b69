"""Hostile ACLED cells (issue 15): one number grammar, no crash, the same findings everywhere.

Each hostile cell is put in an otherwise valid row and read by every path: ``validate`` (rows
checked in batches, and in two worker processes), the record path (``eventcode.load``, what
``convert`` reads) and ``convert`` itself. None may raise; all must agree on the findings.
"""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventcode
from eventcode.acled import parallel, read_acled
from eventcode.acled.layouts import NUMERIC_COLUMNS
from eventcode.acled.values import (
    MAX_NUMBER_CHARS,
    CellError,
    parse_coordinate,
    parse_integer,
    render_coordinate,
)
from eventcode.cli import main
from eventcode.conversion import convert
from eventcode.io.formats import Format
from eventcode.io.limits import DEFAULT_MAX_COLUMNS, Limits
from eventcode.io.sources import Source
from eventcode.validation import validate_path, validate_source
from tests.test_acled_validation import record_path_report, write_perturbed

ROOT = Path(__file__).resolve().parent.parent
NUMERIC = ROOT / "fixtures" / "acled" / "current-export-numeric.csv"


def _table() -> tuple[list[str], list[str]]:
    with open(NUMERIC, newline="", encoding="utf-8") as handle:
        head, first, *_ = list(csv.reader(handle))
    return head, first


def _csv(rows: list[list[str]], head: list[str] | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # so that a bare CR is quoted too
    writer.writerow(head or _table()[0])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _row(**cells: str) -> list[str]:
    head, first = _table()
    row = list(first)
    for column, text in cells.items():
        row[head.index(column)] = text
    return row


def _every_path(tmp_path: Path, data: bytes, name: str = "hostile.csv") -> list[tuple[str, str]]:
    """Validate, load and convert ``data``; check they agree; return (code, field) found."""
    path = tmp_path / name
    path.write_bytes(data)
    report = validate_path(path)
    reference = record_path_report(path)
    assert report.findings == reference.findings
    assert report.records == reference.records
    loaded = eventcode.load(path)
    read = {(f.code, f.location.line) for f in loaded.findings}
    assert read <= {(f.code, f.location.line) for f in report.findings}
    for target in ("out.jsonl", "out.csv"):
        convert(path, tmp_path / target)
    return [(f.code, f.location.field or "") for f in report.findings]


# -- item 1 and 2: huge integers -----------------------------------------------------------------

HUGE = "1" * 5000


@pytest.mark.parametrize(
    ("column", "code"),
    [
        ("iso", "A014"),
        ("inter1", "A013"),
        ("inter2", "A013"),
        ("interaction", "C014"),
        ("fatalities", "A011"),
        ("timestamp", "A016"),
        ("year", "A005"),
        ("time_precision", "A006"),
        ("geo_precision", "A006"),
        ("latitude", "A007"),
        ("longitude", "A007"),
    ],
)
def test_a_huge_integer_is_a_finding_on_every_path(tmp_path: Path, column: str, code: str) -> None:
    found = _every_path(tmp_path, _csv([_row(**{column: HUGE})]))
    assert (code, column) in found
    loaded = eventcode.load(tmp_path / "hostile.csv")
    assert code in {f.code for f in loaded.findings}
    assert main(["convert", str(tmp_path / "hostile.csv"), "-o", str(tmp_path / "c.csv")]) == 1
    assert main(["validate", "--isolated", "--no-progress", str(tmp_path / "hostile.csv")]) == 1


def test_huge_integers_in_two_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The crash also came through the worker processes: the findings are one process's."""
    path = write_perturbed(tmp_path / "generated.csv", 600, seed=2)
    head, *rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    for index, column in enumerate(("iso", "inter1", "interaction", "fatalities", "timestamp")):
        rows[100 + 97 * index][head.index(column)] = HUGE
    rows[550][head.index("event_id_cnty")] = "UKR1\nUKR2"
    path.write_bytes(_csv(rows, head))
    one = validate_path(path)
    assert one.findings == record_path_report(path).findings
    found = parallel.parallel_findings(path, chunk_bytes=20_000)
    assert found is not None
    assert [f.code for f in found[0]] == [f.code for f in one.findings]
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 20_000)
    assert validate_path(path) == one
    assert {"A014", "A013", "C014", "A011", "A016", "A009"} <= {f.code for f in one.findings}


# -- item 1: an event id holding a newline -------------------------------------------------------


@pytest.mark.parametrize("event_id", ["UKR1\n", "UKR1\nUKR2", "UKR1\r\n", "\nUKR1", "UKR\u0661"])
def test_an_event_id_with_a_newline_is_a009_everywhere(tmp_path: Path, event_id: str) -> None:
    rows = [_row(event_id_cnty="UKR7"), _row(event_id_cnty=event_id)]
    found = _every_path(tmp_path, _csv(rows))
    assert ("A009", "event_id_cnty") in found
    loaded = eventcode.load(tmp_path / "hostile.csv")
    assert "A009" in {f.code for f in loaded.findings}
    with pytest.raises(eventcode.DatasetError):
        eventcode.read(tmp_path / "hostile.csv")
    assert main(["convert", str(tmp_path / "hostile.csv"), "-o", str(tmp_path / "c.jsonl")]) == 1


# -- item 6: one number grammar for every numeric column -----------------------------------------

#: Texts no numeric ACLED cell accepts, whatever its column.
HOSTILE_NUMBERS = [
    "\u0663",  # Arabic-Indic digit
    "\u06f3",  # extended Arabic-Indic
    "\uff13",  # fullwidth
    "\U0001d7d1",  # mathematical digit
    "3_0",
    "+3",
    " 3",
    "3 ",
    "3\n",
    "\n3",
    "3\r",
    "\t3",
    "3\u00a0",
    "03",
    "0x3",
    "1e1",
    "3\x00",
    "inf",
    # "nan" is a blank token (read as blank, A021: tests/test_acled_conventions.py)
    HUGE,
]


def _expected_code(column: str) -> str:
    return {
        "year": "A005",
        "time_precision": "A006",
        "geo_precision": "A006",
        "inter1": "A013",
        "inter2": "A013",
        "interaction": "C014",
        "iso": "A014",
        "latitude": "A007",
        "longitude": "A007",
        "fatalities": "A011",
        "timestamp": "A016",
    }[column]


def test_every_numeric_column_is_walked() -> None:
    assert {_expected_code(c) for c in NUMERIC_COLUMNS}


@pytest.mark.parametrize("column", sorted(NUMERIC_COLUMNS))
def test_every_numeric_column_rejects_the_same_hostile_table(tmp_path: Path, column: str) -> None:
    rows = [
        _row(event_id_cnty=f"UKR{9000 + i}", **{column: t}) for i, t in enumerate(HOSTILE_NUMBERS)
    ]
    path = tmp_path / f"{column}.csv"
    path.write_bytes(_csv(rows))
    report = validate_path(path)
    assert report.findings == record_path_report(path).findings
    assert report.records == record_path_report(path).records
    code = _expected_code(column)
    flagged = {
        f.location.event for f in report.findings if (f.code, f.location.field) == (code, column)
    }
    missed = [t for i, t in enumerate(HOSTILE_NUMBERS) if f"UKR{9000 + i}" not in flagged]
    assert not missed, (column, missed)
    assert not eventcode.load(path).dataset.events
    convert(path, tmp_path / "out.csv")


@pytest.mark.parametrize(
    ("column", "text"),
    [
        ("latitude", "4_5"),
        ("latitude", "\u0664\u0665"),
        ("latitude", "+45"),
        ("latitude", "45\n"),
        ("inter1", "\u0668"),
        ("inter1", "08"),
        ("fatalities", "2\n"),
        ("event_date", "2024-02-16\n"),
        ("event_date", "16 February 2024\n"),
        ("year", "2024\n"),
        ("inter1", " 8"),
        ("interaction", "78\n"),
    ],
)
def test_the_issue_numbers_are_findings(tmp_path: Path, column: str, text: str) -> None:
    found = _every_path(tmp_path, _csv([_row(**{column: text})]))
    assert any(field == column for _, field in found), found


def test_fatalities_accepts_what_every_numeric_column_accepts() -> None:
    """`` 3`` was rejected by fatalities only; now by every column, and ``3`` by none."""
    assert parse_integer("3") == 3
    assert parse_integer("0") == 0
    for text in HOSTILE_NUMBERS:
        with pytest.raises(CellError):
            parse_integer(text)
    with pytest.raises(CellError):
        parse_integer("1" * (MAX_NUMBER_CHARS + 1))
    assert parse_integer("9" * MAX_NUMBER_CHARS) == int("9" * MAX_NUMBER_CHARS)


@given(st.integers(min_value=0, max_value=10**40))
def test_integers_read_back_from_their_text(value: int) -> None:
    assert parse_integer(str(value)) == value


@given(st.text(alphabet="0123456789+-_ .e\n\u0663\uff13", max_size=8))
def test_an_accepted_integer_is_its_own_canonical_text(text: str) -> None:
    """The grammar accepts exactly the texts ``str(int)`` writes: one spelling per number."""
    try:
        value = parse_integer(text)
    except CellError:
        return
    assert str(value) == text


@given(st.floats(min_value=-180, max_value=180, allow_nan=False))
def test_a_coordinate_reads_back_from_what_is_written(value: float) -> None:
    text = render_coordinate(value)
    assert "e" not in text.lower()
    assert parse_coordinate(text, 180, "longitude") == value


@given(st.text(alphabet="0123456789+-_ .eE\n\u0663\uff13", max_size=8))
def test_a_coordinate_the_grammar_accepts_is_a_plain_decimal(text: str) -> None:
    try:
        value = parse_coordinate(text, 180, "longitude")
    except CellError:
        return
    assert float(text) == value
    assert text.lstrip("-")[:1].isdigit()
    assert text == text.strip()
    assert all(c in "-.0123456789" for c in text)


# -- item 6: iso codes that are not the country's ------------------------------------------------


@pytest.mark.parametrize(("iso", "code"), [("0", "C024"), ("999", "C024"), ("1000000", "A014")])
def test_an_iso_that_is_not_ukraine_is_a_finding(tmp_path: Path, iso: str, code: str) -> None:
    found = _every_path(tmp_path, _csv([_row(iso=iso)]))
    assert (code, "iso") in found
    assert not eventcode.load(tmp_path / "hostile.csv").dataset.events


# -- item 6: NUL in a text cell ------------------------------------------------------------------


@pytest.mark.parametrize("column", ["notes", "actor1", "source", "population_best"])
def test_nul_in_a_text_cell_is_a_finding(tmp_path: Path, column: str) -> None:
    found = _every_path(tmp_path, _csv([_row(), _row(event_id_cnty="UKR5", **{column: "a\x00b"})]))
    assert ("A018", column) in found
    assert len(eventcode.load(tmp_path / "hostile.csv").dataset.events) == 1


# -- item 6: kept cells naming one column twice --------------------------------------------------


def test_kept_cells_naming_a_column_twice_are_a_finding() -> None:
    data = json.loads((ROOT / "fixtures" / "makiivka-2023" / "dataset.json").read_text("utf-8"))
    event = next(e for e in data["events"] if e.get("acled"))
    event["acled"]["cells"] = [
        {"column": "region", "value": "Europe"},
        {"column": "population_best", "value": "5"},
        {"column": "region", "value": "Eastern Europe"},
    ]
    text = json.dumps(data).encode("utf-8")
    report = validate_source(Source.from_bytes(text, Format.JSON, name="d.json"))
    found = [f for f in report.findings if f.code == "S103" and "region" in f.message]
    assert found, [f.code for f in report.findings]
    assert found[0].location.path is not None
    assert found[0].location.path.endswith("cells[2].column")


# -- item 5: where an unterminated quote is reported ---------------------------------------------


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_an_unterminated_quote_is_reported_at_the_line_it_opens(ending: str) -> None:
    head, first = _table()
    good = ",".join(f'"{c}"' if "," in c else c for c in first)
    bad = good.replace(",2,,1708459386,", ',2,"no close,1708459386,', 1)  # tags: never closed
    assert bad != good
    text = ending.join([",".join(head), good, bad]) + ending
    found = [(f.code, f.location.line) for f in read_acled(text.encode()).findings]
    assert found == [("A002", 3)]
    more = ending.join([",".join(head), good, bad, good.replace("UKR100001", "UKR9")]) + ending
    found = [(f.code, f.location.line) for f in read_acled(more.encode()).findings]
    assert found == [("A002", 3)]


# -- item 4 and the columns limit ----------------------------------------------------------------


def _wide_header(columns: int) -> bytes:
    head, _ = _table()
    extra = [f"x{i}" for i in range(columns - len(head))]
    row = _row()
    return _csv([row + [""] * len(extra)], head + extra)


def test_a_wide_header_is_an_l004_finding_read_in_linear_time(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_bytes(_wide_header(100_000))
    started = time.perf_counter()
    report = validate_path(path)
    assert time.perf_counter() - started < 10
    assert [(f.code, f.location.line) for f in report.findings] == [("L004", 1)]
    assert str(DEFAULT_MAX_COLUMNS) in report.findings[0].message
    started = time.perf_counter()
    assert main(["convert", str(path), "-o", str(tmp_path / "wide.jsonl")]) == 1
    assert time.perf_counter() - started < 10


def test_a_wide_header_within_a_raised_limit_is_read_in_linear_time(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_bytes(_wide_header(100_000))
    limits = Limits(max_columns=200_000)
    started = time.perf_counter()
    report = validate_source(Source.from_path(path, limits=limits))
    assert time.perf_counter() - started < 20
    assert report.records == 6
    started = time.perf_counter()
    convert(path, tmp_path / "wide.jsonl", limits=limits)
    assert time.perf_counter() - started < 20


def test_a_row_over_the_columns_limit_is_reported_and_skipped(tmp_path: Path) -> None:
    rows = [_row(), _row(event_id_cnty="UKR2") + ["x"] * 20]
    path = tmp_path / "row.csv"
    path.write_bytes(_csv(rows))
    limits = Limits(max_columns=40)
    report = validate_source(Source.from_path(path, limits=limits))
    assert [(f.code, f.location.line) for f in report.findings] == [("L004", 3)]
    assert report.records == 6
    assert [f.code for f in validate_path(path).findings] == ["A002"]


def test_the_columns_limit_is_an_option_and_a_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(NUMERIC)
    assert main(["validate", "--isolated", "--no-progress", "--max-columns", "20", path]) == 1
    assert "L004" in capsys.readouterr().out
    assert main(["validate", "--isolated", "--max-columns", "0", path]) == 2
    capsys.readouterr()
    (tmp_path / "pyproject.toml").write_text("[tool.eventcode]\nmax-columns = 20\n", "utf-8")
    copy = tmp_path / "data.csv"
    copy.write_bytes(NUMERIC.read_bytes())
    assert (
        main(["validate", "--no-progress", "--config", str(tmp_path / "pyproject.toml"), str(copy)])
        == 1
    )
    assert "L004" in capsys.readouterr().out
    assert main(["convert", path, "-o", str(tmp_path / "o.jsonl"), "--max-columns", "20"]) == 1


def test_an_api_response_over_the_columns_limit() -> None:
    head, first = _table()
    row = dict(zip(head, first, strict=True)) | {f"x{i}": "" for i in range(50)}
    data = json.dumps({"data": [row]}).encode("utf-8")
    report = validate_source(
        Source.from_bytes(data, Format.ACLED_JSON, name="api.json", limits=Limits(max_columns=40))
    )
    assert [f.code for f in report.findings] == ["L004"]
