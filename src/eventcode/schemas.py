"""The published JSON Schema (draft 2020-12), generated from the record model.

Field types come from the attrs classes, constraints from their field metadata, and the allowed
values of each vocabulary from ``data/vocabularies.json``: the schema cannot drift from the
loader. ``schemas/`` in the repository holds the generated files; a test keeps them equal.
"""

from __future__ import annotations

import json
import typing
from datetime import date
from enum import StrEnum
from functools import cache
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

import attrs

from eventcode._data import data_json
from eventcode.model import Count, Dataset
from eventcode.model.constraints import VERSION_PATTERN, constraints_of
from eventcode.model.dataset import FORMAT_VERSION
from eventcode.model.items import KINDS, SECTION_OF
from eventcode.model.vocabulary import VOCABULARIES

__all__ = ["SCHEMA_NAMES", "schema", "schema_json"]

#: The schemas eventcode publishes: the dataset document and one JSON Lines line.
SCHEMA_NAMES = ("dataset", "record")
_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_KEYWORDS = {
    "minimum": "minimum",
    "maximum": "maximum",
    "pattern": "pattern",
    "min_length": "minLength",
}


def _schema_id(name: str) -> str:
    return f"urn:eventcode:schema:{name}:{FORMAT_VERSION}"


def _is_optional(tp: Any) -> bool:
    return get_origin(tp) in (UnionType, Union) and NoneType in get_args(tp)


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def type_schema(self, tp: Any, constraints: dict[str, Any]) -> dict[str, Any]:
        if get_origin(tp) in (UnionType, Union):
            inner = [a for a in get_args(tp) if a is not NoneType]
            options = [self.type_schema(a, constraints) for a in inner]
            if NoneType in get_args(tp):
                options.append({"type": "null"})
            return {"anyOf": options}
        if get_origin(tp) is tuple:
            return {"type": "array", "items": self.type_schema(get_args(tp)[0], constraints)}
        if attrs.has(tp):
            return {"$ref": f"#/$defs/{self.define(tp)}"}
        if isinstance(tp, type) and issubclass(tp, StrEnum):
            section = VOCABULARIES[tp]
            values = list(data_json("vocabularies.json")[section]["values"])
            return {"type": "string", "enum": values}
        simple: dict[Any, dict[str, Any]] = {
            str: {"type": "string"},
            int: {"type": "integer"},
            float: {"type": "number"},
            bool: {"type": "boolean"},
            date: {"type": "string", "format": "date", "pattern": _DATE_PATTERN},
        }
        result = dict(simple[tp])
        for key, keyword in _KEYWORDS.items():
            if key in constraints:
                result[keyword] = constraints[key]
        return result

    def properties(self, cls: type) -> tuple[dict[str, Any], list[str]]:
        hints = typing.get_type_hints(cls)
        props: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            props[field.name] = self.type_schema(hints[field.name], constraints_of(field.metadata))
            if field.default is attrs.NOTHING:
                required.append(field.name)
        return props, required

    def define(self, cls: type) -> str:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}
            props, required = self.properties(cls)
            definition: dict[str, Any] = {
                "type": "object",
                "description": (cls.__doc__ or "").strip().splitlines()[0],
                "properties": props,
                "required": required,
                "additionalProperties": False,
            }
            if cls is Count:
                definition["allOf"] = _count_rules()
            self.defs[name] = definition
        return name


def _count_rules() -> list[dict[str, Any]]:
    """Return the bounds each kind of count requires (the loader's S201 check, as schema)."""
    num = {"type": "integer"}
    absent = {"not": {"type": "integer"}}

    def rule(kinds: list[str], then: dict[str, Any]) -> dict[str, Any]:
        return {"if": {"properties": {"kind": {"enum": kinds}}}, "then": then}

    return [
        rule(
            ["exact", "approximate", "range"],
            {"properties": {"low": num, "high": num}, "required": ["low", "high"]},
        ),
        rule(["lower_bound"], {"properties": {"low": num, "high": absent}, "required": ["low"]}),
        rule(
            ["upper_bound", "nearly"],
            {"properties": {"high": num, "low": absent}, "required": ["high"]},
        ),
        rule(["vague"], {"properties": {"term": {"type": "string"}}, "required": ["term"]}),
        rule(["unknown"], {"properties": {"low": absent, "high": absent, "term": absent}}),
    ]


def _version_property() -> dict[str, Any]:
    return {
        "type": "string",
        "pattern": VERSION_PATTERN,
        "description": f"MAJOR.MINOR; this release writes {FORMAT_VERSION}",
    }


@cache
def schema(name: str = "dataset") -> dict[str, Any]:
    """Return the JSON Schema ``name`` (``dataset`` or ``record``) as a dictionary."""
    # imported here: naming the schemas (SCHEMA_NAMES, for the command line) needs no reader
    from eventcode.io.json_lines import HEADER_RECORD

    builder = _Builder()
    head: dict[str, Any] = {
        "$schema": _DIALECT,
        "$id": _schema_id(name),
        "x-eventcode-format-version": FORMAT_VERSION,
    }
    if name == "dataset":
        props, _required = builder.properties(Dataset)
        props["format_version"] = _version_property()
        body: dict[str, Any] = {
            "title": "eventcode dataset",
            "description": "A dataset document (.json): documents, actors, claimants, events.",
            "type": "object",
            "properties": props,
            "required": ["format_version"],
            "additionalProperties": False,
        }
    elif name == "record":
        lines: list[dict[str, Any]] = [
            {
                "type": "object",
                "properties": {
                    "record": {"const": HEADER_RECORD},
                    "format_version": _version_property(),
                },
                "required": ["record", "format_version"],
                "additionalProperties": False,
            }
        ]
        for kind, cls in KINDS.items():
            props, required = builder.properties(cls)
            lines.append(
                {
                    "type": "object",
                    "description": f"One {kind} (a member of the dataset's {SECTION_OF[kind]}).",
                    "properties": {"record": {"const": kind}, **props},
                    "required": ["record", *required],
                    "additionalProperties": False,
                }
            )
        body = {
            "title": "eventcode JSON Lines record",
            "description": "One line of a .jsonl dataset: the header or one record.",
            "oneOf": lines,
        }
    else:
        raise ValueError(f"unknown schema {name!r}; known: {', '.join(SCHEMA_NAMES)}")
    return {**head, **body, "$defs": dict(sorted(builder.defs.items()))}


def schema_json(name: str = "dataset") -> str:
    """Return the JSON Schema ``name`` as text, as published in ``schemas/``."""
    return json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n"
