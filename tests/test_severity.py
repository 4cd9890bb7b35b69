"""Severities compare by how severe they are; reports say what fails as the exit code does."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from eventcode import reporters
from eventcode.findings import Report, Severity, Tally, make_finding


def test_severities_order_by_severity_not_by_name() -> None:
    assert Severity.ERROR > Severity.WARNING > Severity.INFO
    assert Severity.INFO < Severity.ERROR
    assert Severity.WARNING >= Severity.WARNING
    assert not Severity.ERROR <= Severity.WARNING
    assert max([Severity.INFO, Severity.ERROR, Severity.WARNING]) is Severity.ERROR
    assert sorted(Severity) == [Severity.INFO, Severity.WARNING, Severity.ERROR]
    # Still a string where it is one: its value, and a key for it.
    assert str.__eq__(Severity.ERROR, "error")
    assert {"error": 1}[Severity.ERROR] == 1


def test_a_report_gives_the_findings_at_or_above_a_severity() -> None:
    error = make_finding("S001", "not JSON")  # an error
    warning = make_finding("R009", "a place spelt two ways")  # a warning
    info = make_finding("C025", "an earlier region name")  # info
    report = Report(findings=(info, error, warning))
    assert report.at_least(Severity.WARNING) == (error, warning)
    assert report.at_least("error") == (error,)
    assert report.at_least(Severity.INFO) == (info, error, warning)
    assert {f.severity for f in (error, warning)} == {Severity.ERROR, Severity.WARNING}


def _junit(report: Report, fail_on: str) -> ET.Element:
    out = io.StringIO()
    tally = Tally(files=report.files)
    reporters.write("junit", report.findings, out, tally, fail_on=fail_on)
    return ET.fromstring(out.getvalue())


def test_junit_fails_only_what_fails_the_run() -> None:
    warning = make_finding("R009", "a place spelt two ways", file="a.json", line=3)
    report = Report(findings=(warning,), files=("a.json",))
    passing = _junit(report, "error")  # the default --fail-on: the job exits 0
    assert passing.get("failures") == "0"
    assert passing.get("tests") == "1"
    [case] = passing.iter("testcase")
    told = case.find("system-out")
    assert told is not None
    assert told.text == "warning: line 3: a place spelt two ways"
    failing = _junit(report, "warning")  # --fail-on warning: the job exits 1
    assert failing.get("failures") == "1"
    [case] = failing.iter("testcase")
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "warning"
    assert _junit(report, "never").get("failures") == "0"


def test_a_report_says_its_summary_line_as_the_command_line_does() -> None:
    warning = make_finding("R009", "a place spelt two ways")
    in_memory = Report(findings=(warning,), records=9)
    assert in_memory.summary_line() == "in memory, 9 record(s): 0 error(s), 1 warning(s), 0 info"
    read = Report(findings=(warning,), records=9, files=("a.json",))
    assert read.summary_line() == "1 file(s), 9 record(s): 0 error(s), 1 warning(s), 0 info"
    assert Report().summary_line() == "0 file(s), 0 record(s): 0 error(s), 0 warning(s), 0 info"
    assert reporters.render(read, "text").splitlines()[-1] == read.summary_line()
