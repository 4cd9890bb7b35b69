"""The command line, run as a real executable in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import MAKIIVKA, makiivka_data, write_json

EXECUTABLE = Path(sys.executable).with_name("eventcode")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(EXECUTABLE), *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def test_fixture_validates_with_exit_0() -> None:
    result = run("validate", str(MAKIIVKA))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stdout


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


def test_text_format_lists_file_line_code(tmp_path: Path) -> None:
    data = makiivka_data()
    data["events"][0]["cameo"] = 194
    path = write_json(tmp_path / "d.json", data)
    result = run("validate", str(path))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path}:")
    assert ": $.events[0].cameo: S102 [error]" in first


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
    data = makiivka_data()
    data["events"][0]["cameo"] = 194
    bad = write_json(tmp_path / "d.json", data)
    result = run("validate", str(bad), str(tmp_path / "missing.json"))
    assert result.returncode == 2
    assert "missing.json" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "S102" in result.stdout  # the readable file is still reported


@pytest.mark.parametrize(
    "args",
    [(), ("validate",), ("validate", "--format", "xml", "x.json"), ("frobnicate",)],
)
def test_bad_arguments_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_a_directory_is_not_a_file(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_schema_prints_the_published_schema() -> None:
    result = run("schema", "dataset")
    assert result.returncode == 0
    published = Path(__file__).parent.parent / "schemas" / "dataset.schema.json"
    assert result.stdout == published.read_text(encoding="utf-8")


def test_explain_documents_a_code() -> None:
    result = run("explain", "S302")
    assert result.returncode == 0
    assert result.stdout.startswith("S302 unresolved-reference (error)")
    unknown = run("explain", "Z999")
    assert unknown.returncode == 2
    assert "S302" in unknown.stderr


def test_python_dash_m_runs_the_same_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "eventcode", "validate", str(MAKIIVKA)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
