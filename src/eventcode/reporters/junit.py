r"""A JUnit XML report, as ruff writes one: a test suite per file, a test case per finding.

A file without findings is a suite with one passing case, so a CI dashboard lists it. Every
finding is a ``<failure>`` whose ``type`` is its severity. Text from the data is escaped by the
XML writer, and characters XML cannot hold at all (``\x01``, lone surrogates) become escapes.

The counts come first (attributes of the suites), so the test cases wait in a temporary file
as the findings come, and the document is written at the end; each element is serialized by
ElementTree, indented as ``ET.indent`` indents the whole document.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import TextIO

from eventcode.escaping import COMMAND_OPENING, log_line, xml_safe
from eventcode.findings import Finding, Report, Severity, Tally
from eventcode.reporters._stream import Spool, check_limit, rendered

__all__ = ["render", "write"]

_SUITE_PAD = "  "
_CASE_PAD = "    "
_BY_RANK = {severity.rank: severity for severity in Severity}


def _case(finding: Finding, file: str) -> ET.Element:
    loc = finding.location
    name = f"{finding.code} {loc.path}" if loc.path else finding.code
    attributes = {"name": xml_safe(name), "classname": xml_safe(file)}
    if loc.line is not None:
        attributes["line"] = str(loc.line)
    where = [f"line {loc.line}"] if loc.line is not None else []
    where += [loc.path] if loc.path else []
    # The text is for people and printed between tags: one line, no command (log_line); the
    # message attribute keeps the message exact (the XML writer escapes its line breaks).
    text = f"{', '.join(where)}: {finding.message}" if where else finding.message
    return _failing_case(attributes, xml_safe(finding.message), finding.severity, log_line(text))


def _failing_case(
    attributes: dict[str, str], message: str, severity: Severity, text: str
) -> ET.Element:
    case = ET.Element("testcase", attributes)
    case.text = "\n" + _CASE_PAD + "  "  # as ET.indent indents a case in a suite
    failure = ET.SubElement(case, "failure", {"message": message, "type": severity.value})
    failure.text = xml_safe(text)
    failure.tail = "\n" + _CASE_PAD
    return case


def _more_case(file: str, hidden: int, severity: Severity) -> ET.Element:
    """Return the failing case that stands for the findings of ``file`` left out."""
    text = f"{hidden} more finding(s) not listed (--max-findings)"
    attributes = {"name": "more findings", "classname": xml_safe(file)}
    return _failing_case(attributes, text, severity, text)


def _xml(element: ET.Element) -> str:
    # ``##[`` (a CI workflow command anywhere in a line) as ``#&#35;[``: the same text in XML.
    return ET.tostring(element, encoding="unicode").replace(COMMAND_OPENING, "#&#35;[")


def _start_tag(tag: str, attributes: dict[str, str]) -> str:
    """Return the start tag of an element, as ElementTree writes it."""
    element = ET.Element(tag, attributes)
    element.text = "-"
    return _xml(element).removesuffix(f"-</{tag}>")


def write(
    findings: Iterable[Finding], out: TextIO, tally: Tally, *, max_findings: int | None = None
) -> None:
    """Write the report as a JUnit XML document.

    At most ``max_findings`` findings are written as test cases (``None``: all); every one is
    counted, and a file whose findings were left out gets one more failing case, "more
    findings", saying how many. Memory holds a few numbers per file, not the findings.
    """
    check_limit(max_findings)
    # Per file: the cases listed, the findings left out, the rank of the worst left out.
    files: dict[str, list[int]] = {}
    # Per file: where its cases are in the spool (ranges; findings come grouped by file).
    runs: dict[str, list[list[int]]] = {}
    last: str | None = None
    with Spool() as cases:
        for finding in findings:
            file = finding.location.file or "<input>"
            counts = files.get(file)
            if counts is None:
                counts = files[file] = [0, 0, -1]
            if tally.admit(finding, max_findings):
                start = cases.size
                end = cases.write(_CASE_PAD + _xml(_case(finding, file)) + "\n")
                counts[0] += 1
                if file == last:
                    runs[file][-1][1] = end
                else:
                    runs.setdefault(file, []).append([start, end])
                    last = file
            else:
                counts[1] += 1
                counts[2] = max(counts[2], finding.severity.rank)
        suites = {name: files.get(name) or [0, 0, -1] for name in tally.files}
        for name, counts in files.items():
            suites.setdefault(name, counts)
        failures = {name: listed + (hidden > 0) for name, (listed, hidden, _) in suites.items()}
        root = {
            "name": "eventcode",
            "tests": str(sum(max(1, n) for n in failures.values())),
            "failures": str(sum(failures.values())),
            "errors": "0",
        }
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        if not suites:
            out.write(_xml(ET.Element("testsuites", root)) + "\n")
            return
        out.write(_start_tag("testsuites", root) + "\n")
        for name, (listed, hidden, worst) in suites.items():
            suite = {
                "name": xml_safe(name),
                "tests": str(max(1, failures[name])),
                "failures": str(failures[name]),
                "errors": "0",
                "skipped": "0",
            }
            out.write(_SUITE_PAD + _start_tag("testsuite", suite) + "\n")
            for start, end in runs.get(name, ()):
                cases.copy(out, start, end)
            if hidden:
                out.write(_CASE_PAD + _xml(_more_case(name, hidden, _BY_RANK[worst])) + "\n")
            elif not listed:
                passing = {"name": "no findings", "classname": xml_safe(name)}
                out.write(_CASE_PAD + _xml(ET.Element("testcase", passing)) + "\n")
            out.write(_SUITE_PAD + "</testsuite>\n")
        out.write("</testsuites>\n")


def render(report: Report) -> str:
    """Render the report as a JUnit XML document."""
    return rendered(write, report)
