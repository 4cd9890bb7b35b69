"""The format-version policy: which dataset versions this release reads, and how."""

from __future__ import annotations

import re
from typing import Any

from eventcode.findings import Finding, make_finding
from eventcode.model.dataset import FORMAT_VERSION

__all__ = ["check_version"]

_VERSION = re.compile(r"^([0-9]+)\.([0-9]+)$")
_MAJOR, _MINOR = (int(p) for p in FORMAT_VERSION.split("."))


def check_version(value: Any, path: str) -> tuple[bool, bool, Finding | None]:
    """Check a dataset's ``format_version``.

    Returns ``(readable, newer_minor, finding)``: a missing or malformed version, or another
    major version, is unreadable (S004); a newer minor version of the same major is read, its
    unknown fields ignored (S005); older or equal versions are read strictly.
    """
    if not isinstance(value, str) or not (match := _VERSION.fullmatch(value)):
        shown = "missing" if value is None else repr(value)
        return (
            False,
            False,
            make_finding(
                "S004", f'format_version is {shown}; expected "{FORMAT_VERSION}"', path=path
            ),
        )
    major, minor = int(match.group(1)), int(match.group(2))
    if major != _MAJOR:
        return (
            False,
            False,
            make_finding(
                "S004",
                f"format_version {value} is not readable by this release (it reads {_MAJOR}.x)",
                path=path,
            ),
        )
    if minor > _MINOR:
        return (
            True,
            True,
            make_finding(
                "S005",
                f"format_version {value} is newer than {FORMAT_VERSION};"
                " unknown fields are ignored",
                path=path,
            ),
        )
    return True, False, None
