"""Inputs the coverage-guided fuzzer (fuzz/) found crashing, kept as regression tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import eventcode
from eventcode.cli import main
from tests.helpers import ROOT

CRASHES = sorted((ROOT / "fuzz" / "crashes").iterdir())


@pytest.mark.parametrize("path", CRASHES, ids=lambda p: p.name)
def test_a_row_without_actor1_type_is_reported_and_converts(path: Path, tmp_path: Path) -> None:
    report = eventcode.validate_path(path)
    assert ("A013", "actor1 is named but inter1 gives no actor type") in {
        (f.code, f.message) for f in report.findings
    }
    for target in ("out.csv", "out.jsonl"):
        assert main(["convert", str(path), "-o", str(tmp_path / target)]) == 1
        assert (tmp_path / target).exists()


def test_there_are_crashes_to_replay() -> None:
    assert len(CRASHES) >= 2
