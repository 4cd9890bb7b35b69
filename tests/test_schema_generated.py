"""The published JSON Schema agrees with the loader: on generated data, and on invalid shapes."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

import eventcode
from eventcode import FORMAT_VERSION, Dataset, Severity
from eventcode.model.vocabulary import VOCABULARIES
from eventcode.schemas import SCHEMA_NAMES, schema_json
from eventcode.strategies import datasets

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "makiivka-2023" / "dataset.json"
VOCABULARY_FILE = ROOT / "src" / "eventcode" / "data" / "vocabularies.json"


def validator(name: str) -> Draft202012Validator:
    # The schema gives dates as {"format": "date", "pattern": YYYY-MM-DD}: the pattern alone
    # accepts "2023-13-01", so format assertion must be switched on to match the loader.
    return Draft202012Validator(
        eventcode.schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


DATASET = validator("dataset")
RECORD = validator("record")


def test_schemas_are_valid_draft_2020_12() -> None:
    for name in SCHEMA_NAMES:
        Draft202012Validator.check_schema(eventcode.schema(name))


# ---------------------------------------------------------------------------------------------
# Generated data validates


@given(datasets())
def test_generated_dataset_json_validates_against_dataset_schema(dataset: Dataset) -> None:
    document = json.loads(eventcode.dumps(dataset))
    errors = [e.message for e in DATASET.iter_errors(document)]
    assert errors == []


@given(datasets())
def test_generated_jsonl_lines_validate_against_record_schema(dataset: Dataset) -> None:
    # Split on "\n" only: str.splitlines() also splits on U+0085, U+2028 and the like, which
    # json.dumps(ensure_ascii=False) leaves raw inside strings (JSON Lines separates on "\n").
    text = eventcode.dumps(dataset, format="jsonl")
    assert text.endswith("\n")
    lines = text.split("\n")[:-1]
    assert json.loads(lines[0]) == {"record": "dataset", "format_version": FORMAT_VERSION}
    for line in lines:
        errors = [e.message for e in RECORD.iter_errors(json.loads(line))]
        assert errors == [], line


def test_fixture_validates_against_schema_and_loader() -> None:
    assert list(DATASET.iter_errors(json.loads(FIXTURE.read_text("utf-8")))) == []
    assert eventcode.load(FIXTURE).findings == ()


# ---------------------------------------------------------------------------------------------
# No drift: committed schemas, vocabularies file, Python enums


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_committed_schema_file_is_the_generated_one(name: str) -> None:
    committed = (ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(name), (
        f"schemas/{name}.schema.json is stale: regenerate it from eventcode.schemas.schema_json"
    )


def _enums_in(node: Any) -> Iterator[list[Any]]:
    if isinstance(node, dict):
        if "enum" in node:
            yield node["enum"]
        for value in node.values():
            yield from _enums_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from _enums_in(value)


# Where each vocabulary is used in the schema: (definition, property).
_VOCABULARY_USES = {
    "basis": [("Figure", "basis")],
    "count_kind": [("Count", "kind")],
    "scope": [("Figure", "scope")],
    "status": [("Figure", "status")],
    "victim_category": [("Subject", "category")],
    "claimant_kind": [("Claimant", "kind")],
    "victim_relation": [("VictimGroup", "relation")],
    "actor_role": [("Attribution", "role")],
    "date_precision": [("DateSpan", "precision")],
    "place_precision": [("Place", "precision")],
}


def _property_enum(schema: dict[str, Any], definition: str, prop: str) -> list[Any]:
    if definition in schema["$defs"]:
        node = schema["$defs"][definition]["properties"][prop]
    else:  # the record schema defines the top-level records inline, one per line kind
        (line,) = [
            line
            for line in schema["oneOf"]
            if line["properties"]["record"].get("const") == definition.lower()
        ]
        node = line["properties"][prop]
    found = list(_enums_in(node))
    assert len(found) == 1, f"{definition}.{prop}: expected one enum, found {found}"
    return found[0]


def test_every_vocabulary_is_checked() -> None:
    assert set(_VOCABULARY_USES) == set(VOCABULARIES.values())
    on_disk = json.loads(VOCABULARY_FILE.read_text("utf-8"))
    assert {k for k in on_disk if not k.startswith("_")} == set(VOCABULARIES.values())


@pytest.mark.parametrize("name", SCHEMA_NAMES)
@pytest.mark.parametrize("enum_class", list(VOCABULARIES), ids=lambda c: c.__name__)
def test_schema_enums_equal_vocabulary_file_and_python_enum(
    name: str, enum_class: type[StrEnum]
) -> None:
    section = VOCABULARIES[enum_class]
    on_disk = list(json.loads(VOCABULARY_FILE.read_text("utf-8"))[section]["values"])
    in_python = [member.value for member in enum_class]
    schema = eventcode.schema(name)
    for definition, prop in _VOCABULARY_USES[section]:
        in_schema = _property_enum(schema, definition, prop)
        assert in_schema == on_disk == in_python


def test_schema_has_no_other_enums() -> None:
    # Every enum in the schema is one of the vocabularies (the header's "record" uses const).
    vocabularies = [[m.value for m in enum_class] for enum_class in VOCABULARIES]
    for name in SCHEMA_NAMES:
        for values in _enums_in(eventcode.schema(name)):
            # The Count rules' "if kind in [...]" name subsets of count_kind.
            assert values in vocabularies or set(values) < {m.value for m in eventcode.CountKind}


# ---------------------------------------------------------------------------------------------
# Invalid shapes: rejected by both, at the same place


def _fixture() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text("utf-8"))
    return data


def _set(*keys: str | int, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        node: Any = document
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value

    return change


def _delete(*keys: str | int) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        node: Any = document
        for key in keys[:-1]:
            node = node[key]
        del node[keys[-1]]

    return change


FIG = ("events", 0, "figures", 0)

# (case, change, jsonschema's path, loader's path). The paths differ only where the error is
# about a key of an object: JSON Schema reports "required" and "additionalProperties" on the
# object that lacks or has the key, the loader on the key itself (so its line points there).
INVALID_SHAPES: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    (
        "missing required field",
        _delete(*FIG, "basis"),
        "$.events[0].figures[0]",
        "$.events[0].figures[0].basis",
    ),
    (
        "cameo as a number",
        _set("events", 0, "cameo", value=194),
        "$.events[0].cameo",
        "$.events[0].cameo",
    ),
    (
        "string where a list is expected",
        _set("actors", 0, "aliases", value="Kyiv army"),
        "$.actors[0].aliases",
        "$.actors[0].aliases",
    ),
    (
        "bad enum value for basis",
        _set(*FIG, "basis", value="rumoured"),
        "$.events[0].figures[0].basis",
        "$.events[0].figures[0].basis",
    ),
    (
        "unknown extra key",
        _set(*FIG, "value", "approx", value=True),
        "$.events[0].figures[0].value",
        "$.events[0].figures[0].value.approx",
    ),
    (
        "negative count low",
        _set(*FIG, "value", "low", value=-1),
        "$.events[0].figures[0].value.low",
        "$.events[0].figures[0].value.low",
    ),
    (
        "latitude 95",
        _set("events", 0, "place", "latitude", value=95),
        "$.events[0].place.latitude",
        "$.events[0].place.latitude",
    ),
    (
        "bad calendar date",
        _set(*FIG, "stated_on", value="2023-13-01"),
        "$.events[0].figures[0].stated_on",
        "$.events[0].figures[0].stated_on",
    ),
    (
        "id with a space",
        _set(*FIG, "id", value="rus killed 63"),
        "$.events[0].figures[0].id",
        "$.events[0].figures[0].id",
    ),
    (
        "top-level unknown key",
        _set("comment", value="x"),
        "$",
        "$.comment",
    ),
    (
        "section not an array",
        _set("actors", value={}),
        "$.actors",
        "$.actors",
    ),
]


def _deepest(errors: list[ValidationError]) -> ValidationError:
    """Return the error best_match picks, descending into anyOf/oneOf alternatives.

    ``place`` is optional (``anyOf: [Place, null]``), so a bad latitude is reported first on
    ``$.events[0].place`` and, inside the alternatives, on ``...place.latitude``; best_match
    descends to the latter.
    """
    found = best_match(errors)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("change", "schema_path", "loader_path"),
    [case[1:] for case in INVALID_SHAPES],
    ids=[case[0] for case in INVALID_SHAPES],
)
def test_invalid_shape_is_rejected_by_schema_and_loader_at_the_same_place(
    tmp_path: Path,
    change: Callable[[dict[str, Any]], None],
    schema_path: str,
    loader_path: str,
) -> None:
    document = _fixture()
    change(document)

    errors = list(DATASET.iter_errors(document))
    assert errors, "the schema accepted the invalid document"
    assert _deepest(errors).json_path == schema_path
    # Only one thing is wrong, so every top-level error is at or above it.
    assert all(schema_path.startswith(e.json_path) for e in errors)

    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    loaded = eventcode.load(path)
    bad = [f for f in loaded.findings if f.severity is Severity.ERROR]
    assert [f.location.path for f in bad] == [loader_path]
    assert bad[0].location.line is not None
    assert loaded.has_errors

    # The two agree: equal, or the schema names the object whose key the loader names.
    if loader_path != schema_path:
        parent = loader_path.rsplit(".", 1)[0]
        assert parent == schema_path
    with pytest.raises(eventcode.DatasetError):
        eventcode.read(path)


def test_invalid_shapes_cover_the_documented_table() -> None:
    # A guard against the table silently shrinking.
    assert len(INVALID_SHAPES) >= 9


@pytest.mark.parametrize(
    ("change", "schema_path", "loader_path"),
    [case[1:] for case in INVALID_SHAPES if case[2].startswith("$.events[0]")],
    ids=[case[0] for case in INVALID_SHAPES if case[2].startswith("$.events[0]")],
)
def test_invalid_event_line_is_rejected_by_record_schema_and_jsonl_loader(
    tmp_path: Path,
    change: Callable[[dict[str, Any]], None],
    schema_path: str,
    loader_path: str,
) -> None:
    # The same invalid event as a JSON Lines line: paths are relative to the line ($ = event).
    document = _fixture()
    change(document)
    event = {"record": "event", **document["events"][0]}
    assert not RECORD.is_valid(event)

    good = eventcode.loads(FIXTURE.read_text("utf-8"))
    lines = eventcode.dumps(Dataset(**{**_sections(good), "events": ()}), format="jsonl")
    path = tmp_path / "bad.jsonl"
    path.write_text(lines + json.dumps(event, ensure_ascii=False) + "\n", encoding="utf-8")
    loaded = eventcode.load(path)
    bad = [f for f in loaded.findings if f.severity is Severity.ERROR]
    line_number = lines.count("\n") + 1
    relative = "$" + loader_path.removeprefix("$.events[0]")
    assert [(f.location.path, f.location.line) for f in bad] == [(relative, line_number)]


def _sections(dataset: Dataset) -> dict[str, Any]:
    return {
        "documents": dataset.documents,
        "actors": dataset.actors,
        "claimants": dataset.claimants,
    }


@pytest.mark.parametrize(
    ("keys", "value"),
    [
        (("actors", 0, "id"), "ukr-mil\n"),
        (("actors", 0, "country"), "UKR\n"),
        (("events", 0, "cameo"), "194\n"),
        (("format_version",), "1.0\n"),
    ],
)
def test_a_trailing_newline_does_not_satisfy_a_pattern(
    tmp_path: Path, keys: tuple[str | int, ...], value: str
) -> None:
    # In JSON Schema (ECMA-262 regexes) "$" matches only at the very end, so the schema rejects
    # these; Python's jsonschema uses re.search and would not, hence the loader alone is tested.
    document = _fixture()
    _set(*keys, value=value)(document)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert eventcode.load(path).has_errors
