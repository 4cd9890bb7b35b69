"""eventcode: structured conflict-event coding in the style of ACLED and CAMEO.

Typed records keep every figure with who stated it and on what basis; validation reports every
problem with its file, line and JSON path; datasets serialize losslessly to JSON and JSON Lines,
and convert to and from ACLED CSV.

Quick start::

    import eventcode

    report = eventcode.validate_path("dataset.json")  # or an ACLED .csv export
    for finding in report.at_least("warning"):
        print(finding.code, finding.location.line, finding.message)
    print(report.summary_line())

    dataset = eventcode.read("dataset.json")
    for event in dataset.events:
        print(event.id, eventcode.acled_fatalities(event, dataset.claimants, "acled").value)

The documentation: docs/api.md (this API), docs/cli.md (the ``eventcode`` command),
docs/coding-rules.md (how figures are weighed) and docs/findings.md (every finding code).
"""

from eventcode._api import Loaded, dumps, iter_records, load, loads, read, write, write_as
from eventcode._version import __version__
from eventcode.errors import (
    DatasetError,
    EventcodeError,
    EventsLeftOutError,
    EventsLeftOutWarning,
    UnknownFormatError,
)
from eventcode.findings import Finding, FindingCode, Location, Report, Severity, finding_codes
from eventcode.model import (
    FORMAT_VERSION,
    AcledCell,
    AcledClass,
    Actor,
    ActorRole,
    Attribution,
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
    VictimGroup,
    VictimRelation,
)
from eventcode.model.items import RecordItem
from eventcode.rules import (
    Comparison,
    ComparisonKind,
    Derived,
    EventDerivation,
    ExpectedBasis,
    Policy,
    UcdpEstimates,
    UnknownPolicyError,
    acled_fatalities,
    compare,
    derive,
    expected_basis,
    policy,
    policy_names,
    ucdp_estimates,
)
from eventcode.schema import schema
from eventcode.validation import validate, validate_path

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
    "Comparison",
    "ComparisonKind",
    "Count",
    "CountKind",
    "Dataset",
    "DatasetError",
    "DatePrecision",
    "DateSpan",
    "Derived",
    "Document",
    "Event",
    "EventActor",
    "EventDerivation",
    "EventcodeError",
    "EventsLeftOutError",
    "EventsLeftOutWarning",
    "Evidence",
    "ExpectedBasis",
    "Figure",
    "Finding",
    "FindingCode",
    "Loaded",
    "Location",
    "Place",
    "PlacePrecision",
    "Policy",
    "RecordItem",
    "Report",
    "Scope",
    "Severity",
    "Status",
    "Subject",
    "UcdpEstimates",
    "UnknownFormatError",
    "UnknownPolicyError",
    "VictimCategory",
    "VictimGroup",
    "VictimRelation",
    "__version__",
    "acled_fatalities",
    "compare",
    "derive",
    "dumps",
    "expected_basis",
    "finding_codes",
    "iter_records",
    "load",
    "loads",
    "policy",
    "policy_names",
    "read",
    "schema",
    "ucdp_estimates",
    "validate",
    "validate_path",
    "write",
    "write_as",
]
