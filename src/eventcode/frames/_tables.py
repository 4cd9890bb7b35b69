"""The tables of a dataset as plain Python columns, before any data-frame library is involved.

:func:`dataset_columns` returns, for each table (``events``, ``figures``, ``actors``,
``claimants``, ``documents``), its columns as lists of Python values (``None`` for a null) in
the order :data:`SCHEMAS` gives them with their Arrow types; :mod:`eventcode.frames` makes
Arrow tables of them. Nothing here imports pyarrow.
"""

from __future__ import annotations

import json
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from eventcode.acled.layouts import CURRENT_COLUMNS, NUMERIC_COLUMNS
from eventcode.acled.options import AcledOptions
from eventcode.acled.values import CodeStyle, DateStyle
from eventcode.acled.writer import acled_event_rows
from eventcode.io._structure import unstructure_record
from eventcode.model import Actor, Claimant, Dataset, Document, Event, Figure
from eventcode.model.dates import DateSpan, span_of
from eventcode.model.items import Record
from eventcode.rules.derive import derive
from eventcode.rules.policy import Policy
from eventcode.rules.policy import policy as get_policy

__all__ = ["RECORD_COLUMN", "SCHEMAS", "TABLES", "dataset_columns", "record_json"]

#: The tables, in the order they are returned and written.
TABLES = ("events", "figures", "actors", "claimants", "documents")
#: The column holding each record's canonical JSON (every table but ``figures``).
RECORD_COLUMN = "record"

_S, _I, _F, _D, _B, _L = "string", "int64", "float64", "date32", "bool", "list<string>"

#: ACLED's columns as the events table types them (numbers as numbers, the date as a date).
_ACLED_TYPES = {
    column: (_F if column in ("latitude", "longitude") else _I)
    if column in NUMERIC_COLUMNS
    else (_D if column == "event_date" else _S)
    for column in CURRENT_COLUMNS
}

#: Each table's columns with their Arrow types, in order.
SCHEMAS: dict[str, tuple[tuple[str, str], ...]] = {
    "events": (
        ("id", _S),
        ("date_start", _D),
        ("date_end", _D),
        ("date_precision", _S),
        ("cameo", _S),
        *_ACLED_TYPES.items(),
        ("acled_left_out", _S),
        ("acled_fatalities", _I),
        ("ucdp_best", _I),
        ("ucdp_low", _I),
        ("ucdp_high", _I),
        (RECORD_COLUMN, _S),
    ),
    "figures": (
        ("event", _S),
        ("id", _S),
        ("quantity", _S),
        ("subject_actor", _S),
        ("subject_category", _S),
        ("kind", _S),
        ("phrase", _S),
        ("low", _I),
        ("high", _I),
        ("term", _S),
        ("strict", _B),
        ("most_likely", _I),
        ("basis", _S),
        ("claimant", _S),
        ("stated_on_start", _D),
        ("stated_on_end", _D),
        ("stated_on_precision", _S),
        ("scope", _S),
        ("period_start", _D),
        ("period_end", _D),
        ("period_precision", _S),
        ("partial", _B),
        ("status", _S),
        ("revised_by", _S),
        ("channel", _S),
        ("relay", _S),
        ("evidence_document", _S),
        ("evidence_phrase", _S),
        ("notes", _S),
    ),
    "actors": (
        ("id", _S),
        ("name", _S),
        ("cameo", _S),
        ("country", _S),
        ("inter", _I),
        ("aliases", _L),
        ("notes", _S),
        (RECORD_COLUMN, _S),
    ),
    "claimants": (
        ("id", _S),
        ("name", _S),
        ("kind", _S),
        ("speaks_for", _S),
        ("country", _S),
        ("notes", _S),
        (RECORD_COLUMN, _S),
    ),
    "documents": (
        ("id", _S),
        ("outlet", _S),
        ("title", _S),
        ("published", _D),
        ("language", _S),
        ("url", _S),
        ("source_scale", _S),
        ("notes", _S),
        (RECORD_COLUMN, _S),
    ),
}

Columns = dict[str, list[Any]]


def record_json(record: Record) -> str:
    """Return a record's canonical JSON: its JSON Lines line without ``record`` or line end.

    The fields eventcode's serializer writes (those at their default left out), compact, in
    the model's field order; reading it back gives the record again.
    """
    return json.dumps(unstructure_record(record), ensure_ascii=False, separators=(",", ":"))


def _empty(table: str) -> Columns:
    return {name: [] for name, _ in SCHEMAS[table]}


def _span(span: DateSpan | None) -> tuple[date | None, date | None, str | None]:
    if span is None:
        return None, None, None
    return span.start, span.last, span.precision.value


def _value(text: str, kind: str) -> Any:
    """Read a rendered ACLED cell as its column's type; ``None`` for a blank or odd cell."""
    if kind == _S:
        return text
    if not text:
        return None
    try:
        if kind == _I:
            return int(text)
        if kind == _F:
            return float(text)
        return date.fromisoformat(text)
    except ValueError:  # a kept cell the writer writes as it was kept: in the record column
        return None


def _events(dataset: Dataset, chosen: Policy) -> Columns:
    columns = _empty("events")
    options = AcledOptions(codes=CodeStyle.NUMERIC, dates=DateStyle.ISO, policy=chosen.name)
    _, rows, report = acled_event_rows(dataset, options, hold_cells=True)
    written: defaultdict[str, deque[dict[str, str]]] = defaultdict(deque)
    for written_event, row in rows:
        written[written_event.id].append(row)
    left_out: defaultdict[str, deque[str]] = defaultdict(deque)
    for left in report.left_out:
        left_out[left.event].append(left.reason)
    for event, derived in zip(dataset.events, derive(dataset, chosen), strict=True):
        start, end, precision = _span(event.date)
        cells = written[event.id].popleft() if written[event.id] else None
        reason = left_out[event.id].popleft() if cells is None and left_out[event.id] else None
        values: dict[str, Any] = {
            "id": event.id,
            "date_start": start,
            "date_end": end,
            "date_precision": precision,
            "cameo": event.cameo,
            "acled_left_out": reason,
            "acled_fatalities": derived.acled_fatalities.value,
            "ucdp_best": derived.ucdp.best.value,
            "ucdp_low": derived.ucdp.low.value,
            "ucdp_high": derived.ucdp.high.value,
            RECORD_COLUMN: record_json(event),
        }
        for column, kind in _ACLED_TYPES.items():
            values[column] = None if cells is None else _value(cells.get(column, ""), kind)
        for name, found in values.items():
            columns[name].append(found)
    return columns


def _figure_values(event: Event, figure: Figure) -> dict[str, Any]:
    value = figure.value
    stated = _span(None if figure.stated_on is None else span_of(figure.stated_on))
    period = _span(figure.period)
    evidence = figure.evidence
    return {
        "event": event.id,
        "id": figure.id,
        "quantity": figure.quantity,
        "subject_actor": figure.subject.actor,
        "subject_category": (
            None if figure.subject.category is None else figure.subject.category.value
        ),
        "kind": value.kind.value,
        "phrase": value.phrase,
        "low": value.low,
        "high": value.high,
        "term": value.term,
        "strict": value.strict,
        "most_likely": value.most_likely,
        "basis": figure.basis.value,
        "claimant": figure.claimant,
        "stated_on_start": stated[0],
        "stated_on_end": stated[1],
        "stated_on_precision": stated[2],
        "scope": figure.scope.value,
        "period_start": period[0],
        "period_end": period[1],
        "period_precision": period[2],
        "partial": figure.partial,
        "status": figure.status.value,
        "revised_by": figure.revised_by,
        "channel": figure.channel,
        "relay": figure.relay,
        "evidence_document": None if evidence is None else evidence.document,
        "evidence_phrase": None if evidence is None else evidence.phrase,
        "notes": figure.notes,
    }


def _figures(dataset: Dataset) -> Columns:
    columns = _empty("figures")
    for event in dataset.events:
        for figure in event.figures:
            for name, found in _figure_values(event, figure).items():
                columns[name].append(found)
    return columns


def _actor(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "cameo": actor.cameo,
        "country": actor.country,
        "inter": actor.inter,
        "aliases": list(actor.aliases),
        "notes": actor.notes,
    }


def _claimant(claimant: Claimant) -> dict[str, Any]:
    return {
        "id": claimant.id,
        "name": claimant.name,
        "kind": claimant.kind.value,
        "speaks_for": claimant.speaks_for,
        "country": claimant.country,
        "notes": claimant.notes,
    }


def _document(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "outlet": document.outlet,
        "title": document.title,
        "published": document.published,
        "language": document.language,
        "url": document.url,
        "source_scale": document.source_scale,
        "notes": document.notes,
    }


def _records(
    table: str, records: Sequence[Any], values: Callable[[Any], dict[str, Any]]
) -> Columns:
    columns = _empty(table)
    for record in records:
        for name, found in values(record).items():
            columns[name].append(found)
        columns[RECORD_COLUMN].append(record_json(record))
    return columns


def dataset_columns(dataset: Dataset, policy: Policy | str | None = None) -> dict[str, Columns]:
    """Return every table of ``dataset`` as columns of Python values, in :data:`TABLES` order.

    ``policy`` (a name, a :class:`~eventcode.rules.Policy`, ``None`` for the default) derives
    the events' numbers and the ACLED ``fatalities`` their rows would hold.
    """
    chosen = get_policy(policy)
    return {
        "events": _events(dataset, chosen),
        "figures": _figures(dataset),
        "actors": _records("actors", dataset.actors, _actor),
        "claimants": _records("claimants", dataset.claimants, _claimant),
        "documents": _records("documents", dataset.documents, _document),
    }
