"""Find the line where a value sits in a JSON text, by its JSON path (for findings)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from eventcode.jsonpath import ROOT, join_index, join_key

__all__ = ["ancestors", "locate_lines"]

_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:,]|\n|[^\s{}\[\]:,"]+')


def ancestors(path: str) -> list[str]:
    """Return ``path`` and each enclosing path, innermost first."""
    found = [path]
    while path != ROOT:
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ROOT
        found.append(path)
    return found


def locate_lines(text: str, paths: Iterable[str]) -> dict[str, int]:
    """Return the 1-based line of each of ``paths`` that occurs in ``text``.

    A member's line is the line of its key. Scanning stops once every path is found; paths that
    do not occur are left out (callers fall back to the nearest enclosing path).
    """
    wanted = set(paths)
    found: dict[str, int] = {}
    line = 1
    # Each frame: [is_object, path, index or key, expecting_key]
    stack: list[list[object]] = []
    pending_value: str | None = ROOT

    def note(path: str) -> None:
        if path in wanted and path not in found:
            found[path] = line

    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == "\n":
            line += 1
            continue
        top = stack[-1] if stack else None
        if top is not None and top[0] and top[3] and token.startswith('"'):
            try:
                key = json.loads(token)
            except ValueError:
                return found
            pending_value = join_key(str(top[1]), str(key))
            note(pending_value)
            top[3] = False
            continue
        if token in ("{", "["):
            path = pending_value or ROOT
            note(path)
            stack.append([token == "{", path, 0, token == "{"])
            pending_value = None if token == "{" else join_index(path, 0)
        elif token in ("}", "]"):
            if stack:
                stack.pop()
            pending_value = None
        elif token == ",":
            if top is not None:
                if top[0]:
                    top[3] = True
                else:
                    top[2] = int(str(top[2])) + 1
                    pending_value = join_index(str(top[1]), int(str(top[2])))
        elif token == ":":
            pass
        elif pending_value is not None:
            note(pending_value)
        if len(found) == len(wanted):
            break
    return found
