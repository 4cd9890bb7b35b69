"""A dataset: the documents, actors, claimants and events of one coding project."""

from __future__ import annotations

from attrs import field, frozen

from eventcode.model.constraints import VERSION_PATTERN, constrain
from eventcode.model.events import Event
from eventcode.model.parties import Actor, Claimant, Document

__all__ = ["FORMAT_VERSION", "Dataset"]

#: The dataset format version this release writes (``MAJOR.MINOR``; see docs/format.md).
FORMAT_VERSION = "1.1"


@frozen(kw_only=True)
class Dataset:
    """Everything coded from a set of sources; records refer to each other by id."""

    format_version: str = field(default=FORMAT_VERSION, metadata=constrain(pattern=VERSION_PATTERN))
    documents: tuple[Document, ...] = ()
    actors: tuple[Actor, ...] = ()
    claimants: tuple[Claimant, ...] = ()
    events: tuple[Event, ...] = ()
