"""Decoding input bytes and parsing JSON text into findings rather than exceptions.

JSON is checked before it is parsed: its nesting depth by a scan that skips strings (so deep
nesting is a finding, never a ``RecursionError``) and, in a text larger than the field limit,
the length of each string. Duplicate keys in an object are findings too (Python keeps the last
value silently).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from itertools import accumulate
from typing import Any

from eventcode.findings import Finding, make_finding
from eventcode.io.limits import DEFAULT_LIMITS, Limits

__all__ = ["JsonParse", "decode", "parse_json", "parse_json_checked"]


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


# A complete JSON string (the unrolled form is fast on long strings), and the brackets.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_KEY_END = re.compile(r"\s*:")


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _too_deep(text: str, limit: int) -> int | None:
    """Return the offset where nesting first exceeds ``limit``, or None (strings skipped)."""
    if text.count("[") + text.count("{") <= limit:
        return None
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if max(accumulate(_STEP[c] for c in brackets), default=0) <= limit:
        return None
    depth = 0  # the rare path: find where, for the finding's line
    for match in _STRING_OR_BRACKET.finditer(text):
        char = match.group()
        if char in _STEP:
            depth += _STEP[char]
            if depth > limit:
                return match.start()
    return 0


def _too_large(text: str, limit: int) -> tuple[int, int] | None:
    """Return the offset and size of the first string longer than ``limit`` bytes, or None.

    A string's size is its UTF-8 bytes as written (escapes included). A quick scan for any run
    of ``limit // 8`` string units after a quote (a unit is a character or an escape, at most
    eight bytes) rules most texts out before the exact check.
    """
    if len(text) <= limit // 4:
        return None
    if _long_run(limit // 8).search(text) is None:
        return None
    for match in _STRING.finditer(text):
        chars = match.end() - match.start() - 2
        if chars > limit:  # a character is at least a byte: no need to encode a copy
            return match.start(), chars
        if chars * 4 > limit:
            size = len(match.group().encode("utf-8", "surrogatepass")) - 2
            if size > limit:
                return match.start(), size
    return None


@cache
def _long_run(units: int) -> re.Pattern[str]:
    return re.compile(r'"(?=(?:[^"\\]|\\.){' + str(max(units, 1)) + "})", re.DOTALL)


def _duplicate_lines(text: str) -> list[tuple[int, str]]:
    """Return the line and key of each repeated key in an object of ``text`` (the rare path)."""
    found: list[tuple[int, str]] = []
    stack: list[set[str] | None] = []
    for match in _STRING_OR_BRACKET.finditer(text):
        token = match.group()
        if token in ("{", "["):
            stack.append(set() if token == "{" else None)
        elif token in ("}", "]"):
            if stack:
                stack.pop()
        elif stack and stack[-1] is not None and _KEY_END.match(text, match.end()):
            try:
                key = json.loads(token)
            except ValueError:
                continue
            if key in stack[-1]:
                found.append((_line_at(text, match.start()), key))
            stack[-1].add(key)
    return found


class JsonParse:
    """What parsing a JSON text gave: the value, or the finding that stopped it, and others.

    ``problem`` (when not None) means there is no value; ``findings`` are problems that left
    a value (a duplicate key: the last value is kept).
    """

    __slots__ = ("findings", "problem", "value")

    def __init__(
        self, value: Any, problem: Finding | None = None, findings: tuple[Finding, ...] = ()
    ) -> None:
        self.value = value
        self.problem = problem
        self.findings = findings


class _DuplicateKey(Exception):
    """An object of the text has a key twice (the caller parses it again to say which)."""


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKey
    return result


#: Parses a text whose objects have each key once (built once: json.loads with a hook builds
#: a decoder a call, about a tenth of a line's parse). It keeps no state, so threads may share it.
_UNIQUE_KEYS = json.JSONDecoder(parse_constant=_reject_constant, object_pairs_hook=_unique_pairs)
#: The decoder's scanner (an attribute of the instance, which typeshed does not declare).
_SCAN: Callable[[str, int], tuple[Any, int]] = vars(_UNIQUE_KEYS)["scan_once"]


def _parse_unique(text: str) -> Any:
    """Parse ``text`` as :func:`json.loads` would; raise :class:`_DuplicateKey` at a key twice."""
    if text.startswith("\ufeff"):  # json.loads refuses a byte-order mark in its own words
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_pairs)
    # The decoder's own first step, without its wrappers: a value from the first character to
    # the last is what decode() returns. Anything else (leading or trailing space, extra data,
    # no value) goes through decode(), for its value or its error.
    try:
        value, end = _SCAN(text, 0)
    except StopIteration:
        end = -1
    if end == len(text):
        return value
    return _UNIQUE_KEYS.decode(text)


def parse_json_checked(text: str, limits: Limits = DEFAULT_LIMITS) -> JsonParse:
    """Parse JSON text within ``limits``; report every problem, each with its line.

    Lines are counted within ``text``: a caller parsing one line of a file replaces them.
    """
    deep = _too_deep(text, limits.max_json_depth)
    if deep is not None:
        return JsonParse(
            None,
            make_finding(
                "L003",
                f"the JSON nests deeper than the limit max_json_depth={limits.max_json_depth}",
                line=_line_at(text, deep),
            ),
        )
    large = _too_large(text, limits.max_field_bytes)
    if large is not None:
        offset, size = large
        return JsonParse(
            None,
            make_finding(
                "L001",
                f"a JSON string of at least {size} bytes is larger than the limit "
                f"max_field_bytes={limits.max_field_bytes}",
                line=_line_at(text, offset),
            ),
        )
    duplicated = False
    try:
        try:
            value = _parse_unique(text)
        except _DuplicateKey:  # parsed again, to keep the last value and say which key
            value = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=dict)
            duplicated = True
    except json.JSONDecodeError as exc:
        return JsonParse(
            None,
            make_finding(
                "S001", f"{exc.msg} (line {exc.lineno}, column {exc.colno})", line=exc.lineno
            ),
        )
    except RecursionError:  # not expected below the depth limit; kept as a safety net
        return JsonParse(None, make_finding("S001", "the JSON is nested too deeply to read"))
    except ValueError as exc:  # NaN/Infinity, integers too long to convert
        return JsonParse(None, make_finding("S001", str(exc)))
    if not duplicated:
        return JsonParse(value)
    findings = tuple(
        make_finding(
            "S007",
            f"the key {key!r} appears twice in one object; the last value is used",
            line=line,
        )
        for line, key in _duplicate_lines(text)
    ) or (make_finding("S007", "a key appears twice in one object; the last value is used"),)
    return JsonParse(value, findings=findings)


def parse_json(text: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Any, Finding | None]:
    """Parse JSON text; report a syntax error (with its line) as an S001 finding.

    A finding that leaves a value (a duplicate key) is dropped here; readers use
    :func:`parse_json_checked`.
    """
    parsed = parse_json_checked(text, limits)
    return parsed.value, parsed.problem
