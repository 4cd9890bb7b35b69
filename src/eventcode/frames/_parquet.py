"""Parquet folders: one Parquet file per table and a manifest, written whole or not at all.

A folder ``DIR.parquet`` holds ``events.parquet``, ``figures.parquet``, ``actors.parquet``,
``claimants.parquet``, ``documents.parquet`` and ``manifest.json``. Reading it back reads the
``record`` column of the four record tables (``figures`` is a view of the events' figures) and
builds each record as the JSON readers do, with the same findings for what does not load.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from eventcode.errors import UnknownFormatError
from eventcode.findings import Finding, make_finding
from eventcode.frames._deps import require
from eventcode.frames._tables import RECORD_COLUMN
from eventcode.io._structure import structure_record, unloaded_marker
from eventcode.io._text import decode, parse_json_checked
from eventcode.io._version import check_version
from eventcode.io.atomic import OutputRefusedError, replace_atomic
from eventcode.io.limits import DEFAULT_LIMITS, Limits
from eventcode.jsonpath import ROOT, join_index, join_key
from eventcode.model.items import SECTION_OF, RecordItem, RecordKind, Unloaded

__all__ = [
    "MANIFEST",
    "PARQUET_FORMAT",
    "PARQUET_VERSION",
    "check_folder",
    "parquet_items",
    "write_folder",
]

#: The manifest's file name inside the folder.
MANIFEST = "manifest.json"
#: The manifest's ``format``: what tells an eventcode Parquet folder.
PARQUET_FORMAT = "eventcode-parquet"
#: The layout version of the folder this release writes and reads.
PARQUET_VERSION = 1
_BATCH_ROWS = 1024


def _manifest_of(folder: Path) -> dict[str, Any] | None:
    """Return the folder's manifest when it is an eventcode one, else ``None``."""
    try:
        value = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if type(value) is dict and value.get("format") == PARQUET_FORMAT else None


def check_folder(path: str | os.PathLike[str]) -> None:
    """Check that ``path`` is a folder eventcode may read as a Parquet dataset.

    Raises ``FileNotFoundError`` when nothing is there, :class:`~eventcode.UnknownFormatError`
    for a file (one Parquet file is not a dataset) or a folder with no ``manifest.json``, and
    :class:`~eventcode.errors.MissingExtraError` without pyarrow.
    """
    folder = Path(path)
    if not folder.exists():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), os.fspath(path))
    if not folder.is_dir():
        raise UnknownFormatError(
            f"{os.fspath(path)!r} is a file: eventcode reads Parquet folders (DIR.parquet, "
            "one Parquet file per table and manifest.json), as it writes them"
        )
    if not (folder / MANIFEST).is_file():
        raise UnknownFormatError(
            f"{os.fspath(path)!r} has no {MANIFEST}: it is not a Parquet folder eventcode wrote"
        )
    require("pyarrow.parquet", "reading a Parquet folder")


def _refuse(target: Path) -> None:
    """Raise :class:`OutputRefusedError` unless ``target`` is absent or an earlier output."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode) and _manifest_of(target) is not None:
        return
    what = "a directory that is not an eventcode Parquet folder" if stat.S_ISDIR(mode) else (
        "a symbolic link" if stat.S_ISLNK(mode) else "not a directory"
    )
    raise OutputRefusedError(
        errno.EEXIST,
        f"it is {what}; eventcode replaces only a Parquet folder it wrote (with {MANIFEST})",
        os.fspath(target),
    )


def write_folder(
    path: str | os.PathLike[str], tables: Mapping[str, Any], manifest: Mapping[str, Any]
) -> None:
    """Write Arrow ``tables`` (by name) and ``manifest`` as the folder ``path``, atomically.

    The folder is built beside the target under a hidden name and renamed into place; an
    earlier output there (a folder with an eventcode manifest) is replaced, anything else is
    refused (:class:`~eventcode.io.atomic.OutputRefusedError`). On any failure the earlier
    output stays as it was.
    """
    pq = require("pyarrow.parquet", "writing a Parquet folder")
    target = Path(path)
    _refuse(target)
    temporary = target.parent / f".eventcode-{secrets.token_hex(8)}.tmp"
    temporary.mkdir()
    try:
        for name, table in tables.items():
            pq.write_table(table, temporary / f"{name}.parquet")
        text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
        (temporary / MANIFEST).write_text(text, encoding="utf-8")
        _refuse(target)  # nothing else was put there meanwhile
        earlier: Path | None = None
        if os.path.lexists(target):
            earlier = target.parent / f".eventcode-{secrets.token_hex(8)}.old"
            os.replace(target, earlier)
        try:
            replace_atomic(temporary, target)
        except BaseException:
            if earlier is not None:
                os.replace(earlier, target)
            raise
        if earlier is not None:
            shutil.rmtree(earlier, ignore_errors=True)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _manifest_findings(folder: Path, limits: Limits) -> tuple[bool, bool, list[Finding]]:
    """Read the manifest: ``(readable, newer, findings)``."""
    try:
        data = (folder / MANIFEST).read_bytes()
    except OSError as error:
        return False, False, [make_finding("S003", f"{MANIFEST} cannot be read: {error}")]
    text, problem = decode(data.removeprefix(b"\xef\xbb\xbf"))
    if problem is not None or text is None:
        return False, False, [problem] if problem is not None else []
    parsed = parse_json_checked(text, limits)
    if parsed.problem is not None:
        return False, False, [parsed.problem.at(path=ROOT)]
    manifest = parsed.value
    if type(manifest) is not dict or manifest.get("format") != PARQUET_FORMAT:
        return False, False, [
            make_finding("S006", f'{MANIFEST} is no object with "format": "{PARQUET_FORMAT}"')
        ]
    version = manifest.get("version")
    if type(version) is not int or not 1 <= version <= PARQUET_VERSION:
        return False, False, [
            make_finding(
                "S004",
                f"{MANIFEST} gives the folder layout version {version!r}; this release reads "
                f"version {PARQUET_VERSION}",
            )
        ]
    readable, newer, found = check_version(
        manifest.get("format_version"), join_key(ROOT, "format_version")
    )
    return readable, newer, [found] if found is not None else []


def _record(
    kind: RecordKind, text: object, path: str, newer: bool, limits: Limits
) -> Iterator[RecordItem | Finding | Unloaded]:
    if type(text) is not str:
        yield make_finding("S006", f"the {kind}'s {RECORD_COLUMN} cell is empty", path=path)
        return
    parsed = parse_json_checked(text, limits)
    if parsed.problem is not None:
        yield parsed.problem.at(path=path, line=None)
        return
    for found in parsed.findings:
        yield found.at(path=path, line=None)
    record, findings = structure_record(
        kind, parsed.value, path, strict_keys=not newer, max_figures=limits.max_figures
    )
    yield from findings
    if record is not None:
        yield RecordItem(kind=kind, record=record, path=path)
    elif (marker := unloaded_marker(kind, parsed.value, path, findings=findings)) is not None:
        yield marker


def parquet_items(
    path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS
) -> Iterator[RecordItem | Finding | Unloaded]:
    """Yield the records of a Parquet folder (documents, actors, claimants, events) in order.

    Each record is read from its table's ``record`` cell and built as a JSON reader builds it:
    a record that does not load is reported with its dataset path (``$.events[3]``: row 3 of
    ``events.parquet``). Findings name no line.
    """
    pa = require("pyarrow", "reading a Parquet folder")
    pq = require("pyarrow.parquet", "reading a Parquet folder")
    folder = Path(path)
    readable, newer, findings = _manifest_findings(folder, limits)
    yield from findings
    if not readable:
        return
    for kind, section in SECTION_OF.items():
        where = join_key(ROOT, section)
        file = folder / f"{section}.parquet"
        if not file.is_file():
            yield make_finding("S006", f"the folder has no {section}.parquet", path=where)
            continue
        try:
            reader = pq.ParquetFile(file)
            if RECORD_COLUMN not in reader.schema_arrow.names:
                yield make_finding(
                    "S006", f"{section}.parquet has no {RECORD_COLUMN} column", path=where
                )
                continue
            index = 0
            for batch in reader.iter_batches(batch_size=_BATCH_ROWS, columns=[RECORD_COLUMN]):
                for text in batch.column(0).to_pylist():
                    yield from _record(kind, text, join_index(where, index), newer, limits)
                    index += 1
        except (OSError, pa.ArrowException) as error:
            yield make_finding("S006", f"{section}.parquet cannot be read: {error}", path=where)
