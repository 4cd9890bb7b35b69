"""The JSON report: a versioned object with the findings and a summary (docs/cli.md)."""

from __future__ import annotations

import json
from typing import Any

from eventcode._version import __version__
from eventcode.reporters._escape import COMMAND_OPENING
from eventcode.validation import Report

__all__ = ["REPORT_FORMAT_VERSION", "render", "report_to_dict"]

#: The version of the ``--format json`` report layout (documented in docs/cli.md).
REPORT_FORMAT_VERSION = "1"


def report_to_dict(report: Report) -> dict[str, Any]:
    """Return the JSON report: version, tool, the files read, findings and summary."""
    return {
        "report_version": REPORT_FORMAT_VERSION,
        "tool": {"name": "eventcode", "version": __version__},
        "files": list(report.files),
        "findings": [f.to_dict() for f in report.findings],
        "summary": report.summary(),
    }


def render(report: Report) -> str:
    r"""Render the report as one JSON object (non-ASCII text kept as it is).

    ``##[`` in a string (a CI workflow command) is written ``#\u0023[``: the same text.
    """
    text = json.dumps(report_to_dict(report), ensure_ascii=False, indent=2)
    return text.replace(COMMAND_OPENING, "#\\u0023[") + "\n"
