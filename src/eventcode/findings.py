"""Findings: what validation reports, each with a stable code, a severity and a location.

Every code is documented in ``data/findings.toml`` (rendered as ``docs/findings.md``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any

import attrs
from attrs import define, field, frozen

from eventcode._data import data_toml
from eventcode._frozen import builder

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FRAME_COLUMNS",
    "CodeFilter",
    "Finding",
    "FindingCode",
    "FindingStream",
    "Location",
    "Report",
    "Severity",
    "Tally",
    "code_info",
    "code_selected",
    "finding_codes",
    "make_finding",
]


class Severity(StrEnum):
    """How much a finding matters: the data is wrong, doubtful, or merely worth knowing.

    Severities compare by how severe they are, not as text: ``Severity.ERROR >
    Severity.WARNING > Severity.INFO``, and ``max`` of some severities is the worst. Compared
    with a plain string they compare as text (a ``StrEnum`` is a ``str``); compare severities.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for errors, 1 for warnings, 0 for info: higher is more severe."""
        return _RANKS[self.value]

    def __lt__(self, other: object) -> bool:
        return self._compared(other, operator.lt)

    def __le__(self, other: object) -> bool:
        return self._compared(other, operator.le)

    def __gt__(self, other: object) -> bool:
        return self._compared(other, operator.gt)

    def __ge__(self, other: object) -> bool:
        return self._compared(other, operator.ge)

    def _compared(self, other: object, op: Callable[[Any, Any], bool]) -> bool:
        """Compare by rank with a severity; with anything else, as the text ``value``."""
        if isinstance(other, Severity):
            return op(self.rank, other.rank)
        return op(self.value, other)


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
        # ``_value_``, not ``.value`` (a property of Enum: a Python call a finding).
        fields = (self.code, self.severity._value_, self.message, self.location, self.related)
        return _finding, fields

    def at(self, **changes: Any) -> Finding:
        """Return this finding with its location fields replaced by ``changes``."""
        # Built directly rather than with attrs.evolve twice: this runs once per finding.
        loc = self.location
        location = _location(
            changes.pop("file", loc.file),
            changes.pop("line", loc.line),
            changes.pop("path", loc.path),
            changes.pop("event", loc.event),
            changes.pop("field", loc.field),
        )
        if changes:
            raise TypeError(f"Location has no field {next(iter(changes))!r}")
        return self._moved(location)

    def placed(self, line: int | None, file: str | None) -> Finding:
        """Return this finding in ``file``, at its own line or else at ``line``.

        ``at(line=self.location.line or line, file=file)``, without the keyword arguments
        (the record checks place each of their findings so).
        """
        loc = self.location
        return self._moved(_location(file, loc.line or line, loc.path, loc.event, loc.field))

    def _moved(self, location: Location) -> Finding:
        """Return this finding at ``location`` (a subclass's by attrs.evolve)."""
        if type(self) is not Finding:
            return attrs.evolve(self, location=location)
        return _finding(self.code, self.severity, self.message, location, self.related)

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


# Findings are made by the hundred thousand on a file that warns of every row: these build them
# without the attrs __init__ (:mod:`eventcode._frozen`). The classes have no validator,
# converter or post-init to skip; a test holds what they build equal to what the constructors
# build.
_SEVERITIES = {s.value: s for s in Severity}


#: Builds a Location from its fields in order (file, line, path, event, field).
_location = builder(Location, __name__, "_location")
_new_finding = builder(Finding, __name__, "_new_finding")


def _finding(
    code: str,
    severity: str | Severity,
    message: str,
    location: Location,
    related: tuple[str, ...],
) -> Finding:
    return _new_finding(code, _SEVERITIES[severity], message, location, related)


#: Findings as columns of plain values, for sending many across processes (see
#: :func:`finding_columns`): codes, severities, messages, then the locations' files, lines,
#: paths, events and fields, then the related events.
FindingColumns = tuple[
    list[str],
    list[str],
    list[str],
    list[str | None],
    list[int | None],
    list[str | None],
    list[str | None],
    list[str | None],
    list[tuple[str, ...]],
]


def finding_columns(findings: Iterable[Finding]) -> FindingColumns:
    """Return findings as columns of plain values: pickled and rebuilt several times faster.

    Pickling a finding calls its ``__reduce__`` and its location's, and rebuilding calls two
    constructors; lists of strings and numbers pickle in C, and a text in a column many
    findings share (a message, a path) is sent once: pickle sends an object met again as a
    reference, so equal texts are made one object here. :func:`findings_of_columns` gives the
    findings back, equal.
    """
    found = list(findings)
    messages: dict[str, str] = {}
    paths: dict[str | None, str | None] = {}
    return (
        [f.code for f in found],
        [f.severity.value for f in found],
        [messages.setdefault(f.message, f.message) for f in found],
        [f.location.file for f in found],
        [f.location.line for f in found],
        [paths.setdefault(f.location.path, f.location.path) for f in found],
        [f.location.event for f in found],
        [f.location.field for f in found],
        [f.related for f in found],
    )


def findings_of_columns(columns: FindingColumns) -> list[Finding]:
    """Return the findings :func:`finding_columns` gave as columns.

    Built as :func:`make_finding` builds one (:mod:`eventcode._frozen`), mapped over the
    columns.
    """
    codes, severities, messages, files, lines, paths, events, fields, related = columns
    locations = map(_location, files, lines, paths, events, fields)
    grades = map(_SEVERITIES.__getitem__, severities)
    return list(map(_new_finding, codes, grades, messages, locations, related))


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
    location = _location(file, line, path, event, field)
    return _finding(info.code, info.severity, message, location, tuple(related))


@frozen(kw_only=True)
class Report:
    """The findings of a validation run, and how many records were read."""

    findings: tuple[Finding, ...] = ()
    records: int = 0
    files: tuple[str, ...] = ()

    def count(self, severity: Severity) -> int:
        """Return how many findings have ``severity``."""
        return sum(1 for f in self.findings if f.severity is severity)

    def at_least(self, severity: Severity | str) -> tuple[Finding, ...]:
        """Return the findings of ``severity`` or worse (``"warning"``: warnings and errors)."""
        threshold = Severity(severity)
        return tuple(f for f in self.findings if f.severity >= threshold)

    @property
    def has_errors(self) -> bool:
        """True when any finding is an error."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    def summary(self) -> dict[str, Any]:
        """Return counts by severity and by code, with the number of files and records."""
        return self._tally().summary()

    def summary_line(self) -> str:
        """Return the line the command line ends its text report with.

        ``"1 file(s), 9 record(s): 0 error(s), 2 warning(s), 0 info"``; a report of data in
        memory (no file) says ``"in memory, 9 record(s): ..."``.
        """
        return self._tally().summary_line()

    def _tally(self) -> Tally:
        tally = Tally.from_report(self)
        for finding in self.findings:
            tally.add(finding)
        return tally

    def __add__(self, other: Report) -> Report:
        return Report(
            findings=self.findings + other.findings,
            records=self.records + other.records,
            files=self.files + other.files,
        )

    def filtered(
        self, *, select: Iterable[str] | None = None, ignore: Iterable[str] = ()
    ) -> Report:
        """Return the report with only the findings whose codes are selected and not ignored.

        ``select`` and ``ignore`` hold codes or code prefixes (``S1``, ``R002``, ``ALL``), as
        :func:`code_selected` reads them; ``select=None`` selects every code.
        """
        selected = CodeFilter(select, ignore)
        if selected.everything:
            return self
        kept = tuple(f for f in self.findings if selected(f.code))
        return Report(findings=kept, records=self.records, files=self.files)

    def fails(self, fail_on: Severity | str) -> bool:
        """Tell whether a finding is at or above ``fail_on`` (a severity, or ``"never"``)."""
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(f.severity.rank >= threshold for f in self.findings)

    def to_frame(self) -> pd.DataFrame:
        """Return the findings as a pandas DataFrame, one row a finding, in report order.

        Columns ``code``, ``severity``, ``message``, ``file``, ``line`` (a nullable ``Int64``),
        ``path``, ``event`` and ``field`` (``None`` where the finding has none). Needs pandas
        (``pip install 'eventcode[pandas]'``; without it a ``ModuleNotFoundError`` says so).
        """
        try:
            import pandas
        except ImportError as missing:  # as eventcode.frames says it (MissingExtraError)
            raise ModuleNotFoundError(
                "Report.to_frame needs pandas: pip install 'eventcode[pandas]'", name="pandas"
            ) from missing
        rows = [
            (
                f.code,
                f.severity.value,
                f.message,
                f.location.file,
                f.location.line,
                f.location.path,
                f.location.event,
                f.location.field,
            )
            for f in self.findings
        ]
        frame = pandas.DataFrame(rows, columns=list(FRAME_COLUMNS), dtype=object)
        frame["line"] = frame["line"].astype("Int64")
        result: pd.DataFrame = frame
        return result

    def _repr_html_(self) -> str:
        """Return the report as a short HTML table for notebooks: summary and first findings."""
        from eventcode._html import MAX_ROWS, rendering

        rows = []
        for finding in self.findings[:MAX_ROWS]:
            loc = finding.location
            where = (loc.file or "") + ("" if loc.line is None else f":{loc.line}")
            if loc.path is not None:
                where = f"{where} {loc.path}".strip()
            rows.append((finding.code, finding.severity.value, where, finding.message))
        head = ("code", "severity", "where", "message")
        line = f": {self.summary_line()}"
        return rendering("Report", line, head, rows, len(self.findings), "finding")


#: The columns of :meth:`Report.to_frame`, in order.
FRAME_COLUMNS = ("code", "severity", "message", "file", "line", "path", "event", "field")


def _prefix_length(code: str, prefixes: Iterable[str]) -> int:
    """Return the length of the longest of ``prefixes`` that ``code`` starts with, or -1."""
    best = -1
    for prefix in prefixes:
        wanted = "" if prefix.upper() == "ALL" else prefix.upper()
        if code.upper().startswith(wanted):
            best = max(best, len(wanted))
    return best


def code_selected(code: str, select: Iterable[str] | None, ignore: Iterable[str] = ()) -> bool:
    """Tell whether a finding ``code`` is reported under ``select`` and ``ignore``.

    Both hold codes or prefixes of codes (``ALL`` is every code); ``select=None`` selects
    everything. As in ruff, the most specific entry decides: ``select=["S"], ignore=["S1"]``
    drops S102, ``select=["S102"], ignore=["S"]`` keeps it; an entry in both lists is ignored.
    """
    selected = 0 if select is None else _prefix_length(code, select)
    ignored = _prefix_length(code, ignore)
    return selected >= 0 and selected > ignored


@define(kw_only=True)
class Tally:
    """Counts of the findings of a report, by severity and by code, taken as they pass.

    ``files`` and ``records`` are set by whoever reads the data, before or while the findings
    are written (a writer reads them only once the findings are exhausted). ``counted`` is how
    many findings were counted, ``hidden`` how many of them a writer left out (``max_findings``).
    """

    files: tuple[str, ...] = ()
    records: int = 0
    counted: int = field(default=0, init=False)
    hidden: int = field(default=0, init=False)
    _severities: dict[Severity, int] = field(
        factory=lambda: dict.fromkeys(Severity, 0), init=False, repr=False
    )
    _codes: dict[str, int] = field(factory=dict, init=False, repr=False)

    @classmethod
    def from_report(cls, report: Report) -> Tally:
        """Return a tally with the files and records of ``report``, no finding counted yet.

        Writing the report's findings counts them: ``write(report.findings, out,
        Tally.from_report(report))`` is what ``render(report)`` returns.
        """
        return cls(files=report.files, records=report.records)

    def add(self, finding: Finding) -> None:
        """Count ``finding``."""
        self.counted += 1
        self._severities[finding.severity] += 1
        codes = self._codes
        codes[finding.code] = codes.get(finding.code, 0) + 1

    def admit(self, finding: Finding, max_findings: int | None = None) -> bool:
        """Count ``finding`` and tell whether to write it: fewer than ``max_findings`` were.

        ``max_findings=None`` admits every finding. One not admitted is counted as hidden.
        """
        shown = max_findings is None or self.counted - self.hidden < max_findings
        self.add(finding)
        if not shown:
            self.hidden += 1
        return shown

    @property
    def shown(self) -> int:
        """How many of the findings counted were written."""
        return self.counted - self.hidden

    @property
    def capped(self) -> bool:
        """True when a writer left findings out (``max_findings``)."""
        return self.hidden > 0

    def count(self, severity: Severity) -> int:
        """Return how many findings counted have ``severity``."""
        return self._severities[severity]

    @property
    def has_errors(self) -> bool:
        """True when any finding counted is an error."""
        return self._severities[Severity.ERROR] > 0

    @property
    def by_code(self) -> dict[str, int]:
        """Return how many findings counted have each code, in code order."""
        return dict(sorted(self._codes.items()))

    def summary(self) -> dict[str, Any]:
        """Return counts by severity and by code, with the number of files and records.

        The shape of :meth:`Report.summary <eventcode.findings.Report.summary>`.
        """
        return {
            "files": len(self.files),
            "records": self.records,
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
            "by_code": self.by_code,
        }

    def summary_line(self) -> str:
        """Return the one-line summary: files and records read, findings by severity.

        Data in memory (no file, some records) is ``in memory``. When a writer left findings
        out (``max_findings``), the line ends saying how many it showed: ``(showing 100 of
        2000 findings: --max-findings)``.
        """
        where = (
            "in memory" if not self.files and self.records else f"{len(self.files)} file(s)"
        )
        line = (
            f"{where}, {self.records} record(s): {self.count(Severity.ERROR)} error(s), "
            f"{self.count(Severity.WARNING)} warning(s), {self.count(Severity.INFO)} info"
        )
        if self.capped:
            line += f" (showing {self.shown} of {self.counted} findings: --max-findings)"
        return line

    def fails(self, fail_on: Severity | str) -> bool:
        """Tell whether a finding counted is at or above ``fail_on`` (or ``"never"``).

        As :meth:`Report.fails <eventcode.findings.Report.fails>`: findings a writer left
        out count.
        """
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(n > 0 for severity, n in self._severities.items() if severity.rank >= threshold)


class FindingStream:
    """Findings as they come, and how many records they are about once they are all out.

    Iterate it once; :attr:`records` asks ``records`` (complete when the iteration ends).
    """

    def __init__(self, findings: Iterator[Finding], records: Callable[[], int]) -> None:
        self._findings = findings
        self._records = records

    def __iter__(self) -> Iterator[Finding]:
        return self._findings

    @property
    def records(self) -> int:
        """How many records the findings are about (complete once they are all out)."""
        return self._records()


class CodeFilter:
    """Whether a finding code is selected (``--select``, ``--ignore``), decided once per code.

    ``select`` and ``ignore`` hold codes or code prefixes, as :func:`code_selected` reads
    them; ``select=None`` selects every code.
    """

    def __init__(self, select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> None:
        self._select = None if select is None else tuple(select)
        self._ignore = tuple(ignore)
        self._decided: dict[str, bool] = {}

    @property
    def everything(self) -> bool:
        """True when every code is selected (nothing to filter)."""
        return self._select is None and not self._ignore

    def __call__(self, code: str) -> bool:
        """Tell whether ``code`` is selected."""
        decided = self._decided.get(code)
        if decided is None:
            decided = self._decided[code] = code_selected(code, self._select, self._ignore)
        return decided
