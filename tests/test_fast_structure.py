"""The fast structuring backend builds what the converter builds, and never accepts more.

Records from the strategies are written as JSON data, then changed at one random place (a value
replaced by one of another type or out of range, a key dropped, a key added); each backend
structures the result. Where the converter builds a record, the fast one builds the same or
declines; where the converter fails, the fast one must fail too. Unchanged records must be
accepted (the fast path is the one taken).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcode.io._converter import converter
from eventcode.io._fast_structure import Declined, fast_structurer
from eventcode.io._structure import structure_record
from eventcode.model import Actor, Claimant, Document, Event
from eventcode.strategies import actors, claimants, documents, events

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

#: Values a mutation puts in place of another: every JSON type, edge numbers, bad texts.
_REPLACEMENTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 1, 8, 9, 90, 91, -180.5, 0.5, 1e308, "", "x", "bad id", "2024-02-30"]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=6),
    st.just([]),
    st.just({}),
    st.just(["x"]),
    st.just([{}]),
)


def _outcome(cls: type, value: Any, *, strict_keys: bool) -> tuple[str, Any]:
    try:
        return "built", converter(strict_keys=strict_keys).structure(value, cls)
    except Exception:
        return "failed", None


def _fast(cls: type, value: Any, *, strict_keys: bool) -> tuple[str, Any]:
    try:
        return "built", fast_structurer(cls, strict_keys=strict_keys)(value)
    except Exception:
        return "declined", None


def _places(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``value`` (keys and indexes)."""
    found = [at]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _places(inner, (*at, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _places(inner, (*at, index))
    return found


def _mutated(value: Any, at: tuple[Any, ...], how: str, new: Any) -> Any:
    """A copy of ``value`` with the value at ``at`` replaced, removed, or given an extra key."""
    copy = json.loads(json.dumps(value))
    if not at:
        return new if how == "replace" else copy
    parent = copy
    for step in at[:-1]:
        parent = parent[step]
    last = at[-1]
    if how == "replace":
        parent[last] = new
    elif how == "drop":
        del parent[last]
    elif isinstance(parent[last], dict):
        parent[last]["unknown_key"] = new
    return copy


def _check_same(cls: type, value: Any) -> None:
    for strict_keys in (True, False):
        slow = _outcome(cls, value, strict_keys=strict_keys)
        fast = _fast(cls, value, strict_keys=strict_keys)
        if slow[0] == "failed":
            assert fast[0] == "declined", value
        elif fast[0] == "built":
            assert fast[1] == slow[1]
            assert type(fast[1]) is type(slow[1])


_RECORDS = st.one_of(
    events().map(lambda e: (Event, e)),
    actors().map(lambda a: (Actor, a)),
    claimants().map(lambda c: (Claimant, c)),
    documents().map(lambda d: (Document, d)),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_RECORDS, st.data())
def test_fast_backend_builds_what_the_converter_builds(
    record: tuple[type, Any], data: st.DataObject
) -> None:
    cls, built = record
    as_python = converter().unstructure(built)  # vocabulary members as they are
    assert fast_structurer(cls)(as_python) == converter().structure(as_python, cls) == built
    value = json.loads(json.dumps(as_python))
    assert fast_structurer(cls)(value) == built
    for _ in range(3):
        at = data.draw(st.sampled_from(_places(value)))
        how = data.draw(st.sampled_from(["replace", "drop", "extra"]))
        new = data.draw(_REPLACEMENTS)
        _check_same(cls, _mutated(value, at, how, new))


@pytest.mark.parametrize("path", sorted(FIXTURES.rglob("*.jsonl")), ids=lambda p: p.name)
def test_fast_backend_agrees_on_every_fixture_line(path: Path) -> None:
    kinds = {"event": Event, "actor": Actor, "claimant": Claimant, "document": Document}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):  # fixtures of broken or deep JSON
            continue
        if type(value) is dict and str(value.get("record")) in kinds:
            fields = {k: v for k, v in value.items() if k != "record"}
            _check_same(kinds[value["record"]], fields)


def test_a_declined_record_gets_the_converters_findings() -> None:
    with pytest.raises(Declined):  # a key no field has, and nothing else wrong
        fast_structurer(Event)({"id": "e1", "date": {"start": "2024-02-28"}, "unknown": 1})
    value = {"id": "e1", "date": {"start": "2024-02-30"}, "figures": "none"}
    record, findings = structure_record("event", value, "$")
    assert record is None
    assert [(f.code, f.location.path) for f in findings] == [
        ("S103", "$.date.start"),
        ("S102", "$.figures"),
    ]
