"""CAMEO event codes: labels, hierarchy, QuadClass and Goldstein scores."""

from __future__ import annotations

import functools
from collections.abc import Mapping

import attrs

from ._errors import UnknownCodeError, nearest
from ._load import read_tsv

__all__ = [
    "QUAD_CLASS_MAPPING",
    "CameoEventCode",
    "cameo_children",
    "cameo_event",
    "cameo_event_codes",
    "cameo_parent_chain",
    "cameo_quad_class_name",
    "is_cameo_event_code",
]

QUAD_CLASS_MAPPING = "gdelt"
"""The QuadClass mapping used: GDELT's (roots 01-05: 1, 06-09: 2, 10-14: 3, 15-20: 4)."""

CAMEO_MANUAL = "cameo-1.1b3"
GDELT_LOOKUP = "gdelt"


@attrs.frozen
class CameoEventCode:
    """A CAMEO event code.

    Attributes:
        code: the code as a string of 2-4 digits; leading zeros are kept (``"010"``).
        label: the label in the CAMEO 1.1b3 manual (the preferred label).
        gdelt_label: the label in GDELT's ``CAMEO.eventcodes.txt``, or ``None`` when the
            code is absent from GDELT's lookup.
        level: depth in the hierarchy: 1 for a root (``"19"``), 2 (``"190"``), 3 (``"1951"``).
        parent: the code less its last digit, or ``None`` for a root.
        root: the first two digits.
        quad_class: QuadClass 1-4 under the ``"gdelt"`` mapping.
        quad_class_name: e.g. ``"Material conflict"``.
        goldstein: GDELT's Goldstein score (-10 to +10), or ``None`` when GDELT has none
            (``106`` and the five manual-only codes); never invented.
        sources: where the code is listed: ``"cameo-1.1b3"`` and/or ``"gdelt"``.
        note: remarks on known defects, or ``""``.

    """

    code: str
    label: str
    gdelt_label: str | None
    level: int
    parent: str | None
    root: str
    quad_class: int
    quad_class_name: str
    goldstein: float | None
    sources: tuple[str, ...]
    note: str = ""

    @property
    def in_gdelt(self) -> bool:
        """Whether GDELT's CAMEO lookup lists this code."""
        return GDELT_LOOKUP in self.sources

    @property
    def in_manual(self) -> bool:
        """Whether the CAMEO 1.1b3 manual lists this code."""
        return CAMEO_MANUAL in self.sources


@functools.cache
def _quad_names() -> Mapping[int, str]:
    return {
        int(row["quad_class"]): row["name"]
        for row in read_tsv("cameo_quad_classes.tsv")
        if row["mapping"] == QUAD_CLASS_MAPPING
    }


@functools.cache
def _codes() -> Mapping[str, CameoEventCode]:
    names = _quad_names()
    table: dict[str, CameoEventCode] = {}
    for row in read_tsv("cameo_event_codes.tsv"):
        quad = int(row["quad_class"])
        table[row["code"]] = CameoEventCode(
            code=row["code"],
            label=row["label"],
            gdelt_label=row["gdelt_label"] or None,
            level=int(row["level"]),
            parent=row["parent"] or None,
            root=row["root"],
            quad_class=quad,
            quad_class_name=names[quad],
            goldstein=float(row["goldstein"]) if row["goldstein"] else None,
            sources=tuple(row["sources"].split(";")),
            note=row["note"],
        )
    return table


@functools.cache
def _children() -> Mapping[str, tuple[str, ...]]:
    kids: dict[str, list[str]] = {}
    for event in _codes().values():
        if event.parent is not None:
            kids.setdefault(event.parent, []).append(event.code)
    return {parent: tuple(codes) for parent, codes in kids.items()}


def _suggest(code: str) -> tuple[str, ...]:
    codes = _codes()
    ancestors = [code[:n] for n in range(len(code) - 1, 1, -1) if code[:n] in codes]
    # Same-length neighbours first (typos), then the nearest existing ancestor.
    close = nearest(code, codes, n=4, cutoff=0.5)
    out: list[str] = []
    for candidate in (*ancestors[:1], *close):
        if candidate not in out:
            out.append(candidate)
    return tuple(out[:5])


def cameo_event(code: str) -> CameoEventCode:
    """Return the CAMEO event code ``code`` (a string; ``"010"`` and ``"10"`` differ).

    Raises:
        UnknownCodeError: ``code`` is not in the CAMEO 1.1b3 manual or GDELT's lookup;
            suggestions name the nearest existing ancestor and similar codes.

    """
    found = _codes().get(code) if isinstance(code, str) else None
    if found is None:
        detail = "" if isinstance(code, str) else "CAMEO codes are strings; leading zeros matter"
        raise UnknownCodeError(code, "cameo_event_codes", _suggest(str(code)), detail=detail)
    return found


def is_cameo_event_code(code: str) -> bool:
    """Return whether ``code`` is a known CAMEO event code (strings only)."""
    return isinstance(code, str) and code in _codes()


def cameo_event_codes() -> tuple[str, ...]:
    """Return all 316 codes in table order (root, then its children depth-first)."""
    return tuple(_codes())


def cameo_parent_chain(code: str) -> tuple[CameoEventCode, ...]:
    """Return ``code`` and its ancestors, ending at its root (``1951`` -> 1951, 195, 19).

    Raises:
        UnknownCodeError: ``code`` is unknown.

    """
    chain = [cameo_event(code)]
    while chain[-1].parent is not None:
        chain.append(_codes()[chain[-1].parent])
    return tuple(chain)


def cameo_children(code: str) -> tuple[str, ...]:
    """Return the direct children of ``code`` (empty for a leaf).

    Raises:
        UnknownCodeError: ``code`` is unknown.

    """
    return _children().get(cameo_event(code).code, ())


def cameo_quad_class_name(quad_class: int) -> str:
    """Return the name of QuadClass 1-4 under the ``"gdelt"`` mapping.

    Raises:
        UnknownCodeError: ``quad_class`` is not 1-4.

    """
    name = _quad_names().get(quad_class)
    if name is None:
        raise UnknownCodeError(quad_class, "cameo_quad_classes", tuple(map(str, _quad_names())))
    return name
