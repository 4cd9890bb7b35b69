"""``event_id_cnty`` values as 64-bit keys, for duplicate detection over millions of rows.

A Python set of id strings costs about 86 bytes an id. ACLED ids are three capitals and a number
(``UKR123456``): :func:`id_key` makes each one 64-bit key, the prefix's letters above the number,
the same in every process and read back by :func:`id_of`. Any other id (which the row checks
report anyway), or a number with a leading zero or of more than 14 digits, gets a 63-bit digest
of its text with the top bit set (two such ids meet by chance with odds of 1 in 2^63).
:class:`EventIdSet` keeps keys one at a time in a flat open-addressing table of ``array('Q')``,
at most two thirds full (12 to 24 bytes an id); batches go to
:class:`~eventcode.acled.first_seen.FirstSeen`.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from functools import cache
from operator import add, itemgetter

from eventcode.checks.duplicates import part_code

__all__ = ["COMPACT_ID", "NUMBER_BITS", "EventIdSet", "id_key", "id_keys", "id_of"]

_COMPACT = r"[A-Z]{3}(?:0|[1-9][0-9]{0,13})"
#: An id keyed as its prefix and number (three capitals, a number of at most 14 digits): a
#: pattern to match whole, ASCII (RE2 and ``re`` match it alike).
COMPACT_ID = _COMPACT
_ONE = re.compile(_COMPACT)
_EACH_LINE = re.compile(rf"(?:{_COMPACT}\n)*")
_NUMBER_BITS = 48
#: A key's number takes its lowest bits; the prefix's code is above them (see _prefix_code).
NUMBER_BITS = _NUMBER_BITS
_GOLDEN = 0x9E3779B97F4A7C15
_MASK64 = (1 << 64) - 1
_NUMBER_MASK = (1 << _NUMBER_BITS) - 1
_TEXT = 1 << 63
_prefix_of = itemgetter(slice(0, 3))
_number_of = itemgetter(slice(3, None))
_PREFIXES: dict[str, int] = {}  # prefix -> its code, shifted above the number


def _prefix_code(prefix: str) -> int:
    """Return the code of three capitals (1 to 26^3), shifted above an id's number."""
    value = 0
    for letter in prefix:
        value = value * 26 + ord(letter) - ord("A")
    return (value + 1) << _NUMBER_BITS


def id_key(event_id: str) -> int:
    """Return the 64-bit key of an id (0 for a blank id, which is never a repeat)."""
    if not event_id:
        return 0
    if not _ONE.fullmatch(event_id):
        return part_code(("event_id", event_id)) | _TEXT
    prefix = _prefix_of(event_id)
    code = _PREFIXES.get(prefix) or _PREFIXES.setdefault(prefix, _prefix_code(prefix))
    return code + int(_number_of(event_id))


def id_keys(event_ids: Sequence[str]) -> array[int]:
    """Return :func:`id_key` of each id; a batch of well-formed ids is keyed in one pass."""
    joined = "\n".join(event_ids) + "\n"
    # One line break an id: an id holding one ("UKR1\nUKR2") would pass as two.
    if (
        not event_ids
        or joined.count("\n") != len(event_ids)
        or not _EACH_LINE.fullmatch(joined)
    ):
        return array("Q", map(id_key, event_ids))
    prefixes = list(map(_prefix_of, event_ids))
    for prefix in set(prefixes).difference(_PREFIXES):
        _PREFIXES[prefix] = _prefix_code(prefix)
    numbers = map(int, map(_number_of, event_ids))
    return array("Q", map(add, map(_PREFIXES.__getitem__, prefixes), numbers))


def id_of(key: int) -> str | None:
    """Return the id an ACLED-shaped key stands for (``None`` for a digest of other text)."""
    if key & _TEXT or not key:
        return None
    return _prefix_text(key >> _NUMBER_BITS) + str(key & _NUMBER_MASK)


@cache  # at most 26**3 prefixes
def _prefix_text(code: int) -> str:
    """Return the three capitals a key's prefix bits stand for."""
    value, letters = code - 1, []
    for _ in range(3):
        value, letter = divmod(value, 26)
        letters.append(chr(ord("A") + letter))
    return "".join(reversed(letters))


class EventIdSet:
    """The ids seen so far, one at a time; :meth:`add` tells whether an id was already there."""

    def __init__(self) -> None:
        self._keys = array("Q", bytes(8 * 1024))  # 0 marks an empty slot
        self._bits = 10
        self._count = 0

    def add(self, event_id: str) -> bool:
        """Add ``event_id``; return True when it had been added before (never for a blank)."""
        key = id_key(event_id)
        return bool(key) and self._add_key(key)

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
        return self._count
