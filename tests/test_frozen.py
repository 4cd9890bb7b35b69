"""Frozen records built without their ``__init__`` are the records their constructors build."""

from __future__ import annotations

import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcode._frozen import builder, fillable
from eventcode.findings import Finding, Location, Severity, _location, _new_finding
from eventcode.rules.values import Reading, _reading

texts = st.none() | st.text(max_size=8)
numbers = st.none() | st.integers(min_value=0)


def _same(built: Any, constructed: Any) -> None:
    assert type(built) is type(constructed)
    assert built == constructed
    assert hash(built) == hash(constructed)
    assert repr(built) == repr(constructed)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built.__setattr__(attrs.fields(type(built))[0].name, None)


@given(texts, st.none() | st.integers(min_value=1), texts, texts, texts)
def test_a_location_built_is_the_constructors(
    file: str | None, line: int | None, path: str | None, event: str | None, field: str | None
) -> None:
    built = _location(file, line, path, event, field)
    _same(built, Location(file=file, line=line, path=path, event=event, field=field))
    assert pickle.loads(pickle.dumps(built)) == built


@given(st.text(max_size=5), st.sampled_from(Severity), st.text(max_size=20), st.lists(texts))
def test_a_finding_built_is_the_constructors(
    code: str, severity: Severity, message: str, related: list[str | None]
) -> None:
    location = Location(line=3)
    ids = tuple(r or "" for r in related)
    built = _new_finding(code, severity, message, location, ids)
    constructed = Finding(
        code=code, severity=severity, message=message, location=location, related=ids
    )
    _same(built, constructed)
    # Defaults are the constructor's; fields may be named.
    plain = {"code": code, "severity": severity, "message": message}
    _same(_new_finding(**plain), Finding(**plain))


@given(numbers, numbers, numbers, st.text(max_size=10), st.booleans(), st.booleans())
def test_a_reading_built_is_the_constructors(
    minimum: int | None,
    maximum: int | None,
    point: int | None,
    how: str,
    from_table: bool,
    fallback: bool,
) -> None:
    fields = {"minimum": minimum, "maximum": maximum, "point": point, "how": how}
    _same(_reading(**fields), Reading(**fields))
    flags = {"from_table": from_table, "fallback": fallback}
    _same(_reading(**fields, **flags), Reading(**fields, **flags))


def test_a_class_whose_init_does_more_is_built_by_calling_it() -> None:
    @attrs.frozen
    class Checked:
        count: int = attrs.field(validator=attrs.validators.ge(0))
        label: str = attrs.field(default="x", converter=str.upper)

    assert not fillable(Checked)
    build = builder(Checked, __name__, "build_checked")
    _same(build(3, "y"), Checked(3, "y"))
    assert build(3, "y").label == "Y"  # the converter ran
    with pytest.raises(ValueError, match="count"):
        build(-1)  # and the validator


def test_a_required_field_after_a_default_is_given_by_name() -> None:
    @attrs.frozen(kw_only=True)
    class Late:
        early: int = 1
        late: str

    build = builder(Late, __name__, "build_late")
    _same(build(late="x"), Late(late="x"))
    with pytest.raises(TypeError):
        build(2, "x")
