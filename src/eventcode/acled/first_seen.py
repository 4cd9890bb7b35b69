"""Which 64-bit keys came before: :class:`~eventcode.checks.first_seen.FirstSeen`, here too.

The table lives with the checks, whose place spellings (R009) key their names by it as well;
the ACLED merger's duplicate ids (A010) and signatures (R010) import it from here.
"""

from __future__ import annotations

from eventcode.checks.first_seen import FirstSeen, Keys, in_sorted

__all__ = ["FirstSeen", "Keys", "in_sorted"]
