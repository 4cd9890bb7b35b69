"""Attribution: who did it, according to whom, and what an export names when sources disagree.

An event's ``attributions`` record each claimant's word on who took a role (the perpetrator,
``actor1``, by default). They are **disputed** when they name different actors for one role.
The export rule (ACLED's practice for an unclear perpetrator, used by every shipped policy):

- no dispute: the attributed actor;
- a dispute, and the claimants with no side (a third country's intelligence, the UN, an NGO,
  the media) all name one actor: that actor — the word of those outside the dispute;
- otherwise: "Unidentified Armed Group (<country>)", ACLED actor type 3, and the notes name the
  dispute.

The sub-event type and CAMEO code stay as coded: they say what the evidence shows happened.
Civilian targeting follows the exported attribution where its claimants say whether civilians
were the target (a misfired rocket did not target the hospital it hit), else stays as coded. Which
ACLED actor types can take a role in each event type is data (``data/attribution_types.toml``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from attrs import frozen

from eventcode.model import Actor, ActorRole, Attribution, Claimant, Event
from eventcode.rules._data import rules_toml

__all__ = [
    "UNIDENTIFIED_TYPE",
    "AttributedActor",
    "allowed_types",
    "attributed_actor",
    "attribution_type",
    "disputes",
    "unidentified_name",
]

#: ACLED's actor type for an unidentified armed group (a political militia).
UNIDENTIFIED_TYPE = 3


@frozen(kw_only=True)
class AttributedActor:
    """What an export names for one role of an event, and why.

    ``actor`` is an actor id, or ``None`` for an unidentified armed group named ``name``;
    ``inter`` its ACLED type in this event (``None``: the actor's default); ``disputed`` whether
    the claimants disagree; ``civilian_targeting`` what the attributions that decided say of
    the target, where they say it and agree (``None``: the event's coded value stands);
    ``reason`` says why in words.
    """

    actor: str | None
    name: str | None
    inter: int | None
    disputed: bool
    reason: str
    civilian_targeting: bool | None = None


def disputes(event: Event, role: ActorRole = ActorRole.ACTOR1) -> dict[str, list[Attribution]]:
    """Return the event's attributions of ``role`` by actor, when they name two or more actors."""
    by_actor: dict[str, list[Attribution]] = {}
    for attribution in event.attributions:
        if attribution.role is role:
            by_actor.setdefault(attribution.actor, []).append(attribution)
    return by_actor if len(by_actor) > 1 else {}


def unidentified_name(country: str | None) -> str:
    """Return ACLED's name for an unidentified armed group of ``country`` (an ACLED name)."""
    return "Unidentified Armed Group" if not country else f"Unidentified Armed Group ({country})"


def attributed_actor(
    event: Event,
    claimants: Mapping[str, Claimant],
    country_name: str | None,
    role: ActorRole = ActorRole.ACTOR1,
) -> AttributedActor | None:
    """Return what an export names for ``role`` under the export rule, or ``None``.

    ``None`` when the event has no attribution of ``role`` (the coded actor stands).
    ``country_name`` is the ACLED name of the event's country, for the unidentified group.
    """
    if not event.attributions:
        return None  # the common case, told without a list
    named = [a for a in event.attributions if a.role is role]
    if not named:
        return None
    actors = sorted({a.actor for a in named})
    if len(actors) == 1:
        first = named[0]
        return AttributedActor(
            actor=first.actor,
            name=None,
            inter=first.inter,
            disputed=False,
            reason=f"every attribution names {first.actor}",
            civilian_targeting=_targeting(named),
        )
    neutral = [a for a in named if _no_side(claimants.get(a.claimant))]
    agreed = sorted({a.actor for a in neutral})
    listing = "; ".join(
        f"{actor} by {', '.join(sorted(a.claimant for a in named if a.actor == actor))}"
        for actor in actors
    )
    if len(agreed) == 1:
        inter = next((a.inter for a in neutral if a.inter is not None), None)
        return AttributedActor(
            actor=agreed[0],
            name=None,
            inter=inter,
            disputed=True,
            reason=f"disputed ({listing}); the claimants with no side agree on {agreed[0]}",
            civilian_targeting=_targeting(neutral),
        )
    why = "no claimant with no side attributes it" if not neutral else "those with no side disagree"
    return AttributedActor(
        actor=None,
        name=unidentified_name(country_name),
        inter=UNIDENTIFIED_TYPE,
        disputed=True,
        reason=f"disputed ({listing}); {why}: an unidentified armed group",
    )


def _targeting(attributions: list[Attribution]) -> bool | None:
    said = {a.civilian_targeting for a in attributions if a.civilian_targeting is not None}
    return next(iter(said)) if len(said) == 1 else None


def _no_side(claimant: Claimant | None) -> bool:
    return claimant is not None and claimant.speaks_for is None


@cache
def _types() -> dict[str, dict[str, frozenset[int]]]:
    table = rules_toml("attribution_types.toml")["event_types"]
    return {
        event_type: {role: frozenset(types) for role, types in roles.items()}
        for event_type, roles in table.items()
    }


def allowed_types(event_type: str, role: ActorRole) -> frozenset[int] | None:
    """Return the ACLED actor types that can take ``role`` in ``event_type`` (``None``: any)."""
    return _types().get(event_type, {}).get(role.value)


def attribution_type(attribution: Attribution, actors: Mapping[str, Actor]) -> int | None:
    """Return an attribution's ACLED actor type: its own, else its actor's default."""
    if attribution.inter is not None:
        return attribution.inter
    actor = actors.get(attribution.actor)
    return None if actor is None else actor.inter
