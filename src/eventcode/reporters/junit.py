r"""A JUnit XML report, as ruff writes one: a test suite per file, a test case per finding.

A file without findings is a suite with one passing case, so a CI dashboard lists it. A finding
that fails the run (at or above ``fail_on``, errors by default, as ``--fail-on``) is a
``<failure>`` whose ``type`` is its severity; any other is a passing case with its text in
``<system-out>``, so a CI test tab agrees with the job's exit code. Text from the data is escaped
by the XML writer, and characters XML cannot hold at all (``\x01``, lone surrogates) become
escapes.

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


def _case(finding: Finding, file: str, fails: bool) -> ET.Element:
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
    if not fails:
        return _passing_case(attributes, f"{finding.severity.value}: {log_line(text)}")
    return _failing_case(attributes, xml_safe(finding.message), finding.severity, log_line(text))


def _passing_case(attributes: dict[str, str], text: str) -> ET.Element:
    case = ET.Element("testcase", attributes)
    case.text = "\n" + _CASE_PAD + "  "
    out = ET.SubElement(case, "system-out")
    out.text = xml_safe(text)
    out.tail = "\n" + _CASE_PAD
    return case


def _failing_case(
    attributes: dict[str, str], message: str, severity: Severity, text: str
) -> ET.Element:
    case = ET.Element("testcase", attributes)
    case.text = "\n" + _CASE_PAD + "  "  # as ET.indent indents a case in a suite
    failure = ET.SubElement(case, "failure", {"message": message, "type": severity.value})
    failure.text = xml_safe(text)
    failure.tail = "\n" + _CASE_PAD
    return case


def _more_case(file: str, hidden: int, severity: Severity, fails: bool) -> ET.Element:
    """Return the case that stands for the findings of ``file`` left out (failing if any does)."""
    text = f"{hidden} more finding(s) not listed (--max-findings)"
    attributes = {"name": "more findings", "classname": xml_safe(file)}
    if not fails:
        return _passing_case(attributes, text)
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
    findings: Iterable[Finding],
    out: TextIO,
    tally: Tally,
    *,
    max_findings: int | None = None,
    fail_on: Severity | str = Severity.ERROR,
) -> None:
    """Write the report as a JUnit XML document.

    At most ``max_findings`` findings are written as test cases (``None``: all); every one is
    counted, and a file whose findings were left out gets one more case, "more findings",
    saying how many. A finding fails its case when it is at or above ``fail_on`` (a severity,
    or ``"never"``), as the exit code of ``--fail-on`` says; the others pass, their text in
    ``system-out``. Memory holds a few numbers per file, not the findings.
    """
    check_limit(max_findings)
    threshold = 3 if fail_on == "never" else Severity(fail_on).rank
    # Per file: the failing cases listed, the findings left out, the rank of the worst left
    # out, and the cases listed.
    files: dict[str, list[int]] = {}
    # Per file: where its cases are in the spool (ranges; findings come grouped by file).
    runs: dict[str, list[list[int]]] = {}
    last: str | None = None
    with Spool() as cases:
        for finding in findings:
            file = finding.location.file or "<input>"
            counts = files.get(file)
            if counts is None:
                counts = files[file] = [0, 0, -1, 0]
            if tally.admit(finding, max_findings):
                fails = finding.severity.rank >= threshold
                start = cases.size
                end = cases.write(_CASE_PAD + _xml(_case(finding, file, fails)) + "\n")
                counts[0] += fails
                counts[3] += 1
                if file == last:
                    runs[file][-1][1] = end
                else:
                    runs.setdefault(file, []).append([start, end])
                    last = file
            else:
                counts[1] += 1
                counts[2] = max(counts[2], finding.severity.rank)
        suites = {name: files.get(name) or [0, 0, -1, 0] for name in tally.files}
        for name, counts in files.items():
            suites.setdefault(name, counts)
        failures = {
            name: failing + (worst >= threshold)
            for name, (failing, _, worst, _) in suites.items()
        }
        tests = {
            name: max(1, listed + (hidden > 0)) for name, (_, hidden, _, listed) in suites.items()
        }
        root = {
            "name": "eventcode",
            "tests": str(sum(tests.values())),
            "failures": str(sum(failures.values())),
            "errors": "0",
        }
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        if not suites:
            out.write(_xml(ET.Element("testsuites", root)) + "\n")
            return
        out.write(_start_tag("testsuites", root) + "\n")
        for name, (_, hidden, worst, listed) in suites.items():
            suite = {
                "name": xml_safe(name),
                "tests": str(tests[name]),
                "failures": str(failures[name]),
                "errors": "0",
                "skipped": "0",
            }
            out.write(_SUITE_PAD + _start_tag("testsuite", suite) + "\n")
            for start, end in runs.get(name, ()):
                cases.copy(out, start, end)
            if hidden:
                more = _more_case(name, hidden, _BY_RANK[worst], worst >= threshold)
                out.write(_CASE_PAD + _xml(more) + "\n")
            elif not listed:
                passing = {"name": "no findings", "classname": xml_safe(name)}
                out.write(_CASE_PAD + _xml(ET.Element("testcase", passing)) + "\n")
            out.write(_SUITE_PAD + "</testsuite>\n")
        out.write("</testsuites>\n")


def render(report: Report) -> str:
    """Render the report as a JUnit XML document."""
    return rendered(write, report)
