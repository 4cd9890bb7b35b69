"""Reading a file (or bytes) as a stream of records and findings, whatever its format."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from eventcode.findings import Finding, make_finding
from eventcode.io._lines import LongLine, bounded_lines
from eventcode.io._locate import ancestors, locate_lines
from eventcode.io._text import decode
from eventcode.io.formats import Format, format_for_path
from eventcode.io.json_document import iter_document
from eventcode.io.json_lines import iter_lines
from eventcode.io.limits import DEFAULT_LIMITS, Limited, Limits
from eventcode.jsonpath import ROOT
from eventcode.model.items import RecordItem, Unloaded

__all__ = ["Source"]

_SNIFF = 4096


class Source:
    """One input: its display name, its format, and the records and findings it yields.

    ``items()`` streams; afterwards ``place()`` completes findings with the file name and, for a
    JSON document, the line where each path starts.
    """

    def __init__(
        self,
        name: str,
        fmt: Format,
        stream: BinaryIO | None = None,
        data: bytes | None = None,
        *,
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        self.name = name
        self.format = fmt
        self.limits = limits
        self._stream = stream
        self._data = data
        self._text: str | None = None
        #: The file read, when the source is one (workers may read it again in parts).
        self.path: Path | None = None

    @classmethod
    def from_path(
        cls, path: str | Path, *, name: str | None = None, limits: Limits = DEFAULT_LIMITS
    ) -> Source:
        """Open ``path`` (raises ``OSError`` when it cannot be opened); read within ``limits``.

        A ``.parquet`` path is a folder :mod:`eventcode.frames` wrote (read with pyarrow).
        """
        if Path(path).suffix.lower() == ".parquet":
            from eventcode.frames._parquet import check_folder

            check_folder(path)
            folder = cls(str(path) if name is None else name, Format.PARQUET, limits=limits)
            folder.path = Path(path)
            return folder
        stream = open(path, "rb")  # noqa: SIM115 - closed when items() ends
        try:
            head = stream.peek(_SNIFF)[:_SNIFF] if hasattr(stream, "peek") else b""
            fmt = format_for_path(path, head)
        except BaseException:
            stream.close()
            raise
        source = cls(str(path) if name is None else name, fmt, stream=stream, limits=limits)
        source.path = Path(path)
        return source

    @classmethod
    def from_bytes(
        cls, data: bytes, fmt: Format, *, name: str = "<input>", limits: Limits = DEFAULT_LIMITS
    ) -> Source:
        """Read records from bytes already in memory, within ``limits``.

        A Parquet folder cannot be bytes: its items are one finding saying so.
        """
        return cls(name, fmt, data=data, limits=limits)

    def _read_all(self) -> bytes:
        if self._data is not None:
            return self._data
        assert self._stream is not None
        try:
            return self._stream.read()
        finally:
            self._stream.close()

    def _lines(self) -> Iterable[bytes | LongLine]:
        stream = io.BytesIO(self._data) if self._data is not None else self._stream
        assert stream is not None
        return bounded_lines(stream, self.limits.max_line_bytes)

    def items(self) -> Iterator[RecordItem | Finding | Unloaded]:
        """Yield records and load findings in input order."""
        if self.format in (Format.ACLED_CSV, Format.ACLED_JSON):
            yield from self._acled_items()
            return
        if self.format is Format.UCDP_GED_CSV:
            yield from self._ged_items()
            return
        if self.format is Format.PARQUET:
            from eventcode.frames._parquet import parquet_items

            if self.path is None:
                yield make_finding(
                    "S006",
                    "a Parquet folder is read from its path (DIR.parquet), not as bytes",
                    path=ROOT,
                    line=1,
                )
                return
            yield from parquet_items(self.path, self.limits)
            return
        if self.format is Format.JSONL:
            try:
                yield from iter_lines(self._lines(), self.limits)
            finally:
                if self._stream is not None:
                    self._stream.close()
            return
        text, problem = decode(self._read_all())
        if problem is not None:
            yield problem
            return
        assert text is not None
        self._text = text
        yield from iter_document(text, self.limits)

    def _acled_items(self) -> Iterator[RecordItem | Finding | Unloaded]:
        """Yield an ACLED file's rows as records, with the row checks' findings and lines."""
        from eventcode.acled.source import AcledStream

        source = self._data if self._data is not None else self._stream
        assert source is not None
        try:
            yield from AcledStream(Limited(source, self.limits)).items()
        finally:
            if self._stream is not None:
                self._stream.close()

    def _ged_items(self) -> Iterator[RecordItem | Finding | Unloaded]:
        """Yield a UCDP GED file's rows as records, with the row checks' findings and lines."""
        from eventcode.ucdp.stream import GedStream

        source = self._data if self._data is not None else self._stream
        assert source is not None
        try:
            yield from GedStream(Limited(source, self.limits)).items()
        finally:
            if self._stream is not None:
                self._stream.close()

    def raw(self) -> Limited:
        """Return the input as given (bytes, or the opened binary stream :meth:`close` ends).

        It comes with this source's limits, as the ACLED readers accept it.
        """
        source = self._data if self._data is not None else self._stream
        assert source is not None
        return Limited(source, self.limits)

    def close(self) -> None:
        """Close the opened stream, if any."""
        if self._stream is not None:
            self._stream.close()

    def place(self, findings: Sequence[Finding]) -> list[Finding]:
        """Return ``findings`` with this source's name and, where missing, their lines."""
        lines: dict[str, int] = {}
        if self._text is not None:
            wanted = {
                p
                for f in findings
                if f.location.line is None and f.location.path is not None
                for p in ancestors(f.location.path)
            }
            if wanted:
                lines = locate_lines(self._text, wanted)
        placed = []
        for finding in findings:
            loc = finding.location
            line = loc.line
            if loc.file == self.name and line is not None:
                placed.append(finding)  # placed where it was found (in a worker process)
                continue
            if line is None and loc.path is not None and lines:
                line = next((lines[p] for p in ancestors(loc.path) if p in lines), None)
            placed.append(finding.at(file=self.name, line=line))
        return placed
