"""Checks of ACLED rows, on their cells as text: no model record is built to check a row.

Each rule is defined once: ACLED's value formats in :mod:`eventcode.acled.values`, the taxonomy,
interaction and country rules in :mod:`eventcode.checks.codebook` (whose C-codes the findings
keep). Findings carry the row's line, the column (``field``) and the ``event_id_cnty``. Rules on
the event as a whole that the dataset checks already apply to the converted event (civilian
targeting on a Battles event, C013) are left to them.

The checks are pure functions of a few cells each (:data:`_GROUPS`), cached by value. They are
applied in two ways with one definition: :func:`row_findings` to one row, and
:func:`batch_findings` to many rows held as columns, where each check runs once per distinct
combination of its cells (taxonomy, actor types, countries and dates repeat across rows) and only
the rows whose values fail are then checked one by one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from typing import Any, NamedTuple

from eventcode import codebooks
from eventcode.acled.layouts import REQUIRED_COLUMNS, Layout
from eventcode.acled.rows import AcledHeader, AcledRow
from eventcode.acled.values import (
    CellError,
    all_counts,
    all_decimals,
    is_integer,
    parse_civilian_targeting,
    parse_coordinate,
    parse_count,
    parse_date,
    parse_integer,
    parse_inter,
    parse_interaction,
    parse_iso,
    parse_precision,
    shown,
)
from eventcode.checks.codebook import (
    acled_class_findings,
    acled_event_type_problem,
    interaction_findings,
    region_country_findings,
)
from eventcode.checks.registry import (
    EVERYTHING,
    CheckDeclaration,
    Selection,
    UndeclaredCodeError,
    declare,
)
from eventcode.findings import Finding, Severity, finding_codes, make_finding
from eventcode.jsonpath import ROOT, join_key, split
from eventcode.model import AcledClass
from eventcode.model.events import ACLED_EVENT_ID_PATTERN

__all__ = [
    "CELLS",
    "COORDINATE_CHECK",
    "DUPLICATE_IDS",
    "EVENT_ID",
    "NUL",
    "ROW_RULES",
    "Check",
    "Columns",
    "RowScreen",
    "Template",
    "batch_findings",
    "cell_codes",
    "checks_within",
    "duplicate_id_finding",
    "failing_checks",
    "group_checks",
    "ordered_row_templates",
    "read_coordinates",
    "required_columns",
    "row_findings",
    "row_templates",
    "screen_groups",
]

#: Matched whole (fullmatch): the pattern's ``$`` would let a final line break through.
_EVENT_ID = re.compile(ACLED_EVENT_ID_PATTERN.removeprefix("^").removesuffix("$"))
#: Every id of a batch, each followed by a newline, well formed (the common case, one match).
_ALL_EVENT_IDS = re.compile(r"(?:[A-Z]{3}[0-9]+\n)*")
_YEAR_DIGITS = 4
#: The character no cell may hold (A018).
NUL = "\x00"
_CACHE = 4096
#: Unix seconds of at most 11 digits (to the year 5138): a longer cell is no day to compare.
_TIMESTAMP_DIGITS = 11
#: A check of a row's cells (after A003 and A009), returning finding templates.
Check = Callable[..., "Templates"]
#: A finding of a row before it is placed: code, message, column.
Template = tuple[str, str, str | None]
Templates = tuple[Template, ...]
_NONE: Templates = ()


def _templates(findings: Iterable[Finding]) -> Templates:
    """Templates of the shared checks' findings: the column is the last step of their path."""
    out = []
    for finding in findings:
        path = finding.location.path
        column = str(split(path)[-1]) if path and path != ROOT else None
        out.append((finding.code, finding.message, column))
    return tuple(out)


#: Cells of a batch of rows, by column: each sequence holds one cell per row, in row order.
Columns = Mapping[str, Sequence[str]]


class _Group(NamedTuple):
    """One cached check and the cells it takes, as columns of a batch (see :func:`_arguments`)."""

    declaration: CheckDeclaration  # its name and the codes it may emit
    check: Callable[..., Templates]
    cells: tuple[str, ...]  # the columns it reads
    arguments: Callable[[Columns, int, Layout], Iterable[tuple[Any, ...]] | None]
    #: No row fails when these columns' cells are all blank or counts (see all_counts): told
    #: at once of a batch whose cells are too varied to remember.
    count_cells: tuple[str, ...] = ()
    #: Of ``cells``, those the arguments read only when this tells, of the others' columns,
    #: that they are needed (``None``: all are always read).
    needs_rest: Callable[[Columns], bool] | None = None
    rest: tuple[str, ...] = ()
    #: Tells cheaply that none of many new arguments can fail (else each is checked).
    clean_arguments: Callable[[set[tuple[Any, ...]]], bool] | None = None


#: How a check takes one row's arguments from its cells in order (see :class:`_Cells`).
_Pick = Callable[[Sequence[Any]], tuple[Any, ...]]


class _Cells:
    """Arguments that are a row's cells: one definition for a batch's columns and for one row.

    Argument ``i`` is the cell of column ``names[i]``, converted when ``convert`` names the
    column; a column the layout lacks gives its blank (``blanks``, else ``blank``) to every
    row. The layout follows the cells when ``layout`` is set. With ``needs``, the check applies
    only when the layout has that column (else there are no arguments: ``None``).
    """

    def __init__(
        self,
        *names: str,
        blank: Any = None,
        blanks: Mapping[str, Any] | None = None,
        convert: Mapping[str, Callable[[Any], Any]] | None = None,
        layout: bool = False,
        needs: str | None = None,
    ) -> None:
        self.names = names
        self._blanks = tuple((blanks or {}).get(name, blank) for name in names)
        self._converts = tuple((convert or {}).get(name) for name in names)
        self._layout = layout
        self._needs = needs

    def __call__(
        self, columns: Columns, size: int, layout: Layout
    ) -> Iterable[tuple[Any, ...]] | None:
        """Return the arguments of each of ``size`` rows held as ``columns``."""
        if self._needs is not None and self._needs not in columns:
            return None
        cells: list[Iterable[Any]] = [
            (columns[name] if convert is None else map(convert, columns[name]))
            if name in columns
            else repeat(blank, size)
            for name, blank, convert in zip(self.names, self._blanks, self._converts, strict=True)
        ]
        if self._layout:
            cells.append(repeat(layout, size))
        return zip(*cells, strict=True)

    def picker(self, index: Mapping[str, int], layout: Layout) -> _Pick | None:
        """Return how to take the arguments of one row from its cells, given in order.

        ``index`` gives the position of each column the layout has among the cells; ``None``
        when the check does not apply. The arguments are those :meth:`__call__` gives the row.
        """
        if self._needs is not None and self._needs not in index:
            return None
        at = [index.get(name) for name in self.names]
        present = [i for i in at if i is not None]
        if at and len(present) == len(at) and not any(self._converts) and not self._layout:
            return _taker(tuple(present))
        tail = (layout,) if self._layout else ()
        if at and len(present) == len(at):  # every cell is there: taken at once, then converted
            take = _taker(tuple(present))
            converts = tuple((k, c) for k, c in enumerate(self._converts) if c is not None)

            def pick_present(cells: Sequence[Any]) -> tuple[Any, ...]:
                taken = list(take(cells))
                for k, convert in converts:
                    taken[k] = convert(taken[k])
                return (*taken, *tail)

            return pick_present
        parts = tuple(zip(at, self._blanks, self._converts, strict=True))

        def pick(cells: Sequence[Any]) -> tuple[Any, ...]:
            taken = [
                blank if i is None else cells[i] if convert is None else convert(cells[i])
                for i, blank, convert in parts
            ]
            return (*taken, *tail)

        return pick


def _one_cell(at: int) -> _Pick:
    def pick(cells: Sequence[Any]) -> tuple[Any, ...]:
        return (cells[at],)

    return pick


def _no_cells(cells: Sequence[Any]) -> tuple[Any, ...]:
    return ()


def _taker(positions: tuple[int, ...]) -> _Pick:
    """Return how to take the cells at ``positions`` of a row, as a tuple (one C-level call)."""
    if not positions:
        return _no_cells
    if len(positions) == 1:  # itemgetter of one position gives the cell, not a tuple
        return _one_cell(positions[0])
    return itemgetter(*positions)


def _cells(*names: str, blank: str | None = None) -> _Cells:
    """Arguments that are cells; a column the layout lacks gives ``blank`` to every row."""
    return _Cells(*names, blank=blank)


def _only_if(name: str, *names: str) -> _Cells:
    """Arguments that are cells, only when the layout has column ``name`` (else no check)."""
    return _Cells(*names, needs=name)


#: inter1 and inter2 (``None``: not in the file), whether actor2 is filled (``None``: not in
#: the file), the interaction (blank when not in the file), and the layout.
_actor_arguments = _Cells(
    "inter1",
    "inter2",
    "actor2",
    "interaction",
    blanks={"interaction": ""},
    convert={"actor2": bool},
    layout=True,
)


def _in_range(coordinates: set[tuple[Any, ...]]) -> bool:
    """Every coordinate a number of the grammar in range, and none at 0, 0."""
    texts = list(zip(*coordinates, strict=True))
    if texts and not (all_decimals(texts[0]) and all_decimals(texts[1])):
        return False
    latitudes = list(map(float, texts[0] if texts else ()))
    longitudes = list(map(float, texts[1] if texts else ()))
    total = sum(latitudes) + sum(longitudes)  # NaN if any is NaN
    return (
        total == total
        and -90 <= min(latitudes, default=0) <= max(latitudes, default=0) <= 90
        and -180 <= min(longitudes, default=0) <= max(longitudes, default=0) <= 180
        and not (0.0 in latitudes and (0.0, 0.0) in zip(latitudes, longitudes, strict=True))
    )


def row_findings(
    row: AcledRow, header: AcledHeader, selection: Selection = EVERYTHING
) -> list[Finding]:
    """Return every finding of one row on its own (duplicate ids need the file: see source).

    The checks return findings without line or event; they are placed here. A rule none of
    whose codes ``selection`` keeps does not run, unless it finds errors: an error decides that
    the row is not read, so it is found (and left for the caller to drop) even when ignored.
    """
    templates = row_templates(row.cells, header, selection)
    return _place(templates, row.line, row.cells.get("event_id_cnty"))


def row_templates(
    cells: Mapping[str, str], header: AcledHeader, selection: Selection = EVERYTHING
) -> list[Template]:
    """Return the findings of one row as templates (code, message, column), not yet placed.

    The templates :func:`row_findings` places: every check of the row's cells (the columns
    it has, in their order; ``header`` gives the layout and the required columns).
    """
    return ordered_row_templates(tuple(cells), list(cells.values()), header, selection)


def ordered_row_templates(
    names: tuple[str, ...],
    cells: Sequence[str],
    header: AcledHeader,
    selection: Selection = EVERYTHING,
) -> list[Template]:
    """Return :func:`row_templates` of a row given as its columns ``names`` and its ``cells``.

    ``cells`` holds one cell a name, in the same order.
    """
    plan = _one_row(names, header.columns, header.layout, selection)
    return plan.templates(cells)


class _OneRow:
    """:func:`_rows_templates` of a batch of one row, made ready once for its columns.

    The same checks in the same order, each taking its arguments from the row's cells as
    :class:`RowScreen` does (:func:`_picker`: the arguments a batch of one gives it); what
    depends only on the columns, the layout and the selection (the codes kept, the required
    columns, where each check's cells are) is worked out here rather than per row.
    """

    def __init__(
        self,
        names: tuple[str, ...],
        columns: tuple[str, ...],
        layout: Layout,
        selection: Selection,
    ) -> None:
        index = {name: at for at, name in enumerate(names)}
        cell_codes = _kept_codes(CELLS, selection)
        required = _required(columns) if "A003" in cell_codes else ()
        self._required = tuple(
            (index[column], ("A003", f"{column} is blank; every ACLED row fills it", column))
            for column in required
        )
        self._required_cells = _taker(tuple(index[column] for column in required))
        self._event_at = index.get("event_id_cnty")
        self._a024 = "A024" in cell_codes
        self._a009 = "A009" in cell_codes
        self._nul = (
            tuple(
                ("A018", f"{column} holds a NUL character (most tools refuse it)", column)
                for column in names
            )
            if "A018" in cell_codes
            else None
        )
        steps = []
        for group in _GROUPS:
            kept = _kept_codes(group.declaration, selection)
            if not kept:
                continue
            integers = [index[n] for n in group.count_cells if n in index]
            if group.count_cells and not integers:
                continue  # no row fails: the batch tells it of the columns (batch_findings)
            pick = _picker(group, index, layout)
            if pick is not None:
                screen = _taker(tuple(integers)) if integers else None
                steps.append((group.check, pick, group.declaration, kept, screen))
        self._steps = tuple(steps)

    def templates(self, cells: Sequence[str]) -> list[Template]:
        """Return the templates of one row whose cells are given in the columns' order."""
        found: list[Template] = (
            [template for at, template in self._required if cells[at] == ""]
            if "" in self._required_cells(cells)
            else []
        )
        if self._event_at is not None:
            event = cells[self._event_at]
            if not event:
                if self._a024:
                    found.append(("A024", _BLANK_ID, "event_id_cnty"))
            elif self._a009 and not _EVENT_ID.fullmatch(event):
                why = f"{shown(event)} is not an ACLED event id (three capitals and a number)"
                found.append(("A009", why, "event_id_cnty"))
        if self._nul is not None and NUL in "".join(cells):
            found += [t for t, text in zip(self._nul, cells, strict=True) if NUL in text]
        for check, pick, declaration, kept, integers in self._steps:
            if integers is not None and all_counts(integers(cells)):
                continue  # no row fails (_Group.count_cells), as the batch tells it
            templates = check(*pick(cells))
            if templates:
                found += _kept(declaration, templates, kept)
        return found


def _one_row(
    names: tuple[str, ...], columns: tuple[str, ...], layout: Layout, selection: Selection
) -> _OneRow:
    """Return the checks of one row of the columns ``names`` (the header's: ``columns``).

    Made once per key and kept with the checks it was made of (:data:`_GROUPS`, whose
    identity it is checked against: a plan of other checks is made again).
    """
    # The header's own columns (the common case) are not hashed twice; a selection is its
    # codes (a frozenset keeps its hash).
    codes = selection.codes
    key = (names, layout, codes) if columns == names else (names, columns, layout, codes)
    found = _ONE_ROW.get(key)
    if found is None or found[0] is not _GROUPS:
        if len(_ONE_ROW) >= _ONE_ROW_LIMIT:
            _ONE_ROW.clear()
        found = _ONE_ROW[key] = (_GROUPS, _OneRow(names, columns, layout, selection))
    return found[1]


#: The checks of one row made ready, by columns, header columns, layout and selection (with
#: the checks each was made of); a bounded memory, cleared when it fills.
_ONE_ROW: dict[tuple[Any, ...], tuple[tuple[_Group, ...], _OneRow]] = {}
_ONE_ROW_LIMIT = 256


def checks_within(names: Collection[str]) -> frozenset[Check]:
    """Return the checks (after A003 and A009) that read only cells of the columns ``names``."""
    return frozenset(g.check for g in _GROUPS if set(g.cells) <= set(names))


def _kept_codes(declaration: CheckDeclaration, selection: Selection) -> frozenset[str]:
    """Return the codes of a rule that are found: those selected, and its errors (see above)."""
    return selection.selected(declaration) | _ERROR_CODES.intersection(declaration.codes)


def _kept(
    declaration: CheckDeclaration, templates: Iterable[Template], kept: frozenset[str]
) -> list[Template]:
    """Return the templates of ``kept`` codes; raise on a code the rule does not declare."""
    out = []
    for template in templates:
        if template[0] in kept:
            out.append(template)
        elif template[0] not in declaration.codes:
            raise UndeclaredCodeError(declaration, template[0])
    return out


def failing_checks(
    cells: Mapping[str, Any],
    layout: Layout,
    checks: Collection[Check],
    selection: Selection = EVERYTHING,
) -> frozenset[Check]:
    """Return those of ``checks`` that find a problem ``selection`` keeps in one row's ``cells``.

    The columns the layout lacks are left out; ``actor2`` may be given as whether it is filled.
    """
    single = {name: (value,) for name, value in cells.items()}
    failing = []
    for group in _GROUPS:
        if group.check in checks:
            arguments = group.arguments(single, 1, layout)
            if arguments is None:
                continue
            kept = _kept_codes(group.declaration, selection)
            if _kept(group.declaration, group.check(*next(iter(arguments))), kept):
                failing.append(group.check)
    return frozenset(failing) if failing else _NO_CHECKS  # one empty set for every memo entry


class RowScreen:
    """:func:`failing_checks` for rows of a few columns, made ready once for many rows.

    What depends only on the columns, the layout, ``checks`` and ``selection`` is worked out
    here rather than per row: the checks that apply, how each takes its arguments from a row's
    cells, the codes kept. Each row then runs the same check functions on the same arguments,
    kept as :func:`failing_checks` keeps their templates.
    """

    def __init__(
        self,
        names: Sequence[str],
        layout: Layout,
        checks: Collection[Check],
        selection: Selection = EVERYTHING,
    ) -> None:
        index = {name: at for at, name in enumerate(names)}
        steps = []
        for group in _GROUPS:
            if group.check in checks:
                pick = _picker(group, index, layout)
                if pick is not None:
                    kept = _kept_codes(group.declaration, selection)
                    steps.append((group.check, pick, group.declaration, kept))
        self._steps = tuple(steps)

    def failing(self, cells: Sequence[Any]) -> frozenset[Check]:
        """Return the checks that find a problem kept in one row's ``cells`` (in column order).

        ``actor2`` may be given as whether it is filled, or its cell (``"1"``, ``""``).
        """
        failing = [
            check
            for check, pick, declaration, kept in self._steps
            if (templates := check(*pick(cells))) and _kept(declaration, templates, kept)
        ]
        return frozenset(failing) if failing else _NO_CHECKS


def _picker(group: _Group, index: Mapping[str, int], layout: Layout) -> _Pick | None:
    """Return how ``group``'s check takes one row's arguments (``None``: it does not apply).

    A check whose arguments are not plain cells takes them as :func:`failing_checks` does, from
    the row as a batch of one (of the columns it reads, :attr:`_Group.cells`: the others do not
    change its arguments); whether it applies depends on the columns, not on the cells.
    """
    arguments = group.arguments
    if isinstance(arguments, _Cells | _PlaceArguments):
        return arguments.picker(index, layout)
    if arguments(dict.fromkeys(index, ("",)), 1, layout) is None:
        return None

    read = tuple((name, at) for name, at in index.items() if name in group.cells)

    def pick(cells: Sequence[Any]) -> tuple[Any, ...]:
        single = {name: (cells[at],) for name, at in read}
        return next(iter(arguments(single, 1, layout) or ()))

    return pick


def batch_findings(
    columns: Columns,
    lines: Sequence[int],
    header: AcledHeader,
    *,
    screened: Collection[Check] = frozenset(),
    suspects: Mapping[int, Collection[Check]] | None = None,
    selection: Selection = EVERYTHING,
    file: str | None = None,
) -> dict[int, list[Finding]]:
    """Return the findings of each row of a batch that has any, by row index.

    ``columns`` holds the rows' cells by column (every column of ``header``), ``lines`` the line
    each row starts on, ``file`` the file the findings name (made so, not placed after). The
    same as :func:`row_findings` on each row, when the caller has screened the ``screened``
    checks itself and names in ``suspects`` every row they fail, with the checks it fails. A row
    is checked again (its findings made) only by the checks that fail it, and the checks of its
    cells (A003, A009, A018, A024).
    """
    size = len(lines)
    need: dict[int, set[Check]] = {i: set(c) for i, c in (suspects or {}).items()}

    def cells_of(rows: Iterable[int]) -> None:  # checked again for their cells alone
        for i in rows:
            need.setdefault(i, set())

    cell_codes = _kept_codes(CELLS, selection)
    if "A003" in cell_codes:
        for column in _required(header.columns):
            if "" in columns[column]:
                cells_of(i for i, text in enumerate(columns[column]) if text == "")
    events = columns.get("event_id_cnty", ())
    if "" in events and "A024" in cell_codes:  # A024: read with an id from its line
        cells_of(i for i, event in enumerate(events) if not event)
    joined = "\n".join(events) + "\n"
    if events and not (
        joined.count("\n") == len(events) and _ALL_EVENT_IDS.fullmatch(joined)
    ):  # an id holding a line break would pass as two
        cells_of(i for i, e in enumerate(events) if e and not _EVENT_ID.fullmatch(e))
    if "A018" in cell_codes:
        for cells in columns.values():
            if NUL in "".join(cells):
                cells_of(i for i, cell in enumerate(cells) if NUL in cell)
    for group in _GROUPS:
        kept = _kept_codes(group.declaration, selection)
        if group.check in screened or not kept:
            continue
        if group.count_cells and all(
            all_counts(columns[n]) for n in group.count_cells if n in columns
        ):
            continue
        arguments = group.arguments(columns, size, header.layout)
        if arguments is None:
            continue
        passed = _passed(group.check, kept)
        new = set(arguments).difference(passed)
        if len(new) > 16 and group.clean_arguments is not None and group.clean_arguments(new):
            failing = set()
        else:
            failing = {
                values for values in new if _kept(group.declaration, group.check(*values), kept)
            }
        if len(passed) > _PASSED_LIMIT:
            passed.clear()
        passed.update(new.difference(failing))
        if failing:
            again = group.arguments(columns, size, header.layout) or ()
            for i, values in enumerate(again):
                if values in failing:
                    need.setdefault(i, set()).add(group.check)
    rows = sorted(need)
    if not rows:
        return {}
    suspect = {column: [cells[i] for i in rows] for column, cells in columns.items()}
    checks = [need[i] for i in rows]
    found = {}
    for index, templates in zip(
        rows, _rows_templates(suspect, len(rows), header, selection, checks), strict=True
    ):
        if templates:
            event = events[index] if events else None
            found[index] = _place(templates, lines[index], event, file)
    return found


def _rows_templates(
    columns: Columns,
    size: int,
    header: AcledHeader,
    selection: Selection,
    checks: Sequence[Collection[Check]] | None = None,
) -> list[list[Template]]:
    """Return the templates ``selection`` keeps of each of ``size`` rows, given as columns.

    Each row's templates come in the order the checks run; each check takes its cells from the
    columns as it does in a batch (one row is a batch of one: :func:`row_findings`). With
    ``checks``, row ``i`` runs only the checks ``checks[i]`` (known to be all that fail it)
    after those of its cells; else every check.
    """
    found: list[list[Template]] = [[] for _ in range(size)]
    cell_codes = _kept_codes(CELLS, selection)
    if "A003" in cell_codes:
        for column in _required(header.columns):
            if "" in columns[column]:
                why = f"{column} is blank; every ACLED row fills it"
                for index, text in enumerate(columns[column]):
                    if text == "":
                        found[index].append(("A003", why, column))
    events = columns.get("event_id_cnty")
    if events is not None:
        for index, event in enumerate(events):
            if not event:
                if "A024" in cell_codes:
                    found[index].append(("A024", _BLANK_ID, "event_id_cnty"))
            elif not _EVENT_ID.fullmatch(event) and "A009" in cell_codes:
                why = f"{shown(event)} is not an ACLED event id (three capitals and a number)"
                found[index].append(("A009", why, "event_id_cnty"))
    if "A018" in cell_codes:
        for column, cells in columns.items():
            if NUL in "".join(cells):
                why = f"{column} holds a NUL character (most tools refuse it)"
                for index, text in enumerate(cells):
                    if NUL in text:
                        found[index].append(("A018", why, column))
    for group in _GROUPS:
        kept = _kept_codes(group.declaration, selection)
        if not kept:
            continue
        arguments = group.arguments(columns, size, header.layout)
        if arguments is None:
            continue
        check, declaration = group.check, group.declaration
        for index, values in enumerate(arguments):
            if checks is not None and check not in checks[index]:
                continue
            templates = check(*values)
            if templates:
                found[index] += _kept(declaration, templates, kept)
    return found


_NO_CHECKS: frozenset[Check] = frozenset()
_BLANK_ID = (
    "event_id_cnty is blank: the event is read with an id from the line its row starts "
    "on (acled:line-N), not an ACLED id"
)


def _place(
    templates: list[Template], line: int, event: str | None, file: str | None = None
) -> list[Finding]:
    return [
        make_finding(code, message, file=file, line=line, field=column, event=event or None)
        for code, message, column in templates
    ]


@lru_cache(maxsize=64)
def _required(columns: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(column for column in columns if column in REQUIRED_COLUMNS)


@lru_cache(maxsize=_CACHE)
def _date_findings(text: str | None, year: str | None) -> Templates:
    """Check event_date, and year against it; a text is ``None`` when the file lacks it."""
    if not text:
        return _NONE
    try:
        day = parse_date(text)
    except CellError as error:
        return (("A004", f"event_date: {error}", "event_date"),)
    if year and (
        len(year) != _YEAR_DIGITS or not is_integer(year) or int(year) != day.year
    ):
        why = f"year {shown(year)} is not the year of event_date {shown(text)} ({day.year})"
        return (("A005", why, "year"),)
    return _NONE


@lru_cache(maxsize=64)
def _precision_findings(time_precision: str | None, geo_precision: str | None) -> Templates:
    found = []
    for column, text in (("time_precision", time_precision), ("geo_precision", geo_precision)):
        if text:
            try:
                parse_precision(text)
            except CellError as error:
                found.append(("A006", f"{column}: {error}", column))
    return tuple(found)


@lru_cache(maxsize=_CACHE)
def read_coordinates(latitude: str, longitude: str) -> tuple[float | None, float | None, Templates]:
    """Return a row's latitude and longitude, and the findings of their cells (A007, A008).

    A coordinate is ``None`` when its cell is blank or fails A007. Reading a place and checking
    its cells parse them once (a place met is checked right after it is read).
    """
    found: list[Template] = []
    lat = lon = None
    if latitude:
        try:
            lat = parse_coordinate(latitude, 90, "latitude")
        except CellError as error:
            found.append(("A007", str(error), "latitude"))
    if longitude:
        try:
            lon = parse_coordinate(longitude, 180, "longitude")
        except CellError as error:
            found.append(("A007", str(error), "longitude"))
    if lat == 0.0 and lon == 0.0:  # both read (None is no number)
        why = "latitude and longitude are both 0: a placeholder, not a place"
        found.append(("A008", why, "latitude"))
    return lat, lon, tuple(found) if found else _NONE


def _coordinate_findings(latitude: str, longitude: str) -> Templates:
    return read_coordinates(latitude, longitude)[2]


#: The check of a row's coordinates (A007, A008): the one "where" check of a standard export.
COORDINATE_CHECK: Check = _coordinate_findings


def _count_findings(fatalities: str, timestamp: str) -> Templates:
    found: list[Template] = []
    for code, column, text in (
        ("A011", "fatalities", fatalities),
        ("A016", "timestamp", timestamp),
    ):
        if not text:
            continue
        try:
            parse_count(text) if code == "A011" else parse_integer(text)
        except CellError as error:
            found.append((code, f"{column}: {error}", column))
    return tuple(found)


@lru_cache(maxsize=16)
def _civilian_targeting_findings(text: str) -> Templates:
    try:
        parse_civilian_targeting(text)
    except CellError as error:
        return (("A012", str(error), "civilian_targeting"),)
    return _NONE


@lru_cache(maxsize=_CACHE)
def _actor_findings(
    inter1_text: str | None,
    inter2_text: str | None,
    has_actor2: bool | None,
    interaction: str,
    layout: Layout,
) -> Templates:
    """Actor types and interaction; a text is ``None`` when the file lacks its column.

    ``has_actor2`` is ``None`` when the file lacks actor2: inter2 is then checked on its own,
    not against actor2. The interaction is checked against the actor types only when the file
    has them (inter1, and inter2 but in a monadic file, whose pair gives the second actor).
    """
    found: list[Template] = []
    inters: dict[str, int | None] = {}
    for column, text in (("inter1", inter1_text), ("inter2", inter2_text)):
        if text is None or (column == "inter1" and not text):
            continue
        try:
            inters[column] = parse_inter(text)
        except CellError as error:
            found.append(("A013", f"{column}: {error}", column))
    if "inter2" in inters and has_actor2 is not None:
        if has_actor2 and inters["inter2"] is None:
            found.append(("A013", "actor2 is named but inter2 gives no actor type", "inter2"))
        elif not has_actor2 and inters["inter2"] is not None:
            found.append(("A013", "inter2 gives an actor type but there is no actor2", "inter2"))
    inter1 = inters.get("inter1")
    if inter1_text is not None and inter1 is None and "inter1" in inters:
        found.append(("A013", "actor1 is named but inter1 gives no actor type", "inter1"))
    if interaction:
        try:
            parse_interaction(interaction)
        except CellError as error:
            found.append(("C014", f"interaction: {error}", "interaction"))
            return tuple(found)
    if not interaction or inter1 is None or (inter2_text is not None and "inter2" not in inters):
        return tuple(found)
    if inter2_text is None and layout is not Layout.MONADIC:
        return tuple(found)  # the second actor's type is not in the file
    path = join_key(ROOT, "interaction")
    if layout is Layout.MONADIC:  # the row shows one actor; the interaction names both
        try:
            stated = codebooks.parse_acled_interaction(interaction)
        except codebooks.UnknownCodeError:
            found += _templates(interaction_findings(inter1, None, interaction, path))
            return tuple(found)
        if inter1 not in stated.actor_types:
            why = f"interaction {interaction!r} does not involve inter1 {inter1}"
            found.append(("C014", why, "interaction"))
        return tuple(found)
    inter2 = inters.get("inter2")
    found += _templates(interaction_findings(inter1, inter2, interaction, path))
    return tuple(found)


@lru_cache(maxsize=_CACHE)
def _place_findings(iso_text: str, region: str, country: str, renamed: bool | None) -> Templates:
    """Check iso, region and country; ``renamed`` tells of an earlier region name.

    ``renamed`` is ``None`` for a name that is not an earlier one, else whether it was still
    ACLED's on the row's day (:func:`_earlier_name_current`).
    """
    found: list[Template] = []
    iso: int | None = None
    if iso_text:
        try:
            iso = parse_iso(iso_text)
        except CellError as error:
            found.append(("A014", f"iso: {error}", "iso"))
    checked: str | None = region or None
    rename = codebooks.acled_renamed("region", region) if renamed is not None else None
    if rename is not None and renamed:
        why = (
            f"region {region!r} is ACLED's name until {rename.until.isoformat()}, now "
            f"{rename.current!r} (convert --modernise writes the current name)"
        )
        found.append(("C025", why, "region"))
        checked = rename.current
    elif rename is not None:
        why = (
            f"region {region!r} was renamed {rename.current!r} by {rename.until.isoformat()}; "
            "this row is dated later"
        )
        found.append(("C023", why, "region"))
        checked = None
    found += _templates(region_country_findings(checked, country or None, iso, ROOT))
    return tuple(found)


_EARLIER_REGIONS = frozenset(r.old for r in codebooks.acled_renames("region"))


def _row_day(timestamp: str, event_date: str) -> date | None:
    """Return the day a row was written as it stands: its timestamp's, else its event's."""
    if timestamp and is_integer(timestamp) and len(timestamp) <= _TIMESTAMP_DIGITS:
        return datetime.fromtimestamp(int(timestamp), UTC).date()
    try:
        return parse_date(event_date)
    except CellError:
        return None  # the row fails A004 (or A003)


def _earlier_name_current(region: str, timestamp: str, event_date: str) -> bool | None:
    """``None`` unless ``region`` is an earlier name; then whether it was still ACLED's."""
    rename = codebooks.acled_renamed("region", region)
    if rename is None:
        return None
    day = _row_day(timestamp, event_date)
    return True if day is None else rename.current_at(day)


def _earlier_regions_named(columns: Columns) -> bool:
    """Tell whether a batch's regions name one ACLED renamed: its day is then read."""
    return "region" in columns and not _EARLIER_REGIONS.isdisjoint(columns["region"])


class _PlaceArguments:
    """iso, region, country, and whether an earlier region name was current on the row's day.

    The day (:func:`_earlier_name_current`) is read only where a region names one ACLED
    renamed (else ``None``, what it gives): of a batch, only when any row's does.
    """

    _CELLS = _cells("iso", "region", "country", "timestamp", "event_date", blank="")

    def __call__(self, columns: Columns, size: int, layout: Layout) -> Iterable[tuple[Any, ...]]:
        """Return the arguments of each of ``size`` rows held as ``columns``."""

        def cells(name: str) -> Iterable[str]:
            return columns[name] if name in columns else repeat("", size)

        renamed: Iterable[bool | None] = repeat(None, size)
        if _earlier_regions_named(columns):
            renamed = map(
                _earlier_name_current, columns["region"], cells("timestamp"), cells("event_date")
            )
        return zip(cells("iso"), cells("region"), cells("country"), renamed, strict=True)

    def picker(self, index: Mapping[str, int], layout: Layout) -> _Pick:
        """Return how to take the arguments of one row from its cells (see :class:`_Cells`)."""
        take = self._CELLS.picker(index, layout)
        assert take is not None  # plain cells: always taken

        def pick(cells: Sequence[Any]) -> tuple[Any, ...]:
            iso, region, country, timestamp, event_date = take(cells)
            if region in _EARLIER_REGIONS:
                return iso, region, country, _earlier_name_current(region, timestamp, event_date)
            return iso, region, country, None

        return pick


_place_arguments = _PlaceArguments()


@lru_cache(maxsize=_CACHE)
def _taxonomy_findings(disorder: str | None, event_type: str | None, sub: str | None) -> Templates:
    """Check the taxonomy; a text is ``None`` when the file lacks its column.

    Without ``disorder_type`` (the legacy layout, or a subset) the sub-event type gives it, and
    without ``event_type`` the sub-event type's event type; without ``sub_event_type`` only the
    event type is checked (C010), as nothing else can be.
    """
    if sub is None:
        problem = acled_event_type_problem(event_type) if event_type else None
        return _NONE if problem is None else (("C010", problem, "event_type"),)
    derived = event_type is None
    if derived and sub:
        try:
            event_type = codebooks.acled_sub_event_type(sub).event_type
        except codebooks.UnknownCodeError:
            event_type = "-"  # the unknown sub-event type is C010; no event type to check
    if not event_type or not sub:
        return _NONE
    if disorder is None:
        try:
            disorder = codebooks.acled_sub_event_type(sub).disorder_type
        except codebooks.UnknownCodeError:
            disorder = "-"
    if not disorder:
        return _NONE
    acled = AcledClass(disorder_type=disorder, event_type=event_type, sub_event_type=sub)
    found = _templates(acled_class_findings(acled, ROOT))
    return tuple(t for t in found if t[2] != "event_type") if derived else found


#: The checks of a row's cells on their own, before the rest: required cells, ids, NUL.
CELLS = declare(
    "acled-cells", ("A003", "A024", "A009", "A018"), "ACLED required cells, event ids, NUL"
)
#: The checks of a row after A003 and A009, in the order their findings are reported.
_GROUPS: tuple[_Group, ...] = (
    _Group(
        declare("acled-dates", ("A004", "A005"), "ACLED event_date and year"),
        _date_findings,
        ("event_date", "year"),
        _cells("event_date", "year"),
    ),
    _Group(
        declare("acled-precisions", ("A006",), "ACLED time and geo precision"),
        _precision_findings,
        ("time_precision", "geo_precision"),
        _cells("time_precision", "geo_precision"),
    ),
    _Group(
        declare("acled-coordinates", ("A007", "A008"), "ACLED latitude and longitude"),
        _coordinate_findings,
        ("latitude", "longitude"),
        _cells("latitude", "longitude", blank=""),
        clean_arguments=_in_range,
    ),
    _Group(
        declare("acled-counts", ("A011", "A016"), "ACLED fatalities and timestamp"),
        _count_findings,
        ("fatalities", "timestamp"),
        _cells("fatalities", "timestamp", blank=""),
        count_cells=("fatalities", "timestamp"),
    ),
    _Group(
        declare("acled-civilian-targeting", ("A012",), "ACLED civilian_targeting"),
        _civilian_targeting_findings,
        ("civilian_targeting",),
        _only_if("civilian_targeting", "civilian_targeting"),
    ),
    _Group(
        declare("acled-actors", ("A013", "C014"), "ACLED actor types and interaction"),
        _actor_findings,
        ("inter1", "inter2", "actor2", "interaction"),
        _actor_arguments,
    ),
    _Group(
        declare(
            "acled-places", ("A014", "C023", "C024", "C025"), "ACLED iso, region and country"
        ),
        _place_findings,
        ("iso", "region", "country", "timestamp", "event_date"),
        _place_arguments,
        needs_rest=_earlier_regions_named,
        rest=("timestamp", "event_date"),
    ),
    _Group(
        declare("acled-taxonomy", ("C010", "C011", "C012"), "ACLED event taxonomy"),
        _taxonomy_findings,
        ("disorder_type", "event_type", "sub_event_type"),
        _cells("disorder_type", "event_type", "sub_event_type"),
    ),
)
#: An event id on an earlier row too (across rows: the file's ids are needed).
DUPLICATE_IDS = declare("acled-duplicate-ids", ("A010",), "an ACLED event id on two rows")


def duplicate_id_finding(event_id: str, line: int) -> Finding:
    """Return the finding of the row on ``line`` whose ``event_id_cnty`` an earlier row has."""
    return make_finding(
        "A010",
        f"event_id_cnty {event_id!r} is on an earlier row too",
        line=line,
        field="event_id_cnty",
        event=event_id,
    )


#: Every row rule: the cells, then each group's.
ROW_RULES: tuple[CheckDeclaration, ...] = (CELLS, *(g.declaration for g in _GROUPS))
#: Per check and the codes kept of it, arguments it has passed (each a bounded memory: cleared
#: when it fills).
_PASSED_LIMIT = 1 << 16
_PASSED: dict[tuple[Callable[..., Templates], frozenset[str]], set[tuple[Any, ...]]] = {}
_ERROR_CODES = frozenset(
    code for code, info in finding_codes().items() if info.severity is Severity.ERROR
)


def _passed(check: Callable[..., Templates], kept: frozenset[str]) -> set[tuple[Any, ...]]:
    """Return the arguments ``check`` has passed when only ``kept`` codes count."""
    return _PASSED.setdefault((check, kept), set())


#: A well-formed ``event_id_cnty`` (A009), to match whole.
EVENT_ID = _EVENT_ID


def required_columns(columns: tuple[str, ...]) -> tuple[str, ...]:
    """Return those of ``columns`` every ACLED row fills (A003)."""
    return _required(columns)


def group_checks() -> frozenset[Check]:
    """Return every check after A003 and A009 (each run by :func:`batch_findings`)."""
    return frozenset(group.check for group in _GROUPS)


def screen_groups(
    distinct_of: Callable[[tuple[str, ...]], Any],
    layout: Layout,
    selection: Selection,
    screened: Collection[Check],
    integers: Callable[[str], bool],
) -> Iterator[tuple[Check, Any, list[bool]]]:
    """Tell, for each check not ``screened``, which combinations of its cells it fails.

    ``distinct_of`` takes the columns a check reads and returns the distinct combinations of
    their cells in a batch: an object with ``column(name)`` (its cells, one a combination, as
    :data:`Columns` hold them) and ``size``. ``integers`` tells whether a column's cells are
    all blank or counts (:func:`~eventcode.acled.values.all_counts`; true of a column the
    batch lacks). Yields each check, that object, and whether each combination fails the
    check with a code ``selection`` keeps: what :func:`batch_findings` works out row by row,
    worked out once a combination (by the same checks and memory of arguments passed).
    """
    for group in _GROUPS:
        kept = _kept_codes(group.declaration, selection)
        if group.check in screened or not kept:
            continue
        if group.count_cells and all(map(integers, group.count_cells)):
            continue  # no row fails: told of the columns at once, as batch_findings tells it
        # The cells a check may not need are grouped by only when it needs them (timestamps
        # are as many as rows).
        needed = tuple(n for n in group.cells if n not in group.rest)
        distinct = distinct_of(needed)
        columns = {name: distinct.column(name) for name in needed if name in distinct.cells}
        if group.needs_rest is not None and group.needs_rest(columns):
            distinct = distinct_of(group.cells)
            columns = {n: distinct.column(n) for n in group.cells if n in distinct.cells}
        arguments = group.arguments(columns, distinct.size, layout)
        if arguments is None:
            continue
        passed = _passed(group.check, kept)
        if len(passed) > _PASSED_LIMIT:
            passed.clear()
        failing = []
        for values in arguments:
            fails = False
            if values not in passed:
                fails = bool(_kept(group.declaration, group.check(*values), kept))
                if not fails:
                    passed.add(values)
            failing.append(fails)
        yield group.check, distinct, failing


def cell_codes(selection: Selection) -> frozenset[str]:
    """Return the codes of the checks of cells on their own that ``selection`` finds."""
    return _kept_codes(CELLS, selection)
