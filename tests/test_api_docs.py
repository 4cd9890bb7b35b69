"""docs/api.md: every ```python example runs as written, from the repository's root."""

from __future__ import annotations

import re

import pytest

from tests.helpers import ROOT

API_DOC = ROOT / "docs" / "api.md"
FENCE = re.compile(r"^```(.*)$")
#: Blocks marked ```python no-run show code that cannot run here; each must be justified in
#: this table (its first line: why). There is none today.
ILLUSTRATIVE: dict[str, str] = {}
#: The public modules api.md must show in a runnable example, and how an example imports each.
MODULES = {
    "eventcode": r"^import eventcode$",
    "eventcode.acled": r"^from eventcode import acled$",
    "eventcode.codebooks": r"^from eventcode import codebooks$",
    "eventcode.frames": r"^from eventcode import frames$",
    "eventcode.rules": r"^from eventcode import rules$",
    "eventcode.strategies": r"^from eventcode\.strategies import ",
    "eventcode.ucdp": r"^from eventcode import ucdp$",
}


def fenced_blocks(text: str) -> list[tuple[int, str, str]]:
    """Return each fenced block as (line of its first code line, info string, code)."""
    blocks: list[tuple[int, str, str]] = []
    lines = text.splitlines()
    at = 0
    while at < len(lines):
        opened = FENCE.match(lines[at])
        if opened is None:
            at += 1
            continue
        info, start = opened.group(1).strip(), at + 1
        end = start
        while end < len(lines) and not lines[end].startswith("```"):
            end += 1
        assert end < len(lines), f"docs/api.md:{at + 1}: a fence is never closed"
        blocks.append((start + 1, info, "\n".join(lines[start:end]) + "\n"))
        at = end + 1
    return blocks


BLOCKS = fenced_blocks(API_DOC.read_text(encoding="utf-8"))
RUNNABLE = [(line, code) for line, info, code in BLOCKS if info == "python"]


def test_every_fence_is_python_or_marked_no_run() -> None:
    # A ```py or ```python3 block would otherwise be skipped without a word.
    assert {info for _, info, _ in BLOCKS} <= {"python", "python no-run"}
    no_run = {code.splitlines()[0] for _, info, code in BLOCKS if info == "python no-run"}
    assert no_run == set(ILLUSTRATIVE)


def test_the_examples_cover_every_public_module() -> None:
    assert len(RUNNABLE) >= 6
    shown = "\n".join(code for _, code in RUNNABLE)
    for module, imported in MODULES.items():
        assert re.search(imported, shown, re.M), module


@pytest.mark.parametrize(("line", "code"), RUNNABLE, ids=[f"api.md:{n}" for n, _ in RUNNABLE])
def test_the_example_runs(line: int, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    # Padded so that a traceback's line numbers are api.md's.
    compiled = compile("\n" * (line - 1) + code, str(API_DOC), "exec")
    exec(compiled, {"__name__": f"api_md_{line}"})
