"""Turn one JSON value into one record, or into the findings that say why it cannot be one."""

from __future__ import annotations

from typing import Any

from eventcode.findings import Finding, make_finding
from eventcode.io._converter import converter, describe_json_type, shape_findings
from eventcode.io.records import KINDS, Record, RecordKind, Unloaded

__all__ = ["structure_record", "unloaded_marker", "unstructure_record"]


def structure_record(
    kind: RecordKind, value: Any, path: str, *, strict_keys: bool = True
) -> tuple[Record | None, list[Finding]]:
    """Build a record of ``kind`` from ``value``, collecting every problem with its path.

    A record is built only when its shape and every field constraint hold; otherwise it is
    ``None`` and the findings say why (all of them, not the first: constraints are checked
    field by field while structuring, beside type errors).
    """
    if type(value) is not dict:
        return None, [
            make_finding(
                "S006",
                f"a {kind} record must be an object, got {describe_json_type(value)}",
                path=path,
            )
        ]
    try:
        record: Record = converter(strict_keys=strict_keys).structure(value, KINDS[kind])
    except Exception as exc:  # cattrs' validation tree, turned into findings below
        return None, list(shape_findings(exc, path))
    return record, []


def unstructure_record(record: Record) -> dict[str, Any]:
    """Return the JSON-ready dictionary of a record (fields at their default are left out)."""
    result: dict[str, Any] = converter().unstructure(record)
    return result


def unloaded_marker(
    kind: RecordKind, value: Any, path: str, line: int | None = None
) -> Unloaded | None:
    """Return the marker of a record that failed to load, when its id can still be read."""
    if type(value) is dict and type(value.get("id")) is str and value["id"]:
        return Unloaded(kind=kind, id=value["id"], path=path, line=line)
    return None
