"""Turn one JSON value into one record, or into the findings that say why it cannot be one."""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs

from eventcode.errors import DatasetError
from eventcode.findings import Finding, make_finding
from eventcode.io._converter import converter, describe_json_type, shape_findings
from eventcode.io._fast_structure import fast_structurer
from eventcode.io._salvage import salvage
from eventcode.jsonpath import ROOT, join_index, join_key
from eventcode.model.dataset import Dataset
from eventcode.model.items import KINDS, SECTION_OF, Record, RecordKind, Unloaded

__all__ = [
    "recheck_record",
    "require_writable",
    "structure_record",
    "unloaded_marker",
    "unstructure_record",
]


def structure_record(
    kind: RecordKind,
    value: Any,
    path: str,
    *,
    strict_keys: bool = True,
    max_figures: int | None = None,
) -> tuple[Record | None, list[Finding]]:
    """Build a record of ``kind`` from ``value``, collecting every problem with its path.

    A record is built only when its shape and every field constraint hold; otherwise it is
    ``None`` and the findings say why (all of them, not the first: constraints are checked
    field by field while structuring, beside type errors). An event with more figures than
    ``max_figures`` is L005 and is not built (its figures are not even read).
    """
    if type(value) is not dict:
        return None, [
            make_finding(
                "S006",
                f"a {kind} record must be an object, got {describe_json_type(value)}",
                path=path,
            )
        ]
    figures = value.get("figures") if kind == "event" else None
    if max_figures is not None and type(figures) is list and len(figures) > max_figures:
        return None, [
            make_finding(
                "L005",
                f"the event has {len(figures)} figures, more than the limit "
                f"max_figures={max_figures}; it is not loaded",
                path=join_key(path, "figures"),
            )
        ]
    try:  # the fast backend builds what the converter would; on any doubt, the converter
        record: Record = (_FAST.get(strict_keys) or _fast(strict_keys))[kind](value)
    except Exception:
        cls: type = KINDS[kind]
        try:
            record = converter(strict_keys=strict_keys).structure(value, cls)
        except Exception as exc:  # cattrs' validation tree, turned into findings below
            return None, list(shape_findings(exc, path))
    return record, []


#: The fast backend's function for each kind, by ``strict_keys`` (filled on first use).
_FAST: dict[bool, dict[str, Callable[[Any], Any]]] = {}


def _fast(strict_keys: bool) -> dict[str, Callable[[Any], Any]]:
    found: dict[str, Callable[[Any], Any]] = {}
    for kind, cls in KINDS.items():
        record_class: type = cls
        found[kind] = fast_structurer(record_class, strict_keys=strict_keys)
    _FAST[strict_keys] = found
    return found


def unstructure_record(record: Record) -> dict[str, Any]:
    """Return the JSON-ready dictionary of a record (fields at their default are left out)."""
    result: dict[str, Any] = converter().unstructure(record)
    return result


def recheck_record(
    kind: RecordKind, record: Any, path: str
) -> tuple[Record | None, list[Finding]]:
    """Check a record built in Python as the loader would check it from JSON.

    The record is written as JSON data and read back with the loader's converter, so a value of
    the wrong type (``basis="alleged"``, a date as text, a ``datetime``, a number among the
    aliases) is a finding with its path rather than an exception later. Returns the record as
    the loader builds it (lists become tuples) and no finding, or ``None`` and the findings.
    """
    try:
        value = converter().unstructure(record)
    except Exception:  # a field of a type the writer cannot render: find which
        return None, list(_unwritable(record, path))
    return structure_record(kind, value, path)


def _unwritable(record: Any, path: str) -> Iterator[Finding]:
    conv = converter()
    if not attrs.has(type(record)):
        yield make_finding(
            "S102", f"expected a record, got {type(record).__name__}", path=path
        )
        return
    hints = typing.get_type_hints(type(record))
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        try:
            conv.unstructure(value, unstructure_as=hints[field.name])
        except Exception:
            if attrs.has(type(value)):
                yield from _unwritable(value, join_key(path, field.name))
            else:
                yield make_finding(
                    "S102",
                    f"{field.name}: expected {_type_name(hints[field.name])}, got "
                    f"{type(value).__name__} {value!r:.60}",
                    path=join_key(path, field.name),
                )


def _type_name(hint: Any) -> str:
    return getattr(hint, "__name__", None) or str(hint).replace("eventcode.model.", "")


def unloaded_marker(
    kind: RecordKind,
    value: Any,
    path: str,
    line: int | None = None,
    findings: Sequence[Finding] = (),
) -> Unloaded | None:
    """Return the marker of a record that failed to load, when its id can still be read.

    Given the ``findings`` that kept it from loading, the marker carries what is left to check
    once the parts they name are removed (:func:`~eventcode.io._salvage.salvage`).
    """
    if type(value) is dict and type(value.get("id")) is str and value["id"]:
        rest = salvage(kind, value, path, findings) if findings else None
        return Unloaded(kind=kind, id=value["id"], path=path, line=line, salvage=rest)
    return None


def require_writable(dataset: Dataset) -> None:
    """Raise :class:`~eventcode.DatasetError` for records that reading would refuse.

    Each record is checked as :func:`recheck_record` does (written as JSON data and read back
    with the loader's converter), and every finding is raised together.
    """
    problems = [
        finding
        for kind, section in SECTION_OF.items()
        for index, record in enumerate(getattr(dataset, section))
        for finding in recheck_record(
            kind, record, join_index(join_key(ROOT, section), index)
        )[1]
    ]
    if problems:
        raise DatasetError(problems, dataset)
