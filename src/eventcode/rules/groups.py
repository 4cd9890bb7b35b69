"""Victim groups and how their values add up: parts sum, a total beside its parts counts once.

A figure's group is its subject. Three levels:

- a **part**: an actor with a victim category other than ``mixed`` (``rus-mil/combatants``), or
  a category with no actor (``civilians``);
- an **actor total**: an actor with no category or ``mixed`` -- everyone of that actor's;
- the **event total**: no actor, category ``mixed`` (or none) -- every victim of the event.

An actor's value is the larger of its total and the sum of its parts; the event's value is the
larger of the event total and the sum of the actor values and actor-less parts. Groups at the
same level with different subjects are taken not to overlap, except where competing accounts
merge them (:mod:`eventcode.rules.accounts`): a merged group is added once, at the event level.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from attrs import frozen

from eventcode.model import Subject, VictimCategory

__all__ = ["AddedUp", "Combined", "Group", "add_up", "combine", "group_of"]


@frozen(cache_hash=True)  # a dictionary key, looked up many times an event
class Group:
    """A victim group: an actor id and/or a victim category (``None`` for a total).

    A group merged from competing accounts (:mod:`eventcode.rules.accounts`) has no actor or
    category of its own and lists its ``members``: it is one set of victims, added once.
    """

    actor: str | None
    category: str | None
    members: tuple[Group, ...] = ()

    @property
    def sort_key(self) -> tuple[str, str]:
        """A key that orders groups (``None`` sorts first)."""
        if self.members:
            return (self.members[0].actor or "", "~" + " ".join(m.label for m in self.members))
        return (self.actor or "", self.category or "")

    @property
    def is_merged(self) -> bool:
        """True for a group merged from competing accounts of the same victims."""
        return bool(self.members)

    @property
    def is_event_total(self) -> bool:
        """True for the group of every victim of the event."""
        return self.actor is None and self.category is None and not self.members

    @property
    def is_actor_total(self) -> bool:
        """True for the group of every victim of one actor."""
        return self.actor is not None and self.category is None

    @property
    def label(self) -> str:
        """A short label: ``rus-mil/combatants``, ``rus-mil (all)``, ``all victims``.

        A merged group reads ``one group: ukr-civ/civilians | ukr-mil/combatants``.
        """
        if self.members:
            return "one group: " + " | ".join(m.label for m in self.members)
        if self.actor is None:
            return "all victims" if self.category is None else self.category
        return f"{self.actor} (all)" if self.category is None else f"{self.actor}/{self.category}"


@lru_cache(maxsize=4096)  # subjects and groups are immutable values: made once a subject
def group_of(subject: Subject) -> Group:
    """Return the victim group a figure's subject names (``mixed`` means a total)."""
    category = subject.category
    if category is VictimCategory.MIXED:
        category = None
    return Group(subject.actor, None if category is None else category.value)


@frozen(kw_only=True)
class Combined:
    """Groups added up: the value, the figure ids it rests on, and the reason in words."""

    value: int
    figures: tuple[str, ...]
    reason: str


#: A value with the figure ids it rests on, labelled: a group's, or an actor's added up.
_Part = tuple[str, int, tuple[str, ...]]


class _Step(NamedTuple):
    """One adding up: a total (or none) against its parts, and which was taken."""

    name: str
    total: tuple[int, tuple[str, ...]] | None
    parts: list[_Part]
    part_sum: int
    takes_total: bool

    @property
    def value(self) -> int:
        return self.total[0] if self.takes_total and self.total is not None else self.part_sum

    @property
    def ids(self) -> tuple[str, ...]:
        if self.takes_total and self.total is not None:
            return self.total[1]
        return tuple(i for _, _, ids in self.parts for i in ids)

    def reason(self) -> str:
        """Say in words what was taken and why."""
        name, total, parts, part_sum = self.name, self.total, self.parts, self.part_sum
        listed = " + ".join(f"{label} {v}" for label, v, _ in parts)
        if total is None:
            if len(parts) == 1:
                return f"{name}: {listed}"
            return f"{name}: {listed} = {part_sum}"
        if not parts:
            return f"{name}: the total, {total[0]}"
        if self.takes_total:
            why = (
                f"the total {total[0]} is at least its parts ({listed} = {part_sum}): counted once"
            )
            return f"{name}: {why}"
        why = f"its parts ({listed} = {part_sum}) exceed the total {total[0]}: counted once"
        return f"{name}: {why}"


#: The group of every victim of the event.
_EVERYONE = Group(None, None)


def _step(name: str, total: tuple[int, tuple[str, ...]] | None, parts: list[_Part]) -> _Step:
    """Take the larger of a total and the sum of its parts (the total on a tie)."""
    part_sum = sum(v for _, v, _ in parts)
    takes = total is not None and (not parts or total[0] >= part_sum)
    return _Step(name=name, total=total, parts=parts, part_sum=part_sum, takes_total=takes)


class AddedUp(NamedTuple):
    """Groups added up, the words left to say: :meth:`combined` says them.

    ``value`` and ``figures`` are :func:`combine`'s; the reason is made from the same steps
    only when asked for, so a caller that wants the number alone pays for no words.
    """

    value: int
    figures: tuple[str, ...]
    steps: tuple[_Step, ...]

    def combined(self) -> Combined:
        """Return the groups added up, with the reason in words."""
        if not self.steps:
            return Combined(value=0, figures=(), reason="no group gives a number: 0")
        reason = "; ".join(step.reason() for step in self.steps)
        return Combined(value=self.value, figures=self.figures, reason=reason)


def add_up(values: Mapping[Group, tuple[int, tuple[str, ...]]]) -> AddedUp:
    """Add group values (value, figure ids) up to the event's, counting a total once.

    Each actor's value is the larger of its total and the sum of its parts; the event's the
    larger of the event total and the sum of the actor values and actor-less parts (a total
    on a tie). 0 when ``values`` is empty. :func:`combine` is this with the reason said.
    """
    if not values:
        return AddedUp(value=0, figures=(), steps=())
    steps: list[_Step] = []
    top: list[_Part] = []
    ordered = (
        sorted(values.items(), key=lambda item: item[0].sort_key)
        if len(values) > 1
        else list(values.items())
    )
    actors = sorted({g.actor for g in values if g.actor is not None})
    for actor in actors:
        parts = [
            (g.label, v, ids)
            for g, (v, ids) in ordered
            if g.actor == actor and g.category is not None
        ]
        whole = Group(actor, None)
        total = values.get(whole)
        if total is not None and parts:
            step = _step(actor, total, parts)
            steps.append(step)
            top.append((actor, step.value, step.ids))
        elif total is not None:
            top.append((whole.label, *total))
        else:
            top.extend(parts)
    top.extend(
        (g.label, v, ids)
        for g, (v, ids) in ordered
        if g.actor is None and (g.category is not None or g.is_merged)
    )
    last = _step("event", values.get(_EVERYONE), top)
    steps.append(last)
    return AddedUp(value=last.value, figures=tuple(sorted(set(last.ids))), steps=tuple(steps))


def combine(values: Mapping[Group, tuple[int, tuple[str, ...]]]) -> Combined:
    """Add group values (value, figure ids) up to the event's, counting a total once.

    Returns 0 when ``values`` is empty.
    """
    return add_up(values).combined()
