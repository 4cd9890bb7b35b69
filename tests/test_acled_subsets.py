"""ACLED column subsets and assigned ids (issue 16, item 4).

A file with only some of its layout's columns (an API call with ``fields=``) is read: checks run
on the columns it has, one A023 finding names the columns it lacks. A row without an
``event_id_cnty`` (a blank cell, A024, or a file without the column) is read with the id
``acled:line-N``. A CSV that is no ACLED file but has an ``event_type`` column is refused (A001)
with a C010 for each value that is not an ACLED event type.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventcode
from eventcode.acled import CURRENT_COLUMNS, read_acled
from eventcode.acled.layouts import Layout, acled_shaped, detect_layout, unchecked
from eventcode.acled.reader import looks_like_acled_csv, looks_like_acled_json
from eventcode.io.formats import Format
from eventcode.io.sources import Source
from eventcode.validation import validate_path, validate_source
from tests.test_acled_validation import _benchmarks, record_path_report

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "acled"


def _codes(path: Path | str) -> list[str]:
    return [f.code for f in validate_path(path).findings]


def _same_on_both_paths(path: Path) -> eventcode.findings.Report:
    """Validate on rows and on records: the same findings, in the same order, and count."""
    expected = record_path_report(path)
    found = validate_path(path)
    assert found.findings == expected.findings
    assert found.records == expected.records
    return found


# ---------------------------------------------------------------------------- what is ACLED


@pytest.mark.parametrize(
    ("columns", "shaped"),
    [
        ("event_date,latitude,longitude,fatalities,event_type", True),
        ("event_id_cnty,fatalities,notes", True),
        ("event_id_cnty,event_date", False),  # three ACLED columns at least
        ("event_date,latitude,longitude,fatalities", False),  # event_date needs event_type
        ("latitude,longitude,event_type,notes", False),
        ("event_date,event_type,my_notes", False),  # my_notes is no ACLED column
        ("event_date,event_type,year,my_notes", True),
    ],
)
def test_what_is_acled_shaped(columns: str, shaped: bool) -> None:
    assert acled_shaped(columns.split(",")) is shaped
    assert (detect_layout(columns.split(","))[0] is not None) is shaped
    assert looks_like_acled_csv(columns.encode() + b"\n1,2\n") is shaped


def test_the_layout_is_told_by_the_columns_present() -> None:
    current = list(CURRENT_COLUMNS)
    without_disorder = [c for c in current if c != "disorder_type"]
    # Missing disorder_type no longer makes a file legacy: civilian_targeting and tags are the
    # current layout's own.
    assert detect_layout(without_disorder) == (Layout.CURRENT, ("disorder_type",))
    api = ["event_date", "latitude", "longitude", "fatalities", "event_type"]
    assert detect_layout(api)[0] is Layout.CURRENT  # no actor1: not monadic
    assert detect_layout(["data_id", "event_id_cnty", "event_date", "fatalities"])[0] is (
        Layout.LEGACY
    )
    one_actor = ["event_id_cnty", "event_date", "actor1", "inter1", "interaction"]
    assert detect_layout(one_actor)[0] is Layout.MONADIC
    # A pre-2023 export without its row numbers: legacy, and lacking nothing.
    trimmed = [c for c in current if c not in ("disorder_type", "civilian_targeting", "tags")]
    assert detect_layout(trimmed) == (Layout.LEGACY, ())


def test_which_checks_a_subset_does_not_get() -> None:
    api = frozenset(["event_date", "latitude", "longitude", "fatalities", "event_type"])
    skipped = unchecked(api, Layout.CURRENT)
    assert "R010 probable duplicates" in skipped
    assert "R009 place spellings" in skipped
    assert "A008 zero coordinates" not in skipped
    assert unchecked(frozenset(CURRENT_COLUMNS), Layout.CURRENT) == ()


# ---------------------------------------------------------------------------- the fixtures


def test_an_api_fields_subset_is_read_with_one_finding() -> None:
    path = FIXTURES / "fields-subset.csv"
    report = _same_on_both_paths(path)
    (finding,) = report.findings
    assert (finding.code, finding.location.line) == ("A023", 1)
    assert finding.severity is eventcode.Severity.WARNING
    assert "lacks 26: event_id_cnty, year, time_precision" in finding.message
    assert "R010 probable duplicates" in finding.message
    assert "acled:line-N" in finding.message
    read = read_acled(path)
    assert read.layout is Layout.CURRENT
    events = read.dataset.events
    assert len(events) == 8
    first = events[0]
    assert first.id == "acled:line-2"
    assert first.date.start.isoformat() == "2023-04-15"  # ISO dates, as the API writes them
    assert first.acled is None  # no sub_event_type: no ACLED class
    assert first.figures[0].id == "acled:line-2/fatalities"
    assert [e.figures[0].value.low for e in events][:3] == [0, 14, 3]
    # eventcode.load reads it, the one finding a warning
    loaded = eventcode.load(path)
    assert len(loaded.dataset.events) == 8
    assert [f.code for f in loaded.findings] == ["A023"]


def test_a_subset_with_actors_and_places_gets_the_checks_they_allow() -> None:
    path = FIXTURES / "subset-duplicates.csv"
    report = _same_on_both_paths(path)
    found = [(f.code, f.location.line) for f in report.findings]
    assert found == [
        ("A023", 1),
        ("C013", 4),  # civilian targeting on a battle
        ("R009", 6),  # Omdorman / Omdurman
        ("A010", 7),
        ("C010", 8),  # Air strike
        ("A003", 9),  # a blank event_type, in a file that has the column
        ("R010", 3),  # the same date, place, actors, type and toll (R010 comes last)
    ]
    a023 = report.findings[0]
    assert "A005 year" in a023.message
    assert "R010" not in a023.message  # its columns are all there
    events = read_acled(path).dataset.events
    assert [e.acled.event_type for e in events if e.acled is not None][:2] == ["Battles"] * 2
    assert events[0].place is not None
    assert events[0].place.country == "SDN"
    assert events[0].place.precision is None  # no geo_precision column


def test_blank_ids_are_assigned_from_their_lines() -> None:
    path = FIXTURES / "blank-ids.csv"
    report = _same_on_both_paths(path)
    found = [(f.code, f.location.line) for f in report.findings]
    assert found == [("A024", 2), ("A024", 3), ("A024", 5), ("R010", 3)]  # R010 comes last
    assert "acled:line-N" in report.findings[1].message
    r010 = report.findings[3]
    assert r010.location.event == "acled:line-3"
    assert "'acled:line-2'" in r010.message
    events = read_acled(path).dataset.events
    ids = ["acled:line-2", "acled:line-3", "acled:USA200002", "acled:line-5"]
    assert [e.id for e in events] == ids
    assert [e.acled.event_id_cnty for e in events if e.acled is not None] == [
        None,
        None,
        "USA200002",
        None,
    ]


def test_assigned_ids_round_trip_and_are_never_taken_for_acled_s(tmp_path: Path) -> None:
    path = FIXTURES / "blank-ids.csv"
    dataset = read_acled(path).dataset
    # JSON keeps the event as read: its id, and no event_id_cnty
    again = eventcode.loads(eventcode.dumps(dataset))
    assert again == dataset
    # ACLED CSV: the writer assigns ids of its reserved range, and says so
    from eventcode.acled import write_acled

    out = tmp_path / "out.csv"
    written = write_acled(dataset, out)
    assigned = dict(written.assigned_ids)
    assert sorted(assigned) == ["acled:line-2", "acled:line-3", "acled:line-5"]
    assert all(int(i[3:]) >= 900_000_000 for i in assigned.values())
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert [r["event_id_cnty"] for r in rows][2] == "USA200002"
    assert _codes(out) == ["R010"]  # the repeated event, now with ids


def test_a_file_without_event_date_is_checked_but_builds_no_event(tmp_path: Path) -> None:
    path = tmp_path / "ids.csv"
    path.write_text(
        "event_id_cnty,fatalities,notes\nUKR1,3,a\nUKR2,-1,b\nUKR1,0,c\n,2,d\n", "utf-8"
    )
    report = _same_on_both_paths(path)
    found = [(f.code, f.location.line) for f in report.findings]
    assert found == [("A023", 1), ("A011", 3), ("A010", 4), ("A024", 5)]
    assert "no event is read without event_date" in report.findings[0].message
    assert report.records == 0
    assert read_acled(path).dataset.events == ()


def test_a_subset_of_an_api_response(tmp_path: Path) -> None:
    rows = [
        {"event_date": "2023-04-15", "event_type": "Battles", "fatalities": "3"},
        {"event_date": "2023-04-16", "event_type": "Battle", "fatalities": "0"},
    ]
    text = json.dumps({"success": True, "data": rows}, indent=1)
    assert looks_like_acled_json(text.encode())
    path = tmp_path / "api.json"
    path.write_text(text, "utf-8")
    report = _same_on_both_paths(path)
    assert [f.code for f in report.findings] == ["A023", "C010"]
    assert "did you mean 'Battles'" in report.findings[1].message
    assert len(read_acled(path).dataset.events) == 1


def test_a_subset_from_standard_input_is_told_by_its_header() -> None:
    data = (FIXTURES / "fields-subset.csv").read_bytes()
    source = Source.from_bytes(data, Format.ACLED_CSV, name="<stdin>")
    assert [f.code for f in validate_source(source).findings] == ["A023"]
    from eventcode.io.formats import sniff_format

    assert sniff_format(data[:4096]) is Format.ACLED_CSV


# ---------------------------------------------------------------------------- not ACLED


def test_a_hand_made_file_is_refused_with_its_event_types_named() -> None:
    path = FIXTURES / "hand-made-misnamed.csv"
    report = _same_on_both_paths(path)
    found = [(f.code, f.location.line, f.location.field) for f in report.findings]
    assert found == [
        ("A001", 1, None),
        ("C010", 2, "event_type"),
        ("C010", 3, "event_type"),
        ("C010", 5, "event_type"),
        ("C010", 7, "event_type"),
    ]
    messages = [f.message for f in report.findings]
    assert "neither event_id_cnty nor event_date" in messages[0]
    assert "sub-event type of 'Explosions/Remote violence'" in messages[1]
    assert "did you mean 'Explosions/Remote violence'?" in messages[2]
    assert "'Protest'" in messages[3]
    assert "2 rows" in messages[3]
    assert "did you mean 'Riots'?" in messages[4]
    assert report.records == 0


def test_event_types_are_named_only_for_a_file_with_that_column(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("latitude,longitude,kind\n1,2,Armed clash\n", "utf-8")
    assert _codes(path) == ["A001"]
    good = tmp_path / "good.csv"
    good.write_text("latitude,longitude,event_type\n1,2,Battles\n", "utf-8")
    assert _codes(good) == ["A001"]


def test_a_sub_event_type_in_event_type_of_a_subset() -> None:
    text = b"event_date,event_type,fatalities\n2023-01-02,Armed clash,0\n2023-01-03,Riots,0\n"
    findings = read_acled(text).findings
    assert [(f.code, f.location.line) for f in findings] == [("A023", 1), ("C010", 2)]
    assert "sub-event type of 'Battles'" in findings[1].message


# ---------------------------------------------------------------------------- any subset


@pytest.fixture(scope="module")
def valid_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("subsets") / "valid.csv"
    _benchmarks().write_acled_csv(path, 60, seed=5)
    report = validate_path(path)
    assert report.findings == ()  # the base file is valid
    return path


def _qualifying(columns: list[str]) -> bool:
    return acled_shaped(columns)


_SUBSETS = st.lists(st.sampled_from(CURRENT_COLUMNS), min_size=3, unique=True).filter(_qualifying)


def _write_subset(source: Path, columns: list[str], target: Path) -> None:
    with open(source, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with open(target, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        ordered = [c for c in CURRENT_COLUMNS if c in columns]
        writer.writerow(ordered)
        writer.writerows([row[c] for c in ordered] for row in rows)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(columns=_SUBSETS)
def test_any_subset_of_a_valid_file_is_read_alike(
    valid_file: Path, tmp_path_factory: pytest.TempPathFactory, columns: list[str]
) -> None:
    """Dropping columns from a valid file: no crash, one A023, no finding about an absent
    column, as many events (none without event_date), and the same findings on both paths."""
    path = tmp_path_factory.mktemp("subset") / "subset.csv"
    _write_subset(valid_file, columns, path)
    report = _same_on_both_paths(path)  # (a) no crash; both paths agree
    layout, absent = detect_layout([c for c in CURRENT_COLUMNS if c in columns])
    a023 = [f for f in report.findings if f.code == "A023"]
    if absent:
        assert len(a023) == 1  # (b)
    else:  # every column of a pre-2023 export: read as one, lacking nothing
        assert layout is Layout.LEGACY
        assert a023 == []
    missing = set(CURRENT_COLUMNS) - set(columns)
    assert not [f for f in report.findings if f.location.field in missing]  # (c)
    assert not [f for f in report.findings if f.code not in ("A023", "R010")]
    full = len(read_acled(valid_file).dataset.events)
    events = len(read_acled(path).dataset.events)
    assert events == (full if "event_date" in columns else 0)  # (d)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(columns=_SUBSETS, data=st.data())
def test_subsets_with_defects_agree_on_both_paths(
    tmp_path_factory: pytest.TempPathFactory, columns: list[str], data: st.DataObject
) -> None:
    """A perturbed file (bad cells, repeated ids and events, respellings, civilian targeting
    on battles) cut to any ACLED-shaped subset, some ids blanked: the same findings."""
    from tests.test_acled_validation import write_perturbed

    folder = tmp_path_factory.mktemp("defects")
    base = folder / "base.csv"
    if not base.exists():
        write_perturbed(base, 120, seed=data.draw(st.integers(1, 5)))
    path = folder / "subset.csv"
    with open(base, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    blank = data.draw(st.sets(st.integers(0, len(rows) - 1), max_size=5))
    for i in blank:
        rows[i]["event_id_cnty"] = ""
    ordered = [c for c in CURRENT_COLUMNS if c in columns]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(ordered)
        writer.writerows([row[c] for c in ordered] for row in rows)
    _same_on_both_paths(path)


def test_a_large_subset_checked_in_workers_gives_the_findings_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventcode.acled import parallel
    from tests.test_acled_validation import write_perturbed

    base = write_perturbed(tmp_path / "base.csv", 3000)
    with open(base, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows[::97]:
        row["event_id_cnty"] = ""
    dropped = ("assoc_actor_1", "disorder_type", "notes", "tags", "iso")
    kept = [c for c in CURRENT_COLUMNS if c not in dropped]
    path = tmp_path / "subset.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(kept)
        writer.writerows([row[c] for c in kept] for row in rows)
    one = validate_path(path)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 60_000)
    done = parallel.parallel_findings(path, chunk_bytes=60_000)
    assert done is not None
    findings, records = done
    assert [f.code for f in findings][:1] == ["A023"]
    placed = [f.at(file=str(path)) for f in findings]
    assert placed == list(one.findings)
    assert records == one.records
    assert {"A024", "A010", "R009", "R010", "C013"} <= {f.code for f in findings}


@pytest.mark.parametrize("fixture", ["legacy.csv", "monadic.csv", "defects.csv"])
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_subsets_of_every_layout_agree_on_both_paths(
    tmp_path_factory: pytest.TempPathFactory, fixture: str, data: st.DataObject
) -> None:
    """Pre-2023 and monadic files, and the defects fixture, cut to any ACLED-shaped subset."""
    with open(FIXTURES / fixture, newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    rows = [row for row in rows if len(row) == len(header)]
    chosen = data.draw(
        st.lists(st.sampled_from(header), min_size=3, unique=True).filter(acled_shaped)
    )
    keep = [i for i, column in enumerate(header) if column in chosen]
    path = tmp_path_factory.mktemp("layouts") / fixture
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([header[i] for i in keep])
        writer.writerows([row[i] for i in keep] for row in rows)
    _same_on_both_paths(path)
