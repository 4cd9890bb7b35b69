"""Telling formats apart, by extension first and by content second."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from eventcode.errors import UnknownFormatError

__all__ = ["Format", "format_for_path", "sniff_format"]


class Format(StrEnum):
    """The file formats eventcode reads and writes."""

    JSON = "json"
    JSONL = "jsonl"
    ACLED_CSV = "acled-csv"
    ACLED_JSON = "acled-json"
    UCDP_GED_CSV = "ucdp-ged-csv"
    PARQUET = "parquet"  # a folder: eventcode.frames


#: The formats ``eventcode convert`` writes (``--to``), in the order the command line lists them.
CONVERT_FORMATS = ("json", "jsonl", "acled-csv", "parquet", "ucdp-ged-csv")


_EXTENSIONS = {
    ".json": Format.JSON,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".csv": Format.ACLED_CSV,
    ".parquet": Format.PARQUET,
}


def sniff_format(head: bytes) -> Format:
    """Guess a format from the first bytes of a file.

    A first line with ``event_id_cnty`` and ``event_date`` is an ACLED CSV header; an object
    with ``data`` rows holding ``event_id_cnty`` is an ACLED API response; a first line with a
    ``record`` is JSONL; anything else is taken for a JSON dataset. A first line with
    ``date_start`` and ``best`` is a UCDP GED CSV header.
    """
    from eventcode.acled.reader import looks_like_acled_csv, looks_like_acled_json

    if looks_like_acled_csv(head):
        return Format.ACLED_CSV
    from eventcode.ucdp.columns import looks_like_ged_csv  # an ACLED file goes without UCDP's

    if looks_like_ged_csv(head):
        return Format.UCDP_GED_CSV
    if looks_like_acled_json(head):
        return Format.ACLED_JSON
    first_line = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    if first_line.startswith(b"{") and b'"record"' in first_line:
        return Format.JSONL
    return Format.JSON


def format_for_path(path: str | Path, head: bytes | None = None) -> Format:
    """Return the format of ``path`` by its extension, else by its first bytes ``head``.

    A ``.json`` file whose ``head`` is an ACLED API response is :attr:`Format.ACLED_JSON`; a
    ``.csv`` file whose ``head`` is a UCDP GED header is :attr:`Format.UCDP_GED_CSV`.

    Raises :class:`UnknownFormatError` when neither tells.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".json" and head is not None and sniff_format(head) is Format.ACLED_JSON:
        return Format.ACLED_JSON
    if suffix == ".csv" and head is not None and sniff_format(head) is Format.UCDP_GED_CSV:
        return Format.UCDP_GED_CSV
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if head is not None:
        return sniff_format(head)
    known = ", ".join(sorted(_EXTENSIONS))
    raise UnknownFormatError(f"cannot tell the format of {str(path)!r}: use one of {known}")
