"""No file name or cell can forge a GitHub workflow command or a line in a terminal or CI log.

The Actions runner reads every line a step prints, on standard output and standard error: a
line that starts, after any leading white space, with ``::name ...::`` is a workflow command,
and ``##[name ...]`` anywhere in a line is one too (the older form). So a committed file named
``x\\n::error::...`` or ``::error ...`` or ``a##[error]b.json``, validated by the documented
``eventcode validate --format github .`` recipe, must not add an annotation, stop command
processing or fake a log line: every path and cell is escaped on its way out.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from eventcode import escaping
from eventcode.escaping import log_line, printable
from tests.helpers import MAKIIVKA
from tests.test_cli import bad_dataset, no_traceback, parse_commands, run

# Names a hostile commit could give a file: a newline starting a command, a command at the
# start of a line (with and without white space before it, ASCII and Unicode), the old
# ##[...] form in the middle, and a carriage return.
HOSTILE_NAMES = [
    "a\n::error file=forged.json,line=1::forged.json",
    "::error file=forged.json::forged.json",
    " \t::warning::forged.json",
    "\u3000::notice::forged.json",
    "data##[error]forged.json",
    "cr\r::error::forged.json",
    "stop\n::stop-commands::token.json",
]


def log_lines(output: str) -> list[str]:
    """Split output as the runner does: at LF, CR and CRLF."""
    return re.split(r"\r\n|\r|\n", output)


def assert_no_command(output: str) -> None:
    """No line of ``output`` is a workflow command, in either form."""
    for line in log_lines(output):
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line


def assert_only_our_commands(output: str, expected: int) -> None:
    """The only workflow commands in ``output`` are the report's ``expected`` annotations."""
    for line in log_lines(output):
        assert "##[" not in line, line
        if line.lstrip().startswith("::"):
            assert line.startswith(("::error file=", "::warning file=", "::notice file=")), line
    assert len(parse_commands(output)) == expected


# --- the escaping itself ------------------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_log_line_is_one_line_and_no_command(name: str) -> None:
    escaped = log_line(f"{name}:3: S102 [error] message")
    assert len(log_lines(escaped)) == 1
    assert_no_command(escaped)


def test_printable_keeps_ordinary_text_and_escapes_the_old_command_form() -> None:
    assert printable("data/ok.json: a # b [c] ::x") == "data/ok.json: a # b [c] ::x"
    assert printable("a##[error]b") == "a##\\x5berror]b"
    assert "##[" not in printable("###[[##[")
    assert log_line("::error::x") == "\\x3a:error::x"
    assert log_line("  ::x") == "  \\x3a:x"
    assert log_line("a ::x") == "a ::x"  # only at the start of a line is it a command


# --- validate: every report format, and "cannot read" on standard error -----------------------


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_text_report_cannot_forge_a_command(name: str, tmp_path: Path) -> None:
    bad_dataset(tmp_path, name)
    result = run("validate", name, cwd=tmp_path)
    assert result.returncode == 1
    assert_no_command(result.stdout)
    assert len(log_lines(result.stdout.rstrip("\n"))) == 4  # three findings and the summary
    no_traceback(result)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_github_report_holds_only_its_own_annotations(name: str, tmp_path: Path) -> None:
    bad_dataset(tmp_path, name)
    result = run("validate", "--format", "github", name, cwd=tmp_path)
    assert result.returncode == 1
    assert_only_our_commands(result.stdout, 3)
    assert len(log_lines(result.stdout.rstrip("\n"))) == 4


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "markdown"])
def test_other_reports_cannot_forge_a_command_and_keep_the_name_exact(
    fmt: str, tmp_path: Path
) -> None:
    name = "data##[error]forged\n::error::x.json"
    bad_dataset(tmp_path, name)
    result = run("validate", "--format", fmt, name, cwd=tmp_path)
    assert result.returncode == 1
    assert_no_command(result.stdout)
    if fmt == "json":
        assert {f["file"] for f in json.loads(result.stdout)["findings"]} == {name}
    elif fmt == "sarif":
        run_ = json.loads(result.stdout)["runs"][0]
        uris = {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run_["results"]
        }
        assert len(uris) == 1
    elif fmt == "junit":
        suite = ET.fromstring(result.stdout.encode("utf-8")).find("testsuite")
        assert suite is not None
        assert suite.get("name") == name  # XML escapes by itself: exact


def test_a_cell_cannot_forge_a_command_in_any_format(tmp_path: Path) -> None:
    """A value quoted in a finding's message (here an unknown CAMEO code) is data too."""
    data = json.loads(MAKIIVKA.read_text(encoding="utf-8"))
    data["events"][1]["cameo"] = "19##[error]x\n::error::y"
    (tmp_path / "d.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    for fmt in ("text", "json", "sarif", "junit", "markdown"):
        result = run("validate", "--format", fmt, "d.json", cwd=tmp_path)
        assert result.returncode == 1, (fmt, result.stderr)
        assert_no_command(result.stdout)
    github = run("validate", "--format", "github", "d.json", cwd=tmp_path)
    assert_only_our_commands(github.stdout, len(parse_commands(github.stdout)))
    assert "##[" not in github.stdout


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_cannot_read_names_a_hostile_path_on_one_line(name: str, tmp_path: Path) -> None:
    (tmp_path / name).symlink_to(tmp_path / "gone.json")  # named, but cannot be opened
    missing = name + ".missing"  # does not exist at all
    result = run("validate", "--format", "github", name, missing, cwd=tmp_path)
    assert result.returncode == 2
    assert_no_command(result.stderr)
    lines = [line for line in log_lines(result.stderr) if line]
    assert len(lines) == 2
    assert all(line.startswith("eventcode: cannot read ") for line in lines)
    assert_only_our_commands(result.stdout, 0)


def test_a_directory_walk_names_hostile_files_safely(tmp_path: Path) -> None:
    for number, name in enumerate(HOSTILE_NAMES):
        bad_dataset(tmp_path, f"{number}-{name}")
    result = run("validate", "--format", "github", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert_only_our_commands(result.stdout, 3 * len(HOSTILE_NAMES))
    text = run("validate", ".", cwd=tmp_path)
    assert_no_command(text.stdout)


def test_derive_cannot_read_a_hostile_path_on_one_line(tmp_path: Path) -> None:
    name = "x\n::error::forged.json"
    result = run("derive", name, cwd=tmp_path)
    assert result.returncode == 2
    assert_no_command(result.stderr)
    assert len([line for line in log_lines(result.stderr) if line]) == 1


def test_an_argument_error_echoes_a_hostile_value_on_one_line() -> None:
    result = run("validate", "--format", "x\n::error::forged", "d.json")
    assert result.returncode == 2
    assert_no_command(result.stderr)


# --- convert's lines on standard error --------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_convert_says_what_it_wrote_on_one_line(name: str, tmp_path: Path) -> None:
    out = name + ".jsonl"
    result = run("convert", str(MAKIIVKA), "-o", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / out).exists()
    assert_no_command(result.stderr)
    (line,) = [line for line in log_lines(result.stderr) if line]
    assert line.startswith("eventcode: wrote ")


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_convert_failures_name_hostile_paths_on_one_line(name: str, tmp_path: Path) -> None:
    missing = run("convert", name, "-o", "out.json", cwd=tmp_path)
    assert missing.returncode == 2
    assert_no_command(missing.stderr)
    assert len([line for line in log_lines(missing.stderr) if line]) == 1

    (tmp_path / name).write_bytes(MAKIIVKA.read_bytes())
    same = run("convert", name, "-o", os.path.join(".", name), "--to", "json", cwd=tmp_path)
    assert same.returncode == 2
    assert "refusing to overwrite the input" in same.stderr
    assert_no_command(same.stderr)
    assert len([line for line in log_lines(same.stderr) if line]) == 1


def test_convert_left_out_lines_are_escaped(tmp_path: Path) -> None:
    """Events left out of ACLED CSV are named one per line, whatever their ids hold."""
    result = run("convert", str(MAKIIVKA), "-o", "out.csv", cwd=tmp_path)
    left = [line for line in log_lines(result.stderr) if "left out event" in line]
    assert left
    assert all(line.startswith("eventcode: left out event ") for line in left)


def test_every_line_said_on_standard_error_is_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from eventcode import cli

    for name in HOSTILE_NAMES:
        cli._say(f"left out event {name}: no place")
    err = capsys.readouterr().err
    assert_no_command(err)
    assert len([line for line in log_lines(err) if line]) == len(HOSTILE_NAMES)


@given(st.text(alphabet=st.characters(max_codepoint=0x3000)) | st.text(alphabet="ab\t\n\x1b#[:"))
@example("tab\there ##[x]")
def test_printable_text_passes_as_the_unsafe_pattern_leaves_it(text: str) -> None:
    # Printable ASCII skips the pattern: the pattern would have changed nothing in it.
    expected = escaping._UNSAFE_TEXT.sub(escaping._escape, text).replace("##[", "##\\x5b")
    assert printable(text) == expected
