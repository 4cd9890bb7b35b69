"""Explained results: every derived number with the figures it came from and why."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
from attrs import frozen

__all__ = ["Derived", "Explanation", "GroupValue", "LeftOut"]

_set = object.__setattr__


@frozen(kw_only=True)
class GroupValue:
    """One victim group's value for a derived number.

    ``group`` labels the group (``rus-mil/combatants``, ``rus-mil (all)``, ``all victims``);
    ``value`` is ``None`` when no figure of the group gives a number; ``figures`` are the ids the
    value came from, ``considered`` every death figure of the group that was weighed;
    ``fallback`` the figures whose number is the policy's fallback for a count that states no
    minimum ("up to N"), not something the source said.
    """

    group: str
    value: int | None
    figures: tuple[str, ...]
    considered: tuple[str, ...]
    reason: str
    fallback: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the group's value as a JSON-ready dictionary (``fallback`` only when used)."""
        found: dict[str, Any] = {
            "group": self.group,
            "value": self.value,
            "figures": list(self.figures),
            "considered": list(self.considered),
            "reason": self.reason,
        }
        if self.fallback:
            found["fallback"] = list(self.fallback)
        return found


@frozen(kw_only=True)
class Explanation:
    """Why a derived number has its value.

    ``figures`` are the ids of the figures the number came from (over all groups that count);
    ``groups`` each group's value and reason; ``reason`` how the groups add up.
    """

    figures: tuple[str, ...]
    groups: tuple[GroupValue, ...]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """Return the explanation as a JSON-ready dictionary."""
        return {
            "figures": list(self.figures),
            "groups": [g.to_dict() for g in self.groups],
            "reason": self.reason,
        }


def _derived(value: int, explanation: Explanation) -> Derived:
    return Derived(value=value, explanation=explanation)


class Derived:
    """A derived number with its explanation.

    ``Derived(value=..., explanation=...)``; the rules may instead give the explanation as a
    function that makes it when it is first read (:meth:`later`), so that a caller that wants
    the number alone (the ACLED writer's fatalities cell) pays for no words. Either way it is
    immutable, and equal, hashed, printed and pickled by its value and explanation.
    """

    __slots__ = ("_explain", "_explanation", "value")

    value: int
    _explanation: Explanation | None
    _explain: Callable[[], Explanation] | None

    def __init__(self, *, value: int, explanation: Explanation) -> None:
        """Hold ``value`` and its ``explanation``."""
        _set(self, "value", value)
        _set(self, "_explanation", explanation)
        _set(self, "_explain", None)

    @classmethod
    def later(cls, value: int, explain: Callable[[], Explanation]) -> Derived:
        """Return ``value`` whose explanation ``explain`` makes when it is first read.

        ``explain`` must depend on nothing that can change (it runs at most once, whenever).
        """
        made = cls.__new__(cls)
        _set(made, "value", value)
        _set(made, "_explanation", None)
        _set(made, "_explain", explain)
        return made

    @property
    def explanation(self) -> Explanation:
        """Why the number has its value."""
        found = self._explanation
        if found is None:
            explain = self._explain
            assert explain is not None
            found = explain()
            _set(self, "_explanation", found)
            _set(self, "_explain", None)
        return found

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Derived)
        return (self.value, self.explanation) == (other.value, other.explanation)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((self.value, self.explanation))

    def __repr__(self) -> str:
        return f"Derived(value={self.value!r}, explanation={self.explanation!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return _derived, (self.value, self.explanation)

    def to_dict(self) -> dict[str, Any]:
        """Return the number and its explanation as a JSON-ready dictionary."""
        return {"value": self.value, "explanation": self.explanation.to_dict()}


@frozen(kw_only=True)
class LeftOut:
    """A figure of an event that no derived number weighs, and why."""

    figure: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """Return the figure id and reason as a JSON-ready dictionary."""
        return {"figure": self.figure, "reason": self.reason}
