"""ACLED's earlier names for codebook values, with the last date each can have been current."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date

import attrs

from ._load import read_tsv

__all__ = ["AcledRename", "acled_renamed", "acled_renames"]


@attrs.frozen
class AcledRename:
    """A value ACLED wrote under an earlier name.

    Attributes:
        field: the column whose value was renamed (``"region"``).
        old: the earlier name (``"Southern Asia"``).
        current: the name ACLED writes now (``"South Asia"``).
        until: the last day the earlier name can have been ACLED's (a row dated after it that
            still carries the old name was not written by ACLED as it stood then).
        sources: the keys of the sources in ``PROVENANCE.md`` that attest the rename.

    """

    field: str
    old: str
    current: str
    until: date
    sources: tuple[str, ...]

    def current_at(self, day: date) -> bool:
        """Tell whether the old name was still ACLED's on ``day``."""
        return day <= self.until


@functools.cache
def _renames() -> Mapping[tuple[str, str], AcledRename]:
    return {
        (row["field"], row["old"]): AcledRename(
            field=row["field"],
            old=row["old"],
            current=row["current"],
            until=date.fromisoformat(row["until"]),
            sources=tuple(row["source"].split("; ")),
        )
        for row in read_tsv("acled_renames.tsv")
    }


def acled_renames(field: str | None = None) -> tuple[AcledRename, ...]:
    """Return every rename in the table, or those of column ``field``."""
    return tuple(r for r in _renames().values() if field is None or r.field == field)


def acled_renamed(field: str, value: str) -> AcledRename | None:
    """Return the rename whose earlier name ``value`` is (in column ``field``), else ``None``."""
    return _renames().get((field, value))
