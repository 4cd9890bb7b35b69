"""Reading a whole ACLED file into a dataset, with its findings, layout and style."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from attrs import frozen

from eventcode.acled.layouts import Layout
from eventcode.acled.options import AcledStyle
from eventcode.acled.reader import Input
from eventcode.acled.source import AcledStream
from eventcode.findings import Finding, Severity
from eventcode.io.formats import Format, format_for_path
from eventcode.model import Actor, Claimant, Dataset, Document, Event
from eventcode.model.items import RecordItem

__all__ = ["AcledRead", "read_acled", "read_style"]


@frozen(kw_only=True)
class AcledRead:
    """An ACLED file read: the records of its good rows, the findings, its layout and style."""

    dataset: Dataset
    findings: tuple[Finding, ...]
    layout: Layout | None
    style: AcledStyle | None
    rows: int

    @property
    def has_errors(self) -> bool:
        """True when some row could not be read."""
        return any(f.severity is Severity.ERROR for f in self.findings)


def read_acled(source: Input, *, name: str | None = None) -> AcledRead:
    """Read an ACLED CSV file or API response (a path, bytes, a binary or text stream) as a dataset.

    Findings carry ``name`` (the path by default) as their file.
    """
    stream = AcledStream(source)
    documents: list[Document] = []
    actors: list[Actor] = []
    claimants: list[Claimant] = []
    events: list[Event] = []
    findings: list[Finding] = []
    shown = name if name is not None else (str(source) if isinstance(source, str | Path) else None)
    for entry in stream.items():
        if isinstance(entry, Finding):
            findings.append(entry.at(file=shown))
        elif isinstance(entry, RecordItem):
            record = entry.record
            if isinstance(record, Event):
                events.append(record)
            elif isinstance(record, Actor):
                actors.append(record)
            elif isinstance(record, Document):
                documents.append(record)
            elif isinstance(record, Claimant):
                claimants.append(record)
    dataset = Dataset(
        documents=tuple(documents),
        actors=tuple(actors),
        claimants=tuple(claimants),
        events=tuple(events),
    )
    layout = stream.header.layout if stream.header is not None else None
    return AcledRead(
        dataset=dataset,
        findings=tuple(findings),
        layout=layout,
        style=stream.style,
        rows=stream.rows,
    )


def read_style(source: str | Path | bytes, fmt: Format | None = None) -> AcledStyle | None:
    """Return the style of an ACLED file (its first row's), or ``None`` for any other input.

    ``source`` is a path or the bytes of a file; ``fmt`` its format when the caller knows it
    (else told by the extension, or by the first bytes).
    """
    if isinstance(source, bytes):
        found = fmt or format_for_path("-", source[:_SNIFF])
        return _first_style(source) if found in _ACLED_FORMATS else None
    if os.path.isdir(source):  # a Parquet folder
        return None
    with open(source, "rb") as handle:
        found = fmt or format_for_path(source, handle.peek(_SNIFF)[:_SNIFF])
        return _first_style(handle) if found in _ACLED_FORMATS else None


_SNIFF = 4096
_ACLED_FORMATS = (Format.ACLED_CSV, Format.ACLED_JSON)


def _first_style(data: bytes | BinaryIO) -> AcledStyle | None:
    stream = AcledStream(data, check_duplicates=False)
    for _ in stream.items():
        if stream.style is not None:
            break
    return stream.style
