"""Cutting a stream into lines: every break and every limit, however the stream is read.

:func:`~eventcode.io._lines.bounded_lines` splits a chunk holding no CR in one call, and scans
any other chunk break by break. The law, whatever chunks the stream hands out: the lines are
those of splitting the whole text at each LF, CRLF and CR alone (a final empty piece is no
line), and a line over the limit is a :class:`~eventcode.io._lines.LongLine` of its size.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcode.findings import Finding
from eventcode.io._lines import LongLine, bounded_lines
from eventcode.io._text import decode
from eventcode.io.json_lines import HeaderRead, iter_lines


class _Pieces:
    """A stream that hands out its bytes in the given sizes (then one byte a read)."""

    def __init__(self, data: bytes, sizes: list[int]) -> None:
        self._data = data
        self._sizes = sizes

    def read(self, size: int = -1) -> bytes:
        step = min(self._sizes.pop(0) if self._sizes else 1, size)
        piece, self._data = self._data[:step], self._data[step:]
        return piece


def _expected(data: bytes, max_bytes: int) -> list[bytes | LongLine]:
    lines = re.split(rb"\r\n|\r|\n", data)
    if lines[-1] == b"":  # the text ends with a break (or is empty)
        lines.pop()
    return [LongLine(len(line)) if len(line) > max_bytes else line for line in lines]


@settings(max_examples=400)
@given(
    st.lists(st.sampled_from([b"a", b"bc", b"\n", b"\r", b"\r\n", b"xxxxxxx"]), max_size=40),
    st.lists(st.integers(min_value=1, max_value=64), max_size=20),
    st.integers(min_value=0, max_value=10),
)
def test_lines_are_cut_at_every_break_in_any_chunks(
    parts: list[bytes], sizes: list[int], max_bytes: int
) -> None:
    data = b"".join(parts)
    got = list(bounded_lines(_Pieces(data, sizes), max_bytes))  # type: ignore[arg-type]
    assert got == _expected(data, max_bytes)
    assert all(type(line) in (bytes, LongLine) for line in got)


def test_a_crlf_split_between_chunks_ends_one_line() -> None:
    stream = _Pieces(b"ab\r\ncd\n\ne", [3, 20])
    assert list(bounded_lines(stream, 5)) == [b"ab", b"cd", b"", b"e"]  # type: ignore[arg-type]


_LINE_PIECES = st.sampled_from(
    [
        b"\xef\xbb\xbf",
        b" ",
        b"\t",
        b"\x0b",
        b"\x1c",
        "\u3000".encode(),
        "\x85".encode(),
        b"x",
        b"\xff",
        b"\xc3",
        b"{}",
        '"\u00e9"'.encode(),
    ]
)


@settings(max_examples=300)
@given(st.lists(st.lists(_LINE_PIECES, max_size=4).map(b"".join), min_size=1, max_size=5))
def test_a_line_is_read_as_utf8_less_its_mark_and_blank_as_strip_says(lines: list[bytes]) -> None:
    found = list(iter_lines(lines, after=HeaderRead(line=1, newer=False)))
    by_line = {item.location.line: item for item in found if isinstance(item, Finding)}
    for number, raw in enumerate(lines, start=1):
        # the first line of a stream may carry a mark of its own, before the one decode drops
        text, problem = decode(raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw)
        if problem is not None:  # the reader's finding is decode's, at the line
            assert by_line[number].code == "S002"
            assert by_line[number].message == problem.message
        elif text is not None and not text.strip():
            assert number not in by_line  # blank: skipped
        else:
            assert by_line[number].code in ("S001", "S006")  # read, and not a record
    assert len(by_line) == len(found)
