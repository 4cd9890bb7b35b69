"""Identities and references across records: duplicate ids and ids that resolve to nothing.

Works on a stream: it keeps the ids seen so far and the references not yet resolved, so records
may come in any order and memory holds ids, not records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal, NamedTuple

from attrs import frozen

from eventcode.checks.registry import declare
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_index, join_key
from eventcode.model import Claimant, Event
from eventcode.model.items import RecordItem

__all__ = ["REFERENCES", "Links", "ReferenceIndex", "record_links"]

#: The codes this check may emit (see :mod:`eventcode.checks.registry`).
REFERENCES = declare(
    "references",
    ("S301", "S302"),
    "ids defined once, references resolved (across records)",
)

Namespace = Literal["document", "actor", "claimant", "event", "figure"]


@frozen
class _Where:
    path: str
    line: int | None
    event: str | None
    field: str


#: Registering an id: ("define", namespace, id, path).
Define = tuple[Literal["define"], Namespace, str, str]
#: Referring to an id: ("refer", namespace, id, relative path, event, field); the path is
#: relative to the record's.
Refer = tuple[Literal["refer"], Namespace, str, str, str | None, str]


class Links(NamedTuple):
    """What a record (at ``path``) defines and refers to, in the order the record names them."""

    line: int | None
    path: str
    steps: tuple[Define | Refer, ...]


def _nothing_known(namespace: Namespace, identifier: str) -> bool:
    """Resolve no reference (what :func:`record_links` assumes when told of none)."""
    return False


def record_links(
    item: RecordItem, resolved: Callable[[Namespace, str], bool] | None = None
) -> Links:
    """Return the ids a record defines and the ids it refers to (one definition of both).

    References for which ``resolved`` is true are left out (they would change nothing); their
    paths are not written out.
    """
    record = item.record
    steps: list[Define | Refer] = [("define", item.kind, record.id, item.path)]
    event = record.id if isinstance(record, Event) else None
    known = _nothing_known if resolved is None else resolved

    def refer(namespace: Namespace, identifier: str, relative: str, field: str) -> None:
        steps.append(("refer", namespace, identifier, relative, event, field))

    speaks_for = record.speaks_for if isinstance(record, Claimant) else None
    if speaks_for is not None and not known("actor", speaks_for):
        refer("actor", speaks_for, "speaks_for", "speaks_for")
    if isinstance(record, Event):
        for name in ("actor1", "actor2"):
            participant = getattr(record, name)
            if participant is not None and not known("actor", participant.actor):
                refer("actor", participant.actor, f"{name}.actor", name)
        for name in ("assoc_actor1", "assoc_actor2"):
            for index, participant in enumerate(getattr(record, name)):
                if not known("actor", participant.actor):
                    refer("actor", participant.actor, f"{name}[{index}].actor", name)
        for index, document in enumerate(record.documents):
            if not known("document", document):
                refer("document", document, f"documents[{index}]", "documents")
        if record.about is not None and not known("event", record.about):
            refer("event", record.about, "about", "about")
        for index, attribution in enumerate(record.attributions):
            rel = f"attributions[{index}]"
            if not known("actor", attribution.actor):
                refer("actor", attribution.actor, f"{rel}.actor", "attributions")
            if not known("claimant", attribution.claimant):
                refer("claimant", attribution.claimant, f"{rel}.claimant", "attributions")
            evidence = attribution.evidence
            if evidence is not None and not known("document", evidence.document):
                refer("document", evidence.document, f"{rel}.evidence.document", "attributions")
        figures = join_key(item.path, "figures")
        for index, figure in enumerate(record.figures):
            steps.append(("define", "figure", figure.id, join_index(figures, index)))
            if not known("claimant", figure.claimant):
                refer("claimant", figure.claimant, f"figures[{index}].claimant", "claimant")
            actor = figure.subject.actor
            if actor is not None and not known("actor", actor):
                refer("actor", actor, f"figures[{index}].subject.actor", "subject")
            evidence = figure.evidence
            if evidence is not None and not known("document", evidence.document):
                where = f"figures[{index}].evidence.document"
                refer("document", evidence.document, where, "evidence")
            if figure.revised_by is not None and not known("figure", figure.revised_by):
                refer("figure", figure.revised_by, f"figures[{index}].revised_by", "revised_by")
            if figure.relay is not None and not known("claimant", figure.relay):
                refer("claimant", figure.relay, f"figures[{index}].relay", "relay")
    return Links(item.line, item.path, tuple(steps))


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
        yield from self.add_links(record_links(item))

    def add_links(self, links: Links) -> list[Finding]:
        """Register what one record defines and refers to (see :func:`record_links`).

        Return a finding for each id it defines again (a list, most often empty).
        """
        line = links.line
        found: list[Finding] = []
        for step in links.steps:
            if step[0] == "define":
                _, namespace, identifier, path = step
                again = self._define_one(namespace, identifier, path, line)
                if again is not None:
                    found.append(again)
            else:
                _, namespace, identifier, relative, event, field = step
                if identifier not in self._seen[namespace]:
                    path = links.path + ("" if relative.startswith("[") else ".") + relative
                    where = _Where(path=path, line=line, event=event, field=field)
                    self._pending.setdefault((namespace, identifier), []).append(where)
        return found

    def define(self, namespace: Namespace, identifier: str, path: str, line: int | None) -> None:
        """Register an id without its record (one that failed to load: already reported)."""
        for _ in self._define(namespace, identifier, path, line):
            pass  # a duplicate of a broken record adds nothing to what was reported

    def _define(
        self, namespace: Namespace, identifier: str, path: str, line: int | None
    ) -> Iterator[Finding]:
        found = self._define_one(namespace, identifier, path, line)
        if found is not None:
            yield found

    def _define_one(
        self, namespace: Namespace, identifier: str, path: str, line: int | None
    ) -> Finding | None:
        seen = self._seen[namespace]
        if identifier in seen:
            first = seen[identifier]
            where = f" (first on line {first})" if first is not None else ""
            return make_finding(
                "S301",
                f"{namespace} id {identifier!r} is already used{where}",
                path=join_key(path, "id"),
                line=line,
                related=(identifier,),
            )
        seen[identifier] = line
        if self._pending:
            self._pending.pop((namespace, identifier), None)
        return None

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
