"""Writing datasets as ACLED CSV, and converting files to it.

:func:`write_acled` writes a dataset and returns an :class:`AcledReport` that counts the events
left out, by reason: nothing is dropped silently. Converting any file to ACLED CSV is
:func:`eventcode.conversion.convert` (an ACLED input keeps its style unless the options say
otherwise), whose result holds this report.
Output is deterministic: the same input and options give the same bytes (no clock is read).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from attrs import frozen

from eventcode.acled.contract import How, checked_row
from eventcode.acled.forward import bring_forward
from eventcode.acled.layouts import CURRENT_COLUMNS, HXL_TAGS
from eventcode.acled.mapping import Lookups, exclusion_reason, render_event
from eventcode.acled.options import AcledOptions, AcledStyle
from eventcode.errors import EventsLeftOutError
from eventcode.findings import Finding
from eventcode.io.atomic import write_atomic
from eventcode.model import Dataset, Event
from eventcode.rules import policy as get_policy

__all__ = [
    "AcledReport",
    "LeftOutEvent",
    "acled_event_rows",
    "acled_report",
    "dumps_acled",
    "write_acled",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
#: A number in ASCII digits (what a spreadsheet shows as a number, never runs).
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_SPECIAL = re.compile(r'[,"\r\n]')


@frozen(kw_only=True)
class LeftOutEvent:
    """An event the ACLED output does not hold, and why.

    ``classified`` is true for an event with an ACLED class: one ACLED would record, whose
    absence is a loss (finding A020 in a conversion) rather than the format's limit (a
    CAMEO-only statement).
    """

    event: str
    reason: str
    classified: bool = False


@frozen(kw_only=True)
class AcledReport:
    """What a write or conversion did: rows written, ids assigned, events left out.

    ``findings`` are those of reading the input (for :func:`convert`); ``style`` the style
    written.
    """

    rows: int
    style: AcledStyle
    columns: tuple[str, ...]
    assigned_ids: tuple[tuple[str, str], ...] = ()
    left_out: tuple[LeftOutEvent, ...] = ()
    findings: tuple[Finding, ...] = ()

    def left_out_by_reason(self) -> dict[str, int]:
        """Return how many events were left out for each reason."""
        return dict(sorted(Counter(x.reason for x in self.left_out).items()))

    def to_dict(self) -> dict[str, Any]:
        """Return the report as a JSON-ready dictionary (for a CLI's ``--format json``)."""
        return {
            "rows": self.rows,
            "codes": self.style.codes.value,
            "dates": self.style.dates.value,
            "columns": list(self.columns),
            "assigned_ids": dict(self.assigned_ids),
            "left_out": [
                {"event": x.event, "reason": x.reason, "classified": x.classified}
                for x in self.left_out
            ],
            "left_out_by_reason": self.left_out_by_reason(),
            "findings": [f.to_dict() for f in self.findings],
        }


def _assign_ids(events: list[Event], start: int) -> dict[str, str]:
    """Give each event without an event_id_cnty the next free number, in order, per country."""
    taken = {e.acled.event_id_cnty for e in events if e.acled and e.acled.event_id_cnty}
    assigned: dict[str, str] = {}
    number = start
    for event in events:
        if event.acled is None or event.acled.event_id_cnty:
            continue
        prefix = event.place.country if event.place and event.place.country else "XXX"
        while f"{prefix}{number}" in taken:
            number += 1
        assigned[event.id] = f"{prefix}{number}"
        number += 1
    return assigned


def _neutralise(value: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula; a plain number is left.

    Every cell is treated alike, numeric columns too: a kept cell can put text in any column.
    """
    if not value.startswith(_FORMULA_START) or _PLAIN_NUMBER.fullmatch(value):
        return value  # a negative longitude, a signed number in an extra column
    return "'" + value


def _quoted(cell: str) -> str:
    """Quote a cell as RFC 4180 asks: when it holds a comma, a quote, a CR or an LF."""
    if _SPECIAL.search(cell) is None:
        return cell
    return '"' + cell.replace('"', '""') + '"'


def _csv_line(row: list[str]) -> str:
    if row == [""]:
        return '""\n'  # a lone blank cell, not an empty line
    return ",".join(map(_quoted, row)) + "\n"


def _row_problem(
    event: Event, lookups: Lookups, how: How
) -> tuple[str | None, dict[str, str] | None]:
    """Return why an event's row would not validate (the first error), or its written cells.

    The cells (see :class:`~eventcode.acled.contract.CheckedRow`) may be ``None`` all the same.
    """
    columns = [c.column for c in event.acled.cells] if event.acled is not None else []
    if len(set(columns)) < len(columns):  # validate's S103: one of them would be lost
        twice = next(c for i, c in enumerate(columns) if c in columns[:i])
        return f"its ACLED row would not validate: S103 kept cell {twice!r} is kept twice", None
    if event.acled is None:
        return None, None
    found, cells = checked_row(event, "$", lookups, how)
    for finding in found:
        return f"its ACLED row would not validate: {finding.code} {finding.message}", None
    return None, cells


def _rows(
    dataset: Dataset, options: AcledOptions, style: AcledStyle
) -> tuple[list[str], Iterator[list[str]], AcledReport]:
    columns, rows, report = _event_rows(dataset, options, style)
    return columns, (row for _, row in rows), report


def _event_rows(
    dataset: Dataset, options: AcledOptions, style: AcledStyle, *, hold_cells: bool = False
) -> tuple[list[str], Iterator[tuple[Event, list[str]]], AcledReport]:
    """Return the columns, each event written with its row (in order), and the report.

    The writer checks every event's row before it writes any (the report comes first), so a
    streamed write renders each event twice. With ``hold_cells`` the rows checked are held and
    written as they are (with the id assigned), each event rendered once, at the cost of
    holding every row until it is written.
    """
    dataset = bring_forward(
        dataset, modernise=options.modernise, legacy_columns=options.legacy_columns
    )
    lookups = Lookups.of(dataset)
    how = How(style, get_policy(options.policy), options.timestamp)
    kept: list[Event] = []
    held: list[dict[str, str] | None] = []
    left_out: list[LeftOutEvent] = []
    for event in dataset.events:
        reason, cells = exclusion_reason(event, lookups), None
        if reason is None:
            reason, cells = _row_problem(event, lookups, how)
        if reason is None:
            kept.append(event)
            held.append(cells if hold_cells else None)
        else:
            classified = event.acled is not None
            left_out.append(LeftOutEvent(event=event.id, reason=reason, classified=classified))
    extras: list[str] = []
    if options.extra_columns:
        seen = set(CURRENT_COLUMNS)
        for event in kept:
            for cell in event.acled.cells if event.acled is not None else ():
                if cell.column not in seen:
                    seen.add(cell.column)
                    extras.append(cell.column)
    columns = [*CURRENT_COLUMNS, *extras]
    assigned = _assign_ids(kept, options.id_start)

    def rows() -> Iterator[tuple[Event, list[str]]]:
        for index, event in enumerate(kept):
            event_id = assigned.get(event.id, "")
            cells = held[index]
            if cells is None:
                cells = render_event(
                    event, lookups, style, how.policy, event_id=event_id, timestamp=how.timestamp
                )
            elif event.acled is not None and not event.acled.event_id_cnty:
                cells["event_id_cnty"] = event_id  # checked with a stand-in id
            held[index] = None
            row = [cells.get(c, "") for c in columns]
            if options.neutralise_formulas:
                row = [_neutralise(v) for v in row]
            yield event, row

    report = AcledReport(
        rows=len(kept),
        style=style,
        columns=tuple(columns),
        assigned_ids=tuple(assigned.items()),
        left_out=tuple(left_out),
    )
    return columns, rows(), report


def _csv_chunks(
    header: list[str], rows: Iterable[list[str]], options: AcledOptions
) -> Iterator[str]:
    chunk = [_csv_line(header)]
    if options.hxl:
        chunk.append(_csv_line([HXL_TAGS.get(column, "") for column in header]))
    for count, row in enumerate(rows, 1):
        chunk.append(_csv_line(row))
        if count % 1000 == 0:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)


def dumps_acled(
    dataset: Dataset, options: AcledOptions | None = None, *, style: AcledStyle | None = None
) -> str:
    """Return a dataset as ACLED CSV text (LF line ends, UTF-8 when written).

    ``style`` is an input's style, which ``options`` override. What was written and what was
    left out: :func:`acled_report` (or the return value of :func:`write_acled`).
    """
    opts = options or AcledOptions()
    header, rows, _ = _rows(dataset, opts, opts.style(style))
    return "".join(_csv_chunks(header, rows, opts))


def acled_event_rows(
    dataset: Dataset,
    options: AcledOptions | None = None,
    *,
    style: AcledStyle | None = None,
    hold_cells: bool = False,
) -> tuple[tuple[str, ...], Iterator[tuple[Event, dict[str, str]]], AcledReport]:
    """Return what writing a dataset as ACLED CSV would write, row by row, writing nothing.

    The columns, then each event written (as the writer brings it forward) with its cells by
    column, in order, and the report (which names the events left out, and why). With
    ``hold_cells`` each event is rendered once, not twice, and every row is held until it is
    given: faster where the rows are all wanted in memory anyway (data frames).
    """
    opts = options or AcledOptions()
    columns, rows, report = _event_rows(dataset, opts, opts.style(style), hold_cells=hold_cells)
    pairs = ((event, dict(zip(columns, row, strict=True))) for event, row in rows)
    return tuple(columns), pairs, report


def acled_report(
    dataset: Dataset, options: AcledOptions | None = None, *, style: AcledStyle | None = None
) -> AcledReport:
    """Return what writing a dataset as ACLED CSV would write and leave out, writing nothing."""
    opts = options or AcledOptions()
    return _rows(dataset, opts, opts.style(style))[2]


def write_acled(
    dataset: Dataset,
    path: str | Path | TextIO,
    options: AcledOptions | None = None,
    *,
    style: AcledStyle | None = None,
    allow_partial: bool = False,
) -> AcledReport:
    """Write a dataset to ``path`` as ACLED CSV, atomically; return what was written.

    ``path`` may be an open text stream, written as the rows come (not atomically).

    An event with an ACLED class that would be left out (no coordinates, say) raises
    :class:`~eventcode.EventsLeftOutError` and nothing is written, as ``eventcode.write`` does,
    unless ``allow_partial=True``: the report then names the events left out.
    """
    opts = options or AcledOptions()
    header, rows, report = _rows(dataset, opts, opts.style(style))
    lost = [x for x in report.left_out if x.classified]
    if lost and not allow_partial:
        reasons = Counter(x.reason for x in lost)
        why = "; ".join(f"{n} {reason}" for reason, n in sorted(reasons.items()))
        raise EventsLeftOutError(
            f"{len(lost)} event(s) with an ACLED class would be left out of "
            f"{_named(path)} ({why}); nothing was written",
            tuple(lost),
        )
    if isinstance(path, str | Path):
        write_atomic(path, _csv_chunks(header, rows, opts))
    else:
        path.writelines(_csv_chunks(header, rows, opts))
    return report


def _named(path: str | Path | TextIO) -> str:
    return os.fspath(path) if isinstance(path, str | Path) else getattr(path, "name", "<stream>")
