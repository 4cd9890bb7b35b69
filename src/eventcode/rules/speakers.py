"""Who speaks about whom: a claimant's side and country, and whose victims are its own.

The facts basis inference and derived counts both need: the country a claimant belongs to (its
own ``country``, else that of the actor it speaks for), whether a figure's victims are the
claimant's own residents (civilians of its country), whether the claimant is an authority (a
body that counts the dead of the people it administers) and whether that authority is run by a
party: it speaks for a party to the event, or for a non-state armed group (a health ministry run
by the armed group governing the area).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from eventcode.model import Actor, Claimant, ClaimantKind, Event, Figure, VictimCategory

__all__ = [
    "AUTHORITY_KINDS",
    "actors_by_id",
    "claimant_country",
    "event_parties",
    "is_authority",
    "is_own_side",
    "is_party_run_authority",
    "own_residents",
    "side_key",
    "victims_country",
]

#: Kinds of claimant that count the dead of the people they administer or treat.
AUTHORITY_KINDS = frozenset(
    {
        ClaimantKind.LOCAL_AUTHORITY,
        ClaimantKind.MEDICAL,
        ClaimantKind.POLICE,
        ClaimantKind.GOVERNMENT,
        ClaimantKind.MINISTRY,
    }
)

#: ACLED's actor type of civilians.
_CIVILIANS_TYPE = 7
#: ACLED's actor types of non-state armed groups: rebels, political and identity militias.
_ARMED_GROUP_TYPES = frozenset({2, 3, 4})


def event_parties(event: Event | None) -> frozenset[str]:
    """Return the ids of an event's actors and associated actors (empty for ``None``)."""
    if event is None:
        return frozenset()
    named = [event.actor1, event.actor2, *event.assoc_actor1, *event.assoc_actor2]
    return frozenset(a.actor for a in named if a is not None)


def actors_by_id(actors: Mapping[str, Actor] | Iterable[Actor]) -> Mapping[str, Actor]:
    """Return ``actors`` as a mapping by id (a mapping is used as it is, not copied)."""
    if type(actors) is dict or isinstance(actors, Mapping):  # a dict: no ABC check
        return actors
    return {a.id: a for a in actors}


def side_key(actor_id: str, actors: Mapping[str, Actor]) -> str:
    """Return a key that two actors of one side share.

    A state's actors (its government, its forces, its civilians) share their country; a
    non-state armed group (ACLED type 2, 3 or 4) is a side of its own, whatever its country.
    """
    actor = actors.get(actor_id)
    if actor is None or actor.country is None or actor.inter in _ARMED_GROUP_TYPES:
        return f"actor:{actor_id}"
    return f"country:{actor.country}"


def claimant_country(claimant: Claimant, actors: Mapping[str, Actor]) -> str | None:
    """Return the claimant's country: its own, else that of the actor it speaks for."""
    if claimant.country is not None:
        return claimant.country
    side = actors.get(claimant.speaks_for) if claimant.speaks_for is not None else None
    return None if side is None else side.country


_CIVILIANS = VictimCategory.CIVILIANS  # bound once: an enum member is a slow lookup (3.11)


def _civilian(figure: Figure, actors: Mapping[str, Actor]) -> bool:
    subject = figure.subject
    if subject.category is _CIVILIANS:
        return True
    actor = actors.get(subject.actor) if subject.actor is not None else None
    return subject.category is None and actor is not None and actor.inter == _CIVILIANS_TYPE


def victims_country(
    figure: Figure, actors: Mapping[str, Actor], place_country: str | None = None
) -> str | None:
    """Return the country of a figure's victims: their actor's, else the event's place's."""
    actor = actors.get(figure.subject.actor) if figure.subject.actor is not None else None
    if actor is not None and actor.country is not None:
        return actor.country
    return place_country if figure.subject.actor is None else None


def own_residents(
    figure: Figure,
    claimant: Claimant,
    actors: Mapping[str, Actor],
    place_country: str | None = None,
) -> bool:
    """Return True when a figure counts civilians of the claimant's own country."""
    if not _civilian(figure, actors):
        return False
    mine = claimant_country(claimant, actors)
    return mine is not None and mine == victims_country(figure, actors, place_country)


def is_own_side(
    figure: Figure,
    claimant: Claimant,
    actors: Mapping[str, Actor],
    place_country: str | None = None,
) -> bool:
    """Return True when a figure counts the claimant's own side: its actor, or its residents."""
    side = claimant.speaks_for
    if side is not None and side == figure.subject.actor:
        return True
    return own_residents(figure, claimant, actors, place_country)


def is_authority(claimant: Claimant) -> bool:
    """Return True for a claimant that counts the dead of the people it administers or treats."""
    return claimant.kind in AUTHORITY_KINDS


def is_party_run_authority(
    claimant: Claimant, actors: Mapping[str, Actor], parties: frozenset[str] = frozenset()
) -> bool:
    """Return True for an authority run by a party.

    It speaks for one of ``parties`` (the event's actors), or for a non-state armed group (ACLED
    actor type 2, 3 or 4). A state's authority counting the victims of an attack its forces took
    no part in is not party-run.
    """
    side = claimant.speaks_for
    if not is_authority(claimant) or side is None:
        return False
    actor = actors.get(side)
    return side in parties or (actor is not None and actor.inter in _ARMED_GROUP_TYPES)
