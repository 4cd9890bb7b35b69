"""Reporters: a validation report rendered for people, machines and CI systems.

One module per format, each with ``render(report) -> str``; :func:`render` picks one by name:

- ``text``: ``FILE:LINE: CODE [severity] message (PATH)`` lines and a summary line;
- ``json``: the versioned JSON report (docs/cli.md);
- ``github``: GitHub Actions annotations (``::error file=F,line=L,title=CODE::message``);
- ``junit``: JUnit XML, a suite per file and a case per finding;
- ``sarif``: SARIF 2.1.0, for code-scanning viewers;
- ``markdown``: a summary and a table (what GitHub's step summary shows).
"""

from __future__ import annotations

from collections.abc import Callable

from eventcode.reporters import github, json, junit, markdown, sarif, text
from eventcode.reporters.json import REPORT_FORMAT_VERSION, report_to_dict
from eventcode.validation import Report

__all__ = ["REPORT_FORMATS", "REPORT_FORMAT_VERSION", "render", "report_to_dict"]

_RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": text.render,
    "json": json.render,
    "github": github.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "markdown": markdown.render,
}

#: The names :func:`render` accepts, as ``--format`` takes them.
REPORT_FORMATS = tuple(_RENDERERS)


def render(report: Report, fmt: str) -> str:
    """Render ``report`` in format ``fmt`` (one of :data:`REPORT_FORMATS`)."""
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        known = ", ".join(REPORT_FORMATS)
        raise ValueError(f"unknown report format {fmt!r}; known: {known}") from None
    return renderer(report)
