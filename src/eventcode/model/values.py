"""Counts as stated: exact, bounded, a range, approximate, vague or unknown, with the phrase."""

from __future__ import annotations

from attrs import field, frozen

from eventcode.model._convert import as_integer
from eventcode.model.constraints import MAX_COUNT, constrain
from eventcode.model.vocabulary import CountKind

__all__ = ["Count"]

#: A count's bounds: from 0 to :data:`~eventcode.model.constraints.MAX_COUNT`.
_COUNTED = constrain(minimum=0, maximum=MAX_COUNT)


@frozen(kw_only=True)
class Count:
    """A stated count: its form, its normalized bounds and the phrase as written.

    ``low`` and ``high`` are the bounds the phrase states (``None`` where it states none):
    exact and approximate counts have ``low == high``; a lower bound only ``low``; an upper bound
    and a ``nearly`` count only ``high``; a range both; a vague count its ``term`` (and bounds
    only if the text gives them); an unknown count neither. ``strict`` marks a bound the phrase
    excludes ("more than 100", "fewer than 20"); ``most_likely`` is the point a range's source
    names as most likely ("likely 100 to 300, probably at the low end"). How bounds become
    numbers is a policy's job, not the value's.
    """

    kind: CountKind
    phrase: str
    low: int | None = field(default=None, converter=as_integer, metadata=_COUNTED)
    high: int | None = field(default=None, converter=as_integer, metadata=_COUNTED)
    term: str | None = field(default=None, metadata=constrain(min_length=1))
    strict: bool = False
    most_likely: int | None = field(
        default=None, converter=as_integer, metadata=_COUNTED
    )

    @classmethod
    def exact(cls, n: int, phrase: str) -> Count:
        """Return an exact count ``n``."""
        return cls(kind=CountKind.EXACT, phrase=phrase, low=n, high=n)

    @classmethod
    def at_least(cls, n: int, phrase: str) -> Count:
        """Return a lower bound: at least / more than ``n``."""
        return cls(kind=CountKind.LOWER_BOUND, phrase=phrase, low=n)

    @classmethod
    def more_than(cls, n: int, phrase: str) -> Count:
        """Return a strict lower bound: more than ``n`` (at least ``n + 1``)."""
        return cls(kind=CountKind.LOWER_BOUND, phrase=phrase, low=n, strict=True)

    @classmethod
    def fewer_than(cls, n: int, phrase: str) -> Count:
        """Return a strict upper bound: fewer than ``n`` (at most ``n - 1``)."""
        return cls(kind=CountKind.UPPER_BOUND, phrase=phrase, high=n, strict=True)

    @classmethod
    def nearly(cls, n: int, phrase: str) -> Count:
        """Return a count of nearly ``n``: at most ``n`` and close to it."""
        return cls(kind=CountKind.NEARLY, phrase=phrase, high=n)

    @classmethod
    def up_to(cls, n: int, phrase: str) -> Count:
        """Return an upper bound: up to / fewer than ``n``."""
        return cls(kind=CountKind.UPPER_BOUND, phrase=phrase, high=n)

    @classmethod
    def between(cls, low: int, high: int, phrase: str, *, most_likely: int | None = None) -> Count:
        """Return a range from ``low`` to ``high``, with the source's most likely point if any."""
        return cls(kind=CountKind.RANGE, phrase=phrase, low=low, high=high, most_likely=most_likely)

    @classmethod
    def about(cls, n: int, phrase: str) -> Count:
        """Return an approximate count: about ``n``."""
        return cls(kind=CountKind.APPROXIMATE, phrase=phrase, low=n, high=n)

    @classmethod
    def vague(cls, term: str, phrase: str) -> Count:
        """Return a vague term such as ``dozens``."""
        return cls(kind=CountKind.VAGUE, phrase=phrase, term=term)

    @classmethod
    def unknown(cls, phrase: str) -> Count:
        """Return a count the source says is not known."""
        return cls(kind=CountKind.UNKNOWN, phrase=phrase)
