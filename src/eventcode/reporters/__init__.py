"""Reporters: a validation report rendered for people, machines and CI systems.

One module per format, each with ``write(findings, out, tally, *, max_findings=None)``, which
writes the findings as they come and counts them into a :class:`Tally` (memory does not grow
with the number of findings), and ``render(report) -> str``, what ``write`` writes for a
:class:`~eventcode.findings.Report`. :func:`write` and :func:`render` pick one by name:

- ``text``: ``FILE:LINE: CODE [severity] message (PATH)`` lines and a summary line;
- ``json``: the versioned JSON report (docs/cli.md);
- ``github``: GitHub Actions annotations (``::error file=F,line=L,title=CODE::message``);
- ``junit``: JUnit XML, a suite per file and a case per finding;
- ``sarif``: SARIF 2.1.0, for code-scanning viewers;
- ``markdown``: a summary and a table (what GitHub's step summary shows).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import TextIO

from eventcode.findings import Finding, Report, Severity, Tally  # Tally: writers count into it
from eventcode.reporters._stream import Writer
from eventcode.reporters.json import REPORT_FORMAT_VERSION, report_to_dict

__all__ = [
    "REPORT_FORMATS",
    "REPORT_FORMAT_VERSION",
    "Writer",
    "render",
    "report_to_dict",
    "write",
]

#: The names :func:`render` and :func:`write` accept, as ``--format`` takes them. Each is the
#: module ``eventcode.reporters.<name>``, imported when the format is first used (a run writes
#: one format, and ``junit`` loads an XML library).
REPORT_FORMATS = ("text", "json", "github", "junit", "sarif", "markdown")


def _unknown(fmt: str) -> ValueError:
    known = ", ".join(REPORT_FORMATS)
    return ValueError(f"unknown report format {fmt!r}; known: {known}")


def _reporter(fmt: str) -> ModuleType:
    """Return the module of format ``fmt``; ``ValueError`` for an unknown format."""
    if fmt not in REPORT_FORMATS:
        raise _unknown(fmt)
    return importlib.import_module(f"eventcode.reporters.{fmt}")


def render(report: Report, fmt: str) -> str:
    """Render ``report`` in format ``fmt`` (one of :data:`REPORT_FORMATS`)."""
    renderer: Callable[[Report], str] = _reporter(fmt).render
    return renderer(report)


def write(
    fmt: str,
    findings: Iterable[Finding],
    out: TextIO,
    tally: Tally,
    max_findings: int | None = None,
    fail_on: Severity | str = Severity.ERROR,
) -> None:
    """Write a report in format ``fmt`` (one of :data:`REPORT_FORMATS`) to ``out``.

    ``findings`` is consumed once; each is counted into ``tally`` and at most ``max_findings``
    (``None``: all) are written, as they come where the format allows. What follows the
    findings (a summary, the files) is written from ``tally`` once they are exhausted, so
    ``tally.files`` and ``tally.records`` may be set while they are read. Memory does not grow
    with the number of findings (the formats that need the counts first, ``junit``, ``sarif``
    and ``markdown``, keep what they write in a temporary file). ``ValueError`` for an unknown
    format or a negative ``max_findings``. ``fail_on`` (``--fail-on``) is what fails: JUnit
    writes the other findings as passing cases, so a test tab agrees with the exit code.
    """
    module = _reporter(fmt)
    if fmt == "junit":
        module.write(findings, out, tally, max_findings=max_findings, fail_on=fail_on)
        return
    writer: Writer = module.write
    writer(findings, out, tally, max_findings=max_findings)
