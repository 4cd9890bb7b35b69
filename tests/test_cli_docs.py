"""docs/cli.md documents every option; docs/ci.md's recipes work as copied."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from eventcode.cli import _parser
from tests.helpers import MAKIIVKA, ROOT, makiivka_data, write_json
from tests.test_cli import parse_commands, run

CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
CI_DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def subcommands() -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_cli_doc_documents_every_command_and_option(command: str) -> None:
    assert f"## eventcode {command}" in CLI_DOC
    section = CLI_DOC.split(f"## eventcode {command}", 1)[1].split("\n## ", 1)[0]
    for action in subcommands()[command]._actions:
        for option in action.option_strings:
            if option not in ("-h", "--help"):
                assert option in section, f"{command} {option}"
        for choice in action.choices or ():
            if action.option_strings:
                assert str(choice) in section, f"{command} {action.dest} {choice}"


def yaml_blocks(text: str) -> list[Any]:
    return [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", text, re.S)]


def workflow_command() -> list[str]:
    (workflow,) = [b for b in yaml_blocks(CI_DOC) if isinstance(b, dict) and "jobs" in b]
    runs = [s["run"] for job in workflow["jobs"].values() for s in job["steps"] if "run" in s]
    (command,) = [r for r in runs if r.startswith("eventcode ")]
    return shlex.split(command)[1:]


def dataset_repository(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # a checkout: its hidden directories are skipped
    (tmp_path / ".git" / "HEAD.json").write_text("not json", encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "makiivka.json").write_bytes(MAKIIVKA.read_bytes())
    return tmp_path


def test_the_ci_workflow_passes_on_the_fixture(tmp_path: Path) -> None:
    repository = dataset_repository(tmp_path)
    result = run(*workflow_command(), cwd=repository)
    assert result.returncode == 0, result.stdout + result.stderr
    assert {c["name"] for c in parse_commands(result.stdout)} == {"warning"}


def test_the_ci_workflow_fails_with_an_annotation_on_the_bad_record(tmp_path: Path) -> None:
    repository = dataset_repository(tmp_path)
    data = makiivka_data()
    data["events"][1]["cameo"] = 194
    bad = write_json(repository / "data" / "new.json", data)
    summary = tmp_path / "summary.md"
    result = run(*workflow_command(), cwd=repository, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    (error,) = [c for c in parse_commands(result.stdout) if c["name"] == "error"]
    assert error["file"] == "data/new.json"
    assert '"cameo": 194' in bad.read_text(encoding="utf-8").splitlines()[int(error["line"]) - 1]
    assert "| data/new.json | " in summary.read_text(encoding="utf-8")


def test_the_pre_commit_recipe_names_the_shipped_hook(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    configs = [b for b in yaml_blocks(CI_DOC) if isinstance(b, dict) and "repos" in b]
    assert configs
    for config in configs:
        for hook in config["repos"][0]["hooks"]:
            assert hook["id"] in by_id
    minimal = [line for line in CI_DOC.splitlines() if line.startswith("    ")]
    assert "    hooks: [{id: eventcode-validate}]" in minimal  # three lines to adopt

    (hook,) = hooks
    pattern = re.compile(hook["files"])
    assert all(pattern.search(n) for n in ("a.json", "b/c.jsonl", "d.ndjson", "e.csv"))
    assert not pattern.search("notes.txt")
    # pre-commit runs the entry with the staged files appended
    entry = shlex.split(hook["entry"])
    assert entry[0] == "eventcode"
    repository = dataset_repository(tmp_path)
    assert run(*entry[1:], "data/makiivka.json", cwd=repository).returncode == 0
    data = makiivka_data()
    data["events"][1]["cameo"] = 194
    write_json(repository / "data" / "new.json", data)
    failing = run(*entry[1:], "data/makiivka.json", "data/new.json", cwd=repository)
    assert failing.returncode == 1
    assert re.search(r"^data/new\.json:\d+: S102 \[error\]", failing.stdout, re.M)
