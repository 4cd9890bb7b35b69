"""A memo miss runs the row checks made ready once as the plain path runs them on the row.

:class:`~eventcode.acled.row_checks.RowScreen` works out once, for a facet's columns, which
checks apply and how each takes its arguments from a row's cells in order
(:meth:`~eventcode.acled.row_checks._Cells.picker`); :class:`~eventcode.acled.batches.BatchChecker`
computes each distinct facet key with it. The laws, for any columns (in any order), layout,
selection and cells: each check takes from the cells in order the arguments it takes from the
row as a batch of one; the screen fails the checks :func:`failing_checks` fails; and a checker's
memos give each key the codes and failing checks the plain functions give its cells by column.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcode.acled import row_checks
from eventcode.acled.batches import (
    _FACETS,
    _FILLED,
    BatchChecker,
    _day_code,
    _what_codes,
    place_codes,
)
from eventcode.acled.layouts import Layout
from eventcode.acled.row_checks import RowScreen, failing_checks
from eventcode.acled.rows import AcledHeader
from eventcode.checks.registry import EVERYTHING, Selection

#: Cells worth trying per column: good ones, bad ones, and the other columns' (any may be
#: anywhere), with any short text.
SAMPLES = {
    "event_date": ["2024-02-16", "16 February 2024", "16-Feb-24", "2024-02-30", "0025-02-16"],
    "year": ["2024", "2023", "24", "02024"],
    "time_precision": ["1", "2", "3", "4", "x"],
    "geo_precision": ["1", "3", "0"],
    "latitude": ["48.04", "0", "0.0", "-0", "90.5", "north", "1e3"],
    "longitude": ["37.9", "0", "-181", "180", ".5"],
    "fatalities": ["0", "3", "2.5", "-1"],
    "timestamp": ["1700000000", "1577836800", "99999999999999", "x"],
    "civilian_targeting": ["Civilian targeting", "yes"],
    "inter1": ["1", "3", "8", "0", "State forces", "Aliens"],
    "inter2": ["0", "1", "7", "External/Other forces"],
    "actor2": ["Civilians (Ukraine)", _FILLED[True]],
    "interaction": ["13", "10", "17", "99", "State forces-Civilians"],
    "iso": ["804", "4", "204", "x"],
    "region": [
        "Europe", "Eastern Europe", "Middle East", "Middle Earth",
        "Caucasus and Central Asia",
    ],
    "country": ["Ukraine", "Benin", "ukraine", "Atlantis"],
    "disorder_type": ["Political violence", "Demonstrations", "Strategic developments"],
    "event_type": ["Battles", "Protests", "Riots", "Explosions/Remote violence"],
    "sub_event_type": ["Armed clash", "Peaceful protest", "Attack", "Looting/property destruction"],
    "location": ["Makiivka", "Makiïvka", "Kyiv"],
    "admin1": ["Donetsk", " "],
    "admin2": ["A"],
    "admin3": ["B"],
}
COLUMNS = sorted(
    {c for g in row_checks._GROUPS for c in g.cells}
    | {c for columns in _FACETS.values() for c in columns}
)
CELL = st.one_of(
    st.just(""),
    st.sampled_from(sorted({v for values in SAMPLES.values() for v in values})),
    st.text(max_size=5),
)
SELECTIONS = st.sampled_from(
    [
        EVERYTHING,
        Selection.of(ignore=["A008"]),
        Selection.of(ignore=["A007", "C023"]),
        Selection.of(select=["C"]),
        Selection.of(select=["A008"]),
        Selection.of(select=["R"]),
    ]
)


@st.composite
def rows(draw: st.DrawFn) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Columns, in any order, and a row's cells of them."""
    names = tuple(draw(st.lists(st.sampled_from(COLUMNS), unique=True)))
    cells = tuple(
        draw(st.one_of(st.sampled_from(SAMPLES.get(name, [""])), CELL)) for name in names
    )
    return names, cells


@settings(max_examples=400, deadline=None)
@given(rows(), st.sampled_from(Layout))
def test_each_check_takes_from_cells_in_order_what_it_takes_from_a_batch_of_one(
    row: tuple[tuple[str, ...], tuple[str, ...]], layout: Layout
) -> None:
    names, cells = row
    index = {name: at for at, name in enumerate(names)}
    single = {name: (cell,) for name, cell in zip(names, cells, strict=True)}
    for group in row_checks._GROUPS:
        pick = row_checks._picker(group, index, layout)
        plain = group.arguments(single, 1, layout)
        if plain is None:
            assert pick is None
        else:
            assert pick is not None
            assert pick(cells) == next(iter(plain))


@settings(max_examples=400, deadline=None)
@given(rows(), st.sampled_from(Layout), SELECTIONS, st.data())
def test_a_screen_fails_the_checks_the_plain_path_fails(
    row: tuple[tuple[str, ...], tuple[str, ...]],
    layout: Layout,
    selection: Selection,
    data: st.DataObject,
) -> None:
    names, cells = row
    every = [g.check for g in row_checks._GROUPS]
    checks = frozenset(data.draw(st.lists(st.sampled_from(every), unique=True)))
    within = row_checks.checks_within(names)
    by_column = dict(zip(names, cells, strict=True))
    for chosen in (checks, within):
        expected = failing_checks(by_column, layout, chosen, selection)
        assert RowScreen(names, layout, chosen, selection).failing(cells) == expected


@st.composite
def batches(draw: st.DrawFn) -> tuple[AcledHeader, dict[str, list[str]], int]:
    """A header of some of the facets' columns and a few rows of cells, as columns."""
    columns = tuple(draw(st.lists(st.sampled_from(COLUMNS), unique=True, min_size=1)))
    layout = draw(st.sampled_from(Layout))
    size = draw(st.integers(1, 6))
    cells = {
        name: [draw(st.one_of(st.sampled_from(SAMPLES.get(name, [""])), CELL)) for _ in range(size)]
        for name in columns
    }
    if layout is Layout.MONADIC:  # events carry the second row's actor
        cells.setdefault("actor2", [""] * size)
    return AcledHeader(columns, layout, (), (), 1), cells, size


@settings(max_examples=300, deadline=None)
@given(batches(), SELECTIONS)
def test_a_checkers_memos_give_what_the_plain_functions_give_the_cells(
    batch: tuple[AcledHeader, dict[str, list[str]], int], selection: Selection
) -> None:
    header, cells, size = batch
    checker = BatchChecker(header, selection)

    def column(name: str) -> list[str]:
        return cells.get(name, [""] * size)

    checker.start_batch()
    for name, memo in (("when", checker.when), ("what", checker.what), ("where", checker.where)):
        facet = checker.facets[name]
        values = memo.each(facet.keys(column, size))
        for row, got in enumerate(values):
            by_column: dict[str, Any] = {n: column(n)[row] for n in facet.names}
            if "actor2" in by_column:  # a facet reads whether it is filled
                by_column["actor2"] = bool(by_column["actor2"])
            failing = failing_checks(by_column, header.layout, facet.checks, selection)
            get = by_column.get
            if name == "when":
                codes: tuple[Any, ...] = (_day_code(get("event_date", "")),)
            elif name == "what":
                codes = _what_codes(
                    get("sub_event_type"), get("event_type"), get("civilian_targeting")
                )
            else:
                code, where, facts = place_codes(by_column)
                codes = (code, where)
                assert checker.places_met[code] == facts
            assert got == (*codes, failing)
