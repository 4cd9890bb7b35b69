"""The fast structuring backend writes each field constraint inline: the same test, as code.

:func:`~eventcode.checks.fields.constraint_tests` is the definition of what a constraint lets
through; the fast backend (:mod:`eventcode.io._fast_structure`) compiles each known kind into a
condition instead of calling the test. The law: for every constraint declared on a model field,
and for any value of the field's type, the compiled condition fails exactly when the test
reports a problem.
"""

from __future__ import annotations

import math
import typing
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcode.checks.fields import constraint_tests
from eventcode.io._fast_structure import _FAILS, _Compiler
from eventcode.model.constraints import constraints_of
from eventcode.model.items import KINDS


def _declared(cls: type, seen: set[type]) -> list[attrs.Attribute[Any]]:
    """Every field with a constraint in ``cls`` and the records it holds."""
    if cls in seen or not attrs.has(cls):
        return []
    seen.add(cls)
    found = []
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        if constraints_of(field.metadata):
            found.append(field)
        for inner in typing.get_args(hints[field.name]) or (hints[field.name],):
            for nested in typing.get_args(inner) or (inner,):
                if isinstance(nested, type):
                    found += _declared(nested, seen)
    return found


_SEEN: set[type] = set()
_FIELDS = [field for cls in KINDS.values() for field in _declared(cls, _SEEN)]

_VALUES = st.one_of(
    st.integers(min_value=-(2**40), max_value=2**40),
    st.sampled_from([-181, -180, -91, -90, -1, 0, 1, 7, 8, 9, 90, 91, 180, 181]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.text(alphabet="abAZ09._:/- é\n", max_size=12),
    st.sampled_from(["", "x", "UKR", "ukr", "en", "en-GB", "1.0", "194", "a b", "x\n"]),
)


def test_every_kind_of_constraint_on_the_model_is_written_inline() -> None:
    kinds = {kind for field in _FIELDS for kind in constraints_of(field.metadata)}
    assert kinds == set(_FAILS), "a constraint the fast backend would only call, or none uses"


def _near_bounds(field: attrs.Attribute[Any]) -> st.SearchStrategy[Any]:
    """Values at, just under and just over each numeric bound of ``field``."""
    bounds = [
        bound
        for kind, bound in constraints_of(field.metadata).items()
        if kind in ("minimum", "maximum")
    ]
    return st.sampled_from([b + step for b in bounds for step in (-1, -0.5, 0, 0.5, 1)] or [0])


#: One field for each distinct set of constraints the model declares.
_DISTINCT = list({repr(constraints_of(f.metadata)): f for f in _FIELDS}.values())


@pytest.mark.parametrize("field", _DISTINCT, ids=lambda f: repr(constraints_of(f.metadata)))
@settings(max_examples=150)
@given(st.data())
def test_an_inline_condition_fails_where_the_test_reports(
    field: attrs.Attribute[Any], data: st.DataObject
) -> None:
    near = data.draw(st.booleans())
    value = data.draw(_near_bounds(field) if near else _VALUES)
    tests = constraint_tests(constraints_of(field.metadata))
    numeric = {"minimum", "maximum"} & constraints_of(field.metadata).keys()
    if numeric and (type(value) is str or not math.isfinite(value)):
        return  # a number's bounds are tested on numbers only (its type is checked first)
    if not numeric and type(value) is not str:
        return  # patterns and lengths are tested on text only
    compiler = _Compiler(strict_keys=True)
    condition = " or ".join(test("value") for test in compiler._conditions(field))
    failed = eval(condition, {**compiler._space, "value": value})
    assert bool(failed) == any(test(value) is not None for test in tests), (field.name, value)
