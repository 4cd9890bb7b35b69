"""A compact set of ``event_id_cnty`` values, for duplicate detection over millions of rows.

A Python set of id strings costs about 86 bytes an id. ACLED ids are three capitals and a number
(``UKR123456``): kept as an int per id, in one set per prefix, they cost about a third less.
Any other id (which the row checks report anyway) is kept as text.
"""

from __future__ import annotations

import re

__all__ = ["EventIdSet"]

_ACLED_ID = re.compile(r"([A-Z]{3})([0-9]{1,18})")


class EventIdSet:
    """The ids seen so far; :meth:`add` tells whether an id was already there."""

    def __init__(self) -> None:
        self._numbers: dict[str, set[int]] = {}
        self._other: set[str] = set()

    def add(self, event_id: str) -> bool:
        """Add ``event_id``; return True when it had been added before."""
        match = _ACLED_ID.fullmatch(event_id)
        if match is None or (len(match[2]) > 1 and match[2][0] == "0"):
            # Leading zeros would make UKR01 and UKR1 one number: keep such ids as text.
            seen, key = self._other, event_id
            if key in seen:
                return True
            seen.add(key)
            return False
        numbers = self._numbers.setdefault(match[1], set())
        number = int(match[2])
        if number in numbers:
            return True
        numbers.add(number)
        return False

    def __len__(self) -> int:
        return len(self._other) + sum(len(n) for n in self._numbers.values())
