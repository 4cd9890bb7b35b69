"""What the command line is a shell over: settings, path collection and conversion, in process."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import eventcode
from eventcode.config import ConfigError, Settings, load_settings, settings_from_table
from eventcode.conversion import SameFileError, convert, output_format
from eventcode.paths import DEFAULT_EXCLUDE, collect_paths, is_excluded
from tests.helpers import MAKIIVKA
from tests.test_cli import run


def test_no_pyproject_gives_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_settings() == Settings()
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 1\n", encoding="utf-8")
    assert load_settings() == Settings()


def test_pyproject_table_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.eventcode]\n"
        'select = ["s1", "R002"]\nignore = ["S102"]\nfail-on = "never"\npolicy = "acled"\n'
        'format = "junit"\ninclude = ["*.csv"]\nextend-exclude = ["old"]\nforce-exclude = true\n',
        encoding="utf-8",
    )
    settings = load_settings()
    assert settings.select == ("S1", "R002")
    assert settings.ignore == ("S102",)
    assert (settings.fail_on, settings.policy, settings.format) == ("never", "acled", "junit")
    assert settings.include == ("*.csv",)
    assert settings.all_excluded == (*DEFAULT_EXCLUDE, "old")
    assert settings.force_exclude is True
    assert settings.override(fail_on="error", format=None).fail_on == "error"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"selct": ["S"]}, "did you mean 'select'"),
        ({"select": "S"}, "list of strings"),
        ({"ignore": ["X1"]}, "no finding code"),
        ({"format": "yaml"}, "format must be one of"),
        ({"force-exclude": "yes"}, "true or false"),
        ({"policy": 3}, "policy must be a string"),
    ],
)
def test_bad_tables_are_refused(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        settings_from_table(table)


def test_a_named_config_that_is_missing_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(tmp_path / "nope.toml")


def test_exclusion_looks_below_the_start_only() -> None:
    assert is_excluded("data/.drafts/x.json", DEFAULT_EXCLUDE)
    assert is_excluded("./data/raw/x.json", ["data/raw"])
    assert not is_excluded("../data/x.json", DEFAULT_EXCLUDE)
    assert not is_excluded("/home/me/.cache/project/x.json", DEFAULT_EXCLUDE)
    assert is_excluded("/home/me/project/.x.json", DEFAULT_EXCLUDE)


def test_collect_paths_keeps_each_file_once_and_names_problems(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    found = collect_paths([str(tmp_path), str(tmp_path / "a.json"), "-", str(tmp_path / "no")])
    assert found.files == (str(tmp_path / "a.json"), "-")
    assert [p.path for p in found.problems] == [str(tmp_path / "no")]


def test_convert_bytes_to_a_stream() -> None:
    out = io.StringIO()
    done = convert(MAKIIVKA.read_bytes(), out, to="jsonl", name="in.json")
    assert done.written == 28
    assert not done.fails("warning")
    assert out.getvalue() == eventcode.dumps(eventcode.read(MAKIIVKA), format="jsonl")


def test_convert_refuses_its_input(tmp_path: Path) -> None:
    copy = tmp_path / "d.json"
    copy.write_bytes(MAKIIVKA.read_bytes())
    with pytest.raises(SameFileError):
        convert(copy, tmp_path / "." / "d.json")


def test_output_format() -> None:
    assert output_format("x.CSV") == "acled-csv"
    assert output_format("x.ndjson") == "jsonl"
    assert output_format("-") == "json"
    assert output_format("x.csv", "jsonl") == "jsonl"
    with pytest.raises(ValueError, match="cannot write"):
        output_format("x", "xml")


def test_limits_come_from_pyproject_and_options_win(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"format_version": "1.0", "x": ' + "[" * 30 + "]" * 30 + "}", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.eventcode]\nmax-json-depth = 10\n")
    limited = run("validate", "--format", "json", "deep.json", cwd=tmp_path)
    assert "L003" in limited.stdout
    wider = run(
        "validate", "--format", "json", "--max-json-depth", "100", "deep.json", cwd=tmp_path
    )
    assert "L003" not in wider.stdout
    (tmp_path / "pyproject.toml").write_text("[tool.eventcode]\nmax-json-depth = 0\n")
    assert run("validate", "deep.json", cwd=tmp_path).returncode == 2
