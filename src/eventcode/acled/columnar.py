"""Checking a plain chunk of ACLED CSV as Arrow columns: work per distinct value, not per row.

A worker's chunk (see :mod:`eventcode.acled.parallel`) is parsed by pyarrow's CSV reader, in C,
into one string column per header column. Each check then runs once per distinct combination
of the cells it reads: every column it needs is dictionary-encoded, the codes are combined into
one integer a row (:func:`_groups`), and the same memos and check functions as the row-by-row
path (:class:`~eventcode.acled.batches.BatchChecker`,
:func:`~eventcode.acled.row_checks.screen_groups`) answer for each distinct combination; the
answers reach the rows by index arrays. Only the rows some check fails are made Python rows,
and their findings come from :func:`~eventcode.acled.row_checks.batch_findings` as before. The
line each row starts on is counted from the line breaks its cells hold.

This path is a second backend of the same declarations, not a second set of rules. It answers
only where it is sure to agree with :mod:`csv`: a chunk with a bare carriage return, a blank
line, a row of another width, text that is not UTF-8, a cell over the size limit, a blank token
or pandas' ``7.0``, or quotes pyarrow rejects gives ``None``, and the chunk goes to the
``csv`` path, which decides. ``tests/test_columnar.py`` holds the two equal.
"""

from __future__ import annotations

import codecs
import io
import re
from array import array
from collections.abc import Sequence
from functools import partial
from itertools import repeat
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

import numpy as np

from eventcode.acled.batches import (
    KEY_SEPARATOR,
    NAME_COLUMNS,
    PLACE_COLUMNS,
    TEXT_KEY,
    BatchChecker,
    CheckedBatch,
    PlacesMet,
    event_type_of,
    names_of,
    other_ids,
)
from eventcode.acled.blanks import CellConventions
from eventcode.acled.ids import COMPACT_ID, NUMBER_BITS, id_keys
from eventcode.acled.layouts import Layout
from eventcode.acled.mapping import country_alpha3
from eventcode.acled.row_checks import (
    COORDINATE_CHECK,
    EVENT_ID,
    Check,
    batch_findings,
    group_checks,
    required_columns,
    screen_groups,
)
from eventcode.acled.values import COUNT_DIGITS, DECIMAL_GRAMMAR, INTEGER_GRAMMAR
from eventcode.checks.duplicates import country_code, signatures, texts_code
from eventcode.checks.places import NOT_CONSONANT, PlaceColumns, spelling_key
from eventcode.hashing import codes_of, codes_of_words
from eventcode.io.limits import Limits

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["arrow_chunk"]

#: Coordinates of at most this many characters are read by pyarrow (see _coordinates).
_SHORT_DECIMAL = 32
#: A cell all_counts passes, as a pattern to match (its length is told apart).
_BLANK_OR_COUNT = f"^(?:{INTEGER_GRAMMAR})?$"
#: Combined codes stay below this before they are made dense again (no int64 overflow).
_DENSE_LIMIT = 1 << 40
_LINE_FEED = 0x0A
_NO_CHECKS: frozenset[Check] = frozenset()
#: Each byte lower-cased (ASCII letters), and whether a lower-cased ASCII byte is kept in a
#: spelling key (what NOT_CONSONANT, spelling_key's pattern, does not match).
_LOWER = np.array([ord(chr(b).lower()) if b < 0x80 else b for b in range(256)], np.uint8)
_KEPT = np.array([b < 0x80 and not re.fullmatch(NOT_CONSONANT, chr(b)) for b in range(256)])


def arrow_chunk(
    checker: BatchChecker, data: bytes, line: int, limits: Limits
) -> tuple[CheckedBatch, int] | None:
    """Check a chunk's rows as one batch; ``None`` when the ``csv`` path must decide.

    ``data`` holds whole rows (the bytes from a row's start), ``line`` is the line its first row
    starts on. Returns the batch, without its cells (ready to send), and the lines it spans.
    """
    if checker.header.layout is Layout.MONADIC or not data:
        return None  # an event may span two rows
    if len(data) > limits.max_line_bytes or (
        b"\r" in data and data.count(b"\r") != data.count(b"\r\n")
    ):
        return None  # a line might pass the limit; a bare CR ends a line for csv alone
    table = _parse(data, checker.header.columns)
    if table is None:
        return None
    columns = _Columns(table)
    if not columns.size or not _plain(columns, data, limits):
        return None
    lines = _starts(columns, data, line)
    return _checked(checker, columns, data, lines)


def _utf8(data: bytes, window: int = 1 << 16) -> bool:
    """Tell whether ``data`` is UTF-8 text, as decoding it whole tells.

    Without a copy of the chunk as text: its fresh pages cost more to fault in than the
    decoding itself (on a virtual machine, several microseconds a page). ASCII is UTF-8 (a
    scan); other bytes are decoded ``window`` bytes at a time by one incremental decoder, which
    takes a character cut between two windows whole, so the text of each window is small and
    its memory used again.
    """
    if data.isascii():
        return True
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for at in range(0, len(view), window):
            decoder.decode(view[at : at + window])
        decoder.decode(b"", True)  # a character the last window leaves unfinished
    except UnicodeDecodeError:
        return False
    return True


def _parse(data: bytes, names: tuple[str, ...]) -> pa.Table | None:
    """Parse CSV rows as columns of bytes (no type inference, no nulls); ``None`` if it fails.

    The cells are UTF-8 when the chunk is: it is decoded as the csv path decodes it, once,
    rather than each cell checked by pyarrow (:class:`_Columns` reads them as strings).
    ``None`` too without pyarrow (an environment installed with ``--no-deps``): the csv path
    gives the same results, more slowly.
    """
    try:
        import pyarrow as pa
        from pyarrow import csv as pcsv
    except ImportError:
        return None
    if not _utf8(data):
        return None  # text that is not UTF-8: the csv path declines it too

    try:
        return pcsv.read_csv(
            io.BytesIO(data),
            read_options=pcsv.ReadOptions(
                column_names=list(names), use_threads=False, block_size=len(data) + 1
            ),
            parse_options=pcsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.binary()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError, ValueError):
        return None  # a row of another width, an open quote


class _Columns:
    """A parsed chunk's columns, each made a plain array, and made Python values on demand."""

    def __init__(self, table: pa.Table) -> None:
        self.table = table
        self.size: int = table.num_rows
        self.names: tuple[str, ...] = tuple(table.column_names)
        self._arrays: dict[str, pa.StringArray] = {}
        self._encoded: dict[str, tuple[np.ndarray, list[str]]] = {}
        self._lengths: dict[str, np.ndarray] = {}
        self._objects: dict[str, np.ndarray] = {}

    def array(self, name: str) -> pa.StringArray:
        """Return a column as one array."""
        found = self._arrays.get(name)
        if found is None:
            import pyarrow as pa

            column = self.table.column(name)  # one chunk (a worker's), taken without a copy
            combined = cast(
                "pa.Array[Any]",
                column.chunk(0) if column.num_chunks == 1 else column.combine_chunks(),
            )
            # Bytes of UTF-8 text (see _parse), read as strings as they are.
            found = self._arrays[name] = cast("pa.StringArray", combined.view(pa.string()))
        return found

    def encoded(self, name: str) -> tuple[np.ndarray, list[str]]:
        """Return a column's dictionary codes (one a row) and its distinct values."""
        found = self._encoded.get(name)
        if found is None:
            import pyarrow.compute as pc

            encoded = cast("pa.DictionaryArray[Any, Any]", pc.dictionary_encode(self.array(name)))
            codes = _numpy(encoded.indices).astype(np.int64)
            found = (codes, cast("list[str]", encoded.dictionary.to_pylist()))
            self._encoded[name] = found
        return found

    def lengths(self, name: str) -> np.ndarray:
        """Return the length in bytes of each of a column's cells."""
        found = self._lengths.get(name)
        if found is None:
            column = self.array(name)
            offsets = np.frombuffer(cast(Any, column.buffers()[1]), np.int32)
            start = column.offset
            found = self._lengths[name] = np.diff(offsets[start : start + len(column) + 1])
        return found

    def text_bytes(self, name: str) -> int:
        """Return how many bytes a column's cells hold together."""
        column = self.array(name)
        offsets = np.frombuffer(cast(Any, column.buffers()[1]), np.int32)
        return int(offsets[column.offset + len(column)] - offsets[column.offset])

    def feeds(self, name: str) -> np.ndarray:
        """Return how many line feeds each of a column's cells holds."""
        column = self.array(name)
        buffer = column.buffers()[2]
        text = np.frombuffer(cast(Any, buffer), np.uint8) if buffer is not None else None
        if text is None or not len(feeds := np.flatnonzero(text == _LINE_FEED)):
            return np.zeros(self.size, np.int64)
        offsets = np.frombuffer(cast(Any, column.buffers()[1]), np.int32)
        offsets = offsets[column.offset : column.offset + self.size + 1]
        rows = np.searchsorted(offsets, feeds, side="right") - 1
        inside = (rows >= 0) & (rows < self.size)  # a buffer may hold text of no row here
        counts: np.ndarray = np.bincount(rows[inside], minlength=self.size)
        return counts

    def objects(self, name: str) -> np.ndarray:
        """Return a column's distinct values as a numpy array of Python strings."""
        found = self._objects.get(name)
        if found is None:
            values = self.encoded(name)[1]
            found = self._objects[name] = np.empty(len(values), object)
            found[:] = values
        return found

    def blank_code(self, name: str) -> int:
        """Return the code of a blank cell in a column (-1 when no cell is blank)."""
        values = self.encoded(name)[1]
        return values.index("") if "" in values else -1

    def python(self, name: str, rows: np.ndarray | None = None) -> list[str]:
        """Return a column's cells (of ``rows`` only, when given) as Python strings."""
        codes, values = self.encoded(name) if name in self._encoded else (None, None)
        if codes is not None and values is not None:
            picked = codes if rows is None else codes[rows]
            return cast("list[str]", self.objects(name)[picked].tolist())
        column = self.array(name)
        return cast("list[str]", (column if rows is None else _take(column, rows)).to_pylist())


# Arrow to numpy and back through buffers: Array.to_numpy, pa.array and take with a numpy
# array import pandas when it is installed, 0.3 s and 40 MiB in each worker.

_Values = TypeVar("_Values", bound="pa.Array[Any]")
#: numpy's type of each Arrow type of fixed width a check's result has.
_NUMPY_TYPES = {
    "int8": np.int8,
    "int16": np.int16,
    "int32": np.int32,
    "int64": np.int64,
    "uint8": np.uint8,
    "uint32": np.uint32,
    "double": np.float64,
}


def _numpy(values: pa.Array[Any]) -> np.ndarray:
    """Return an Arrow array of numbers or booleans as numpy (numbers: a view)."""
    if values.null_count:  # no array here has nulls (no cell is null): to be sure
        return np.asarray(values.to_numpy(zero_copy_only=False))
    size, offset, buffer = len(values), values.offset, values.buffers()[1]
    if buffer is None:
        return np.zeros(size, bool if str(values.type) == "bool" else np.int64)
    if str(values.type) == "bool":  # one bit a value, the first the lowest
        bits = np.unpackbits(np.frombuffer(cast(Any, buffer), np.uint8), bitorder="little")
        return bits[offset : offset + size].view(bool)
    whole = np.frombuffer(cast(Any, buffer), _NUMPY_TYPES[str(values.type)])
    return whole[offset : offset + size]


def _arrow(numbers: np.ndarray) -> pa.Array[Any]:
    """Return 64-bit integers as an Arrow array (sharing their memory)."""
    import pyarrow as pa

    numbers = np.ascontiguousarray(numbers, np.int64)
    buffers = [None, pa.py_buffer(cast(Any, numbers))]
    return pa.Array.from_buffers(pa.int64(), len(numbers), buffers)


def _take(values: _Values, rows: np.ndarray) -> _Values:
    """Return the values at ``rows``."""
    return values.take(_arrow(rows))


def _strings(texts: Sequence[str]) -> pa.StringArray:
    """Return texts as an Arrow array."""
    import pyarrow as pa

    encoded = [text.encode("utf-8") for text in texts]
    offsets = np.zeros(len(encoded) + 1, np.int32)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    buffers = [None, pa.py_buffer(cast(Any, offsets)), pa.py_buffer(b"".join(encoded))]
    strings = pa.Array.from_buffers(pa.string(), len(encoded), buffers)
    return cast("pa.StringArray", strings)


def _blanks(size: int) -> pa.StringArray:
    """Return ``size`` empty texts as an Arrow array (``_strings([""] * size)``, no list)."""
    import pyarrow as pa

    buffers = [None, pa.py_buffer(cast(Any, np.zeros(size + 1, np.int32))), pa.py_buffer(b"")]
    return cast("pa.StringArray", pa.Array.from_buffers(pa.string(), size, buffers))


def _plain(columns: _Columns, data: bytes, limits: Limits) -> bool:
    """Tell whether ``csv`` reads the rows as pyarrow did, and they are plain.

    Plain as the csv path asks (see :func:`eventcode.acled.parallel._plain_chunk`). A row
    whose cells are all blank may be a blank line (csv gives a row of no cells); a cell over
    ``max_field_bytes`` characters is csv's error; a blank token or a whole number written
    ``N.0`` makes the chunk one the single-process reader reads (one finding for the file).
    """
    import pyarrow.compute as pc

    blank = columns.lengths(columns.names[0]) == 0
    if blank.any():
        for name in columns.names[1:]:
            blank &= columns.lengths(name) == 0
        if blank.any():
            return False
    limit = limits.max_field_bytes
    for name in columns.names:
        if (
            len(data) > limit
            and int(columns.lengths(name).max()) > limit
            and (pc.max(pc.utf8_length(columns.array(name))).as_py() or 0) > limit
        ):
            return False
    conventions = CellConventions(columns.names, limits.blank_tokens)
    if limits.blank_tokens:
        tokens = _strings(limits.blank_tokens)
        sizes = {len(token.encode("utf-8")) for token in limits.blank_tokens}
        for name in columns.names:
            # Only a cell of a token's length can be one: the others are not hashed.
            lengths = columns.lengths(name)
            sized = np.zeros(columns.size, bool)
            for size in sizes:
                sized |= lengths == size
            at = np.flatnonzero(sized)
            cells = columns.array(name)
            cells = cells if len(at) == columns.size else _take(cells, at)
            if len(at) and pc.any(pc.is_in(cells, value_set=tokens)).as_py():
                return False
    for name in conventions.integer_columns:
        ending = np.flatnonzero(_true(pc.ends_with(columns.array(name), ".0")))
        if len(ending) and conventions.touches_integer(name, columns.python(name, ending)):
            return False
    return True


def _starts(columns: _Columns, data: bytes, line: int) -> np.ndarray:
    """Return the line each row starts on, and after the last row the line after it.

    A row spans one line, and one more per line feed its cells hold (a bare carriage return,
    which would end a line too, is not in a chunk taken here).
    """
    size = columns.size
    spans = np.ones(size, np.int64)
    # The line feeds the cells hold: all but those ending a row (the last may end none).
    held = data.count(b"\n") - size + (not data.endswith(b"\n"))
    # Longest columns first (notes): once they hold every one, the others hold none.
    for name in sorted(columns.names, key=columns.text_bytes, reverse=True):
        if held <= 0:
            break
        feeds = columns.feeds(name)
        spans += feeds
        held -= int(feeds.sum())
    starts = np.empty(size + 1, np.int64)
    starts[0] = line
    np.cumsum(spans, out=starts[1:])
    starts[1:] += line
    return starts


def _joined(
    columns: _Columns, names: Sequence[str], filled: pa.StringArray | None
) -> tuple[_Distinct, list[str]] | None:
    """Return the distinct combinations of columns' cells and their facet keys, or ``None``.

    The cells of each row are joined as :meth:`_Facet.keys` joins them, in C, and the joined
    texts grouped: one hash table, not one a column. ``actor2`` counts as whether it is
    filled (``filled``, see :func:`_filled`). ``None`` when a column the file lacks is named,
    or a cell holds the separator (the keys are then tuples).
    """
    import pyarrow.compute as pc

    if len(names) < 2 or not set(names) <= set(columns.names):
        return None
    separator = _strings([KEY_SEPARATOR])[0]  # a str here would be made a scalar by pandas
    cells = [filled if n == "actor2" and filled is not None else columns.array(n) for n in names]
    joined = cast(
        "pa.StringArray",
        pc.call_function("binary_join_element_wise", [*cells, separator]),
    )
    _, offsets, text = joined.buffers()
    ends = np.frombuffer(cast(Any, offsets), np.int32)[joined.offset :][[0, len(joined)]]
    held = np.frombuffer(cast(Any, text), np.uint8)[ends[0] : ends[1]] if text else np.zeros(0)
    if np.count_nonzero(held == ord(KEY_SEPARATOR)) != len(joined) * (len(names) - 1):
        return None  # a cell holds the separator: the keys are tuples
    encoded = cast("pa.DictionaryArray[Any, Any]", pc.dictionary_encode(joined))
    rows = _numpy(encoded.indices).astype(np.int64)
    distinct = _Distinct(columns, names, grouped=(rows, _first_rows(rows)))
    return distinct, cast("list[str]", encoded.dictionary.to_pylist())


def _filled(cells: pa.StringArray) -> pa.StringArray:
    """Return whether each cell is filled, as a facet key writes it ("1" or blank)."""
    import pyarrow.compute as pc

    one, blank = _strings(["1", ""])
    filled = pc.if_else(pc.greater(pc.binary_length(cells), _arrow(np.zeros(1))[0]), one, blank)
    return cast("pa.StringArray", filled)


def _first_rows(groups: np.ndarray) -> np.ndarray:
    """Return the first row of each group, for groups numbered as they first appear."""
    # A row starts a group when its number passes every number before it.
    starts = np.empty(len(groups), bool)
    starts[:1] = True
    np.greater(groups[1:], np.maximum.accumulate(groups)[:-1], out=starts[1:])
    return np.flatnonzero(starts)


def _groups(parts: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Return each row's group and a row of each group, for rows grouped by equal codes.

    ``parts`` hold codes from 0 (one array a column, one code a row). Groups are numbered from
    0 in the order they first appear; the second array gives, for each group, its first row.
    """
    combined = parts[0]
    span = int(combined.max(initial=0)) + 1
    for part in parts[1:]:
        width = int(part.max(initial=0)) + 1
        if span * width >= _DENSE_LIMIT:
            combined = _numbered(combined)
            span = int(combined.max(initial=0)) + 1
        combined = combined * width + part
        span *= width
    groups = _numbered(combined)
    return groups, _first_rows(groups)


def _numbered(codes: np.ndarray) -> np.ndarray:
    """Return codes numbered from 0 in order of first appearance (a hash table's, in C)."""
    import pyarrow.compute as pc

    encoded = cast("pa.DictionaryArray[Any, Any]", pc.dictionary_encode(_arrow(codes)))
    numbers: np.ndarray = _numpy(encoded.indices).astype(np.int64)
    return numbers


class _Distinct:
    """The distinct combinations of a few columns' cells, and which each row has.

    ``derived`` gives the codes of columns grouped by a function of their cells. ``grouped``
    gives each row's combination and the first row of each, worked out already (the cells are
    then made Python strings only when asked).
    """

    def __init__(
        self,
        columns: _Columns,
        names: Sequence[str],
        derived: dict[str, np.ndarray] | None = None,
        grouped: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        derived = derived or {}
        self.cells: dict[str, list[str]] = {}
        if grouped is not None:
            self.rows, first = grouped
        elif codes := [derived[n] if n in derived else columns.encoded(n)[0] for n in names]:
            self.rows, first = _groups(codes)
            self.cells = {n: columns.python(n, first) for n in names if n not in derived}
        else:
            self.rows, first = np.zeros(columns.size, np.int64), np.zeros(1, np.int64)
        self.size = len(first)
        self._first = first
        self._columns = columns

    @property
    def first(self) -> np.ndarray:
        """The first row of each combination."""
        return self._first

    def column(self, name: str) -> Sequence[str]:
        """Return a column's cell in each combination (blank for a column the file lacks)."""
        found = self.cells.get(name)
        if found is None:
            found = self.cells[name] = (
                self._columns.python(name, self._first)
                if name in self._columns.names
                else list(repeat("", self.size))
            )
        return found

    def rows_where(self, flags: Sequence[bool]) -> np.ndarray:
        """Return the rows whose combination is flagged."""
        flagged = np.fromiter(flags, bool, self.size)
        return np.flatnonzero(flagged[self.rows])


def _checked(
    checker: BatchChecker, columns: _Columns, data: bytes, starts: np.ndarray
) -> tuple[CheckedBatch, int]:
    """Check the chunk's rows; the counterpart of :meth:`BatchChecker.rows` on columns."""
    header, size = checker.header, columns.size
    facets = checker.facets
    # A facet reads actor2 as whether it is filled: grouped so, its cells are not all kept.
    derived = (
        {"actor2": (columns.encoded("actor2")[0] != columns.blank_code("actor2")).astype(np.int64)}
        if "actor2" in columns.names
        else {}
    )
    suspects: dict[int, set[Check]] = {}
    values: dict[str, tuple[_Distinct, list[tuple[Any, ...]]]] = {}
    told: PlacesMet | None = None  # the places met, when they are worked out as columns
    checker.start_batch()
    filled = _filled(columns.array("actor2")) if "actor2" in columns.names else None
    for facet in ("when", "what", "where"):
        joined = _joined(columns, facets[facet].names, filled)
        facet_keys: Sequence[str] | Sequence[tuple[str, ...]]
        if joined is not None:  # thousands of places: their cells are made Python keys only
            distinct, facet_keys = joined
        else:
            distinct = _Distinct(columns, facets[facet].names, derived)
            facet_keys = facets[facet].keys(distinct.column, distinct.size)
        if facet == "where":  # places met for the first time are worked out as columns
            if joined is not None and _codes_places(checker):
                where, told = _places_as_columns(checker, columns, distinct, facet_keys)
            else:  # keys of tuples (a cell holds the separator): the memo's function
                where = _Wheres.of(checker.where.each(facet_keys))
            _suspect(suspects, distinct, where.failing)
            where_distinct = distinct
            continue
        memo = checker.when if facet == "when" else checker.what
        facet_values = memo.each(facet_keys)
        values[facet] = (distinct, facet_values)
        _suspect(suspects, distinct, [v[-1] for v in facet_values])
    screened = checker.screened
    for check, distinct, failing in screen_groups(
        lambda names: _Distinct(columns, [n for n in names if n in columns.names]),
        header.layout,
        checker.selection,
        screened,
        partial(_all_counts, columns),
    ):
        rows = distinct.rows_where(failing)
        for row in rows.tolist():
            suspects.setdefault(row, set()).add(check)
    for row in _cell_suspects(columns, data, checker).tolist():
        suspects.setdefault(row, set())
    lines = starts[:-1]
    findings = _findings(checker, columns, lines, suspects)
    when_distinct, when_values = values["when"]
    what_distinct, what_values = values["what"]
    places = where.codes[where_distinct.rows]
    digests: Sequence[int] | repeat[int] = repeat(0, size)
    if checker.compares:
        days = _per_row(when_distinct, [v[0] for v in when_values]).tolist()
        roles = np.zeros(size, np.uint64)
        for name, kind in NAME_COLUMNS[:2]:
            if name in columns.names:
                codes, cells = columns.encoded(name)
                roles += np.fromiter(checker.roles[kind].each(cells), np.uint64, len(cells))[
                    codes
                ]
            else:
                roles += np.uint64(checker.roles[kind].each([""])[0])
        digests = list(
            signatures(
                days,
                days,
                where.wheres[where_distinct.rows].tolist(),
                roles.tolist(),
                _per_row(what_distinct, [v[0] for v in what_values]).tolist(),
            )
        )
    targeted_rows = what_distinct.rows_where([bool(v[1]) for v in what_values])
    targeted: dict[int, str] = {}
    if len(targeted_rows):
        rows = targeted_rows.tolist()
        if "event_type" in columns.names:
            types = columns.python("event_type", targeted_rows)
        else:
            types = list(map(event_type_of, columns.python("sub_event_type", targeted_rows)))
        targeted = dict(zip(rows, types, strict=True))
    keys = _id_keys(columns)
    ids: Sequence[str] = ()
    if keys is None:  # an id of another shape, or blank
        ids = columns.python("event_id_cnty") if "event_id_cnty" in columns.names else [""] * size
        keys = id_keys(ids)
    batch = CheckedBatch(
        lines=array("Q", lines.tolist()),
        id_keys=keys,
        other_ids={} if max(keys, default=0) < TEXT_KEY else other_ids(ids),
        findings={},
        failed=frozenset(),
        targeted=targeted,
        crowds=_crowds(checker, columns) if checker.crowds else {},
        places=array("Q", places.tobytes()),
        digests=array("Q", digests),
        places_met=(
            told
            if told is not None
            else PlacesMet.of(checker.unsent(checker.places_met), places.tolist())
        ),
        name_cells=None,
    )
    batch = checker.with_findings(batch, findings)
    return batch._replace(names=_names(columns, batch.failed)), int(starts[-1] - starts[0])


def _codes_places(checker: BatchChecker) -> bool:
    """Tell whether a chunk's places are coded as columns (:func:`_places_as_columns`).

    So they are when the coordinates are the one check of the "where" facet (any layout
    eventcode reads; a place column the file lacks is blank).
    """
    return checker.facets["where"].checks <= {COORDINATE_CHECK}


class _Wheres(NamedTuple):
    """The "where" values of a chunk's distinct places (see BatchChecker.where), as columns."""

    codes: np.ndarray  # place codes (uint64)
    wheres: np.ndarray  # R010's where codes (uint64)
    failing: list[frozenset[Check]]  # the row checks each fails

    @classmethod
    def of(cls, values: Sequence[tuple[Any, ...]]) -> _Wheres:
        """Return the memo's values (code, where code, failing) as columns."""
        size = len(values)
        return cls(
            np.fromiter((v[0] for v in values), np.uint64, size),
            np.fromiter((v[1] for v in values), np.uint64, size),
            [v[2] for v in values],
        )


def _places_as_columns(
    checker: BatchChecker,
    columns: _Columns,
    distinct: _Distinct,
    keys: Sequence[str] | Sequence[tuple[str, ...]],
) -> tuple[_Wheres, PlacesMet | None]:
    """Return the "where" values of every combination (see BatchChecker.where), as columns.

    Place codes (:func:`~eventcode.checks.duplicates.texts_code`) and R010's where codes
    (:func:`~eventcode.checks.duplicates.where_code`) are computed by
    :mod:`eventcode.hashing` over the cells of thousands of places at once, and what R009 asks
    of a place (:func:`~eventcode.acled.batches.place_codes_at`) is worked out only for those
    the checker has not told yet. A place whose coordinates the check might find fault with is
    worked out by the "where" memo's function, cell by cell.

    Also returns the places to tell the merger of, in the order of their first events; or
    ``None`` when some were worked out cell by cell (they are then in the checker's
    ``places_met``, as the csv path leaves them).
    """
    import pyarrow.compute as pc

    first = distinct.first
    lat_read, lats = _coordinates(columns, "latitude", first, 90)
    lon_read, lons = _coordinates(columns, "longitude", first, 180)
    read = lat_read & lon_read & ~((lats == 0) & (lons == 0))  # both 0: A008's placeholder
    cells = {
        name: _take(columns.array(name), first) if name in columns.names else _blanks(len(first))
        for name in PLACE_COLUMNS  # a place column the file lacks: blank cells
    }
    codes = _texts_codes([cells[name] for name in PLACE_COLUMNS])
    located = ~(np.isnan(lats) | np.isnan(lons))  # both coordinates given: compared in R010
    keyed = _spelling_keys(cells["location"])
    countries = cast("pa.DictionaryArray[Any, Any]", pc.dictionary_encode(cells["country"]))
    country_names = cast("list[str]", countries.dictionary.to_pylist())
    alpha3 = [country_alpha3(name) for name in country_names]
    country_of = _numpy(countries.indices).astype(np.int64)
    wheres = np.zeros(len(first), np.uint64)
    if located.any():
        at = np.flatnonzero(located & read)
        lands = np.array([country_code(a) for a in alpha3], np.uint64)
        words = np.zeros((len(at), 5), np.uint64)
        words[:, 0] = _codes(keyed)[at]
        words[:, 1] = lands[country_of[at]]
        words[:, 2] = lats[at].view(np.uint64)
        words[:, 3] = lons[at].view(np.uint64)
        wheres[at] = codes_of_words(words)
    # What R009 asks of the places this checker has not told yet, each code at its first.
    new = np.flatnonzero(read & ~checker.told.known(codes))
    new = new[np.sort(np.unique(codes[new], return_index=True)[1])]
    units = [_take(cells[unit], new).to_pylist() for unit in ("admin1", "admin2", "admin3")]
    spot_countries = [alpha3[c] if country_names[c] else None for c in country_of[new].tolist()]
    places = _place_columns(
        cast("list[str]", _take(cells["location"], new).to_pylist()),
        cast("list[str]", _take(keyed, new).to_pylist()),
        spot_countries,
        (lats[new], lons[new], located[new]),
        units,
    )
    found = _Wheres(codes, wheres, [_NO_CHECKS] * len(codes))
    cell_by_cell = np.flatnonzero(~read).tolist()
    for i in cell_by_cell:  # the check decides; the memo's function tells of the place
        codes[i], wheres[i], found.failing[i] = checker.where.compute(keys[i])
    if cell_by_cell:  # told with those, in the order of their first events
        checker.places_met.update(zip(codes[new].tolist(), places.rows(), strict=True))
        return found, None
    checker.told.add(codes[new])
    return found, PlacesMet(array("Q", codes[new].tobytes()), places)


def _spelling_keys(names: pa.StringArray) -> pa.StringArray:
    """Return :func:`~eventcode.checks.places.spelling_key` of each name.

    An ASCII name's key is worked out with numpy over the names' bytes, lower-cased with what
    is not a consonant dropped (as ``spelling_key`` does it for ASCII: :data:`_KEPT`); any
    other name's by ``spelling_key`` itself.
    """
    import pyarrow as pa

    _, offsets, text = names.buffers()
    starts = np.frombuffer(cast(Any, offsets), np.int32)[names.offset :][: len(names) + 1]
    data = np.frombuffer(cast(Any, text), np.uint8) if text else np.zeros(0, np.uint8)
    data = data[starts[0] : starts[-1]]
    lowered = _LOWER[data]
    kept = _KEPT[lowered]
    counts = np.zeros(len(data) + 1, np.int64)
    np.cumsum(kept, out=counts[1:])
    bounds = (starts - starts[0]).astype(np.int64)
    key_offsets = counts[bounds].astype(np.int32)
    buffers = [None, pa.py_buffer(key_offsets), pa.py_buffer(lowered[kept].tobytes())]
    keys = cast("pa.StringArray", pa.Array.from_buffers(pa.string(), len(names), buffers))
    high = np.zeros(len(data) + 1, np.int64)
    np.cumsum(data >= 0x80, out=high[1:])
    other = np.flatnonzero(high[bounds[1:]] != high[bounds[:-1]])
    if not len(other):
        return keys
    each = cast("list[str]", keys.to_pylist())
    for at, name in zip(other.tolist(), _take(names, other).to_pylist(), strict=True):
        each[at] = spelling_key(name)
    return _strings(each)


def _place_columns(
    names: list[str],
    keys: list[str],
    countries: list[str | None],
    spots: tuple[np.ndarray, np.ndarray, np.ndarray],
    units: list[list[Any]],
) -> PlaceColumns:
    """Return places as R009 is told of them (:class:`PlaceColumns`), from their columns.

    ``spots`` holds the latitudes, longitudes and whether both are given; ``units`` the
    admin1, admin2 and admin3 cells. A place without a name has nothing to ask
    (:data:`~eventcode.checks.places.NOTHING_TO_ASK`).
    """
    latitudes, longitudes, located = spots
    named = np.fromiter(map(bool, names), bool, len(names))
    unnamed = np.flatnonzero(~named).tolist()
    shown: list[list[str | None]] = [[cell or None for cell in cells] for cells in units]
    for column in (countries, *shown):
        for at in unnamed:
            column[at] = None
    return PlaceColumns(
        names,
        keys,
        countries,
        _or_none(latitudes, located & named),
        _or_none(longitudes, located & named),
        *shown,
    )


def _or_none(values: np.ndarray, given: np.ndarray) -> list[float | None]:
    """Return numbers as Python floats, ``None`` where not ``given``."""
    numbers: list[float | None] = values.tolist()
    for at in np.flatnonzero(~given).tolist():
        numbers[at] = None
    return numbers


def _texts_codes(cells: list[pa.StringArray]) -> np.ndarray:
    """Return :func:`~eventcode.checks.duplicates.texts_code` of each row of columns' cells."""
    import pyarrow.compute as pc

    nul = _strings(["\x00"])[0]
    joined = cast("pa.StringArray", pc.call_function("binary_join_element_wise", [*cells, nul]))
    codes = _codes(joined)
    _, offsets, text = joined.buffers()
    ends = np.frombuffer(cast(Any, offsets), np.int32)[joined.offset :][[0, len(joined)]]
    held = np.frombuffer(cast(Any, text), np.uint8)[ends[0] : ends[1]] if text else np.zeros(0)
    if np.count_nonzero(held == 0) != len(joined) * (len(cells) - 1):  # a cell holds a NUL
        rows = zip(*(column.to_pylist() for column in cells), strict=True)
        codes = np.fromiter(map(texts_code, rows), np.uint64, len(joined))
    return codes


def _codes(texts: pa.StringArray) -> np.ndarray:
    """Return :func:`~eventcode.hashing.code_of` of each text's UTF-8 bytes."""
    _, offsets, text = texts.buffers()
    starts = np.frombuffer(cast(Any, offsets), np.int32)[texts.offset :][: len(texts) + 1]
    data = np.frombuffer(cast(Any, text), np.uint8) if text else np.zeros(0, np.uint8)
    return codes_of(starts, data)


def _coordinates(
    columns: _Columns, name: str, rows: np.ndarray, limit: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return which of ``rows``' coordinates are read without a finding, and their values.

    A blank cell (or a column the file lacks) is read, as no value (NaN). A cell in the
    grammar of :func:`~eventcode.acled.values.parse_coordinate` (an ASCII pattern RE2 and
    ``re`` match alike), short enough that any correctly rounded parser reads it as Python
    does, and within ``limit``, is read by pyarrow. Any other is not read here.
    """
    size = len(rows)
    values = np.full(size, np.nan)
    if name not in columns.names:
        return np.ones(size, bool), values
    import pyarrow as pa
    import pyarrow.compute as pc

    cells = _take(columns.array(name), rows)
    lengths = _numpy(pc.binary_length(cells)).astype(np.int64)
    grammar = _true(pc.match_substring_regex(cells, f"^(?:{DECIMAL_GRAMMAR})$"))
    plain = np.flatnonzero(grammar & (lengths <= _SHORT_DECIMAL))
    if len(plain):
        values[plain] = _numpy(pc.cast(_take(cells, plain), pa.float64()))
    within = np.abs(values) <= limit  # False for NaN
    return (lengths == 0) | within, values


def _id_keys(columns: _Columns) -> array[int] | None:
    """Return :func:`~eventcode.acled.ids.id_keys` of the chunk's ids, worked out as columns.

    ``None`` unless every id is of the shape keyed as prefix and number
    (:data:`~eventcode.acled.ids.COMPACT_ID`): the prefix's letters, in base 26 from 1,
    above the number's bits.
    """
    if "event_id_cnty" not in columns.names:
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    ids = columns.array("event_id_cnty")
    if not _true(pc.match_substring_regex(ids, f"^(?:{COMPACT_ID})$")).all():
        return None
    offsets = np.frombuffer(cast(Any, ids.buffers()[1]), np.int32)[ids.offset :][: len(ids)]
    text = np.frombuffer(cast(Any, ids.buffers()[2]), np.uint8)
    letters = text[offsets[:, None] + np.arange(3)].astype(np.uint64) - ord("A")
    prefixes = (letters[:, 0] * 26 + letters[:, 1]) * 26 + letters[:, 2] + 1
    numbers = _numpy(pc.cast(pc.utf8_slice_codeunits(ids, 3), pa.int64())).astype(np.uint64)
    keys = array("Q")
    keys.frombytes(((prefixes << np.uint64(NUMBER_BITS)) + numbers).tobytes())
    return keys


def _per_row(distinct: _Distinct, values: list[int]) -> np.ndarray:
    """Return a 64-bit value of each row, from the value of its combination."""
    each: np.ndarray = np.fromiter(values, np.uint64, len(values))[distinct.rows]
    return each


def _suspect(
    suspects: dict[int, set[Check]], distinct: _Distinct, failing: list[frozenset[Check]]
) -> None:
    """Add the rows whose combination fails checks, with those checks."""
    if not any(failing):
        return
    for row in distinct.rows_where([bool(f) for f in failing]).tolist():
        suspects.setdefault(row, set()).update(failing[distinct.rows[row]])


def _cell_suspects(columns: _Columns, data: bytes, checker: BatchChecker) -> np.ndarray:
    """Return rows the checks of cells on their own (A003, A024, A009, A018) may find."""
    import pyarrow.compute as pc

    kept = checker.cell_codes
    flagged = np.zeros(columns.size, bool)
    if "A003" in kept:
        for name in required_columns(columns.names):
            flagged |= columns.lengths(name) == 0
    if "event_id_cnty" in columns.names:
        events = columns.array("event_id_cnty")
        if "A024" in kept:
            flagged |= columns.lengths("event_id_cnty") == 0
        # Not an id: A009's pattern, matched whole (RE2 and re agree on it).
        flagged |= ~_true(pc.match_substring_regex(events, f"^(?:{EVENT_ID.pattern})$"))
    if "A018" in kept and b"\x00" in data:
        for name in columns.names:
            flagged |= _true(pc.match_substring(columns.array(name), "\x00"))
    return np.flatnonzero(flagged)


def _all_counts(columns: _Columns, name: str) -> bool:
    """Tell whether a column's cells are all blank or counts (``all_counts``), in C.

    True of a column the chunk lacks. A cell is a count when it has at most ``COUNT_DIGITS``
    characters and matches the grammar (ASCII: RE2 and ``re`` agree).
    """
    if name not in columns.names:
        return True
    import pyarrow.compute as pc

    if int(columns.lengths(name).max(initial=0)) > COUNT_DIGITS:
        return False
    return bool(_true(pc.match_substring_regex(columns.array(name), _BLANK_OR_COUNT)).all())


def _true(result: Any) -> np.ndarray:
    """Return a boolean Arrow array as numpy (no nulls: no cell is null)."""
    return _numpy(result)


def _findings(
    checker: BatchChecker,
    columns: _Columns,
    lines: np.ndarray,
    suspects: dict[int, set[Check]],
) -> dict[int, list[Any]]:
    """Return the findings of the suspect rows, made as the row-by-row path makes them."""
    if not suspects:
        return {}
    rows = np.array(sorted(suspects), np.int64)
    cells = {name: columns.python(name, rows) for name in columns.names}
    found = batch_findings(
        cells,
        lines[rows].tolist(),
        checker.header,
        screened=group_checks(),
        suspects={i: suspects[row] for i, row in enumerate(rows.tolist())},
        selection=checker.selection,
        file=checker.file,
    )
    picked = rows.tolist()
    return {picked[i]: found_i for i, found_i in found.items()}


def _crowds(checker: BatchChecker, columns: _Columns) -> dict[int, tuple[tuple[int, str], ...]]:
    """Return the crowd-size tags that cannot be read, by row (see BatchChecker)."""
    names = [n for n in ("tags", "notes") if n in columns.names]
    if checker.header.layout is not Layout.LEGACY:
        names = [n for n in names if n == "tags"]
    distinct = _Distinct(columns, names)
    found = checker.unreadable_crowds(distinct.column)
    if not found:
        return {}
    wanted = np.zeros(distinct.size, bool)
    wanted[list(found)] = True
    rows = np.flatnonzero(wanted[distinct.rows])
    return {row: found[int(distinct.rows[row])] for row in rows.tolist()}


def _names(columns: _Columns, failed: frozenset[int]) -> tuple[set[str], set[str]]:
    """Return the actor and source names of the rows not ``failed`` (see ``names_of``)."""
    cells: list[Sequence[str]] = []
    keep = None
    if failed:
        keep = np.ones(columns.size, bool)
        keep[list(failed)] = False
    for name, _ in NAME_COLUMNS:
        if name not in columns.names:
            cells.append(())
            continue
        codes, values = columns.encoded(name)
        if keep is None:  # a dictionary holds the values the column has, no more
            cells.append(values)
            continue
        used = np.zeros(len(values), bool)
        used[codes[keep]] = True
        cells.append(columns.objects(name)[used].tolist())
    return names_of(tuple(cells))

