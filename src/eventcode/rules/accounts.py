"""Victim groups across accounts: which death figures of an event count the same people.

A figure's subject names a victim group (:mod:`eventcode.rules.groups`). Two subjects name the
same people when opposing sides describe one set of victims differently: the local authority
says 4 civilians, the attacker "up to 40 militants". Those are **competing accounts**: one group
whose identity is disputed, derived from all its accounts together and never summed.

Inferred when, for two subjects of incompatible identity (one ``civilians``, the other
``combatants``):

- the victims belong to one country (the civilians' and the fighters' actors, or the event's
  place for a subject without an actor): the attacker calls fighters those the other side calls
  its civilians;
- a side other than the fighters' own describes them as fighters (a side counting its own
  fighters beside civilians counts distinct dead);
- no claimant that speaks for a side gives figures under both (a party that splits the dead
  itself says they are distinct groups; a neutral investigator's split, such as the UN's "19
  civilians and 3 fighters", is one more account of the same dead and settles no dispute);
- the sides that describe one (the actors their claimants speak for, counted by country where
  the actor has one) share none with the sides that describe the other, and at least one side
  describes them;
- the coder has not stated them ``distinct``.

A coder states it where inference cannot tell: an event's ``victim_groups`` with relation
``same`` merge the subjects of their figures; ``distinct`` keeps them apart. Two sides' own
losses in a battle are both combatants and never merge: they add up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from attrs import frozen

from eventcode.model import (
    Actor,
    Claimant,
    Event,
    Figure,
    Scope,
    VictimCategory,
    VictimRelation,
)
from eventcode.rules.groups import Group, group_of
from eventcode.rules.speakers import side_key

__all__ = ["Accounts", "account_groups"]

_INCOMPATIBLE = frozenset({VictimCategory.CIVILIANS.value, VictimCategory.COMBATANTS.value})


@frozen(kw_only=True)
class Accounts:
    """Subjects merged into one victim group, with what the merge rests on.

    ``members`` are the subject groups merged (two or more); ``figures`` the ids of the event's
    death figures under them (revised ones included: they are accounts too); ``disputed`` is True
    when the members describe the victims under incompatible identities; ``stated`` is True when
    a coder's victim group merged them rather than inference; ``reason`` says why in words.
    """

    members: tuple[Group, ...]
    figures: tuple[str, ...]
    disputed: bool
    stated: bool
    reason: str

    @property
    def group(self) -> Group:
        """The merged group that derived counts weigh."""
        return Group(None, None, self.members)


def _side(claimant: Claimant | None, actors: Mapping[str, Actor]) -> str | None:
    if claimant is None or claimant.speaks_for is None:
        return None
    return side_key(claimant.speaks_for, actors)


def _victims_side(group: Group, actors: Mapping[str, Actor], place: str | None) -> str | None:
    """Return the country the victims of a subject belong to (``None``: cannot tell)."""
    if group.actor is None:
        return place
    actor = actors.get(group.actor)
    return None if actor is None else actor.country


class _Union:
    def __init__(self, items: Iterable[Group]) -> None:
        self.parent = {g: g for g in items}

    def find(self, g: Group) -> Group:
        while self.parent[g] != g:
            self.parent[g] = self.parent[self.parent[g]]
            g = self.parent[g]
        return g

    def join(self, a: Group, b: Group) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            first, second = sorted((ra, rb), key=lambda g: g.sort_key)
            self.parent[second] = first


_EVENT = Scope.EVENT  # bound once: an enum member is a slow lookup in Python 3.11


def _death_subjects(figures: Sequence[Figure]) -> dict[Group, list[Figure]]:
    found: dict[Group, list[Figure]] = {}
    for figure in figures:
        if figure.scope is _EVENT:
            found.setdefault(group_of(figure.subject), []).append(figure)
    return found


def _one_subject(figures: Sequence[Figure]) -> bool:
    """Return True when the event-scope figures name at most one subject (so one group).

    Subjects are equal by their fields; :func:`group_of` is a function of the subject.
    """
    subjects = {(f.subject.actor, f.subject.category) for f in figures if f.scope is _EVENT}
    return len(subjects) < 2


def _competing(
    a: list[Figure],
    b: list[Figure],
    claimants: Mapping[str, Claimant],
    actors: Mapping[str, Actor],
) -> bool:
    """Return True when two descriptions (civilians, combatants) are competing accounts."""
    who_a = {f.claimant for f in a}
    who_b = {f.claimant for f in b}
    if any(_side(claimants.get(c), actors) is not None for c in who_a & who_b):
        return False  # a party gives both descriptions: it splits the dead itself
    sides_a = {_side(claimants.get(c), actors) for c in who_a} - {None}
    sides_b = {_side(claimants.get(c), actors) for c in who_b} - {None}
    return bool(sides_a | sides_b) and not (sides_a & sides_b)


def _adversary_says_fighters(
    fighters: Group,
    describers: list[Figure],
    claimants: Mapping[str, Claimant],
    actors: Mapping[str, Actor],
) -> bool:
    """Return True when a side other than the fighters' own describes them (an attacker's claim)."""
    own = None if fighters.actor is None else side_key(fighters.actor, actors)
    sides = {_side(claimants.get(f.claimant), actors) for f in describers} - {None}
    return any(side != own for side in sides)


def account_groups(
    event: Event,
    figures: Sequence[Figure],
    claimants: Mapping[str, Claimant],
    actors: Mapping[str, Actor],
) -> tuple[Accounts, ...]:
    """Return the merged victim groups of ``event`` among its death ``figures``.

    ``figures`` are the event's death figures (any status: a revised figure is still an account
    of who died). Subjects not merged with another are not returned. Figure ids that the event's
    ``victim_groups`` name but ``figures`` lacks are ignored (validation reports them).
    """
    if _one_subject(figures):
        return ()  # fewer than two groups: nothing to merge (without hashing each subject)
    subjects = _death_subjects(figures)
    if len(subjects) < 2:
        return ()
    subject_of = {f.id: g for g, members in subjects.items() for f in members}
    union = _Union(subjects)
    stated: set[Group] = set()
    apart: set[frozenset[Group]] = set()
    for declared in event.victim_groups:
        named = sorted(
            {subject_of[i] for i in declared.figures if i in subject_of}, key=lambda g: g.sort_key
        )
        if declared.relation is VictimRelation.DISTINCT:
            apart.update(frozenset((x, y)) for x in named for y in named if x != y)
            continue
        for other in named[1:]:
            union.join(named[0], other)
        if len(named) > 1:
            stated.update(named)
    ordered = sorted(subjects, key=lambda g: g.sort_key)
    place = None if event.place is None else event.place.country
    inferred: set[Group] = set()
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            pair = {a.category, b.category}
            if pair != _INCOMPATIBLE or frozenset((a, b)) in apart:
                continue
            if union.find(a) == union.find(b):
                continue
            country = _victims_side(a, actors, place)
            if country is None or country != _victims_side(b, actors, place):
                continue  # not the same people's dead, as far as the data tells
            fighters = a if a.category == VictimCategory.COMBATANTS.value else b
            if not _adversary_says_fighters(fighters, subjects[fighters], claimants, actors):
                continue  # a side counting its own fighters beside civilians: distinct dead
            if _competing(subjects[a], subjects[b], claimants, actors):
                union.join(a, b)
                inferred.update((a, b))
    merged: dict[Group, list[Group]] = {}
    for g in ordered:
        merged.setdefault(union.find(g), []).append(g)
    found: list[Accounts] = []
    for members in merged.values():
        if len(members) < 2:
            continue
        categories = {m.category for m in members}
        disputed = categories >= _INCOMPATIBLE
        was_stated = any(m in stated for m in members)
        ids = tuple(sorted(f.id for m in members for f in subjects[m]))
        labels = " and ".join(m.label for m in members)
        if was_stated:
            reason = f"the coder states that {labels} count the same victims"
        else:
            reason = (
                f"{labels} are opposing sides' descriptions of the same victims (no party "
                "gives both)"
            )
        found.append(
            Accounts(
                members=tuple(members),
                figures=ids,
                disputed=disputed,
                stated=was_stated and not (set(members) <= inferred),
                reason=reason,
            )
        )
    return tuple(found)
