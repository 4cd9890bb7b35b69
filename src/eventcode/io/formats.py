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


_EXTENSIONS = {".json": Format.JSON, ".jsonl": Format.JSONL, ".ndjson": Format.JSONL}


def sniff_format(head: bytes) -> Format:
    """Guess a format from the first bytes of a file: a first line with a ``record`` is JSONL."""
    first_line = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    if first_line.startswith(b"{") and b'"record"' in first_line:
        return Format.JSONL
    return Format.JSON


def format_for_path(path: str | Path, head: bytes | None = None) -> Format:
    """Return the format of ``path`` by its extension, else by its first bytes ``head``.

    Raises :class:`UnknownFormatError` when neither tells.
    """
    suffix = Path(path).suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if head is not None:
        return sniff_format(head)
    known = ", ".join(sorted(_EXTENSIONS))
    raise UnknownFormatError(f"cannot tell the format of {str(path)!r}: use one of {known}")
