"""Converting any file eventcode reads to a dataset document, JSON Lines or ACLED CSV.

Nothing is lost silently: every input record is in the output or named in the
:class:`Conversion` (a finding for a record that could not be read, a :class:`LeftOutEvent`
for an event ACLED would not record). A file is written atomically (a temporary file renamed
into place), so a failure leaves any earlier output as it was; the input is never overwritten.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from attrs import frozen

from eventcode._api import Loaded, _load_source
from eventcode.acled.forward import bring_forward
from eventcode.acled.options import AcledOptions, AcledStyle
from eventcode.acled.reading import read_style
from eventcode.acled.writer import AcledReport, LeftOutEvent, write_acled
from eventcode.checks.registry import declare
from eventcode.errors import EventcodeError
from eventcode.findings import Finding, Severity, make_finding
from eventcode.io.atomic import write_atomic
from eventcode.io.formats import CONVERT_FORMATS, Format, format_for_path
from eventcode.io.json_document import iter_document_chunks
from eventcode.io.json_lines import iter_jsonl_lines
from eventcode.io.limits import DEFAULT_LIMITS, Limits
from eventcode.io.sources import Source
from eventcode.model import Dataset
from eventcode.ucdp.reading import read_ged
from eventcode.ucdp.writer import DEFAULT_POLICY as GED_POLICY
from eventcode.ucdp.writer import GedReport, write_ged

__all__ = [
    "CONVERT_FORMATS",
    "LEFT_OUT_CODE",
    "WRITING_ACLED",
    "Conversion",
    "SameFileError",
    "convert",
    "output_format",
]

#: The finding of an event with an ACLED class left out of ACLED CSV.
LEFT_OUT_CODE = "A020"
#: What writing ACLED CSV reports (see :mod:`eventcode.checks.registry`).
WRITING_ACLED = declare(
    "acled-writing", (LEFT_OUT_CODE,), "events with an ACLED class that ACLED CSV leaves out"
)
#: The formats :func:`convert` writes.

_BY_SUFFIX = {".csv": "acled-csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


class SameFileError(EventcodeError, ValueError):
    """The output named is the input: converting would overwrite it."""


@frozen(kw_only=True)
class Conversion:
    """What a conversion did: the format and records written, and what it left out, and why.

    ``written`` counts ACLED rows, or the records of a dataset document or JSON Lines file;
    ``left_out`` names the events ACLED CSV cannot hold; ``findings`` name the input records
    that could not be read (not written), anything else reading the input found, and (A020)
    each event with an ACLED class left out of ACLED CSV; ``read`` counts the records read
    from the input (what ``eventcode validate`` would count); ``acled`` is the ACLED writer's
    report (style, columns, ids assigned) when ACLED CSV was written; ``ucdp`` the GED
    writer's (the policy, the event of each row) when UCDP GED CSV was written.
    """

    format: str
    written: int
    read: int = 0
    acled: AcledReport | None = None
    ucdp: GedReport | None = None
    left_out: tuple[LeftOutEvent, ...] = ()
    findings: tuple[Finding, ...] = ()

    def fails(self, fail_on: Severity | str, *, allow_partial: bool = False) -> bool:
        """Tell whether a finding is at or above ``fail_on`` (a severity, or ``"never"``).

        ``allow_partial`` leaves out A020, an event with an ACLED class left out of ACLED CSV
        (``convert --allow-partial``).
        """
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(
            f.severity.rank >= threshold and not (allow_partial and f.code == LEFT_OUT_CODE)
            for f in self.findings
        )


def _left_out_finding(left: LeftOutEvent, file: str, line: int | None = None) -> Finding:
    return make_finding(
        LEFT_OUT_CODE,
        f"event {left.event!r} has an ACLED class but is left out of the ACLED CSV: "
        f"{left.reason}",
        file=file,
        line=line,
        event=left.event,
    )


def output_format(target: str | Path, to: str | None = None) -> str:
    """Return the format to write: ``to``, else by ``target``'s extension (else ``json``)."""
    if to is not None:
        if to not in CONVERT_FORMATS:
            raise ValueError(f"cannot write {to!r}; formats: {', '.join(CONVERT_FORMATS)}")
        return to
    return _BY_SUFFIX.get(Path(target).suffix.lower(), "json")


def _records(dataset: Dataset) -> int:
    return (
        len(dataset.documents) + len(dataset.actors) + len(dataset.claimants) + len(dataset.events)
    )


def _write_text(out: TextIO, chunks: Iterable[str]) -> None:
    for chunk in chunks:
        out.write(chunk)
    out.flush()


def convert(
    source: str | Path | bytes,
    target: str | Path | TextIO,
    *,
    to: str | None = None,
    options: AcledOptions | None = None,
    name: str = "-",
    limits: Limits = DEFAULT_LIMITS,
    policy: str | None = None,
) -> Conversion:
    """Convert ``source`` (a path, or the bytes of a file) to ``target`` (a path or a stream).

    ``to`` is ``json``, ``jsonl`` or ``acled-csv`` (default: by ``target``'s extension, for a
    stream ``json``); ``options`` apply to ACLED CSV, where an ACLED input keeps its style
    unless they set one, and their ``modernise`` and ``legacy_columns`` to every format.
    ``name`` is how findings name bytes given as ``source``. ``parquet`` writes a folder
    (:func:`eventcode.frames.write_parquet`, needing pyarrow) whose derived numbers follow
    ``policy``, else ``options.policy``; it is written to a path only. ``ucdp-ged-csv``
    writes UCDP GED CSV, best, low and high by ``policy`` (default ``ucdp``), a GED input's
    rows as they were read.

    Raises ``OSError`` when the input cannot be read or the output written (leaving an earlier
    output in place), :class:`SameFileError` when ``target`` is ``source``, and
    :class:`~eventcode.UnknownFormatError` when the input's format cannot be told.
    """
    target_name = "-" if not isinstance(target, (str, Path)) else target
    fmt = output_format(target_name, to)
    if fmt == "parquet" and not isinstance(target, (str, Path)):
        raise ValueError("a Parquet folder is written to a path (-o DIR.parquet), not a stream")
    if (
        isinstance(source, (str, Path))
        and isinstance(target, (str, Path))
        and os.path.exists(target)
        and os.path.exists(source)
        and os.path.samefile(source, target)
    ):
        raise SameFileError(f"refusing to overwrite the input {os.fspath(source)}")
    if fmt == "ucdp-ged-csv":
        return _convert_ged(source, target, name=name, limits=limits, policy=policy)
    loaded: Loaded
    style: AcledStyle | None = None
    lines: dict[str, int] = {}  # the line of each event read (an ACLED row's), for A020
    if isinstance(source, bytes):
        in_format = format_for_path(name, source[:4096])
        loaded = _load_source(
            Source.from_bytes(source, in_format, name=name, limits=limits), lines
        )
        if fmt == "acled-csv":
            style = read_style(source, in_format)
    else:
        loaded = _load_source(Source.from_path(source, limits=limits), lines)
        if fmt == "acled-csv":
            style = read_style(source)
    dataset = loaded.dataset
    if fmt != "acled-csv":  # the ACLED writer brings the events forward itself
        chosen = options or AcledOptions()
        dataset = bring_forward(
            dataset, modernise=chosen.modernise, legacy_columns=chosen.legacy_columns
        )
    if fmt == "acled-csv":
        report = write_acled(dataset, target, options, style=style, allow_partial=True)
        where = name if isinstance(source, bytes) else os.fspath(source)
        lost = tuple(
            _left_out_finding(x, where, lines.get(x.event))
            for x in report.left_out
            if x.classified
        )
        return Conversion(
            format=fmt,
            written=report.rows,
            read=_records(loaded.dataset),
            acled=report,
            left_out=report.left_out,
            findings=loaded.findings + lost,
        )
    if fmt == "parquet":  # a folder of Parquet files: eventcode.frames (pyarrow)
        from eventcode.frames import write_parquet

        assert isinstance(target, (str, Path))
        named = policy if policy is not None else (options or AcledOptions()).policy
        write_parquet(dataset, target, named)
        return Conversion(
            format=fmt,
            written=_records(dataset),
            read=_records(loaded.dataset),
            findings=loaded.findings,
        )
    chunks: Iterable[str] = (
        iter_jsonl_lines(dataset) if fmt == "jsonl" else iter_document_chunks(dataset)
    )
    if isinstance(target, (str, Path)):
        write_atomic(target, chunks)
    else:
        _write_text(target, chunks)
    return Conversion(
        format=fmt,
        written=_records(dataset),
        read=_records(loaded.dataset),
        findings=loaded.findings,
    )


def _convert_ged(
    source: str | Path | bytes,
    target: str | Path | TextIO,
    *,
    name: str,
    limits: Limits,
    policy: str | None,
) -> Conversion:
    """Convert to UCDP GED CSV; a GED input keeps the cells the records do not give back."""
    chosen = GED_POLICY if policy is None else policy
    if isinstance(source, bytes):
        fmt = format_for_path(name, source[:4096])
        opened = Source.from_bytes(source, fmt, name=name, limits=limits)
    else:
        opened = Source.from_path(source, limits=limits)
    if opened.format is Format.UCDP_GED_CSV:
        try:
            read = read_ged(opened.raw(), name=opened.name, policy=chosen)
        finally:
            opened.close()
        dataset, findings = read.dataset, read.findings
    else:
        loaded = _load_source(opened)
        dataset, findings = loaded.dataset, loaded.findings
    report = write_ged(dataset, target, policy=chosen)
    return Conversion(
        format="ucdp-ged-csv",
        written=report.rows,
        read=_records(dataset),
        ucdp=report,
        left_out=report.left_out,
        findings=findings,
    )
