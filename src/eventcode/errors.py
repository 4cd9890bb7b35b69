"""The exceptions eventcode raises when the API is misused or data cannot be used.

Malformed *content* becomes findings, never exceptions; these are for callers who asked for a
whole dataset (``read``, ``loads``) and for arguments eventcode cannot act on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from eventcode._numbers import shown_integer
from eventcode.model.constraints import MAX_COUNT

if TYPE_CHECKING:
    from eventcode.findings import Finding
    from eventcode.model import Dataset

__all__ = [
    "CountTooLargeError",
    "DatasetError",
    "EventcodeError",
    "EventsLeftOutError",
    "EventsLeftOutWarning",
    "MissingExtraError",
    "UnknownFormatError",
]


class EventcodeError(Exception):
    """The root of eventcode's exceptions."""


class DatasetError(EventcodeError, ValueError):
    """Input held records that could not be loaded.

    ``findings`` lists every problem (with its file, line and path); ``dataset`` holds the
    records that did load, so nothing readable is lost.
    """

    def __init__(self, findings: Sequence[Finding], dataset: Dataset) -> None:
        self.findings = tuple(findings)
        self.dataset = dataset
        errors = [f for f in self.findings if f.severity.value == "error"]
        first = errors[0] if errors else None
        where = ""
        if first is not None:
            loc = first.location
            where = f": first at {loc.file or '<input>'}:{loc.line or '?'} {loc.path or ''}"
            where += f" {first.code} {first.message}"
        super().__init__(f"{len(errors)} error(s) in the input{where}")


class CountTooLargeError(EventcodeError, ValueError):
    """A count cannot be held by a table's 64-bit integer column (``eventcode.frames``).

    Arrow tables, data frames and Parquet folders hold counts as int64 (at most
    9,223,372,036,854,775,807). ``table``, ``column`` and ``record`` (the id of the row's
    record) say where the first such count is; nothing is written.
    """

    def __init__(self, table: str, column: str, record: str, value: int) -> None:
        self.table, self.column, self.record = table, column, record
        super().__init__(
            f"{table} table, column {column!r} of {record!r}: the count {shown_integer(value)} "
            "is past a 64-bit integer (9,223,372,036,854,775,807), which Arrow tables and "
            f"Parquet hold counts as; correct the count (a count is at most {MAX_COUNT:,}: "
            "validate the records)"
        )


class UnknownFormatError(EventcodeError, ValueError):
    """A path's format cannot be told from its extension or content, or is not supported."""


class EventsLeftOutWarning(UserWarning):
    """Events were left out of an output that cannot hold them (ACLED CSV and CAMEO-only events).

    Raised as a warning by :func:`eventcode.write`; :func:`eventcode.acled.write_acled` returns
    the full report (each event and why) instead.
    """


class EventsLeftOutError(EventcodeError, ValueError):
    """Events ACLED would record (they have an ACLED class) cannot be written as ACLED CSV.

    Raised by :func:`eventcode.write` to a ``.csv`` path (unless ``allow_partial=True``) before
    anything is written; ``left_out`` holds each event
    (:class:`eventcode.acled.LeftOutEvent`) with its reason.
    """

    def __init__(self, message: str, left_out: tuple[Any, ...]) -> None:
        super().__init__(message)
        self.left_out = left_out


class MissingExtraError(EventcodeError, ModuleNotFoundError):
    """A feature needs an optional dependency that is not installed.

    The message names the extra that installs it (``pip install 'eventcode[pandas]'``) and
    ``name`` the missing module. A :class:`ModuleNotFoundError` too, as
    :mod:`eventcode.strategies` raises without Hypothesis.
    """
