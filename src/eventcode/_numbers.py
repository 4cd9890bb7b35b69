"""Integers as messages show them: in digits, a long one by its first digits and its length."""

from __future__ import annotations

__all__ = ["shown_integer"]

#: The most digits a message shows of an integer in full.
_SHOWN_DIGITS = 30


def shown_integer(value: int) -> str:
    """Return an integer in digits; a long one by its first digits and its length.

    Written through :class:`~decimal.Decimal`, which has no limit on digits (``str`` refuses
    an integer of more than 4,300).
    """
    from decimal import Decimal  # imported when a message needs it

    text = str(Decimal(value))
    digits = len(text.lstrip("-"))
    if digits <= _SHOWN_DIGITS:
        return text
    return f"{text[: 5 if value < 0 else 4]}... ({digits:,} digits)"
