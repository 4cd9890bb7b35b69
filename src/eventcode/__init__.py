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
        print(event.id, eventcode.acled_fatalities(event, dataset, "acled").value)

The documentation: docs/api.md (this API), docs/cli.md (the ``eventcode`` command),
docs/coding-rules.md (how figures are weighed) and docs/findings.md (every finding code).
"""

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

from eventcode._version import __version__

if TYPE_CHECKING:  # what the names below are, for type checkers; imported on first use
    from eventcode._api import Loaded, dumps, iter_records, load, loads, read, write, write_as
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
        GedCell,
        Place,
        PlacePrecision,
        Scope,
        Status,
        Subject,
        UcdpRow,
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
        expected_basis,
        policy_names,
        ucdp_estimates,
    )
    from eventcode.rules.compare import compare
    from eventcode.rules.derive import derive
    from eventcode.rules.policy import policy
    from eventcode.schemas import schema
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
    "GedCell",
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
    "UcdpRow",
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

#: Where each public name is defined: ``import eventcode`` imports none of these modules, and a
#: name's module is imported the first time the name is used (``eventcode.validate_path``).
_HOMES: dict[str, tuple[str, ...]] = {
    "eventcode._api": (
        "Loaded", "dumps", "iter_records", "load", "loads", "read", "write", "write_as",
    ),
    "eventcode.errors": (
        "DatasetError", "EventcodeError", "EventsLeftOutError", "EventsLeftOutWarning",
        "UnknownFormatError",
    ),
    "eventcode.findings": (
        "Finding", "FindingCode", "Location", "Report", "Severity", "finding_codes",
    ),
    "eventcode.model": (
        "FORMAT_VERSION", "AcledCell", "AcledClass", "Actor", "ActorRole", "Attribution", "Basis",
        "Claimant", "ClaimantKind", "Coding", "Count", "CountKind", "Dataset", "DatePrecision",
        "DateSpan", "Document", "Event", "EventActor", "Evidence", "Figure", "GedCell", "Place",
        "PlacePrecision", "Scope", "Status", "Subject", "UcdpRow", "VictimCategory",
        "VictimGroup", "VictimRelation",
    ),
    "eventcode.model.items": ("RecordItem",),
    "eventcode.rules": (
        "Comparison", "ComparisonKind", "Derived", "EventDerivation", "ExpectedBasis", "Policy",
        "UcdpEstimates", "UnknownPolicyError", "acled_fatalities", "compare", "derive",
        "expected_basis", "policy", "policy_names", "ucdp_estimates",
    ),
    "eventcode.schemas": ("schema",),
    "eventcode.validation": ("validate", "validate_path",),
}

_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562), or a subpackage (``acled``)."""
    module = _HOME_OF.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value
    if not name.startswith("_") and importlib.util.find_spec(f"eventcode.{name}") is not None:
        return importlib.import_module(f"eventcode.{name}")
    raise AttributeError(f"module 'eventcode' has no attribute {name!r}")


def __dir__() -> list[str]:
    """List the public names, imported or not."""
    return sorted({*globals(), *__all__})
