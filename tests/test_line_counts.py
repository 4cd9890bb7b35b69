"""Counting a byte vectorised, as a large file's chunks are cut, gives ``bytes.count``'s answer.

:func:`~eventcode.io._lines.count_byte` hands blocks of :data:`~eventcode.io._lines._VECTOR_BYTES`
and more to numpy; :func:`~eventcode.io._lines.count_lines` counts with it. The law: both give
what counting the bytes one by one gives, for bytes and byte arrays, below and above that size.
"""

from __future__ import annotations

import subprocess
import sys

import numpy  # noqa: F401  (count_byte vectorises only where numpy is loaded)
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcode.io._lines import _VECTOR_BYTES, _VECTOR_WINDOW, count_byte, count_lines

PIECES = st.lists(st.sampled_from([b"a", b'"', b"\n", b"\r", b"\r\n", b"\xe9", b"\x00"]))


@given(PIECES, st.integers(0, 3), st.sampled_from([b'"', b"\n", b"\r", b"\x00"]))
def test_a_byte_is_counted_as_bytes_count_counts_it(
    pieces: list[bytes], copies: int, byte: bytes
) -> None:
    small = b"".join(pieces)
    large = small * (copies * _VECTOR_BYTES // max(len(small), 1) + 1) + b"x" * _VECTOR_BYTES
    for data in (small, large):
        assert count_byte(data, byte) == data.count(byte)
        assert count_byte(bytearray(data), byte) == data.count(byte)


@given(PIECES)
def test_lines_are_counted_as_each_break_is(pieces: list[bytes]) -> None:
    data = b"".join(pieces) * (2 * _VECTOR_BYTES // max(len(pieces), 1) + 1)
    expected = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    assert count_lines(data) == expected
    assert count_lines(bytearray(data)) == expected


def test_counting_a_large_block_does_not_import_numpy() -> None:
    # Importing numpy (50-100 ms, before the JSON Lines workers start) costs more than it saves
    # there: it counts only when a caller has loaded it (the ACLED CSV path).
    script = (
        "import sys; from eventcode.io._lines import count_lines; "
        "assert count_lines(b'a\\n' * 1_000_000) == 1_000_000; print('numpy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


@pytest.mark.parametrize("at", [0, _VECTOR_WINDOW - 1, _VECTOR_WINDOW, 2 * _VECTOR_WINDOW + 1])
def test_a_byte_at_a_window_edge_is_counted_once(at: int) -> None:
    """Numpy compares a window at a time: a byte at either side of an edge counts once."""
    data = bytearray(b"x" * (2 * _VECTOR_WINDOW + 5))
    data[at] = ord("\n")
    data[-1] = ord("\n")
    assert count_byte(data, b"\n") == 2
    assert count_byte(bytes(data), b"\n") == 2
