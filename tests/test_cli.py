"""`eventcode validate`, `schema` and `explain`, run as the real executable in a subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import MAKIIVKA, ROOT, makiivka_data, write_json

EXECUTABLE = Path(sys.executable).with_name("eventcode")


def run(
    *args: str,
    cwd: Path | None = None,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the installed `eventcode` with ``args``; stdout and stderr decoded as UTF-8."""
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    environment.update(env or {})
    result = subprocess.run(
        [str(EXECUTABLE), *args],
        capture_output=True,
        input=stdin if stdin is not None else b"",
        cwd=cwd,
        env=environment,
        check=False,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8"),
        result.stderr.decode("utf-8"),
    )


def bad_dataset(tmp_path: Path, name: str = "bad.json") -> Path:
    """Write a copy of the fixture whose second event has a numeric CAMEO code (one S102).

    The fixture's own two warnings (R002, R004, about the first event) stay.
    """
    data = makiivka_data()
    data["events"][1]["cameo"] = 194
    return write_json(tmp_path / name, data)


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout


# --- exit codes -----------------------------------------------------------------------------


def test_fixture_validates_with_exit_0() -> None:
    result = run("validate", str(MAKIIVKA))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stdout
    assert result.stderr == ""  # no progress bar, no noise when stderr is not a terminal


def test_damaged_fixture_names_each_damage_and_exits_1(tmp_path: Path) -> None:
    data = makiivka_data()
    event = data["events"][0]
    event["figures"][1]["value"]["low"] = -400
    event["figures"][2]["basis"] = "rumoured"
    event["actor2"]["inter"] = "8"
    event["date"]["start"] = "2022-12-32"
    del data["documents"][0]["outlet"]
    path = write_json(tmp_path / "damaged.json", data)
    result = run("validate", "--format", "json", path.name, cwd=tmp_path)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    found = {(f["code"], f["path"]) for f in report["findings"]}
    assert found == {
        ("S103", "$.events[0].figures[1].value.low"),
        ("S103", "$.events[0].figures[2].basis"),
        ("S102", "$.events[0].actor2.inter"),
        ("S103", "$.events[0].date.start"),
        ("S101", "$.documents[0].outlet"),
    }
    lines = path.read_text().splitlines()
    for finding in report["findings"]:
        assert finding["file"] == "damaged.json"  # the path as given: relative stays relative
        assert finding["severity"] == "error"
        assert isinstance(finding["line"], int)
    by_path = {f["path"]: f["line"] for f in report["findings"]}
    assert '"inter": "8"' in lines[by_path["$.events[0].actor2.inter"] - 1]
    assert report["summary"]["errors"] == 5


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("broken.json", b'{"format_version": "1.0", "events": [', "S001"),
        (
            "latin1.jsonl",
            '{"record": "dataset", "format_version": "1.0", "x": "é"}\n'.encode("latin-1"),
            "S002",
        ),
        ("empty.json", b"", "S003"),
        (
            "record.jsonl",
            b'{"record":"dataset","format_version":"1.0"}\n{"record":"event"}\n',
            "S101",
        ),
    ],
)
def test_unreadable_content_is_a_finding_and_exits_1(
    tmp_path: Path, name: str, content: bytes, code: str
) -> None:
    (tmp_path / name).write_bytes(content)
    result = run("validate", "--format", "json", name, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert code in codes
    no_traceback(result)


def test_warnings_fail_only_when_asked(tmp_path: Path) -> None:
    data = makiivka_data()
    data["events"][0]["figures"][0]["quantity"] = "goats_stolen"
    path = write_json(tmp_path / "d.json", data)
    assert run("validate", str(path)).returncode == 0
    assert run("validate", "--fail-on", "warning", str(path)).returncode == 1
    data["events"][0]["cameo"] = 194
    write_json(path, data)
    assert run("validate", "--fail-on", "never", str(path)).returncode == 0


def test_missing_path_exits_2_even_beside_bad_files(tmp_path: Path) -> None:
    bad = bad_dataset(tmp_path)
    result = run("validate", str(bad), str(tmp_path / "missing.json"))
    assert result.returncode == 2
    assert "missing.json" in result.stderr
    no_traceback(result)
    assert "S102" in result.stdout  # the readable file is still reported


def test_a_path_that_cannot_be_opened_exits_2(tmp_path: Path) -> None:
    (tmp_path / "dangling.json").symlink_to(tmp_path / "gone.json")
    result = run("validate", "dangling.json", cwd=tmp_path)
    assert result.returncode == 2
    assert "cannot read dangling.json" in result.stderr
    no_traceback(result)


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("validate",),
        ("validate", "--format", "xml", "x.json"),
        ("frobnicate",),
        ("validate", "--policy", "nonsense", str(MAKIIVKA)),
        ("validate", "--select", "Q9", str(MAKIIVKA)),
        ("validate", "-", "-"),
    ],
)
def test_bad_arguments_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr
    no_traceback(result)


def test_an_output_file_that_cannot_be_written_exits_2(tmp_path: Path) -> None:
    result = run(
        "validate", "--output-file", str(tmp_path / "no" / "such" / "r.json"), str(MAKIIVKA)
    )
    assert result.returncode == 2
    assert "cannot write" in result.stderr


def test_an_internal_error_asks_for_a_report_without_a_traceback(tmp_path: Path) -> None:
    # A bug planted in the library through sitecustomize: the real executable meets it.
    (tmp_path / "sitecustomize.py").write_text(
        "import eventcode.validation\n"
        "def broken(*args, **kwargs):\n"
        "    raise RuntimeError('planted bug')\n"
        "eventcode.validation.iter_source = broken\n",
        encoding="utf-8",
    )
    result = run("validate", str(MAKIIVKA), env={"PYTHONPATH": str(tmp_path)})
    assert result.returncode == 2
    assert "internal error (RuntimeError: planted bug)" in result.stderr
    assert "please report it" in result.stderr
    assert "Traceback" not in result.stderr
    details = re.search(r"The details are in (\S+)\.$", result.stderr.strip())
    assert details is not None
    crash = Path(details.group(1))
    assert "Traceback" in crash.read_text(encoding="utf-8")
    crash.unlink()


# --- output formats, each read by a real parser ---------------------------------------------


def test_text_format_lists_file_line_code(tmp_path: Path) -> None:
    path = bad_dataset(tmp_path)
    result = run("validate", str(path))
    assert result.returncode == 1
    (line,) = [line for line in result.stdout.splitlines() if "S102" in line]
    assert re.fullmatch(
        re.escape(str(path)) + r":\d+: S102 \[error\] .+ \(\$\.events\[1\]\.cameo\)", line
    )
    assert result.stdout.splitlines()[-1].startswith("1 file(s), 27 record(s): 1 error(s)")


# A workflow command, as the Actions runner reads it: `::name key=value,key=value::message`.
COMMAND = re.compile(r"::(?P<name>[a-z-]+)(?: (?P<properties>[^:]*))?::(?P<message>.*)")


def unescape(text: str, property_: bool = False) -> str:
    text = text.replace("%0D", "\r").replace("%0A", "\n")
    if property_:
        text = text.replace("%3A", ":").replace("%2C", ",")
    return text.replace("%25", "%")


def parse_commands(output: str) -> list[dict[str, Any]]:
    """Return the workflow commands of a log; every other line must not start with ``::``."""
    commands = []
    for line in output.split("\n"):
        match = COMMAND.fullmatch(line)
        if match is None:
            assert not line.startswith("::"), line
            continue
        properties = dict(
            part.split("=", 1) for part in (match["properties"] or "").split(",") if part
        )
        commands.append(
            {
                "name": match["name"],
                **{k: unescape(v, property_=True) for k, v in properties.items()},
                "message": unescape(match["message"]),
            }
        )
    return commands


def test_github_format_is_one_annotation_per_finding(tmp_path: Path) -> None:
    data = makiivka_data()
    data["events"][1]["cameo"] = 194
    write_json(tmp_path / "d.json", data)
    result = run("validate", "--format", "github", "d.json", cwd=tmp_path)
    assert result.returncode == 1
    commands = parse_commands(result.stdout)
    assert sorted((c["name"], c["title"]) for c in commands) == [
        ("error", "S102"),
        ("warning", "R002"),
        ("warning", "R004"),
    ]
    error = next(c for c in commands if c["name"] == "error")
    assert error["file"] == "d.json"
    assert int(error["line"]) > 1
    assert error["message"].endswith("($.events[1].cameo)")
    assert result.stdout.splitlines()[-1].startswith("1 file(s)")
    assert not (tmp_path / "summary.md").exists()


def test_data_cannot_forge_lines_or_commands(tmp_path: Path) -> None:
    name = "we,ird::\n::error file=x.json::forged\x01.json"
    bad_dataset(tmp_path, name)
    github = run("validate", "--format", "github", name, cwd=tmp_path)
    commands = parse_commands(github.stdout)
    assert sorted(c["name"] for c in commands) == ["error", "warning", "warning"]  # no forgery
    assert len(github.stdout.splitlines()) == 4  # and the summary line
    for command in commands:
        assert command["file"] == name.replace("\n", "\\n").replace("\x01", "\\x01")

    text = run("validate", name, cwd=tmp_path)
    assert len(text.stdout.splitlines()) == 4  # three findings and the summary

    junit = run("validate", "--format", "junit", name, cwd=tmp_path)
    suite = ET.fromstring(junit.stdout.encode("utf-8")).find("testsuite")
    assert suite is not None
    assert suite.get("name") == name.replace("\x01", "\\x01")  # XML keeps the newline

    report = json.loads(run("validate", "--format", "json", name, cwd=tmp_path).stdout)
    assert {f["file"] for f in report["findings"]} == {name}  # JSON escapes by itself: exact


def test_github_step_summary_gets_the_whole_report(tmp_path: Path) -> None:
    bad_dataset(tmp_path, "a|b.json")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run(
        "validate",
        "--format",
        "github",
        "a|b.json",
        str(MAKIIVKA),
        cwd=tmp_path,
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.returncode == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")  # appended, as GitHub expects
    rows = [line for line in text.splitlines() if line.startswith("| a\\|b.json")]
    assert len(rows) == 3
    (row,) = [r for r in rows if "S102" in r]
    assert row.count(" | ") == 5  # six cells: the | in the name does not add one
    assert "| S102 | error | expected text, got number 194 |" in row
    assert "2 file(s), 55 record(s): 1 error(s), 4 warning(s)" in text
    assert "| R002 | 2 |" in text


def test_json_report_is_versioned_and_documented(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    bad_dataset(tmp_path)
    result = run("validate", "--format", "json", "bad.json", str(MAKIIVKA), cwd=tmp_path)
    report = json.loads(result.stdout)
    finding = {
        "type": "object",
        "required": ["code", "severity", "message", "file", "line", "path"],
        "properties": {
            "code": {"type": "string", "pattern": "^[A-Z][0-9]{3}$"},
            "severity": {"enum": ["error", "warning", "info"]},
            "message": {"type": "string"},
            "file": {"type": "string"},
            "line": {"type": ["integer", "null"], "minimum": 1},
            "path": {"type": ["string", "null"]},
        },
    }
    schema = {
        "type": "object",
        "required": ["report_version", "tool", "files", "findings", "summary"],
        "properties": {
            "report_version": {"const": "1"},
            "files": {"type": "array", "items": {"type": "string"}},
            "findings": {"type": "array", "items": finding},
            "summary": {
                "type": "object",
                "required": ["files", "records", "errors", "warnings", "infos", "by_code"],
            },
        },
    }
    jsonschema.validate(report, schema)
    assert report["files"] == ["bad.json", str(MAKIIVKA)]
    assert report["summary"]["by_code"] == {"R002": 2, "R004": 2, "S102": 1}
    assert report["summary"]["files"] == 2
    documented = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert '"report_version": "1"' in documented


def test_junit_format_is_a_suite_per_file_and_a_case_per_finding(tmp_path: Path) -> None:
    bad_dataset(tmp_path)
    good = tmp_path / "good.jsonl"
    assert run("convert", str(MAKIIVKA), "-o", str(good)).returncode == 0
    result = run(
        "validate", "--format", "junit", "--ignore", "R", "bad.json", "good.jsonl", cwd=tmp_path
    )
    assert result.returncode == 1
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"bad.json", "good.jsonl"}
    (case,) = suites["bad.json"].iter("testcase")
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "error"
    assert case.get("classname") == "bad.json"
    assert case.get("name") == "S102 $.events[1].cameo"
    assert int(case.get("line") or 0) > 1
    (passing,) = suites["good.jsonl"].iter("testcase")
    assert passing.find("failure") is None
    assert root.get("failures") == "1"


def test_sarif_format(tmp_path: Path) -> None:
    bad_dataset(tmp_path, "my bad.json")
    result = run("validate", "--format", "sarif", "my bad.json", cwd=tmp_path)
    assert result.returncode == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    (result_,) = [r for r in run_["results"] if r["ruleId"] == "S102"]
    assert rules[result_["ruleIndex"]] == "S102"
    assert result_["level"] == "error"
    location = result_["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "my%20bad.json"
    assert location["physicalLocation"]["region"]["startLine"] > 1
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "$.events[1].cameo"


def test_output_file_holds_the_report(tmp_path: Path) -> None:
    out = tmp_path / "report.xml"
    result = run("validate", "--format", "junit", "--output-file", str(out), str(MAKIIVKA))
    assert result.returncode == 0
    assert result.stdout == ""
    assert ET.parse(out).getroot().tag == "testsuites"


# --- selecting codes, configuration ----------------------------------------------------------


def test_select_and_ignore_by_code_and_prefix(tmp_path: Path) -> None:
    bad_dataset(tmp_path)

    def codes(*args: str) -> list[str]:
        result = run("validate", "--format", "json", *args, "bad.json", cwd=tmp_path)
        return sorted(f["code"] for f in json.loads(result.stdout)["findings"])

    assert codes() == ["R002", "R004", "S102"]
    assert codes("--select", "R") == ["R002", "R004"]
    assert codes("--ignore", "S102,R004") == ["R002"]
    assert codes("--select", "R", "--ignore", "R0") == []
    assert codes("--select", "r002", "--ignore", "R") == ["R002"]  # the more specific wins
    assert run("validate", "--ignore", "S", "bad.json", cwd=tmp_path).returncode == 0


def write_pyproject(directory: Path, table: str) -> None:
    (directory / "pyproject.toml").write_text(
        f"[project]\nname = 'data'\n\n[tool.eventcode]\n{table}\n", encoding="utf-8"
    )


def test_configuration_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "d.json").write_bytes(MAKIIVKA.read_bytes())  # two warnings, R002 and R004
    write_pyproject(tmp_path, 'fail-on = "warning"\nformat = "json"\nignore = ["R004"]')
    result = run("validate", "d.json", cwd=tmp_path)
    assert result.returncode == 1
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["R002"]
    # the command line wins over the file; --isolated ignores it
    assert run("validate", "--fail-on", "error", "d.json", cwd=tmp_path).returncode == 0
    assert run("validate", "--ignore", "R", "d.json", cwd=tmp_path).returncode == 0
    isolated = run("validate", "--isolated", "d.json", cwd=tmp_path)
    assert isolated.returncode == 0
    assert "R004 [warning]" in isolated.stdout


def test_configuration_from_a_named_file(tmp_path: Path) -> None:
    other = tmp_path / "conf"
    other.mkdir()
    write_pyproject(other, 'select = ["R002"]\nfail-on = "warning"')
    result = run("validate", "--config", str(other / "pyproject.toml"), str(MAKIIVKA))
    assert result.returncode == 1
    assert "R002" in result.stdout
    assert "R004" not in result.stdout


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('fail_on = "warning"', "did you mean 'fail-on'"),
        ('fail-on = "sometimes"', "fail-on must be one of"),
        ('select = ["Z"]', "'Z' is no finding code"),
        ('policy = "nonsense"', "nonsense"),
        ("select = [", "not valid TOML"),
    ],
)
def test_a_bad_configuration_exits_2(tmp_path: Path, table: str, message: str) -> None:
    write_pyproject(tmp_path, table)
    result = run("validate", str(MAKIIVKA), cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    no_traceback(result)


# --- paths: directories, stdin ---------------------------------------------------------------


def test_directories_are_walked_with_include_and_exclude(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "sub").mkdir(parents=True)
    (data / ".hidden").mkdir()
    (data / "drafts").mkdir()
    (data / "a.json").write_bytes(MAKIIVKA.read_bytes())
    assert run("convert", str(MAKIIVKA), "-o", str(data / "sub" / "b.jsonl")).returncode == 0
    bad_dataset(data / ".hidden", "c.json")
    bad_dataset(data / "drafts", "d.json")
    (data / "notes.txt").write_text("not a dataset", encoding="utf-8")

    def files(*args: str) -> list[str]:
        result = run("validate", "--format", "json", *args, cwd=tmp_path)
        assert result.returncode in (0, 1), result.stderr
        files: list[str] = json.loads(result.stdout)["files"]
        return files

    assert files("data") == ["data/a.json", "data/drafts/d.json", "data/sub/b.jsonl"]
    assert files("data", "--extend-exclude", "drafts") == ["data/a.json", "data/sub/b.jsonl"]
    assert files("data", "--include", "*.jsonl") == ["data/sub/b.jsonl"]
    assert files("data", "--exclude", "sub") == [
        "data/.hidden/c.json",
        "data/a.json",
        "data/drafts/d.json",
    ]
    assert files(".", "--extend-exclude", "data/drafts/*") == ["data/a.json", "data/sub/b.jsonl"]
    # a file named directly is read whatever its extension, unless --force-exclude
    assert files("data/notes.txt", "data/drafts/d.json", "--extend-exclude", "drafts") == [
        "data/notes.txt",
        "data/drafts/d.json",
    ]
    assert files("data/drafts/d.json", "--extend-exclude", "drafts", "--force-exclude") == []


def test_stdin_is_read_for_dash() -> None:
    lines = run("convert", str(MAKIIVKA), "-o", "-", "--to", "jsonl").stdout
    broken = lines.replace('"cameo":"194"', '"cameo":194', 1).encode("utf-8")
    result = run("validate", "--format", "json", "-", stdin=broken)
    assert result.returncode == 1
    (finding,) = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "S102"]
    assert finding["file"] == "-"
    assert finding["line"] > 1
    named = run("validate", "--stdin-filename", "data/x.jsonl", "-", stdin=broken)
    assert named.stdout.startswith(f"data/x.jsonl:{finding['line']}: S102")
    assert run("validate", "-", stdin=MAKIIVKA.read_bytes()).returncode == 0


def test_stdin_recognises_acled_csv_by_content() -> None:
    csv = (ROOT / "fixtures" / "makiivka-2023" / "acled.csv").read_bytes()
    result = run("validate", "--format", "json", "-", stdin=csv)
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["summary"]["records"] > 1


# --- the other commands -----------------------------------------------------------------------


def test_schema_prints_the_published_schema() -> None:
    result = run("schema", "dataset")
    assert result.returncode == 0
    published = ROOT / "schemas" / "dataset.schema.json"
    assert result.stdout == published.read_text(encoding="utf-8")


def test_explain_documents_a_code() -> None:
    result = run("explain", "S302")
    assert result.returncode == 0
    assert result.stdout.startswith("S302 unresolved-reference (error)")
    assert run("explain", "cameo:194").returncode == 0
    unknown = run("explain", "Z999")
    assert unknown.returncode == 2
    assert "no finding code is near it" in unknown.stderr  # the list is in docs/findings.md
    assert "S302" not in unknown.stderr


def test_python_dash_m_runs_the_same_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "eventcode", "validate", str(MAKIIVKA)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
