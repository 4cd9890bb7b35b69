"""CAMEO actor codes: split a code into 3-letter parts and name each part."""

from __future__ import annotations

import functools
from collections.abc import Mapping

import attrs

from ._errors import UnknownCodeError, nearest
from ._load import read_tsv

__all__ = [
    "ACTOR_TABLES",
    "CameoActorCode",
    "CameoActorPart",
    "CameoActorTableEntry",
    "cameo_actor_table",
    "parse_cameo_actor",
]

PART_LENGTH = 3
MAX_PARTS = 5

ACTOR_TABLES = ("country", "role", "known_group", "religion", "ethnic")
"""Names of the actor-code tables, as used in :attr:`CameoActorPart.table`."""

TABLE_FILES = {
    "country": "cameo_actor_countries.tsv",
    "role": "cameo_actor_roles.tsv",
    "known_group": "cameo_actor_known_groups.tsv",
    "religion": "cameo_actor_religion.tsv",
    "ethnic": "cameo_actor_ethnic.tsv",
}
# Which table is preferred for the first part and for later parts.
_FIRST_ORDER = ("country", "role", "known_group", "religion", "ethnic")
_LATER_ORDER = ("role", "known_group", "religion", "ethnic", "country")


@attrs.frozen
class CameoActorTableEntry:
    """One row of an actor-code table.

    Attributes:
        table: the table name (see :data:`ACTOR_TABLES`).
        code: the 3-letter code as the table spells it (ethnic codes are lower-case).
        meaning: its label (the corrected spelling where GDELT's has a typo).
        kind: a finer class: ``country``/``region``/``place`` in the country table; the
            role category (``primary_role``, ``secondary_role``, ``tertiary_role``,
            ``international``, ``organization``) in the role table; else the table name.
        note: remarks on upstream defects, or ``""``.

    """

    table: str
    code: str
    meaning: str
    kind: str
    note: str = ""


@attrs.frozen
class CameoActorPart:
    """One 3-letter part of a CAMEO actor code.

    Attributes:
        text: the part exactly as it appears in the input.
        position: 0 for the first part.
        entry: the chosen interpretation, or ``None`` when the part is invalid.
        alternatives: other tables that also define these three letters.
        problem: why the part is invalid, or ``""``.

    """

    text: str
    position: int
    entry: CameoActorTableEntry | None
    alternatives: tuple[CameoActorTableEntry, ...] = ()
    problem: str = ""

    @property
    def table(self) -> str | None:
        """The table the chosen interpretation comes from, or ``None``."""
        return None if self.entry is None else self.entry.table

    @property
    def meaning(self) -> str | None:
        """The meaning of the part, or ``None`` when invalid."""
        return None if self.entry is None else self.entry.meaning

    @property
    def is_valid(self) -> bool:
        """Whether the part was found in a table."""
        return not self.problem


@attrs.frozen
class CameoActorCode:
    """A parsed CAMEO actor code; ``"".join(p.text for p in parts) == code`` always holds.

    Attributes:
        code: the input.
        parts: the 3-letter parts, general to specific (a short last part if the length
            is not a multiple of 3).
        problems: human-readable problems (empty when the code is valid).

    """

    code: str
    parts: tuple[CameoActorPart, ...]
    problems: tuple[str, ...] = ()

    @property
    def is_valid(self) -> bool:
        """Whether every part resolved and the code's length is acceptable."""
        return not self.problems

    def __str__(self) -> str:
        return "".join(part.text for part in self.parts)


@functools.cache
def _tables() -> Mapping[str, Mapping[str, CameoActorTableEntry]]:
    tables: dict[str, dict[str, CameoActorTableEntry]] = {}
    for table, filename in TABLE_FILES.items():
        entries: dict[str, CameoActorTableEntry] = {}
        for row in read_tsv(filename):
            kind = row.get("kind") or row.get("category") or table
            if row["code"].upper() in entries:
                raise ValueError(f"{filename}: duplicate code {row['code']!r}")
            entries[row["code"].upper()] = CameoActorTableEntry(
                table, row["code"], row["label"], kind, row.get("note", "")
            )
        tables[table] = entries
    return tables


@functools.cache
def _all_codes() -> tuple[str, ...]:
    return tuple(sorted({code for entries in _tables().values() for code in entries}))


def cameo_actor_table(table: str) -> tuple[CameoActorTableEntry, ...]:
    """Return every entry of one actor-code table (see :data:`ACTOR_TABLES`).

    Raises:
        UnknownCodeError: ``table`` is not a table name.

    """
    tables = _tables()
    if table not in tables:
        raise UnknownCodeError(table, "cameo_actor_tables", nearest(table, tables))
    return tuple(tables[table].values())


def _resolve(text: str, position: int) -> CameoActorPart:
    if len(text) != PART_LENGTH:
        return CameoActorPart(
            text, position, None, (), f"part {position + 1} {text!r} is not three letters long"
        )
    key = text.upper()
    order = _FIRST_ORDER if position == 0 else _LATER_ORDER
    found = [tables[key] for tables in (_tables()[name] for name in order) if key in tables]
    if not found:
        hint = _part_suggestions(key, position)[:3]
        problem = f"part {position + 1} {text!r} is in no CAMEO actor table"
        if hint:
            problem += " (nearest: " + ", ".join(hint) + ")"
        return CameoActorPart(text, position, None, (), problem)
    return CameoActorPart(text, position, found[0], tuple(found[1:]))


def _part_suggestions(key: str, position: int) -> tuple[str, ...]:
    """Codes one letter away from ``key``, preferred tables first; then difflib's."""
    order = _FIRST_ORDER if position == 0 else _LATER_ORDER
    out: list[str] = []
    for name in order:
        for code in _tables()[name]:
            if len(code) != len(key) or code in out:
                continue
            if sum(a != b for a, b in zip(code, key, strict=True)) == 1:
                out.append(code)
    out += [c for c in nearest(key, _all_codes(), n=5) if c not in out]
    return tuple(out[:5])


def parse_cameo_actor(code: str, *, strict: bool = False) -> CameoActorCode:
    """Split a CAMEO actor code (``"RUSGOVMIL"``) into named 3-letter parts.

    The first part is looked up first among countries and regions, later parts first
    among roles; other tables defining the same letters are listed as alternatives.
    Parsing never loses text: joining the parts' ``text`` gives ``code`` back.

    Args:
        code: the actor code, e.g. ``"UKRGOV"`` or ``"IGOUNOREFHCR"``.
        strict: raise instead of reporting problems in the result.

    Raises:
        UnknownCodeError: only when ``strict`` and the code has a problem.

    """
    parts = tuple(
        _resolve(code[start : start + PART_LENGTH], index)
        for index, start in enumerate(range(0, len(code), PART_LENGTH))
    )
    problems = [part.problem for part in parts if part.problem]
    if not code:
        problems.append("empty actor code")
    if len(parts) > MAX_PARTS:
        problems.append(f"{len(parts)} parts; CAMEO coders allow at most {MAX_PARTS} (15 letters)")
    if strict and problems:
        bad = next((p for p in parts if p.problem and len(p.text) == PART_LENGTH), None)
        suggestions = _part_suggestions(bad.text.upper(), bad.position) if bad else ()
        raise UnknownCodeError(code, "cameo_actor_codes", suggestions, detail="; ".join(problems))
    return CameoActorCode(code, parts, tuple(problems))
