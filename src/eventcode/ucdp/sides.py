"""GED's sides and type of violence, from an event's actors and their ACLED actor types.

- **3, one-sided violence**, when one side's victims are civilians: the other actor's type is
  civilians (7) or protesters (6), or there is no actor2 and the event targets civilians. Side A
  is the perpetrator, side B ``Civilians``, as GED writes it.
- **1, state-based**, otherwise when a government's forces are a side: an actor of type 1 in
  the event, or whose own default type is 1 (a state's forces abroad are type 8 in ACLED, 1 at
  home). GED puts the government first: side A is it, side B the other.
- **2, non-state**, otherwise: side A actor1, side B actor2.

The perpetrator is the one the attribution export rule names
(:func:`~eventcode.rules.attributed_actor`, as ACLED CSV writes it); an event whose
attributions name different actors for a role has ``event_clarity`` 2.
"""

from __future__ import annotations

from attrs import frozen

from eventcode import codebooks
from eventcode.acled.mapping import Lookups
from eventcode.model import ActorRole, Event, EventActor
from eventcode.rules.attribution import UNIDENTIFIED_TYPE, attributed_actor, disputes

__all__ = [
    "CIVILIANS",
    "NON_STATE",
    "ONE_SIDED",
    "STATE_BASED",
    "Sides",
    "sides_of",
]

#: GED's ``type_of_violence`` codes.
STATE_BASED, NON_STATE, ONE_SIDED = 1, 2, 3
#: GED's side B of one-sided violence.
CIVILIANS = "Civilians"
#: ACLED's actor type of state forces.
_STATE_FORCES = 1
#: ACLED's actor types whose members GED counts as civilians: protesters and civilians.
_CIVILIAN_TYPES = frozenset({6, 7})


@frozen(kw_only=True)
class Sides:
    """An event as GED sees it: its type of violence and its two sides.

    ``side_a`` and ``side_b`` are the names written; ``a_actors`` and ``b_actors`` the ids of
    the actors on each side (with their associated actors), whose deaths are ``deaths_a`` and
    ``deaths_b``; ``civilian_b`` is True when side B's dead are civilians (one-sided violence);
    ``disputed`` is True when claimants attribute a role of the event to different actors.
    """

    type_of_violence: int
    side_a: str
    side_b: str
    a_actors: frozenset[str]
    b_actors: frozenset[str]
    civilian_b: bool
    disputed: bool


@frozen(kw_only=True)
class _Party:
    """One side as the event gives it: a name, its actor ids, and its ACLED actor type."""

    name: str
    actors: frozenset[str]
    inter: int | None
    default_inter: int | None

    @property
    def government(self) -> bool:
        return _STATE_FORCES in (self.inter, self.default_inter)

    @property
    def civilian(self) -> bool:
        return self.inter in _CIVILIAN_TYPES or (
            self.inter is None and self.default_inter in _CIVILIAN_TYPES
        )


_NOBODY = _Party(name="", actors=frozenset(), inter=None, default_inter=None)


def _party(role: EventActor | None, assoc: tuple[EventActor, ...], lookups: Lookups) -> _Party:
    if role is None:
        return _NOBODY
    actor = lookups.actors.get(role.actor)
    return _Party(
        name=actor.name if actor is not None else role.actor,
        actors=frozenset({role.actor, *(a.actor for a in assoc)}),
        inter=role.inter,
        default_inter=None if actor is None else actor.inter,
    )


def _country_name(event: Event) -> str | None:
    country = None if event.place is None else event.place.country
    if country is None:
        return None
    try:
        return codebooks.acled_country_by_alpha3(country).name
    except codebooks.UnknownCodeError:
        return None


def _perpetrator(event: Event, lookups: Lookups) -> tuple[_Party, bool]:
    """Return side 1 by the attribution export rule, and whether the event targets civilians."""
    coded = _party(event.actor1, event.assoc_actor1, lookups)
    found = attributed_actor(event, lookups.claimants, _country_name(event))
    if found is None:
        return coded, event.civilian_targeting
    targeted = event.civilian_targeting if found.civilian_targeting is None else (
        found.civilian_targeting
    )
    assoc = frozenset(a.actor for a in event.assoc_actor1)
    if found.actor is None:
        name = found.name or ""
        party = _Party(name=name, actors=assoc, inter=UNIDENTIFIED_TYPE, default_inter=None)
        return party, targeted
    role = EventActor(actor=found.actor, inter=found.inter)
    party = _party(role, event.assoc_actor1, lookups)
    return party, targeted


def sides_of(event: Event, lookups: Lookups) -> Sides:
    """Return the type of violence and the sides GED gives ``event`` (see the module)."""
    first, targeted = _perpetrator(event, lookups)
    second = _party(event.actor2, event.assoc_actor2, lookups)
    disputed = any(disputes(event, role) for role in ActorRole)
    if second.civilian and not first.civilian:
        return _one_sided(first, second, disputed)
    if first.civilian and not second.civilian and second is not _NOBODY:
        return _one_sided(second, first, disputed)
    if second is _NOBODY and targeted and not first.civilian:
        return _one_sided(first, second, disputed)
    if first.government or second.government:
        a, b = (second, first) if second.government and not first.government else (first, second)
        kind = STATE_BASED
    else:
        a, b, kind = first, second, NON_STATE
    return Sides(
        type_of_violence=kind,
        side_a=a.name,
        side_b=b.name,
        a_actors=a.actors,
        b_actors=b.actors,
        civilian_b=False,
        disputed=disputed,
    )


def _one_sided(perpetrator: _Party, victims: _Party, disputed: bool) -> Sides:
    return Sides(
        type_of_violence=ONE_SIDED,
        side_a=perpetrator.name,
        side_b=CIVILIANS,
        a_actors=perpetrator.actors,
        b_actors=victims.actors,
        civilian_b=True,
        disputed=disputed,
    )
