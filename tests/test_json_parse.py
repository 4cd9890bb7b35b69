"""parse_json_checked: one shared decoder for texts without a repeated key, json.loads's words."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from eventcode.io._text import parse_json_checked

_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=12,
)


@given(_VALUES)
def test_a_text_parses_to_what_json_loads_gives(value: Any) -> None:
    text = json.dumps(value)
    parsed = parse_json_checked(text)
    assert parsed.problem is None
    assert parsed.findings == ()
    assert parsed.value == json.loads(text)


def test_a_repeated_key_keeps_the_last_value_and_is_reported_at_any_depth() -> None:
    parsed = parse_json_checked('{"a": {"b": 1, "b": 2}, "c": [{"d": 1}]}')
    assert parsed.value == {"a": {"b": 2}, "c": [{"d": 1}]}
    assert [f.code for f in parsed.findings] == ["S007"]


def test_a_syntax_error_after_a_repeated_key_is_the_syntax_error() -> None:
    parsed = parse_json_checked('{"a": 1, "a": 2, }')
    assert parsed.problem is not None
    assert parsed.problem.code == "S001"


def test_a_byte_order_mark_is_refused_in_json_loads_words() -> None:
    parsed = parse_json_checked('\ufeff{"a": 1}')
    assert parsed.problem is not None
    assert "Unexpected UTF-8 BOM" in parsed.problem.message


def test_nan_is_refused_as_before() -> None:
    parsed = parse_json_checked('{"a": NaN}')
    assert parsed.problem is not None
    assert parsed.problem.code == "S001"
