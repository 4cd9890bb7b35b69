"""Explained results: every derived number with the figures it came from and why."""

from __future__ import annotations

from typing import Any

from attrs import frozen

__all__ = ["Derived", "Explanation", "GroupValue", "LeftOut"]


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


@frozen(kw_only=True)
class Derived:
    """A derived number with its explanation."""

    value: int
    explanation: Explanation

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
