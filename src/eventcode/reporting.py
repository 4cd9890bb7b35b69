"""Rendering a validation report (kept for compatibility: see :mod:`eventcode.reporters`)."""

from __future__ import annotations

from eventcode.reporters import REPORT_FORMAT_VERSION, REPORT_FORMATS, render, report_to_dict
from eventcode.reporters.json import render as render_json
from eventcode.reporters.text import render as render_text

__all__ = [
    "REPORT_FORMATS",
    "REPORT_FORMAT_VERSION",
    "render",
    "render_json",
    "render_text",
    "report_to_dict",
]
