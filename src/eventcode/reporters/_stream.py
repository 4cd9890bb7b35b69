"""What the streaming writers share: their signature, the cap, a spool, ``render`` over ``write``.

A writer consumes the findings once, counting each into a :class:`Tally` and writing at most
``max_findings`` of them as they come; what needs the counts (a summary, XML attributes) is
written at the end, from the tally. A format that must write counts before the findings keeps
the findings it writes in a :class:`Spool`: a temporary file, in memory only while it is small.
"""

from __future__ import annotations

import codecs
import io
import tempfile
from collections.abc import Iterable, Iterator
from typing import Protocol, TextIO

from eventcode.findings import Finding, Report, Tally

__all__ = ["SPOOL_MEMORY", "Spool", "Writer", "check_limit", "rendered"]

#: The most bytes a spool keeps in memory before it moves to a temporary file on disk.
SPOOL_MEMORY = 1 << 20

_CHUNK = 1 << 16


class Writer(Protocol):
    """A format's streaming writer: ``write(findings, out, tally, *, max_findings=None)``."""

    def __call__(
        self,
        findings: Iterable[Finding],
        out: TextIO,
        tally: Tally,
        *,
        max_findings: int | None = None,
    ) -> None: ...


def check_limit(max_findings: int | None) -> None:
    """Raise ``ValueError`` unless ``max_findings`` is ``None`` or a whole number >= 0."""
    if max_findings is not None and (isinstance(max_findings, bool) or max_findings < 0):
        raise ValueError(f"max_findings must be None or at least 0, not {max_findings!r}")


def rendered(write: Writer, report: Report) -> str:
    """Return what ``write`` writes for the findings, files and records of ``report``."""
    out = io.StringIO()
    write(report.findings, out, Tally.from_report(report))
    return out.getvalue()


class Spool:
    """Text written, then read back, in memory up to :data:`SPOOL_MEMORY` bytes.

    Kept as UTF-8 (lone surrogates too, which some file names hold); :attr:`size` is the
    number of bytes written, the offset :meth:`copy` takes.
    """

    def __init__(self) -> None:
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY)  # noqa: SIM115 - see close()
        self._file: tempfile.SpooledTemporaryFile[bytes] = spool
        self.size = 0

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Delete the spool."""
        self._file.close()

    def write(self, text: str) -> int:
        """Append ``text``; return the offset of its end."""
        data = text.encode("utf-8", "surrogatepass")
        self._file.write(data)
        self.size += len(data)
        return self.size

    def chunks(self, start: int = 0, end: int | None = None) -> Iterator[str]:
        """Yield the text between offsets ``start`` and ``end`` (default: the end), in parts."""
        decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
        left = (self.size if end is None else end) - start
        self._file.seek(start)
        while left > 0:
            data = self._file.read(min(left, _CHUNK))
            if not data:
                break
            left -= len(data)
            yield decoder.decode(data, final=left <= 0)

    def copy(self, out: TextIO, start: int = 0, end: int | None = None) -> None:
        """Write the text between offsets ``start`` and ``end`` (default: the end) to ``out``."""
        for chunk in self.chunks(start, end):
            out.write(chunk)
