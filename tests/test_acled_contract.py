"""The ACLED writer's contract (issue 15): what validates converts, what is written validates.

Each hand-made case of the issue, then the properties: over generated datasets (with hostile
kept cells) and over mutated ACLED rows, in both directions.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventcode
from eventcode import AcledCell, Dataset, Severity
from eventcode.acled import (
    CURRENT_COLUMNS,
    AcledOptions,
    Lookups,
    acled_report,
    dumps_acled,
    exclusion_reason,
)
from eventcode.conversion import convert
from eventcode.io.formats import Format
from eventcode.io.sources import Source
from eventcode.strategies import datasets
from eventcode.validation import validate_source

ROOT = Path(__file__).parent.parent
ACLED_FIXTURE = ROOT / "fixtures" / "acled" / "current-export-numeric.csv"

BASE: dict[str, Any] = {
    "format_version": "1.0",
    "actors": [{"id": "a1", "name": "Military Forces of Ukraine (2019-)", "inter": 1}],
    "events": [
        {
            "id": "e1",
            "date": {"start": "2022-12-31"},
            "place": {
                "name": "Makiivka",
                "country": "UKR",
                "latitude": 48.0478,
                "longitude": 37.9258,
                "precision": "place",
            },
            "acled": {
                "disorder_type": "Political violence",
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Shelling/artillery/missile attack",
            },
            "actor1": {"actor": "a1"},
        }
    ],
}


def _dataset(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(BASE))
    event = data["events"][0]
    for key, value in changes.items():
        if key == "cells":
            event["acled"]["cells"] = value
        elif value is None:
            event["place"].pop(key, None)
        else:
            event[key] = value
    return data


def _errors(report: eventcode.findings.Report) -> list[tuple[str, str | None]]:
    return [(f.code, f.location.path) for f in report.findings if f.severity is Severity.ERROR]


def _csv_report(text: str) -> eventcode.findings.Report:
    return validate_source(Source.from_bytes(text.encode("utf-8"), Format.ACLED_CSV, name="o"))


def _convert(data: dict[str, Any], **options: Any) -> tuple[str, Any]:
    out = io.StringIO()
    done = convert(
        json.dumps(data).encode("utf-8"),
        out,
        to="acled-csv",
        options=AcledOptions(**options),
        name="in.json",
    )
    return out.getvalue(), done


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=ROOT, check=False
    )


# ---------------------------------------------------------------------------- item 1


def test_one_coordinate_is_left_out_with_its_reason_not_a_crash() -> None:
    text, done = _convert(_dataset(longitude=None))
    assert [(x.event, x.reason) for x in done.left_out] == [("e1", "only one coordinate")]
    assert "A020" in {f.code for f in done.findings}
    assert text.count("\n") == 1  # the header alone


def test_one_coordinate_under_python_O_never_writes_None(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(_dataset(longitude=None)), encoding="utf-8")
    out = tmp_path / "out.csv"
    done = _run("-O", "-m", "eventcode", "convert", str(source), "-o", str(out))
    assert done.returncode == 1, done.stderr
    assert "internal error" not in done.stderr
    assert "None" not in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- item 2


@pytest.mark.parametrize(
    ("changes", "code", "path"),
    [
        ({"date": {"start": "1899-12-31"}}, "A004", "$.events[0].date"),
        (
            {"cells": [{"column": "region", "value": ""}]},
            "A003",
            "$.events[0].acled.cells[0].value",
        ),
        (
            {"cells": [{"column": "timestamp", "value": '=HYPERLINK("http://x")'}]},
            "A016",
            "$.events[0].acled.cells[0].value",
        ),
    ],
)
def test_what_acled_cannot_hold_is_found_at_validate_and_never_written(
    changes: dict[str, Any], code: str, path: str
) -> None:
    data = _dataset(**changes)
    dataset = eventcode.loads(json.dumps(data))
    assert _errors(eventcode.validate(dataset)) == [(code, path)]
    text, done = _convert(data, neutralise_formulas=True)
    assert done.written == 0
    assert f"would not validate: {code}" in done.left_out[0].reason
    assert _errors(_csv_report(text)) == []


def test_a_kept_year_in_other_digits_gives_way_to_the_record() -> None:
    """The year is not the record's in ASCII digits: the record's year is written, valid."""
    data = _dataset(cells=[{"column": "year", "value": "\u0662\u0660\u0662\u0662"}])
    assert _errors(eventcode.validate(eventcode.loads(json.dumps(data)))) == []
    text, done = _convert(data)
    assert done.written == 1
    assert _errors(_csv_report(text)) == []
    (row,) = csv.DictReader(io.StringIO(text, newline=""))
    assert row["year"] == "2022"


def test_a_date_before_1900_is_found_on_an_event_acled_leaves_out_too() -> None:
    data = _dataset(date={"start": "1899-12-31"}, latitude=None, longitude=None)
    report = eventcode.validate(eventcode.loads(json.dumps(data)))
    assert _errors(report) == [("A004", "$.events[0].date")]


def test_a_trailing_empty_column_keeps_no_unnamed_cell(tmp_path: Path) -> None:
    lines = ACLED_FIXTURE.read_text(encoding="utf-8").splitlines()
    source = tmp_path / "trailing.csv"
    source.write_text("".join(line + ",\n" for line in lines[:3]), encoding="utf-8")
    out = io.StringIO()
    convert(source, out, to="json")
    written = eventcode.loads(out.getvalue())
    assert _errors(eventcode.validate(written)) == []
    assert all(c.column for e in written.events if e.acled for c in e.acled.cells)


# ---------------------------------------------------------------------------- item 3


def test_a_bare_cr_in_notes_is_quoted_and_cannot_start_a_row() -> None:
    text, done = _convert(_dataset(notes="Shelling\r=2+5"), neutralise_formulas=True)
    assert done.written == 1
    assert '"Shelling\r=2+5' in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 2
    assert rows[1][CURRENT_COLUMNS.index("notes")].startswith("Shelling\r=2+5")
    assert _errors(_csv_report(text)) == []


@pytest.mark.parametrize("cell", ["a\rb", "a\nb", "a\r\nb", 'say "x"', "a,b", "\r", ""])
def test_quoting_follows_rfc_4180(cell: str) -> None:
    from eventcode.acled.writer import _csv_line

    line = _csv_line(["x", cell])
    assert list(csv.reader(io.StringIO(line, newline=""))) == [["x", cell]]
    assert (cell == "" or not any(c in cell for c in ',"\r\n')) == ('"' not in line)


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("-2+3", "'-2+3"),
        ("\n=1", "'\n=1"),
        ("-73.5", "-73.5"),
        ("+45", "+45"),
        ("-1e5", "-1e5"),
        ("-inf", "'-inf"),
        ("12", "12"),
    ],
)
def test_neutralising_covers_every_cell_alike(cell: str, safe: str) -> None:
    from eventcode.acled.writer import _neutralise

    assert _neutralise(cell) == safe


# ---------------------------------------------------------------------------- item 11


def test_an_acled_event_left_out_is_a_finding_and_exit_1(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(_dataset(latitude=None, longitude=None)), encoding="utf-8")
    out = tmp_path / "out.csv"
    done = _run("-m", "eventcode", "convert", str(source), "-o", str(out))
    assert done.returncode == 1, done.stderr
    assert "A020" in done.stderr
    assert "no coordinates" in done.stderr
    partial = _run("-m", "eventcode", "convert", str(source), "-o", str(out), "--allow-partial")
    assert partial.returncode == 0, partial.stderr
    assert "A020" in partial.stderr  # still said


def test_cameo_only_events_left_out_stay_exit_0(tmp_path: Path) -> None:
    data = _dataset()
    del data["events"][0]["acled"]
    data["events"][0]["cameo"] = "194"
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    done = _run("-m", "eventcode", "convert", str(source), "-o", str(tmp_path / "o.csv"))
    assert done.returncode == 0, done.stderr
    assert "left out event e1: no ACLED classification" in done.stderr


def test_library_write_refuses_to_leave_an_acled_event_out(tmp_path: Path) -> None:
    dataset = eventcode.loads(json.dumps(_dataset(latitude=None, longitude=None)))
    target = tmp_path / "out.csv"
    with pytest.raises(eventcode.EventsLeftOutError, match="no coordinates") as caught:
        eventcode.write(dataset, target)
    assert [x.event for x in caught.value.left_out] == ["e1"]
    assert not target.exists()
    with pytest.warns(eventcode.EventsLeftOutWarning):
        eventcode.write(dataset, target, allow_partial=True)
    assert target.read_text(encoding="utf-8").count("\n") == 1


# ---------------------------------------------------------------------------- properties

#: Cell values a careless user or an attacker puts in kept cells.
HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "+5",
    "08",
    "\u0668",
    "\u0662\u0660\u0662\u0662",
    "1_0",
    "2022\n",
    "1e3",
    "nan",
    "91",
    '=HYPERLINK("x")',
    "@SUM(A1)",
    "a\rb",
    "Europe",
    "Africa",
    "Ukraine",
    "804",
    "1899",
    "2022",
    "31 December 2022",
    "1899-12-31",
    "Civilian targeting",
    "18",
    "1",
    "State forces",
    "x; y",
]

_CELLS = st.lists(
    st.builds(
        AcledCell,
        column=st.sampled_from([*CURRENT_COLUMNS, "population_best"]),
        value=st.sampled_from(HOSTILE) | st.text(max_size=6),
    ),
    max_size=3,
).map(tuple)


@st.composite
def with_kept_cells(
    draw: st.DrawFn,
    cells: st.SearchStrategy[tuple[AcledCell, ...]] = _CELLS,
    max_events: int = 4,
) -> Dataset:
    """A valid dataset whose ACLED events may keep ``cells`` as written."""
    dataset = draw(datasets(max_events=max_events))
    events = []
    for event in dataset.events:
        if event.acled is not None and draw(st.booleans()):
            event = attrs.evolve(event, acled=attrs.evolve(event.acled, cells=draw(cells)))
        events.append(event)
    return attrs.evolve(dataset, events=tuple(events))


def _keys(report: eventcode.findings.Report, severity: Severity) -> set[tuple[str, str | None]]:
    return {(f.code, f.location.event) for f in report.findings if f.severity is severity}


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(with_kept_cells(), st.booleans())
def test_what_validates_converts_and_what_is_written_validates(
    dataset: Dataset, neutralise: bool
) -> None:
    before = eventcode.validate(dataset)
    options = AcledOptions(neutralise_formulas=neutralise)
    text, report = dumps_acled(dataset, options), acled_report(dataset, options)
    after = _csv_report(text)
    assert _errors(after) == []  # whatever eventcode writes validates
    lookups = Lookups.of(dataset)
    invalid = {f.location.event for f in before.findings if f.severity is Severity.ERROR}
    for left in report.left_out:
        if "would not validate" in left.reason:
            assert left.event in invalid  # whatever validates converts
    if not invalid:
        written = [e for e in dataset.events if exclusion_reason(e, lookups) is None]
        assert report.rows == len(written)
        # warnings the ACLED rows give that the dataset checks leave to the file (docs/acled.md)
        added = {code for code, _ in _keys(after, Severity.WARNING)} - {
            code for code, _ in _keys(before, Severity.WARNING)
        }
        assert added <= {"A008", "C023", "R009", "R010"}


_ROWS = list(csv.reader(io.StringIO(ACLED_FIXTURE.read_text(encoding="utf-8"), newline="")))


@st.composite
def _mutated_rows(draw: st.DrawFn) -> str:
    header, *rows = _ROWS
    chosen = draw(st.lists(st.sampled_from(rows), min_size=1, max_size=4))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in chosen:
        row = list(row)
        for _ in range(draw(st.integers(0, 3))):
            column = draw(st.integers(0, len(row) - 1))
            row[column] = draw(st.sampled_from(HOSTILE) | st.text(max_size=6))
        writer.writerow(row)
    return out.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(_mutated_rows())
def test_mutated_acled_rows_convert_to_a_file_with_the_same_findings(text: str) -> None:
    before = _csv_report(text)
    out = io.StringIO()
    done = convert(text.encode("utf-8"), out, to="acled-csv", name="in.csv")
    after = _csv_report(out.getvalue())
    assert _errors(after) == []
    assert [x for x in done.left_out if x.classified] == []  # every row read is written
    # the rows with errors are not converted; the others keep their warnings, and add none
    bad = {event for _, event in _keys(before, Severity.ERROR)}
    # An id on two rows names two rows: one may be written with its warnings, the other not.
    ids = [row[0] for row in list(csv.reader(io.StringIO(text, newline="")))[1:] if row]
    twice = {i for i in ids if ids.count(i) > 1}
    bad -= twice | {f"acled:{i}" for i in twice}
    kept = {(code, event) for code, event in _keys(before, Severity.WARNING) if event not in bad}
    # A row without an id (A024) is read as acled:line-N and written with an assigned id.
    kept = {(code, _assigned(event)) for code, event in kept}
    written = {(code, _assigned(event)) for code, event in _keys(after, Severity.WARNING)}
    assert written <= kept | {("R010", e) for _, e in kept}


def _assigned(event: str | None) -> str | None:
    """Name alike the event of a row without an id and the event written with an assigned one."""
    if event is not None and re.fullmatch(r"acled:(line-[0-9]+|[A-Z]{3}9[0-9]{8})", event):
        return "an assigned id"
    return event


def test_a_coding_date_before_1970_gives_no_negative_timestamp() -> None:
    import datetime

    import attrs

    from eventcode.acled import dumps_acled
    from tests.helpers import MAKIIVKA

    dataset = eventcode.read(MAKIIVKA)
    strike = dataset.events[0]
    old = attrs.evolve(
        strike, coded_by=eventcode.Coding(coder="x", coded_on=datetime.date(1969, 12, 31))
    )
    dated = attrs.evolve(dataset, events=(old, *dataset.events[1:]))
    assert not eventcode.validate(dated).has_errors
    text = dumps_acled(dated)
    assert text.splitlines()[1].endswith(",")  # the timestamp cell is blank, never -86400
