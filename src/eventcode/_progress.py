"""A progress bar on standard error, drawn only on a terminal and only for long runs."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from typing import TextIO

from eventcode.escaping import printable

__all__ = ["Progress"]

_WIDTH = 20


class Progress:
    """Files done of all, records checked, the current file: redrawn at most ten times a second.

    Nothing is drawn unless ``stream`` is a terminal (or ``enabled`` says so) and ``delay``
    seconds have passed, so short runs and logs stay clean. :meth:`close` clears the line.
    """

    def __init__(
        self,
        stream: TextIO,
        total: int,
        *,
        enabled: bool | None = None,
        delay: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._total = total
        self._enabled = stream.isatty() if enabled is None else enabled
        self._clock = clock
        self._start = clock()
        self._delay = delay
        self._last = float("-inf")
        self._done = 0
        self._records = 0
        self._file_records = 0
        self._name = ""
        self._drawn = False

    def start(self, name: str) -> None:
        """Note that file ``name`` is being read."""
        self._name = name
        self._file_records = 0
        self._draw()

    def records(self, count: int) -> None:
        """Note that the current file has had ``count`` records checked (a progress callback)."""
        self._file_records = count
        self._draw()

    def finish(self) -> None:
        """Note that the current file is done."""
        self._done += 1
        self._records += self._file_records
        self._file_records = 0
        self._draw()

    def line(self) -> str:
        """Return the progress line as it would be drawn now."""
        filled = _WIDTH * self._done // self._total if self._total else _WIDTH
        bar = "#" * filled + "-" * (_WIDTH - filled)
        records = self._records + self._file_records
        text = f"[{bar}] {self._done}/{self._total} files, {records:,} records {self._name}"
        columns = shutil.get_terminal_size().columns
        return printable(text)[: max(columns - 1, 10)]

    def _draw(self) -> None:
        if not self._enabled:
            return
        now = self._clock()
        if now - self._start < self._delay or now - self._last < 0.1:
            return
        self._last = now
        self._stream.write("\r\x1b[K" + self.line())
        self._stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Clear the progress line, if one was drawn."""
        if self._drawn:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._drawn = False
