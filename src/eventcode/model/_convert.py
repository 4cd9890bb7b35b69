"""Converters that let records be built from what Python code has at hand.

A list (or any iterable) where a record holds a tuple becomes the tuple; an integer of another
type (numpy's ``int64``, anything with ``__index__``) where a record holds an ``int`` becomes an
``int``, so that what validates also serializes. Anything else is kept as given, for validation
to report with its path; text where a list belongs is refused at once (``TypeError``), not
read as a tuple of characters.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from types import NoneType
from typing import Any, TypeVar, cast

__all__ = ["as_integer", "as_strings", "as_tuple", "keeps", "kept_types"]

T = TypeVar("T")

_KEEPS = "__eventcode_keeps__"


def keeps(types: tuple[type, ...], *converters: Callable[..., Any]) -> None:
    """Declare that each of ``converters`` returns a value of exactly one of ``types`` as given.

    The very object, unchanged: the fast structurer (:mod:`eventcode.io._fast_structure`) does
    not call such a converter on a value it has checked to be of one of them.
    tests/test_convert_keeps.py holds each declaration. (A statement after the functions, not
    a decorator: attrs' mypy plugin takes only plain functions as converters.)
    """
    for convert in converters:
        setattr(convert, _KEEPS, types)


def kept_types(convert: Callable[..., Any]) -> tuple[type, ...]:
    """Return the types :func:`keeps` declares ``convert`` returns as given (none: ``()``)."""
    found: tuple[type, ...] = getattr(convert, _KEEPS, ())
    return found


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


keeps((int, NoneType), as_integer)
keeps((tuple,), as_tuple, as_strings)
