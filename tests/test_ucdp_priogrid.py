"""PRIO-GRID cells: the numbering PRIO-GRID documents, and the laws a grid must keep.

Expectations come from PRIO-GRID's own description, not from the code: 720 columns by 360 rows
of half a degree; cell 1 in the south-west corner, 720 in the south-east, 258,481 in the
north-west and 259,200 in the north-east (PRIO-GRID's R package, ``create_pg_indices``);
numbers run east along a row, then north.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import attrs
from hypothesis import given
from hypothesis import strategies as st

import eventcode
from eventcode import ucdp
from eventcode.ucdp.priogrid import CELLS, cell_of, cells_at
from tests.helpers import ROOT

FIXTURE = ROOT / "fixtures" / "ucdp" / "ged-hand-made.csv"
latitudes = st.floats(-90, 90, allow_nan=False)
longitudes = st.floats(-180, 180, allow_nan=False)


def test_the_corners_are_numbered_as_prio_grid_numbers_them() -> None:
    assert CELLS == 259_200
    assert cell_of(-89.75, -179.75) == 1  # south-west
    assert cell_of(-89.75, 179.75) == 720  # south-east: the end of the first row
    assert cell_of(89.75, -179.75) == 258_481  # north-west: the start of the last row
    assert cell_of(89.75, 179.75) == 259_200  # north-east
    assert cell_of(-89.75, -179.25) == 2  # one column east
    assert cell_of(-89.25, -179.75) == 721  # one row north
    # The cell whose south-west corner is 0, 0: row 181, column 361.
    assert cell_of(0.25, 0.25) == 180 * 720 + 361


def test_the_poles_and_the_antimeridian_close_the_last_row_and_column() -> None:
    assert cell_of(90, 180) == 259_200
    assert cell_of(-90, -180) == 1
    assert cells_at(90, 0.25) == {cell_of(89.75, 0.25)}


@given(latitudes, longitudes)
def test_a_point_is_in_the_cell_it_is_given(latitude: float, longitude: float) -> None:
    gid = cell_of(latitude, longitude)
    assert CELLS >= gid >= 1
    row, column = divmod(gid - 1, 720)
    assert -90 + row * 0.5 <= latitude <= -90 + (row + 1) * 0.5
    assert -180 + column * 0.5 <= longitude <= -180 + (column + 1) * 0.5
    assert gid in cells_at(latitude, longitude)


@given(st.integers(-179, 179), st.integers(-359, 359))
def test_a_point_on_an_edge_touches_the_cells_on_both_sides(rows: int, columns: int) -> None:
    touched = cells_at(rows / 2, columns / 2)  # a corner of four cells
    assert len(touched) == 4
    assert max(touched) - min(touched) == 721  # one row north and one column east


def test_the_writer_fills_the_cell_and_the_reader_warns_of_a_wrong_one(tmp_path: Path) -> None:
    read = ucdp.read_ged(FIXTURE)
    rows = list(csv.DictReader(io.StringIO(ucdp.dumps_ged(read.dataset))))
    # Rows 1 and 5 are at 10.5, 20.25 (an edge: the northern cell) and 10.75, 20.5; rows 2 and 4
    # leave the cell blank, and are written as read.
    assert [r["priogrid_gid"] for r in rows] == ["145121", "", rows[2]["priogrid_gid"], "",
                                                 "145122"]
    event = read.dataset.events[1]
    unread = attrs.evolve(event, ucdp=None)  # as if coded in eventcode: -3.125, 21.0
    alone = attrs.evolve(read.dataset, events=(unread,))
    [row] = csv.DictReader(io.StringIO(ucdp.dumps_ged(alone)))
    assert row["priogrid_gid"] == "124963"
    text = FIXTURE.read_text(encoding="utf-8").replace(",145121,", ",144401,", 1)
    edge = tmp_path / "edge.csv"
    edge.write_text(text, encoding="utf-8")
    assert eventcode.validate_path(edge).findings == ()  # the southern cell is right as well
    wrong = tmp_path / "wrong.csv"
    wrong.write_text(text.replace(",144401,", ",144041,", 1), encoding="utf-8")
    [finding] = eventcode.validate_path(wrong).findings
    assert (finding.code, finding.location.line, finding.location.field) == (
        "U015", 2, "priogrid_gid"
    )
    assert "that is 145121" in finding.message
    # The row is read, and its cell written back as UCDP wrote it.
    again = ucdp.read_ged(wrong)
    assert ucdp.dumps_ged(again.dataset) == wrong.read_text(encoding="utf-8")
