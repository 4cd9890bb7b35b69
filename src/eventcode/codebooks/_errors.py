"""The single exception raised for codes that are not in a codebook table."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["UnknownCodeError", "code_number", "nearest"]

#: Longer values are no code or label of any table: no near ones are looked for.
_LONGEST = 200
#: A numeric code has at most this many digits (longer texts are never read as numbers).
_CODE_DIGITS = 9


def code_number(text: str) -> int | None:
    """Return the number a code's text writes in ASCII digits, or ``None`` (any other text).

    Digits of other scripts (``"٨"``) and texts too long to be a code (Python refuses to read
    integers of more than 4,300 digits) are not numbers.
    """
    if text.isascii() and text.isdigit() and len(text) <= _CODE_DIGITS:
        return int(text)
    return None


def nearest(
    value: str, candidates: Iterable[str], n: int = 5, cutoff: float = 0.6
) -> tuple[str, ...]:
    """Return up to ``n`` candidates closest to ``value`` (case-insensitive difflib match)."""
    if len(value) > _LONGEST:
        return ()
    by_fold: dict[str, str] = {}
    for candidate in candidates:
        by_fold.setdefault(candidate.casefold(), candidate)
    folded = value.casefold().strip()
    matches = difflib.get_close_matches(folded, list(by_fold), n=n, cutoff=cutoff)
    if folded and len(matches) < n:
        # Fall back to candidates that start with, then contain, the value ("Shelling").
        starts = [k for k in by_fold if k.startswith(folded)]
        contains = [k for k in by_fold if folded in k]
        for extra in (*starts, *contains):
            if extra not in matches and len(matches) < n:
                matches.append(extra)
    return tuple(by_fold[m] for m in matches)


class UnknownCodeError(LookupError):
    """A code or label is not in the codebook table it was looked up in.

    Attributes:
        code: the value that was looked up, as given.
        table: the name of the table searched (e.g. ``"cameo_event_codes"``).
        suggestions: the nearest valid values, best first (may be empty).

    """

    def __init__(self, code: object, table: str, suggestions: Iterable[str] = (), detail: str = ""):
        self.code = code
        self.table = table
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        self.detail = detail
        message = f"unknown value {code!r} in codebook table {table!r}"
        if detail:
            message += f" ({detail})"
        if self.suggestions:
            message += "; did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.code, self.table, self.suggestions, self.detail))
