"""The CI fuzzer (fuzz/run.py): it is reproducible, and a crash is saved and fails the run."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.helpers import ROOT


def _runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_run", ROOT / "fuzz" / "run.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_run"] = module
    spec.loader.exec_module(module)
    return module


def test_a_crash_is_saved_with_its_seed_and_fails_the_run(tmp_path: Path) -> None:
    runner = _runner()

    def explode(name: str, data: bytes) -> None:
        if b"9999" in data:
            raise ValueError("boom")

    with pytest.raises(SystemExit) as stopped:
        runner.fuzz(30, 3, tmp_path, run=explode, max_rounds=100_000)
    assert stopped.value.code == 1
    (crash,) = tmp_path.iterdir()
    assert crash.name.startswith("crash-3-")
    assert b"9999" in crash.read_bytes()


def test_the_same_seed_gives_the_same_inputs(tmp_path: Path) -> None:
    runner = _runner()
    seen: list[list[bytes]] = [[], []]
    for i in range(2):
        runner.fuzz(30, 11, tmp_path, run=lambda _n, d, i=i: seen[i].append(d), max_rounds=50)
    assert seen[0] == seen[1]
    assert len(seen[0]) == 50
