"""The reporters, in process: every format escapes what comes from the data."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcode._progress import Progress
from eventcode.findings import Finding, Location, Report, Severity, code_selected
from eventcode.reporters import REPORT_FORMATS, render
from eventcode.reporters import json as json_report
from eventcode.reporters.github import escape_data, escape_property
from eventcode.reporters.markdown import MAX_ROWS
from tests.test_cli import parse_commands

EVIL = "a\nb\r::error file=x::forged %0A <b>&amp;\x01\x1b[31m\u2028\u202e\ud800|`*_[x](y)"


def evil_report(count: int = 1) -> Report:
    finding = Finding(
        code="S103",
        severity=Severity.ERROR,
        message=f"{EVIL!s} is not valid",
        location=Location(file="dir/we,ird:" + EVIL, line=3, path="$.events[0]['" + EVIL + "']"),
    )
    info = Finding(code="R001", severity=Severity.INFO, message="fine", location=Location())
    files = (finding.location.file or "",)
    return Report(findings=(finding,) * count + (info,), records=2, files=files)


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_every_format_survives_hostile_data(fmt: str) -> None:
    output = render(evil_report(), fmt)
    output.encode("utf-8", "backslashreplace")  # writable whatever it holds
    if fmt in ("json", "sarif"):
        json.loads(output)
    elif fmt == "junit":
        ET.fromstring(output.encode("utf-8", "backslashreplace"))
    elif fmt == "github":
        commands = parse_commands(output)
        assert [c["name"] for c in commands] == ["error", "notice"]
        assert len(output.split("\n")) == 4  # two commands, the summary, the final newline
        assert "\x1b" not in output
    else:  # text, markdown: nothing breaks a line or runs in a terminal
        assert "\x1b" not in output
        assert "\u2028" not in output
        assert "\u202e" not in output
        assert "\r" not in output


def test_text_keeps_the_data_readable() -> None:
    line = render(evil_report(), "text").splitlines()[0]
    assert line.startswith("dir/we,ird:a\\nb\\r::error file=x::forged %0A")
    assert "\\x1b[31m\\u2028\\u202e\\ud800" in line


def test_json_keeps_the_data_exactly() -> None:
    finding = json.loads(render(evil_report(), "json"))["findings"][0]
    assert finding["message"] == f"{EVIL} is not valid"
    assert finding["file"] == "dir/we,ird:" + EVIL


def test_github_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("50%\r\n::x") == "50%25%0D%0A::x"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    command = parse_commands(render(evil_report(), "github"))[0]
    assert command["file"] == "dir/we,ird:a\\nb\\r::error file=x::forged %0A <b>&amp;" + (
        "\\x01\\x1b[31m\\u2028\\u202e\\ud800|`*_[x](y)"
    )
    assert command["line"] == "3"
    assert command["title"] == "S103"


def test_junit_holds_what_xml_can_hold() -> None:
    root = ET.fromstring(render(evil_report(), "junit").encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == (
        "a\nb\r::error file=x::forged %0A <b>&amp;\\x01\\x1b[31m\u2028\u202e\\ud800|`*_[x](y)"
        " is not valid"
    )


def test_markdown_table_rows_stay_rows() -> None:
    text = render(evil_report(), "markdown")
    rows = [line for line in text.splitlines() if line.startswith("| dir")]
    assert len(rows) == 1
    assert rows[0].replace("\\|", "").count("|") == 7  # six cells
    assert "<b>" not in text
    assert "](" not in text.replace("\\](", "")


def test_markdown_lists_at_most_max_rows() -> None:
    text = render(evil_report(MAX_ROWS + 5), "markdown")
    assert text.count("| dir") == MAX_ROWS
    assert "6 more finding(s) not listed" in text


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="known: text, json"):
        render(Report(), "yaml")


@pytest.mark.parametrize(
    ("code", "select", "ignore", "kept"),
    [
        ("S102", None, (), True),
        ("S102", ("S",), (), True),
        ("S102", ("R",), (), False),
        ("S102", ("S",), ("S1",), False),
        ("S102", ("S102",), ("S",), True),
        ("S102", ("S",), ("S",), False),
        ("S102", ("ALL",), ("S102",), False),
        ("s102", ("all",), ("r",), True),
    ],
)
def test_code_selected(
    code: str, select: tuple[str, ...] | None, ignore: tuple[str, ...], kept: bool
) -> None:
    assert code_selected(code, select, ignore) is kept


def test_report_fails_at_its_level() -> None:
    report = evil_report()
    assert report.fails("error")
    assert report.fails(Severity.WARNING)
    assert not report.fails("never")
    assert not report.filtered(ignore=["S"]).fails("warning")
    assert report.filtered(ignore=["S"]).fails("info")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_on_a_terminal_only_after_a_delay() -> None:
    now = [0.0]
    terminal = Terminal()
    progress = Progress(terminal, 2, delay=0.5, clock=lambda: now[0])
    progress.start("a.json")
    progress.records(10)
    assert terminal.getvalue() == ""  # a short run stays silent
    now[0] = 1.0
    progress.records(5000)
    assert "[----------------------------------------] 0/2 files, 5,000 records a.json" in (
        terminal.getvalue().replace("-" * 20, "-" * 40)
    )
    now[0] = 2.0
    progress.finish()
    now[0] = 3.0
    progress.start("b\n.json")
    assert "1/2 files, 5,000 records b\\n.json" in terminal.getvalue()
    progress.close()
    assert terminal.getvalue().endswith("\r\x1b[K")


def test_progress_is_silent_off_a_terminal() -> None:
    now = [0.0]
    stream = io.StringIO()
    progress = Progress(stream, 1, clock=lambda: now[0])
    now[0] = 10.0
    progress.start("a.json")
    progress.finish()
    progress.close()
    assert stream.getvalue() == ""


#: Text the encoder escapes or keeps: quotes, controls, separators, a lone surrogate, ``##[``.
PIECES = ["a", "é", '"', "\\", "\n", "\x01", "\u2028", "\ud800", "#", "##[", "[", "💥"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=6).map("".join) | st.text(max_size=8)
OPTIONAL = st.none() | TEXT


@settings(max_examples=300)
@given(
    st.sampled_from(list(Severity)),
    TEXT,
    OPTIONAL,
    st.none() | st.integers(0, 2**70),
    OPTIONAL,
    OPTIONAL,
    OPTIONAL,
    st.lists(TEXT, max_size=3),
)
def test_a_json_finding_line_is_its_dictionary_encoded(
    severity: Severity,
    message: str,
    file: str | None,
    line: int | None,
    path: str | None,
    event: str | None,
    field: str | None,
    related: list[str],
) -> None:
    where = Location(file=file, line=line, path=path, event=event, field=field)
    finding = Finding(
        code="C023", severity=severity, message=message, location=where, related=tuple(related)
    )
    assert json_report._finding_json(finding) == json_report._json(finding.to_dict())
