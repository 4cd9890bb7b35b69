"""The dataset document format (``.json``): one object holding every record."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from eventcode.findings import Finding, make_finding
from eventcode.io._converter import describe_json_type
from eventcode.io._structure import structure_record, unloaded_marker, unstructure_record
from eventcode.io._text import parse_json_checked
from eventcode.io._version import check_version
from eventcode.io.limits import DEFAULT_LIMITS, Limits
from eventcode.jsonpath import ROOT, join_index, join_key
from eventcode.model import Dataset
from eventcode.model.items import SECTION_OF, RecordItem, Unloaded

__all__ = ["dataset_to_dict", "dumps_document", "iter_document"]

_SECTIONS = {section: kind for kind, section in SECTION_OF.items()}
_TOP_LEVEL = {"format_version", *_SECTIONS}


def iter_document(
    text: str, limits: Limits = DEFAULT_LIMITS
) -> Iterator[RecordItem | Finding | Unloaded]:
    """Yield each record of a dataset document, and a finding for each problem.

    Findings carry JSON paths but no lines (the caller places them with the text), except
    those about the text itself (syntax, limits, duplicate keys), which carry their line.
    """
    if not text.strip():
        yield make_finding("S003", "the input is empty", path=ROOT, line=1)
        return
    parsed = parse_json_checked(text, limits)
    if parsed.problem is not None:
        yield parsed.problem
        return
    yield from parsed.findings
    data = parsed.value
    if type(data) is not dict:
        yield make_finding(
            "S006", f"a dataset must be a JSON object, got {describe_json_type(data)}", path=ROOT
        )
        return
    readable, newer, version_finding = check_version(
        data.get("format_version"), join_key(ROOT, "format_version")
    )
    if version_finding is not None:
        yield version_finding
    if not readable:
        return
    if not newer:
        for key in sorted(set(data) - _TOP_LEVEL):
            yield make_finding(
                "S104", f"unknown field {key!r} at the top of the dataset", path=join_key(ROOT, key)
            )
    for section, kind in _SECTIONS.items():
        values = data.get(section, [])
        section_path = join_key(ROOT, section)
        if type(values) is not list:
            yield make_finding(
                "S102", f"expected an array, got {describe_json_type(values)}", path=section_path
            )
            continue
        for index, value in enumerate(values):
            path = join_index(section_path, index)
            record, findings = structure_record(
                kind, value, path, strict_keys=not newer, max_figures=limits.max_figures
            )
            yield from findings
            if record is not None:
                yield RecordItem(kind=kind, record=record, path=path)
            elif (marker := unloaded_marker(kind, value, path, findings=findings)) is not None:
                yield marker


def dataset_to_dict(dataset: Dataset) -> dict[str, Any]:
    """Return the JSON-ready dictionary of a dataset (every section present, in fixed order)."""
    result: dict[str, Any] = {"format_version": dataset.format_version}
    for section in _SECTIONS:
        result[section] = [unstructure_record(r) for r in getattr(dataset, section)]
    return result


def dumps_document(dataset: Dataset) -> str:
    """Serialize a dataset as a JSON document: UTF-8 text, two-space indent, fixed key order."""
    return "".join(iter_document_chunks(dataset))


def iter_document_chunks(dataset: Dataset) -> Iterator[str]:
    """Yield the JSON document of a dataset in pieces, one record at a time.

    The pieces join to exactly ``json.dumps(dataset_to_dict(dataset), indent=2)`` and a final
    newline, but only one record is rendered at a time, so writing a large dataset holds one
    record's text, not the whole document's.
    """
    yield '{\n  "format_version": ' + json.dumps(dataset.format_version, ensure_ascii=False)
    for section in _SECTIONS:
        records = getattr(dataset, section)
        if not records:
            yield f',\n  "{section}": []'
            continue
        yield f',\n  "{section}": ['
        for index, record in enumerate(records):
            text = json.dumps(unstructure_record(record), ensure_ascii=False, indent=2)
            yield ("\n" if index == 0 else ",\n") + _indent(text, "    ")
        yield "\n  ]"
    yield "\n}\n"


def _indent(text: str, prefix: str) -> str:
    return prefix + text.replace("\n", "\n" + prefix)
