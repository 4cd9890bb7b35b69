"""The cattrs converter that turns JSON values into records and back.

Structuring is strict (no coercion: ``"5"`` is not an int, a string is not a list) and collects:
cattrs' detailed validation gathers every failing field of a record, and :func:`shape_findings`
turns the resulting exception tree into findings that each carry their JSON path.
"""

from __future__ import annotations

import difflib
import math
import re
import typing
from collections.abc import Callable, Iterator
from datetime import date
from enum import Enum
from functools import cache
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
from cattrs import Converter
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import (
    make_dict_structure_fn,
    make_dict_unstructure_fn,
    override,
)

from eventcode.checks.fields import constraint_tests
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_index, join_key
from eventcode.model.constraints import constraints_of
from eventcode.model.dates import DateSpan
from eventcode.model.vocabulary import VOCABULARIES

__all__ = ["BadValue", "WrongType", "converter", "describe_json_type", "shape_findings"]

T = TypeVar("T")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class WrongType(TypeError):
    """A JSON value of the wrong type."""

    def __init__(self, expected: str, value: object) -> None:
        super().__init__(f"expected {expected}, got {describe_json_type(value)}")


class BadValue(ValueError):
    """A JSON value of the right type but not allowed."""


def describe_json_type(value: object) -> str:
    """Name a JSON value's type the way a user sees it, with a short excerpt."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"string {shown!r}"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _structure_str(value: Any, _: type) -> str:
    if type(value) is not str:
        raise WrongType("text", value)
    return value


def _structure_int(value: Any, _: type) -> int:
    if type(value) is not int:
        raise WrongType("an integer", value)
    return value


def _structure_float(value: Any, _: type) -> float:
    if type(value) not in (int, float):
        raise WrongType("a number", value)
    result = float(value)
    if not math.isfinite(result):
        raise BadValue(f"{value!r} is not a finite number")
    return result


def _structure_bool(value: Any, _: type) -> bool:
    if type(value) is not bool:
        raise WrongType("true or false", value)
    return bool(value)


def _structure_date(value: Any, _: type) -> date:
    if type(value) is not str:
        raise WrongType("a date as text (YYYY-MM-DD)", value)
    if not _ISO_DATE.fullmatch(value):
        raise BadValue(f"{value!r} is not an ISO 8601 date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadValue(f"{value!r} is not a calendar date") from None


def _enum_hook(cls: type[Enum]) -> Callable[[Any, type], Enum]:
    allowed = {member.value: member for member in cls}
    listing = ", ".join(repr(v) for v in allowed)

    def structure(value: Any, _: type) -> Enum:
        if type(value) is cls:  # a record built in Python, checked again (recheck_record)
            return value
        if type(value) is not str:
            raise WrongType("text", value)
        try:
            return allowed[value]
        except KeyError:
            raise BadValue(f"{value!r} is not one of {listing}") from None

    return structure


def _tuple_hook(conv: Converter, cls: Any) -> Callable[[Any, type], tuple[Any, ...]]:
    (item_type, _ellipsis) = get_args(cls)
    structure_item = conv.get_structure_hook(item_type)

    def structure(value: Any, _: type) -> tuple[Any, ...]:
        if type(value) is not list:
            raise WrongType("an array", value)
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(structure_item(item, item_type))
            except Exception as exc:  # collected, with the index, for the caller
                exc.__notes__ = [*getattr(exc, "__notes__", []), _IndexNote(index)]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {cls!r}", errors, cls)
        return tuple(items)

    return structure


class _IndexNote(str):
    """A note carrying the index of a failing element (cattrs' own note type needs a message)."""

    position: int

    def __new__(cls, position: int) -> _IndexNote:
        note = super().__new__(cls, f"@ index {position}")
        note.position = position
        return note


def _constrained_hook(
    conv: Converter, field: attrs.Attribute[Any], field_type: Any
) -> Callable[[Any, type], Any] | None:
    """Return a hook that structures a field, then applies its constraints (or None)."""
    tests = constraint_tests(constraints_of(field.metadata))
    if not tests:
        return None
    structure_value = conv.get_structure_hook(field_type)
    name = field.name
    problems: Callable[[Any], str | None]
    if field_type is str and len(tests) == 1:  # the commonest: text with one test, inlined
        (test,) = tests

        def structure_text(value: Any, _: type) -> Any:
            if type(value) is not str:
                raise WrongType("text", value)
            if (problem := test(value)) is not None:
                raise BadValue(f"{name}: {problem}")
            return value

        return structure_text
    if len(tests) == 1:  # the usual case, called once per value: no loop
        (problems,) = tests
    else:
        chain = tuple(tests)

        def problems(value: Any) -> str | None:
            for test in chain:
                if (problem := test(value)) is not None:
                    return problem
            return None

    def structure(value: Any, _: type) -> Any:
        result = structure_value(value, field_type)
        if result is None:
            return result
        if isinstance(result, tuple):
            errors: list[Exception] = []
            for index, item in enumerate(result):
                if (problem := problems(item)) is not None:
                    error = BadValue(f"{name}: {problem}")
                    error.__notes__ = [_IndexNote(index)]
                    errors.append(error)
            if errors:
                raise IterableValidationError(f"While checking {name}", errors, field_type)
        elif (problem := problems(result)) is not None:
            raise BadValue(f"{name}: {problem}")
        return result

    return structure


def _attrs_hook(conv: Converter, cls: type, strict_keys: bool) -> Callable[[Any, type], Any]:
    hints = typing.get_type_hints(cls)
    overrides: dict[str, Any] = {}
    for field in attrs.fields(cls):
        hook = _constrained_hook(conv, field, hints[field.name])
        if hook is not None:
            overrides[field.name] = override(struct_hook=hook)
    # mypy cannot match **overrides against cattrs' keyword-only flags; the call is as documented.
    make_fn: Any = make_dict_structure_fn
    inner: Callable[[Any, type], Any] = make_fn(
        cls,
        conv,
        _cattrs_forbid_extra_keys=strict_keys,
        _cattrs_detailed_validation=True,
        **overrides,
    )

    def structure(value: Any, _: type) -> Any:
        if type(value) is not dict:
            raise WrongType("an object", value)
        return inner(value, cls)

    return structure


def _is_statement_date(cls: Any) -> bool:
    """Match ``date | DateSpan`` (optionally with None): a day as text, or a span object."""
    args = set(get_args(cls)) - {type(None)}
    return get_origin(cls) in (UnionType, Union) and args == {date, DateSpan}


def _statement_date_hook(conv: Converter, cls: Any) -> Callable[[Any, type], Any]:
    structure_span = conv.get_structure_hook(DateSpan)
    optional = type(None) in get_args(cls)

    def structure(value: Any, _: type) -> Any:
        if value is None and optional:
            return None
        if type(value) is str:
            return _structure_date(value, date)
        if type(value) is dict:
            return structure_span(value, DateSpan)
        raise WrongType("a date (YYYY-MM-DD) or a date span object", value)

    return structure


def _is_optional(cls: Any) -> bool:
    args = get_args(cls)
    return len(args) == 2 and type(None) in args and get_origin(cls) in (UnionType, Union)


def _optional_hook(conv: Converter, cls: Any) -> Callable[[Any, type], Any]:
    (inner_type,) = [a for a in get_args(cls) if a is not type(None)]
    structure_inner = conv.get_structure_hook(inner_type)

    def structure(value: Any, _: type) -> Any:
        return None if value is None else structure_inner(value, inner_type)

    return structure


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = get_args(cls)
    return get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


@cache
def converter(*, strict_keys: bool = True) -> Converter:
    """Return the shared converter (built once per setting).

    ``strict_keys=False`` ignores unknown fields (for datasets of a newer minor version).
    """
    conv = Converter()
    # singledispatch picks the most specific class: a bool is not taken for an int, and each
    # enum (a str subclass) gets its own hook rather than the str one.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(date, _structure_date)
    for enum_class in VOCABULARIES:
        conv.register_structure_hook(enum_class, _enum_hook(enum_class))
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook_factory(
        _is_statement_date, lambda t: _statement_date_hook(conv, t)
    )
    conv.register_structure_hook_factory(_is_optional, lambda t: _optional_hook(conv, t))
    conv.register_structure_hook_factory(_is_homogeneous_tuple, lambda t: _tuple_hook(conv, t))
    conv.register_structure_hook_factory(attrs.has, lambda t: _attrs_hook(conv, t, strict_keys))
    conv.register_unstructure_hook_factory(
        attrs.has, lambda t: make_dict_unstructure_fn(t, conv, _cattrs_omit_if_default=True)
    )
    return conv


def _leaves(exc: BaseException, path: str) -> Iterator[tuple[str, BaseException]]:
    if isinstance(exc, IterableValidationError):
        for sub in exc.exceptions:
            notes = [n for n in getattr(sub, "__notes__", []) if isinstance(n, _IndexNote)]
            sub_path = join_index(path, notes[-1].position) if notes else path
            yield from _leaves(sub, sub_path)
    elif isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from _leaves(sub, join_key(path, note.name))
        for sub in without:
            yield from _leaves(sub, path)
    else:
        yield path, exc


def shape_findings(exc: BaseException, path: str) -> Iterator[Finding]:
    """Turn a structuring failure into findings (missing, wrong-type, invalid, unknown fields)."""
    for leaf_path, leaf in _leaves(exc, path):
        if isinstance(leaf, ForbiddenExtraKeysError):
            for key in sorted(leaf.extra_fields):
                near = difflib.get_close_matches(key, _field_names(leaf.cl), n=1, cutoff=0.75)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                yield make_finding(
                    "S104",
                    f"unknown field {key!r} (not defined for {leaf.cl.__name__.lower()} "
                    f"records){hint}",
                    path=join_key(leaf_path, key),
                )
        elif isinstance(leaf, KeyError):
            field = leaf_path.rsplit(".", 1)[-1]
            yield make_finding("S101", f"required field {field!r} is missing", path=leaf_path)
        elif isinstance(leaf, WrongType):
            yield make_finding("S102", str(leaf), path=leaf_path)
        elif isinstance(leaf, BadValue):
            yield make_finding("S103", str(leaf), path=leaf_path)
        else:
            yield make_finding("S103", f"invalid value: {leaf}", path=leaf_path)


def _field_names(cls: type) -> list[str]:
    """Return the names a record class's JSON form uses (its attrs fields)."""
    return [a.alias or a.name for a in attrs.fields(cls)] if attrs.has(cls) else []
