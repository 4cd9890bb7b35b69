"""GED's numbers: best, low and high under a policy, and best split by whose deaths they are.

``best``, ``low`` and ``high`` are the policy's (:func:`~eventcode.rules.ucdp_estimates`; the
``ucdp`` policy by default). ``best`` is split over ``deaths_a``, ``deaths_b``,
``deaths_civilians`` and ``deaths_unknown`` by its victim groups, added up exactly as the
estimates add them (:func:`~eventcode.rules.groups.combine`), so the four always sum to best:

- a group of civilians (a victim category, or an actor of type 6 or 7), or any victims of side B
  in one-sided violence: ``deaths_civilians``;
- an actor of side A (or B), its total or its fighters: ``deaths_a`` (``deaths_b``);
- a group whose identity is disputed (competing accounts that call the same dead civilians and
  fighters, :mod:`eventcode.rules.accounts`): ``deaths_unknown``; a merged group whose members
  all fall in one column, that column;
- anything else (fighters of no side named, victims of unknown status, an actor of neither
  side): ``deaths_unknown``; so is the part of a total above the parts it counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from attrs import frozen

from eventcode.acled.mapping import Lookups
from eventcode.model import Event, VictimCategory
from eventcode.rules import Policy, account_groups, death_figures, death_quantities, group_of
from eventcode.rules import ucdp_estimates as estimates_of
from eventcode.rules.groups import Group
from eventcode.ucdp.columns import DEATHS_COLUMNS
from eventcode.ucdp.sides import Sides

__all__ = ["GedNumbers", "ged_numbers"]

_A, _B, _CIVILIANS, _UNKNOWN = DEATHS_COLUMNS
_CIVILIAN_TYPES = frozenset({6, 7})


@frozen(kw_only=True)
class GedNumbers:
    """An event's GED numbers: the estimates, the split of best, the figures best rests on."""

    best: int
    low: int
    high: int
    deaths: Mapping[str, int]
    figures: tuple[str, ...]


def _groups_by_label(
    event: Event, lookups: Lookups, policy: Policy
) -> tuple[dict[str, Group], frozenset[Group]]:
    """Return the victim groups the estimates weigh, by label, and the disputed ones.

    The figures are grouped as :func:`~eventcode.rules.ucdp_estimates` groups them.
    """
    figures, _ = death_figures(event, policy)
    every = [f for f in event.figures if f.quantity in death_quantities()]
    merged = account_groups(event, every, lookups.claimants, lookups.actors)
    member_of = {m: a.group for a in merged for m in a.members}
    disputed = frozenset(a.group for a in merged if a.disputed)
    found: dict[str, Group] = {}
    for figure in figures:
        subject = group_of(figure.subject)
        group = member_of.get(subject, subject)
        found[group.label] = group
    return found, disputed


class _Columns:
    """Which deaths column a victim group's dead fall in (see the module)."""

    def __init__(
        self, event: Event, lookups: Lookups, sides: Sides, disputed: frozenset[Group]
    ) -> None:
        self._sides = sides
        self._disputed = disputed
        roles = [event.actor1, event.actor2, *event.assoc_actor1, *event.assoc_actor2]
        self._types = {r.actor: r.inter for r in roles if r is not None and r.inter is not None}
        self._lookups = lookups

    def _civilian_actor(self, actor: str) -> bool:
        known = self._lookups.actors.get(actor)
        inter = self._types.get(actor, None if known is None else known.inter)
        return inter in _CIVILIAN_TYPES

    def __call__(self, group: Group) -> str:
        if group.is_merged:
            if group in self._disputed:
                return _UNKNOWN
            found = {self(member) for member in group.members}
            return found.pop() if len(found) == 1 else _UNKNOWN
        if group.category == VictimCategory.CIVILIANS.value:
            return _CIVILIANS
        actor = group.actor
        if actor is None:
            return _UNKNOWN
        if self._civilian_actor(actor):
            return _CIVILIANS
        if actor in self._sides.a_actors:
            return _A
        if actor in self._sides.b_actors:
            return _CIVILIANS if self._sides.civilian_b else _B
        return _UNKNOWN


def _within(
    total: int | None, parts: list[tuple[Group, int]], column: _Columns, rest: str
) -> Counter[str]:
    """Split a total beside its parts as :func:`~eventcode.rules.groups.combine` adds them.

    The larger of the total and the parts' sum counts; the total's excess falls in ``rest``.
    """
    found: Counter[str] = Counter()
    for group, value in parts:
        found[column(group)] += value
    part_sum = sum(value for _, value in parts)
    if total is not None and total >= part_sum:
        found[rest] += total - part_sum
    return found


def _split(values: Mapping[Group, int], column: _Columns) -> dict[str, int]:
    ordered = sorted(values.items(), key=lambda item: item[0].sort_key)
    top: list[tuple[Group, int]] = []
    split: Counter[str] = Counter()
    for actor in sorted({g.actor for g in values if g.actor is not None}):
        parts = [(g, v) for g, v in ordered if g.actor == actor and g.category is not None]
        total = values.get(Group(actor, None))
        own = _within(total, parts, column, column(Group(actor, None)))
        split += own
        top.append((Group(actor, None), sum(own.values())))
    for group, value in ordered:
        if group.actor is None and (group.category is not None or group.is_merged):
            split[column(group)] += value
            top.append((group, value))
    event_total = values.get(Group(None, None))
    top_sum = sum(value for _, value in top)
    if event_total is not None and event_total >= top_sum:
        split[_UNKNOWN] += event_total - top_sum
    return {name: split[name] for name in DEATHS_COLUMNS}


def ged_numbers(event: Event, lookups: Lookups, policy: Policy, sides: Sides) -> GedNumbers:
    """Return GED's numbers for ``event`` under ``policy`` (see the module)."""
    estimates = estimates_of(event, lookups.claimants, policy, actors=lookups.actors)
    best = estimates.best
    by_label, disputed = _groups_by_label(event, lookups, policy)
    values = {
        by_label[g.group]: g.value
        for g in best.explanation.groups
        if g.value is not None and g.group in by_label
    }
    deaths = _split(values, _Columns(event, lookups, sides, disputed))
    if sum(deaths.values()) != best.value:  # a group the labels missed: say nothing false
        deaths = {**dict.fromkeys(DEATHS_COLUMNS, 0), _UNKNOWN: best.value}
    return GedNumbers(
        best=best.value,
        low=estimates.low.value,
        high=estimates.high.value,
        deaths=deaths,
        figures=best.explanation.figures,
    )
