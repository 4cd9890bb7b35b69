"""Reading ACLED files: every layout and rendering, lines, BOM, CRLF, API responses."""

from __future__ import annotations

from pathlib import Path

import pytest

import eventcode
from eventcode.acled import (
    AcledHeader,
    AcledRow,
    CodeStyle,
    DateStyle,
    Layout,
    iter_rows,
    read_acled,
)
from eventcode.io.formats import Format, format_for_path

FIXTURES = Path(__file__).parent.parent / "fixtures" / "acled"
LAYOUT_FILES = {
    "current-export-numeric.csv": (Layout.CURRENT, CodeStyle.NUMERIC, DateStyle.EXPORT),
    "current-iso-text-crlf-bom.csv": (Layout.CURRENT, CodeStyle.TEXT, DateStyle.ISO),
    "current-spreadsheet.csv": (Layout.CURRENT, CodeStyle.NUMERIC, DateStyle.SPREADSHEET),
    "legacy.csv": (Layout.LEGACY, CodeStyle.NUMERIC, DateStyle.EXPORT),
    "monadic.csv": (Layout.MONADIC, CodeStyle.NUMERIC, DateStyle.EXPORT),
    "api-response.json": (Layout.CURRENT, CodeStyle.NUMERIC, DateStyle.ISO),
}


def acled_fields(path: Path | str) -> list[tuple[object, ...]]:
    """The ACLED meaning of each event of a file, independent of layout and rendering."""
    read = read_acled(path)
    assert not read.findings, read.findings
    out = []
    for event in read.dataset.events:
        assert event.acled is not None
        assert event.place is not None
        actors = {a.id: a.name for a in read.dataset.actors}
        out.append(
            (
                event.acled.event_id_cnty,
                event.date,
                event.acled.sub_event_type,
                event.acled.disorder_type,
                actors[event.actor1.actor] if event.actor1 else None,
                event.actor1.inter if event.actor1 else None,
                actors[event.actor2.actor] if event.actor2 else None,
                event.actor2.inter if event.actor2 else None,
                event.place.country,
                event.place.latitude,
                event.place.longitude,
                event.figures[0].value.low,
                event.acled.timestamp,
            )
        )
    return out


@pytest.mark.parametrize("name", sorted(LAYOUT_FILES))
def test_every_layout_reads_to_the_same_events(name: str) -> None:
    layout, codes, dates = LAYOUT_FILES[name]
    read = read_acled(FIXTURES / name)
    assert read.layout is layout
    assert read.style is not None
    assert (read.style.codes, read.style.dates) == (codes, dates)
    assert acled_fields(FIXTURES / name) == acled_fields(FIXTURES / "current-export-numeric.csv")


def test_rows_carry_the_line_they_start_on() -> None:
    entries = list(iter_rows(FIXTURES / "current-export-numeric.csv"))
    assert isinstance(entries[0], AcledHeader)
    assert entries[0].extra == ("population_best",)
    rows = [e for e in entries if isinstance(e, AcledRow)]
    assert [r.line for r in rows] == [2, 3, 4]
    assert rows[2].cells["notes"].count("\n") == 1  # the last row spans lines 4-5


def test_crlf_and_bom_are_read() -> None:
    data = (FIXTURES / "current-iso-text-crlf-bom.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    rows = [e for e in iter_rows(data) if isinstance(e, AcledRow)]
    assert [r.line for r in rows] == [2, 3, 4]
    assert rows[0].cells["event_id_cnty"] == "UKR100001"  # no BOM glued to the first column
    assert rows[0].cells["inter1"] == "External/Other forces"


def test_api_rows_have_lines_of_their_objects() -> None:
    rows = [e for e in iter_rows(FIXTURES / "api-response.json") if isinstance(e, AcledRow)]
    text = (FIXTURES / "api-response.json").read_text("utf-8").splitlines()
    assert len(rows) == 3
    for row in rows:
        assert text[row.line - 1].strip() == "{"
        assert f'"event_id_cnty": "{row.cells["event_id_cnty"]}"' in text[row.line]


def test_legacy_moves_crowd_size_to_tags_and_keeps_its_own_columns_as_cells() -> None:
    read = read_acled(FIXTURES / "legacy.csv")
    protest = read.dataset.events[1]
    assert protest.tags == ("crowd size=around 200",)
    assert protest.notes is not None
    assert "[size=" not in protest.notes
    assert protest.acled is not None
    assert protest.acled.disorder_type == "Demonstrations"  # given by the sub-event type
    # Kept on reading (nothing lost); the writer leaves them out unless asked (--keep-extra).
    kept = {c.column: c.value for c in protest.acled.cells}
    assert (kept["data_id"], kept["event_id_no_cnty"], kept["iso3"]) == ("9002", "200002", "USA")


def test_monadic_rows_of_one_event_are_merged_not_duplicates() -> None:
    read = read_acled(FIXTURES / "monadic.csv")
    assert read.rows == 5
    assert len(read.dataset.events) == 3
    strike = read.dataset.events[0]
    names = {a.id: a.name for a in read.dataset.actors}
    assert strike.actor2 is not None
    assert names[strike.actor2.actor] == "Civilians (Ukraine)"
    assert strike.actor2.inter == 7


def test_records_reference_actors_documents_and_the_acled_claimant() -> None:
    read = read_acled(FIXTURES / "current-export-numeric.csv")
    assert eventcode.validate(read.dataset).findings == ()
    assert [c.id for c in read.dataset.claimants] == ["acled"]
    outlets = sorted(d.outlet for d in read.dataset.documents)
    assert outlets == sorted(
        ["Ukrinform", "Suspilne", "New York Times", "Ukrainska Pravda", "Undisclosed Source"]
    )
    # actor ids are derived from names: the same name gets the same id in any file
    again = read_acled(FIXTURES / "monadic.csv")
    assert {a.id for a in again.dataset.actors} == {a.id for a in read.dataset.actors}


def test_extra_and_non_canonical_cells_are_kept() -> None:
    read = read_acled(FIXTURES / "current-export-numeric.csv")
    protest = read.dataset.events[1]
    assert protest.acled is not None
    kept = {c.column: c.value for c in protest.acled.cells}
    assert kept == {"latitude": "40.7830", "longitude": "-73.9710", "population_best": "1600000"}


def test_formats_by_extension_and_content(tmp_path: Path) -> None:
    assert format_for_path("x.csv") is Format.ACLED_CSV
    head = (FIXTURES / "api-response.json").read_bytes()[:4096]
    assert format_for_path("x.json", head) is Format.ACLED_JSON
    renamed = tmp_path / "export.txt"
    renamed.write_bytes((FIXTURES / "legacy.csv").read_bytes())
    assert len(eventcode.read(renamed).events) == 3
    assert len(eventcode.read(FIXTURES / "api-response.json").events) == 3


def test_iter_records_yields_records_with_lines() -> None:
    items = list(eventcode.iter_records(FIXTURES / "current-export-numeric.csv"))
    events = [i for i in items if isinstance(i, eventcode.RecordItem) and i.kind == "event"]
    assert [(e.line, e.path) for e in events] == [
        (2, "$.events[0]"),
        (3, "$.events[1]"),
        (4, "$.events[2]"),
    ]


def test_loads_reads_acled_text() -> None:
    text = (FIXTURES / "current-spreadsheet.csv").read_text("utf-8")
    assert len(eventcode.loads(text, format="acled-csv").events) == 3


def test_an_unrecognised_header_names_the_acled_columns_it_has(tmp_path: Path) -> None:
    path = tmp_path / "few.csv"
    path.write_text("latitude,longitude,event_type,notes\n31.5,34.4,Battles,x\n", "utf-8")
    (finding,) = eventcode.validate_path(path).findings
    assert finding.code == "A001"
    assert "neither event_id_cnty nor event_date" in finding.message
    assert "latitude, longitude, event_type, notes" in finding.message
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", "utf-8")
    (none,) = eventcode.validate_path(other).findings
    assert "none of its columns is an ACLED column" in none.message
