"""A Markdown report: a summary, findings by code, and a table of every finding.

Written to GitHub's step summary (``GITHUB_STEP_SUMMARY``) with ``--format github``, where it
holds what the annotations cannot (GitHub shows only a step's first annotations). Every cell is
escaped, so data cannot add markup, HTML, links or rows.
"""

from __future__ import annotations

from eventcode.findings import Finding
from eventcode.reporters._escape import markdown_cell
from eventcode.reporters.text import summary_line
from eventcode.validation import Report

__all__ = ["MAX_ROWS", "render"]

#: The most findings listed in the table; GitHub caps a step summary at 1 MiB.
MAX_ROWS = 1000


def _row(finding: Finding) -> str:
    loc = finding.location
    cells = [
        loc.file or "<input>",
        "" if loc.line is None else str(loc.line),
        finding.code,
        finding.severity.value,
        finding.message,
        loc.path or "",
    ]
    return "| " + " | ".join(markdown_cell(c) for c in cells) + " |"


def render(report: Report) -> str:
    """Render the report as a Markdown section (ending with a blank line)."""
    lines = ["## eventcode validate", "", markdown_cell(summary_line(report)), ""]
    by_code = report.summary()["by_code"]
    if by_code:
        lines += ["| Code | Findings |", "| --- | ---: |"]
        lines += [f"| {markdown_cell(code)} | {count} |" for code, count in by_code.items()]
        lines += ["", "| File | Line | Code | Severity | Message | Path |"]
        lines.append("| --- | ---: | --- | --- | --- | --- |")
        lines += [_row(f) for f in report.findings[:MAX_ROWS]]
        hidden = len(report.findings) - MAX_ROWS
        if hidden > 0:
            lines += ["", f"{hidden} more finding(s) not listed: see the job log."]
    else:
        lines.append("No findings.")
    return "\n".join(lines) + "\n\n"
