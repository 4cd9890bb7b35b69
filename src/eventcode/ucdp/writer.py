"""Writing datasets as UCDP GED CSV: the 49 columns of GED 24.1, then kept extra columns.

:func:`write_ged` writes a dataset and returns a :class:`GedReport`: the event of each row, and
each event left out with why (GED records only events with at least one death, so an event whose
best is 0 is left out, as a CAMEO-only statement is from ACLED CSV). Cells kept when the events
were read from GED (``event.ucdp``) are written back as docs/ucdp.md says. Output is
deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

from attrs import frozen

from eventcode.acled.mapping import Lookups
from eventcode.acled.writer import LeftOutEvent
from eventcode.io.atomic import write_atomic
from eventcode.model import Dataset, GedCell
from eventcode.rules import Policy
from eventcode.rules import policy as get_policy
from eventcode.ucdp.cells import CellError, meaning, parse_count
from eventcode.ucdp.columns import DEATHS_COLUMNS, GED_COLUMNS, NUMBER_COLUMNS
from eventcode.ucdp.rendering import exclusion_reason, render_event

__all__ = ["DEFAULT_POLICY", "GedReport", "dumps_ged", "ged_report", "with_kept", "write_ged"]

#: The policy GED's best, low and high come from unless another is named.
DEFAULT_POLICY = "ucdp"
_SPECIAL = re.compile(r'[,"\r\n]')


@frozen(kw_only=True)
class GedReport:
    """What a write did: rows written, the event of each, the events left out and why."""

    rows: int
    policy: str
    columns: tuple[str, ...]
    events: tuple[str, ...] = ()
    left_out: tuple[LeftOutEvent, ...] = ()

    def left_out_by_reason(self) -> dict[str, int]:
        """Return how many events were left out for each reason."""
        return dict(sorted(Counter(x.reason for x in self.left_out).items()))

    def to_dict(self) -> dict[str, Any]:
        """Return the report as a JSON-ready dictionary."""
        return {
            "rows": self.rows,
            "policy": self.policy,
            "columns": list(self.columns),
            "events": list(self.events),
            "left_out": [{"event": x.event, "reason": x.reason} for x in self.left_out],
            "left_out_by_reason": self.left_out_by_reason(),
        }


def _deaths(cells: dict[str, str], kept: dict[str, str]) -> None:
    """Write the kept split of best when it still adds up to the best written (in place)."""
    merged = {c: kept.get(c, cells[c]) for c in DEATHS_COLUMNS}
    if all(not v for v in merged.values()):
        cells.update(merged)  # GED gave no split
        return
    try:
        total = sum(parse_count(v) for v in merged.values())
        best = parse_count(cells["best"])
    except CellError:
        return
    if total == best:
        cells.update(merged)


def with_kept(rendered: Mapping[str, str], kept: Iterable[GedCell]) -> dict[str, str]:
    """Return an event's cells with its kept cells written in, as docs/ucdp.md says.

    A kept cell of a column the records have no field for, or one whose text the records
    render otherwise (UCDP's sources, clarity, country name), is written as kept; one of a
    number the records determine (best, the dates, a precision, a coordinate, the type of
    violence) only when it means the same as the records' value or either is blank; the four
    deaths columns, together, when they add up to the best written. A coordinate is never
    written without the other.
    """
    cells = dict(rendered)
    deaths: dict[str, str] = {}
    for cell in kept:
        column, text = cell.column, cell.value
        if column in DEATHS_COLUMNS:
            deaths[column] = text
            continue
        now = cells.get(column, "")
        if column in NUMBER_COLUMNS and text and now and meaning(column, text) != meaning(
            column, now
        ):
            continue  # the record was changed since: its value stands
        cells[column] = text
    if deaths:
        _deaths(cells, deaths)
    if bool(cells["latitude"]) != bool(cells["longitude"]):
        # Kept from a file lacking the other column: a coordinate alone locates nothing.
        cells["latitude"] = cells["longitude"] = ""
    return cells


def _policy(policy: Policy | str | None) -> Policy:
    """Return the policy named (``None``: GED's default, ``ucdp``)."""
    return get_policy(DEFAULT_POLICY if policy is None else policy)


def _quoted(cell: str) -> str:
    """Quote a cell as RFC 4180 asks: when it holds a comma, a quote, a CR or an LF."""
    if _SPECIAL.search(cell) is None:
        return cell
    return '"' + cell.replace('"', '""') + '"'


def _line(row: list[str]) -> str:
    return ",".join(map(_quoted, row)) + "\n"


def _rows(dataset: Dataset, policy: Policy) -> tuple[list[str], list[dict[str, str]], GedReport]:
    lookups = Lookups.of(dataset)
    written: list[dict[str, str]] = []
    events: list[str] = []
    left_out: list[LeftOutEvent] = []
    extras: list[str] = []
    for event in dataset.events:
        rendered = render_event(event, lookups, policy)
        reason = exclusion_reason(rendered.numbers, policy)
        if reason is not None:
            left_out.append(LeftOutEvent(event=event.id, reason=reason))
            continue
        own = event.ucdp.cells if event.ucdp is not None else ()
        extras += [c.column for c in own if c.column not in GED_COLUMNS and c.column not in extras]
        written.append(with_kept(rendered.cells, own))
        events.append(event.id)
    columns = [*GED_COLUMNS, *extras]
    report = GedReport(
        rows=len(written),
        policy=policy.name,
        columns=tuple(columns),
        events=tuple(events),
        left_out=tuple(left_out),
    )
    return columns, written, report


def _chunks(columns: list[str], rows: list[dict[str, str]]) -> Iterator[str]:
    chunk = [_line(columns)]
    for count, cells in enumerate(rows, 1):
        chunk.append(_line([cells.get(c, "") for c in columns]))
        if count % 1000 == 0:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)


def dumps_ged(dataset: Dataset, *, policy: Policy | str | None = DEFAULT_POLICY) -> str:
    """Return a dataset as GED CSV text (LF line ends); :func:`ged_report` says what it left out.

    ``policy`` (default ``ucdp``) gives best, low and high.
    """
    columns, rows, _ = _rows(dataset, _policy(policy))
    return "".join(_chunks(columns, rows))


def ged_report(dataset: Dataset, *, policy: Policy | str | None = DEFAULT_POLICY) -> GedReport:
    """Return what writing a dataset as GED CSV would write and leave out, writing nothing."""
    return _rows(dataset, _policy(policy))[2]


def write_ged(
    dataset: Dataset,
    path: str | Path | TextIO,
    *,
    policy: Policy | str | None = DEFAULT_POLICY,
) -> GedReport:
    """Write a dataset to ``path`` as GED CSV (atomically; or to an open text stream).

    ``policy`` (default ``ucdp``) gives best, low and high; the cells each event kept when it
    was read from GED (``event.ucdp``) are written back as they were (docs/ucdp.md says when).
    Returns what was written and left out.
    """
    columns, rows, report = _rows(dataset, _policy(policy))
    if isinstance(path, str | Path):
        write_atomic(path, _chunks(columns, rows))
    else:
        path.writelines(_chunks(columns, rows))
    return report
