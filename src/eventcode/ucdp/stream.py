"""A GED file as a stream of records and findings, as eventcode's readers yield them.

Each row is checked on its own text (:mod:`eventcode.ucdp.row_checks`); a row with an error is
reported and yields an :class:`~eventcode.model.items.Unloaded` event (so nothing else reports
it again); any other row becomes an event with the actors and sources it first names, after the
``ucdp`` claimant (once). A repeated ``id`` is U012 and its row is not read.
"""

from __future__ import annotations

from collections.abc import Iterator

from eventcode.acled.reader import Input
from eventcode.findings import Finding, Severity
from eventcode.jsonpath import join_index
from eventcode.model.items import RecordItem, Unloaded
from eventcode.rules import Policy
from eventcode.rules import policy as get_policy
from eventcode.ucdp.columns import GedHeader
from eventcode.ucdp.reader import GedRow, iter_rows
from eventcode.ucdp.records import UCDP_CLAIMANT, GedMapper
from eventcode.ucdp.row_checks import duplicate_id_finding, event_id_of, row_findings

__all__ = ["GedStream"]

Item = RecordItem | Finding | Unloaded


class GedStream:
    """Records and findings from one GED file; after :meth:`items`, its header.

    Each event keeps (``event.ucdp``) the cells the records do not give back: what writing it
    as GED needs to reproduce its row. Memory holds only the ids seen (for U012) and the
    parties, never the rows. ``policy`` (default ``ucdp``) is the one the kept cells are judged
    under.
    """

    def __init__(self, source: Input, *, policy: Policy | str | None = "ucdp") -> None:
        self._source = source
        self._policy = get_policy(policy)
        self.header: GedHeader | None = None
        self.rows = 0
        self._ids: set[str] = set()
        self._mapper: GedMapper | None = None
        self._sent_claimant = False
        self._counts = {"events": 0, "actors": 0, "documents": 0}

    def items(self) -> Iterator[Item]:
        """Yield records and findings in file order (each with the line its row starts on)."""
        for entry in iter_rows(self._source):
            if isinstance(entry, GedHeader):
                self.header = entry
                self._mapper = GedMapper(entry, self._policy)
            elif isinstance(entry, GedRow):
                self.rows += 1
                yield from self._row(entry)
            else:
                yield entry

    def _row(self, row: GedRow) -> Iterator[Item]:
        assert self.header is not None
        assert self._mapper is not None
        found = row_findings(row, self.header)
        ged_id = row.cells.get("id", "")
        if ged_id and not any(f.location.field == "id" for f in found):
            if ged_id in self._ids:
                found.append(duplicate_id_finding(row))
            self._ids.add(ged_id)
        yield from found
        path = join_index("$.events", self._counts["events"])
        self._counts["events"] += 1
        if any(f.severity is Severity.ERROR for f in found):
            yield Unloaded(kind="event", id=event_id_of(row), path=path, line=row.line)
            return
        event, actors, documents = self._mapper.records(row)
        if not self._sent_claimant:
            self._sent_claimant = True
            yield RecordItem(
                kind="claimant", record=UCDP_CLAIMANT, path="$.claimants[0]", line=row.line
            )
        for actor in actors:
            yield RecordItem(kind="actor", record=actor, path=self._path("actors"), line=row.line)
        for doc in documents:
            yield RecordItem(
                kind="document", record=doc, path=self._path("documents"), line=row.line
            )
        yield RecordItem(kind="event", record=event, path=path, line=row.line)

    def _path(self, section: str) -> str:
        path = join_index(f"$.{section}", self._counts[section])
        self._counts[section] += 1
        return path
