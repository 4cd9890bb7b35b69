"""Shared helpers for the tests (the fixture's path and a way to damage copies of it)."""

from __future__ import annotations

import copy
import gc
import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import eventcode

ROOT = Path(__file__).resolve().parent.parent
MAKIIVKA = ROOT / "fixtures" / "makiivka-2023" / "dataset.json"


def makiivka_data() -> dict[str, Any]:
    """Return a fresh copy of the Makiivka fixture as plain JSON data."""
    data: dict[str, Any] = json.loads(MAKIIVKA.read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def write_json(path: Path, data: Any) -> Path:
    """Write ``data`` as indented JSON (one value per line, so lines are meaningful)."""
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def new_findings(dataset: eventcode.Dataset) -> list[eventcode.Finding]:
    """Return the findings of ``dataset`` that the unchanged fixture does not raise itself."""
    baseline = {
        (f.code, f.location.path, f.message)
        for f in eventcode.validate(eventcode.read(MAKIIVKA)).findings
    }
    return [
        f
        for f in eventcode.validate(dataset).findings
        if (f.code, f.location.path, f.message) not in baseline
    ]


def traced_peak(count: Callable[[Path], int], path: Path) -> tuple[int, int]:
    """Run ``count(path)`` under tracemalloc; return its result and the peak bytes it added."""
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        found = count(path)
        _, top = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return found, top - before
