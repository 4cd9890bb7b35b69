"""Real ACLED files as users have them (issue 16, items 1, 3, 5): blank tokens, pandas' integers,
ACLED's earlier region names, and pre-2023 files brought to the current layout."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from datetime import date
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from eventcode import codebooks
from eventcode.acled import parallel
from eventcode.acled.blanks import CellConventions
from eventcode.acled.options import AcledOptions
from eventcode.acled.reader import is_hxl_row
from eventcode.acled.reading import read_acled
from eventcode.acled.values import CodeStyle, DateStyle, render_date
from eventcode.cli import main
from eventcode.conversion import convert
from eventcode.io.limits import DEFAULT_BLANK_TOKENS, Limits
from eventcode.io.sources import Source
from eventcode.validation import validate_path, validate_source

from .test_acled_validation import record_path_report, write_perturbed

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "acled"


def _codes(path: Path, limits: Limits | None = None) -> list[str]:
    source = Source.from_path(path, limits=limits or Limits())
    return [f.code for f in validate_source(source).findings]


def _file_rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# ------------------------------------------------------------------------------ blank cells


def test_r_export_with_mixed_blank_tokens_gives_one_finding_for_the_file() -> None:
    path = FIXTURES / "r-export-blanks.csv"
    report = validate_path(path)
    assert [f.code for f in report.findings] == ["A021"]
    (finding,) = report.findings
    assert finding.severity.value == "info"
    assert finding.location.line == 2
    assert finding.location.field == "actor2"
    for token in ("'NA' (8)", "'None' (3)", "'nan' (2)", "'NULL' (2)", "'NaN' (1)"):
        assert token in finding.message


def test_blank_tokens_are_read_as_blank_cells() -> None:
    read = read_acled(FIXTURES / "r-export-blanks.csv")
    first, attack, battle, protest = read.dataset.events
    assert first.actor2 is None
    assert first.place is not None
    assert first.place.admin3 is None
    assert attack.civilian_targeting is True
    assert attack.assoc_actor1 == ()
    assert attack.tags == ()
    assert battle.civilian_targeting is False  # NULL: blank, not an A012 error
    assert protest.assoc_actor1 == ()


def test_na_option_names_the_tokens(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "r-export-blanks.csv"
    strict = _codes(path, Limits(blank_tokens=()))
    assert "A021" not in strict
    assert {"A012", "A013"} <= set(strict)
    only_na = _codes(path, Limits(blank_tokens=("NA",)))
    assert "A021" in only_na
    assert "A012" in only_na
    assert main(["validate", str(path), "--na", ""]) == 1
    assert main(["validate", str(path)]) == 0
    assert "A021" in capsys.readouterr().out


def test_pandas_integers_with_a_decimal_point_are_read_as_integers() -> None:
    path = FIXTURES / "pandas-floats.csv"
    report = validate_path(path)
    assert sorted(f.code for f in report.findings) == ["A021", "A022"]
    a022 = next(f for f in report.findings if f.code == "A022")
    assert a022.location.line == 2
    assert a022.location.field == "inter1"
    assert a022.message.startswith("10 integer cell(s)")
    attack = read_acled(path).dataset.events[0]
    assert attack.actor1 is not None
    assert attack.actor1.inter == 3
    assert attack.acled is not None
    assert attack.acled.timestamp == 1614900000
    assert attack.figures[0].value.low == 1  # fatalities 1.0


def test_a_decimal_outside_integer_columns_or_not_zero_stays_an_error(tmp_path: Path) -> None:
    text = (
        (FIXTURES / "pandas-floats.csv")
        .read_text("utf-8")
        .replace(",1.0,,1614900000.0", ",1.5,,1614900000.0")
    )
    path = tmp_path / "half.csv"
    path.write_text(text, "utf-8")
    assert "A011" in _codes(path)


TOKENS = st.sampled_from(["", *DEFAULT_BLANK_TOKENS])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_blank_tokens_mixed_give_the_records_of_true_blanks(data: st.DataObject) -> None:
    """Property: every blank cell of a clean file written as any token (mixed) reads the same."""
    original = (FIXTURES / "current-export-numeric.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(original.decode("utf-8"), newline="")))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows[0])
    used = 0
    for row in rows[1:]:
        cells = []
        for cell in row:
            token = data.draw(TOKENS) if cell == "" else cell
            used += token != cell
            cells.append(token)
        writer.writerow(cells)
    expected = read_acled(original, name="x")
    found = read_acled(out.getvalue().encode("utf-8"), name="x")
    assert found.dataset == expected.dataset
    codes = [f.code for f in found.findings]
    assert codes.count("A021") == (1 if used else 0)
    assert [f for f in found.findings if f.code != "A021"] == list(expected.findings)


def test_blank_tokens_in_a_large_file_match_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Worker processes add up their chunks' tokens: one A021 and one A022, as one process."""
    path = write_perturbed(tmp_path / "generated.csv", 1500, seed=16)
    head, *body = _file_rows(path)
    col = {c: i for i, c in enumerate(head)}
    for index, row in enumerate(body):
        if index % 7 == 3 and row[col["admin3"]] == "":
            row[col["admin3"]] = DEFAULT_BLANK_TOKENS[index % 5]
        if index % 11 == 5:
            row[col["fatalities"]] = row[col["fatalities"]] + ".0"
    _write_rows(path, [head, *body])
    one = validate_path(path)
    assert one.findings == record_path_report(path).findings
    assert [f.code for f in one.findings].count("A021") == 1
    assert [f.code for f in one.findings].count("A022") == 1
    unnamed = [evolve(f, location=evolve(f.location, file=None)) for f in one.findings]
    assert parallel.parallel_findings(path, chunk_bytes=40_000) == (unnamed, one.records)
    # Chunks of several batches: the rows a chunk's plain reading checked before it met a
    # token are checked again, and the places they met are still known (a crash before).
    assert parallel.parallel_findings(path, chunk_bytes=250_000) == (unnamed, one.records)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 40_000)
    assert validate_path(path) == one


# ------------------------------------------------------------------------------ earlier names


def test_codebook_lists_the_region_renames() -> None:
    renames = {r.old: r.current for r in codebooks.acled_renames("region")}
    assert renames == {"Southern Asia": "South Asia", "South-Eastern Asia": "Southeast Asia"}
    for current in renames.values():
        codebooks.acled_region(current)
    assert codebooks.acled_renamed("region", "South Asia") is None


def test_earlier_region_names_of_a_2020_export_are_valid_with_an_info() -> None:
    report = validate_path(FIXTURES / "legacy-2020-regions.csv")
    assert [f.code for f in report.findings] == ["C025"] * 4
    assert all(f.severity.value == "info" for f in report.findings)
    assert "now 'South Asia'" in report.findings[0].message


def test_an_earlier_name_on_a_row_dated_after_the_rename_is_c023(tmp_path: Path) -> None:
    text = (FIXTURES / "legacy-2020-regions.csv").read_text("utf-8")
    path = tmp_path / "late.csv"
    path.write_text(text.replace("1589800000", "1700000000"), "utf-8")  # November 2023
    codes = [(f.location.line, f.code) for f in validate_path(path).findings]
    assert (2, "C023") in codes
    assert (2, "C025") not in codes
    assert (3, "C025") in codes
    assert validate_path(path).findings == record_path_report(path).findings


def test_convert_keeps_earlier_names_and_modernise_writes_current_ones(tmp_path: Path) -> None:
    source = FIXTURES / "legacy-2020-regions.csv"
    convert(source, tmp_path / "kept.csv")
    convert(source, tmp_path / "new.csv", options=AcledOptions(modernise=True))
    kept = _rows((tmp_path / "kept.csv").read_text("utf-8"))
    new = _rows((tmp_path / "new.csv").read_text("utf-8"))
    assert [r["region"] for r in kept] == ["Southern Asia"] * 2 + ["South-Eastern Asia"] * 2
    assert [r["region"] for r in new] == ["South Asia"] * 2 + ["Southeast Asia"] * 2
    assert _codes(tmp_path / "new.csv") == []
    assert main(["convert", str(source), "-o", str(tmp_path / "cli.jsonl"), "--modernise"]) == 0
    assert "Southern Asia" not in (tmp_path / "cli.jsonl").read_text("utf-8")


# ------------------------------------------------------------------------------ legacy forward


def test_legacy_violence_against_civilians_is_civilian_targeting(tmp_path: Path) -> None:
    read = read_acled(FIXTURES / "legacy-2020-regions.csv")
    targeted = {e.acled.event_type: e.civilian_targeting for e in read.dataset.events if e.acled}
    assert targeted == {
        "Violence against civilians": True,
        "Protests": False,
        "Battles": False,
    }
    convert(FIXTURES / "legacy.csv", tmp_path / "out.csv")
    for row in _rows((tmp_path / "out.csv").read_text("utf-8")):
        wanted = "Civilian targeting" if row["event_type"] == "Violence against civilians" else ""
        assert row["civilian_targeting"] == wanted, row["event_id_cnty"]


def test_keep_extra_keeps_the_legacy_columns(tmp_path: Path) -> None:
    source = FIXTURES / "legacy-2020-regions.csv"
    assert main(["convert", str(source), "-o", str(tmp_path / "plain.csv")]) == 0
    assert main(["convert", str(source), "-o", str(tmp_path / "kept.csv"), "--keep-extra"]) == 0
    plain = _rows((tmp_path / "plain.csv").read_text("utf-8"))
    kept = _rows((tmp_path / "kept.csv").read_text("utf-8"))
    assert "data_id" not in plain[0]
    assert "iso3" not in plain[0]
    assert [(r["data_id"], r["event_id_no_cnty"], r["iso3"]) for r in kept][:2] == [
        ("7001", "900001", "IND"),
        ("7002", "900002", "IND"),
    ]
    assert list(kept[0])[:31] == list(plain[0])
    assert main(["convert", str(source), "-o", str(tmp_path / "k.jsonl"), "--keep-extra"]) == 0
    assert '"data_id"' in (tmp_path / "k.jsonl").read_text("utf-8")
    assert main(["convert", str(source), "-o", str(tmp_path / "p.jsonl")]) == 0
    assert '"data_id"' not in (tmp_path / "p.jsonl").read_text("utf-8")


# ------------------------------------------------------------------------------ one style a file

_DATE_SHAPES = {
    "export": r"\d{2} [A-Z][a-z]+ \d{4}",
    "iso": r"\d{4}-\d{2}-\d{2}",
    "spreadsheet": r"\d{1,2}-[A-Z][a-z]{2}-\d{2}",
}
_DAYS = {"IND900101": (9, 5, 2020), "XKX100": (7, 5, 2020), "IND900102": (10, 5, 2020)}


def _in_date_style(day: tuple[int, int, int], style: str) -> str:
    return render_date(date(day[2], day[1], day[0]), DateStyle(style))


def test_a_row_kept_cell_for_cell_is_written_in_the_files_one_style(tmp_path: Path) -> None:
    """Kosovo (no ISO 3166 number) keeps its cells as written; they still take the output style."""
    source = FIXTURES / "kosovo-kept-cells.csv"
    assert main(["convert", str(source), "-o", str(tmp_path / "k.jsonl")]) == 0
    assert main(["convert", str(tmp_path / "k.jsonl"), "-o", str(tmp_path / "out.csv")]) == 0
    rows = _rows((tmp_path / "out.csv").read_text("utf-8"))
    assert [r["event_date"] for r in rows] == ["09 May 2020", "07 May 2020", "10 May 2020"]
    args = ["--dates", "iso", "--codes", "text"]
    assert main(["convert", str(source), "-o", str(tmp_path / "t.csv"), *args]) == 0
    rows = _rows((tmp_path / "t.csv").read_text("utf-8"))
    assert [r["event_date"] for r in rows] == ["2020-05-09", "2020-05-07", "2020-05-10"]
    assert [(r["inter1"], r["inter2"], r["interaction"]) for r in rows] == [
        ("Political militia", "Civilians", "Political militia-Civilians"),
        ("Protesters", "", "Protesters only"),
        ("Protesters", "", "Protesters only"),
    ]


@settings(max_examples=25, deadline=None)
@given(
    row_styles=st.lists(st.sampled_from(sorted(_DATE_SHAPES)), min_size=3, max_size=3),
    dates=st.sampled_from(["export", "iso", None]),
    codes=st.sampled_from(["numeric", "text", None]),
    through_jsonl=st.booleans(),
)
def test_any_mix_of_row_styles_is_written_in_one_style(
    row_styles: list[str], dates: str | None, codes: str | None, through_jsonl: bool
) -> None:
    """Property: whatever style each row was written in and whichever way it came (straight or
    through JSON Lines), the written file's dates and codes are in one style: the one asked,
    else the style of the input's first row."""
    rows = list(csv.reader(io.StringIO(FIXTURES.joinpath("kosovo-kept-cells.csv").read_text())))
    at = rows[0].index("event_date")
    for row, style in zip(rows[1:], row_styles, strict=True):
        row[at] = _in_date_style(_DAYS[row[2]], style)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    options = AcledOptions(
        dates=None if dates is None else DateStyle(dates),
        codes=None if codes is None else CodeStyle(codes),
    )
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.csv"
        source.write_text(out.getvalue(), "utf-8")
        if through_jsonl:
            assert main(["convert", str(source), "-o", str(Path(tmp) / "x.jsonl")]) == 0
            source = Path(tmp) / "x.jsonl"
        convert(source, Path(tmp) / "out.csv", options=options)
        written = _rows((Path(tmp) / "out.csv").read_text("utf-8"))
    # A JSON Lines input has no style of its own: the writer's default (export) then.
    wanted = dates or ("export" if through_jsonl else row_styles[0])
    assert all(re.fullmatch(_DATE_SHAPES[wanted], r["event_date"]) for r in written), written
    numeric = (codes or "numeric") == "numeric"
    inters = [r[c] for r in written for c in ("inter1", "inter2", "interaction")]
    assert all(x == "" or x.isdigit() == numeric for x in inters), inters


# ------------------------------------------------------------------------------ HDX's HXL row


def test_an_hdx_file_reads_its_hxl_row_as_tags_not_an_event() -> None:
    """HDX's hashtag row is one A019 info; the rows under it read as without it."""
    plain = validate_path(FIXTURES / "legacy-2020-regions.csv")
    tagged = validate_path(FIXTURES / "hdx-hxl.csv")
    assert tagged.records == plain.records
    assert [(f.code, f.location.line) for f in tagged.findings] == [("A019", 2)] + [
        (f.code, (f.location.line or 0) + 1) for f in plain.findings
    ]
    assert tagged.findings == record_path_report(FIXTURES / "hdx-hxl.csv").findings
    assert (
        read_acled(FIXTURES / "hdx-hxl.csv").dataset
        == read_acled(FIXTURES / "legacy-2020-regions.csv").dataset
    )


def test_a_large_hdx_file_gives_one_process_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file too large for one process still reads its HXL row as tags, never as a row."""
    path = write_perturbed(tmp_path / "generated.csv", 1500, seed=19)
    head, *body = _file_rows(path)
    tags = ["#event+code" if c == "event_id_cnty" else "" for c in head]
    _write_rows(path, [head, tags, *body])
    reference = record_path_report(path)
    assert [f.code for f in reference.findings].count("A019") == 1
    unnamed = [evolve(f, location=evolve(f.location, file=None)) for f in reference.findings]
    found = parallel.parallel_findings(path, chunk_bytes=40_000)
    assert found is None or found == (unnamed, reference.records)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1)
    assert validate_path(path).findings == reference.findings


def test_convert_hxl_writes_the_tags_row(tmp_path: Path) -> None:
    source = FIXTURES / "legacy-2020-regions.csv"
    args = ["convert", str(source), "--keep-extra", "--hxl", "-o", str(tmp_path / "hdx.csv")]
    assert main(args) == 0
    head, tags, *rows = list(csv.reader((tmp_path / "hdx.csv").open(newline="")))
    named = dict(zip(head, tags, strict=True))
    assert named["event_id_cnty"] == "#event+code"
    assert named["fatalities"] == "#affected+killed"
    assert named["iso3"] == "#country+code"
    assert named["sub_event_type"] == ""
    assert len(rows) == 4
    assert _codes(tmp_path / "hdx.csv").count("A019") == 1
    plain = tmp_path / "plain.csv"
    assert main(["convert", str(source), "--keep-extra", "-o", str(plain)]) == 0
    assert read_acled(tmp_path / "hdx.csv").dataset.events == read_acled(plain).dataset.events


@given(row=st.lists(st.text(max_size=12), min_size=1, max_size=8))
def test_no_acled_row_reads_as_an_hxl_row(row: list[str]) -> None:
    """Property: a row with a date cell (every ACLED row has one) is never a row of tags."""
    assert not is_hxl_row([*row, "09 May 2020"])
    assert is_hxl_row(["", "#date+occurred", ""])


CELL_TEXTS = st.sampled_from(
    ["", "NA", "nan", "7", "7.0", "07.0", "0.0", "7.00", "x.0", "7.0\x1f", "\x1f7.0", "a NA b"]
)


@given(st.lists(st.lists(CELL_TEXTS, min_size=4, max_size=4), max_size=12))
def test_rows_are_touched_at_once_as_one_by_one(rows: list[list[str]]) -> None:
    conventions = CellConventions(("notes", "fatalities", "year", "tags"), ("NA", "nan"))
    assert conventions.touches_any(rows) == any(map(conventions.touches, rows))


@given(
    st.lists(
        st.lists(st.one_of(CELL_TEXTS, st.text(alphabet='NA7.0,"\r\n x')), min_size=4, max_size=4),
        max_size=8,
    ),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
)
@example([["x", "1", "2", "y"], ["NA", "1", "2", "y"]], "\r", csv.QUOTE_MINIMAL)
@example([["x", "1", "2", "y"], ["x", "7.0", "2", "y"]], "\r", csv.QUOTE_ALL)
def test_a_text_said_untouched_has_no_row_touched(
    rows: list[list[str]], terminator: str, quoting: int
) -> None:
    conventions = CellConventions(("notes", "fatalities", "year", "tags"), ("NA", "nan"))
    out = io.StringIO()
    csv.writer(out, lineterminator=terminator, quoting=quoting).writerows(rows)
    read = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    if any(map(conventions.touches, (r for r in read if len(r) == 4))):
        assert conventions.may_touch(out.getvalue())
