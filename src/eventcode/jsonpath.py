"""JSON paths as findings print them: ``$.events[3].figures[0].value.low``."""

from __future__ import annotations

import re

__all__ = ["ROOT", "join_index", "join_key", "split"]

ROOT = "$"
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SUFFIX: dict[str, str] = {}  # key -> how it follows a path: .key, or ['key'] if not a name
_PART = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")


def join_key(path: str, key: str) -> str:
    """Return the path of member ``key`` of the object at ``path``."""
    suffix = _SUFFIX.get(key)
    if suffix is None:
        suffix = _suffix(key)
        if len(_SUFFIX) < 4096:  # keys are mostly the model's field names: a few hundred
            _SUFFIX[key] = suffix
    return path + suffix


def _suffix(key: str) -> str:
    """Return member ``key`` as it follows a path: ``.key``, or ``['key']`` escaped."""
    if _IDENTIFIER.fullmatch(key) is not None:
        return f".{key}"
    escaped = key.replace("\\", "\\\\").replace("'", "\\'")
    return f"['{escaped}']"


def join_index(path: str, index: int) -> str:
    """Return the path of element ``index`` of the array at ``path``."""
    return f"{path}[{index}]"


def split(path: str) -> tuple[str | int, ...]:
    """Split a path made by :func:`join_key`/:func:`join_index` into keys and indices."""
    if not path.startswith(ROOT):
        raise ValueError(f"not a JSON path: {path!r}")
    parts: list[str | int] = []
    position = len(ROOT)
    while position < len(path):
        match = _PART.match(path, position)
        if match is None:
            raise ValueError(f"not a JSON path: {path!r}")
        name, index, quoted = match.groups()
        if name is not None:
            parts.append(name)
        elif index is not None:
            parts.append(int(index))
        else:
            parts.append(re.sub(r"\\(.)", r"\1", quoted))
        position = match.end()
    return tuple(parts)
