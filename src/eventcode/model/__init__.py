"""The record model: frozen attrs values for events, actors, places, documents and figures."""

from eventcode.model.dataset import FORMAT_VERSION, Dataset
from eventcode.model.dates import DateSpan, StatedOn, span_of
from eventcode.model.events import (
    AcledCell,
    AcledClass,
    Attribution,
    Coding,
    Event,
    EventActor,
    GedCell,
    UcdpRow,
    VictimGroup,
)
from eventcode.model.figures import Evidence, Figure, Subject
from eventcode.model.parties import Actor, Claimant, Document
from eventcode.model.places import Place
from eventcode.model.values import Count
from eventcode.model.vocabulary import (
    ActorRole,
    Basis,
    ClaimantKind,
    CountKind,
    DatePrecision,
    PlacePrecision,
    Scope,
    Status,
    VictimCategory,
    VictimRelation,
)

__all__ = [
    "FORMAT_VERSION",
    "AcledCell",
    "AcledClass",
    "Actor",
    "ActorRole",
    "Attribution",
    "Basis",
    "Claimant",
    "ClaimantKind",
    "Coding",
    "Count",
    "CountKind",
    "Dataset",
    "DatePrecision",
    "DateSpan",
    "Document",
    "Event",
    "EventActor",
    "Evidence",
    "Figure",
    "GedCell",
    "Place",
    "PlacePrecision",
    "Scope",
    "StatedOn",
    "Status",
    "Subject",
    "UcdpRow",
    "VictimCategory",
    "VictimGroup",
    "VictimRelation",
    "span_of",
]
