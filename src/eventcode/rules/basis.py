"""Basis inference: the basis expected from who speaks about whom.

A party's statement about its own losses is an admission (reported) and about its own successes a
claim (claimed); its statement about another party is the reverse. An authority counting its own
residents reports, even at war. An intelligence service estimates. A party with no side (an
analyst, an NGO, the media) counts (reported) or assesses (estimated); since hedging is not in the
record model, both are expected. Which quantities are losses and which successes is data
(``data/stakes.toml``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from functools import cache, lru_cache
from typing import Any

from attrs import field, frozen

from eventcode.model import Actor, Basis, Claimant, ClaimantKind, Event, Figure
from eventcode.rules._data import rules_toml
from eventcode.rules.crowds import crowd_side
from eventcode.rules.speakers import (
    actors_by_id,
    event_parties,
    is_authority,
    is_own_side,
    is_party_run_authority,
    own_residents,
)

__all__ = ["ExpectedBasis", "Stake", "expected_basis", "stake_of", "unexpected_bases"]


class Stake(StrEnum):
    """What a quantity is to the subject it counts: a loss, a success, or a size (a crowd)."""

    LOSS = "loss"
    SUCCESS = "success"
    SIZE = "size"


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


def _name(by_id: Mapping[str, Actor], actor_id: str) -> str:
    actor = by_id.get(actor_id)
    return f"{actor.name} ({actor_id})" if actor is not None else actor_id


# Enum members bound once: in Python 3.11 ``Stake.SIZE`` goes through the enum class's
# ``__getattr__`` hook (several times the cost of a plain name), and every figure is asked.
_SIZE, _LOSS = Stake.SIZE, Stake.LOSS
_INTELLIGENCE = ClaimantKind.INTELLIGENCE

_NO_SIDE = frozenset({Basis.REPORTED, Basis.ESTIMATED})
_REPORTED = frozenset({Basis.REPORTED})
_CLAIMED = frozenset({Basis.CLAIMED})
_ESTIMATED = frozenset({Basis.ESTIMATED})


def _residents(
    figure: Figure,
    claimant: Claimant,
    by_id: Mapping[str, Actor],
    event: Event | None,
    country: str | None,
) -> ExpectedBasis | None:
    """Return the expectation for an authority counting its own residents, if it is one.

    ``country`` is the event's place's (``None``: no event, or no place).
    """
    if not (is_authority(claimant) and own_residents(figure, claimant, by_id, country)):
        return None
    allowed = set(_NO_SIDE)
    reason = (
        f"{claimant.id} is a {claimant.kind.value.replace('_', ' ')} counting its own "
        f"residents ({figure.quantity}): reported (or estimated, where it hedges)"
    )
    if is_party_run_authority(claimant, by_id, event_parties(event)):
        allowed.add(Basis.CLAIMED)
        reason += (
            f"; it is run by {_name(by_id, claimant.speaks_for or '')}, a party, so claimed "
            "fits too"
        )
    return ExpectedBasis(allowed=allowed, reason=reason)


def _size(
    figure: Figure, claimant: Claimant, by_id: Mapping[str, Actor], event: Event | None
) -> ExpectedBasis | None:
    """Return the expectation for a size (a crowd): organisers claim, others report or estimate."""
    subject = figure.subject.actor
    crowd = {subject} if event is None else set(crowd_side(event, figure))
    if claimant.speaks_for is not None and claimant.speaks_for in crowd:
        reason = (
            f"{claimant.id} speaks for {_name(by_id, claimant.speaks_for)}, of the crowd it "
            f"counts: an organiser's {figure.quantity} is a claim"
        )
        return ExpectedBasis(allowed=_CLAIMED, reason=reason)
    if claimant.speaks_for is None or is_authority(claimant):
        who = "an authority" if is_authority(claimant) else "a source with no side"
        reason = f"{claimant.id} is {who} counting a crowd: reported or estimated"
        return ExpectedBasis(allowed=_NO_SIDE, reason=reason)
    return None


def _belligerent(
    figure: Figure,
    claimant: Claimant,
    by_id: Mapping[str, Actor],
    country: str | None,
    stake: Stake | None,
) -> ExpectedBasis | None:
    """Return the expectation for a claimant that speaks for a side, by the stake."""
    side, subject = claimant.speaks_for or "", figure.subject.actor
    own = is_own_side(figure, claimant, by_id, country)
    if subject is None and not own:
        return None
    if stake is None or stake is _SIZE:
        return None
    admits = own == (stake is _LOSS)
    what = "losses" if stake is _LOSS else "successes"
    if own:
        whose = "its own" if subject == side else "its own residents'"
    else:
        whose = f"{_name(by_id, subject or '')}'s"
    if admits:
        verb = "admits" if own else "concedes"
        reason = (
            f"{claimant.id} speaks for {_name(by_id, side)} and {verb} {whose} {what} "
            f"({figure.quantity}): a statement against interest, reported"
        )
        return ExpectedBasis(allowed=_REPORTED, reason=reason)
    reason = (
        f"{claimant.id} speaks for {_name(by_id, side)} and states {whose} {what} "
        f"({figure.quantity}) in its own interest: claimed"
    )
    return ExpectedBasis(allowed=_CLAIMED, reason=reason)


@lru_cache(maxsize=4096)
def _sideless(claimant: str, intelligence: bool) -> ExpectedBasis:
    """Return the expectation for a claimant with no side (made once a claimant: immutable)."""
    if intelligence:
        reason = f"{claimant} is an intelligence service with no side: an assessment, estimated"
        return ExpectedBasis(allowed=_ESTIMATED, reason=reason)
    return ExpectedBasis(
        allowed=_NO_SIDE,
        reason=f"{claimant} speaks for no side: a count it states is reported, a hedged "
        "assessment estimated (hedging is not recorded, so either fits)",
    )


def expected_basis(
    figure: Figure,
    claimant: Claimant,
    actors: Mapping[str, Actor] | Iterable[Actor] = (),
    *,
    event: Event | None = None,
) -> ExpectedBasis | None:
    """Return the basis expected of ``figure`` as stated by ``claimant``, or ``None``.

    In this order:

    - an authority (local authority, health service, police, government, ministry) counting its
      own residents -- civilians of its country (:func:`~eventcode.rules.speakers.own_residents`)
      -- reports, even when its government is at war (estimated fits too: hedging is not
      recorded); when it is run by a party (it speaks for one of the event's actors or for a
      non-state armed group: :func:`~eventcode.rules.speakers.is_party_run_authority`), claimed
      fits too;
    - an intelligence service with no side estimates; one that speaks for a side is expected
      what its side is, or estimated;
    - a claimant with no side (``speaks_for`` is ``None``): reported or estimated -- a count or an
      assessment; the model does not record the hedging that tells them apart;
    - a claimant that speaks for the subject's side (its actor, or its own residents): reported
      for the subject's losses (a statement against interest), claimed for its successes
      (:func:`stake_of`);
    - a claimant that speaks for another actor: claimed for the subject's losses (the speaker's
      success), reported for the subject's successes (conceded by its adversary);
    - ``None`` when nothing is expected: the subject names no actor and is not the claimant's own
      residents, or the quantity is neither a loss nor a success.

    ``actors`` (a mapping by id or any iterable of actors) gives countries and names; ``event``
    (the figure's event, optional) gives the parties and the country of victims that name no
    actor.
    Pure: reads nothing but its arguments and the packaged stakes table.
    """
    place_country = None if event is None or event.place is None else event.place.country
    return _expected(figure, claimant, actors_by_id(actors), event, place_country, _stakes())


def unexpected_bases(
    event: Event, claimants: Mapping[str, Claimant], actors: Mapping[str, Actor] | Iterable[Actor]
) -> list[tuple[int, Figure, ExpectedBasis]]:
    """Return the figures of ``event`` coded with a basis :func:`expected_basis` does not expect.

    Each with its index in the event and the expectation. A figure whose claimant is not in
    ``claimants`` (by id), or of which nothing is expected, is not returned. What the figures
    share (the actors by id, the place's country) is found once.
    """
    found: list[tuple[int, Figure, ExpectedBasis]] = []
    by_id = actors_by_id(actors)
    place_country = None if event.place is None else event.place.country
    stakes = _stakes()
    for index, figure in enumerate(event.figures):
        claimant = claimants.get(figure.claimant)
        if claimant is None:
            continue
        expected = _expected(figure, claimant, by_id, event, place_country, stakes)
        if expected is not None and not expected.fits(figure.basis):
            found.append((index, figure, expected))
    return found


def _expected(
    figure: Figure,
    claimant: Claimant,
    by_id: Mapping[str, Actor],
    event: Event | None,
    place_country: str | None,
    stakes: Mapping[str, Stake],
) -> ExpectedBasis | None:
    """Return :func:`expected_basis`, given the actors by id, the place's country, the stakes."""
    stake = stakes.get(figure.quantity)
    if stake is _SIZE:
        return _size(figure, claimant, by_id, event)
    found = _residents(figure, claimant, by_id, event, place_country)
    if found is not None:
        return found
    intelligence = claimant.kind is _INTELLIGENCE
    if claimant.speaks_for is None:
        return _sideless(claimant.id, intelligence)
    found = _belligerent(figure, claimant, by_id, place_country, stake)
    if found is None or not intelligence:
        return found
    return ExpectedBasis(
        allowed={*found.allowed, Basis.ESTIMATED},
        reason=f"{found.reason}; an intelligence assessment may be estimated",
    )
