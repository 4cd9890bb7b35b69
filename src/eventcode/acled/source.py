"""An ACLED file as a stream of records and findings, as eventcode's readers yield them.

Each row is checked on its own text (:mod:`eventcode.acled.row_checks`); a row with an error is
reported and yields an :class:`~eventcode.model.items.Unloaded` event (so nothing else reports
it again), any other row becomes an event with the actors, documents and claimant it first
names. A monadic export's consecutive rows with one ``event_id_cnty`` are one event seen from
each actor and are merged; any other repeated id is a duplicate (A010). A row without an id is
the event ``acled:line-N``; the rows of a file without ``event_date`` are checked, and yield
unloaded events (a record has a date).
"""

from __future__ import annotations

from collections.abc import Iterator

from eventcode.acled.ids import EventIdSet
from eventcode.acled.layouts import Layout
from eventcode.acled.mapping import ACLED_CLAIMANT, RowMapper, event_id_of
from eventcode.acled.options import AcledStyle
from eventcode.acled.reader import Input, iter_rows
from eventcode.acled.row_checks import duplicate_id_finding, row_findings
from eventcode.acled.rows import AcledHeader, AcledRow
from eventcode.acled.values import CodeStyle, DateStyle, date_style_of
from eventcode.checks.registry import EVERYTHING, Selection
from eventcode.findings import Finding, Severity
from eventcode.jsonpath import join_index
from eventcode.model.items import RecordItem, Unloaded

__all__ = ["AcledStream", "style_of_row"]

Item = RecordItem | Finding | Unloaded
_Pending = tuple[AcledRow, list[Finding]]


def style_of_row(row: AcledRow) -> AcledStyle:
    """Return the style a row is written in: its actor-type codes and its date rendering."""
    inter1 = row.cells.get("inter1", "")
    codes = CodeStyle.TEXT if inter1 and not inter1.isdigit() else CodeStyle.NUMERIC
    dates = date_style_of(row.cells.get("event_date", "")) or DateStyle.EXPORT
    return AcledStyle(codes=codes, dates=dates)


class AcledStream:
    """Records and findings from one ACLED file; after :meth:`items`, its header and style.

    ``check_duplicates`` keeps every ``event_id_cnty`` seen (the only state that grows with the
    rows); turn it off to stream a file of any length in flat memory.
    """

    def __init__(
        self,
        source: Input,
        *,
        check_duplicates: bool = True,
        selection: Selection = EVERYTHING,
    ) -> None:
        self._source = source
        self._selection = selection
        self._check_duplicates = check_duplicates
        self.header: AcledHeader | None = None
        self.style: AcledStyle | None = None
        self.rows = 0
        self._seen = EventIdSet()
        self._mapper: RowMapper | None = None
        self._counts = {"events": 0, "actors": 0, "documents": 0}

    def items(self) -> Iterator[Item]:
        """Yield records and findings in file order (each with the line its row starts on)."""
        pending: _Pending | None = None
        for entry in iter_rows(self._source):
            if isinstance(entry, Finding):
                yield entry
            elif isinstance(entry, AcledHeader):
                self.header = entry
            else:
                self.rows += 1
                assert self.header is not None
                if self.style is None:
                    self.style = style_of_row(entry)
                found = row_findings(entry, self.header, self._selection)
                if self.header.layout is not Layout.MONADIC:
                    yield from self._event([(entry, found)])
                elif pending is not None and _same_event(pending[0], entry):
                    yield from self._event([pending, (entry, found)])
                    pending = None
                else:
                    if pending is not None:
                        yield from self._event([pending])
                    pending = (entry, found)
        if pending is not None:
            yield from self._event([pending])

    def _event(self, rows: list[_Pending]) -> Iterator[Item]:
        first = rows[0][0]
        event_id = first.cells.get("event_id_cnty", "")
        findings = [f for _, found in rows for f in found]
        if self._check_duplicates and event_id and self._seen.add(event_id):
            findings.append(duplicate_id_finding(event_id, first.line))
        yield from findings
        path = join_index("$.events", self._counts["events"])
        self._counts["events"] += 1
        assert self.header is not None
        if any(f.severity is Severity.ERROR for f in findings) or (
            "event_date" not in self.header.columns  # an event has a date: checked only
        ):
            name = event_id_of(event_id, first.line)
            yield Unloaded(kind="event", id=name, path=path, line=first.line)
            return
        yield from self._records(rows, path)

    def _records(self, rows: list[_Pending], path: str) -> Iterator[Item]:
        assert self.header is not None
        assert self.style is not None
        if self._mapper is None:
            self._mapper = RowMapper(self.header, self.style)
        first = rows[0][0]
        second = rows[1][0].cells if len(rows) > 1 else None
        event, actors, documents = self._mapper.records(first.cells, second, first.line)
        if not self._mapper.claimant_sent:
            self._mapper.claimant_sent = True
            yield RecordItem(
                kind="claimant", record=ACLED_CLAIMANT, path="$.claimants[0]", line=first.line
            )
        for actor in actors:
            yield RecordItem(kind="actor", record=actor, path=self._path("actors"), line=first.line)
        for doc in documents:
            yield RecordItem(
                kind="document", record=doc, path=self._path("documents"), line=first.line
            )
        yield RecordItem(kind="event", record=event, path=path, line=first.line)

    def _path(self, section: str) -> str:
        path = join_index(f"$.{section}", self._counts[section])
        self._counts[section] += 1
        return path


def _same_event(first: AcledRow, second: AcledRow) -> bool:
    event_id = first.cells.get("event_id_cnty", "")
    return bool(event_id) and second.cells.get("event_id_cnty") == event_id
