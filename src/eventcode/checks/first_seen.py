"""Which 64-bit keys came before, over millions of them, in C loops and 8 or 16 bytes a key.

A Python set of ints costs about 70 bytes an entry and a Python loop over keys about a
microsecond a key; duplicate ids (A010), probable duplicates (R010) and place spellings (R009,
by their keys' hashes) over an ACLED-scale file need neither. :class:`FirstSeen` keeps the keys
seen so far as a few sorted numpy arrays (runs), merged like a binary counter as they grow (two
runs of alike size become one), so adding N keys in batches costs O(N log N) work inside numpy
and no object per key.
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
import numpy.typing as npt

__all__ = ["FirstSeen", "Keys", "in_sorted"]

#: 64-bit unsigned keys or payloads.
Keys: TypeAlias = npt.NDArray[np.uint64]
Indices: TypeAlias = npt.NDArray[np.intp]


class FirstSeen:
    """Keys seen so far, each with the payload it first came with (when payloads are kept)."""

    def __init__(self, *, payloads: bool = False) -> None:
        self._payloads = payloads
        self._runs: list[tuple[Keys, Keys | None]] = []  # sorted, disjoint, largest first

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
        for run, run_payloads in self._runs:
            at = np.minimum(np.searchsorted(run, distinct), len(run) - 1)
            hit = run[at] == distinct
            if run_payloads is not None:
                first_payloads[hit] = run_payloads[at[hit]]
            known |= hit
        repeated = np.ones(len(keys), bool)
        repeated[firsts[~known]] = False
        indices = np.flatnonzero(repeated)
        per_key = np.empty(len(keys), np.uint64)
        per_key[order] = first_payloads[group]
        new = firsts[~known]
        self._push(keys[new], payloads[new] if self._payloads else None)
        return indices, per_key[indices]

    def known(self, keys: Keys) -> npt.NDArray[np.bool_]:
        """Tell, for each of ``keys``, whether an earlier :meth:`add` had it (adds nothing)."""
        # Looked up in key order: the searches then walk each run forwards, not all over it.
        order = np.argsort(keys)
        ordered = keys[order]
        hits = np.zeros(len(keys), bool)
        for run, _ in self._runs:
            hits |= in_sorted(run, ordered)
        found = np.empty(len(keys), bool)
        found[order] = hits
        return found

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
