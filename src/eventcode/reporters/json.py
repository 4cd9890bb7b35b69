"""The JSON report: a versioned object with the findings and a summary (docs/cli.md)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from eventcode._version import __version__
from eventcode.escaping import COMMAND_OPENING
from eventcode.findings import Finding, Report, Severity, Tally
from eventcode.reporters._stream import check_limit, rendered

__all__ = ["REPORT_FORMAT_VERSION", "render", "report_to_dict", "write"]

#: The version of the ``--format json`` report layout (documented in docs/cli.md).
REPORT_FORMAT_VERSION = "1"

# One encoder for every finding: json.dumps builds one per call when given options.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_TOOL = {"name": "eventcode", "version": __version__}
#: How that encoder writes a string (text as it is), and so each severity.
_TEXT: Callable[[str], str] = json.encoder.encode_basestring
_SEVERITIES = {severity: _TEXT(severity.value) for severity in Severity}


def report_to_dict(report: Report) -> dict[str, Any]:
    """Return the JSON report: version, tool, the files read, findings and summary."""
    return {
        "report_version": REPORT_FORMAT_VERSION,
        "tool": dict(_TOOL),
        "files": list(report.files),
        "findings": [f.to_dict() for f in report.findings],
        "summary": report.summary(),
    }


def _json(value: Any) -> str:
    r"""Return ``value`` as JSON on one line, ``##[`` (a CI workflow command) as ``#\u0023[``."""
    return _ENCODE(value).replace(COMMAND_OPENING, "#\\u0023[")


def _finding_json(finding: Finding) -> str:
    """Return ``_json(finding.to_dict())``, written field by field (a test holds them equal).

    A file may warn of every row: the dictionary and the encoder's pieces cost twice this.
    """
    if type(finding) is not Finding:
        return _json(finding.to_dict())
    loc, text = finding.location, _TEXT
    line = "null" if loc.line is None else int.__repr__(loc.line)
    return (
        f'{{"code": {text(finding.code)}, "severity": {_SEVERITIES[finding.severity]}, '
        f'"message": {text(finding.message)}, '
        f'"file": {"null" if loc.file is None else text(loc.file)}, "line": {line}, '
        f'"path": {"null" if loc.path is None else text(loc.path)}, '
        f'"event": {"null" if loc.event is None else text(loc.event)}, '
        f'"field": {"null" if loc.field is None else text(loc.field)}, '
        f'"related": [{", ".join(map(text, finding.related))}]}}'
    ).replace(COMMAND_OPENING, "#\\u0023[")


def write(
    findings: Iterable[Finding], out: TextIO, tally: Tally, *, max_findings: int | None = None
) -> None:
    r"""Write the report as one JSON object, a finding a line as it comes.

    At most ``max_findings`` findings are written (``None``: all); every one is counted. The
    files and the summary follow the findings, read from ``tally`` at the end; the summary has
    ``shown`` when findings were left out. Non-ASCII text is kept as it is; ``##[`` in a string
    is written ``#\u0023[`` (the same text).
    """
    check_limit(max_findings)
    out.write(
        f'{{\n  "report_version": {_json(REPORT_FORMAT_VERSION)},\n'
        f'  "tool": {_json(_TOOL)},\n  "findings": ['
    )
    separator = "\n    "
    for finding in findings:
        if tally.admit(finding, max_findings):
            out.write(separator + _finding_json(finding))
            separator = ",\n    "
    summary = tally.summary()
    if tally.capped:
        summary["shown"] = tally.shown
    out.write("]" if separator == "\n    " else "\n  ]")
    out.write(f',\n  "files": {_json(list(tally.files))},\n  "summary": {_json(summary)}\n}}\n')


def render(report: Report) -> str:
    r"""Render the report as one JSON object (non-ASCII text kept as it is).

    ``##[`` in a string (a CI workflow command) is written ``#\u0023[``: the same text.
    """
    return rendered(write, report)
