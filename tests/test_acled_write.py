"""Writing ACLED CSV: round trips, styles, options, the Makiivka conversion, properties."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import eventcode
from eventcode import AcledClass, Dataset, Event
from eventcode.acled import (
    CURRENT_COLUMNS,
    DEFAULT_ID_START,
    AcledOptions,
    CodeStyle,
    DateStyle,
    Lookups,
    acled_report,
    dumps_acled,
    exclusion_reason,
    read_acled,
    write_acled,
)
from eventcode.acled.writer import acled_event_rows
from eventcode.conversion import convert
from eventcode.strategies import datasets

ROOT = Path(__file__).parent.parent
FIXTURES = ROOT / "fixtures" / "acled"
MAKIIVKA = ROOT / "fixtures" / "makiivka-2023"


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def file_cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize(
    "name",
    ["current-export-numeric.csv", "current-iso-text-crlf-bom.csv", "current-spreadsheet.csv"],
)
def test_current_layout_round_trip_reproduces_every_cell(name: str, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    report = convert(FIXTURES / name, out)
    assert report.findings == ()
    assert report.acled is not None
    assert file_cells(out) == file_cells(FIXTURES / name)


def test_write_read_write_is_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "1.csv", tmp_path / "2.csv"
    convert(FIXTURES / "current-iso-text-crlf-bom.csv", first)
    convert(first, second)
    assert first.read_bytes() == second.read_bytes()


def test_options_override_the_input_style(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    options = AcledOptions(codes=CodeStyle.TEXT, dates=DateStyle.ISO, extra_columns=False)
    report = convert(FIXTURES / "current-export-numeric.csv", out, options=options).acled
    assert report is not None
    assert report.columns == CURRENT_COLUMNS
    rows = file_cells(out)
    assert rows[0] == list(CURRENT_COLUMNS)
    assert rows[1][1] == "2024-02-16"
    assert rows[1][9] == "External/Other forces"
    assert rows[1][13] == "External/Other forces-Civilians"
    assert rows[2][12] == ""  # text inter2 without actor2 is blank (numeric: 0)


def test_legacy_converts_to_the_current_layout_keeping_every_event(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    report = convert(FIXTURES / "legacy.csv", out).acled
    assert report is not None
    assert report.rows == 3
    assert report.left_out == ()
    rows = [dict(zip(CURRENT_COLUMNS, r, strict=True)) for r in file_cells(out)[1:]]
    assert file_cells(out)[0] == list(CURRENT_COLUMNS)
    assert rows[1]["tags"] == "crowd size=around 200"
    assert "[size=" not in rows[1]["notes"]
    assert rows[0]["civilian_targeting"] == ""  # the legacy layout never had it
    assert rows[1]["disorder_type"] == "Demonstrations"
    current = [
        dict(zip(CURRENT_COLUMNS, r[:31], strict=True))
        for r in file_cells(FIXTURES / "current-export-numeric.csv")[1:]
    ]
    for old, new in zip(rows, current, strict=True):
        differ = {c for c in CURRENT_COLUMNS if old[c] != new[c]}
        assert differ <= {"civilian_targeting"}


def test_monadic_converts_to_one_row_per_event(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    convert(FIXTURES / "monadic.csv", out)
    expected = file_cells(FIXTURES / "current-export-numeric.csv")
    assert file_cells(out) == [row[:31] for row in expected]


def test_api_response_converts_with_iso_dates(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    convert(FIXTURES / "api-response.json", out)
    api = json.loads((FIXTURES / "api-response.json").read_text("utf-8"))["data"]
    assert [dict(zip(CURRENT_COLUMNS, r, strict=True)) for r in file_cells(out)[1:]] == api


# ---------------------------------------------------------------------------- Makiivka


def test_makiivka_converts_to_its_golden_file(tmp_path: Path) -> None:
    dataset = eventcode.read(MAKIIVKA / "dataset.json")
    out = tmp_path / "acled.csv"
    report = write_acled(dataset, out)
    assert out.read_bytes() == (MAKIIVKA / "acled.csv").read_bytes()
    assert report.rows == 1
    assert report.left_out_by_reason() == {"no ACLED classification (a CAMEO-only event)": 11}
    assert len(report.left_out) == 11
    assert report.assigned_ids == (("makiivka-strike", f"UKR{DEFAULT_ID_START}"),)
    with pytest.warns(eventcode.EventsLeftOutWarning):
        eventcode.write(dataset, tmp_path / "plain.csv")
    assert (tmp_path / "plain.csv").read_bytes() == out.read_bytes()


def test_makiivka_notes_the_dispute_and_takes_the_lowest_figure() -> None:
    row = dict(zip(CURRENT_COLUMNS, file_cells(MAKIIVKA / "acled.csv")[1], strict=True))
    assert row["fatalities"] == "63"
    assert row["notes"].endswith(
        "According to Ministry of Defence of Russia (spokesman Igor Konashenkov), at least 63 "
        "killed; Strategic Communications Department of the Armed Forces of Ukraine claimed "
        "400 killed."
    )
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "8", "18")
    assert (row["iso"], row["region"], row["country"]) == ("804", "Europe", "Ukraine")


def test_makiivka_reads_back_with_the_same_acled_fields() -> None:
    dataset = eventcode.read(MAKIIVKA / "dataset.json")
    text = dumps_acled(dataset)
    read = read_acled(MAKIIVKA / "acled.csv")
    assert read.findings == ()
    again = dumps_acled(read.dataset)
    assert again == text
    event = read.dataset.events[0]
    original = dataset.events[0]
    assert event.date == original.date
    assert event.place is not None
    assert original.place is not None
    assert (event.place.name, event.place.country, event.place.latitude) == (
        original.place.name,
        original.place.country,
        original.place.latitude,
    )
    assert event.acled is not None
    assert original.acled is not None
    assert event.acled.sub_event_type == original.acled.sub_event_type


# ---------------------------------------------------------------------------- options


def _strike() -> tuple[Dataset, Event]:
    dataset = eventcode.read(MAKIIVKA / "dataset.json")
    return dataset, dataset.events[0]


def test_ids_are_deterministic_skip_taken_ones_and_move_with_the_option() -> None:
    dataset, strike = _strike()
    assert strike.acled is not None
    taken = attrs.evolve(
        strike, id="taken", acled=attrs.evolve(strike.acled, event_id_cnty="UKR500")
    )
    data = attrs.evolve(dataset, events=(strike, taken, attrs.evolve(strike, id="again")))
    report = acled_report(data, AcledOptions(id_start=500))
    assert report.assigned_ids == (("makiivka-strike", "UKR501"), ("again", "UKR502"))
    assert dumps_acled(data) == dumps_acled(data)


def test_timestamp_comes_from_the_data_or_the_option_never_the_clock() -> None:
    dataset, strike = _strike()
    row = cells(dumps_acled(dataset))[1]
    assert row[-1] == ""
    row = cells(dumps_acled(dataset, AcledOptions(timestamp=1700000000)))[1]
    assert row[-1] == "1700000000"
    assert strike.acled is not None
    own = attrs.evolve(strike, acled=attrs.evolve(strike.acled, timestamp=5))
    data = attrs.evolve(dataset, events=(own,))
    assert cells(dumps_acled(data, AcledOptions(timestamp=1700000000)))[1][-1] == "5"


def test_formula_neutralisation_spares_numeric_columns() -> None:
    dataset, strike = _strike()
    assert strike.place is not None
    risky = attrs.evolve(
        strike,
        notes='=HYPERLINK("http://x")',
        tags=("+tag", "@me"),
        place=attrs.evolve(strike.place, longitude=-73.5, admin1="-Donetsk"),
    )
    data = attrs.evolve(dataset, events=(risky,))
    plain = dict(zip(CURRENT_COLUMNS, cells(dumps_acled(data))[1], strict=True))
    safe = dict(
        zip(
            CURRENT_COLUMNS,
            cells(dumps_acled(data, AcledOptions(neutralise_formulas=True)))[1],
            strict=True,
        )
    )
    assert plain["longitude"] == safe["longitude"] == "-73.5"
    assert safe["notes"].startswith("'=HYPERLINK")
    assert safe["tags"] == "'+tag; @me"
    assert safe["admin1"] == "'-Donetsk"
    assert plain["notes"].startswith("=HYPERLINK")


def test_events_acled_would_not_record_are_counted_not_dropped() -> None:
    dataset, strike = _strike()
    no_place = attrs.evolve(strike, id="no-place", place=None)
    data = attrs.evolve(dataset, events=(strike, no_place))
    report = acled_report(data)
    assert report.rows == 1
    assert [(x.event, x.reason) for x in report.left_out] == [("no-place", "no place")]


# ---------------------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets(max_events=5))
def test_generated_datasets_keep_every_acled_field(dataset: Dataset) -> None:
    lookups = Lookups.of(dataset)
    recordable = [e for e in dataset.events if exclusion_reason(e, lookups) is None]
    text, report = dumps_acled(dataset), acled_report(dataset)
    assert report.rows == len(recordable)
    assert report.rows + len(report.left_out) == len(dataset.events)
    read = read_acled(text.encode("utf-8"))
    errors = [f for f in read.findings if f.severity is eventcode.Severity.ERROR]
    assert errors == []
    assert len(read.dataset.events) == report.rows
    again = dumps_acled(read.dataset)
    assert again == text  # every cell (every ACLED field) is kept, byte for byte
    for event in read.dataset.events:
        assert isinstance(event.acled, AcledClass)


def _rows_both_ways(dataset: Dataset) -> None:
    """The rows written holding the checked cells are those rendered again, ids included."""
    streamed = acled_event_rows(dataset)
    held = acled_event_rows(dataset, hold_cells=True)
    assert held[0] == streamed[0]
    assert [(e.id, cells) for e, cells in held[1]] == [(e.id, cells) for e, cells in streamed[1]]
    assert held[2] == streamed[2]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets(max_events=5))
def test_held_rows_equal_rows_rendered_again(dataset: Dataset) -> None:
    _rows_both_ways(dataset)


@pytest.mark.parametrize(
    "path",
    [*sorted(FIXTURES.glob("*.csv")), ROOT / "fixtures" / "makiivka-2023" / "dataset.json"],
    ids=lambda p: p.name,
)
def test_held_rows_equal_rows_rendered_again_on_the_fixtures(path: Path) -> None:
    dataset = eventcode.load(path).dataset
    _rows_both_ways(dataset)
    # Without an ACLED id of its own, an event gets the writer's id in both.
    bare = attrs.evolve(
        dataset,
        events=tuple(
            attrs.evolve(e, acled=attrs.evolve(e.acled, event_id_cnty=None))
            if e.acled is not None
            else e
            for e in dataset.events
        ),
    )
    _rows_both_ways(bare)
