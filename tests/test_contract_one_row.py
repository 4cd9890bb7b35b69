"""One row checked on its own gives what the row as a batch of one gives.

:func:`~eventcode.acled.row_checks.row_templates` (and so :func:`row_findings` and the writer's
contract) checks one row with the checks made ready once for its columns, layout and selection;
:func:`~eventcode.acled.row_checks._rows_templates` checks rows held as columns, the batch path.
Both are built from the same declarations (``CELLS`` and ``_GROUPS``): for any columns (in any
order, the layout's or a subset, with extra ones), layout, selection and cells, they give the
same templates in the same order.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcode.acled import row_checks
from eventcode.acled.layouts import Layout, columns_of
from eventcode.acled.row_checks import row_findings, row_templates
from eventcode.acled.rows import AcledHeader, AcledRow
from eventcode.checks.registry import EVERYTHING, Selection

#: Cells worth trying: good and bad ones of each checked column (any may be anywhere).
SAMPLES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "UKR1",
    "ukr1",
    "UKR1\n",
    "2024-02-16",
    "16 February 2024",
    "2021-08-30",
    "2020-01-01",
    "2024-02-30",
    "1899-12-31",
    "2024",
    "2020",
    "24",
    "1",
    "2",
    "3",
    "4",
    "0",
    "13",
    "17",
    "99",
    "-1",
    "2.5",
    "48.04",
    "0.0",
    "91",
    "-181",
    "1577836800",
    "1700000000",
    "99999999999999",
    "Civilian targeting",
    "yes",
    "State forces",
    "State forces-Civilians",
    "804",
    "356",
    "Europe",
    "Southern Asia",
    "South Asia",
    "Middle Earth",
    "Ukraine",
    "India",
    "Atlantis",
    "Political violence",
    "Demonstrations",
    "Battles",
    "Protests",
    "Armed clash",
    "Peaceful protest",
    "Attack",
    "Makiivka",
]
#: Cells of a column's own (most tries), so that checks of several cells meet their cases.
OWN = {
    "event_id_cnty": ["UKR1", "", "ukr1"],
    "event_date": ["2024-02-16", "2020-01-01", "16 February 2024", "2024-02-30"],
    "year": ["2024", "2020", "24"],
    "time_precision": ["1", "3", "4"],
    "geo_precision": ["1", "0"],
    "latitude": ["48.04", "0.0", "91"],
    "longitude": ["37.9", "0", "-181"],
    "fatalities": ["0", "3", "-1"],
    "timestamp": ["1577836800", "1700000000", "99999999999999", "x", ""],
    "inter1": ["1", "3", "0", "State forces"],
    "inter2": ["0", "1", "7", ""],
    "actor2": ["", "Civilians (Ukraine)"],
    "interaction": ["13", "10", "17", "99", ""],
    "iso": ["804", "356", "x"],
    "region": ["Europe", "Southern Asia", "South Asia", "Middle Earth"],
    "country": ["Ukraine", "India", "Atlantis"],
    "disorder_type": ["Political violence", "Demonstrations"],
    "event_type": ["Battles", "Protests"],
    "sub_event_type": ["Armed clash", "Peaceful protest", "Attack"],
}


def cell(column: str) -> st.SearchStrategy[str]:
    """A cell of ``column``: mostly one of its own, else any sample or short text."""
    own = st.sampled_from(OWN.get(column, [""]))
    return st.one_of(own, own, own, st.sampled_from(SAMPLES), st.text(max_size=4))


SELECTIONS = st.sampled_from(
    [
        EVERYTHING,
        Selection.of(ignore=["A008"]),
        Selection.of(ignore=["A003", "A018", "C023"]),
        Selection.of(select=["C"]),
        Selection.of(select=["A008", "A024"]),
        Selection.of(select=["R"]),
    ]
)


@st.composite
def rows(draw: st.DrawFn) -> tuple[dict[str, str], AcledHeader, Selection]:
    """A row's cells (its columns a subset of a layout's, shuffled, maybe with an extra)."""
    layout = draw(st.sampled_from(list(Layout)))
    every = columns_of(layout)
    chosen = draw(st.lists(st.sampled_from(every), unique=True, max_size=len(every)))
    if draw(st.booleans()):
        chosen = list(every)
    chosen = draw(st.permutations(chosen))
    header_columns = tuple(chosen)
    extra = draw(st.lists(st.sampled_from(["population_best", ""]), unique=True, max_size=2))
    header = AcledHeader(
        columns=header_columns, layout=layout, missing=(), extra=tuple(extra), line=1
    )
    cells = {column: draw(cell(column)) for column in [*header_columns, *extra]}
    return cells, header, draw(SELECTIONS)


@settings(max_examples=600, deadline=None)
@given(rows())
def test_one_row_gives_what_a_batch_of_one_gives(
    row: tuple[dict[str, str], AcledHeader, Selection],
) -> None:
    cells, header, selection = row
    columns = {column: (text,) for column, text in cells.items()}
    [batch] = row_checks._rows_templates(columns, 1, header, selection)
    assert row_templates(cells, header, selection) == batch
    found = row_findings(AcledRow(line=7, cells=cells), header, selection)
    assert [(f.code, f.message, f.location.field) for f in found] == batch
    assert all(f.location.line == 7 for f in found)


def test_a_row_with_every_kind_of_cell_finding_keeps_their_order() -> None:
    header = AcledHeader(
        columns=columns_of(Layout.CURRENT), layout=Layout.CURRENT, missing=(), extra=(), line=1
    )
    cells = dict.fromkeys(header.columns, "")
    cells |= {"event_id_cnty": "ukr1", "notes": "a\x00b", "year": "x", "event_date": "2024-02-16"}
    cells |= {"latitude": "91", "longitude": "0", "region": "Southern Asia", "timestamp": "1"}
    codes = [t[0] for t in row_templates(cells, header)]
    assert codes[:3] == ["A003", "A003", "A003"]
    assert codes.index("A009") < codes.index("A018") < codes.index("A005") < codes.index("A007")
    assert "C025" in codes  # the region's day read from its timestamp (1970)
    columns = {column: (text,) for column, text in cells.items()}
    assert [t[0] for t in row_checks._rows_templates(columns, 1, header, EVERYTHING)[0]] == codes


def test_a_plan_follows_the_checks_it_was_made_of(monkeypatch: pytest.MonkeyPatch) -> None:
    header = AcledHeader(("event_date", "year"), Layout.CURRENT, (), (), 1)
    cells = {"event_date": "2024-01-01", "year": "2023"}
    before = row_templates(cells, header)
    assert [t[0] for t in before] == ["A005"]
    group = row_checks._GROUPS[0]
    other = group._replace(check=lambda *cells: (("A004", "another rule", "event_date"),))
    monkeypatch.setattr(row_checks, "_GROUPS", (other, *row_checks._GROUPS[1:]))
    assert row_templates(cells, header) == [("A004", "another rule", "event_date")]
    monkeypatch.undo()
    assert row_templates(cells, header) == before
