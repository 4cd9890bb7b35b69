"""Streaming ACLED rows from CSV files (any layout) and JSON API responses.

:func:`iter_rows` yields the header, then one :class:`AcledRow` per data row with the physical
line it starts on (the header is line 1; a quoted cell holding newlines makes a row span several
lines), and findings for what cannot be read. CSV is read row by row: memory stays flat however
long the file. A JSON API response (``{"data": [...]}``, every value a string) is parsed whole,
as responses come in pages.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TextIO, cast

from eventcode.acled.blanks import CellConventions
from eventcode.acled.layouts import (
    DROPPED_COLUMNS,
    Layout,
    acled_shaped,
    columns_of,
    detect_layout,
    known_columns,
    unchecked,
)
from eventcode.acled.rows import AcledHeader, AcledRow
from eventcode.checks.codebook import acled_event_type_problem
from eventcode.findings import Finding, make_finding
from eventcode.io._locate import locate_lines
from eventcode.io._text import decode, parse_json_checked
from eventcode.io.csv_errors import csv_error_finding
from eventcode.io.limits import DEFAULT_LIMITS, DEFAULT_MAX_COLUMNS, Limited, Limits
from eventcode.jsonpath import join_index

__all__ = [
    "RowBounds",
    "header_findings",
    "header_of",
    "is_hxl_row",
    "iter_rows",
    "iter_table_rows",
    "looks_like_acled_csv",
    "looks_like_acled_json",
]

#: What :func:`iter_rows` reads: a path, bytes, a binary stream, or either of the last two
#: with the limits to read it within (default :data:`~eventcode.io.limits.DEFAULT_LIMITS`).
#: What the reader reads: a path, bytes, a binary or a text stream, or a Limited one.
Input = str | Path | bytes | BinaryIO | TextIO | Limited
_BOM = b"\xef\xbb\xbf"
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
_SKIP_CHUNK = 1 << 16


def looks_like_acled_csv(head: bytes) -> bool:
    """Return True when the first line of ``head`` is an ACLED CSV header (or a subset's).

    The line's names must make an ACLED-shaped header (:func:`~.layouts.acled_shaped`).
    """
    first = head.removeprefix(_BOM).split(b"\n", 1)[0].rstrip(b"\r")
    if b"," not in first or not (b"event_id_cnty" in first or b"event_date" in first):
        return False
    try:
        names = next(csv.reader([first.decode("utf-8")]), [])
    except (UnicodeDecodeError, csv.Error):
        return False
    return acled_shaped(names)


def looks_like_acled_json(head: bytes) -> bool:
    """Return True when ``head`` starts an ACLED API response (an object with ``data`` rows)."""
    text = head.removeprefix(_BOM).lstrip()
    return (
        text.startswith(b"{")
        and b'"data"' in text
        and (b'"event_id_cnty"' in text or b'"event_date"' in text)
    )


def header_of(
    columns: list[str] | tuple[str, ...], line: int = 1, max_columns: int = DEFAULT_MAX_COLUMNS
) -> AcledHeader | Finding:
    """Return the header a row of column names makes, or an A001 (L004) finding.

    Linear in the number of columns; more than ``max_columns`` is L004 and nothing else is
    looked at.
    """
    names = tuple(columns)
    if len(names) > max_columns:
        return _too_many_columns(len(names), max_columns, line, "the header")
    twice = sorted(name for name, count in Counter(names).items() if count > 1)
    if twice:
        return make_finding(
            "A001",
            f"the header names {', '.join(map(repr, twice))} more than once",
            line=line,
            field=None,
        )
    layout, missing = detect_layout(names)
    if layout is None:
        return make_finding(
            "A001",
            f"the header is not an ACLED header: {_unrecognised(names)}",
            line=line,
            field=None,
        )
    extra = tuple(c for c in names if c not in known_columns() and c not in DROPPED_COLUMNS)
    return AcledHeader(columns=names, layout=layout, missing=missing, extra=extra, line=line)


def _unrecognised(names: tuple[str, ...]) -> str:
    """Say why a header is no ACLED header, naming the ACLED columns it does have."""
    known = [c for c in names if c in known_columns()]
    if not known:
        return "none of its columns is an ACLED column"
    if "event_id_cnty" in names or {"event_date", "event_type"} <= set(names):
        return (
            f"it has {len(known)} ACLED column(s) ({', '.join(known)}); an ACLED file, or a "
            "subset of its columns, has at least three"
        )
    return (
        "it has neither event_id_cnty nor event_date with event_type, one of which every ACLED "
        f"file (or subset of its columns) has (its ACLED columns: {', '.join(known)})"
    )


def header_findings(header: AcledHeader) -> list[Finding]:
    """Return the finding a header lacking columns of its layout gets (A023), if any.

    One finding for the file, at the header: the columns it lacks, the checks that cannot run
    without them, and what reading the rows gives.
    """
    if not header.missing:
        return []
    names = frozenset(header.columns)
    layout = _LAYOUT_NAMES[header.layout]
    total = len([c for c in columns_of(header.layout) if c not in DROPPED_COLUMNS])
    skipped = unchecked(names, header.layout)
    notes = []
    if skipped:
        notes.append(f"not checked without them: {', '.join(skipped)}")
    if "event_date" not in names:
        notes.append("no event is read without event_date: the rows are checked only")
    elif "event_id_cnty" not in names:
        notes.append("each event gets the id acled:line-N from the line N its row starts on")
    notes.append("records hold only what the columns present give (docs/acled.md)")
    return [
        make_finding(
            "A023",
            f"the file has {total - len(header.missing)} of the {layout} layout's {total} "
            f"columns and lacks {len(header.missing)}: {', '.join(header.missing)}; "
            + "; ".join(notes),
            line=header.line,
        )
    ]


_LAYOUT_NAMES = {Layout.CURRENT: "current", Layout.LEGACY: "pre-2023", Layout.MONADIC: "monadic"}
#: At most this many distinct event types of a file that is no ACLED file are looked at.
_MAX_EVENT_TYPES = 1000


class _EventTypes:
    """The event types a CSV that is no ACLED file gives: each distinct value, once.

    Such a file is refused (A001), but a column named ``event_type`` says its author meant
    ACLED's: each value that is not one of ACLED's gets a C010 finding naming it and the
    nearest event type (or the event type of the sub-event type it is), at its first row.
    """

    def __init__(self, index: int) -> None:
        self._index = index
        self._seen: dict[str, tuple[int, int]] = {}  # value -> first line, rows

    def add(self, record: list[str], line: int) -> None:
        if len(record) <= self._index:
            return
        value = record[self._index]
        if not value:
            return
        first, rows = self._seen.get(value, (line, 0))
        if rows or len(self._seen) < _MAX_EVENT_TYPES:
            self._seen[value] = (first, rows + 1)

    def findings(self) -> Iterator[Finding]:
        for value, (line, rows) in self._seen.items():
            problem = acled_event_type_problem(value)
            if problem is not None:
                where = "" if rows == 1 else f" ({rows} rows, the first here)"
                yield make_finding("C010", problem + where, line=line, field="event_type")


def _too_many_columns(count: int, limit: int, line: int | None, what: str) -> Finding:
    consequence = "the file is not read" if what == "the header" else "it is skipped"
    return make_finding(
        "L004",
        f"{what} has {count} columns, more than the limit max_columns={limit}; {consequence}",
        line=line,
    )


def _open(source: Input) -> tuple[BinaryIO, bool]:
    if isinstance(source, Limited):
        source = source.source
    if isinstance(source, bytes):
        return io.BytesIO(source), True
    if isinstance(source, str | Path):
        return open(source, "rb"), True
    if isinstance(source, io.TextIOBase):  # text already decoded: read as its UTF-8 bytes
        return io.BytesIO(source.read().encode("utf-8", "surrogateescape")), True
    return cast(BinaryIO, source), False


class RowBounds:
    """Where the CSV reader's rows start, in bytes, for reading part of a file.

    Give one to :func:`iter_rows`: offsets count the bytes of the input after the header row
    (the rows as :mod:`csv` itself cuts them, not as quote parity guesses). With ``stop`` set,
    reading ends before the first row starting at or after ``stop``; :attr:`at` is then where
    that row starts (or the end of the input), and :attr:`header_end` where the header row
    ended (after a byte-order mark), or -1 when no header was read.
    """

    def __init__(self, stop: int | None = None) -> None:
        self.stop = stop
        self.header_end = -1
        self.at = 0
        #: What the rows read wrote for blanks and integers: reported by the caller, which
        #: reads the other parts (one finding a file), not after these rows.
        self.conventions: CellConventions | None = None
        #: False once the reader met what it cannot read in step with a cut (the CSV cannot
        #: be parsed, or bytes that are not UTF-8): where its rows start is then its own.
        self.regular = True


def iter_rows(
    source: Input, *, bounds: RowBounds | None = None
) -> Iterator[AcledHeader | AcledRow | Finding]:
    """Yield the header, each row with its starting line, and findings, from CSV or JSON.

    ``source`` is a path, bytes, or a binary stream (left open), or a :class:`Limited` one.
    LF, CRLF and CR line ends and a UTF-8 byte-order mark are accepted. Nothing in the input
    raises: bad bytes, broken quoting and exceeded limits are findings, and reading goes on
    with the next row. Blank tokens (``NA``) and pandas' ``7.0`` in integer columns are read as
    ACLED means them, with one finding a convention after the rows
    (:class:`~eventcode.acled.blanks.CellConventions`). ``bounds`` (CSV only) accounts for the
    bytes read and may end reading early (:class:`RowBounds`).
    """
    limits = source.limits if isinstance(source, Limited) else DEFAULT_LIMITS
    stream, owned = _open(source)
    try:
        head = stream.peek(64) if hasattr(stream, "peek") else b""
        if not head and isinstance(stream, io.BytesIO):
            head = stream.getvalue()[:64]
        if head.removeprefix(_BOM).lstrip()[:1] in (b"{", b"["):
            yield from _json_rows(stream.read(), limits)
        else:
            yield from _csv_rows(stream, limits, bounds)
    finally:
        if owned:
            stream.close()


class _Lines:
    """The physical lines of a CSV text for :mod:`csv`, none longer than the line limit.

    A longer line is read and dropped in chunks; an empty line stands for it (a blank line to
    the CSV reader) and :meth:`drain` gives its L002 finding.
    """

    def __init__(self, text: io.TextIOWrapper, limits: Limits) -> None:
        self._text = text
        self._limit = limits.max_line_bytes
        self._number = 0  # the lines read so far
        self._pending: list[Finding] = []
        #: The bytes of the input the lines read so far hold (after a byte-order mark).
        self.consumed = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._text.readline(self._limit + 1)
        if not line:
            raise StopIteration
        self._number += 1
        self.consumed += _byte_size(line)
        if len(line) <= self._limit or line.endswith(("\n", "\r")):
            return line
        size = len(line)
        while line and not line.endswith(("\n", "\r")):
            line = self._text.readline(_SKIP_CHUNK)
            size += len(line)
            self.consumed += _byte_size(line)
        self._pending.append(
            make_finding(
                "L002",
                f"the line holds {size} characters, more than the limit "
                f"max_line_bytes={self._limit}; it is skipped",
                line=self._number,
            )
        )
        return "\n"

    @property
    def number(self) -> int:
        """How many physical lines have been read (the next one read is ``number + 1``)."""
        return self._number

    def drain(self) -> list[Finding]:
        """Return (and forget) the findings about the lines skipped so far."""
        found, self._pending = self._pending, []
        return found


def _byte_size(text: str) -> int:
    """Return how many bytes of the input decoded to ``text`` (undecodable bytes escaped)."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogateescape"))


def _csv_rows(
    stream: BinaryIO, limits: Limits, bounds: RowBounds | None = None
) -> Iterator[AcledHeader | AcledRow | Finding]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    lines = _Lines(text, limits)
    reader = csv.reader(lines)
    header: AcledHeader | None = None
    conventions: CellConventions | None = None
    width = 0
    first_row = True  # the next row read is the first under the header
    try:
        while True:
            if bounds is not None and header is not None:
                # The csv reader has read exactly the lines of the rows before this one.
                bounds.at = lines.consumed - bounds.header_end
                if bounds.stop is not None and bounds.at >= bounds.stop:
                    break
            # The limit is process-wide: set it before each row, for this reader's limits.
            csv.field_size_limit(limits.max_field_bytes)
            # The csv reader asks for lines one at a time, never ahead: the row it reads next
            # starts on the line after those read so far (a quote that never closes takes the
            # last line's break into its cell, so counting breaks in cells would misplace it).
            line = lines.number + 1
            try:
                record = next(reader)
            except StopIteration:
                if bounds is not None and header is not None:
                    bounds.at = lines.consumed - bounds.header_end
                break
            except csv.Error as exc:
                yield from lines.drain()
                problem = csv_error_finding(exc, line, limits, "A002")
                if bounds is not None and problem.code != "L001":  # not a cell too large
                    bounds.regular = False
                yield problem
                continue
            yield from lines.drain()
            if _NOT_UTF8.search("".join(record)):
                if bounds is not None:
                    bounds.regular = False
                yield make_finding(
                    "S002", "the row holds bytes that are not valid UTF-8; it is skipped", line=line
                )
                continue
            if header is None:
                if not record or record == [""]:
                    continue  # blank lines before the header
                found = header_of(record, line, limits.max_columns)
                if isinstance(found, Finding):
                    yield found
                    if found.code == "A001" and "event_type" in record and bounds is None:
                        yield from _refused_event_types(reader, lines, record, limits)
                    return
                header, width = found, len(found.columns)
                conventions = CellConventions(header.columns, limits.blank_tokens)
                if bounds is not None:
                    bounds.conventions = conventions
                    bounds.header_end = lines.consumed
                yield header
                if bounds is None:
                    yield from header_findings(header)
                continue
            if not record or record == [""]:
                continue  # a blank line
            if first_row and bounds is None and is_hxl_row(record):
                first_row = False
                yield _hxl_finding(line)
                continue
            first_row = False
            if len(record) > limits.max_columns:
                yield _too_many_columns(len(record), limits.max_columns, line, "the row")
                continue
            if len(record) != width:
                yield make_finding(
                    "A002",
                    f"the row has {len(record)} cells; the header has {width} columns",
                    line=line,
                )
                continue
            assert conventions is not None
            record = conventions.clean(record, line)
            yield AcledRow(line, dict(zip(header.columns, record, strict=True)))
    finally:
        text.detach()
    if conventions is not None and bounds is None:
        yield from conventions.findings()
    if header is None:
        yield make_finding("S003", "the file is empty: no ACLED header", line=1)


def iter_table_rows(
    columns: Sequence[str], records: Iterable[Sequence[str]], limits: Limits = DEFAULT_LIMITS
) -> Iterator[AcledHeader | AcledRow | Finding]:
    """Yield what :func:`iter_rows` yields for a CSV file, from a table already cut into cells.

    ``columns`` are the header's names and ``records`` the rows' cells as text, each as wide
    as the header (a data frame's rows: :func:`eventcode.frames.validate_frame`). The header is
    line 1 and each row one line after the one before it (row ``i`` on line ``i + 2``), as in
    a CSV file whose cells hold no line break. What follows the cutting is the CSV reader's:
    the header (A001, A023, C010 for a refused one), the HXL row (A019), cells that are not
    UTF-8 (S002), blank tokens and pandas' ``7.0`` (A021, A022).
    """
    found = header_of(list(columns), 1, limits.max_columns)
    if isinstance(found, Finding):
        yield found
        if found.code == "A001" and list(columns).count("event_type") == 1:
            types = _EventTypes(list(columns).index("event_type"))
            for line, record in enumerate(records, start=2):
                types.add(list(record), line)
            yield from types.findings()
        return
    header = found
    yield header
    yield from header_findings(header)
    conventions = CellConventions(header.columns, limits.blank_tokens)
    for line, cells in enumerate(records, start=2):
        record = list(cells)
        if _NOT_UTF8.search("".join(record)):
            yield make_finding(
                "S002", "the row holds bytes that are not valid UTF-8; it is skipped", line=line
            )
            continue
        if line == 2 and is_hxl_row(record):
            yield _hxl_finding(line)
            continue
        record = conventions.clean(record, line)
        yield AcledRow(line, dict(zip(header.columns, record, strict=True)))
    yield from conventions.findings()


#: One HXL hashtag with its attributes (``#group+name+first``), as HXL 1.1 spells them.
_HXL_TAG = re.compile(r"#[A-Za-z][A-Za-z0-9_]*(?:\s*\+[A-Za-z][A-Za-z0-9_]*)*")


def is_hxl_row(cells: list[str] | tuple[str, ...]) -> bool:
    """Tell whether a row holds HXL hashtags (HDX's row under the header), not an event.

    Every cell is blank or one hashtag, and at least one is a hashtag: no ACLED row is so
    (every row fills event_date, and no event_id_cnty starts with ``#``).
    """
    tagged = False
    for cell in cells:
        if cell:
            if _HXL_TAG.fullmatch(cell.strip()) is None:
                return False
            tagged = True
    return tagged


def _hxl_finding(line: int) -> Finding:
    return make_finding(
        "A019",
        "the row under the header holds HXL hashtags (the Humanitarian Data Exchange's "
        "tags of the columns): read as the columns' tags, not as an event",
        line=line,
    )


def _refused_event_types(
    reader: Iterator[list[str]], lines: _Lines, header: list[str], limits: Limits
) -> Iterator[Finding]:
    """Read the rows of a refused file for its event types only (see :class:`_EventTypes`)."""
    if header.count("event_type") != 1:
        return
    types = _EventTypes(header.index("event_type"))
    while True:
        csv.field_size_limit(limits.max_field_bytes)
        line = lines.number + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:
            continue
        lines.drain()
        types.add(record, line)
    yield from types.findings()


def _json_rows(data: bytes, limits: Limits) -> Iterator[AcledHeader | AcledRow | Finding]:
    text, problem = decode(data)
    if problem is not None:
        yield problem
        return
    assert text is not None
    parsed = parse_json_checked(text, limits)
    if parsed.problem is not None:
        yield parsed.problem
        return
    yield from parsed.findings
    document = parsed.value
    rows: Any = document.get("data") if isinstance(document, dict) else document
    if not isinstance(rows, list):
        yield make_finding("A015", 'not an ACLED API response: no "data" list of rows', line=1)
        return
    if not rows:
        return
    paths = [join_index("$.data", i) for i in range(len(rows))]
    lines = locate_lines(text, paths)
    first = rows[0]
    if not isinstance(first, dict):
        yield make_finding("A015", "an API row is not an object", line=lines.get(paths[0]))
        return
    found = header_of(list(first), lines.get(paths[0], 1), limits.max_columns)
    if isinstance(found, Finding):
        yield found
        return
    yield found
    yield from header_findings(found)
    conventions = CellConventions(found.columns, limits.blank_tokens)
    for path, row in zip(paths, rows, strict=True):
        line = lines.get(path)
        if not isinstance(row, dict) or not all(isinstance(v, str) for v in row.values()):
            yield make_finding(
                "A015", "an API row is not an object whose values are all strings", line=line
            )
            continue
        if list(row) != list(found.columns):
            yield make_finding(
                "A002", "the row's keys differ from the first row's", line=line, path=path
            )
            continue
        cells = conventions.clean(list(row.values()), line or 0)
        yield AcledRow(line or 0, dict(zip(found.columns, cells, strict=True)))
    yield from conventions.findings()
