"""64-bit codes of byte strings, the same in every process: one definition, two backends.

:func:`code_of` codes one string in Python; :func:`codes_of` codes many with numpy, a few
array operations for thousands of strings (the columnar ACLED path codes a chunk's places so),
and :func:`codes_of_words` codes rows of 64-bit words as :func:`code_of` codes their bytes.
All compute one function (``tests/test_hashing.py`` holds them equal): the string is read as
little-endian 64-bit words, the last padded with zero bytes; the state starts from a seed and
the length, takes each word by an exclusive or, a multiplication by an odd constant and a
shift, and ends with murmur3's finaliser (fmix64).

A code tells apart the places and parts of one file, with odds of about 2^-64 that two honest
strings share one. It is not a cryptographic digest: a file made on purpose to hold two
strings of one code can be written (as it can, with more work, for any 64-bit digest).
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["code_of", "codes_of", "codes_of_words"]

_MASK = (1 << 64) - 1
_SEED = 0x243F6A8885A308D3  # the digits of pi, as a start unlike zero
_MULTIPLIER = 0x9E3779B97F4A7C15  # odd: each step is a bijection of the state
_FINISH = (0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53)
_WORD = struct.Struct("<Q")
#: Strings of more words than this are coded one at a time (each word is a numpy step).
_LONG_WORDS = 64


def code_of(data: bytes) -> int:
    """Return the 64-bit code of a byte string."""
    state = _SEED ^ len(data)
    for (word,) in _WORD.iter_unpack(data + bytes(-len(data) % 8)):
        state = ((state ^ word) * _MULTIPLIER) & _MASK
        state ^= state >> 32
    return _finish(state)


def _finish(state: int) -> int:
    """Return murmur3's fmix64 of a state."""
    state ^= state >> 33
    state = (state * _FINISH[0]) & _MASK
    state ^= state >> 33
    state = (state * _FINISH[1]) & _MASK
    return state ^ (state >> 33)


def codes_of(offsets: np.ndarray, data: np.ndarray) -> np.ndarray:
    """Return :func:`code_of` of each string of a buffer, as unsigned 64-bit integers.

    String ``i`` is ``data[offsets[i]:offsets[i + 1]]`` (``data``: bytes as ``uint8``; the
    strings follow one another, as an Arrow array of strings holds them).
    """
    import numpy as np

    starts = offsets[:-1].astype(np.int64)
    lengths = np.diff(offsets).astype(np.int64)
    words = (lengths + 7) // 8
    codes = np.empty(len(lengths), np.uint64)
    for i in np.flatnonzero(words > _LONG_WORDS).tolist():
        codes[i] = code_of(data[starts[i] : starts[i] + lengths[i]].tobytes())
    short = np.flatnonzero(words <= _LONG_WORDS)
    if not len(short):
        return codes
    # The 8 bytes from every offset, as one unaligned word each (zeros past the end).
    padded = np.zeros(len(data) + 8, np.uint8)
    padded[: len(data)] = data
    at = np.ndarray((len(data) + 1,), "<u8", padded.data, 0, (1,))
    # Longest first: the strings still taking a word at step j are then the first ones.
    order = short[np.argsort(-words[short], kind="stable")]
    count, begin, left = words[order], starts[order], lengths[order]
    state = np.uint64(_SEED) ^ left.astype(np.uint64)
    taking = np.searchsorted(-count, -np.arange(int(count.max(initial=0))), side="left")
    for step, active in enumerate(taking.tolist()):
        word = at[begin[:active] + 8 * step]
        rest = left[:active] - 8 * step  # bytes of the string from this word on
        partial = rest < 8  # the last word: only its own bytes
        word[partial] &= (np.uint64(1) << (8 * rest[partial]).astype(np.uint64)) - np.uint64(1)
        state[:active] = _mixed(state[:active] ^ word)
    codes[order] = _finished(state)
    return codes


def codes_of_words(words: np.ndarray) -> np.ndarray:
    """Return :func:`code_of` of each row of 64-bit words (its bytes, little-endian)."""
    import numpy as np

    rows, width = words.shape
    state = np.full(rows, _SEED ^ (8 * width), np.uint64)
    for column in range(width):
        state = _mixed(state ^ words[:, column].astype(np.uint64))
    return _finished(state)


def _mixed(state: np.ndarray) -> np.ndarray:
    """Return the state after taking a word (the word given by exclusive or already)."""
    import numpy as np

    state = state * np.uint64(_MULTIPLIER)  # modulo 2^64: numpy's arrays wrap
    mixed: np.ndarray = state ^ (state >> np.uint64(32))
    return mixed


def _finished(state: np.ndarray) -> np.ndarray:
    """Return :func:`_finish` of each state."""
    import numpy as np

    state = state ^ (state >> np.uint64(33))
    state = state * np.uint64(_FINISH[0])
    state = state ^ (state >> np.uint64(33))
    state = state * np.uint64(_FINISH[1])
    result: np.ndarray = state ^ (state >> np.uint64(33))
    return result
