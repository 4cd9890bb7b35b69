"""UCDP GED CSV read into records, and written back cell for cell."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import eventcode
from eventcode import rules, ucdp
from eventcode.conversion import convert
from eventcode.io.formats import Format, format_for_path, sniff_format
from eventcode.model import CountKind, DatePrecision, PlacePrecision, VictimCategory
from tests.helpers import ROOT
from tests.test_cli import run

FIXTURE = ROOT / "fixtures" / "ucdp" / "ged-hand-made.csv"


def fixture_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(FIXTURE.read_text(encoding="utf-8"))))


def ged_text(rows: list[dict[str, str]], columns: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns or list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_the_columns_of_23_1_and_24_1_are_the_same_49() -> None:
    assert len(ucdp.GED_COLUMNS) == 49
    assert len(set(ucdp.GED_COLUMNS)) == 49
    assert ucdp.GED_VERSIONS["23.1"] == ucdp.GED_VERSIONS["24.1"] == ucdp.GED_COLUMNS
    assert ucdp.GED_COLUMNS[:3] == ("id", "relid", "year")
    assert ucdp.GED_COLUMNS[-5:] == ("best", "high", "low", "gwnoa", "gwnob")


def test_every_column_has_one_role() -> None:
    from eventcode.ucdp.columns import KEPT_COLUMNS, NUMBER_COLUMNS, RENDERED_COLUMNS

    roles = [KEPT_COLUMNS, RENDERED_COLUMNS, NUMBER_COLUMNS]
    assert sum(len(r) for r in roles) == 49
    assert set().union(*roles) == set(ucdp.GED_COLUMNS)


def test_the_fixture_round_trips_cell_for_cell() -> None:
    read = ucdp.read_ged(FIXTURE)
    assert read.findings == ()
    assert read.rows == len(read.dataset.events) == 5
    written = ucdp.dumps_ged(read.dataset)
    assert written == FIXTURE.read_text(encoding="utf-8")
    assert list(csv.DictReader(io.StringIO(written))) == fixture_rows()


def test_convert_and_the_cli_round_trip_a_ged_file(tmp_path: Path) -> None:
    out = tmp_path / "again.csv"
    done = convert(FIXTURE, out, to="ucdp-ged-csv")
    assert (done.written, done.read, done.findings) == (5, 15, ())
    assert out.read_bytes() == FIXTURE.read_bytes()
    piped = run("convert", "-", "-o", "-", "--to", "ucdp-ged-csv", stdin=FIXTURE.read_bytes())
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == FIXTURE.read_text(encoding="utf-8")
    assert convert(FIXTURE.read_bytes(), io.StringIO(), to="ucdp-ged-csv").written == 5


def test_rows_become_records_whose_ucdp_numbers_are_the_rows() -> None:
    read = ucdp.read_ged(FIXTURE)
    rows = fixture_rows()
    derived = rules.derive(read.dataset, "ucdp")
    for row, event, numbers in zip(rows, read.dataset.events, derived, strict=True):
        assert event.id == f"ucdp:{row['id']}"
        assert (numbers.ucdp.low.value, numbers.ucdp.best.value, numbers.ucdp.high.value) == (
            int(row["low"]), int(row["best"]), int(row["high"]),
        )
        [figure] = event.figures
        assert (figure.claimant, figure.quantity) == ("ucdp", "killed")
        assert figure.subject.category is VictimCategory.MIXED
        assert event.civilian_targeting is (row["type_of_violence"] == "3")
    first, _, third, *_ = read.dataset.events
    assert first.figures[0].value.kind is CountKind.RANGE
    assert (first.figures[0].value.low, first.figures[0].value.most_likely) == (9, 9)
    assert first.date.precision is DatePrecision.DAY
    assert first.place is not None
    assert (first.place.name, first.place.precision) == ("Strelsau town", PlacePrecision.PLACE)
    assert (first.place.latitude, first.place.longitude) == (10.5, 20.25)
    assert first.place.country is None  # Ruritania is in no table: the cell is kept
    assert third.date.end is not None
    assert third.date.precision is DatePrecision.MONTH
    actors = {a.id: a.name for a in read.dataset.actors}
    assert actors[third.actor2.actor if third.actor2 else ""] == "Civilians"
    assert {d.outlet for d in read.dataset.documents} == {
        "Example Wire", "Sample Daily", "Aid Agency",
    }
    ethiopia = read.dataset.events[3]
    assert ethiopia.place is not None
    assert ethiopia.place.country == "ETH"


def test_the_kept_cells_hold_what_the_records_do_not() -> None:
    read = ucdp.read_ged(FIXTURE)
    [event] = [e for e in read.dataset.events if e.id == "ucdp:900001"]
    assert event.ucdp is not None
    kept = {c.column: c.value for c in event.ucdp.cells}
    assert "priogrid_gid" not in kept  # the cell of the coordinates: the records give it back
    assert kept["conflict_new_id"] == "101"
    assert kept["date_start"] == "2023-03-01 00:00:00.000"  # the spelling; the day is the record's
    assert (kept["deaths_a"], kept["deaths_b"]) == ("3", "5")
    assert "best" not in kept  # the records give it back
    assert "side_a" not in kept


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_ged_to_the_dataset_format_and_back_is_cell_for_cell(tmp_path: Path, suffix: str) -> None:
    as_json = tmp_path / f"ged{suffix}"
    convert(FIXTURE, as_json)
    assert '"ucdp"' in as_json.read_text(encoding="utf-8")  # format 1.2 holds the kept cells
    back = tmp_path / "back.csv"
    convert(as_json, back, to="ucdp-ged-csv")
    assert back.read_text(encoding="utf-8") == FIXTURE.read_text(encoding="utf-8")


def test_kept_cells_survive_the_dataset_format_as_records() -> None:
    read = ucdp.read_ged(FIXTURE)
    again = eventcode.loads(eventcode.dumps(read.dataset))
    assert again == read.dataset
    assert all(e.ucdp is not None and e.ucdp.cells for e in again.events)


def test_a_changed_number_is_not_hidden_by_a_kept_cell() -> None:
    import attrs

    read = ucdp.read_ged(FIXTURE)
    first = read.dataset.events[0]
    later = attrs.evolve(first, date=attrs.evolve(first.date, start=first.date.start.replace(day=2),
                                                  end=None))
    dataset = attrs.evolve(read.dataset, events=(later,))
    [row] = list(csv.DictReader(io.StringIO(ucdp.dumps_ged(dataset))))
    assert (row["date_start"], row["date_end"]) == ("2023-03-02", "2023-03-02")
    assert row["conflict_new_id"] == "101"  # what the records have no field for stays


def test_a_ged_csv_is_told_by_its_header() -> None:
    head = FIXTURE.read_bytes()[:4096]
    assert format_for_path("anything.csv", head) is Format.UCDP_GED_CSV
    assert format_for_path("-", head) is Format.UCDP_GED_CSV
    assert sniff_format(head) is Format.UCDP_GED_CSV
    acled = (ROOT / "fixtures" / "acled" / "current-spreadsheet.csv").read_bytes()[:4096]
    assert format_for_path("x.csv", acled) is Format.ACLED_CSV
    assert format_for_path("x.csv") is Format.ACLED_CSV  # no content: ACLED, as before
    loaded = eventcode.load(FIXTURE)
    assert loaded.findings == ()
    assert len(loaded.dataset.events) == 5
    assert eventcode.validate_path(FIXTURE).findings == ()
    checked = run("validate", str(FIXTURE))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_extra_columns_are_kept_and_written_after_the_49(tmp_path: Path) -> None:
    rows = fixture_rows()[:2]
    for n, row in enumerate(rows):
        row["my_note"] = f"note {n}"
    path = tmp_path / "extra.csv"
    path.write_text(ged_text(rows), encoding="utf-8")
    read = ucdp.read_ged(path)
    assert read.findings == ()
    text = ucdp.dumps_ged(read.dataset)
    assert text == path.read_text(encoding="utf-8")


def test_a_subset_of_the_columns_is_read_with_one_warning(tmp_path: Path) -> None:
    columns = ["id", "date_start", "date_end", "side_a", "side_b", "type_of_violence",
               "best", "low", "high"]
    rows = [{c: r[c] for c in columns} for r in fixture_rows()]
    path = tmp_path / "subset.csv"
    path.write_text(ged_text(rows, columns), encoding="utf-8")
    read = ucdp.read_ged(path)
    [warning] = read.findings
    assert (warning.code, warning.location.line) == ("U013", 1)
    assert "lacks 40" in warning.message
    assert len(read.dataset.events) == 5
    written = list(csv.DictReader(io.StringIO(ucdp.dumps_ged(read.dataset))))
    assert [{c: r[c] for c in columns} for r in written] == rows


def test_a_best_of_zero_is_read_with_a_warning_and_not_written(tmp_path: Path) -> None:
    rows = fixture_rows()[:2]
    rows[1].update(best="0", low="0", high="0", deaths_a="0", deaths_b="0",
                   deaths_civilians="0", deaths_unknown="0")
    path = tmp_path / "zero.csv"
    path.write_text(ged_text(rows), encoding="utf-8")
    read = ucdp.read_ged(path)
    assert [(f.code, f.location.line, f.location.field) for f in read.findings] == [
        ("U014", 3, "best"),
    ]
    report = ucdp.ged_report(read.dataset)
    assert report.events == ("ucdp:900001",)
    assert [x.event for x in report.left_out] == ["ucdp:900002"]


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_line_endings_and_a_byte_order_mark(tmp_path: Path, ending: str) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    # The headline's quoted line break stays an LF; the rows end as asked.
    body = "\n".join(text.split("\n")).replace("\n", ending).replace(
        f"Villagers killed{ending}Second", "Villagers killed\nSecond"
    )
    path = tmp_path / "crlf.csv"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    read = ucdp.read_ged(path)
    assert read.findings == ()
    assert len(read.dataset.events) == 5
    assert ucdp.dumps_ged(read.dataset) == text


def test_a_coordinate_without_its_column_pair_is_not_written_alone(tmp_path: Path) -> None:
    columns = [c for c in ucdp.GED_COLUMNS if c not in ("latitude", "geom_wkt")]
    rows = [{c: r[c] for c in columns} for r in fixture_rows()]
    path = tmp_path / "no-latitude.csv"
    path.write_text(ged_text(rows, columns), encoding="utf-8")
    read = ucdp.read_ged(path)
    assert [f.code for f in read.findings] == ["U013"]
    assert all(e.place is not None and e.place.longitude is None for e in read.dataset.events)
    text = ucdp.dumps_ged(read.dataset)
    written = list(csv.DictReader(io.StringIO(text)))
    assert {(r["latitude"], r["longitude"]) for r in written} == {("", "")}
    out = tmp_path / "written.csv"
    out.write_text(text, encoding="utf-8")
    assert eventcode.validate_path(out).findings == ()
