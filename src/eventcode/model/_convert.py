"""Converters that let records be built from what Python code has at hand.

A list (or any iterable) where a record holds a tuple becomes the tuple; an integer of another
type (numpy's ``int64``, anything with ``__index__``) where a record holds an ``int`` becomes an
``int``, so that what validates also serializes. Anything else is kept as given, for validation
to report with its path; text where a list belongs is refused at once (``TypeError``), not
read as a tuple of characters.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from typing import TypeVar, cast

__all__ = ["as_integer", "as_strings", "as_tuple"]

T = TypeVar("T")


def as_tuple(items: Iterable[T]) -> tuple[T, ...]:
    """Return ``items`` as a tuple; non-iterables are kept, for validation to report.

    Raises ``TypeError`` for text or a mapping, which would iterate as characters or keys:
    ``documents="d1"`` is meant as ``documents=["d1"]``, and is refused rather than read as
    the ids ``"d"`` and ``"1"``.
    """
    if isinstance(items, tuple):
        return items
    if isinstance(items, str | bytes | Mapping):
        raise TypeError(
            f"expected a sequence (a list or tuple), not {type(items).__name__} {items!r:.60}: "
            "wrap a single value in a list"
        )
    if not isinstance(items, Iterable):
        return cast(tuple[T, ...], items)
    return tuple(items)


def as_integer(value: int | None) -> int | None:
    """Return an integer of any integer type as an ``int``; anything else as given."""
    if value is None or type(value) is int:
        return value
    if isinstance(value, bool | float) or not hasattr(value, "__index__"):
        return value  # not an integer: kept, for validation to report
    return operator.index(value)


def as_strings(items: Iterable[str]) -> tuple[str, ...]:
    """Return strings given in any iterable as a tuple (see :func:`as_tuple`)."""
    return as_tuple(items)
