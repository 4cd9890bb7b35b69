"""Reading a whole GED file into a dataset, with its findings."""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

from eventcode.acled.reader import Input
from eventcode.findings import Finding, Severity
from eventcode.model import Actor, Claimant, Dataset, Document, Event
from eventcode.model.items import RecordItem
from eventcode.rules import Policy
from eventcode.ucdp.columns import GedHeader
from eventcode.ucdp.stream import GedStream

__all__ = ["GedRead", "read_ged"]


@frozen(kw_only=True)
class GedRead:
    """A GED file read: the records of its good rows, the findings, its header.

    Each event keeps (``event.ucdp``) the cells the records do not give back as read (UCDP's
    ids, the split of best, its own source text, ...), so that
    :func:`~eventcode.ucdp.write_ged` writes the rows back as they were.
    """

    dataset: Dataset
    findings: tuple[Finding, ...]
    header: GedHeader | None
    rows: int

    @property
    def has_errors(self) -> bool:
        """True when some row could not be read."""
        return any(f.severity is Severity.ERROR for f in self.findings)


def read_ged(
    source: Input, *, name: str | None = None, policy: Policy | str | None = "ucdp"
) -> GedRead:
    """Read a GED CSV file (a path, bytes or a binary stream) into a dataset.

    Findings carry ``name`` (the path by default) as their file. ``policy`` is the one the
    rows will be written back under (it decides which cells need keeping).
    """
    stream = GedStream(source, policy=policy)
    sections: dict[type, list[object]] = {Document: [], Actor: [], Claimant: [], Event: []}
    findings: list[Finding] = []
    shown = name if name is not None else (str(source) if isinstance(source, str | Path) else None)
    for entry in stream.items():
        if isinstance(entry, Finding):
            findings.append(entry.at(file=shown))
        elif isinstance(entry, RecordItem):
            sections[type(entry.record)].append(entry.record)
    dataset = Dataset(
        documents=tuple(r for r in sections[Document] if isinstance(r, Document)),
        actors=tuple(r for r in sections[Actor] if isinstance(r, Actor)),
        claimants=tuple(r for r in sections[Claimant] if isinstance(r, Claimant)),
        events=tuple(r for r in sections[Event] if isinstance(r, Event)),
    )
    return GedRead(
        dataset=dataset,
        findings=tuple(findings),
        header=stream.header,
        rows=stream.rows,
    )
