"""Derived counts: ACLED fatalities and UCDP-style best / low / high, each explained.

Only figures that count deaths (``deaths: true`` in ``data/quantities.json``), of event scope,
and not revised by a later figure are weighed; they are grouped by victim group
(:mod:`eventcode.rules.groups`) and the groups added up, a total beside its parts counting once.
"""

from __future__ import annotations

import operator
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import Any, NamedTuple

import attrs
from attrs import frozen

from eventcode.model import Actor, Basis, Claimant, CountKind, Dataset, Event, Figure, Scope, Status
from eventcode.rules.accounts import Accounts, account_groups
from eventcode.rules.explain import Derived, Explanation, GroupValue, LeftOut
from eventcode.rules.groups import AddedUp, Group, add_up, combine, group_of
from eventcode.rules.policy import Policy, death_quantities
from eventcode.rules.policy import policy as get_policy
from eventcode.rules.revisions import revisions
from eventcode.rules.speakers import (
    actors_by_id,
    event_parties,
    is_own_side,
    is_party_run_authority,
)
from eventcode.rules.values import Reading, read_count

__all__ = [
    "EventDerivation",
    "UcdpEstimates",
    "acled_fatalities",
    "death_figures",
    "death_quantities",
    "derive",
    "derive_event",
    "is_adversary_claim",
    "ucdp_estimates",
]

#: Who stated the figures: the claimants by id or in a sequence, or the dataset (its claimants,
#: and its actors when none are given).
Claimants = Mapping[str, Claimant] | Iterable[Claimant] | Dataset
Actors = Mapping[str, Actor] | Iterable[Actor]

NO_DEATH_FIGURE = "no death figure of event scope: 0"

#: Order of reliability for UCDP's best: reported, then estimated, then claimed.
_RELIABILITY = {Basis.REPORTED: 0, Basis.ESTIMATED: 1, Basis.CLAIMED: 2}


def _left_out_reason(
    figure: Figure, superseded: Mapping[str, str], deaths: frozenset[str]
) -> str | None:
    """Return why derived counts leave a figure out (``deaths``: the death quantities)."""
    if figure.quantity not in deaths:
        if figure.quantity == "casualties":
            return "casualties (killed and wounded unsplit) is never a death count"
        return f"{figure.quantity} is not a death count"
    if figure.scope is not Scope.EVENT:
        return f"a {figure.scope.value} figure never counts toward one event"
    if figure.id in superseded:
        return f"revised by {superseded[figure.id]}: only the current figure counts"
    if figure.status is Status.REVISED and figure.revised_by is None:
        return "revised, by no figure named: only the current figure counts"
    return None


def death_figures(
    event: Event, policy: Policy | str | None = None
) -> tuple[tuple[Figure, ...], tuple[LeftOut, ...]]:
    """Split an event's figures into those derived counts weigh and those left out (with why).

    A figure replaced by a later one (:func:`~eventcode.rules.revisions.revisions`) is left out;
    figures in a revision loop stay, since none of them can be said to be the current one; a
    figure revised by another claimant stays when ``policy`` (a name, a Policy, or ``None`` for
    the default) keeps such figures standing.
    """
    chosen = get_policy(policy)
    last = _LAST_SPLIT  # one read: another thread may replace it
    if last is not None and last[0] is event and last[1] is chosen:
        return last[2]
    follow = chosen.cross_claimant_revisions == "supersede"
    superseded = revisions(event, follow_cross_claimant=follow).superseded
    kept: list[Figure] = []
    left: list[LeftOut] = []
    deaths = death_quantities()
    for figure in sorted(event.figures, key=_by_id):
        reason = _left_out_reason(figure, superseded, deaths)
        if reason is None:
            kept.append(figure)
        else:
            left.append(LeftOut(figure=figure.id, reason=reason))
    split = (tuple(kept), tuple(left))
    _remember_split(event, chosen, split)
    return split


_by_id = operator.attrgetter("id")
_Split = tuple[tuple[Figure, ...], tuple[LeftOut, ...]]
#: The last event :func:`death_figures` split, its policy and the split (both held, so that
#: ``is`` cannot match another object at the same address). Validation asks for one event's
#: split twice in a row (the ACLED fatalities and the notes' dispute summary); events and
#: policies are frozen, so the split of the same objects is the same.
_LAST_SPLIT: tuple[Event, Policy, _Split] | None = None


def _remember_split(event: Event, policy: Policy, split: _Split) -> None:
    global _LAST_SPLIT
    _LAST_SPLIT = (event, policy, split)


#: The parties of the datasets last given to the functions here, by the dataset's identity:
#: a dataset given event after event (``acled_fatalities(event, dataset)`` in a loop) is
#: indexed once, not once an event. An entry goes when its dataset does.
_PARTIES: dict[int, tuple[weakref.ref[Dataset], dict[str, Claimant], dict[str, Actor]]] = {}


def _parties(dataset: Dataset) -> tuple[dict[str, Claimant], dict[str, Actor]]:
    """Return a dataset's claimants and actors by id (indexed once per dataset)."""
    key = id(dataset)
    found = _PARTIES.get(key)
    if found is not None and found[0]() is dataset:
        return found[1], found[2]
    claimants = {c.id: c for c in dataset.claimants}
    actors = {a.id: a for a in dataset.actors}
    gone = weakref.ref(dataset, lambda _, key=key: _PARTIES.pop(key, None))  # type: ignore[misc]
    _PARTIES[key] = (gone, claimants, actors)
    return claimants, actors


def _claimant_map(claimants: Claimants) -> Mapping[str, Claimant]:
    """Return the claimants by id: a mapping (by id, as :data:`Claimants` says) as it is."""
    if isinstance(claimants, Dataset):
        return _parties(claimants)[0]
    if isinstance(claimants, Mapping):
        return claimants
    return {c.id: c for c in claimants}


def _actor_map(claimants: Claimants, actors: Actors) -> Mapping[str, Actor]:
    """Return the actors by id: those given, else the dataset's when ``claimants`` is one."""
    if isinstance(claimants, Dataset) and not actors:
        return _parties(claimants)[1]
    return actors_by_id(actors)


def is_adversary_claim(
    figure: Figure,
    claimant: Claimant | None,
    actors: Mapping[str, Actor] | Iterable[Actor] = (),
    *,
    event: Event | None = None,
) -> bool:
    """Return True for a belligerent's claim about its adversary.

    That is a claimed figure whose claimant does not speak for the subject's own side: not its
    actor, and not its own residents (:func:`~eventcode.rules.speakers.is_own_side`). UCDP-style
    estimates treat such a figure as unreliable unless the policy admits it. A claimed figure by
    an unknown claimant counts as one. ``actors`` and ``event`` give the countries that tell a
    claimant's own residents.
    """
    if figure.basis is not Basis.CLAIMED:
        return False
    if claimant is None:
        return True
    country = None if event is None or event.place is None else event.place.country
    return not is_own_side(figure, claimant, actors_by_id(actors), country)


def _ids(figures: Iterable[Figure]) -> tuple[str, ...]:
    return tuple(sorted(f.id for f in figures))


def _explained(
    groups: list[GroupValue], values: dict[Group, tuple[int, tuple[str, ...]]]
) -> Derived:
    combined = combine(values)
    return Derived(
        value=combined.value,
        explanation=Explanation(
            figures=combined.figures, groups=tuple(groups), reason=combined.reason
        ),
    )


def _none_derived() -> Derived:
    return Derived(value=0, explanation=Explanation(figures=(), groups=(), reason=NO_DEATH_FIGURE))


class _Weighed:
    """The death figures of one event, grouped, with what the groups rest on.

    Made once a derivation, never changed but for two memos: what the policy reads in each
    figure weighed, by the figure's identity (the event keeps its figures alive), so a figure is
    read once however often it is weighed; and the event's parties, found when first asked.
    """

    __slots__ = (
        "_parties",
        "_readings",
        "actors",
        "claimants",
        "event",
        "groups",
        "merged",
        "policy",
    )

    def __init__(
        self,
        groups: dict[Group, list[Figure]],
        merged: dict[Group, Accounts],
        claimants: Mapping[str, Claimant],
        actors: Mapping[str, Actor],
        event: Event,
        policy: Policy,
    ) -> None:
        self.groups = groups
        self.merged = merged
        self.claimants = claimants
        self.actors = actors
        self.event = event
        self.policy = policy
        self._readings: dict[int, Reading] = {}
        self._parties: frozenset[str] | None = None

    def reading(self, figure: Figure) -> Reading:
        """Return what the policy reads in ``figure``'s value (read once)."""
        found = self._readings.get(id(figure))
        if found is None:
            found = self._readings[id(figure)] = read_count(figure.value, self.policy)
        return found

    @property
    def parties(self) -> frozenset[str]:
        """The event's parties (its actors and associated actors)."""
        if self._parties is None:
            self._parties = event_parties(self.event)
        return self._parties


def _weigh(
    event: Event, claimants: Claimants, actors: Mapping[str, Actor], policy: Policy
) -> _Weighed:
    by_id = _claimant_map(claimants)
    figures, _ = death_figures(event, policy)
    deaths = death_quantities()
    every = [f for f in event.figures if f.quantity in deaths]
    merged = {a.group: a for a in account_groups(event, every, by_id, actors)}
    member_of = {m: g for g, a in merged.items() for m in a.members}
    groups: dict[Group, list[Figure]] = {}
    for figure in figures:
        subject = group_of(figure.subject)
        groups.setdefault(member_of.get(subject, subject), []).append(figure)
    ordered = (
        dict(sorted(groups.items(), key=lambda item: item[0].sort_key))
        if len(groups) > 1
        else groups
    )
    return _Weighed(ordered, merged, by_id, actors, event, policy)


class _Account:
    """What one source says of one victim group: a figure, or a claimant's figures summed.

    Equal by its figures, reading and vagueness. Whether it is an adversary's claim, or an
    interested authority's, is judged when first asked (UCDP-style estimates ask; ACLED's count
    does not), from the event's weighing, which nothing changes.
    """

    __slots__ = ("_adversary", "_ids", "_interested", "figures", "reading", "vague", "weighed")

    def __init__(
        self, *, figures: tuple[Figure, ...], reading: Reading, vague: bool, weighed: _Weighed
    ) -> None:
        self.figures = figures
        self.reading = reading
        self.vague = vague
        self.weighed = weighed
        self._adversary: bool | None = None
        self._interested: bool | None = None
        self._ids: tuple[str, ...] | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Account):
            return NotImplemented
        return (self.figures, self.reading, self.vague) == (
            other.figures,
            other.reading,
            other.vague,
        )

    def __hash__(self) -> int:
        return hash((self.figures, self.reading, self.vague))

    @property
    def adversary(self) -> bool:
        """True when every figure of the account is a belligerent's claim about its adversary."""
        if self._adversary is None:
            self._adversary = all(_adversary(f, self.weighed) for f in self.figures)
        return self._adversary

    @property
    def interested(self) -> bool:
        """True when every figure of the account is a party-run authority's."""
        if self._interested is None:
            self._interested = all(_interested(f, self.weighed) for f in self.figures)
        return self._interested

    @property
    def ids(self) -> tuple[str, ...]:
        if self._ids is None:
            self._ids = _ids(self.figures)
        return self._ids

    @property
    def basis(self) -> Basis:
        return max((f.basis for f in self.figures), key=lambda b: _RELIABILITY[b])

    @property
    def label(self) -> str:
        if len(self.figures) == 1:
            return self.figures[0].id
        return f"{self.figures[0].claimant}'s account ({' + '.join(self.ids)})"

    def describe(self) -> str:
        head = self.label if len(self.figures) > 1 else f"{self.label} ({self.basis.value}"
        if len(self.figures) == 1:
            head += f", {self.figures[0].claimant})"
        return f"{head}: {self.reading.how}"


def _add(readings: Sequence[Reading]) -> Reading:
    """Return the reading of parts added up: what a source says of a group it splits."""
    if len(readings) == 1:
        return readings[0]
    minima = [r.minimum for r in readings if r.minimum is not None]
    maxima = [r.maximum for r in readings]
    points = [r.point for r in readings if r.point is not None]
    return Reading(
        minimum=sum(minima) if minima else None,
        maximum=None if any(m is None for m in maxima) else sum(m for m in maxima if m),
        point=sum(points) if points else None,
        how=" + ".join(f"({r.how})" for r in readings),
        from_table=any(r.from_table for r in readings),
        fallback=any(r.fallback for r in readings),
    )


def _accounts(
    group: Group, members: Sequence[Figure], weighed: _Weighed, policy: Policy
) -> list[_Account]:
    """Return the complete (not partial) accounts of a group, one per figure or per claimant.

    In a group merged from competing accounts each claimant's figures are one account: per
    subject its lowest figure, added over the subjects it describes (the UN's 19 civilians and 3
    fighters are one account of 22 against a belligerent's "about 30 fighters").
    """
    complete = [f for f in members if not f.partial]
    by_claimant: dict[str, dict[Group, list[Figure]]] = {}
    if group.is_merged:
        for f in complete:
            by_claimant.setdefault(f.claimant, {}).setdefault(group_of(f.subject), []).append(f)
        units = []
        for subjects in by_claimant.values():
            picked = []
            for _, figs in sorted(subjects.items(), key=lambda item: item[0].sort_key):
                picked.append(min(figs, key=lambda f: (_minimum_key(f, weighed), f.id)))
            units.append(picked)
    else:
        units = [[f] for f in complete]
    return [
        _Account(
            figures=tuple(figs),
            reading=_add([weighed.reading(f) for f in figs]),
            vague=all(f.value.kind is CountKind.VAGUE for f in figs),
            weighed=weighed,
        )
        for figs in units
    ]


def _minimum_key(figure: Figure, weighed: _Weighed) -> int:
    found = weighed.reading(figure).minimum
    return 10**18 if found is None else found


def _adversary(figure: Figure, weighed: _Weighed) -> bool:
    return is_adversary_claim(
        figure, weighed.claimants.get(figure.claimant), weighed.actors, event=weighed.event
    )


def _interested(figure: Figure, weighed: _Weighed) -> bool:
    claimant = weighed.claimants.get(figure.claimant)
    return claimant is not None and is_party_run_authority(
        claimant, weighed.actors, weighed.parties
    )


def _overlap(a: Reading, b: Reading) -> bool:
    a_low, b_low = a.minimum or 0, b.minimum or 0
    return (b.maximum is None or a_low <= b.maximum) and (a.maximum is None or b_low <= a.maximum)


class _Tiers(NamedTuple):
    """A group's accounts ranked: numeric first, then vague, then a policy's fallback."""

    pool: list[_Account]
    kind: str
    set_aside: list[_Account]
    contradicting: list[_Account]


def _tiers(accounts: Sequence[_Account]) -> _Tiers:
    with_min = [a for a in accounts if a.reading.minimum is not None]
    numeric = [a for a in with_min if not a.vague and not a.reading.fallback]
    vague = [a for a in with_min if a.vague]
    fallback = [a for a in with_min if a.reading.fallback and not a.vague]
    if numeric:
        contradicting = [
            v for v in vague if not any(_overlap(v.reading, n.reading) for n in numeric)
        ]
        return _Tiers(
            pool=numeric, kind="stated", set_aside=[*vague, *fallback], contradicting=contradicting
        )
    if vague:
        return _Tiers(pool=vague, kind="vague", set_aside=fallback, contradicting=[])
    return _Tiers(pool=fallback, kind="fallback", set_aside=[], contradicting=[])


def _floor(members: Sequence[Figure], weighed: _Weighed) -> tuple[int, tuple[str, ...]] | None:
    """Return the highest minimum of the group's partial counts (a floor), with its figures."""
    partial = [(f, weighed.reading(f).minimum) for f in members if f.partial]
    numbered = [(f, n) for f, n in partial if n is not None]
    if not numbered:
        return None
    top = max(n for _, n in numbered)
    return top, _ids(f for f, n in numbered if n == top)


def _tier_note(tiers: _Tiers) -> str:
    notes = []
    if tiers.kind == "stated" and tiers.set_aside:
        listed = ", ".join(a.label for a in tiers.set_aside)
        notes.append(f"set aside, as a figure that states a number outranks them: {listed}")
    if tiers.kind == "fallback":
        listed = ", ".join(a.label for a in tiers.pool)
        notes.append(f"no figure states a minimum, so the policy's fallback is used: {listed}")
    return "".join(f"; {n}" for n in notes)


def _floored(value: int | None, floor: tuple[int, tuple[str, ...]] | None) -> int | None:
    """Return a group's value raised to its floor (its partial counts' highest) if below it."""
    if floor is None:
        return value
    return floor[0] if value is None or floor[0] > value else value


def _with_floor(
    value: int | None, ids: tuple[str, ...], reason: str, floor: tuple[int, tuple[str, ...]] | None
) -> tuple[int | None, tuple[str, ...], str]:
    final = _floored(value, floor)
    if floor is None:
        return value, ids, reason
    n, partial = floor
    if value is None:
        return (
            n,
            partial,
            f"only partial counts give a number: a floor of {n} ({', '.join(partial)})",
        )
    if final != value:
        return (
            n,
            partial,
            f"{reason}; raised to the floor {n} of a partial count ({', '.join(partial)})",
        )
    return value, ids, f"{reason}; partial count(s) {', '.join(partial)} ({n}) are a floor below it"


def _group_value(
    group: Group,
    members: Sequence[Figure],
    weighed: _Weighed,
    value: int | None,
    chosen: Sequence[_Account],
    reason: str,
    fallback: bool,
) -> GroupValue:
    accounts = weighed.merged.get(group)
    if accounts is not None:
        reason = f"{accounts.reason}; {reason}"
    ids = tuple(sorted({i for a in chosen for i in a.ids}))
    return GroupValue(
        group=group.label,
        value=value,
        figures=ids,
        considered=_ids(members),
        reason=reason,
        fallback=ids if fallback else (),
    )


def acled_fatalities(
    event: Event,
    claimants: Claimants,
    policy: Policy | str | None = None,
    *,
    actors: Actors = (),
) -> Derived:
    """Return ACLED's fatality count for ``event`` under ``policy``, explained.

    Per victim group (competing accounts of the same dead merged into one,
    :mod:`eventcode.rules.accounts`), the lowest minimum of any standing, complete death figure of
    event scope, whoever stated it (belligerents included, as ACLED's "lowest reported" means
    reported by any source). Figures that state a number rank first: a vague term sets the count
    only when nothing numeric does, and a policy's fallback for "up to N" only when nothing else
    gives a minimum. In a merged group each claimant's figures are one account, added over the
    subjects it describes. Partial counts are floors: a partial count above the group's value
    raises it. The event's count is the groups' sum, a total beside its parts counting once; 0
    when no figure gives a number. ``claimants`` and ``actors`` tell the accounts apart and a
    belligerent's claim about its adversary: give the dataset (``acled_fatalities(event,
    dataset)``), or its claimants with ``actors=dataset.actors`` -- without the actors no claim
    is known to be about an adversary. ``policy`` is a :class:`Policy` or a policy's name
    (``None``: the default), as everywhere.
    """
    policy = get_policy(policy)
    weighed = _weigh(event, claimants, _actor_map(claimants, actors), policy)
    if not weighed.groups:
        return _none_derived()
    picks = [_lowest(group, members, weighed) for group, members in weighed.groups.items()]
    added = add_up({p.group: (p.value, p.figures) for p in picks if p.value is not None})
    # The words are made when first read: the ACLED writer's fatalities cell reads the number.
    return Derived.later(added.value, partial(_acled_explanation, picks, weighed, added))


class _Lowest(NamedTuple):
    """One victim group's ACLED count: its accounts ranked, the lowest minimum and the floor."""

    group: Group
    members: list[Figure]
    tiers: _Tiers
    floor: tuple[int, tuple[str, ...]] | None
    lowest: int | None
    chosen: list[_Account]
    value: int | None
    figures: tuple[str, ...]


def _lowest(group: Group, members: list[Figure], weighed: _Weighed) -> _Lowest:
    """Return a group's ACLED count: the lowest minimum of its best tier, raised to its floor."""
    tiers = _tiers(_accounts(group, members, weighed, weighed.policy))
    floor = _floor(members, weighed)
    chosen: list[_Account] = []
    lowest: int | None = None
    if tiers.pool:
        lowest = min(a.reading.minimum or 0 for a in tiers.pool)
        chosen = [a for a in tiers.pool if a.reading.minimum == lowest]
    value = _floored(lowest, floor)
    if floor is not None and value == floor[0] and (lowest is None or floor[0] > lowest):
        figures = floor[1]
    else:
        figures = tuple(sorted({i for a in chosen for i in a.ids}))
    return _Lowest(
        group=group,
        members=members,
        tiers=tiers,
        floor=floor,
        lowest=lowest,
        chosen=chosen,
        value=value,
        figures=figures,
    )


def _lowest_value(pick: _Lowest, weighed: _Weighed) -> GroupValue:
    """Return a group's ACLED count with the reason in words."""
    tiers, chosen, lowest = pick.tiers, pick.chosen, pick.lowest
    if tiers.pool:
        how = "; ".join(a.describe() for a in chosen)
        reason = f"lowest minimum {lowest}: {how}"
        others = len(tiers.pool) - len(chosen)
        if others:
            reason += f"; {others} higher figure(s) not taken"
        reason += _tier_note(tiers)
    else:
        listed = "; ".join(f"{f.id}: {weighed.reading(f).how}" for f in pick.members)
        reason = f"no figure gives a minimum ({listed})"
    _, _, reason = _with_floor(lowest, (), reason, pick.floor)
    found = _group_value(
        pick.group, pick.members, weighed, pick.value, chosen, reason, tiers.kind == "fallback"
    )
    return attrs.evolve(found, figures=pick.figures) if found.figures != pick.figures else found


def _acled_explanation(picks: list[_Lowest], weighed: _Weighed, added: AddedUp) -> Explanation:
    """Return why an event's ACLED count is what it is: each group's count, then the sum."""
    groups = tuple(_lowest_value(pick, weighed) for pick in picks)
    combined = added.combined()
    return Explanation(figures=combined.figures, groups=groups, reason=combined.reason)


@frozen(kw_only=True)
class UcdpEstimates:
    """UCDP-style best, low and high for one event, each explained."""

    best: Derived
    low: Derived
    high: Derived

    def to_dict(self) -> dict[str, Any]:
        """Return the three numbers with their explanations as a JSON-ready dictionary."""
        return {"best": self.best.to_dict(), "low": self.low.to_dict(), "high": self.high.to_dict()}


@frozen(kw_only=True)
class _GroupEstimate:
    low: GroupValue
    best: GroupValue
    high: GroupValue


def _reliable(accounts: Sequence[_Account], policy: Policy) -> tuple[list[_Account], str]:
    """Return the group's reliable accounts and a note on what was left out or let in."""
    claims = [a for a in accounts if a.adversary]
    if not claims:
        return list(accounts), ""
    listed = ", ".join(a.label for a in claims)
    if policy.admit_adversary_claims:
        return list(accounts), f"; adversary claims admitted by policy {policy.name}: {listed}"
    others = [a for a in accounts if not a.adversary]
    if any(a.reading.upper is not None for a in others):
        return others, f"; left out as a belligerent's claims about its adversary: {listed}"
    return list(
        accounts
    ), f"; only a belligerent's claims about its adversary give numbers, so used: {listed}"


def _rank(account: _Account, policy: Policy) -> int:
    rank = _RELIABILITY[account.basis]
    if policy.interested_authorities and account.interested:
        return max(rank, _RELIABILITY[Basis.CLAIMED])
    return rank


def _estimate_group(
    group: Group, members: Sequence[Figure], weighed: _Weighed, policy: Policy
) -> _GroupEstimate:
    reliable, note = _reliable(_accounts(group, members, weighed, policy), policy)
    tiers = _tiers(reliable)
    floor = _floor(members, weighed)
    note += _tier_note(tiers)

    def value(kind: str, found: int | None, chosen: list[_Account], why: str) -> GroupValue:
        if found is None:
            listed = "; ".join(a.describe() for a in reliable) or "none"
            reason = f"{kind}: no reliable figure gives one ({listed}){note}"
        else:
            detail = "; ".join(a.describe() for a in chosen)
            reason = f"{kind} {found}, {why}: {detail}{note}"
        final, ids, reason = _with_floor(found, (), reason, floor)
        result = _group_value(
            group, members, weighed, final, chosen, reason, tiers.kind == "fallback"
        )
        if floor is not None and final == floor[0] and (found is None or floor[0] > found):
            result = attrs.evolve(result, figures=ids)
        return result

    pool = tiers.pool
    low_n = min((a.reading.minimum for a in pool if a.reading.minimum is not None), default=None)
    low = value(
        "low", low_n, [a for a in pool if a.reading.minimum == low_n], "the lowest reliable minimum"
    )
    # A vague figure compatible with numeric ones raises no ceiling; a stated maximum does.
    ceiling = [
        a
        for a in reliable
        if not (a.vague and a in tiers.set_aside and a not in tiers.contradicting)
    ]
    uppers = [a for a in ceiling if a.reading.upper is not None]
    high_n = max((a.reading.upper for a in uppers if a.reading.upper is not None), default=None)
    stated = "the highest reliable maximum (a figure with no maximum counts its point)"
    high = value("high", high_n, [a for a in uppers if a.reading.upper == high_n], stated)
    points = sorted(
        (a for a in pool if a.reading.point is not None),
        key=lambda a: (_rank(a, policy), a.reading.point, a.label),
    )
    if points:
        top = points[0]
        why = f"the figure of the most reliable basis ({top.basis.value}"
        if (
            policy.interested_authorities
            and top.interested is False
            and any(a.interested for a in points[1:])
        ):
            why += f"; a party-run authority's count ranks after it under policy {policy.name}"
        why += "; numeric before vague; lower on a tie)"
        best = value("best", top.reading.point, [top], why)
    else:
        best = value("best", None, [], "")
    return _GroupEstimate(low=low, best=best, high=high)


def ucdp_estimates(
    event: Event,
    claimants: Claimants,
    policy: Policy | str | None = None,
    *,
    actors: Actors = (),
) -> UcdpEstimates:
    """Return UCDP-style best, low and high for ``event`` under ``policy``, explained.

    Per victim group (competing accounts merged, each claimant's figures one account): low is the
    lowest reliable minimum, high the highest reliable maximum (a figure with no maximum counts
    its point), best the point of the figure of most reliable basis (reported, then estimated,
    then claimed; a range's named most likely point; numeric before vague; the lower on a tie).
    Under a policy with ``interested_authorities`` a party-run authority's count ranks with the
    claims. "Reliable" leaves out a belligerent's claims about its adversary
    (:func:`is_adversary_claim`) unless the policy admits them or they are the group's only
    figures with a number (the explanation says which). A vague figure compatible with numeric
    ones sets nothing; partial counts are floors. A group with no number counts 0. The event's
    values are sums over groups, a total beside its parts counting once, so
    ``low <= best <= high``. ``claimants`` and ``actors`` as for :func:`acled_fatalities` (give
    the dataset, or its actors too). ``policy`` is a :class:`Policy` or a policy's name
    (``None``: the default).
    """
    policy = get_policy(policy)
    weighed = _weigh(event, claimants, _actor_map(claimants, actors), policy)
    if not weighed.groups:
        none = _none_derived()
        return UcdpEstimates(best=none, low=none, high=none)
    estimates = [
        (group, _estimate_group(group, members, weighed, policy))
        for group, members in weighed.groups.items()
    ]

    def derived(pick: Callable[[_GroupEstimate], GroupValue]) -> Derived:
        values: dict[Group, tuple[int, tuple[str, ...]]] = {}
        for group, estimate in estimates:
            found = pick(estimate)
            if found.value is not None:
                values[group] = (found.value, found.figures)
        return _explained([pick(e) for _, e in estimates], values)

    return UcdpEstimates(
        best=derived(lambda e: e.best), low=derived(lambda e: e.low), high=derived(lambda e: e.high)
    )


@frozen(kw_only=True)
class EventDerivation:
    """Every derived number of one event under one policy, with the figures left out."""

    event: str
    policy: str
    acled_fatalities: Derived
    ucdp: UcdpEstimates
    left_out: tuple[LeftOut, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the derivation as a JSON-ready dictionary."""
        return {
            "event": self.event,
            "policy": self.policy,
            "acled_fatalities": self.acled_fatalities.to_dict(),
            "ucdp": self.ucdp.to_dict(),
            "left_out": [x.to_dict() for x in self.left_out],
        }


def derive_event(
    event: Event,
    claimants: Claimants,
    policy: Policy | str | None = None,
    *,
    actors: Actors = (),
) -> EventDerivation:
    """Return the ACLED fatalities and UCDP-style estimates of one event under ``policy``."""
    chosen = get_policy(policy)
    by_id = _claimant_map(claimants)
    parties = _actor_map(claimants, actors)
    _, left_out = death_figures(event, chosen)
    return EventDerivation(
        event=event.id,
        policy=chosen.name,
        acled_fatalities=acled_fatalities(event, by_id, chosen, actors=parties),
        ucdp=ucdp_estimates(event, by_id, chosen, actors=parties),
        left_out=left_out,
    )


def derive(dataset: Dataset, policy: Policy | str | None = None) -> list[EventDerivation]:
    """Return the derived numbers of every event of ``dataset``, in order, under ``policy``.

    ``policy`` is a :class:`Policy`, a policy name, or ``None`` for the default policy; an
    unknown name raises :class:`~eventcode.rules.UnknownPolicyError`. An event with no death
    figure of event scope gets 0 everywhere, explained.
    """
    chosen = get_policy(policy)
    by_id = _claimant_map(dataset.claimants)
    actors = actors_by_id(dataset.actors)
    return [derive_event(event, by_id, chosen, actors=actors) for event in dataset.events]
