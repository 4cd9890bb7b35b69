"""A dataset: the documents, actors, claimants and events of one coding project."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, TypeVar

from attrs import field, frozen

from eventcode.model._convert import as_tuple
from eventcode.model.constraints import VERSION_PATTERN, constrain
from eventcode.model.events import Event
from eventcode.model.parties import Actor, Claimant, Document

__all__ = ["FORMAT_VERSION", "Dataset"]

#: The dataset format version this release writes (``MAJOR.MINOR``; see docs/format.md).
FORMAT_VERSION = "1.2"


def _documents(items: Iterable[Document]) -> tuple[Document, ...]:
    return as_tuple(items)


def _actors(items: Iterable[Actor]) -> tuple[Actor, ...]:
    return as_tuple(items)


def _claimants(items: Iterable[Claimant]) -> tuple[Claimant, ...]:
    return as_tuple(items)


def _events(items: Iterable[Event]) -> tuple[Event, ...]:
    return as_tuple(items)


@frozen(kw_only=True)
class Dataset:
    """Everything coded from a set of sources; records refer to each other by id."""

    format_version: str = field(default=FORMAT_VERSION, metadata=constrain(pattern=VERSION_PATTERN))
    documents: tuple[Document, ...] = field(default=(), converter=_documents)
    actors: tuple[Actor, ...] = field(default=(), converter=_actors)
    claimants: tuple[Claimant, ...] = field(default=(), converter=_claimants)
    events: tuple[Event, ...] = field(default=(), converter=_events)

    def event(self, id: str) -> Event:
        """Return the event ``id``; ``KeyError`` (naming the nearest ids) if there is none."""
        return _find(self.events, id, "event")

    def actor(self, id: str) -> Actor:
        """Return the actor ``id``; ``KeyError`` if there is none."""
        return _find(self.actors, id, "actor")

    def claimant(self, id: str) -> Claimant:
        """Return the claimant ``id``; ``KeyError`` if there is none."""
        return _find(self.claimants, id, "claimant")

    def document(self, id: str) -> Document:
        """Return the document ``id``; ``KeyError`` if there is none."""
        return _find(self.documents, id, "document")

    def _repr_html_(self) -> str:
        """Return the dataset as a short HTML table for notebooks: counts and first events."""
        from eventcode._html import MAX_ROWS, counted, rendering

        figures = sum(len(e.figures) for e in self.events)
        counts = (
            (len(self.documents), "document"),
            (len(self.actors), "actor"),
            (len(self.claimants), "claimant"),
            (len(self.events), "event"),
            (figures, "figure"),
        )
        line = f" (format {self.format_version}): " + ", ".join(counted(*c) for c in counts)
        head = ("event", "date", "place", "class", "figures")
        rows = map(_event_row, self.events[:MAX_ROWS])
        return rendering("Dataset", line, head, rows, len(self.events), "event")

    def adding(self, *records: Document | Actor | Claimant | Event) -> Dataset:
        """Return the dataset with ``records`` added, each to its list (a step of a notebook).

        ``dataset = Dataset().adding(document, claimant).adding(event)``; nothing is checked
        here (``validate`` does), and the dataset itself is not changed.
        """
        lists: dict[str, list[Any]] = {
            "documents": list(self.documents),
            "actors": list(self.actors),
            "claimants": list(self.claimants),
            "events": list(self.events),
        }
        for record in records:
            section = _SECTIONS.get(type(record))
            if section is None:
                raise TypeError(
                    f"a dataset holds documents, actors, claimants and events, not "
                    f"{type(record).__name__}"
                )
            lists[section].append(record)
        return Dataset(
            format_version=self.format_version,
            documents=lists["documents"],
            actors=lists["actors"],
            claimants=lists["claimants"],
            events=lists["events"],
        )


def _event_row(event: Event) -> tuple[str, str, str, str, str]:
    """Return an event as a notebook's table shows it: id, date, place, class, figures."""
    span = event.date
    when = span.start.isoformat()
    if span.end is not None and span.end != span.start:
        when += f" to {span.end.isoformat()}"
    place = ""
    if event.place is not None:
        country = f" ({event.place.country})" if event.place.country else ""
        place = event.place.name + country
    kinds = []
    if event.acled is not None:
        kinds.append(event.acled.sub_event_type)
    if event.cameo is not None:
        kinds.append(f"CAMEO {event.cameo}")
    return event.id, when, place, "; ".join(kinds), str(len(event.figures))


_SECTIONS: dict[type, str] = {
    Document: "documents",
    Actor: "actors",
    Claimant: "claimants",
    Event: "events",
}
_R = TypeVar("_R", Document, Actor, Claimant, Event)


def _find(records: tuple[_R, ...], id: str, kind: str) -> _R:
    for record in records:
        if record.id == id:
            return record
    near = difflib.get_close_matches(id, [r.id for r in records], n=3)
    hint = f"; did you mean {', '.join(map(repr, near))}?" if near else ""
    raise KeyError(f"no {kind} {id!r} in the dataset{hint}")
