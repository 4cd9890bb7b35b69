"""Streaming reporters: every format written as the findings come, counted into a Tally."""

from __future__ import annotations

import gc
import io
import json
import re
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcode.escaping import COMMAND_OPENING, log_line, markdown_cell, xml_safe
from eventcode.findings import (
    Finding,
    Location,
    Report,
    Severity,
    Tally,
    finding_codes,
    make_finding,
)
from eventcode.reporters import (
    REPORT_FORMATS,
    _stream,
    markdown,
    render,
    report_to_dict,
    sarif,
    write,
)
from eventcode.reporters.github import annotation
from eventcode.reporters.text import finding_line
from tests.test_cli import parse_commands
from tests.test_report_formats import evil_report

# -- the reports as the whole-report renderers wrote them, before the writers ---------------


def _lines_reference(report: Report, line: Callable[[Finding], str]) -> str:
    summary = report.summary()
    # Data in memory (no file, some records) is said so (it said "0 file(s)" before).
    where = "in memory" if not report.files and report.records else f"{summary['files']} file(s)"
    last = (
        f"{where}, {summary['records']} record(s): "
        f"{summary['errors']} error(s), {summary['warnings']} warning(s), "
        f"{summary['infos']} info"
    )
    return "\n".join([*(line(f) for f in report.findings), last]) + "\n"


def _junit_reference(report: Report) -> str:
    """The whole document built at once: errors fail (the default --fail-on), others pass."""

    def failing(found: list[Finding]) -> int:
        return sum(f.severity is Severity.ERROR for f in found)

    by_file: dict[str, list[Finding]] = {name: [] for name in report.files}
    for finding in report.findings:
        by_file.setdefault(finding.location.file or "<input>", []).append(finding)
    root = ET.Element(
        "testsuites",
        {
            "name": "eventcode",
            "tests": str(sum(max(1, len(found)) for found in by_file.values())),
            "failures": str(failing(list(report.findings))),
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
                "failures": str(failing(found)),
                "errors": "0",
                "skipped": "0",
            },
        )
        for finding in found:
            loc = finding.location
            name = f"{finding.code} {loc.path}" if loc.path else finding.code
            attributes = {"name": xml_safe(name), "classname": xml_safe(file)}
            if loc.line is not None:
                attributes["line"] = str(loc.line)
            case = ET.SubElement(suite, "testcase", attributes)
            where = [f"line {loc.line}"] if loc.line is not None else []
            where += [loc.path] if loc.path else []
            text = f"{', '.join(where)}: {finding.message}" if where else finding.message
            if finding.severity is not Severity.ERROR:
                out = ET.SubElement(case, "system-out")
                out.text = xml_safe(f"{finding.severity.value}: {log_line(text)}")
                continue
            failure = ET.SubElement(
                case,
                "failure",
                {"message": xml_safe(finding.message), "type": finding.severity.value},
            )
            failure.text = xml_safe(log_line(text))
        if not found:
            ET.SubElement(suite, "testcase", {"name": "no findings", "classname": xml_safe(file)})
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode").replace(COMMAND_OPENING, "#&#35;[")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _markdown_reference(report: Report) -> str:
    summary = _lines_reference(report, finding_line).splitlines()[-1]
    lines = ["## eventcode validate", "", markdown_cell(summary), ""]
    by_code = report.summary()["by_code"]
    if by_code:
        lines += ["| Code | Findings |", "| --- | ---: |"]
        lines += [f"| {markdown_cell(code)} | {count} |" for code, count in by_code.items()]
        lines += ["", "| File | Line | Code | Severity | Message | Path |"]
        lines.append("| --- | ---: | --- | --- | --- | --- |")
        lines += [markdown._row(f) for f in report.findings[: markdown.MAX_ROWS]]
        hidden = len(report.findings) - markdown.MAX_ROWS
        if hidden > 0:
            lines += ["", f"{hidden} more finding(s) not listed: see the job log."]
    else:
        lines.append("No findings.")
    return "\n".join(lines) + "\n\n"


def _json_reference(document: dict[str, Any]) -> str:
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return text.replace(COMMAND_OPENING, "#\\u0023[") + "\n"


def assert_as_before(report: Report, fmt: str, output: str) -> None:
    """``output`` is what the whole-report renderer wrote (json: the same document)."""
    if fmt == "text":
        assert output == _lines_reference(report, finding_line)
    elif fmt == "github":
        assert output == _lines_reference(report, annotation)
    elif fmt == "junit":
        assert output == _junit_reference(report)
    elif fmt == "markdown":
        assert output == _markdown_reference(report)
    elif fmt == "sarif":
        assert output == _json_reference(sarif.report_to_sarif(report))
    else:
        assert json.loads(output) == report_to_dict(report)
        assert COMMAND_OPENING not in output


def written(fmt: str, report: Report, max_findings: int | None = None) -> tuple[str, Tally]:
    out = io.StringIO()
    tally = Tally.from_report(report)
    write(fmt, iter(report.findings), out, tally, max_findings=max_findings)
    return out.getvalue(), tally


# -- findings with odd text -------------------------------------------------------------------

_PIECES = [
    "##[",
    "::",
    "\n",
    "\r\n",
    "\x00",
    "\x01",
    "\x1b[31m",
    "\x85",
    "\ud800",
    "\udcff",
    "\u2028",
    "\u202e",
    "\ufffe",
    "é",
    "日本",
    "<b>",
    "&amp;",
    '"',
    "|",
    "`",
    "%0A",
    ",",
    "#",
    "[",
    " ",
    "\t",
    "x.json",
]
_TEXT = st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=6).map("".join)
_CODES = st.sampled_from(sorted(finding_codes())[:30]) | _TEXT.filter(bool)


@st.composite
def findings(draw: st.DrawFn, files: tuple[str, ...]) -> Finding:
    return Finding(
        code=draw(_CODES),
        severity=draw(st.sampled_from(Severity)),
        message=draw(_TEXT),
        location=Location(
            file=draw(st.sampled_from((*files, "other.json")) | st.none()),
            line=draw(st.none() | st.integers(1, 10**9)),
            path=draw(st.none() | st.just("$.events[0].cameo") | _TEXT),
            event=draw(st.none() | _TEXT),
            field=draw(st.none() | st.just("cameo")),
        ),
        related=tuple(draw(st.lists(_TEXT, max_size=2))),
    )


@st.composite
def reports(draw: st.DrawFn) -> Report:
    files = tuple(draw(st.lists(_TEXT.filter(bool), max_size=3)))
    found = draw(st.lists(findings(files), max_size=12))
    return Report(findings=tuple(found), records=draw(st.integers(0, 10**6)), files=files)


# -- render is write, and both are what render was --------------------------------------------


def many_files_report() -> Report:
    found = [
        make_finding("S102", f"expected text ({i})", file=name, line=i + 1, path="$.cameo")
        for i, name in enumerate(["a.json", "b.jsonl", "a.json", "c.csv", "-", "b.jsonl"])
    ]
    found.append(make_finding("R004", "no file", line=None))
    return Report(findings=tuple(found), records=12, files=("a.json", "b.jsonl", "d.json"))


EXAMPLES = {
    "empty": Report(),
    "no findings": Report(files=("a.json", "b.jsonl"), records=4),
    "hostile": evil_report(3),
    "many files": many_files_report(),
}


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_render_is_what_write_writes(fmt: str, name: str) -> None:
    report = EXAMPLES[name]
    output, tally = written(fmt, report)
    rendered = render(report, fmt)
    if fmt == "json":
        assert json.loads(rendered) == json.loads(output)
    assert rendered == output
    assert_as_before(report, fmt, rendered)
    assert tally.summary() == report.summary()


@given(reports(), st.sampled_from(REPORT_FORMATS))
def test_render_writes_what_it_wrote_before(report: Report, fmt: str) -> None:
    assert_as_before(report, fmt, render(report, fmt))


@pytest.mark.parametrize("fmt", ["junit", "sarif", "markdown"])
def test_large_reports_spilled_to_disk_are_as_before(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past the spool's memory, and read back in parts that cut characters and marks in two.
    monkeypatch.setattr(_stream, "SPOOL_MEMORY", 4096)
    codes = sorted(finding_codes())[:7]
    found = [
        make_finding(codes[i % 7], f"é{i}\ud800 日本 ##[x", file=f"f{i // 500}.json", line=i + 1)
        for i in range(1500)
    ]
    report = Report(findings=tuple(found), records=1500, files=("f0.json", "f1.json", "g.json"))
    assert_as_before(report, fmt, render(report, fmt))


def test_the_step_summary_lists_what_markdown_lists() -> None:
    report = Report(findings=evil_report(markdown.MAX_ROWS + 5).findings, records=9, files=("x",))
    tally = Tally.from_report(report)
    text_out = io.StringIO()
    write("github", report.findings, text_out, tally)  # counts every finding
    out = io.StringIO()
    markdown.write_listed(report.findings, out, tally)
    assert out.getvalue() == render(report, "markdown")


# -- the tally --------------------------------------------------------------------------------


@given(reports(), st.sampled_from(REPORT_FORMATS), st.none() | st.integers(0, 14))
def test_the_tally_counts_as_the_report_does(
    report: Report, fmt: str, max_findings: int | None
) -> None:
    _, tally = written(fmt, report, max_findings)
    assert tally.summary() == report.summary()
    for fail_on in ("error", "warning", "info", "never", *Severity):
        assert tally.fails(fail_on) is report.fails(fail_on)
    assert tally.has_errors is report.has_errors
    assert tally.counted == len(report.findings)
    expected = len(report.findings) if max_findings is None else min(max_findings, tally.counted)
    assert tally.shown == expected
    assert tally.capped is (expected < tally.counted)


def test_an_unknown_fail_on_is_refused_as_by_the_report() -> None:
    with pytest.raises(ValueError, match="bad"):
        Report().fails("bad")
    with pytest.raises(ValueError, match="bad"):
        Tally().fails("bad")


def test_the_end_reads_files_and_records_once_the_findings_are_read() -> None:
    def found(tally: Tally) -> Iterator[Finding]:
        for i in range(3):
            yield make_finding("S102", f"m{i}", file="late.json", line=i + 1)
        tally.files += ("late.json",)
        tally.records += 7

    for fmt in REPORT_FORMATS:
        tally = Tally()
        out = io.StringIO()
        write(fmt, found(tally), out, tally)
        output = out.getvalue()
        if fmt in ("text", "github", "markdown"):
            assert "1 file(s), 7 record(s): 3 error(s)" in output
        elif fmt == "json":
            document = json.loads(output)
            assert document["files"] == ["late.json"]
            assert document["summary"]["records"] == 7
        elif fmt == "sarif":
            run = json.loads(output)["runs"][0]
            assert run["artifacts"] == [{"location": {"uri": "late.json"}}]
        else:
            suites = ET.fromstring(output).findall("testsuite")
            assert [s.get("name") for s in suites] == ["late.json"]


# -- max_findings -----------------------------------------------------------------------------


def shown_findings(fmt: str, output: str) -> int:
    """Return how many findings ``output`` lists."""
    if fmt == "text":
        return len(output.splitlines()) - 1
    if fmt == "github":
        return len(parse_commands(output))
    if fmt == "json":
        return len(json.loads(output)["findings"])
    if fmt == "sarif":
        return len(json.loads(output)["runs"][0]["results"])
    if fmt == "junit":
        cases = ET.fromstring(output).iter("testcase")
        return sum(1 for c in cases if c.get("name") not in ("no findings", "more findings"))
    return len(re.findall(r"^\| (dir|\\<input\\>)", output, re.M))


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
@pytest.mark.parametrize("cap", [0, 1, 4, 5, 6, None])
def test_max_findings_caps_what_is_written_not_what_is_counted(fmt: str, cap: int | None) -> None:
    report = evil_report(4)  # 5 findings: 4 errors, 1 info
    output, tally = written(fmt, report, cap)
    shown = 5 if cap is None else min(cap, 5)
    capped = shown < 5
    assert shown_findings(fmt, output) == shown
    assert tally.summary() == report.summary()
    assert (tally.shown, tally.counted, tally.capped) == (shown, 5, capped)
    note = f"(showing {shown} of 5 findings: --max-findings)"
    if fmt in ("text", "github", "markdown"):
        assert output.count(note) == int(capped)
        assert output.count("4 error(s), 0 warning(s), 1 info") == 1
    elif fmt == "json":
        summary = json.loads(output)["summary"]
        assert summary.pop("shown", None) == (shown if capped else None)
        assert summary == report.summary()
    elif fmt == "sarif":
        run = json.loads(output)["runs"][0]
        expected = {"findings": 5, "shown": shown} if capped else None
        assert run.get("properties") == expected
        rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
        for result in run["results"]:
            assert rules[result["ruleIndex"]] == result["ruleId"]
    else:
        root = ET.fromstring(output)
        cases = list(root.iter("testcase"))
        assert root.get("tests") == str(len(cases))
        assert root.get("failures") == str(len([c for c in cases if c.find("failure") is not None]))
        more = [c for c in cases if c.get("name") == "more findings"]
        if capped:  # a failure when an error is left out, else a passing case that says so
            messages: list[str | None] = []
            for case in more:
                failure, told = case.find("failure"), case.find("system-out")
                if failure is not None:
                    messages.append(failure.get("message"))
                elif told is not None:
                    messages.append(told.text)
            assert sum(int(m.split()[0]) for m in messages if m) == 5 - shown
        else:
            assert more == []
    if not capped:
        assert output == render(report, fmt)


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_a_negative_max_findings_is_refused(fmt: str) -> None:
    with pytest.raises(ValueError, match="max_findings"):
        write(fmt, [], io.StringIO(), Tally(), max_findings=-1)


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="known: text, json"):
        write("yaml", [], io.StringIO(), Tally())


def test_the_spool_keeps_text_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_stream, "SPOOL_MEMORY", 1000)
    text = "é\ud800日本\n" * 30000
    with _stream.Spool() as spool:
        middle = spool.write(text)
        end = spool.write("tail")
        out = io.StringIO()
        spool.copy(out)
        assert out.getvalue() == text + "tail"
        out = io.StringIO()
        spool.copy(out, middle, end)
        assert out.getvalue() == "tail"


# -- memory -----------------------------------------------------------------------------------


def generated(count: int) -> Iterator[Finding]:
    """Yield ``count`` findings, each with its own message, line, path and event."""
    for i in range(count):
        yield Finding(
            code="R004",
            severity=Severity.WARNING,
            message=f"event {i} has a problem numbered {i}",
            location=Location(file="big.jsonl", line=i + 1, path=f"$.f[{i}]", event=f"e{i}"),
        )


class Discard(io.StringIO):
    """A text stream that keeps nothing."""

    def write(self, text: str) -> int:
        return len(text)


def peak_of(run: Callable[[], object]) -> int:
    """Return the peak bytes allocated while ``run`` runs (and what it returns is held)."""
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        run()
        _, top = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return top - before


def warm_up(fmt: str) -> None:
    """Fill the caches a first write fills (the registry of codes, compiled patterns)."""
    write(fmt, generated(3), Discard(), Tally())


def test_a_writer_does_not_hold_200000_findings() -> None:
    # tracemalloc slows writing about sixfold: 200,000 findings through the text writer, the
    # others below with fewer (their temporary file then moves to disk early).
    count = 200_000
    warm_up("text")
    held = peak_of(lambda: list(generated(count)))
    streamed = peak_of(lambda: write("text", generated(count), Discard(), Tally()))
    assert held > 50_000_000  # the list: about 400 bytes a finding
    assert streamed * 100 < held


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_no_writer_grows_with_the_findings(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_stream, "SPOOL_MEMORY", 64 * 1024)
    count = 20_000
    warm_up(fmt)
    held = peak_of(lambda: list(generated(count)))
    streamed = peak_of(lambda: write(fmt, generated(count), Discard(), Tally()))
    assert streamed * 10 < held, (streamed, held)
