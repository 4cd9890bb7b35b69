"""Where each packaged codebook table comes from (loaded from ``provenance.json``)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import attrs

from ._errors import UnknownCodeError, nearest
from ._load import read_json

__all__ = ["TableProvenance", "UpstreamSource", "codebook_provenance", "codebook_tables"]


@attrs.frozen
class UpstreamSource:
    """One upstream source of a table.

    Attributes:
        repository: e.g. ``"YellowbrickData/YmSamples"`` (or a description when not a repo).
        path: the file within it.
        commit: the commit the file was taken from, or ``""``.
        note: what the source contributed.

    """

    repository: str
    path: str
    commit: str
    note: str = ""

    def cite(self) -> str:
        """Return a one-line citation ``repository@commit7 path``."""
        at = f"@{self.commit[:7]}" if self.commit else ""
        return f"{self.repository}{at} {self.path}".strip()


@attrs.frozen
class TableProvenance:
    """Provenance of one packaged data file.

    Attributes:
        table: the data file name (``"cameo_event_codes.tsv"``).
        title: what the table holds.
        version: the codebook version(s) it represents.
        rows: the number of data rows.
        upstream: the sources it was built from.
        processing: what eventcode did to the upstream data.
        unverified: facts in the table that could not be confirmed, or ``""``.

    """

    table: str
    title: str
    version: str
    rows: int
    upstream: tuple[UpstreamSource, ...]
    processing: str
    unverified: str = ""

    def line(self) -> str:
        """Return a one-line summary: title, version and first upstream citation."""
        source = self.upstream[0].cite() if self.upstream else "no upstream"
        return f"{self.title} - {self.version} - from {source}"


def _source(raw: Mapping[str, Any]) -> UpstreamSource:
    return UpstreamSource(
        repository=str(raw.get("repository", "")),
        path=str(raw.get("path", "")),
        commit=str(raw.get("commit", "")),
        note=str(raw.get("note", "")),
    )


@functools.cache
def _tables() -> Mapping[str, TableProvenance]:
    raw: Mapping[str, Mapping[str, Any]] = read_json("provenance.json")["tables"]
    return {
        name: TableProvenance(
            table=name,
            title=str(entry["title"]),
            version=str(entry["version"]),
            rows=int(entry["rows"]),
            upstream=tuple(_source(source) for source in entry["upstream"]),
            processing=str(entry["processing"]),
            unverified=str(entry.get("unverified", "")),
        )
        for name, entry in raw.items()
    }


def codebook_tables() -> tuple[str, ...]:
    """Return the names of all packaged data files that have provenance."""
    return tuple(_tables())


def codebook_provenance(table: str) -> TableProvenance:
    """Return the provenance of data file ``table`` (``.tsv`` suffix optional).

    Raises:
        UnknownCodeError: no such table.

    """
    tables = _tables()
    found = tables.get(table) or tables.get(f"{table}.tsv")
    if found is None:
        raise UnknownCodeError(table, "codebook_tables", nearest(table, tables))
    return found
