"""ACLED regions and countries (name, ISO 3166 numeric and alpha-3, region)."""

from __future__ import annotations

import functools
from collections.abc import Mapping

import attrs

from ._errors import UnknownCodeError, code_number, nearest
from ._load import read_tsv

__all__ = [
    "AcledCountry",
    "AcledRegion",
    "acled_countries",
    "acled_country",
    "acled_country_by_alpha3",
    "acled_country_by_iso",
    "acled_region",
    "acled_regions",
]


@attrs.frozen
class AcledRegion:
    """One of ACLED's 17 regions.

    Attributes:
        code: the numeric region code used by ACLED's API (1-20, with gaps).
        name: the region name as written in the ``region`` column.

    """

    code: int
    name: str


@attrs.frozen
class AcledCountry:
    """A country or territory as ACLED names it.

    Attributes:
        name: the ``country`` column value (``"Russia"``, not ``"Russian Federation"``).
        iso: the ISO 3166-1 numeric code (the ``iso`` column), or ``None`` when unknown
            (Kosovo has no ISO code; the value ACLED uses is unverified).
        alpha3: the ISO 3166-1 alpha-3 code, or ``None``.
        region: the ACLED region.
        region_verified: whether the region assignment is confirmed by a cited source
            (most are derived and unverified; see ``PROVENANCE.md``).
        iso_name: the ISO 3166 short name, when there is one.
        name_basis: ``"observed"`` (spelling seen in ACLED data), ``"assumed"`` (ACLED-style
            short name, unconfirmed) or ``"iso"`` (ISO name used, unconfirmed).
        note: a remark, or ``""``.

    """

    name: str
    iso: int | None
    alpha3: str | None
    region: str
    region_verified: bool
    iso_name: str
    name_basis: str
    note: str = ""


@functools.cache
def _regions() -> tuple[Mapping[int, AcledRegion], Mapping[str, AcledRegion]]:
    by_code = {
        int(row["code"]): AcledRegion(int(row["code"]), row["region"])
        for row in read_tsv("acled_regions.tsv")
    }
    return by_code, {r.name: r for r in by_code.values()}


@functools.cache
def _countries() -> tuple[
    Mapping[str, AcledCountry], Mapping[int, AcledCountry], Mapping[str, AcledCountry]
]:
    by_name: dict[str, AcledCountry] = {}
    for row in read_tsv("acled_countries.tsv"):
        country = AcledCountry(
            name=row["country"],
            iso=int(row["iso"]) if row["iso"] else None,
            alpha3=row["alpha3"] or None,
            region=row["region"],
            region_verified=row["region_basis"] != "unverified",
            iso_name=row["iso_name"],
            name_basis=row["name_basis"],
            note=row["note"],
        )
        by_name[country.name] = country
    by_iso = {c.iso: c for c in by_name.values() if c.iso is not None}
    by_alpha3 = {c.alpha3: c for c in by_name.values() if c.alpha3 is not None}
    return by_name, by_iso, by_alpha3


def acled_regions() -> tuple[AcledRegion, ...]:
    """Return ACLED's 17 regions in code order."""
    return tuple(_regions()[0].values())


def acled_region(value: int | str) -> AcledRegion:
    """Return the region with this name or numeric API code.

    Raises:
        UnknownCodeError: no such region.

    """
    by_code, by_name = _regions()
    if isinstance(value, int) and not isinstance(value, bool):
        found = by_code.get(value)
    else:
        text = str(value).strip()
        number = code_number(text)
        found = by_code.get(number) if number is not None else by_name.get(text)
    if found is None:
        raise UnknownCodeError(value, "acled_regions", nearest(str(value), by_name))
    return found


def acled_countries() -> tuple[AcledCountry, ...]:
    """Return every country in the table, sorted by name."""
    return tuple(_countries()[0].values())


def acled_country(name: str) -> AcledCountry:
    """Return the country with this ACLED name (exact spelling, e.g. ``"Russia"``).

    Raises:
        UnknownCodeError: no country has this name; suggestions include the ACLED name
            when ``name`` is an ISO name (``"Russian Federation"`` suggests ``"Russia"``).

    """
    by_name = _countries()[0]
    found = by_name.get(name)
    if found is None:
        iso_match = [c.name for c in by_name.values() if c.iso_name and c.iso_name == name]
        raise UnknownCodeError(name, "acled_countries", [*iso_match, *nearest(name, by_name)])
    return found


def acled_country_by_iso(iso: int | str) -> AcledCountry:
    """Return the country with this ISO 3166-1 numeric code (``804`` or ``"804"``).

    Raises:
        UnknownCodeError: no country has this code.

    """
    text = str(iso).strip()
    number = code_number(text)
    found = _countries()[1].get(number) if number is not None else None
    if found is None:
        raise UnknownCodeError(
            iso, "acled_countries", nearest(text, [f"{k:03d}" for k in _countries()[1]])
        )
    return found


def acled_country_by_alpha3(alpha3: str) -> AcledCountry:
    """Return the country with this ISO 3166-1 alpha-3 code (case-insensitive).

    Raises:
        UnknownCodeError: no country has this code.

    """
    found = _countries()[2].get(alpha3.strip().upper())
    if found is None:
        raise UnknownCodeError(alpha3, "acled_countries", nearest(alpha3, _countries()[2]))
    return found
