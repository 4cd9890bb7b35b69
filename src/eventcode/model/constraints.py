"""Value constraints on record fields, held as attrs field metadata.

One definition serves three readers: the loader's constraint check, the JSON Schema generator
and the documentation. ``constrain(minimum=0)`` returns the metadata for ``attrs.field``.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CAMEO_ACTOR_PATTERN",
    "CAMEO_EVENT_PATTERN",
    "COUNTRY_PATTERN",
    "ID_PATTERN",
    "LANGUAGE_PATTERN",
    "MAX_COUNT",
    "METADATA_KEY",
    "PATTERN_MEANINGS",
    "QUANTITY_PATTERN",
    "VERSION_PATTERN",
    "constrain",
    "constraints_of",
]

METADATA_KEY = "eventcode"

#: The largest count a figure may state: 15 digits. Every such count is an integer any JSON
#: reader holds exactly (I-JSON, RFC 7493, asks for at most 2**53 - 1), far past any count of
#: people or things a report gives, and any sum of them is written in digits and fits a 64-bit
#: column. A larger count is an error (S103), in a file or built in Python.
MAX_COUNT = 10**15 - 1

#: Ids of records and references to them: letters, digits and ``._:/-``, not starting with one.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:/-]*$"
#: A CAMEO event code: 2 to 4 digits, kept as a string (leading zeros matter).
CAMEO_EVENT_PATTERN = r"^[0-9]{2,4}$"
#: A CAMEO actor code: one to five three-letter parts.
CAMEO_ACTOR_PATTERN = r"^(?:[A-Za-z]{3}){1,5}$"
#: An ISO 3166-1 alpha-3 country code.
COUNTRY_PATTERN = r"^[A-Z]{3}$"
#: A BCP 47 language tag (simplified: language, then subtags).
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"
#: A quantity name.
QUANTITY_PATTERN = r"^[a-z][a-z0-9_]*$"
#: A format version, ``MAJOR.MINOR``.
VERSION_PATTERN = r"^[0-9]+\.[0-9]+$"


#: What each pattern asks for, in words a user can act on.
PATTERN_MEANINGS = {
    ID_PATTERN: "an id: letters, digits and . _ : / -, starting with a letter or digit",
    CAMEO_EVENT_PATTERN: 'a CAMEO event code: 2 to 4 digits as text, such as "194" or "010"',
    CAMEO_ACTOR_PATTERN: "a CAMEO actor code: one to five three-letter parts, such as RUSMIL",
    COUNTRY_PATTERN: "an ISO 3166-1 alpha-3 country code in capitals, such as UKR",
    LANGUAGE_PATTERN: "a BCP 47 language tag, such as fr or en-GB",
    QUANTITY_PATTERN: "a quantity name in lower_snake_case, such as killed",
    VERSION_PATTERN: 'a format version MAJOR.MINOR, such as "1.0"',
}


def constrain(
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    pattern: str | None = None,
    min_length: int | None = None,
) -> dict[str, Any]:
    """Return attrs field metadata carrying these constraints.

    For a tuple field the constraints apply to each element.
    """
    found = {
        "minimum": minimum,
        "maximum": maximum,
        "pattern": pattern,
        "min_length": min_length,
    }
    return {METADATA_KEY: {k: v for k, v in found.items() if v is not None}}


def constraints_of(metadata: Any) -> dict[str, Any]:
    """Return the constraints stored in a field's metadata (empty when it has none)."""
    found: dict[str, Any] = metadata.get(METADATA_KEY, {})
    return found
