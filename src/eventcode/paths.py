"""Collecting the files to validate from paths: files as given, directories walked.

A path given is used as given (so findings name it as the user wrote it); a directory is walked
in sorted order for the files ``include`` matches, skipping what ``exclude`` matches. ``-``
stands for standard input. Patterns are shell globs: one without ``/`` matches a file or
directory name anywhere (``*.tmp``, ``drafts``); one with ``/`` matches a path as written from
the current directory, ``*`` crossing ``/`` (``data/raw/``, ``data/raw/*.csv``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase

from attrs import frozen

__all__ = [
    "DEFAULT_EXCLUDE",
    "DEFAULT_INCLUDE",
    "STDIN",
    "Collected",
    "PathProblem",
    "collect_paths",
    "is_excluded",
    "is_parquet_folder",
]

#: The files a directory walk picks up: the formats eventcode reads.
DEFAULT_INCLUDE = ("*.json", "*.jsonl", "*.ndjson", "*.csv")
#: What a directory walk skips: hidden files and directories, and tools' caches.
DEFAULT_EXCLUDE = (".*", "__pycache__", "node_modules")
#: The path that stands for standard input.
STDIN = "-"


@frozen(kw_only=True)
class PathProblem:
    """A path that could not be used (it does not exist, or a directory cannot be listed)."""

    path: str
    reason: str


@frozen(kw_only=True)
class Collected:
    """The files to validate, in order, and the paths that could not be used."""

    files: tuple[str, ...] = ()
    problems: tuple[PathProblem, ...] = ()


def _normal(path: str) -> str:
    """Return ``path`` with ``/`` separators and no ``./`` or doubled slashes."""
    return os.path.normpath(path).replace(os.sep, "/")


def _matches(name: str, path: str, patterns: Iterable[str]) -> bool:
    """Match a pattern with a ``/`` against ``path``, any other against ``name``."""
    return any(
        fnmatchcase(path, p.rstrip("/").removeprefix("./")) if "/" in p else fnmatchcase(name, p)
        for p in patterns
    )


def is_excluded(path: str, exclude: Sequence[str]) -> bool:
    """Tell whether ``exclude`` matches ``path`` or one of its directories below the start.

    For a relative path, every directory counts (``data/.drafts/x.json`` is hidden); for an
    absolute one, only its name, so a pattern never matches where a project happens to live.
    """
    normal = _normal(path)
    parts = normal.split("/")
    if os.path.isabs(normal):
        return _matches(parts[-1], normal, exclude)
    for end in range(1, len(parts) + 1):
        if parts[end - 1] in (".", ".."):
            continue
        if _matches(parts[end - 1], "/".join(parts[:end]), exclude):
            return True
    return False


def is_parquet_folder(path: str) -> bool:
    """Tell whether ``path`` is a Parquet folder eventcode wrote (``DIR.parquet``): one input.

    A directory named ``*.parquet`` holding ``manifest.json`` (:mod:`eventcode.frames`).
    """
    return (
        path.lower().rstrip("/\\").endswith(".parquet")
        and os.path.isdir(path)
        and os.path.isfile(os.path.join(path, "manifest.json"))
    )


def _identity(path: str) -> tuple[int, int] | None:
    """Return the device and inode of the file ``path`` names (links followed), if it exists."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def _walk(
    root: str,
    include: Sequence[str],
    exclude: Sequence[str],
    problems: list[PathProblem],
    skip: frozenset[tuple[int, int]] = frozenset(),
) -> list[str]:
    found: list[str] = []

    def failed(error: OSError) -> None:
        where = error.filename if isinstance(error.filename, str) else root
        problems.append(PathProblem(path=where, reason=error.strerror or str(error)))

    for directory, subdirectories, files in os.walk(root, onerror=failed):
        subdirectories[:] = sorted(
            d
            for d in subdirectories
            if not _matches(d, _normal(os.path.join(directory, d)), exclude)
        )
        folders = [d for d in subdirectories if is_parquet_folder(os.path.join(directory, d))]
        subdirectories[:] = [d for d in subdirectories if d not in folders]
        for name in sorted([*files, *folders]):
            path = os.path.join(directory, name)
            if name in folders:  # a dataset as a folder: one input, whatever include says
                found.append(os.path.relpath(path) if _normal(root) == "." else path)
                continue
            if _normal(root) == ".":  # walking the current directory: name files from it
                path = os.path.relpath(path)
            normal = _normal(path)
            if _matches(name, normal, include) and not _matches(name, normal, exclude):
                if skip and _identity(path) in skip:
                    continue  # the report this run writes (under any name): never an input
                found.append(path)
    return sorted(found, key=lambda path: path.split(os.sep))


def collect_paths(
    paths: Iterable[str],
    *,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = DEFAULT_EXCLUDE,
    force_exclude: bool = False,
    skip: Iterable[str] = (),
) -> Collected:
    """Return the files ``paths`` name, walking directories, each file once, in order.

    A file named directly is validated whatever ``include`` says, and whatever ``exclude`` says
    unless ``force_exclude`` (as a pre-commit hook wants: it names files one by one). ``-``
    (standard input) passes through. A path that does not exist is a :class:`PathProblem`.
    A directory walk leaves out the files ``skip`` names, under any name (the report
    ``validate --output-file`` writes into a directory it walks); a file named directly is
    kept, for the caller to refuse.
    """
    skipped = frozenset(i for i in (_identity(p) for p in skip) if i is not None)
    files: list[str] = []
    problems: list[PathProblem] = []
    for path in paths:
        if path == STDIN or is_parquet_folder(path):
            files.append(path)
        elif os.path.isdir(path):
            files.extend(_walk(path, include, exclude, problems, skipped))
        elif os.path.lexists(path):
            if not (force_exclude and is_excluded(path, exclude)):
                files.append(path)
        else:
            problems.append(PathProblem(path=path, reason="No such file or directory"))
    seen: set[str] = set()
    unique = []
    for file in files:
        key = file if file == STDIN else os.path.normcase(os.path.abspath(file))
        if key not in seen:
            seen.add(key)
            unique.append(file)
    return Collected(files=tuple(unique), problems=tuple(problems))
