"""Validating an ACLED-shaped data frame by the rules an ACLED CSV file is validated by.

The frame is cut into the text cells a CSV file would give (:func:`frame_cells`) and fed to
the ACLED row-checking pipeline (:func:`~eventcode.acled.reader.iter_table_rows`, then
:class:`~eventcode.acled.checking.AcledValidation`): the same row rules, the same checks
across rows, the same findings. Row ``i`` is checked as line ``i + 2`` of a CSV file (the
header on line 1); each finding is then placed at its row (path ``$[i]``).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time
from typing import Any

from eventcode.acled.checking import AcledValidation
from eventcode.acled.reader import iter_table_rows
from eventcode.checks.registry import Selection
from eventcode.findings import Finding, Report
from eventcode.io.limits import DEFAULT_LIMITS
from eventcode.jsonpath import ROOT, join_index

__all__ = ["LAYOUTS", "cell_text", "frame_cells", "validate_acled_frame"]

#: The layouts :func:`eventcode.frames.validate_frame` knows.
LAYOUTS = ("acled",)
_MIDNIGHT = time()


def cell_text(value: Any) -> str:
    """Return a frame's cell as the text a CSV file would hold; a missing value is blank.

    ``None``, NaN (pandas' blank) and pandas' ``NA``/``NaT`` are blank; a float is written as
    Python writes it (so pandas' ``7.0`` stays ``7.0``: finding A022, as in a file pandas
    wrote); a day (or a timestamp at midnight) is written ``YYYY-MM-DD``.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return "" if math.isnan(value) else str(value)
    if isinstance(value, datetime):
        if value != value:  # pandas' NaT
            return ""
        return value.date().isoformat() if value.time() == _MIDNIGHT else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        if value != value:  # NaN of another float type
            return ""
    except TypeError:  # pandas' NA, which has no truth value
        return ""
    return str(value)


def _texts(values: list[Any], missing: list[bool] | None = None) -> list[str]:
    """Return a column's cells as text (``missing`` marks the cells pandas calls missing)."""
    if missing is not None and any(missing):
        return ["" if gone else cell_text(v) for v, gone in zip(values, missing, strict=True)]
    if all(type(v) is str for v in values):
        return values
    return [cell_text(v) for v in values]


def _is(frame: object, module: str) -> bool:
    """Tell whether ``frame`` is a DataFrame of ``module`` (only if that is imported)."""
    found = sys.modules.get(module)
    return found is not None and isinstance(frame, found.DataFrame)


def frame_cells(frame: Any) -> tuple[list[str], list[list[str]]]:
    """Return a pandas or polars DataFrame's column names and its columns' cells, as text.

    Raises ``TypeError`` for anything else (a polars LazyFrame: ``collect()`` it first).
    """
    if _is(frame, "pandas"):
        names = [str(name) for name in frame.columns]
        columns = []
        for index in range(frame.shape[1]):
            series = frame.iloc[:, index]
            columns.append(_texts(series.tolist(), series.isna().tolist()))
        return names, columns
    if _is(frame, "polars"):
        return (
            [str(name) for name in frame.columns],
            [_texts(series.to_list()) for series in frame.get_columns()],
        )
    raise TypeError(
        f"validate_frame takes a pandas or polars DataFrame, not {type(frame).__name__}"
    )


def _rows(columns: Sequence[list[str]], height: int) -> Iterator[tuple[str, ...]]:
    if not columns:
        return iter(() for _ in range(height))
    return zip(*columns, strict=True)


def _placed(findings: Iterable[Finding], name: str | None) -> Iterator[Finding]:
    """Place each finding at its row (``$[i]``, row ``i`` was line ``i + 2``) in ``name``."""
    for finding in findings:
        line = finding.location.line
        if line is not None and line >= 2:  # the first row is on line 2
            yield finding.at(file=name, line=None, path=join_index(ROOT, line - 2))
        else:  # the header's, the frame's
            yield finding.at(file=name, line=None, path=None)


def validate_acled_frame(
    frame: Any,
    *,
    name: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
) -> Report:
    """Validate an ACLED-shaped DataFrame: see :func:`eventcode.frames.validate_frame`."""
    names, columns = frame_cells(frame)
    height = len(frame)
    selection = Selection.of(select, ignore)

    def rows() -> Iterator[Any]:
        return iter_table_rows(names, _rows(columns, height), DEFAULT_LIMITS)

    checked = AcledValidation(rows, selection)
    found: Iterable[Finding] = checked.findings()
    if not selection.everything:
        found = (f for f in found if selection.has(f.code))
    findings = tuple(_placed(found, name))
    return Report(
        findings=findings, records=checked.records, files=() if name is None else (name,)
    )
