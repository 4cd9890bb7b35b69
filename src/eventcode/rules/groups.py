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

from attrs import frozen

from eventcode.model import Subject, VictimCategory

__all__ = ["Combined", "Group", "combine", "group_of"]


@frozen
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


def _pick(
    name: str,
    total: tuple[int, tuple[str, ...]] | None,
    parts: list[tuple[str, int, tuple[str, ...]]],
) -> tuple[int, tuple[str, ...], str]:
    """Return the larger of a total and the sum of its parts, with the reason."""
    part_sum = sum(v for _, v, _ in parts)
    part_ids = tuple(i for _, _, ids in parts for i in ids)
    listed = " + ".join(f"{label} {v}" for label, v, _ in parts)
    if total is None:
        if len(parts) == 1:
            return part_sum, part_ids, f"{name}: {listed}"
        return part_sum, part_ids, f"{name}: {listed} = {part_sum}"
    if not parts:
        return total[0], total[1], f"{name}: the total, {total[0]}"
    if total[0] >= part_sum:
        why = f"the total {total[0]} is at least its parts ({listed} = {part_sum}): counted once"
        return total[0], total[1], f"{name}: {why}"
    why = f"its parts ({listed} = {part_sum}) exceed the total {total[0]}: counted once"
    return part_sum, part_ids, f"{name}: {why}"


def combine(values: Mapping[Group, tuple[int, tuple[str, ...]]]) -> Combined:
    """Add group values (value, figure ids) up to the event's, counting a total once.

    Returns 0 when ``values`` is empty.
    """
    if not values:
        return Combined(value=0, figures=(), reason="no group gives a number: 0")
    reasons: list[str] = []
    top: list[tuple[str, int, tuple[str, ...]]] = []
    actors = sorted({g.actor for g in values if g.actor is not None})
    for actor in actors:
        parts = [
            (g.label, v, ids)
            for g, (v, ids) in sorted(values.items(), key=lambda item: item[0].sort_key)
            if g.actor == actor and g.category is not None
        ]
        total = values.get(Group(actor, None))
        if total is not None and parts:
            value, ids, why = _pick(actor, total, parts)
            reasons.append(why)
            top.append((actor, value, ids))
        elif total is not None:
            top.append((Group(actor, None).label, *total))
        else:
            top.extend(parts)
    top.extend(
        (g.label, v, ids)
        for g, (v, ids) in sorted(values.items(), key=lambda item: item[0].sort_key)
        if g.actor is None and (g.category is not None or g.is_merged)
    )
    value, ids, why = _pick("event", values.get(Group(None, None)), top)
    reasons.append(why)
    return Combined(value=value, figures=tuple(sorted(set(ids))), reason="; ".join(reasons))
