"""Rendering a validation report: plain text for people, JSON for machines."""

from __future__ import annotations

import json
from typing import Any

from eventcode._version import __version__
from eventcode.findings import Finding
from eventcode.validation import Report

__all__ = ["REPORT_FORMAT_VERSION", "render", "render_json", "render_text", "report_to_dict"]

#: The version of the ``--format json`` report layout (documented in docs/cli.md).
REPORT_FORMAT_VERSION = "1"

_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x09), *range(0x0B, 0x20), 0x7F)}
_CONTROL[0x0A] = "\\n"


def _printable(text: str) -> str:
    """Escape control characters, so data cannot move the cursor or fake a line."""
    return text.translate(_CONTROL)


def _where(finding: Finding) -> str:
    loc = finding.location
    parts = [loc.file or "<input>"]
    if loc.line is not None:
        parts.append(str(loc.line))
    where = ":".join(parts)
    return f"{where}: {loc.path}" if loc.path else where


def render_text(report: Report) -> str:
    """Render ``file:line: path CODE [severity] message`` lines and a summary line."""
    lines = [
        _printable(f"{_where(f)}: {f.code} [{f.severity.value}] {f.message}")
        for f in report.findings
    ]
    summary = report.summary()
    lines.append(
        f"{summary['files']} file(s), {summary['records']} record(s): "
        f"{summary['errors']} error(s), {summary['warnings']} warning(s), "
        f"{summary['infos']} info"
    )
    return "\n".join(lines) + "\n"


def report_to_dict(report: Report) -> dict[str, Any]:
    """Return the JSON report: version, tool, findings and summary."""
    return {
        "report_version": REPORT_FORMAT_VERSION,
        "tool": {"name": "eventcode", "version": __version__},
        "findings": [f.to_dict() for f in report.findings],
        "summary": report.summary(),
    }


def render_json(report: Report) -> str:
    """Render the report as one JSON object."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


_RENDERERS = {"text": render_text, "json": render_json}


def render(report: Report, fmt: str) -> str:
    """Render ``report`` in format ``fmt`` (``text`` or ``json``)."""
    return _RENDERERS[fmt](report)
