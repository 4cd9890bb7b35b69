"""A compact set of ``event_id_cnty`` values, for duplicate detection over millions of rows.

A Python set of id strings costs about 86 bytes an id. ACLED ids are three capitals and a number
(``UKR123456``): each is kept as one 64-bit int (the prefix's number above the id's number) in a
flat open-addressing table of ``array('Q')``, at most two thirds full: 12 to 24 bytes an id.
Any other id (which the row checks report anyway), and numbers of 2^48 or more, are text.
"""

from __future__ import annotations

import re
from array import array

__all__ = ["EventIdSet"]

_ACLED_ID = re.compile(r"([A-Z]{3})([0-9]{1,18})")


class EventIdSet:
    """The ids seen so far; :meth:`add` tells whether an id was already there."""

    def __init__(self) -> None:
        self._prefixes: dict[str, int] = {}
        self._keys = array("Q", bytes(8 * 1024))  # 0 marks an empty slot
        self._bits = 10
        self._count = 0
        self._other: set[str] = set()

    def add(self, event_id: str) -> bool:
        """Add ``event_id``; return True when it had been added before."""
        match = _ACLED_ID.fullmatch(event_id)
        if match is None or (len(match[2]) > 1 and match[2][0] == "0"):
            # Leading zeros would make UKR01 and UKR1 one number: keep such ids as text.
            return self._add_text(event_id)
        number = int(match[2])
        if number >= _NUMBER_LIMIT:
            return self._add_text(event_id)
        prefix = self._prefixes.setdefault(match[1], len(self._prefixes) + 1)
        return self._add_key((prefix << 48) | number)

    def _add_text(self, event_id: str) -> bool:
        if event_id in self._other:
            return True
        self._other.add(event_id)
        return False

    def _add_key(self, key: int) -> bool:
        keys, shift, mask = self._keys, 64 - self._bits, len(self._keys) - 1
        slot = ((key * _GOLDEN) & _MASK64) >> shift  # Fibonacci hashing: ids are sequential
        while (found := keys[slot]) != 0:
            if found == key:
                return True
            slot = (slot + 1) & mask
        keys[slot] = key
        self._count += 1
        if 3 * self._count > 2 * mask:  # at most two thirds full
            self._grow()
        return False

    def _grow(self) -> None:
        old = self._keys
        self._bits += 1
        self._keys = array("Q", bytes(8 << self._bits))
        self._count = 0
        for key in old:
            if key:
                self._add_key(key)

    def __len__(self) -> int:
        return len(self._other) + self._count


_NUMBER_LIMIT = 1 << 48
_GOLDEN = 0x9E3779B97F4A7C15
_MASK64 = (1 << 64) - 1
