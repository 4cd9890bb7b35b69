"""A SARIF 2.1.0 log, for GitHub code scanning and other static-analysis viewers.

Each finding is a result: its code the rule, its severity the level (``info`` is ``note``), its
file and line the physical location, its JSON path a logical location. The rules used are
described from the registry of finding codes.
"""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from eventcode._version import __version__
from eventcode.findings import Finding, Severity, finding_codes
from eventcode.reporters._escape import COMMAND_OPENING
from eventcode.validation import Report

__all__ = ["SARIF_SCHEMA", "artifact_uri", "render", "report_to_sarif"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(file: str) -> str:
    """Return a file as a URI reference: relative stays relative, absolute is ``file://``.

    A name that is not UTF-8 (bytes the file system gave) is percent-encoded byte for byte.
    """
    posix = PurePath(file).as_posix()
    try:
        quoted = quote(posix, errors="surrogateescape")
    except UnicodeEncodeError:
        quoted = quote(posix, errors="backslashreplace")
    return "file://" + quoted if os.path.isabs(file) else quoted


def _rule(code: str) -> dict[str, Any]:
    info = finding_codes().get(code)
    if info is None:
        return {"id": code}
    return {
        "id": code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "help": {"text": info.fix},
        "defaultConfiguration": {"level": _LEVEL[info.severity]},
        "properties": {"severity": info.severity.value},
    }


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    loc = finding.location
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(loc.file or "-")}}
    if loc.line is not None:
        physical["region"] = {"startLine": loc.line}
    location: dict[str, Any] = {"physicalLocation": physical}
    if loc.path:
        location["logicalLocations"] = [{"fullyQualifiedName": loc.path, "kind": "member"}]
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
    }


def report_to_sarif(report: Report) -> dict[str, Any]:
    """Return the report as a SARIF 2.1.0 log with one run."""
    codes = sorted({f.code for f in report.findings})
    index = {code: i for i, code in enumerate(codes)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "eventcode",
                        "version": __version__,
                        "rules": [_rule(code) for code in codes],
                    }
                },
                "artifacts": [{"location": {"uri": artifact_uri(f)}} for f in report.files],
                "results": [_result(f, index[f.code]) for f in report.findings],
            }
        ],
    }


def render(report: Report) -> str:
    r"""Render the report as a SARIF 2.1.0 JSON document.

    ``##[`` in a string (a CI workflow command) is written ``#\u0023[``: the same text.
    """
    text = json.dumps(report_to_sarif(report), ensure_ascii=False, indent=2)
    return text.replace(COMMAND_OPENING, "#\\u0023[") + "\n"
