"""Records as readers yield them: the record, its kind, and where it was found."""

from __future__ import annotations

from typing import Literal

from attrs import frozen

from eventcode.model import Actor, Claimant, Document, Event

__all__ = ["KINDS", "SECTION_OF", "Record", "RecordItem", "RecordKind"]

#: A record of a dataset, any kind.
Record = Document | Actor | Claimant | Event
#: The kinds of record, as JSON Lines names them.
RecordKind = Literal["document", "actor", "claimant", "event"]
#: Each record kind with its class.
KINDS: dict[RecordKind, type[Record]] = {
    "document": Document,
    "actor": Actor,
    "claimant": Claimant,
    "event": Event,
}
#: The dataset document's list that holds each kind.
SECTION_OF: dict[RecordKind, str] = {
    "document": "documents",
    "actor": "actors",
    "claimant": "claimants",
    "event": "events",
}


@frozen(kw_only=True)
class RecordItem:
    """A record read from a source: its kind, the record, its JSON path and 1-based line."""

    kind: RecordKind
    record: Record
    path: str
    line: int | None = None


@frozen(kw_only=True)
class Unloaded:
    """A record that could not be loaded, known only by its kind and id.

    Readers yield it after the record's findings, so that references to the id do not also
    become findings: the broken record is reported once, where it is broken.
    """

    kind: RecordKind
    id: str
    path: str
    line: int | None = None
