"""The functions most users need: read, write, load, loads, dumps, iter_records."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from pathlib import Path

from attrs import frozen

from eventcode.errors import DatasetError, EventsLeftOutWarning
from eventcode.findings import Finding, Severity
from eventcode.io._structure import require_writable
from eventcode.io.atomic import write_atomic
from eventcode.io.formats import Format, format_for_path
from eventcode.io.json_document import dumps_document, iter_document_chunks
from eventcode.io.json_lines import iter_jsonl_lines
from eventcode.io.sources import Source
from eventcode.model import Actor, Claimant, Dataset, Document, Event
from eventcode.model.items import SECTION_OF, Record, RecordItem

__all__ = ["Loaded", "dumps", "iter_records", "load", "loads", "read", "write", "write_as"]


@frozen(kw_only=True)
class Loaded:
    """What a load gave: the records that could be read, and the findings about the rest."""

    dataset: Dataset
    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        """True when some input could not be loaded."""
        return any(f.severity is Severity.ERROR for f in self.findings)


def _load_source(source: Source, lines: dict[str, int] | None = None) -> Loaded:
    """Load a source; ``lines``, when given, gets the line of each event read that has one."""
    sections: dict[str, list[Record]] = {section: [] for section in SECTION_OF.values()}
    findings: list[Finding] = []
    for entry in source.items():
        if isinstance(entry, Finding):
            findings.append(entry)
        elif isinstance(entry, RecordItem):
            sections[SECTION_OF[entry.kind]].append(entry.record)
            if lines is not None and isinstance(entry.record, Event) and entry.line is not None:
                lines[entry.record.id] = entry.line
    dataset = Dataset(
        documents=tuple(r for r in sections["documents"] if isinstance(r, Document)),
        actors=tuple(r for r in sections["actors"] if isinstance(r, Actor)),
        claimants=tuple(r for r in sections["claimants"] if isinstance(r, Claimant)),
        events=tuple(r for r in sections["events"] if isinstance(r, Event)),
    )
    return Loaded(dataset=dataset, findings=tuple(source.place(findings)))


def load(path: str | Path) -> Loaded:
    """Read a file, keeping every good record and reporting the rest.

    A ``.json`` or ``.jsonl`` dataset, or an ACLED ``.csv`` export or API response (each told
    by its content as well as its name), or a ``.parquet`` folder :mod:`eventcode.frames`
    wrote (read with pyarrow: ``eventcode[arrow]``).

    Never raises for bad content; raises ``OSError`` when the file cannot be opened and
    :class:`~eventcode.UnknownFormatError` when its format cannot be told.
    """
    return _load_source(Source.from_path(path))


def read(path: str | Path) -> Dataset:
    """Read a file as :func:`load` does; raise :class:`~eventcode.DatasetError` if any is bad."""
    return _require(load(path))


def loads(text: str, *, format: str = "json") -> Dataset:
    """Parse a dataset from text (``format`` ``"json"`` or ``"jsonl"``).

    Raises :class:`~eventcode.DatasetError` (with every finding and the good records) when the
    text holds bad records.
    """
    source = Source.from_bytes(text.encode("utf-8"), Format(format), name="<string>")
    return _require(_load_source(source))


def _require(loaded: Loaded) -> Dataset:
    if loaded.has_errors:
        raise DatasetError(loaded.findings, loaded.dataset)
    return loaded.dataset


def _writable(dataset: Dataset) -> None:
    """Raise :class:`~eventcode.DatasetError` for records that reading would refuse.

    A record built in Python may hold a value of the wrong type (``basis="alleged"``, a date
    as text); writing it would give a file that ``read`` rejects, so it is refused here, with
    the same findings ``validate`` reports (:func:`~eventcode.io._structure.require_writable`).
    """
    require_writable(dataset)


def dumps(dataset: Dataset, *, format: str = "json") -> str:
    """Serialize a dataset to text; the same dataset always gives the same text.

    Raises :class:`~eventcode.DatasetError` when a record holds a value reading would refuse
    (a wrong type, a value outside its vocabulary), rather than write a file that does not load.
    """
    _writable(dataset)
    if Format(format) is Format.JSONL:
        return "".join(iter_jsonl_lines(dataset))
    return dumps_document(dataset)


def write(dataset: Dataset, path: str | Path, *, allow_partial: bool = False) -> None:
    """Write a dataset to ``path`` in the format its extension names, atomically.

    ``.csv`` writes ACLED CSV with default options. An event with an ACLED class that the CSV
    cannot hold (no coordinates, say) raises :class:`~eventcode.EventsLeftOutError` and nothing
    is written, unless ``allow_partial=True``; CAMEO-only events are not ACLED events. Every
    event left out is counted in an :class:`~eventcode.EventsLeftOutWarning`, with its reason
    (:func:`eventcode.acled.write_acled` takes options and returns each one). ``.parquet``
    writes a Parquet folder (:func:`eventcode.frames.write_parquet`, needing pyarrow).
    """
    fmt = format_for_path(path)
    if fmt is Format.ACLED_CSV:
        from eventcode.acled.writer import write_acled

        report = write_acled(dataset, path, allow_partial=allow_partial)
        if report.left_out:
            reasons = "; ".join(f"{n} {why}" for why, n in report.left_out_by_reason().items())
            warnings.warn(
                EventsLeftOutWarning(
                    f"{len(report.left_out)} event(s) left out of {os.fspath(path)} ({reasons}); "
                    "eventcode.acled.write_acled returns each with its reason"
                ),
                stacklevel=2,
            )
        return
    if fmt is Format.ACLED_JSON:
        raise ValueError("eventcode does not write ACLED API responses; write .csv instead")
    if fmt is Format.PARQUET:
        from eventcode.frames import write_parquet

        write_parquet(dataset, path)
        return
    _writable(dataset)
    write_as(dataset, path, fmt.value)


def write_as(dataset: Dataset, path: str | Path, fmt: str) -> None:
    """Write a dataset to ``path`` as ``fmt`` (``json`` or ``jsonl``) whatever its extension."""
    chosen = Format(fmt)
    if chosen not in (Format.JSON, Format.JSONL):
        raise ValueError(f"write_as writes json or jsonl, not {fmt!r}")
    chunks = (
        iter_jsonl_lines(dataset) if chosen is Format.JSONL else iter_document_chunks(dataset)
    )
    write_atomic(path, chunks)


def iter_records(path: str | Path) -> Iterator[RecordItem | Finding]:
    """Stream the records of a file with their lines, and a finding for each bad one.

    Findings from a JSON document carry paths; use :func:`load` for their lines.
    """
    source = Source.from_path(path)
    for entry in source.items():
        if isinstance(entry, Finding):
            yield source.place([entry])[0]
        elif isinstance(entry, RecordItem):
            yield entry
