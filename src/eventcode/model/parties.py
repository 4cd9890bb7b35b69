"""Who acts, who speaks, and what was read: actors, claimants and documents."""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from eventcode.model._convert import as_integer, as_strings
from eventcode.model.constraints import (
    CAMEO_ACTOR_PATTERN,
    COUNTRY_PATTERN,
    ID_PATTERN,
    LANGUAGE_PATTERN,
    constrain,
)
from eventcode.model.vocabulary import ClaimantKind

__all__ = ["Actor", "Claimant", "Document"]


@frozen(kw_only=True)
class Actor:
    """A party to events.

    ``name`` follows ACLED's style (``Military Forces of Russia (2000-)``); ``cameo`` is a CAMEO
    actor code (``RUSMIL``); ``country`` an ISO 3166-1 alpha-3 code. ``inter`` is a default ACLED
    actor type (1-8); the type that counts is the one the event gives the actor, since the same
    forces are 1 at home and 8 abroad.
    """

    id: str = field(metadata=constrain(pattern=ID_PATTERN))
    name: str = field(metadata=constrain(min_length=1))
    cameo: str | None = field(default=None, metadata=constrain(pattern=CAMEO_ACTOR_PATTERN))
    country: str | None = field(default=None, metadata=constrain(pattern=COUNTRY_PATTERN))
    inter: int | None = field(
        default=None, converter=as_integer, metadata=constrain(minimum=1, maximum=8)
    )
    aliases: tuple[str, ...] = field(default=(), converter=as_strings)
    notes: str | None = None


@frozen(kw_only=True)
class Claimant:
    """Who states figures: an organisation or person, and the actor it speaks for.

    ``speaks_for`` is an actor id, or ``None`` for a party with no side in the events;
    ``country`` the ISO 3166-1 alpha-3 code of the claimant's country (``None``: that of the
    actor it speaks for, if any). Residents of that country are the claimant's own.
    """

    id: str = field(metadata=constrain(pattern=ID_PATTERN))
    name: str = field(metadata=constrain(min_length=1))
    kind: ClaimantKind
    speaks_for: str | None = field(default=None, metadata=constrain(pattern=ID_PATTERN))
    country: str | None = field(default=None, metadata=constrain(pattern=COUNTRY_PATTERN))
    notes: str | None = None


@frozen(kw_only=True)
class Document:
    """A source report.

    ``language`` is a BCP 47 tag (``fr``); ``source_scale`` is ACLED's source scale
    (``National``, ``International``, ...).
    """

    id: str = field(metadata=constrain(pattern=ID_PATTERN))
    outlet: str = field(metadata=constrain(min_length=1))
    title: str | None = None
    published: date | None = None
    language: str | None = field(default=None, metadata=constrain(pattern=LANGUAGE_PATTERN))
    url: str | None = None
    source_scale: str | None = None
    notes: str | None = None
