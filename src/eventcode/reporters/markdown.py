"""A Markdown report: a summary, findings by code, and a table of every finding.

Written to GitHub's step summary (``GITHUB_STEP_SUMMARY``) with ``--format github``, where it
holds what the annotations cannot (GitHub shows only a step's first annotations). Every cell is
escaped, so data cannot add markup, HTML, links or rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import TextIO

from eventcode.escaping import markdown_cell
from eventcode.findings import Finding, Report, Tally
from eventcode.reporters._stream import Spool, check_limit, rendered
from eventcode.reporters.text import summary_line

__all__ = ["MAX_ROWS", "render", "write", "write_listed"]

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


def _head(out: TextIO, tally: Tally) -> bool:
    """Write the heading, the summary and the counts by code; False when there are no findings."""
    out.write(f"## eventcode validate\n\n{markdown_cell(summary_line(tally))}\n\n")
    by_code = tally.by_code
    if not by_code:
        out.write("No findings.\n\n")
        return False
    out.write("| Code | Findings |\n| --- | ---: |\n")
    out.writelines(f"| {markdown_cell(code)} | {count} |\n" for code, count in by_code.items())
    out.write("\n| File | Line | Code | Severity | Message | Path |\n")
    out.write("| --- | ---: | --- | --- | --- | --- |\n")
    return True


def _end(out: TextIO, tally: Tally, listed: int) -> None:
    """Write how many findings the table leaves out, and the blank line that ends the section."""
    hidden = tally.counted - listed
    if hidden > 0:
        out.write(f"\n{hidden} more finding(s) not listed: see the job log.\n")
    out.write("\n")


def write(
    findings: Iterable[Finding], out: TextIO, tally: Tally, *, max_findings: int | None = None
) -> None:
    """Write the report as a Markdown section (ending with a blank line).

    The summary comes first, so the table's rows (at most :data:`MAX_ROWS`, and at most
    ``max_findings``) wait in a temporary file while every finding is counted.
    """
    check_limit(max_findings)
    listed = 0
    with Spool() as rows:
        for finding in findings:
            if tally.admit(finding, max_findings) and listed < MAX_ROWS:
                rows.write(_row(finding) + "\n")
                listed += 1
        if _head(out, tally):
            rows.copy(out)
            _end(out, tally, listed)


def write_listed(listed: Iterable[Finding], out: TextIO, tally: Tally) -> None:
    """Write the Markdown section of findings ``tally`` has counted, listing ``listed``.

    For a report written in another format as the findings came (the step summary beside
    ``--format github``): ``listed`` are its first findings, of which the table lists at most
    :data:`MAX_ROWS`, and no more than ``tally`` says were shown.
    """
    if _head(out, tally):
        count = 0
        for finding in islice(listed, min(MAX_ROWS, tally.shown)):
            out.write(_row(finding) + "\n")
            count += 1
        _end(out, tally, count)


def render(report: Report) -> str:
    """Render the report as a Markdown section (ending with a blank line)."""
    return rendered(write, report)
