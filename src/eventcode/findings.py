"""Findings: what validation reports, each with a stable code, a severity and a location.

Every code is documented in ``data/findings.toml`` (rendered as ``docs/findings.md``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from functools import cache
from typing import Any

from attrs import frozen

from eventcode._data import data_toml

__all__ = [
    "Finding",
    "FindingCode",
    "Location",
    "Severity",
    "code_info",
    "finding_codes",
    "make_finding",
]


class Severity(StrEnum):
    """How much a finding matters: the data is wrong, doubtful, or merely worth knowing."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for errors, 1 for warnings, 0 for info: higher is more severe."""
        return _RANKS[self.value]


_RANKS = {"error": 2, "warning": 1, "info": 0}


@frozen(kw_only=True)
class Location:
    """Where a finding points: the file as given, the 1-based line, the JSON path, the event.

    ``line`` is the line where the record (JSON Lines) or the value (a JSON document) starts,
    when it can be found; ``field`` names the field of the record the finding is about.
    """

    file: str | None = None
    line: int | None = None
    path: str | None = None
    event: str | None = None
    field: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as a tuple of its fields (findings cross processes by the thousand).
        return _location, (self.file, self.line, self.path, self.event, self.field)


@frozen(kw_only=True)
class Finding:
    """One problem or observation, with its code, severity, message and location.

    ``related`` holds the ids of the records (figures, events, actors) the finding relates.
    """

    code: str
    severity: Severity
    message: str
    location: Location = Location()
    related: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as a tuple of its fields (findings cross processes by the thousand).
        fields = (self.code, self.severity.value, self.message, self.location, self.related)
        return _finding, fields

    def at(self, **changes: Any) -> Finding:
        """Return this finding with its location fields replaced by ``changes``."""
        # Built directly rather than with attrs.evolve twice: this runs once per finding.
        loc = self.location
        location = Location(
            file=changes.pop("file", loc.file),
            line=changes.pop("line", loc.line),
            path=changes.pop("path", loc.path),
            event=changes.pop("event", loc.event),
            field=changes.pop("field", loc.field),
        )
        if changes:
            raise TypeError(f"Location has no field {next(iter(changes))!r}")
        return type(self)(
            code=self.code,
            severity=self.severity,
            message=self.message,
            location=location,
            related=self.related,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as a JSON-ready dictionary (the ``--format json`` shape)."""
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": loc.file,
            "line": loc.line,
            "path": loc.path,
            "event": loc.event,
            "field": loc.field,
            "related": list(self.related),
        }


@frozen(kw_only=True)
class FindingCode:
    """The documentation of one finding code."""

    code: str
    name: str
    severity: Severity
    summary: str
    fix: str


@cache
def finding_codes() -> Mapping[str, FindingCode]:
    """Return every registered finding code, by code, in code order."""
    table = data_toml("findings.toml")
    return {
        code: FindingCode(
            code=code,
            name=entry["name"],
            severity=Severity(entry["severity"]),
            summary=entry["summary"],
            fix=entry["fix"],
        )
        for code, entry in sorted(table.items())
    }


def _location(
    file: str | None, line: int | None, path: str | None, event: str | None, field: str | None
) -> Location:
    return Location(file=file, line=line, path=path, event=event, field=field)


def _finding(
    code: str, severity: str, message: str, location: Location, related: tuple[str, ...]
) -> Finding:
    return Finding(
        code=code,
        severity=Severity(severity),
        message=message,
        location=location,
        related=related,
    )


def code_info(code: str) -> FindingCode:
    """Return the documentation of ``code``; raise ``KeyError`` for an unregistered code."""
    return finding_codes()[code.upper()]


def make_finding(
    code: str,
    message: str,
    *,
    path: str | None = None,
    file: str | None = None,
    line: int | None = None,
    event: str | None = None,
    field: str | None = None,
    related: Iterable[str] = (),
) -> Finding:
    """Create a finding of a registered code; its severity comes from the registry."""
    info = code_info(code)
    return Finding(
        code=info.code,
        severity=info.severity,
        message=message,
        location=Location(file=file, line=line, path=path, event=event, field=field),
        related=tuple(related),
    )
