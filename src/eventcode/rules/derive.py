"""Derived counts: ACLED fatalities and UCDP-style best / low / high, each explained.

Only figures that count deaths (``deaths: true`` in ``data/quantities.json``), of event scope,
and not revised by a later figure are weighed; they are grouped by victim group
(:mod:`eventcode.rules.groups`) and the groups added up, a total beside its parts counting once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from attrs import frozen

from eventcode._data import data_json
from eventcode.model import Basis, Claimant, Dataset, Event, Figure, Scope, Status
from eventcode.rules.explain import Derived, Explanation, GroupValue, LeftOut
from eventcode.rules.groups import Group, combine, group_of
from eventcode.rules.policy import Policy
from eventcode.rules.policy import policy as get_policy
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

Claimants = Mapping[str, Claimant] | Iterable[Claimant]

NO_DEATH_FIGURE = "no death figure of event scope: 0"

#: Order of reliability for UCDP's best: reported, then estimated, then claimed.
_RELIABILITY = {Basis.REPORTED: 0, Basis.ESTIMATED: 1, Basis.CLAIMED: 2}


@cache
def death_quantities() -> frozenset[str]:
    """Return the quantities that count dead people (``deaths: true`` in quantities.json)."""
    table: dict[str, dict[str, Any]] = data_json("quantities.json")["quantities"]
    return frozenset(name for name, entry in table.items() if entry.get("deaths") is True)


def _left_out_reason(figure: Figure) -> str | None:
    if figure.quantity not in death_quantities():
        if figure.quantity == "casualties":
            return "casualties (killed and wounded unsplit) is never a death count"
        return f"{figure.quantity} is not a death count"
    if figure.scope is not Scope.EVENT:
        return f"a {figure.scope.value} figure never counts toward one event"
    if figure.status is Status.REVISED:
        later = f" by {figure.revised_by}" if figure.revised_by else ""
        return f"revised{later}: only the current figure counts"
    return None


def death_figures(event: Event) -> tuple[tuple[Figure, ...], tuple[LeftOut, ...]]:
    """Split an event's figures into those derived counts weigh and those left out (with why)."""
    kept: list[Figure] = []
    left: list[LeftOut] = []
    for figure in sorted(event.figures, key=lambda f: f.id):
        reason = _left_out_reason(figure)
        if reason is None:
            kept.append(figure)
        else:
            left.append(LeftOut(figure=figure.id, reason=reason))
    return tuple(kept), tuple(left)


def _claimant_map(claimants: Claimants) -> dict[str, Claimant]:
    found = claimants.values() if isinstance(claimants, Mapping) else claimants
    return {c.id: c for c in found}


def is_adversary_claim(figure: Figure, claimant: Claimant | None) -> bool:
    """Return True for a claimed figure not stated by the subject's own side.

    That is a belligerent's claim about its adversary, which UCDP-style estimates treat as
    unreliable unless the policy admits it. A claimed figure by an unknown claimant counts too.
    """
    if figure.basis is not Basis.CLAIMED:
        return False
    own = claimant is not None and claimant.speaks_for is not None
    return not (own and claimant is not None and claimant.speaks_for == figure.subject.actor)


def _grouped(figures: Sequence[Figure]) -> dict[Group, list[Figure]]:
    groups: dict[Group, list[Figure]] = {}
    for figure in figures:
        groups.setdefault(group_of(figure.subject), []).append(figure)
    return dict(sorted(groups.items(), key=lambda item: item[0].sort_key))


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


def _read_all(figures: Iterable[Figure], policy: Policy) -> list[tuple[Figure, Reading]]:
    return [(f, read_count(f.value, policy)) for f in figures]


def _unnumbered(readings: Iterable[tuple[Figure, Reading]]) -> str:
    return "; ".join(f"{f.id}: {r.how}" for f, r in readings)


def acled_fatalities(event: Event, claimants: Claimants, policy: Policy) -> Derived:
    """Return ACLED's fatality count for ``event`` under ``policy``, explained.

    Per victim group, the lowest minimum of any death figure of event scope, whoever stated it
    (belligerents included, as ACLED's "lowest reported" means reported by any source); vague
    terms and "up to N" read by the policy; the event's count is the groups' sum, a total beside
    its parts counting once; 0 when no figure gives a number. ``claimants`` is accepted for a
    uniform signature; ACLED's rule does not weigh who stated a figure.
    """
    del claimants  # ACLED's lowest figure comes from any source
    figures, _ = death_figures(event)
    if not figures:
        return _none_derived()
    groups: list[GroupValue] = []
    values: dict[Group, tuple[int, tuple[str, ...]]] = {}
    for group, members in _grouped(figures).items():
        readings = _read_all(members, policy)
        numbered = [(f, r.minimum, r) for f, r in readings if r.minimum is not None]
        if not numbered:
            groups.append(
                GroupValue(
                    group=group.label,
                    value=None,
                    figures=(),
                    considered=_ids(members),
                    reason=f"no figure gives a minimum ({_unnumbered(readings)})",
                )
            )
            continue
        lowest = min(n for _, n, _ in numbered)
        chosen = [(f, r) for f, n, r in numbered if n == lowest]
        ids = _ids(f for f, _ in chosen)
        how = "; ".join(f"{f.id} ({f.basis.value}, {f.claimant}): {r.how}" for f, r in chosen)
        others = len(numbered) - len(chosen)
        reason = f"lowest minimum {lowest}: {how}"
        if others:
            reason += f"; {others} higher figure(s) not taken"
        groups.append(
            GroupValue(
                group=group.label,
                value=lowest,
                figures=ids,
                considered=_ids(members),
                reason=reason,
            )
        )
        values[group] = (lowest, ids)
    return _explained(groups, values)


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


def _reliable(
    members: Sequence[Figure], claimants: Mapping[str, Claimant], policy: Policy
) -> tuple[list[Figure], str]:
    """Return the group's reliable figures and a note on what was left out or let in."""
    claims = [f for f in members if is_adversary_claim(f, claimants.get(f.claimant))]
    if not claims:
        return list(members), ""
    listed = ", ".join(f.id for f in claims)
    if policy.admit_adversary_claims:
        return list(members), f"; adversary claims admitted by policy {policy.name}: {listed}"
    others = [f for f in members if f not in claims]
    if any(read_count(f.value, policy).upper is not None for f in others):
        return others, f"; left out as a belligerent's claims about its adversary: {listed}"
    return list(
        members
    ), f"; only a belligerent's claims about its adversary give numbers, so used: {listed}"


def _estimate_group(
    group: Group, members: Sequence[Figure], claimants: Mapping[str, Claimant], policy: Policy
) -> _GroupEstimate:
    reliable, note = _reliable(members, claimants, policy)
    readings = _read_all(reliable, policy)
    considered = _ids(members)

    def value(
        kind: str, found: int | None, figs: list[tuple[Figure, Reading]], why: str
    ) -> GroupValue:
        if found is None:
            return GroupValue(
                group=group.label,
                value=None,
                figures=(),
                considered=considered,
                reason=f"{kind}: no reliable figure gives one ({_unnumbered(readings)}){note}",
            )
        detail = "; ".join(f"{f.id} ({f.basis.value}): {r.how}" for f, r in figs)
        return GroupValue(
            group=group.label,
            value=found,
            figures=_ids(f for f, _ in figs),
            considered=considered,
            reason=f"{kind} {found}, {why}: {detail}{note}",
        )

    minima = [(f, r) for f, r in readings if r.minimum is not None]
    low_n = min((r.minimum for _, r in minima if r.minimum is not None), default=None)
    low = value(
        "low",
        low_n,
        [(f, r) for f, r in minima if r.minimum == low_n],
        "the lowest reliable minimum",
    )
    uppers = [(f, r) for f, r in readings if r.upper is not None]
    high_n = max((r.upper for _, r in uppers if r.upper is not None), default=None)
    stated = "the highest reliable maximum (a figure with no maximum counts its point)"
    high = value("high", high_n, [(f, r) for f, r in uppers if r.upper == high_n], stated)
    points = sorted(
        ((f, r) for f, r in readings if r.point is not None),
        key=lambda fr: (_RELIABILITY[fr[0].basis], fr[1].point, fr[0].id),
    )
    if points:
        f, r = points[0]
        why = f"the figure of the most reliable basis ({f.basis.value}; lower on a tie)"
        best = value("best", r.point, [(f, r)], why)
    else:
        best = value("best", None, [], "")
    return _GroupEstimate(low=low, best=best, high=high)


def ucdp_estimates(event: Event, claimants: Claimants, policy: Policy) -> UcdpEstimates:
    """Return UCDP-style best, low and high for ``event`` under ``policy``, explained.

    Per victim group: low is the lowest reliable minimum, high the highest reliable maximum (a
    figure with no maximum counts its point), best the point of the figure of most reliable basis
    (reported, then estimated, then claimed; the lower on a tie). "Reliable" leaves out a
    belligerent's claims about its adversary (:func:`is_adversary_claim`) unless the policy
    admits them or they are the group's only figures with a number (the explanation says which).
    A group with no number counts 0. The event's values are sums over groups, a total beside its
    parts counting once, so ``low <= best <= high``.
    """
    figures, _ = death_figures(event)
    if not figures:
        none = _none_derived()
        return UcdpEstimates(best=none, low=none, high=none)
    by_id = _claimant_map(claimants)
    estimates = [
        (group, _estimate_group(group, members, by_id, policy))
        for group, members in _grouped(figures).items()
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
    event: Event, claimants: Claimants, policy: Policy | str | None = None
) -> EventDerivation:
    """Return the ACLED fatalities and UCDP-style estimates of one event under ``policy``."""
    chosen = get_policy(policy)
    by_id = _claimant_map(claimants)
    _, left_out = death_figures(event)
    return EventDerivation(
        event=event.id,
        policy=chosen.name,
        acled_fatalities=acled_fatalities(event, by_id, chosen),
        ucdp=ucdp_estimates(event, by_id, chosen),
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
    return [derive_event(event, by_id, chosen) for event in dataset.events]
