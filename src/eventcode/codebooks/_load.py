"""Read the packaged codebook data files (TSV and JSON) once, lazily."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

__all__ = ["read_json", "read_tsv"]

Row = dict[str, str]


def _data_text(name: str) -> str:
    return (resources.files("eventcode.codebooks") / "data" / name).read_text(encoding="utf-8")


@functools.cache
def read_tsv(name: str) -> tuple[Row, ...]:
    """Return the rows of the packaged TSV file ``name`` as dicts of strings.

    The files are plain tab-separated text with a header row, no quoting and
    no escapes; every value is a string (empty when absent).
    """
    lines = _data_text(name).splitlines()
    header = lines[0].split("\t")
    rows: list[Row] = []
    for number, line in enumerate(lines[1:], start=2):
        values = line.split("\t")
        if len(values) != len(header):
            raise ValueError(f"{name}:{number}: expected {len(header)} fields, got {len(values)}")
        rows.append(dict(zip(header, values, strict=True)))
    return tuple(rows)


@functools.cache
def read_json(name: str) -> Any:
    """Return the parsed content of the packaged JSON file ``name``."""
    return json.loads(_data_text(name))
