"""PLOVER event types, modes, contexts and the 2021 CAMEO-to-PLOVER crosswalk."""

from __future__ import annotations

import functools
from collections.abc import Mapping

import attrs

from ._cameo import cameo_event, is_cameo_event_code
from ._errors import UnknownCodeError, nearest
from ._load import read_tsv

__all__ = [
    "CrosswalkEntry",
    "CrosswalkProblem",
    "PloverEventType",
    "plover_contexts",
    "plover_crosswalk",
    "plover_event_type",
    "plover_event_types",
    "plover_for_cameo",
    "unresolved_crosswalk_entries",
]


@attrs.frozen
class PloverEventType:
    """A PLOVER v2.0 (draft) event type.

    Attributes:
        name: e.g. ``"ASSAULT"``.
        quad_class: 1-4 (SANCTION: 4, see ``note``).
        quad_category: e.g. ``"Material Conflict"``.
        requires_recipient: whether the event needs a recipient actor.
        modes: the modes defined for the type (may be empty).
        cameo_roots: the CAMEO roots the PLOVER manual maps to it, as printed.
        note: remarks on inconsistencies in the source, or ``""``.

    """

    name: str
    quad_class: int
    quad_category: str
    requires_recipient: bool
    modes: tuple[str, ...]
    cameo_roots: str
    note: str = ""


@attrs.frozen
class CrosswalkEntry:
    """One row of PLOVER's CAMEO2PLOVER-2021 table, as published (draft 0.8).

    Attributes:
        line: line number in the published ``CAMEO2PLOVER-2021.txt``.
        cameo_code: the CAMEO code (a string).
        plover_event: the PLOVER event type.
        mode: the PLOVER mode, or ``None``.
        contexts: the PLOVER contexts (possibly several, possibly none).
        cameo_label: the CAMEO label written in the file's comment.

    """

    line: int
    cameo_code: str
    plover_event: str
    mode: str | None
    contexts: tuple[str, ...]
    cameo_label: str


@attrs.frozen
class CrosswalkProblem:
    """A crosswalk value that does not resolve against the code or PLOVER v2.0 tables.

    Attributes:
        entry: the crosswalk row.
        field: ``"cameo_code"``, ``"plover_event"``, ``"mode"``, ``"context"`` or
            ``"duplicate"``.
        value: the offending value.
        reason: a plain-language explanation.

    """

    entry: CrosswalkEntry
    field: str
    value: str
    reason: str


@functools.cache
def _event_types() -> Mapping[str, PloverEventType]:
    modes: dict[str, list[str]] = {}
    for row in read_tsv("plover_modes.tsv"):
        modes.setdefault(row["event_type"], []).append(row["mode"])
    return {
        row["event_type"]: PloverEventType(
            name=row["event_type"],
            quad_class=int(row["quad_class"]),
            quad_category=row["quad_category"],
            requires_recipient=row["requires_recipient"] == "yes",
            modes=tuple(modes.get(row["event_type"], ())),
            cameo_roots=row["cameo_roots"],
            note=row["note"],
        )
        for row in read_tsv("plover_event_types.tsv")
    }


@functools.cache
def _contexts() -> tuple[str, ...]:
    return tuple(row["context"] for row in read_tsv("plover_contexts.tsv"))


@functools.cache
def _crosswalk() -> tuple[CrosswalkEntry, ...]:
    return tuple(
        CrosswalkEntry(
            line=int(row["line"]),
            cameo_code=row["cameo_code"],
            plover_event=row["plover_event"],
            mode=row["plover_mode"] or None,
            contexts=tuple(c for c in row["plover_contexts"].split(";") if c),
            cameo_label=row["cameo_label_in_file"],
        )
        for row in read_tsv("cameo_plover_crosswalk_2021.tsv")
    )


@functools.cache
def _by_cameo() -> Mapping[str, tuple[CrosswalkEntry, ...]]:
    grouped: dict[str, list[CrosswalkEntry]] = {}
    for entry in _crosswalk():
        grouped.setdefault(entry.cameo_code, []).append(entry)
    return {code: tuple(entries) for code, entries in grouped.items()}


def plover_event_types() -> tuple[PloverEventType, ...]:
    """Return the 16 PLOVER event types."""
    return tuple(_event_types().values())


def plover_event_type(name: str) -> PloverEventType:
    """Return the PLOVER event type ``name`` (upper-case, e.g. ``"ASSAULT"``).

    Raises:
        UnknownCodeError: no such event type.

    """
    found = _event_types().get(name)
    if found is None:
        raise UnknownCodeError(name, "plover_event_types", nearest(name, _event_types()))
    return found


def plover_contexts() -> tuple[str, ...]:
    """Return the PLOVER v2.0 general contexts."""
    return _contexts()


def plover_crosswalk() -> tuple[CrosswalkEntry, ...]:
    """Return every crosswalk row as published, in file order (duplicates kept)."""
    return _crosswalk()


def plover_for_cameo(code: str, *, inherit: bool = False) -> tuple[CrosswalkEntry, ...]:
    """Return the crosswalk rows for CAMEO ``code`` (two rows for ``175``, as published).

    Args:
        code: a CAMEO code string. Codes only the crosswalk names (``1213``) are accepted.
        inherit: when ``code`` has no row of its own, use its nearest ancestor's rows
            (``1951`` -> ``195``).

    Returns:
        The rows; empty when the crosswalk does not map the code (roots 01 and 02 were
        dropped by PLOVER).

    Raises:
        UnknownCodeError: ``code`` is neither a CAMEO code nor in the crosswalk.

    """
    rows = _by_cameo().get(code)
    if rows is not None:
        return rows
    event = cameo_event(code)  # raises for unknown codes
    if inherit:
        while event.parent is not None:
            event = cameo_event(event.parent)
            rows = _by_cameo().get(event.code)
            if rows is not None:
                return rows
    return ()


def unresolved_crosswalk_entries() -> tuple[CrosswalkProblem, ...]:
    """Report every crosswalk value that does not resolve, in file order.

    Checked: the CAMEO code exists; the event type is a PLOVER v2.0 type; the mode is one
    of that type's v2.0 modes; each context is a v2.0 context; a CAMEO code appears once.
    """
    problems: list[CrosswalkProblem] = []
    types = _event_types()
    contexts = set(_contexts())
    seen: set[str] = set()
    for entry in _crosswalk():
        if not is_cameo_event_code(entry.cameo_code):
            problems.append(
                CrosswalkProblem(
                    entry, "cameo_code", entry.cameo_code, "not a CAMEO 1.1b3 or GDELT event code"
                )
            )
        if entry.cameo_code in seen:
            problems.append(
                CrosswalkProblem(
                    entry, "duplicate", entry.cameo_code, "CAMEO code mapped by more than one row"
                )
            )
        seen.add(entry.cameo_code)
        event = types.get(entry.plover_event)
        if event is None:
            problems.append(
                CrosswalkProblem(
                    entry, "plover_event", entry.plover_event, "not a PLOVER v2.0 event type"
                )
            )
        elif entry.mode is not None and entry.mode not in event.modes:
            problems.append(
                CrosswalkProblem(
                    entry, "mode", entry.mode, f"not a PLOVER v2.0 mode of {event.name}"
                )
            )
        problems.extend(
            CrosswalkProblem(entry, "context", context, "not a PLOVER v2.0 context")
            for context in entry.contexts
            if context not in contexts
        )
    return tuple(problems)
