"""The columnar path (eventcode.acled.columnar) checks a chunk as the csv path does.

The law: for any chunk of an ACLED CSV file (the fixtures' rows with hostile cells, cut as the
worker pool cuts them), when :func:`~eventcode.acled.columnar.arrow_chunk` answers, the csv
path (:func:`eventcode.acled.parallel._plain_chunk`) answers too, with the same batch (ids,
lines, findings, places, signatures, names, crowd tags) and the same count of lines. The
columnar path may decline a chunk (the csv path then decides), but not a plain one of the
fixtures, so the law is not kept by declining.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st

from eventcode.acled import parallel
from eventcode.acled.batches import BatchChecker, CheckedBatch
from eventcode.acled.columnar import (
    _all_counts,
    _blanks,
    _Columns,
    _coordinates,
    _groups,
    _id_keys,
    _numpy,
    _spelling_keys,
    _strings,
    _take,
    _utf8,
    arrow_chunk,
)
from eventcode.acled.ids import COMPACT_ID, id_keys
from eventcode.acled.values import all_counts, parse_coordinate
from eventcode.checks.places import spelling_key
from eventcode.io.limits import DEFAULT_LIMITS
from tests.test_acled_differential import (
    BASES,
    FIXTURES,
    LOADED,
    MONADIC,
    Base,
    hostile_files,
    write,
)

Answer = tuple[CheckedBatch | None, int] | None


def both_paths(path: Path, chunk_bytes: int) -> list[tuple[Answer, Answer]]:
    """Return each chunk's result on the columnar and on the csv path (fresh checkers)."""
    header_bytes, parts = parallel.chunks(path, chunk_bytes)
    header = parallel._header_of(header_bytes, DEFAULT_LIMITS)
    columnar, plain = BatchChecker(header, file="f.csv"), BatchChecker(header, file="f.csv")
    out: list[tuple[Answer, Answer]] = []
    for start, end, line in parts:
        with open(path, "rb") as handle:
            handle.seek(start)
            data = handle.read(end - start)
        by_columns = arrow_chunk(columnar, data, line, DEFAULT_LIMITS)
        if by_columns is None:  # as a worker does: the csv path, whose places the checker keeps
            parallel._plain_chunk(columnar, data, line, DEFAULT_LIMITS)
        plain_result = parallel._plain_chunk(plain, data, line, DEFAULT_LIMITS)
        by_csv: Answer = None
        if plain_result is not None:
            batches, lines = plain_result
            by_csv = (CheckedBatch.join(batches).without_cells() if batches else None, lines)
        out.append((by_columns, by_csv))
    return out


def assert_agree(path: Path, chunk_bytes: int) -> int:
    """Assert the law on a file's chunks; return how many chunks the columnar path took."""
    taken = 0
    for by_columns, by_csv in both_paths(path, chunk_bytes):
        if by_columns is None:
            continue
        taken += 1
        assert by_csv is not None, "the columnar path read a chunk the csv path declines"
        assert by_columns == by_csv
    return taken


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(made=hostile_files(), chunk_bytes=st.integers(300, 3000))
def test_hostile_chunks_give_the_same_batch_on_both_paths(
    made: tuple[Base, list[list[str]], str], chunk_bytes: int
) -> None:
    base, rows, terminator = made
    if base.name in MONADIC:
        return
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / base.name
        write(path, base, rows, terminator)
        note(f"file: {path.read_bytes()!r}")
        assert_agree(path, chunk_bytes)


@pytest.mark.parametrize("name", [b for b in BASES if b not in MONADIC])
@pytest.mark.parametrize("terminator", ["\n", "\r\n"])
def test_plain_fixture_chunks_are_taken_by_the_columnar_path(
    name: str, terminator: str, tmp_path: Path
) -> None:
    base = LOADED[name]
    path = tmp_path / name
    write(path, base, base.rows * 3, terminator)
    results = both_paths(path, 400)
    for by_columns, by_csv in results:
        assert (by_columns is None) == (by_csv is None)
    assert assert_agree(path, 400) == sum(by_csv is not None for _, by_csv in results)


def test_cells_with_line_breaks_number_the_lines_as_csv_does(tmp_path: Path) -> None:
    base = LOADED["current-export-numeric.csv"]
    notes = base.header.index("notes")
    rows = [list(base.rows[0]) for _ in range(12)]  # a row whose cells hold no line break
    for index, row in enumerate(rows):
        row[notes] = "one\ntwo\r\nthree" if index % 3 == 0 else row[notes]
    path = tmp_path / "breaks.csv"
    write(path, base, rows, "\r\n")
    assert assert_agree(path, 1 << 20) == 1
    [(by_columns, _)] = both_paths(path, 1 << 20)
    assert by_columns is not None
    batch, lines = by_columns
    assert batch is not None
    assert lines == len(rows) + 2 * len(rows[::3])
    assert list(batch.lines[:5]) == [2, 5, 6, 7, 10]


@pytest.mark.parametrize("cell", ["Zongo\x1f", "\x1f", "Zongo"])
def test_places_with_the_key_separator_are_the_csv_paths_places(cell: str, tmp_path: Path) -> None:
    # Joined by the separator, a place's cells would be another place's: the keys are tuples.
    base = LOADED["current-export-numeric.csv"]
    location, admin1 = base.header.index("location"), base.header.index("admin1")
    rows = [list(row) for row in base.rows * 2]
    rows[0][location], rows[1][location], rows[1][admin1] = cell, "Zongo", "\x1f" + "x"
    path = tmp_path / "separator.csv"
    write(path, base, rows, "\n")
    assert assert_agree(path, 1 << 20) == 1


codes = st.lists(st.integers(0, 5), min_size=1, max_size=60)


@given(st.integers(1, 4).flatmap(lambda k: st.lists(codes, min_size=k, max_size=k)))
def test_groups_are_the_rows_with_equal_codes(parts: list[list[int]]) -> None:
    size = min(map(len, parts))
    arrays = [np.array(p[:size], np.int64) for p in parts]
    groups, first = _groups(arrays)
    rows = list(zip(*(a.tolist() for a in arrays), strict=True))
    for i in range(size):
        assert rows[int(first[groups[i]])] == rows[i]  # a group's first row has its codes
        assert int(first[groups[i]]) <= i
    # Groups are numbered as they first appear, and a group's first row is its earliest.
    assert first.tolist() == sorted(first.tolist())
    assert [int(groups[f]) for f in first] == list(range(len(first)))
    for i in range(size):
        for j in range(size):
            assert (groups[i] == groups[j]) == (rows[i] == rows[j])


def test_groups_of_wide_codes_do_not_overflow() -> None:
    # Each part alone takes 20 bits: combined without making them dense they would pass 2^63.
    wide = [np.array([0, (1 << 20) - 1, 0, (1 << 20) - 1], np.int64) for _ in range(5)]
    groups, first = _groups(wide)
    assert groups.tolist() == [0, 1, 0, 1]
    assert first.tolist() == [0, 1]


def one_chunk(path: Path) -> tuple[BatchChecker, bytes, int]:
    """Write the numeric fixture's rows to ``path``; return a checker, its one chunk, its line."""
    base = LOADED["current-export-numeric.csv"]
    write(path, base, base.rows, "\n")
    header_bytes, [(start, end, line)] = parallel.chunks(path, 1 << 20)
    checker = BatchChecker(parallel._header_of(header_bytes, DEFAULT_LIMITS))
    return checker, path.read_bytes()[start:end], line


def test_without_pyarrow_the_csv_path_decides(tmp_path: Path) -> None:
    checker, data, line = one_chunk(tmp_path / "plain.csv")
    assert arrow_chunk(checker, data, line, DEFAULT_LIMITS) is not None
    with mock.patch.dict(sys.modules, {"pyarrow": None, "pyarrow.csv": None}):
        assert arrow_chunk(checker, data, line, DEFAULT_LIMITS) is None


COORDINATE_TEXTS = st.one_of(
    st.sampled_from(["", "0", "-0", "-0.0", "90", "90.0000001", "-180", "180.5", "48.", ".5"]),
    st.sampled_from(["1e3", " 1", "+1", "\u0663", "01", "1" * 40, "0." + "1" * 40, "1\n"]),
    st.from_regex(r"-?(0|[1-9][0-9]{0,3})(\.[0-9]{1,25})?", fullmatch=True),
)


@given(st.lists(st.tuples(COORDINATE_TEXTS, COORDINATE_TEXTS), min_size=1, max_size=30))
def test_coordinates_read_as_columns_are_those_the_check_reads(
    pairs: list[tuple[str, str]],
) -> None:
    import pyarrow as pa

    table = pa.table(
        {
            "latitude": pa.array([lat for lat, _ in pairs], pa.string()),
            "longitude": pa.array([lon for _, lon in pairs], pa.string()),
        }
    )
    columns = _Columns(table)
    rows = np.arange(len(pairs))
    for name, limit in (("latitude", 90), ("longitude", 180)):
        read, values = _coordinates(columns, name, rows, limit)
        for cell, is_read, value in zip(table.column(name).to_pylist(), read, values, strict=True):
            if not cell:
                assert is_read
                assert np.isnan(value)
            elif is_read:  # read here: the check reads the same number, without a finding
                assert parse_coordinate(cell, limit, name) == value
                assert repr(parse_coordinate(cell, limit, name)) == repr(float(value))
            else:  # not read here: the check decides, cell by cell
                assert np.isnan(value) or not -limit <= value <= limit


@given(
    st.one_of(
        st.lists(st.booleans()).map(lambda v: (v, "bool")),
        st.lists(st.integers(-(1 << 31), (1 << 31) - 1)).map(lambda v: (v, "int32")),
        st.lists(st.floats(allow_nan=False)).map(lambda v: (v, "double")),
    ),
    st.integers(0, 9),
    st.integers(0, 9),
)
def test_arrow_arrays_cross_to_numpy_and_back_as_they_are(
    typed: tuple[list[Any], str], start: int, cut: int
) -> None:
    import pyarrow as pa

    values, kind = typed
    sliced = pa.array(values, kind).slice(start, max(0, len(values) - start - cut))
    assert _numpy(sliced).tolist() == sliced.to_pylist()  # a slice starts within a byte
    rows = np.arange(len(values))[::-1]
    assert _take(pa.array(values, kind), rows).to_pylist() == values[::-1]
    assert _strings([str(v) for v in values]).to_pylist() == [str(v) for v in values]
    assert _blanks(len(values)).equals(_strings([""] * len(values)))


def test_checking_a_chunk_as_columns_does_not_import_pandas() -> None:
    # pyarrow imports pandas, when installed, for Array.to_numpy and pa.array: 0.3 s and
    # 40 MiB in each worker. The columnar path crosses to numpy through buffers instead.
    pytest.importorskip("pandas")
    script = f"""
import sys
from pathlib import Path
from eventcode.acled import parallel
from eventcode.acled.batches import BatchChecker
from eventcode.acled.columnar import arrow_chunk
from eventcode.io.limits import DEFAULT_LIMITS
path = Path({str(FIXTURES / "current-export-numeric.csv")!r})
header_bytes, [(start, end, line)] = parallel.chunks(path, 1 << 20)
checker = BatchChecker(parallel._header_of(header_bytes, DEFAULT_LIMITS))
data = path.read_bytes()[start:end]
assert arrow_chunk(checker, data, line, DEFAULT_LIMITS) is not None
print("pandas" in sys.modules)
"""
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert ran.stdout.strip() == "False"


COMPACT = re.compile(COMPACT_ID)
IDS = st.one_of(
    st.from_regex(r"[A-Z]{3}(0|[1-9][0-9]{0,13})", fullmatch=True),
    st.sampled_from(["", "UKR01", "ukr1", "UKR123456789012345", "UK1", "UKR1\n"]),
    st.sampled_from(["ZZZ99999999999999", "AAA0", "ÄBC1", "UKR\uff11"]),
)


@given(st.lists(IDS, min_size=1, max_size=40))
def test_id_keys_worked_out_as_columns_are_those_of_the_ids(ids: list[str]) -> None:
    columns = _Columns(pa_table({"event_id_cnty": ids}))
    keys = _id_keys(columns)
    if keys is None:  # the csv path's keys are taken: an id of another shape is there
        assert not all(COMPACT.fullmatch(event_id) for event_id in ids)
    else:
        assert list(keys) == list(id_keys(ids))


def pa_table(cells: dict[str, list[str]]) -> Any:
    """Return columns of texts as a pyarrow table."""
    import pyarrow as pa

    return pa.table({name: pa.array(values, pa.string()) for name, values in cells.items()})


INTEGER_CELLS = st.one_of(
    st.sampled_from(["", "0", "7", "07", "7.0", "-1", " 1", "1\n", "\u0663", "1" * 4300]),
    st.sampled_from(["1" * 4301, "9" * 20, "9" * 15, "1" + "0" * 15]),
    st.from_regex(r"(0|[1-9][0-9]{0,16})", fullmatch=True),
)


@given(st.lists(INTEGER_CELLS, min_size=1, max_size=12))
def test_columns_of_counts_are_told_as_all_counts_tells(cells: list[str]) -> None:
    columns = _Columns(pa_table({"fatalities": cells}))
    assert _all_counts(columns, "fatalities") == all_counts(cells)
    assert _all_counts(columns, "timestamp")  # a column the chunk lacks: blank


PLACE_CELLS = st.fixed_dictionaries(
    {
        "location": st.sampled_from(["", "Makiivka", "Makeevka", "Makiïvka", "x\x00y", "Zé"]),
        "country": st.sampled_from(["", "Ukraine", "Benin", "Atlantis"]),
        "latitude": COORDINATE_TEXTS,
        "longitude": COORDINATE_TEXTS,
        "admin1": st.sampled_from(["", "Donetsk", "A"]),
        "admin2": st.sampled_from(["", "B"]),
        "admin3": st.text(alphabet="ab\x00", max_size=2),
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PLACE_CELLS, min_size=1, max_size=12), st.integers(1, 3))
def test_places_coded_as_columns_are_coded_as_the_csv_path_codes_them(
    places: list[dict[str, str]], chunks: int
) -> None:
    # Codes, R010's where codes, what R009 is told (once a checker) and coordinate findings.
    base = LOADED["current-export-numeric.csv"]
    rows = []
    for index, place in enumerate(places * 2):
        row = list(base.rows[index % len(base.rows)])
        for name, cell in place.items():
            row[base.header.index(name)] = cell
        rows.append(row)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "places.csv"
        write(path, base, rows, "\n")
        size = path.stat().st_size
        note(f"file: {path.read_bytes()!r}")
        assert assert_agree(path, size // chunks + 1) >= 1


def test_a_checker_tells_the_merger_of_a_place_once(tmp_path: Path) -> None:
    checker, data, line = one_chunk(tmp_path / "twice.csv")
    told = []
    for _ in range(2):
        answered = arrow_chunk(checker, data, line, DEFAULT_LIMITS)
        assert answered is not None
        told.append(list(answered[0].places_met.codes))
    assert told[0]
    assert sorted(told[0]) == sorted(set(answered[0].places))  # every place, once
    assert told[1] == []  # the same places again: told already
    # The csv path's batches of the same checker tell none of them again either.
    plain = parallel._plain_chunk(checker, data, line, DEFAULT_LIMITS)
    assert plain is not None
    assert all(not batch.places_met.codes for batch in plain[0])


NAMES = st.one_of(
    st.text(alphabet="abyzABYZ '-.0\t\x00", max_size=12),
    st.sampled_from(["", "Makiïvka", "ŁÓDŹ", "İstanbul", "ﬁnland", "Straße"]),
    st.text(max_size=6),
)


@given(st.lists(NAMES, min_size=1, max_size=20))
def test_spelling_keys_worked_out_as_columns_are_spelling_keys(names: list[str]) -> None:
    keys = _spelling_keys(_strings(names))
    assert keys.to_pylist() == [spelling_key(name) for name in names]


@pytest.mark.parametrize(
    "dropped", [("admin2", "admin3"), ("latitude",), ("location", "country"), ("longitude", "iso")]
)
def test_places_of_a_file_lacking_place_columns_are_the_csv_paths_places(
    dropped: tuple[str, ...], tmp_path: Path
) -> None:
    # A column the file lacks is a blank cell of every place, on both paths.
    import csv

    source = FIXTURES / "current-export-numeric.csv"
    with source.open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    kept = [i for i, name in enumerate(header) if name not in dropped]
    path = tmp_path / "subset.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([[row[i] for i in kept] for row in [header, *rows * 3]])
    assert assert_agree(path, 1500) >= 2


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@given(
    st.one_of(
        st.binary(max_size=64),
        st.text(max_size=32).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.text(st.characters(max_codepoint=127), max_size=32).map(str.encode),
    )
)
@example("ab\u20ac".encode()[:-1])  # a character the last window leaves unfinished
@example("\u00e9\U0001f600".encode())
def test_a_chunk_is_utf8_text_as_decoding_it_tells(data: bytes) -> None:
    """ASCII is taken without decoding, the rest decoded a window at a time (characters cut
    between windows of one to three bytes here): each says what decoding it whole says."""
    assert _utf8(data) is _decodes(data)
    for window in (1, 2, 3):
        assert _utf8(data, window) is _decodes(data)
