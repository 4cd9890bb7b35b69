"""The text report: one ``FILE:LINE: CODE [severity] message (PATH)`` line per finding."""

from __future__ import annotations

from eventcode.findings import Finding
from eventcode.reporters._escape import log_line
from eventcode.validation import Report

__all__ = ["finding_line", "render", "summary_line"]


def finding_line(finding: Finding) -> str:
    """Return one finding as a line: file and line, code, severity, message, JSON path."""
    loc = finding.location
    where = loc.file or "<input>"
    if loc.line is not None:
        where = f"{where}:{loc.line}"
    path = f" ({loc.path})" if loc.path else ""
    return log_line(f"{where}: {finding.code} [{finding.severity.value}] {finding.message}{path}")


def summary_line(report: Report) -> str:
    """Return the one-line summary: files and records read, findings by severity."""
    summary = report.summary()
    return (
        f"{summary['files']} file(s), {summary['records']} record(s): "
        f"{summary['errors']} error(s), {summary['warnings']} warning(s), "
        f"{summary['infos']} info"
    )


def render(report: Report) -> str:
    """Render every finding as a line, then the summary line."""
    lines = [finding_line(f) for f in report.findings]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
