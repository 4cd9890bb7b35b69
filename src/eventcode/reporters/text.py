"""The text report: one ``FILE:LINE: CODE [severity] message (PATH)`` line per finding."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from eventcode.escaping import log_line
from eventcode.findings import Finding, Report, Tally
from eventcode.reporters._stream import check_limit, rendered

__all__ = ["finding_line", "render", "summary_line", "write"]


def finding_line(finding: Finding) -> str:
    """Return one finding as a line: file and line, code, severity, message, JSON path."""
    loc = finding.location
    where = loc.file or "<input>"
    if loc.line is not None:
        where = f"{where}:{loc.line}"
    path = f" ({loc.path})" if loc.path else ""
    return log_line(f"{where}: {finding.code} [{finding.severity.value}] {finding.message}{path}")


def summary_line(report: Report | Tally) -> str:
    """Return the one-line summary (:meth:`Tally.summary_line`)."""
    return report.summary_line()


def write(
    findings: Iterable[Finding], out: TextIO, tally: Tally, *, max_findings: int | None = None
) -> None:
    """Write a line per finding as it comes (at most ``max_findings``), then the summary line."""
    check_limit(max_findings)
    for finding in findings:
        if tally.admit(finding, max_findings):
            out.write(finding_line(finding) + "\n")
    out.write(summary_line(tally) + "\n")


def render(report: Report) -> str:
    """Render every finding as a line, then the summary line."""
    return rendered(write, report)
