"""The closed vocabularies of the record model.

The members of each enum are the values of the matching section of ``data/vocabularies.json``,
which also documents them and maps the precisions to ACLED and UCDP; a test proves the two agree.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from eventcode._data import data_json

__all__ = [
    "VOCABULARIES",
    "ActorRole",
    "Basis",
    "ClaimantKind",
    "CountKind",
    "DatePrecision",
    "PlacePrecision",
    "Scope",
    "Status",
    "VictimCategory",
    "VictimRelation",
    "describe",
]


class Basis(StrEnum):
    """On what footing a figure is stated."""

    REPORTED = "reported"
    CLAIMED = "claimed"
    ESTIMATED = "estimated"


class CountKind(StrEnum):
    """The form of a stated count (exact, bounded, a range, approximate, vague, unknown)."""

    EXACT = "exact"
    LOWER_BOUND = "lower_bound"
    UPPER_BOUND = "upper_bound"
    RANGE = "range"
    APPROXIMATE = "approximate"
    NEARLY = "nearly"
    VAGUE = "vague"
    UNKNOWN = "unknown"


class Scope(StrEnum):
    """Whether a figure counts one event or accumulates over a period."""

    EVENT = "event"
    CUMULATIVE = "cumulative"


class Status(StrEnum):
    """Where a figure stands in its claimant's revisions."""

    FINAL = "final"
    PROVISIONAL = "provisional"
    REVISED = "revised"


class VictimCategory(StrEnum):
    """The kind of people a figure is about."""

    COMBATANTS = "combatants"
    CIVILIANS = "civilians"
    MIXED = "mixed"
    UNKNOWN = "unknown"


class ClaimantKind(StrEnum):
    """What kind of body or person states a figure."""

    MINISTRY = "ministry"
    ARMED_FORCES = "armed_forces"
    GOVERNMENT = "government"
    ARMED_GROUP = "armed_group"
    LOCAL_AUTHORITY = "local_authority"
    MEDIA = "media"
    ANALYST = "analyst"
    NGO = "ngo"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    MEDICAL = "medical"
    POLICE = "police"
    INTELLIGENCE = "intelligence"
    UNNAMED_OFFICIAL = "unnamed_official"
    PERSON = "person"
    OTHER = "other"


class ActorRole(StrEnum):
    """The side of an event an attribution names an actor for."""

    ACTOR1 = "actor1"
    ACTOR2 = "actor2"


class VictimRelation(StrEnum):
    """What a coder states about the figures of a victim group: same people, or distinct."""

    SAME = "same"
    DISTINCT = "distinct"


class DatePrecision(StrEnum):
    """How precisely a date span is known."""

    DAY = "day"
    DAYS = "days"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"

    @property
    def acled_time_precision(self) -> int | None:
        """ACLED's ``time_precision`` (1-3), or None where ACLED would not record the event."""
        value: int | None = data_json("vocabularies.json")["date_precision"][
            "acled_time_precision"
        ][self.value]
        return value

    @property
    def ucdp_date_prec(self) -> int:
        """UCDP GED's ``date_prec`` (1-5)."""
        value: int = data_json("vocabularies.json")["date_precision"]["ucdp_date_prec"][self.value]
        return value


class PlacePrecision(StrEnum):
    """How precisely a place is known."""

    PLACE = "place"
    NEAR_PLACE = "near_place"
    ADMIN2 = "admin2"
    ADMIN1 = "admin1"
    REGION = "region"
    COUNTRY = "country"
    WATER_OR_AIR = "water_or_air"

    @property
    def acled_geo_precision(self) -> int:
        """ACLED's ``geo_precision`` (1-3)."""
        value: int = data_json("vocabularies.json")["place_precision"]["acled_geo_precision"][
            self.value
        ]
        return value

    @property
    def ucdp_where_prec(self) -> int:
        """UCDP GED's ``where_prec`` (1-7)."""
        value: int = data_json("vocabularies.json")["place_precision"]["ucdp_where_prec"][
            self.value
        ]
        return value


@cache
def describe(vocabulary: str, value: str) -> str:
    """Return the documentation of one value of a vocabulary (``describe("basis", "claimed")``)."""
    text: str = data_json("vocabularies.json")[vocabulary]["values"][value]
    return text


#: Each enum of the model with the name of its section in ``data/vocabularies.json``.
VOCABULARIES: dict[type[StrEnum], str] = {
    Basis: "basis",
    CountKind: "count_kind",
    Scope: "scope",
    Status: "status",
    VictimCategory: "victim_category",
    ClaimantKind: "claimant_kind",
    VictimRelation: "victim_relation",
    ActorRole: "actor_role",
    DatePrecision: "date_precision",
    PlacePrecision: "place_precision",
}
