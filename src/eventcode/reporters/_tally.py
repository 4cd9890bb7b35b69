"""Counting findings as they pass, for a report written while they are found.

A :class:`Tally` holds what the end of a report needs (counts by severity and by code, the
files and records read, how many findings were written), never the findings themselves.
"""

from __future__ import annotations

from typing import Any

from attrs import define, field

from eventcode.findings import Finding, Report, Severity

__all__ = ["Tally"]


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

    def fails(self, fail_on: Severity | str) -> bool:
        """Tell whether a finding counted is at or above ``fail_on`` (or ``"never"``).

        As :meth:`Report.fails <eventcode.findings.Report.fails>`: findings a writer left
        out count.
        """
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(n > 0 for severity, n in self._severities.items() if severity.rank >= threshold)
