"""Pausing Python's cycle collector around work that makes no reference cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Turn the cycle collector off for the block, and back on after when it was on.

    The batch checks make millions of short-lived objects and no cycles: the collector would
    only slow them.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
