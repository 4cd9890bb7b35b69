"""Converters declared to return some types as given (model._convert.keeps) do so.

The fast structurer does not call such a converter on a value it has checked to be of one of
those types, so each declaration must hold of every value of them: the very object back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventcode.model as model
from eventcode.model._convert import kept_types

#: A value of each type a converter may be declared to keep.
_VALUES: dict[type, st.SearchStrategy[Any]] = {
    int: st.integers(),
    type(None): st.none(),
    tuple: st.lists(st.integers() | st.text(max_size=3), max_size=4).map(tuple),
}


def _declared() -> list[Callable[..., Any]]:
    """Every converter of a model class's field that declares types it keeps."""
    found: dict[int, Callable[..., Any]] = {}
    for name in model.__all__:
        cls = getattr(model, name)
        if isinstance(cls, type) and attrs.has(cls):
            for field in attrs.fields(cls):
                if field.converter is not None and kept_types(field.converter):
                    found[id(field.converter)] = field.converter
    return list(found.values())


def test_the_converters_of_counts_and_lists_declare_what_they_keep() -> None:
    # so a converter left undeclared (called on every value again) is noticed
    names = {convert.__name__ for convert in _declared()}
    assert {"as_integer", "as_strings", "_figures", "_roles"} <= names


@pytest.mark.parametrize("convert", _declared(), ids=lambda c: c.__name__)
@given(data=st.data())
def test_a_declared_converter_gives_back_the_value_it_keeps(
    convert: Callable[..., Any], data: st.DataObject
) -> None:
    kept = kept_types(convert)
    value = data.draw(st.one_of(*(_VALUES[t] for t in kept)))
    assert convert(value) is value
