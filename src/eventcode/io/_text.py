"""Decoding input bytes and parsing JSON text into findings rather than exceptions."""

from __future__ import annotations

import json
from typing import Any

from eventcode.findings import Finding, make_finding

__all__ = ["decode", "parse_json"]


def decode(data: bytes) -> tuple[str | None, Finding | None]:
    """Decode UTF-8 (with or without a byte-order mark); report bad bytes with their line."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, make_finding(
            "S002",
            f"byte {data[exc.start]:#04x} at offset {exc.start} is not valid UTF-8",
            line=line,
        )


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON (numbers must be finite)")


def parse_json(text: str) -> tuple[Any, Finding | None]:
    """Parse JSON text; report a syntax error (with its line) as an S001 finding."""
    try:
        return json.loads(text, parse_constant=_reject_constant), None
    except json.JSONDecodeError as exc:
        return None, make_finding(
            "S001", f"{exc.msg} (line {exc.lineno}, column {exc.colno})", line=exc.lineno
        )
    except RecursionError:
        return None, make_finding("S001", "the JSON is nested too deeply to read")
    except ValueError as exc:  # NaN/Infinity, integers too long to convert
        return None, make_finding("S001", str(exc))
