"""eventcode.frames: Arrow tables, data frames, Parquet folders, validate_frame, notebooks."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings

import eventcode
from eventcode import acled, frames
from eventcode.acled.layouts import CURRENT_COLUMNS
from eventcode.cli import main
from eventcode.errors import MissingExtraError
from eventcode.frames._tables import SCHEMAS, record_json
from eventcode.io.atomic import OutputRefusedError
from eventcode.strategies import datasets
from tests.helpers import MAKIIVKA, ROOT

ACLED_FIXTURES = sorted((ROOT / "fixtures" / "acled").glob("*.csv"))


@pytest.fixture(scope="module")
def makiivka() -> eventcode.Dataset:
    return eventcode.read(MAKIIVKA)


# ---------------------------------------------------------------------------------------------
# Arrow tables


def test_to_arrow_gives_every_table_with_its_schema(makiivka: eventcode.Dataset) -> None:
    tables = frames.to_arrow(makiivka)
    assert tuple(tables) == frames.TABLES
    for name, table in tables.items():
        assert isinstance(table, pa.Table)
        assert table.schema.names == [column for column, _ in SCHEMAS[name]]
        assert table.schema.metadata[b"eventcode.policy"] == b"eventcode"
        assert table.schema.metadata[b"eventcode.table"] == name.encode()
    assert tables["events"].num_rows == len(makiivka.events)
    assert tables["figures"].num_rows == sum(len(e.figures) for e in makiivka.events)
    assert tables["actors"].column("id").to_pylist() == [a.id for a in makiivka.actors]
    assert tables["claimants"].column("kind").to_pylist() == [
        c.kind.value for c in makiivka.claimants
    ]
    assert tables["documents"].column("published").to_pylist() == [
        d.published for d in makiivka.documents
    ]


def _typed(text: str, kind: pa.DataType) -> Any:
    if pa.types.is_string(kind):
        return text
    if not text:
        return None
    if pa.types.is_integer(kind):
        return int(text)
    if pa.types.is_floating(kind):
        return float(text)
    return date.fromisoformat(text)


def test_acled_columns_are_the_acled_writers_cells(makiivka: eventcode.Dataset) -> None:
    options = acled.AcledOptions(dates=acled.DateStyle.ISO)
    written = list(csv.DictReader(io.StringIO(acled.dumps_acled(makiivka, options))))
    events = frames.to_arrow(makiivka)["events"]
    rows = [row for row in events.to_pylist() if row["acled_left_out"] is None]
    assert len(rows) == len(written) == 1
    for row, cells in zip(rows, written, strict=True):
        for column in CURRENT_COLUMNS:
            kind = events.schema.field(column).type
            assert row[column] == _typed(cells[column], kind), column
    left = [row for row in events.to_pylist() if row["acled_left_out"] is not None]
    assert {row["acled_left_out"] for row in left} == {
        "no ACLED classification (a CAMEO-only event)"
    }
    assert all(row[c] is None for row in left for c in CURRENT_COLUMNS)


@pytest.mark.parametrize("policy", ["eventcode", "ucdp"])
def test_derived_numbers_follow_the_named_policy(
    makiivka: eventcode.Dataset, policy: str
) -> None:
    events = frames.to_arrow(makiivka, policy)["events"].to_pylist()
    for row, derived in zip(events, eventcode.derive(makiivka, policy), strict=True):
        assert row["id"] == derived.event
        assert row["acled_fatalities"] == derived.acled_fatalities.value
        assert (row["ucdp_best"], row["ucdp_low"], row["ucdp_high"]) == (
            derived.ucdp.best.value,
            derived.ucdp.low.value,
            derived.ucdp.high.value,
        )
        if row["acled_left_out"] is None:
            assert row["fatalities"] == row["acled_fatalities"]


def test_figures_table_has_a_row_per_figure(makiivka: eventcode.Dataset) -> None:
    rows = frames.to_arrow(makiivka)["figures"].to_pylist()
    figures = [(e, f) for e in makiivka.events for f in e.figures]
    assert [(r["event"], r["id"]) for r in rows] == [(e.id, f.id) for e, f in figures]
    first = rows[0]
    _, figure = figures[0]
    assert first["quantity"] == figure.quantity
    assert first["kind"] == figure.value.kind.value
    assert first["phrase"] == figure.value.phrase
    assert (first["low"], first["high"]) == (figure.value.low, figure.value.high)
    assert first["basis"] == figure.basis.value
    assert first["claimant"] == figure.claimant
    assert first["stated_on_start"] == figure.stated_on
    assert first["scope"] == figure.scope.value
    assert first["status"] == figure.status.value
    assert first["revised_by"] == figure.revised_by
    assert first["subject_actor"] == figure.subject.actor


def test_record_column_holds_the_records_canonical_json(makiivka: eventcode.Dataset) -> None:
    tables = frames.to_arrow(makiivka)
    assert tables["events"].column("record").to_pylist() == [
        record_json(e) for e in makiivka.events
    ]
    jsonl = eventcode.dumps(makiivka, format="jsonl").splitlines()[1:]
    records = [
        json.dumps({k: v for k, v in json.loads(line).items() if k != "record"},
                   ensure_ascii=False, separators=(",", ":"))
        for line in jsonl
    ]
    in_tables = [
        text
        for name in ("documents", "actors", "claimants", "events")
        for text in tables[name].column("record").to_pylist()
    ]
    assert in_tables == records
    assert "figures" not in {n for n, t in tables.items() if "record" in t.schema.names}


def test_pandas_and_polars_get_the_same_tables(makiivka: eventcode.Dataset) -> None:
    tables = frames.to_arrow(makiivka)
    pandas_frames = frames.to_pandas(makiivka)
    polars_frames = frames.to_polars(makiivka)
    for name, table in tables.items():
        assert isinstance(pandas_frames[name], pd.DataFrame)
        assert isinstance(polars_frames[name], pl.DataFrame)
        assert list(pandas_frames[name].columns) == table.schema.names
        assert polars_frames[name].to_arrow().to_pylist() == table.to_pylist()
    events = pandas_frames["events"]
    assert str(events["fatalities"].dtype) == "Int64"  # nulls for left-out events, not floats
    assert events["fatalities"].isna().sum() == len(makiivka.events) - 1
    assert str(pandas_frames["figures"]["strict"].dtype) == "boolean"


def test_an_empty_dataset_gives_empty_typed_tables() -> None:
    tables = frames.to_arrow(eventcode.Dataset())
    assert all(t.num_rows == 0 for t in tables.values())
    assert tables["events"].schema.field("ucdp_best").type == pa.int64()


def test_an_unknown_policy_is_refused(makiivka: eventcode.Dataset) -> None:
    with pytest.raises(eventcode.UnknownPolicyError):
        frames.to_arrow(makiivka, "no-such-policy")


# ---------------------------------------------------------------------------------------------
# Parquet folders


def test_parquet_folder_reads_back_byte_for_byte(
    makiivka: eventcode.Dataset, tmp_path: Path
) -> None:
    folder = tmp_path / "makiivka.parquet"
    frames.write_parquet(makiivka, folder, "ucdp")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*(f"{name}.parquet" for name in frames.TABLES), frames.MANIFEST]
    )
    manifest = json.loads((folder / frames.MANIFEST).read_text(encoding="utf-8"))
    assert manifest == {
        "format": "eventcode-parquet",
        "version": 1,
        "format_version": makiivka.format_version,
        "policy": "ucdp",
        "tables": {
            name: {"file": f"{name}.parquet", "rows": table.num_rows}
            for name, table in frames.to_arrow(makiivka).items()
        },
    }
    assert pq.read_table(folder / "events.parquet").equals(
        frames.to_arrow(makiivka, "ucdp")["events"]
    )
    back = eventcode.read(folder)
    assert back == makiivka
    assert eventcode.dumps(back) == MAKIIVKA.read_text(encoding="utf-8")
    loaded = eventcode.load(str(folder))
    assert loaded.findings == ()
    report = eventcode.validate_path(folder)
    assert report.records == 28
    in_memory = eventcode.validate(makiivka).findings
    assert report.findings == tuple(f.at(file=str(folder)) for f in in_memory)


def test_write_and_convert_write_parquet_folders(
    makiivka: eventcode.Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    eventcode.write(makiivka, tmp_path / "w.parquet")
    assert eventcode.read(tmp_path / "w.parquet") == makiivka
    out = tmp_path / "c.parquet"
    assert main(["convert", str(MAKIIVKA), "-o", str(out), "--policy", "acled"]) == 0
    assert "wrote 28 record(s)" in capsys.readouterr().err
    assert json.loads((out / "manifest.json").read_text("utf-8"))["policy"] == "acled"
    back = tmp_path / "back.json"
    assert main(["convert", str(out), "-o", str(back)]) == 0
    assert back.read_bytes() == MAKIIVKA.read_bytes()
    assert main(["convert", str(out), "-o", str(tmp_path / "back.csv")]) == 0
    acled_csv = ROOT / "fixtures" / "makiivka-2023" / "acled.csv"
    assert (tmp_path / "back.csv").read_bytes() == acled_csv.read_bytes()
    # an earlier output is replaced; the folder comes from the extension or --to
    assert main(["convert", str(MAKIIVKA), "-o", str(out)]) == 0
    assert json.loads((out / "manifest.json").read_text("utf-8"))["policy"] == "eventcode"
    assert main(["convert", str(MAKIIVKA), "-o", str(tmp_path / "named"), "--to", "parquet"]) == 0
    assert (tmp_path / "named" / "manifest.json").is_file()


def test_parquet_is_not_written_to_a_stream(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(MAKIIVKA), "-o", "-", "--to", "parquet"]) == 2
    assert "not a stream" in capsys.readouterr().err


def test_what_is_not_an_earlier_output_is_never_replaced(
    makiivka: eventcode.Dataset, tmp_path: Path
) -> None:
    mine = tmp_path / "mine.parquet"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputRefusedError):
        frames.write_parquet(makiivka, mine)
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    a_file = tmp_path / "file.parquet"
    a_file.write_bytes(b"PAR1")
    with pytest.raises(OutputRefusedError):
        frames.write_parquet(makiivka, a_file)
    assert a_file.read_bytes() == b"PAR1"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_parquet_file_or_foreign_folder_is_no_dataset(tmp_path: Path) -> None:
    single = tmp_path / "one.parquet"
    pq.write_table(pa.table({"a": [1]}), single)
    with pytest.raises(eventcode.UnknownFormatError, match="Parquet folders"):
        eventcode.load(single)
    foreign = tmp_path / "foreign.parquet"
    foreign.mkdir()
    with pytest.raises(eventcode.UnknownFormatError, match=r"manifest\.json"):
        eventcode.load(foreign)
    with pytest.raises(FileNotFoundError):
        eventcode.load(tmp_path / "missing.parquet")


def _rewrite(folder: Path, name: str, change: Any) -> None:
    table = pq.read_table(folder / f"{name}.parquet")
    pq.write_table(change(table), folder / f"{name}.parquet")


def test_a_broken_record_is_reported_with_its_path(
    makiivka: eventcode.Dataset, tmp_path: Path
) -> None:
    folder = tmp_path / "broken.parquet"
    frames.write_parquet(makiivka, folder)
    events = pq.read_table(folder / "events.parquet")
    records = events.column("record").to_pylist()
    first = json.loads(records[0])
    first["figures"][0]["basis"] = "alleged"
    records[0] = json.dumps(first)
    records[1] = "{not json"
    index = events.schema.get_field_index("record")
    _rewrite(folder, "events", lambda t: t.set_column(index, "record", pa.array(records)))
    loaded = eventcode.load(folder)
    codes = {(f.code, f.location.path) for f in loaded.findings}
    assert ("S103", "$.events[0].figures[0].basis") in codes
    assert ("S001", "$.events[1]") in codes
    assert all(f.location.file == str(folder) for f in loaded.findings)
    assert [e.id for e in loaded.dataset.events] == [e.id for e in makiivka.events[2:]]
    with pytest.raises(eventcode.DatasetError):
        eventcode.read(folder)


def test_a_missing_table_or_column_is_reported(
    makiivka: eventcode.Dataset, tmp_path: Path
) -> None:
    folder = tmp_path / "partial.parquet"
    frames.write_parquet(makiivka, folder)
    (folder / "documents.parquet").unlink()
    _rewrite(folder, "actors", lambda t: t.drop_columns(["record"]))
    (folder / "claimants.parquet").write_bytes(b"not parquet")
    found = {(f.code, f.location.path) for f in eventcode.load(folder).findings}
    assert {("S006", "$.documents"), ("S006", "$.actors"), ("S006", "$.claimants")} <= found


@pytest.mark.parametrize(
    ("manifest", "code"),
    [
        ("{", "S001"),
        ('{"format": "something-else"}', "S006"),
        ('{"format": "eventcode-parquet", "version": 2, "format_version": "1.1"}', "S004"),
        ('{"format": "eventcode-parquet", "version": 1, "format_version": "9.0"}', "S004"),
        ('{"format": "eventcode-parquet", "version": 1, "format_version": "1.99"}', "S005"),
    ],
)
def test_the_manifest_is_checked(
    makiivka: eventcode.Dataset, tmp_path: Path, manifest: str, code: str
) -> None:
    folder = tmp_path / "m.parquet"
    frames.write_parquet(makiivka, folder)
    (folder / "manifest.json").write_text(manifest, encoding="utf-8")
    assert code in {f.code for f in eventcode.load(folder).findings}


def test_validate_walks_a_parquet_folder_as_one_input(
    makiivka: eventcode.Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "data").mkdir()
    frames.write_parquet(makiivka, tmp_path / "data" / "m.parquet")
    assert main(["validate", str(tmp_path / "data")]) == 0
    said = capsys.readouterr().out
    assert "1 file(s), 28 record(s)" in said
    assert "manifest.json" not in said
    assert main(["validate", str(tmp_path / "data" / "m.parquet")]) == 0


@given(datasets(max_events=3))
@settings(max_examples=25)
def test_generated_datasets_survive_parquet_and_arrow(dataset: eventcode.Dataset) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "d.parquet"
        frames.write_parquet(dataset, folder)
        back = eventcode.read(folder)
    assert back == dataset
    assert eventcode.dumps(back) == eventcode.dumps(dataset)
    tables = frames.to_arrow(dataset)
    assert tables["events"].num_rows == len(dataset.events)
    assert tables["figures"].num_rows == sum(len(e.figures) for e in dataset.events)
    rebuilt = eventcode.loads(
        json.dumps(
            {
                "format_version": dataset.format_version,
                **{
                    name: [json.loads(t) for t in tables[name].column("record").to_pylist()]
                    for name in ("documents", "actors", "claimants", "events")
                },
            }
        )
    )
    assert rebuilt == dataset


# ---------------------------------------------------------------------------------------------
# validate_frame


def _row_of_line(path: Path) -> dict[int, int]:
    """Return the data row (as pandas counts them, from 0) that starts on each line."""
    text = path.read_text(encoding="utf-8-sig")
    lines = iter(text.splitlines(keepends=True))
    read = 0

    def counted() -> Any:
        nonlocal read
        for line in lines:
            read += 1
            yield line

    reader = csv.reader(counted())
    starts = []
    while True:
        at = read + 1
        record = next(reader, None)
        if record is None:
            break
        if record and record != [""]:
            starts.append(at)
    return {line: row for row, line in enumerate(starts[1:])}


def _csv_keys(path: Path) -> tuple[Counter[tuple[Any, ...]], int]:
    rows = _row_of_line(path)
    report = eventcode.validate_path(path)
    keys = Counter(
        (f.code, rows.get(f.location.line or 0), f.location.field) for f in report.findings
    )
    return keys, report.records


def _frame_keys(report: eventcode.Report) -> Counter[tuple[Any, ...]]:
    keys: Counter[tuple[Any, ...]] = Counter()
    for f in report.findings:
        path = f.location.path
        keys[(f.code, None if path is None else int(path[2:-1]), f.location.field)] += 1
    return keys


def _without_row(keys: Counter[tuple[Any, ...]], row: int) -> Counter[tuple[Any, ...]]:
    return Counter({k: n for k, n in keys.items() if k[1] != row})


#: Rows a frame cannot hold as the file has them: a row of the wrong width (A002), which
#: pandas and polars fill with blanks.
UNEVEN = {"defects.csv": 19}


@pytest.mark.parametrize("path", ACLED_FIXTURES, ids=[p.name for p in ACLED_FIXTURES])
@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_a_frame_read_as_text_gets_the_findings_of_its_csv(path: Path, library: str) -> None:
    if library == "pandas":
        frame: Any = pd.read_csv(path, dtype=str, keep_default_na=False)
    else:
        frame = pl.read_csv(path, infer_schema=False)
    expected, records = _csv_keys(path)
    report = frames.validate_frame(frame)
    found = _frame_keys(report)
    if path.name in UNEVEN:
        row = UNEVEN[path.name]
        assert expected[("A002", row, None)] == 1
        expected, found = _without_row(expected, row), _without_row(found, row)
    assert found == expected
    assert report.records == records


@pytest.mark.parametrize("path", ACLED_FIXTURES, ids=[p.name for p in ACLED_FIXTURES])
def test_a_frame_read_with_pandas_defaults(path: Path) -> None:
    frame = pd.read_csv(path)
    expected, records = _csv_keys(path)
    report = frames.validate_frame(frame)
    found = _frame_keys(report)
    if path.name in UNEVEN:
        expected, found = _without_row(expected, UNEVEN[path.name]), _without_row(
            found, UNEVEN[path.name]
        )
    # pandas reads NA tokens itself (NaN: a blank, no A021) and may make integer columns
    # with blanks floats (7.0: one A022 for the frame); everything else is the CSV's.
    conventions = {"A021", "A022"}
    assert Counter({k: n for k, n in found.items() if k[0] not in conventions}) == Counter(
        {k: n for k, n in expected.items() if k[0] not in conventions}
    )
    assert sum(n for k, n in found.items() if k[0] == "A022") <= 1
    assert report.records == records


def test_pandas_floats_give_one_finding_for_the_frame() -> None:
    path = ROOT / "fixtures" / "acled" / "pandas-floats.csv"
    from_csv = [f for f in eventcode.validate_path(path).findings if f.code == "A022"]
    from_frame = [f for f in frames.validate_frame(pd.read_csv(path)).findings if f.code == "A022"]
    assert len(from_csv) == len(from_frame) == 1
    assert from_frame[0].location.path == "$[0]"
    assert from_frame[0].location.field == "inter1"


def test_findings_name_the_row_and_the_frame() -> None:
    path = ROOT / "fixtures" / "acled" / "defects.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    report = frames.validate_frame(frame, name="defects")
    assert report.files == ("defects",)
    assert all(f.location.file == "defects" and f.location.line is None for f in report.findings)
    [battle] = [f for f in report.findings if f.code == "C010"]
    row = int(battle.location.path[2:-1])
    assert frame.iloc[row]["event_type"] == "Battle"
    assert battle.location.field == "event_type"
    header = frames.validate_frame(frame[["latitude", "longitude", "event_type"]])
    assert [(f.code, f.location.path) for f in header.findings][:1] == [("A001", None)]


def test_select_and_ignore_work_as_for_files() -> None:
    path = ROOT / "fixtures" / "acled" / "defects.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    only = frames.validate_frame(frame, select=["C01"])
    assert {f.code for f in only.findings} == {"C010", "C011", "C012", "C013", "C014"}
    every = {f.code for f in frames.validate_frame(frame, ignore=["C"]).findings}
    assert every
    assert not any(code.startswith("C") for code in every)


def test_cells_pandas_and_polars_type_are_read_as_text() -> None:
    path = ROOT / "fixtures" / "acled" / "current-export-numeric.csv"
    frame = pd.read_csv(path)
    frame["event_date"] = pd.to_datetime(frame["event_date"], format="%d %B %Y")
    assert frames.validate_frame(frame).findings == ()
    typed = pl.read_csv(path).with_columns(
        pl.col("event_date").str.strptime(pl.Date, "%d %B %Y")
    )
    assert frames.validate_frame(typed).findings == ()


def test_validate_frame_takes_frames_and_known_layouts() -> None:
    with pytest.raises(TypeError, match="pandas or polars DataFrame"):
        frames.validate_frame([{"event_date": "2024-01-01"}])
    with pytest.raises(ValueError, match="unknown layout"):
        frames.validate_frame(pd.DataFrame(), layout="ucdp")


# ---------------------------------------------------------------------------------------------
# Reports as frames, notebooks


def test_report_to_frame() -> None:
    report = eventcode.validate_path(ROOT / "fixtures" / "acled" / "defects.csv")
    frame = report.to_frame()
    assert list(frame.columns) == [
        "code", "severity", "message", "file", "line", "path", "event", "field"
    ]
    assert len(frame) == len(report.findings)
    assert frame["code"].tolist() == [f.code for f in report.findings]
    assert frame["line"].tolist() == [f.location.line for f in report.findings]
    assert str(frame["line"].dtype) == "Int64"
    assert frame.iloc[0]["severity"] == report.findings[0].severity.value
    assert list(eventcode.Report().to_frame().columns) == list(frame.columns)


def _hostile(makiivka: eventcode.Dataset) -> eventcode.Dataset:
    event = makiivka.events[0]
    assert event.place is not None
    assert event.acled is not None
    hostile = attrs.evolve(
        event,
        place=attrs.evolve(event.place, name="<script>alert(1)</script>"),
        acled=attrs.evolve(event.acled, sub_event_type="<b>&"),
    )
    return attrs.evolve(makiivka, events=(hostile, *makiivka.events[1:]))


def test_notebooks_show_datasets_and_reports_escaped(makiivka: eventcode.Dataset) -> None:
    shown = _hostile(makiivka)._repr_html_()
    assert "<script>" not in shown
    assert "<b>" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "&lt;b&gt;&amp;" in shown
    assert "12 events, 12 figures" in shown
    assert shown.count("<tr>") == 1 + 10  # the head and the first ten events
    assert "and 2 more events" in shown
    finding = eventcode.Finding(
        code="S103",
        severity=eventcode.Severity.ERROR,
        message="bad value '<script>x</script>'",
        location=eventcode.Location(file="<stdin>", line=3, path="$.events[0]"),
    )
    report = eventcode.Report(findings=(finding,) * 12, records=1, files=("<stdin>",))
    html = report._repr_html_()
    assert "<script>" not in html
    assert "<stdin>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "&lt;stdin&gt;:3 $.events[0]" in html
    assert "and 2 more findings" in html
    assert "12 error(s)" in html
    assert "<table>" not in eventcode.Report()._repr_html_()


# ---------------------------------------------------------------------------------------------
# Without the extras


BLOCKED = ("pyarrow", "pyarrow.parquet", "pandas", "polars")


def test_import_needs_no_extra_and_calls_name_the_one_to_install() -> None:
    code = (
        "import sys\n"
        f"for name in {BLOCKED!r}: sys.modules[name] = None\n"
        "import eventcode, eventcode.frames\n"
        "d = eventcode.Dataset()\n"
        "for call in (eventcode.frames.to_arrow, eventcode.frames.to_pandas,\n"
        "             eventcode.frames.to_polars, lambda d: eventcode.Report().to_frame()):\n"
        "    try:\n"
        "        call(d)\n"
        "    except ModuleNotFoundError as error:\n"
        "        print(error)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "eventcode.frames.to_arrow needs pyarrow: pip install 'eventcode[arrow]'",
        "eventcode.frames.to_pandas needs pandas: pip install 'eventcode[pandas]'",
        "eventcode.frames.to_polars needs polars: pip install 'eventcode[polars]'",
        "Report.to_frame needs pandas: pip install 'eventcode[pandas]'",
    ]


@pytest.fixture
def no_extras(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in BLOCKED:
        monkeypatch.setitem(sys.modules, name, None)


@pytest.mark.usefixtures("no_extras")
def test_parquet_without_pyarrow_names_the_arrow_extra(
    makiivka: eventcode.Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(MissingExtraError, match=r"pip install 'eventcode\[arrow\]'") as raised:
        frames.write_parquet(makiivka, tmp_path / "x.parquet")
    assert isinstance(raised.value, ModuleNotFoundError)
    assert not (tmp_path / "x.parquet").exists()
    (tmp_path / "y.parquet").mkdir()
    (tmp_path / "y.parquet" / "manifest.json").write_text("{}", encoding="utf-8")
    with pytest.raises(MissingExtraError, match=r"eventcode\[arrow\]"):
        eventcode.read(tmp_path / "y.parquet")
    assert main(["convert", str(MAKIIVKA), "-o", str(tmp_path / "z.parquet")]) == 2
    assert "pip install 'eventcode[arrow]'" in capsys.readouterr().err
    with pytest.raises(MissingExtraError, match=r"eventcode\[pandas\]"):
        frames.to_pandas(makiivka)


# ---------------------------------------------------------------------------------------------
# docs/frames.md


FRAMES_DOC = ROOT / "docs" / "frames.md"


def _python_blocks() -> list[tuple[int, str]]:
    lines = FRAMES_DOC.read_text(encoding="utf-8").splitlines()
    blocks = []
    at = 0
    while at < len(lines):
        if lines[at] == "```python":
            end = lines.index("```", at + 1)
            blocks.append((at + 2, "\n".join(lines[at + 1 : end]) + "\n"))
            at = end
        at += 1
    return blocks


@pytest.mark.parametrize(("line", "code"), _python_blocks(), ids=lambda v: str(v)[:12])
def test_frames_doc_examples_run(line: int, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile("\n" * (line - 1) + code, str(FRAMES_DOC), "exec"), {"__name__": "frames_md"})


def test_frames_doc_names_every_column_and_public_name() -> None:
    text = FRAMES_DOC.read_text(encoding="utf-8")
    for name in frames.__all__:
        if not name.isupper():
            assert f"{name}(" in text, name
    for table, columns in SCHEMAS.items():
        for column, _ in columns:
            if column not in CURRENT_COLUMNS:
                assert f"`{column}`" in text, (table, column)


@pytest.mark.parametrize("value", [1 << 63, 10**400, 10**4299])
def test_a_count_past_64_bits_is_refused_naming_where_it_is(
    makiivka: eventcode.Dataset, value: int, tmp_path: Path
) -> None:
    event = makiivka.events[0]
    figure = attrs.evolve(event.figures[0], value=eventcode.Count.exact(value, "countless"))
    changed = attrs.evolve(event, figures=(figure, *event.figures[1:]))
    dataset = attrs.evolve(makiivka, events=(changed, *makiivka.events[1:]))
    with pytest.raises(frames.CountTooLargeError) as raised:
        frames.to_arrow(dataset)
    assert (raised.value.table, raised.value.record) in {
        ("figures", figure.id),  # the figure's own count
        ("events", event.id),  # or a count derived from it, if the events table comes first
    }
    assert "64-bit" in str(raised.value)
    with pytest.raises(frames.CountTooLargeError):
        frames.write_parquet(dataset, tmp_path / "out.parquet")
    assert not (tmp_path / "out.parquet").exists()
    # One less than the limit fits.
    fits = attrs.evolve(figure, value=eventcode.Count.exact((1 << 63) - 1, "many"))
    alone = attrs.evolve(event, figures=(fits,))
    frames.to_arrow(attrs.evolve(makiivka, events=(alone,)))
