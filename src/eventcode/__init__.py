"""eventcode: structured conflict-event coding in the style of ACLED and CAMEO.

Typed records keep every figure with who stated it and on what basis; validation reports every
problem with its file, line and JSON path; datasets serialize losslessly to JSON and JSON Lines.
"""

from eventcode._api import Loaded, dumps, iter_records, load, loads, read, write
from eventcode._version import __version__
from eventcode.errors import DatasetError, EventcodeError, UnknownFormatError
from eventcode.findings import Finding, FindingCode, Location, Severity, finding_codes
from eventcode.io.records import RecordItem
from eventcode.model import (
    FORMAT_VERSION,
    AcledClass,
    Actor,
    Basis,
    Claimant,
    ClaimantKind,
    Coding,
    Count,
    CountKind,
    Dataset,
    DatePrecision,
    DateSpan,
    Document,
    Event,
    EventActor,
    Evidence,
    Figure,
    Place,
    PlacePrecision,
    Scope,
    Status,
    Subject,
    VictimCategory,
)
from eventcode.schema import schema
from eventcode.validation import Report, validate, validate_path

__all__ = [
    "FORMAT_VERSION",
    "AcledClass",
    "Actor",
    "Basis",
    "Claimant",
    "ClaimantKind",
    "Coding",
    "Count",
    "CountKind",
    "Dataset",
    "DatasetError",
    "DatePrecision",
    "DateSpan",
    "Document",
    "Event",
    "EventActor",
    "EventcodeError",
    "Evidence",
    "Figure",
    "Finding",
    "FindingCode",
    "Loaded",
    "Location",
    "Place",
    "PlacePrecision",
    "RecordItem",
    "Report",
    "Scope",
    "Severity",
    "Status",
    "Subject",
    "UnknownFormatError",
    "VictimCategory",
    "__version__",
    "dumps",
    "finding_codes",
    "iter_records",
    "load",
    "loads",
    "read",
    "schema",
    "validate",
    "validate_path",
    "write",
]
