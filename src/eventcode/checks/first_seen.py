"""Which 64-bit keys came before, over millions of them, in C loops and 8 or 16 bytes a key.

A Python set of ints costs about 70 bytes an entry and a Python loop over keys about a
microsecond a key; duplicate ids (A010), probable duplicates (R010) and place spellings (R009,
by their keys' hashes) over an ACLED-scale file need neither. :class:`FirstSeen` keeps the keys
seen so far as a few sorted numpy arrays (runs), merged like a binary counter as they grow (two
runs of alike size become one), so adding N keys in batches costs O(N log N) work inside numpy
and no object per key.

Most keys of a file are new (an id, a signature, a spelling met once), and searching every run
for each of them cost most of an add: a bitmap of the keys' mixed top bits (2**24 bits, 2 MiB)
tells at once that a key was never added, and only the rest are searched for. A bit set by
another key only sends a key to the search, so the answers are the runs' alone.
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
import numpy.typing as npt

__all__ = ["FirstSeen", "Keys", "in_sorted"]

#: 64-bit unsigned keys or payloads.
Keys: TypeAlias = npt.NDArray[np.uint64]
Indices: TypeAlias = npt.NDArray[np.intp]

#: Multiplies keys before their top bits index the bitmap: ids and codes with structure in
#: their low bits are spread over it (Fibonacci hashing: 2**64 over the golden ratio, odd).
_MIX = np.uint64(0x9E3779B97F4A7C15)
#: The bitmap's size, in bits, as a power of two: 2 MiB, one bit in 16 set at 1,000,000 keys.
_FILTER_BITS = 24


class FirstSeen:
    """Keys seen so far, each with the payload it first came with (when payloads are kept)."""

    def __init__(self, *, payloads: bool = False, filter_bits: int = _FILTER_BITS) -> None:
        self._payloads = payloads
        self._runs: list[tuple[Keys, Keys | None]] = []  # sorted, disjoint, largest first
        self._shift = np.uint64(64 - filter_bits)
        self._size = 1 << filter_bits
        self._bits: npt.NDArray[np.uint8] | None = None  # made at the first key added

    def __len__(self) -> int:
        return sum(len(keys) for keys, _ in self._runs)

    def add(self, keys: Keys, payloads: Keys | None = None) -> tuple[Indices, Keys]:
        """Add ``keys`` in order; return the indices of those seen before, and their payloads.

        A key is seen before when an earlier call or an earlier position of ``keys`` had it;
        its payload is the one it first came with (zeros when payloads are not kept).
        """
        if payloads is None:
            payloads = np.zeros(len(keys), np.uint64)
        order = np.argsort(keys, kind="stable")  # equal keys keep their order: firsts first
        ordered = keys[order]
        starts = np.ones(len(keys), bool)
        starts[1:] = ordered[1:] != ordered[:-1]
        group = np.cumsum(starts) - 1  # the distinct key of each sorted position
        firsts = order[starts]  # where each distinct key first comes in ``keys``
        distinct = ordered[starts]
        first_payloads = payloads[firsts]
        known = np.zeros(len(distinct), bool)
        slots = self._slots(distinct)
        maybe = np.flatnonzero(self._marked(slots))  # the others were never added
        if len(maybe):
            wanted = distinct[maybe]  # sorted, as ``distinct`` is
            for run, run_payloads in self._runs:
                at = np.minimum(np.searchsorted(run, wanted), len(run) - 1)
                hit = run[at] == wanted
                if run_payloads is not None:
                    first_payloads[maybe[hit]] = run_payloads[at[hit]]
                known[maybe[hit]] = True
        repeated = np.ones(len(keys), bool)
        repeated[firsts[~known]] = False
        indices = np.flatnonzero(repeated)
        per_key = np.empty(len(keys), np.uint64)
        per_key[order] = first_payloads[group]
        new = firsts[~known]
        self._mark(slots[~known])
        self._push(keys[new], payloads[new] if self._payloads else None)
        return indices, per_key[indices]

    def known(self, keys: Keys) -> npt.NDArray[np.bool_]:
        """Tell, for each of ``keys``, whether an earlier :meth:`add` had it (adds nothing)."""
        # Looked up in key order: the searches then walk each run forwards, not all over it.
        maybe = np.flatnonzero(self._marked(self._slots(keys)))
        order = maybe[np.argsort(keys[maybe])]
        ordered = keys[order]
        hits = np.zeros(len(ordered), bool)
        for run, _ in self._runs:
            hits |= in_sorted(run, ordered)
        found = np.zeros(len(keys), bool)
        found[order] = hits
        return found

    def _slots(self, keys: Keys) -> Indices:
        """Return each key's bit in the bitmap: the top bits of the key, mixed."""
        return ((keys * _MIX) >> self._shift).astype(np.intp)

    def _marked(self, slots: Indices) -> npt.NDArray[np.bool_]:
        """Tell, for each slot, whether a key added set its bit (else that key was not added)."""
        if self._bits is None:
            return np.zeros(len(slots), bool)
        bits = self._bits[slots >> 3] >> (slots & 7).astype(np.uint8)
        marked: npt.NDArray[np.bool_] = (bits & 1).astype(bool)
        return marked

    def _mark(self, slots: Indices) -> None:
        if not len(slots):
            return
        if self._bits is None:
            self._bits = np.zeros(max(1, self._size >> 3), np.uint8)
        np.bitwise_or.at(self._bits, slots >> 3, np.left_shift(1, slots & 7).astype(np.uint8))

    def _push(self, keys: Keys, payloads: Keys | None) -> None:
        if not len(keys):
            return
        order = np.argsort(keys)
        self._runs.append((keys[order], None if payloads is None else payloads[order]))
        while len(self._runs) > 1 and 2 * len(self._runs[-1][0]) >= len(self._runs[-2][0]):
            (first, first_payloads), (second, second_payloads) = self._runs[-2:]
            merged = np.concatenate((first, second))
            order = np.argsort(merged, kind="stable")  # two sorted runs: a linear merge
            payloads = (
                None
                if first_payloads is None or second_payloads is None
                else np.concatenate((first_payloads, second_payloads))[order]
            )
            self._runs[-2:] = [(merged[order], payloads)]

def in_sorted(run: Keys, keys: Keys) -> npt.NDArray[np.bool_]:
    """Tell, for each of ``keys``, whether the sorted array ``run`` holds it."""
    if not len(run):
        return np.zeros(len(keys), bool)
    found: npt.NDArray[np.bool_] = run[np.minimum(np.searchsorted(run, keys), len(run) - 1)] == keys
    return found
