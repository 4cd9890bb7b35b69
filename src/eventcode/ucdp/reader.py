"""Streaming the rows of a GED CSV file, each with the physical line it starts on.

:func:`iter_rows` yields the header, then one :class:`GedRow` per data row (the header is line 1;
a quoted cell holding line breaks makes a row span lines), and findings for what cannot be read.
Nothing in the input raises: bytes that are not UTF-8 (S002), an empty file (S003), broken
quoting or a row of another width (U002), a header that is not GED's (U001) and exceeded limits
(L001, L002, L004) are findings, and reading goes on with the next row. Memory stays flat however
long the file. LF, CRLF and CR line ends and a UTF-8 byte-order mark are accepted.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from eventcode.acled.reader import Input, _Lines, _open, _too_many_columns
from eventcode.findings import Finding, make_finding
from eventcode.io.csv_errors import csv_error_finding
from eventcode.io.limits import DEFAULT_LIMITS, Limited
from eventcode.ucdp.columns import GED_COLUMNS, GedHeader, ged_shaped

__all__ = ["GedRow", "header_findings", "header_of", "iter_rows"]

_NOT_UTF8 = re.compile("[\udc80-\udcff]")


class GedRow(NamedTuple):
    """One data row: the physical line it starts on and its cells by column name (all text)."""

    line: int
    cells: dict[str, str]


def header_of(columns: list[str], line: int = 1) -> GedHeader | Finding:
    """Return the header a row of column names makes, or a U001 finding."""
    names = tuple(columns)
    twice = sorted(name for name, count in Counter(names).items() if count > 1)
    if twice:
        return make_finding(
            "U001", f"the header names {', '.join(map(repr, twice))} more than once", line=line
        )
    if not ged_shaped(names):
        known = [c for c in names if c in GED_COLUMNS]
        return make_finding(
            "U001",
            "the header is not a UCDP GED header: it needs date_start and best, and at least "
            f"three GED columns (its GED columns: {', '.join(known) or 'none'})",
            line=line,
        )
    present = set(names)
    missing = tuple(c for c in GED_COLUMNS if c not in present)
    extra = tuple(c for c in names if c not in GED_COLUMNS)
    return GedHeader(columns=names, missing=missing, extra=extra, line=line)


def header_findings(header: GedHeader) -> list[Finding]:
    """Return the one finding (U013) of a header lacking GED columns, if it lacks any."""
    if not header.missing:
        return []
    return [
        make_finding(
            "U013",
            f"the file has {len(GED_COLUMNS) - len(header.missing)} of GED's "
            f"{len(GED_COLUMNS)} columns and lacks {len(header.missing)}: "
            f"{', '.join(header.missing)}; the checks of absent columns do not run, and "
            "records hold only what the columns present give (docs/ucdp.md)",
            line=header.line,
        )
    ]


def iter_rows(source: Input) -> Iterator[GedHeader | GedRow | Finding]:
    """Yield the header, each row with its starting line, and findings (see the module).

    ``source`` is a path, bytes, a binary stream (left open), or a :class:`Limited` one.
    """
    limits = source.limits if isinstance(source, Limited) else DEFAULT_LIMITS
    stream, owned = _open(source)
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    lines = _Lines(text, limits)
    reader = csv.reader(lines)
    header: GedHeader | None = None
    empty = True
    before = csv.field_size_limit()
    try:
        while True:
            csv.field_size_limit(limits.max_field_bytes)  # process-wide: set before each row
            line = lines.number + 1
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield from lines.drain()
                yield csv_error_finding(exc, line, limits, "U002")
                continue
            yield from lines.drain()
            if not record or record == [""]:
                continue  # a blank line
            empty = False
            if _NOT_UTF8.search("".join(record)):
                yield make_finding(
                    "S002", "the row holds bytes that are not valid UTF-8; it is skipped", line=line
                )
                continue
            if len(record) > limits.max_columns:
                what = "the header" if header is None else "the row"
                yield _too_many_columns(len(record), limits.max_columns, line, what)
                if header is None:
                    return
                continue
            if header is None:
                found = header_of(record, line)
                if isinstance(found, Finding):
                    yield found
                    return
                header = found
                yield header
                yield from header_findings(header)
                continue
            if len(record) != len(header.columns):
                yield make_finding(
                    "U002",
                    f"the row has {len(record)} cells; the header has {len(header.columns)} "
                    "columns",
                    line=line,
                )
                continue
            yield GedRow(line, dict(zip(header.columns, record, strict=True)))
    finally:
        csv.field_size_limit(before)  # the limit is process-wide: leave it as it was
        text.detach()
        if owned:
            stream.close()
    if empty:
        yield make_finding("S003", "the file is empty: no UCDP GED header", line=1)
