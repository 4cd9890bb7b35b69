"""Rows read again by seeking to their lines are the rows the reader read there.

The law (:func:`eventcode.acled.revisit.rows_at_lines`): for every row ``iter_rows`` yields, the
row parsed from the byte its line starts at has the same cells; or the file is one the seek
cannot number as the reader does (a bare CR, a JSON response), and ``None`` says so. Checked
on every ACLED fixture and on hostile files (line breaks, quotes, separators, NUL, BOM and CRLF
in any cell: :func:`tests.test_acled_differential.hostile_files`).
"""

from __future__ import annotations

import io
import itertools
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcode.acled import revisit
from eventcode.acled.reader import iter_rows
from eventcode.acled.revisit import rows_at_lines
from eventcode.acled.rows import AcledRow
from eventcode.io.limits import DEFAULT_LIMITS, Limited
from tests.test_acled_differential import Base, hostile_files, write

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p for p in (ROOT / "fixtures").rglob("*.csv") if "ucdp" not in p.parts)


def read_rows(source: Path | bytes) -> dict[int, dict[str, str]]:
    return {e.line: e.cells for e in iter_rows(source) if isinstance(e, AcledRow)}


def bare_cr(data: bytes) -> bool:
    return data.count(b"\r") != data.count(b"\r\n")


def assert_revisited_as_read(path: Path) -> None:
    data = path.read_bytes()
    rows = read_rows(path)
    found = rows_at_lines(path, list(rows))
    if found is None:
        assert bare_cr(data) or not rows
        return
    assert found == rows
    assert rows_at_lines(data, list(rows)) == rows  # bytes as a path
    assert rows_at_lines(Limited(data, DEFAULT_LIMITS), list(rows)[::3]) == {
        line: rows[line] for line in list(rows)[::3]
    }
    # The cells asked for alone: as the reader reads them.
    picked = rows_at_lines(path, list(rows), columns=("notes", "fatalities", "nowhere"))
    assert picked == {
        line: {c: v for c, v in cells.items() if c in ("notes", "fatalities")}
        for line, cells in rows.items()
    }


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_fixture_row_read_again_is_the_row_read(path: Path) -> None:
    assert_revisited_as_read(path)


def test_a_bare_cr_sends_the_caller_to_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "cr.csv"
    path.write_bytes(b"event_id_cnty,event_date\rUKR1,2023-01-01\r")
    assert rows_at_lines(path, [2]) is None


def test_a_line_no_row_starts_on_is_left_out(tmp_path: Path) -> None:
    source = next(p for p in FILES if p.name == "current-spreadsheet.csv")
    rows = read_rows(source)
    last = max(rows)
    assert rows_at_lines(source, [last, last + 50]) == {last: rows[last]}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(made=hostile_files())
def test_hostile_rows_read_again_are_the_rows_read(made: tuple[Base, list[list[str]], str]) -> None:
    base, rows, terminator = made
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "hostile.csv"
        write(path, base, rows, terminator)
        assert_revisited_as_read(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(made=hostile_files(), window=st.sampled_from([1, 8, 64, 4096]), block=st.integers(2, 600))
def test_rows_parsed_in_the_scans_blocks_are_the_rows_read(
    made: tuple[Base, list[list[str]], str], window: int, block: int
) -> None:
    """Rows parsed from a window of a block, widened, or read from the file are the rows read.

    Small blocks and windows: rows start near a block's end, and run past their window. At
    every line, a row's or not (inside a quoted cell), parsing from a window gives what
    parsing from the file gives (every window too large for its block: the file alone).
    """
    base, rows, terminator = made
    with tempfile.TemporaryDirectory() as work, pytest.MonkeyPatch.context() as patch:
        path = Path(work) / "hostile.csv"
        write(path, base, rows, terminator)
        every = range(1, path.read_bytes().count(b"\n") + 2)
        patch.setattr(revisit, "_WINDOW", 1 << 40)
        from_the_file = rows_at_lines(path, every)
        patch.setattr(revisit, "_BLOCK", block)
        patch.setattr(revisit, "_WINDOW", window)
        patch.setattr(revisit, "_WIDEST", 4 * window)
        assert rows_at_lines(path, every) == from_the_file
        assert_revisited_as_read(path)


class _ReadOnly:
    """A binary stream with ``read`` alone (no ``readinto``)."""

    def __init__(self, data: bytes) -> None:
        self._stream = io.BytesIO(data)

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(size)


@given(
    st.lists(st.sampled_from([b"a", b"\r", b"\n", b"\r\n"]), max_size=60),
    st.integers(1, 8),
    st.booleans(),
)
def test_blocks_are_the_stream_in_order_and_cut_no_crlf(
    pieces: list[bytes], size: int, readinto: bool
) -> None:
    data = b"".join(pieces)
    stream: Any = io.BytesIO(data) if readinto else _ReadOnly(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(revisit, "_BLOCK", size)
        blocks = [bytes(block) for block in revisit._blocks(stream)]  # each good until the next
    assert b"".join(blocks) == data
    assert all(blocks)
    for block, after in itertools.pairwise(blocks):
        if block.endswith(b"\r") and after.startswith(b"\n"):
            assert block.endswith(b"\r\r")  # a bare CR before it: the file is read whole


def test_rows_read_again_by_workers_have_the_traits_the_parent_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past a number of rows, R010's rows are read again by two workers, half each.
    from eventcode.acled import parallel
    from tests.test_acled_differential import LOADED

    base = LOADED["current-export-numeric.csv"]
    path = tmp_path / "many.csv"
    write(path, base, base.rows * 20, "\n")
    lines = sorted(read_rows(path))[::3]
    alone = parallel._read_traits(str(path), DEFAULT_LIMITS, lines)
    monkeypatch.setattr(parallel, "_TRAITS_IN_WORKERS", 2)
    # The worker counts its lines from the last chunk start before them.
    _, parts = parallel.chunks(path, 2000)
    anchors = [(start, line) for start, _, line in parts]
    assert len(anchors) > 2
    shared = parallel._traits_at_lines(str(path), DEFAULT_LIMITS, 2, anchors, lines)
    assert len(alone) == len(lines) > 2
    assert shared == alone


def test_lines_counted_from_a_rows_start_are_the_lines_counted_from_the_file_start(
    tmp_path: Path,
) -> None:
    from eventcode.acled import parallel
    from tests.test_acled_differential import LOADED

    base = LOADED["current-export-numeric.csv"]
    path = tmp_path / "anchored.csv"
    notes = base.header.index("notes")
    rows = [list(row) for row in base.rows * 8]
    for row in rows[::4]:
        row[notes] = "two\nlines"  # a row of two lines: lines are not rows
    write(path, base, rows, "\n")
    wanted = sorted(read_rows(path))
    _, parts = parallel.chunks(path, 1500)
    for start, _, line in parts:
        later = [w for w in wanted if w >= line]
        assert rows_at_lines(path, later, (start, line)) == rows_at_lines(path, later)
