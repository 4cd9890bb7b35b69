"""What can still be checked of a record that failed to load.

A record with a shape error is not loaded, but its other problems should not wait for the next
round: one bad figure value should not hide that the event's CAMEO code does not exist or that
it names an actor nobody defined. :func:`salvage` removes from the JSON value the smallest parts
that failed -- an optional field, an unknown field, or the element of a list (a figure, a
document id) -- and builds the record from the rest. Validation checks the salvaged record and
reports what it finds, except findings inside or about the parts removed; the record itself
stays unloaded. A required field of the record itself that fails (an event's date) leaves
nothing to salvage.
"""

from __future__ import annotations

import copy
import typing
from collections.abc import Iterable
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

import attrs

from eventcode.findings import Finding
from eventcode.io._converter import converter
from eventcode.jsonpath import join_index, join_key, split
from eventcode.model.items import KINDS, Record, RecordKind, Salvage

__all__ = ["salvage"]


def _inner(hint: Any) -> Any:
    """Unwrap ``X | None`` and ``tuple[X, ...]`` to the type a nested value has."""
    if get_origin(hint) in (UnionType, Union):
        args = [a for a in get_args(hint) if a is not NoneType]
        attrs_args = [a for a in args if attrs.has(a)]
        return attrs_args[0] if attrs_args else (args[0] if args else hint)
    if get_origin(hint) is tuple:
        return _inner(get_args(hint)[0])
    return hint


def _optional(cls: Any, key: str) -> bool:
    """Return True when ``key`` may be left out of a ``cls`` object (or is not a field at all)."""
    if not attrs.has(cls):
        return False
    fields = {f.name: f for f in attrs.fields(cls)}
    return key not in fields or fields[key].default is not attrs.NOTHING


def _removable(
    value: Any, cls: Any, parts: tuple[str | int, ...], base: str
) -> tuple[Any, str | int, str] | None:
    """Find the smallest removable part on the way to ``parts``: (container, step, its path).

    ``None`` when nothing on the way can be removed (a required field of the record itself).
    """
    chain: list[tuple[Any, Any, str | int, str]] = []  # (container, its class, step, path)
    node, kind, path = value, cls, base
    for step in parts:
        chain.append((node, kind, step, path))
        if isinstance(step, int):
            if type(node) is not list or step >= len(node):
                break
            node, path = node[step], join_index(path, step)
        else:
            if type(node) is not dict or step not in node:
                break
            hints = typing.get_type_hints(kind) if attrs.has(kind) else {}
            node, kind, path = node[step], _inner(hints.get(step)), join_key(path, step)
    for container, owner, step, where in reversed(chain):
        if isinstance(step, int) and type(container) is list and step < len(container):
            return container, step, join_index(where, step)
        if isinstance(step, str) and type(container) is dict and _optional(owner, step):
            return container, step, join_key(where, step)
    return None


def salvage(kind: RecordKind, value: Any, path: str, findings: Iterable[Finding]) -> Salvage | None:
    """Return the record built from ``value`` without the parts ``findings`` name, or ``None``."""
    if type(value) is not dict:
        return None
    pruned = copy.deepcopy(value)
    cls = KINDS[kind]
    depth = len(split(path))
    marked: dict[int, tuple[Any, set[str | int]]] = {}
    removed_paths: list[str] = []
    for finding in findings:
        parts = split(finding.location.path or path)[depth:]
        if not parts:
            return None  # the record as a whole is wrong
        found = _removable(pruned, cls, parts, path)
        if found is None:
            return None
        container, step, where = found
        marked.setdefault(id(container), (container, set()))[1].add(step)
        if where not in removed_paths:
            removed_paths.append(where)
    removed_ids: list[str] = []
    for container, steps in marked.values():
        # indices from the end, so one removal does not shift the next
        for step in sorted(steps, key=lambda s: s if isinstance(s, int) else -1, reverse=True):
            gone = container.pop(step) if isinstance(step, int) else container.pop(step, None)
            if type(gone) is dict and type(gone.get("id")) is str:
                removed_ids.append(gone["id"])
    try:
        record: Record = converter().structure(pruned, cls)
    except Exception:  # still not a record: nothing more to check
        return None
    return Salvage(
        record=record,
        path=path,
        pruned_paths=tuple(removed_paths),
        pruned_ids=tuple(removed_ids),
    )
