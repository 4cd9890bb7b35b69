"""The codes of byte strings: the Python and numpy backends compute one function."""

from __future__ import annotations

import struct

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from eventcode.hashing import code_of, codes_of, codes_of_words

#: Strings around word boundaries, and longer than the numpy backend takes word by word.
STRINGS = st.one_of(
    st.binary(max_size=40),
    st.binary(min_size=500, max_size=700),
    st.sampled_from([b"", b"\x00", b"\x00" * 8, b"a" * 7, b"a" * 8, b"a" * 9]),
)


@given(st.lists(STRINGS, max_size=30), st.binary(max_size=9))
def test_strings_coded_together_are_coded_as_one_by_one(
    strings: list[bytes], before: bytes
) -> None:
    # The strings follow some bytes of no string, as in a sliced Arrow array.
    data = np.frombuffer(before + b"".join(strings), np.uint8)
    offsets = np.cumsum([len(before), *map(len, strings)])
    assert codes_of(offsets, data).tolist() == [code_of(s) for s in strings]


@given(st.lists(st.lists(st.integers(0, (1 << 64) - 1), min_size=5, max_size=5), max_size=20))
def test_rows_of_words_are_coded_as_their_bytes(rows: list[list[int]]) -> None:
    words = np.array(rows, np.uint64).reshape(len(rows), 5)
    assert codes_of_words(words).tolist() == [code_of(struct.pack("<5Q", *r)) for r in rows]


@given(STRINGS, STRINGS)
def test_codes_differ_for_different_strings(one: bytes, other: bytes) -> None:
    # Up to collisions (2^-64 for two strings): zero padding and length are told apart.
    assert (code_of(one) == code_of(other)) == (one == other)
