r"""A JUnit XML report, as ruff writes one: a test suite per file, a test case per finding.

A file without findings is a suite with one passing case, so a CI dashboard lists it. Every
finding is a ``<failure>`` whose ``type`` is its severity. Text from the data is escaped by the
XML writer, and characters XML cannot hold at all (``\x01``, lone surrogates) become escapes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from eventcode.findings import Finding
from eventcode.reporters._escape import COMMAND_OPENING, log_line, xml_safe
from eventcode.validation import Report

__all__ = ["render"]


def _case(suite: ET.Element, finding: Finding, file: str) -> None:
    loc = finding.location
    name = f"{finding.code} {loc.path}" if loc.path else finding.code
    attributes = {"name": xml_safe(name), "classname": xml_safe(file)}
    if loc.line is not None:
        attributes["line"] = str(loc.line)
    case = ET.SubElement(suite, "testcase", attributes)
    where = [f"line {loc.line}"] if loc.line is not None else []
    where += [loc.path] if loc.path else []
    failure = ET.SubElement(
        case, "failure", {"message": xml_safe(finding.message), "type": finding.severity.value}
    )
    # The text is for people and printed between tags: one line, no command (log_line); the
    # message attribute keeps the message exact (the XML writer escapes its line breaks).
    text = f"{', '.join(where)}: {finding.message}" if where else finding.message
    failure.text = xml_safe(log_line(text))


def render(report: Report) -> str:
    """Render the report as a JUnit XML document."""
    by_file: dict[str, list[Finding]] = {name: [] for name in report.files}
    for finding in report.findings:
        by_file.setdefault(finding.location.file or "<input>", []).append(finding)
    root = ET.Element(
        "testsuites",
        {
            "name": "eventcode",
            "tests": str(sum(max(1, len(found)) for found in by_file.values())),
            "failures": str(len(report.findings)),
            "errors": "0",
        },
    )
    for file, found in by_file.items():
        suite = ET.SubElement(
            root,
            "testsuite",
            {
                "name": xml_safe(file),
                "tests": str(max(1, len(found))),
                "failures": str(len(found)),
                "errors": "0",
                "skipped": "0",
            },
        )
        for finding in found:
            _case(suite, finding, file)
        if not found:
            ET.SubElement(suite, "testcase", {"name": "no findings", "classname": xml_safe(file)})
    ET.indent(root)
    # ``##[`` (a CI workflow command anywhere in a line) as ``#&#35;[``: the same text in XML.
    body = ET.tostring(root, encoding="unicode").replace(COMMAND_OPENING, "#&#35;[")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
