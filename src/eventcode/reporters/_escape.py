"""Escaping what comes from the data, so it cannot forge output in any report format."""

from __future__ import annotations

import re

__all__ = ["markdown_cell", "printable", "xml_safe"]

# C0 and C1 controls, DEL, Unicode line and paragraph separators, and the bidirectional
# overrides and isolates ("Trojan Source"): each could move the cursor, fake a line or make a
# line read otherwise than it is. Tab stays out: it is harmless in every format.
_UNSAFE_TEXT = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r"}

# What XML 1.0 cannot hold at all, even as a character reference.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    r"""Escape control, line-breaking and bidi characters (``\n``, ``\x1b``, ``\u2028``)."""
    return _UNSAFE_TEXT.sub(_escape, text)


def xml_safe(text: str) -> str:
    r"""Replace the characters XML 1.0 forbids (``\x01``, lone surrogates) by escapes."""
    return _XML_FORBIDDEN.sub(_escape, text)


def markdown_cell(text: str) -> str:
    """Make ``text`` one literal cell of a Markdown table: no markup, no HTML, one line."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", printable(text))
    return escaped.replace("&", "&amp;")
