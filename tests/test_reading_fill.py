"""The fast backend fills records as their attrs ``__init__`` would, or calls it.

A class whose ``__init__`` does nothing but set each field (its converter applied) is filled
through a mutable twin and given its own class at the end; any other class is built by calling
it. Either way the record is the constructor's: its own class, frozen, equal, converters
applied to given values and to defaults.
"""

from __future__ import annotations

import typing
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from eventcode._frozen import fillable
from eventcode.io._converter import converter
from eventcode.io._fast_structure import fast_structurer
from eventcode.model import Event
from eventcode.model.items import KINDS
from eventcode.strategies import events


def _records(value: Any) -> list[Any]:
    """Every attrs record inside ``value``, itself included."""
    if isinstance(value, tuple):
        return [inner for item in value for inner in _records(item)]
    if not attrs.has(type(value)):
        return []
    found = [value]
    for field in attrs.fields(type(value)):
        found += _records(getattr(value, field.name))
    return found


def _classes(cls: type, seen: set[type]) -> set[type]:
    """``cls`` and every attrs class its fields hold (the fast backend compiles them all)."""
    if cls in seen or not attrs.has(cls):
        return seen
    seen.add(cls)
    hints = list(typing.get_type_hints(cls).values())
    while hints:  # each type named, however deep in unions and tuples
        hint = hints.pop()
        hints += typing.get_args(hint)
        if isinstance(hint, type):
            _classes(hint, seen)
    return seen


def test_every_record_class_is_filled() -> None:
    classes: set[type] = set()
    for cls in KINDS.values():
        _classes(cls, classes)
    assert len(classes) > 10
    assert all(fillable(cls) for cls in classes), [c for c in classes if not fillable(c)]


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(events())
def test_filled_records_are_the_constructors(event: Event) -> None:
    value = converter().unstructure(event)
    built = fast_structurer(Event)(value)
    assert built == event
    for record in _records(built):  # each of its own class, and frozen as the class is
        cls = type(record)
        assert cls.__module__.startswith("eventcode.model")  # not the twin it was filled as
        again = cls(**{f.name: getattr(record, f.name) for f in attrs.fields(cls)})
        assert again == record
        assert hash(again) == hash(record)
        assert repr(again) == repr(record)
        name = attrs.fields(cls)[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(record, name, None)


def _sorted_tuple(items: Any) -> tuple[str, ...]:
    return tuple(sorted(items))


@attrs.frozen(kw_only=True)
class Sorted:
    """A class filled by the fast backend whose converter changes its default."""

    name: str
    tags: tuple[str, ...] = attrs.field(default=("b", "a"), converter=_sorted_tuple)


def test_converters_apply_to_given_values_and_to_defaults() -> None:
    assert fillable(Sorted)
    build = fast_structurer(Sorted)
    assert build({"name": "x"}) == Sorted(name="x") == Sorted(name="x", tags=("a", "b"))
    assert build({"name": "x", "tags": ["d", "c"]}).tags == ("c", "d")


CALLS: list[str] = []


@attrs.frozen(kw_only=True)
class Hooked:
    """A class whose ``__init__`` does more than set fields: built by calling it."""

    name: str

    def __attrs_post_init__(self) -> None:
        CALLS.append(self.name)


@attrs.frozen(kw_only=True)
class Validated:
    """A class with a validator: built by calling it, so the validator runs."""

    name: str = attrs.field(validator=attrs.validators.max_len(3))


def test_a_class_with_more_in_its_init_is_built_by_calling_it() -> None:
    assert not fillable(Hooked)
    assert not fillable(Validated)
    assert fast_structurer(Hooked)({"name": "hooked"}) == Hooked(name="hooked")
    assert CALLS == ["hooked", "hooked"]
    with pytest.raises(ValueError, match="Length of 'name' must be <= 3"):
        fast_structurer(Validated)({"name": "toolong"})
    assert fast_structurer(Validated)({"name": "ok"}) == Validated(name="ok")
