"""One ordered pool of worker processes, for every parallel path (JSON Lines, ACLED CSV).

A large file is cut into parts; :func:`in_order` checks them in worker processes, a few ahead
of the merge, and gives the results back in part order, so that the caller merges them as one
process would have met them. A worker keeps what a run needs across its parts (the parties of
a dataset, a batch checker's memory of places) with :func:`run_state`. The formats decide where
to cut and how to merge (:mod:`eventcode.parallel_lines`, :mod:`eventcode.acled.parallel`).
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable, Iterable
from itertools import islice
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:  # imported when a pool starts: a file checked in one process needs neither
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = [
    "AHEAD",
    "PARALLEL_MIN_BYTES",
    "WORKERS",
    "InOrder",
    "end_run",
    "in_order",
    "part_bytes",
    "run_state",
]

#: Files from this size are checked in worker processes (smaller ones start faster in one).
PARALLEL_MIN_BYTES = 8 << 20
#: Worker processes: the machines eventcode is measured on have two cores.
WORKERS = 2
#: Parts a worker has in flight at most: results waiting for the merge hold memory.
AHEAD = 2

Part = TypeVar("Part")
Result = TypeVar("Result")
State = TypeVar("State")

#: The state of the run this worker serves (a new run replaces it).
_RUN: tuple[str, Any] | None = None


def run_state(run: str, make: Callable[[], State]) -> State:
    """Return this worker's state for the run ``run``, made by ``make`` on its first part.

    A worker forked from a process holding the run's state (made there before the workers
    started) finds it made.
    """
    global _RUN
    if _RUN is None or _RUN[0] != run:
        _RUN = (run, make())
    state: State = _RUN[1]
    return state


def end_run(run: str) -> None:
    """Drop this process's state of the run ``run``, if it holds it.

    A caller that makes a run's state before the workers fork (they find it made) drops it
    once the run is over.
    """
    global _RUN
    if _RUN is not None and _RUN[0] == run:
        _RUN = None


def part_bytes(span: int, most: int, workers: int = WORKERS) -> int:
    """Return the size of the parts to cut ``span`` bytes into, each at most ``most``.

    More than one part are as many as a multiple of ``workers``, of one size, so that the
    workers finish together: parts of ``most`` bytes and a short last one would leave one
    worker checking a part alone at the end while the others wait.
    """
    parts = -(-span // most)
    if parts <= 1:
        return most
    parts = -(-parts // workers) * workers
    return -(-span // parts)


def in_order(
    work: Callable[[Part], Result], parts: Iterable[Part], workers: int = WORKERS
) -> InOrder[Part, Result]:
    """Return each part with ``work`` done on it in a worker process, in the order of ``parts``.

    The first parts are submitted at once (the caller may work while the workers start); at
    most :data:`AHEAD` parts a worker are in flight, and the next part is submitted before a
    result is given back, so the workers go on while the caller merges. Parts are taken from
    ``parts`` only as they are submitted: an iterator that stops early (a cut that met a line
    past the limit) ends the run after the parts it gave. Use it with
    :func:`contextlib.closing`: closing it (the caller stopping at a part it cannot use)
    cancels the parts not started. Workers run with the cycle collector off: the checks make
    no reference cycles.
    """
    return InOrder(work, parts, workers)


class InOrder(Generic[Part, Result]):
    """The results of a pool of workers, in part order (see :func:`in_order`)."""

    def __init__(
        self, work: Callable[[Part], Result], parts: Iterable[Part], workers: int
    ) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self._work = work
        self._parts = iter(parts)
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=workers, initializer=gc.disable
        )
        self._pending: deque[tuple[Part, Future[Result]]] = deque()
        try:
            self._submit(AHEAD * workers)
        except BaseException:
            self.close()
            raise

    def _submit(self, count: int) -> None:
        assert self._pool is not None
        for part in islice(self._parts, count):
            self._pending.append((part, self._pool.submit(self._work, part)))

    def __iter__(self) -> InOrder[Part, Result]:
        return self

    def __next__(self) -> tuple[Part, Result]:
        if not self._pending:
            self.close()
            raise StopIteration
        part, future = self._pending.popleft()
        try:
            result = future.result()
            self._submit(1)
        except BaseException:
            self.close()
            raise
        return part, result

    def close(self) -> None:
        """Cancel the parts not started, and wait for the workers to end."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
            self._pending.clear()
