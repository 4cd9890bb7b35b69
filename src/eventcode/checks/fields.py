"""Field constraints (ranges, patterns, non-empty text) declared on the model's fields."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import attrs

from eventcode._numbers import shown_integer
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_index, join_key
from eventcode.model.constraints import PATTERN_MEANINGS, constraints_of

__all__ = ["constraint_tests", "field_findings"]

_Test = Callable[[Any], str | None]


def constraint_tests(constraints: dict[str, Any]) -> list[_Test]:
    """Return one test per constraint; a test returns a problem description, or None."""
    tests: list[_Test] = []
    if "minimum" in constraints:
        low = constraints["minimum"]
        tests.append(lambda v: None if v >= low else f"{_shown(v)} is below the minimum {low:,}")
    if "maximum" in constraints:
        high = constraints["maximum"]
        tests.append(lambda v: None if v <= high else f"{_shown(v)} is above the maximum {high:,}")
    if "pattern" in constraints:
        regex = re.compile(constraints["pattern"])
        meaning = PATTERN_MEANINGS.get(constraints["pattern"], constraints["pattern"])
        tests.append(lambda v: None if regex.fullmatch(v) else f"{v!r} is not {meaning}")
    if "min_length" in constraints:
        size = constraints["min_length"]
        tests.append(lambda v: None if len(v) >= size else "must not be empty")
    return tests


def _shown(value: Any) -> str:
    """Return a number as a message shows it (a long integer by its first digits and length)."""
    return shown_integer(value) if isinstance(value, int) else repr(value)


@cache
def _plan(cls: type) -> tuple[tuple[str, tuple[_Test, ...]], ...]:
    return tuple(
        (field.name, tuple(constraint_tests(constraints_of(field.metadata))))
        for field in attrs.fields(cls)
    )


def field_findings(record: Any, path: str) -> Iterator[Finding]:
    """Report every value of ``record`` (and the records inside it) that breaks its constraint."""
    cls: type = type(record)
    for name, tests in _plan(cls):
        value = getattr(record, name)
        if value is None:
            continue
        field_path = join_key(path, name)
        if isinstance(value, tuple):
            for index, item in enumerate(value):
                yield from _value_findings(item, tests, join_index(field_path, index), name)
        else:
            yield from _value_findings(value, tests, field_path, name)


def _value_findings(
    value: Any, tests: tuple[_Test, ...], path: str, name: str
) -> Iterator[Finding]:
    if attrs.has(type(value)):
        yield from field_findings(value, path)
        return
    for test in tests:
        problem = test(value)
        if problem is not None:
            yield make_finding("S103", f"{name}: {problem}", path=path, field=name)
