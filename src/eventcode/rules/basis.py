"""Basis inference: the basis expected from who speaks about whom.

A party's statement about its own losses is an admission (reported) and about its own successes a
claim (claimed); its statement about another party is the reverse. A party with no side (an
analyst, an NGO, the media) counts (reported) or assesses (estimated); since hedging is not in the
record model, both are expected. Which quantities are losses and which successes is data
(``data/stakes.toml``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from functools import cache
from typing import Any

from attrs import field, frozen

from eventcode.model import Actor, Basis, Claimant, Figure
from eventcode.rules._data import rules_toml

__all__ = ["ExpectedBasis", "Stake", "expected_basis", "stake_of"]


class Stake(StrEnum):
    """What a quantity is to the subject it counts: a loss or a success."""

    LOSS = "loss"
    SUCCESS = "success"


@cache
def _stakes() -> dict[str, Stake]:
    table = rules_toml("stakes.toml")
    return {q: Stake(kind) for kind in Stake for q in table[kind.value]["quantities"]}


def stake_of(quantity: str) -> Stake | None:
    """Return whether ``quantity`` is a loss or a success for its subject (``None``: neither)."""
    return _stakes().get(quantity)


def _sorted_bases(value: Iterable[Basis]) -> frozenset[Basis]:
    return frozenset(value)


@frozen(kw_only=True)
class ExpectedBasis:
    """The bases a figure is expected to have, and why.

    ``allowed`` holds one basis for a belligerent's statement, two (reported, estimated) for a
    party with no side, whose hedging the model does not record.
    """

    allowed: frozenset[Basis] = field(converter=_sorted_bases)
    reason: str

    @property
    def basis(self) -> Basis | None:
        """The single expected basis, or ``None`` when more than one fits."""
        return next(iter(self.allowed)) if len(self.allowed) == 1 else None

    def fits(self, basis: Basis) -> bool:
        """Return True when ``basis`` is one of the expected bases."""
        return basis in self.allowed

    def to_dict(self) -> dict[str, Any]:
        """Return the expectation as a JSON-ready dictionary."""
        return {"allowed": sorted(b.value for b in self.allowed), "reason": self.reason}


def _by_id(actors: Mapping[str, Actor] | Iterable[Actor]) -> Mapping[str, Actor]:
    # A mapping is used as it is: copying it for every figure cost most of a validation run.
    return actors if isinstance(actors, Mapping) else {a.id: a for a in actors}


def expected_basis(
    figure: Figure,
    claimant: Claimant,
    actors: Mapping[str, Actor] | Iterable[Actor] = (),
) -> ExpectedBasis | None:
    """Return the basis expected of ``figure`` as stated by ``claimant``, or ``None``.

    - ``claimant`` has no side (``speaks_for`` is ``None``): reported or estimated -- a count or
      an assessment; the model does not record the hedging that tells them apart.
    - ``claimant`` speaks for the subject's actor: reported for the subject's losses (a statement
      against interest), claimed for its successes (:func:`stake_of`).
    - ``claimant`` speaks for another actor: claimed for the subject's losses (the speaker's
      success), reported for the subject's successes (conceded by its adversary).
    - ``None`` when nothing is expected: the subject names no actor, or the quantity is neither a
      loss nor a success.

    ``actors`` (a mapping by id or any iterable of actors) only supplies names for the reason.
    Pure: reads nothing but its arguments and the packaged stakes table.
    """
    by_id = _by_id(actors)

    def name(actor_id: str) -> str:
        actor = by_id.get(actor_id)
        return f"{actor.name} ({actor_id})" if actor is not None else actor_id

    side, subject = claimant.speaks_for, figure.subject.actor
    if side is None:
        return ExpectedBasis(
            allowed={Basis.REPORTED, Basis.ESTIMATED},
            reason=f"{claimant.id} speaks for no side: a count it states is reported, a hedged "
            "assessment estimated (hedging is not recorded, so either fits)",
        )
    if subject is None:
        return None
    stake = stake_of(figure.quantity)
    if stake is None:
        return None
    own = side == subject
    admits = own == (stake is Stake.LOSS)
    what = "losses" if stake is Stake.LOSS else "successes"
    whose = "its own" if own else f"{name(subject)}'s"
    if admits:
        verb = "admits" if own else "concedes"
        reason = (
            f"{claimant.id} speaks for {name(side)} and {verb} {whose} {what} "
            f"({figure.quantity}): a statement against interest, reported"
        )
        return ExpectedBasis(allowed={Basis.REPORTED}, reason=reason)
    reason = (
        f"{claimant.id} speaks for {name(side)} and states {whose} {what} "
        f"({figure.quantity}) in its own interest: claimed"
    )
    return ExpectedBasis(allowed={Basis.CLAIMED}, reason=reason)
