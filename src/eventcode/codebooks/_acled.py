"""ACLED event taxonomy, actor types, interactions and small enumerations."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TypeVar

import attrs

from ._errors import UnknownCodeError, code_number, nearest
from ._load import read_tsv

T = TypeVar("T")

__all__ = [
    "AcledActorType",
    "AcledEventType",
    "AcledInteraction",
    "AcledPrecision",
    "AcledSubEventType",
    "acled_actor_type",
    "acled_actor_types",
    "acled_civilian_targeting_values",
    "acled_disorder_types",
    "acled_disorder_types_for",
    "acled_event_type",
    "acled_event_types",
    "acled_geo_precision",
    "acled_interaction",
    "acled_source_scale_parts",
    "acled_source_scales",
    "acled_sub_event_type",
    "acled_sub_event_types",
    "acled_time_precision",
    "acled_valid_interactions",
    "is_acled_civilian_targeting",
    "is_acled_disorder_type",
    "is_acled_source_scale",
    "parse_acled_interaction",
]

DISORDER_SEPARATOR = "; "


@attrs.frozen
class AcledSubEventType:
    """One of ACLED's 25 sub-event types.

    Attributes:
        name: the sub-event type as ACLED writes it (``"Armed clash"``).
        event_type: its parent event type (``"Battles"``).
        disorder_type: the ``disorder_type`` column value ACLED writes for it
            (``"Political violence; Demonstrations"`` for the combined case).
        disorder_types: the components of ``disorder_type``.

    """

    name: str
    event_type: str
    disorder_type: str
    disorder_types: tuple[str, ...]


@attrs.frozen
class AcledEventType:
    """One of ACLED's 6 event types.

    Attributes:
        name: the event type (``"Explosions/Remote violence"``).
        sub_event_types: its sub-event types, in codebook order.
        disorder_types: the ``disorder_type`` column values its sub-event types carry.

    """

    name: str
    sub_event_types: tuple[str, ...]
    disorder_types: tuple[str, ...]


@attrs.frozen
class AcledActorType:
    """An ACLED actor type (the ``inter1``/``inter2`` columns).

    Attributes:
        code: the numeric code, 1 to 8.
        label: the text label used by exports since mid-2024 (``"State forces"``).

    """

    code: int
    label: str


@attrs.frozen
class AcledInteraction:
    """An ACLED interaction code (the ``interaction`` column).

    Attributes:
        code: the numeric form (``18``; ``80`` for a one-actor event).
        label: the text form (``"State forces-External/Other forces"``, ``"Protesters only"``).
        actor_types: the actor-type codes involved, lower first (one for one-actor events).
        note: a remark on ACLED's labelling (e.g. the reversed label of 78), or ``""``.

    """

    code: int
    label: str
    actor_types: tuple[int, ...]
    note: str = ""


@attrs.frozen
class AcledPrecision:
    """A time or geo precision code.

    Attributes:
        field: ``"time_precision"`` or ``"geo_precision"``.
        code: 1, 2 or 3.
        meaning: what the code says about the date or place.

    """

    field: str
    code: int
    meaning: str


# --------------------------------------------------------------------------- tables


@functools.cache
def _sub_event_types() -> Mapping[str, AcledSubEventType]:
    return {
        row["sub_event_type"]: AcledSubEventType(
            name=row["sub_event_type"],
            event_type=row["event_type"],
            disorder_type=row["disorder_type"],
            disorder_types=tuple(row["disorder_type"].split(DISORDER_SEPARATOR)),
        )
        for row in read_tsv("acled_sub_event_types.tsv")
    }


@functools.cache
def _event_types() -> Mapping[str, AcledEventType]:
    subs: dict[str, list[str]] = {}
    disorders: dict[str, list[str]] = {}
    for sub in _sub_event_types().values():
        subs.setdefault(sub.event_type, []).append(sub.name)
        seen = disorders.setdefault(sub.event_type, [])
        if sub.disorder_type not in seen:
            seen.append(sub.disorder_type)
    return {name: AcledEventType(name, tuple(subs[name]), tuple(disorders[name])) for name in subs}


@functools.cache
def _disorder_types() -> tuple[str, ...]:
    return tuple(row["disorder_type"] for row in read_tsv("acled_disorder_types.tsv"))


@functools.cache
def _actor_types() -> tuple[Mapping[int, AcledActorType], Mapping[str, AcledActorType]]:
    by_code = {
        int(row["code"]): AcledActorType(int(row["code"]), row["label"])
        for row in read_tsv("acled_actor_types.tsv")
    }
    return by_code, {t.label: t for t in by_code.values()}


@functools.cache
def _interactions() -> tuple[Mapping[int, AcledInteraction], Mapping[str, AcledInteraction]]:
    by_code: dict[int, AcledInteraction] = {}
    for row in read_tsv("acled_interactions.tsv"):
        kinds = tuple(int(row[k]) for k in ("actor_type_1", "actor_type_2") if row[k])
        by_code[int(row["code"])] = AcledInteraction(
            int(row["code"]), row["label"], kinds, row["note"]
        )
    return by_code, {i.label: i for i in by_code.values()}


@functools.cache
def _precision() -> Mapping[tuple[str, int], AcledPrecision]:
    return {
        (row["field"], int(row["code"])): AcledPrecision(
            row["field"], int(row["code"]), row["meaning"]
        )
        for row in read_tsv("acled_precision.tsv")
    }


@functools.cache
def _source_scales() -> tuple[str, ...]:
    return tuple(row["scale"] for row in read_tsv("acled_source_scales.tsv"))


@functools.cache
def _civilian_targeting() -> tuple[str, ...]:
    return tuple(row["value"] for row in read_tsv("acled_civilian_targeting.tsv"))


# --------------------------------------------------------------------------- taxonomy


def acled_sub_event_type(name: str) -> AcledSubEventType:
    """Return the sub-event type ``name`` (exact spelling) with its event and disorder type.

    Raises:
        UnknownCodeError: ``name`` is not one of the 25 sub-event types.

    """
    found = _sub_event_types().get(name)
    if found is None:
        raise UnknownCodeError(name, "acled_sub_event_types", nearest(name, _sub_event_types()))
    return found


def acled_event_type(name: str) -> AcledEventType:
    """Return the event type ``name`` with its sub-event types and disorder types.

    Raises:
        UnknownCodeError: ``name`` is not one of the 6 event types.

    """
    found = _event_types().get(name)
    if found is None:
        raise UnknownCodeError(name, "acled_event_types", nearest(name, _event_types()))
    return found


def acled_event_types() -> tuple[str, ...]:
    """Return the 6 ACLED event types in codebook order."""
    return tuple(_event_types())


def acled_sub_event_types(event_type: str | None = None) -> tuple[str, ...]:
    """Return all 25 sub-event types, or those of ``event_type`` when it is given.

    Raises:
        UnknownCodeError: ``event_type`` is given and unknown.

    """
    if event_type is None:
        return tuple(_sub_event_types())
    return acled_event_type(event_type).sub_event_types


def acled_disorder_types() -> tuple[str, ...]:
    """Return the valid ``disorder_type`` values, including the combined one.

    The combined value is ``"Political violence; Demonstrations"``.
    """
    return _disorder_types()


def is_acled_disorder_type(value: str) -> bool:
    """Return whether ``value`` is a valid ``disorder_type`` column value."""
    return value in _disorder_types()


def acled_disorder_types_for(name: str) -> tuple[str, ...]:
    """Return the ``disorder_type`` values valid for an event type or a sub-event type.

    A sub-event type has exactly one; an event type has those of its sub-event types
    (``Protests``: ``Political violence; Demonstrations`` and ``Demonstrations``).

    Raises:
        UnknownCodeError: ``name`` is neither an event type nor a sub-event type.

    """
    sub = _sub_event_types().get(name)
    if sub is not None:
        return (sub.disorder_type,)
    event = _event_types().get(name)
    if event is not None:
        return event.disorder_types
    choices = [*_event_types(), *_sub_event_types()]
    raise UnknownCodeError(name, "acled_event_types", nearest(name, choices))


# --------------------------------------------------------------------------- actor types


def acled_actor_types() -> tuple[AcledActorType, ...]:
    """Return the 8 actor types in code order."""
    return tuple(_actor_types()[0].values())


def _by_code_or_label(
    value: int | str, by_code: Mapping[int, T], by_label: Mapping[str, T]
) -> T | None:
    """Find an entry by its number (``8``, ``"8"``) or its text label; None when neither."""
    if isinstance(value, int) and not isinstance(value, bool):
        return by_code.get(value)
    text = str(value).strip()
    number = code_number(text)
    return by_code.get(number) if number is not None else by_label.get(text)


def acled_actor_type(value: int | str) -> AcledActorType:
    """Return the actor type for a numeric code (``8`` or ``"8"``) or a text label.

    Raises:
        UnknownCodeError: ``value`` is neither a code 1-8 nor an actor-type label.

    """
    by_code, by_label = _actor_types()
    found = _by_code_or_label(value, by_code, by_label)
    if found is None:
        choices = [*map(str, by_code), *by_label]
        raise UnknownCodeError(value, "acled_actor_types", nearest(str(value), choices))
    return found


# --------------------------------------------------------------------------- interactions


def acled_interaction(a: int | str, b: int | str | None = None) -> AcledInteraction:
    """Return the interaction of actor types ``a`` and ``b`` (order-independent).

    With ``b`` omitted, ``None`` or ``0`` (numeric ``inter2`` is 0 without an actor2) the
    one-actor interaction ``10 * a`` is returned. Actor types may be codes or labels.

    Raises:
        UnknownCodeError: an actor type is unknown.

    """
    first = acled_actor_type(a).code
    second = None if b is None or b in (0, "0", "") else acled_actor_type(b).code
    if second is None:
        code = 10 * first
    else:
        low, high = sorted((first, second))
        code = 10 * low + high
    return _interactions()[0][code]


def acled_valid_interactions() -> frozenset[int]:
    """Return the 44 valid numeric interaction codes."""
    return frozenset(_interactions()[0])


def parse_acled_interaction(value: int | str) -> AcledInteraction:
    """Parse an ``interaction`` value in numeric (``18``, ``"18"``) or text form.

    The text form must be spelt as ACLED writes it (``"State forces-Civilians"``,
    ``"Protesters only"``, and the reversed ``"External/Other forces-Civilians"`` for 78).

    Raises:
        UnknownCodeError: ``value`` is not a valid interaction.

    """
    by_code, by_label = _interactions()
    found = _by_code_or_label(value, by_code, by_label)
    if found is None:
        text = str(value)
        choices = list(map(str, by_code)) if text.strip().isdigit() else list(by_label)
        canonical = _canonical_interaction_label(text.strip())
        suggestions = [canonical] if canonical else []
        suggestions += [s for s in nearest(text, choices) if s not in suggestions]
        raise UnknownCodeError(value, "acled_interactions", suggestions[:5])
    return found


def _canonical_interaction_label(text: str) -> str | None:
    """Return ACLED's spelling for a text interaction written in another order, if any."""
    labels = _actor_types()[1]
    for index, char in enumerate(text):
        if char == "-" and text[:index] in labels and text[index + 1 :] in labels:
            return acled_interaction(text[:index], text[index + 1 :]).label
    return None


# --------------------------------------------------------------------------- enumerations


def _precision_of(field: str, code: int | str) -> AcledPrecision:
    text = str(code).strip()
    number = code_number(text)
    found = _precision().get((field, number)) if number is not None else None
    if found is None:
        raise UnknownCodeError(code, f"acled_{field}", ("1", "2", "3"))
    return found


def acled_time_precision(code: int | str) -> AcledPrecision:
    """Return the meaning of ``time_precision`` code 1, 2 or 3.

    Raises:
        UnknownCodeError: ``code`` is not 1, 2 or 3.

    """
    return _precision_of("time_precision", code)


def acled_geo_precision(code: int | str) -> AcledPrecision:
    """Return the meaning of ``geo_precision`` code 1, 2 or 3.

    Raises:
        UnknownCodeError: ``code`` is not 1, 2 or 3.

    """
    return _precision_of("geo_precision", code)


def acled_source_scales() -> tuple[str, ...]:
    """Return the single source scales (``Local`` ... ``New media``, ``Local partner``).

    A ``source_scale`` value is one of these or two different ones joined by a hyphen
    (``National-International``, ``Local partner-Other``).
    """
    return _source_scales()


def acled_source_scale_parts(value: str) -> tuple[str, ...]:
    """Split a ``source_scale`` value into its one or two scales, validating each.

    Raises:
        UnknownCodeError: a part is unknown, the same scale is repeated, or there are
            more than two parts.

    """
    scales = _source_scales()
    parts = tuple(value.split("-"))
    for part in parts:
        if part not in scales:
            raise UnknownCodeError(
                value,
                "acled_source_scales",
                nearest(part, scales),
                detail=f"unknown scale {part!r}",
            )
    if len(parts) > 2 or len(set(parts)) != len(parts):
        raise UnknownCodeError(
            value,
            "acled_source_scales",
            detail="expected one scale or a pair of two different scales",
        )
    return parts


def is_acled_source_scale(value: str) -> bool:
    """Return whether ``value`` is a valid ``source_scale`` (a scale or a hyphenated pair)."""
    try:
        acled_source_scale_parts(value)
    except UnknownCodeError:
        return False
    return True


def acled_civilian_targeting_values() -> tuple[str, ...]:
    """Return the ``civilian_targeting`` values found in real files: the label and ``""``."""
    return _civilian_targeting()


def is_acled_civilian_targeting(value: str) -> bool:
    """Return whether ``value`` is a valid ``civilian_targeting`` value (exact match)."""
    return value in _civilian_targeting()
