"""Field constraints (ranges, patterns, non-empty text) declared on the model's fields.

The loader (:mod:`eventcode.io._converter`, :mod:`eventcode.io._fast_structure`) tests each
value with these as it builds a record, in a file or built in Python and validated (S103).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from eventcode._numbers import shown_integer
from eventcode.model.constraints import PATTERN_MEANINGS

__all__ = ["constraint_tests"]

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
