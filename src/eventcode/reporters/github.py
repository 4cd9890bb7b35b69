r"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` per finding.

GitHub turns each into an annotation on the file and line. Data is escaped as the Actions
toolkit does (``%``, CR and LF in the message; also ``:`` and ``,`` in properties), after
control characters are written as escapes (``\n``), so no value can end the command or start
another. A step shows only its first annotations: write the whole report to the step summary
too (:mod:`eventcode.reporters.markdown`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from eventcode.escaping import printable
from eventcode.findings import Finding, Report, Severity, Tally
from eventcode.reporters._stream import check_limit, rendered
from eventcode.reporters.text import summary_line

__all__ = ["annotation", "escape_data", "escape_property", "render", "write"]

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF become ``%25``, ``%0D`` and ``%0A``."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property's value: as data, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """Return the workflow command of one finding (the JSON path ends the message)."""
    loc = finding.location
    properties = [f"file={escape_property(printable(loc.file or '<input>'))}"]
    if loc.line is not None:
        properties.append(f"line={loc.line}")
    properties.append(f"title={escape_property(finding.code)}")
    message = f"{finding.message} ({loc.path})" if loc.path else finding.message
    text = escape_data(printable(message))
    return f"::{_COMMAND[finding.severity]} {','.join(properties)}::{text}"


def write(
    findings: Iterable[Finding], out: TextIO, tally: Tally, *, max_findings: int | None = None
) -> None:
    """Write a workflow command per finding as it comes, then the summary as a log line.

    At most ``max_findings`` findings are written (``None``: all); every one is counted.
    """
    check_limit(max_findings)
    for finding in findings:
        if tally.admit(finding, max_findings):
            out.write(annotation(finding) + "\n")
    out.write(summary_line(tally) + "\n")


def render(report: Report) -> str:
    """Render one workflow command per finding, then the summary as a plain log line."""
    return rendered(write, report)
