"""Limits on what one input may hold, so hostile input cannot exhaust memory or the stack.

Every reader takes a :class:`Limits`; an exceeded limit is an error finding that names it
(L001 a field, L002 a line, L003 JSON nesting, L004 columns) and reading goes on with the next
record.
The defaults are generous for real data (docs/reliability.md):

- ``max_field_bytes`` 1 MiB: one CSV cell or one JSON string. CSV cells are measured in
  characters of the decoded text (the same as bytes for ASCII).
- ``max_line_bytes`` 16 MiB: one JSON Lines line or one physical CSV line, in bytes. A longer
  line is skipped without being held in memory. A dataset document (``.json``) is one value,
  not lines, and is read whole.
- ``max_json_depth`` 100: how deeply JSON arrays and objects may nest. Checked by a scan before
  parsing, so deep nesting never reaches Python's recursion limit.
- ``max_columns`` 1,000: the columns of one ACLED CSV header or row, or the keys of one ACLED
  API row (ACLED has 31). A header over the limit stops the file; a row over it is skipped.
- ``max_figures`` 10,000: the figures of one event (L005: the event is not loaded).
- ``max_pair_findings`` 50: the R001 (and R002) findings one event gives before one summary
  finding names the rest of the figures (pairwise checks stay bounded however many figures).

One reading convention travels with the limits, since every reader (and every worker process)
is given them: ``blank_tokens``, the cell texts an ACLED file may write for a blank cell
(default ``NA``, ``NaN``, ``nan``, ``None``, ``NULL``; docs/acled.md, "Blank cells").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO, NamedTuple

from attrs import field, frozen

__all__ = [
    "DEFAULT_BLANK_TOKENS",
    "DEFAULT_LIMITS",
    "DEFAULT_MAX_COLUMNS",
    "DEFAULT_MAX_FIELD_BYTES",
    "DEFAULT_MAX_FIGURES",
    "DEFAULT_MAX_JSON_DEPTH",
    "DEFAULT_MAX_LINE_BYTES",
    "DEFAULT_MAX_PAIR_FINDINGS",
    "Limited",
    "Limits",
]

#: The default largest CSV cell or JSON string (1 MiB).
DEFAULT_MAX_FIELD_BYTES = 1 << 20
#: The default longest JSON Lines or CSV line (16 MiB).
DEFAULT_MAX_LINE_BYTES = 16 << 20
#: The default deepest nesting of JSON arrays and objects.
DEFAULT_MAX_JSON_DEPTH = 100
#: The default most columns of one CSV header or row (ACLED has 31).
DEFAULT_MAX_COLUMNS = 1000
#: The default most figures one event may hold.
DEFAULT_MAX_FIGURES = 10_000
#: The default most R001 (and R002) findings one event gives before one summary finding.
DEFAULT_MAX_PAIR_FINDINGS = 50

#: The cell texts read as blank in ACLED files unless others are named (R, pandas, databases).
DEFAULT_BLANK_TOKENS: tuple[str, ...] = ("NA", "NaN", "nan", "None", "NULL")

# Python's json module recurses once per level; stay well below the interpreter's limit.
_HARD_MAX_JSON_DEPTH = 500


def _positive(instance: object, attribute: object, value: int) -> None:
    if type(value) is not int or value < 1:
        raise ValueError(f"a limit must be a positive integer, got {value!r}")


def _depth(instance: object, attribute: object, value: int) -> None:
    _positive(instance, attribute, value)
    if value > _HARD_MAX_JSON_DEPTH:
        raise ValueError(f"max_json_depth cannot exceed {_HARD_MAX_JSON_DEPTH}, got {value}")


def _tokens(value: Iterable[str]) -> tuple[str, ...]:
    """Return the blank tokens as a tuple, without the empty text (blank anyway) or repeats."""
    tokens = () if isinstance(value, str) else tuple(value)
    if isinstance(value, str) or not all(isinstance(t, str) for t in tokens):
        raise ValueError(f"blank_tokens must be a sequence of strings, got {value!r}")
    return tuple(dict.fromkeys(t for t in tokens if t))


@frozen(kw_only=True)
class Limits:
    """The limits one read enforces (each a positive integer; see the module's defaults).

    Raises ``ValueError`` for a limit that is not a positive integer, or a JSON depth above
    500 (Python's parser would run out of stack). ``blank_tokens`` are the texts an ACLED cell
    may hold for blank (``()``: only the empty cell is blank).
    """

    max_field_bytes: int = field(default=DEFAULT_MAX_FIELD_BYTES, validator=_positive)
    max_line_bytes: int = field(default=DEFAULT_MAX_LINE_BYTES, validator=_positive)
    max_json_depth: int = field(default=DEFAULT_MAX_JSON_DEPTH, validator=_depth)
    max_columns: int = field(default=DEFAULT_MAX_COLUMNS, validator=_positive)
    max_figures: int = field(default=DEFAULT_MAX_FIGURES, validator=_positive)
    max_pair_findings: int = field(default=DEFAULT_MAX_PAIR_FINDINGS, validator=_positive)
    blank_tokens: tuple[str, ...] = field(default=DEFAULT_BLANK_TOKENS, converter=_tokens)


#: The limits every reader uses unless given others.
DEFAULT_LIMITS = Limits()


class Limited(NamedTuple):
    """An input (bytes or a binary stream) to read within ``limits``: what readers accept."""

    source: bytes | BinaryIO
    limits: Limits
