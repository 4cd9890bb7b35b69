"""Parsing one line calls the decoder's scanner directly: the same value, the same error.

:func:`~eventcode.io._text._parse_unique` takes the scanner's value when it spans the whole
text, and otherwise hands the text to the decoder. The law: for any text (a JSON value with
space around it, extra data, cut short, with a key written twice, plainly or escaped), it
returns what ``json.loads`` with the same hooks returns, or raises the same error.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcode.io._text import _parse_unique, _reject_constant, _unique_pairs, parse_json_checked

_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("ab"), inner),
    max_leaves=10,
)


def _outcome(parse: Any, text: str) -> tuple[str, Any]:
    try:
        return "value", parse(text)
    except Exception as exc:  # the error, as a reader reports it
        return type(exc).__name__, str(exc)


def _loads(text: str) -> Any:
    return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_pairs)


@st.composite
def _texts(draw: st.DrawFn) -> str:
    text = json.dumps(draw(_VALUES), separators=draw(st.sampled_from([(",", ":"), (", ", ": ")])))
    if draw(st.booleans()) and text.startswith("{") and len(text) > 2:  # a key written again
        key = draw(st.sampled_from(['"a"', '"\\u0061"', '"b"', '"\\u0062"']))
        text = "{" + key + ":0," + text[1:]
    space = st.sampled_from(["", " ", "\t", "\n", "\r\n"])
    text = draw(space) + text + draw(space) + draw(st.sampled_from(["", "", "x", "1", "{}"]))
    if draw(st.booleans()):
        text = text[: draw(st.integers(min_value=0, max_value=len(text)))]
    return text


@settings(max_examples=600)
@given(_texts())
def test_a_line_parses_as_the_decoder_parses_it(text: str) -> None:
    got, expected = _outcome(_parse_unique, text), _outcome(_loads, text)
    if got[0] == "value" and expected[0] == "value":
        assert json.dumps(got[1]) == json.dumps(expected[1])  # NaN-safe, and key order too
    else:
        assert got == expected


def test_a_key_written_once_plainly_and_once_escaped_is_written_twice() -> None:
    parsed = parse_json_checked('{"a": 1, "\\u0061": 2}')
    assert parsed.value == {"a": 2}
    assert [f.code for f in parsed.findings] == ["S007"]


def test_space_or_data_after_the_value_is_read_as_the_decoder_reads_it() -> None:
    assert parse_json_checked('{"a": 1}  ').value == {"a": 1}
    problem = parse_json_checked('{"a": 1} x').problem
    assert problem is not None
    assert problem.message.startswith("Extra data")
