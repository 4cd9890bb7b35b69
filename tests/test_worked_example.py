"""docs/worked-example.md: every command it shows prints exactly what it shows."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

DOC = ROOT / "docs" / "worked-example.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def console_blocks() -> list[str]:
    return BLOCK.findall(DOC.read_text(encoding="utf-8"))


def split_block(block: str) -> list[tuple[str, str]]:
    """Split a console block into (command, expected output) pairs."""
    steps: list[tuple[str, str]] = []
    for line in block.splitlines(keepends=True):
        if line.startswith("$ "):
            steps.append((line[2:].strip(), ""))
        else:
            command, output = steps[-1]
            steps[-1] = (command, output + line)
    return steps


def run_shell(command: str, cwd: Path) -> str:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    return result.stdout + result.stderr


@pytest.mark.parametrize("block", console_blocks())
def test_console_block_output_is_reproduced(block: str, tmp_path: Path) -> None:
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    for command, expected in split_block(block):
        assert run_shell(command, tmp_path) == expected, command


def test_the_doc_has_commands() -> None:
    assert len(console_blocks()) >= 4
