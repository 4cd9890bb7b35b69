"""Identities and references across records: duplicate ids and ids that resolve to nothing.

Works on a stream: it keeps the ids seen so far and the references not yet resolved, so records
may come in any order and memory holds ids, not records.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from attrs import frozen

from eventcode.findings import Finding, make_finding
from eventcode.io.records import RecordItem
from eventcode.jsonpath import join_index, join_key
from eventcode.model import Claimant, Event

__all__ = ["ReferenceIndex"]

Namespace = Literal["document", "actor", "claimant", "event", "figure"]


@frozen
class _Where:
    path: str
    line: int | None
    event: str | None
    field: str


class ReferenceIndex:
    """Collects ids and references record by record; reports duplicates and dangling ids."""

    def __init__(self) -> None:
        self._seen: dict[Namespace, dict[str, int | None]] = {
            "document": {},
            "actor": {},
            "claimant": {},
            "event": {},
            "figure": {},
        }
        self._pending: dict[tuple[Namespace, str], list[_Where]] = {}

    def add(self, item: RecordItem) -> Iterator[Finding]:
        """Register one record; yield a finding for each id it duplicates."""
        record = item.record
        yield from self._define(item.kind, record.id, item.path, item.line)
        if isinstance(record, Claimant) and record.speaks_for is not None:
            self._refer("actor", record.speaks_for, item, None, "speaks_for", "speaks_for")
        if isinstance(record, Event):
            yield from self._add_event(record, item)

    def _add_event(self, event: Event, item: RecordItem) -> Iterator[Finding]:
        path = item.path
        for name in ("actor1", "actor2"):
            participant = getattr(event, name)
            if participant is not None:
                self._refer("actor", participant.actor, item, event.id, f"{name}.actor", name)
        for name in ("assoc_actor1", "assoc_actor2"):
            for index, participant in enumerate(getattr(event, name)):
                rel = f"{name}[{index}].actor"
                self._refer("actor", participant.actor, item, event.id, rel, name)
        for index, document in enumerate(event.documents):
            self._refer("document", document, item, event.id, f"documents[{index}]", "documents")
        for index, figure in enumerate(event.figures):
            fig_path = join_index(join_key(path, "figures"), index)
            yield from self._define("figure", figure.id, fig_path, item.line)
            rel = f"figures[{index}]"
            self._refer("claimant", figure.claimant, item, event.id, f"{rel}.claimant", "claimant")
            if figure.subject.actor is not None:
                self._refer(
                    "actor", figure.subject.actor, item, event.id, f"{rel}.subject.actor", "subject"
                )
            if figure.evidence is not None:
                self._refer(
                    "document",
                    figure.evidence.document,
                    item,
                    event.id,
                    f"{rel}.evidence.document",
                    "evidence",
                )
            if figure.revised_by is not None:
                self._refer(
                    "figure", figure.revised_by, item, event.id, f"{rel}.revised_by", "revised_by"
                )

    def define(self, namespace: Namespace, identifier: str, path: str, line: int | None) -> None:
        """Register an id without its record (one that failed to load: already reported)."""
        for _ in self._define(namespace, identifier, path, line):
            pass  # a duplicate of a broken record adds nothing to what was reported

    def _define(
        self, namespace: Namespace, identifier: str, path: str, line: int | None
    ) -> Iterator[Finding]:
        seen = self._seen[namespace]
        if identifier in seen:
            first = seen[identifier]
            where = f" (first on line {first})" if first is not None else ""
            yield make_finding(
                "S301",
                f"{namespace} id {identifier!r} is already used{where}",
                path=join_key(path, "id"),
                line=line,
                related=(identifier,),
            )
            return
        seen[identifier] = line
        self._pending.pop((namespace, identifier), None)

    def _refer(
        self,
        namespace: Namespace,
        identifier: str,
        item: RecordItem,
        event: str | None,
        relative: str,
        field: str,
    ) -> None:
        if identifier in self._seen[namespace]:
            return
        path = item.path + ("." if not relative.startswith("[") else "") + relative
        where = _Where(path=path, line=item.line, event=event, field=field)
        self._pending.setdefault((namespace, identifier), []).append(where)

    def finish(self) -> Iterator[Finding]:
        """Yield a finding for every reference that never resolved."""
        for (namespace, identifier), places in self._pending.items():
            for where in places:
                yield make_finding(
                    "S302",
                    f"{where.field} refers to {namespace} {identifier!r}, which is not defined",
                    path=where.path,
                    line=where.line,
                    event=where.event,
                    field=where.field,
                    related=(identifier,),
                )
        self._pending.clear()
