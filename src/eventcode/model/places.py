"""Places: a named location with its administrative units, coordinates and precision."""

from __future__ import annotations

from attrs import field, frozen

from eventcode.model._convert import as_strings
from eventcode.model.constraints import COUNTRY_PATTERN, constrain
from eventcode.model.vocabulary import PlacePrecision

__all__ = ["Place"]


@frozen(kw_only=True)
class Place:
    """Where an event happened.

    ``country`` is an ISO 3166-1 alpha-3 code; ``admin1``-``admin3`` are names as ACLED writes
    them; ``latitude``/``longitude`` are WGS84 decimal degrees; ``aliases`` holds other spellings
    seen in the sources (Makeevka for Makiivka).
    """

    name: str = field(metadata=constrain(min_length=1))
    country: str | None = field(default=None, metadata=constrain(pattern=COUNTRY_PATTERN))
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    latitude: float | None = field(default=None, metadata=constrain(minimum=-90, maximum=90))
    longitude: float | None = field(default=None, metadata=constrain(minimum=-180, maximum=180))
    precision: PlacePrecision | None = None
    aliases: tuple[str, ...] = field(default=(), converter=as_strings)
