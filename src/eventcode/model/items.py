"""Records as readers yield them: the record, its kind, and where it was found."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from attrs import frozen

from eventcode.model.events import Event
from eventcode.model.parties import Actor, Claimant, Document

if TYPE_CHECKING:
    from eventcode.findings import Finding

__all__ = ["KINDS", "SECTION_OF", "Record", "RecordItem", "RecordKind", "Salvage", "Unloaded"]

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
class Salvage:
    """A record built from what did not fail, with the paths and ids of what was removed."""

    record: Record
    path: str
    pruned_paths: tuple[str, ...]
    pruned_ids: tuple[str, ...]

    def keeps(self, finding: Finding) -> bool:
        """Return True for a finding not inside, above or about what was removed.

        Above: a finding on an object that lost a part (a count that lost its ``low``) may be
        about the loss; findings on the record as a whole are kept.
        """
        path = finding.location.path or ""
        for pruned in self.pruned_paths:
            if path == pruned or path.startswith((pruned + ".", pruned + "[")):
                return False
            if path != self.path and pruned.startswith((path + ".", path + "[")):
                return False
        return not set(finding.related) & set(self.pruned_ids)


@frozen(kw_only=True)
class Unloaded:
    """A record that could not be loaded, known only by its kind and id.

    Readers yield it after the record's findings, so that references to the id do not also
    become findings: the broken record is reported once, where it is broken. ``salvage`` is
    what is left to check once the parts that failed are removed (:mod:`eventcode.io._salvage`).
    """

    kind: RecordKind
    id: str
    path: str
    line: int | None = None
    salvage: Salvage | None = None
