"""Revision chains: which figures of an event a later figure replaces, and which chains are broken.

A figure marked ``revised`` names the later figure that replaces it (``revised_by``). Within an
event the links form chains (63 -> 89). A chain is broken when it loops (A revised by B, B by A):
then no figure of the loop can be said to be the current one, so all of them stay standing (and
validation reports the loop, S208). A revision by another claimant (the governor's 3 "revised" by
local media's 4) is followed unless the policy keeps such figures standing
(``cross_claimant_revisions = "stand"``); every shipped policy follows it, as ACLED and UCDP update
a toll from later reports.

Revisions are resolved within one event; a ``revised_by`` naming a figure of another event is
followed (the coder said so) and reported (R014).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from attrs import frozen

from eventcode.model import Event, Figure, Status

__all__ = ["NO_REVISIONS", "Chain", "Revisions", "revisions"]


@frozen(kw_only=True)
class Chain:
    """A revision chain from its first figure to its standing one (ids in order)."""

    figures: tuple[str, ...]
    cross_claimant: tuple[str, ...]  # the ids of figures revised by another claimant


@frozen(kw_only=True)
class Revisions:
    """What the revisions of one event amount to.

    ``superseded`` maps a figure id to the id of the figure that replaces it (read-only);
    ``cycles`` lists each loop (ids in chain order, starting from the first in the event's
    order); ``chains`` the unbroken chains of two or more figures that end in a figure of this
    event.
    """

    superseded: Mapping[str, str]
    cycles: tuple[tuple[str, ...], ...]
    chains: tuple[Chain, ...]

    def __reduce__(self) -> tuple[Any, ...]:
        # A read-only mapping does not pickle: the ids are pickled as a dict.
        return _unpickled, (dict(self.superseded), self.cycles, self.chains)


def _unpickled(
    superseded: dict[str, str], cycles: tuple[tuple[str, ...], ...], chains: tuple[Chain, ...]
) -> Revisions:
    return Revisions(superseded=MappingProxyType(superseded), cycles=cycles, chains=chains)


def _loops(next_of: dict[str, str], order: Sequence[str]) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for start in order:
        path: list[str] = []
        at: str | None = start
        while at is not None and at not in seen and at not in path:
            path.append(at)
            at = next_of.get(at)
        if at is not None and at in path:
            loop = path[path.index(at) :]
            first = min(loop, key=order.index)
            i = loop.index(first)
            found.append(tuple(loop[i:] + loop[:i]))
        seen.update(path)
    return found


#: The revisions of an event with no revision link (immutable: one for every such event, and
#: :func:`revisions` returns it for exactly those: no figure is ``revised`` with a ``revised_by``).
NO_REVISIONS = Revisions(superseded=MappingProxyType({}), cycles=(), chains=())

#: The event :func:`revisions` last walked, how, and what it found (the event is held, so that
#: ``is`` cannot match another object at its address). The checks of one event ask in turn
#: (pairs, revisions, crowds, derived counts); events are frozen and the result read-only.
_LAST: tuple[Event, bool, Revisions] | None = None


def revisions(event: Event, *, follow_cross_claimant: bool = True) -> Revisions:
    """Return the revision structure of ``event``'s figures (pure; reads only the event)."""
    global _LAST
    last = _LAST  # one read: another thread may replace it
    if last is not None and last[0] is event and last[1] == follow_cross_claimant:
        return last[2]
    found = _revisions(event, follow_cross_claimant)
    _LAST = (event, follow_cross_claimant, found)
    return found


#: Bound once: in Python 3.11 ``Status.REVISED`` goes through the enum class's ``__getattr__``
#: hook, several times the cost of a plain name, and every figure of every event is asked.
_REVISED = Status.REVISED


def _revisions(event: Event, follow_cross_claimant: bool) -> Revisions:
    next_of = {
        f.id: f.revised_by
        for f in event.figures
        if f.status is _REVISED and f.revised_by is not None
    }
    if not next_of:  # the common case: no link, nothing to walk
        return NO_REVISIONS
    figures = {f.id: f for f in event.figures}
    order = [f.id for f in event.figures]
    cycles = _loops({k: v for k, v in next_of.items() if v in figures}, order)
    in_loop = {i for loop in cycles for i in loop}
    superseded: dict[str, str] = {}
    for figure_id, reviser in next_of.items():
        if figure_id in in_loop:
            continue
        other = figures.get(reviser)
        if other is not None and not follow_cross_claimant and _cross(figures[figure_id], other):
            continue
        superseded[figure_id] = reviser
    chains: list[Chain] = []
    revised_by_someone = set(next_of.values())
    for start in order:
        if start in revised_by_someone or start not in next_of or start in in_loop:
            continue
        path = [start]
        while path[-1] in next_of and next_of[path[-1]] in figures:
            nxt = next_of[path[-1]]
            if nxt in in_loop or nxt in path:
                break
            path.append(nxt)
        if len(path) > 1:
            cross = tuple(a for a, b in itertools.pairwise(path) if _cross(figures[a], figures[b]))
            chains.append(Chain(figures=tuple(path), cross_claimant=cross))
    return Revisions(
        superseded=MappingProxyType(superseded), cycles=tuple(cycles), chains=tuple(chains)
    )


def _cross(revised: Figure, reviser: Figure) -> bool:
    return revised.claimant != reviser.claimant
