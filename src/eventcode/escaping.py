"""Escaping what comes from the data, so it cannot forge output in any report format.

A CI runner reads every line a step prints: on GitHub Actions a line that starts, after white
space, with ``::name ...::`` is a workflow command, and ``##[name ...]`` anywhere in a line is
one too (the older form). Paths and cells reach a log in reports and in messages on standard
error, so :func:`printable` writes line breaks and the older form as escapes, and
:func:`log_line` also escapes a ``::`` that would start a line.
"""

from __future__ import annotations

import re

__all__ = ["COMMAND_OPENING", "log_line", "markdown_cell", "printable", "xml_safe"]

# C0 and C1 controls, DEL, Unicode line and paragraph separators, and the bidirectional
# overrides and isolates ("Trojan Source"): each could move the cursor, fake a line or make a
# line read otherwise than it is. Tab stays out: it is harmless in every format.
_UNSAFE_TEXT = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r"}

#: The older form of a GitHub workflow command, recognised anywhere in a line.
COMMAND_OPENING = "##["

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
    r"""Escape control, line-breaking and bidi characters (``\n``, ``\x1b``, ``\u2028``).

    Also ``##[``, a workflow command wherever it is in a line, becomes ``##\x5b``.
    """
    # Printable ASCII holds none of the characters escaped (nor a tab, which is kept).
    escaped = text if text.isascii() and text.isprintable() else _UNSAFE_TEXT.sub(_escape, text)
    return escaped.replace(COMMAND_OPENING, "##\\x5b")


def log_line(text: str) -> str:
    r"""Return ``text`` as one line of a log that no CI runner reads as a command.

    :func:`printable`, and a ``::`` that starts the line after any white space (a GitHub
    workflow command: ``::error::``, ``::stop-commands::``) has its first colon written
    ``\x3a``.
    """
    escaped = printable(text)
    body = escaped.lstrip()
    if body.startswith("::"):
        return f"{escaped[: len(escaped) - len(body)]}\\x3a{body[1:]}"
    return escaped


def xml_safe(text: str) -> str:
    r"""Replace the characters XML 1.0 forbids (``\x01``, lone surrogates) by escapes."""
    return _XML_FORBIDDEN.sub(_escape, text)


def markdown_cell(text: str) -> str:
    """Make ``text`` one literal cell of a Markdown table: no markup, no HTML, one line."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", printable(text))
    return escaped.replace("&", "&amp;")
