"""Writing files atomically: a temporary file beside the target, renamed into place.

Only a regular file is ever replaced: a target that exists and is anything else (a directory, a
symbolic link, a FIFO, a device, a socket) is refused with :class:`OutputRefusedError`, so
writing to ``/dev/null`` or to a named pipe never replaces the node with a file. A read-only
regular file is refused too (even for root, who could replace it), and a replaced file keeps
its permission bits. The temporary file has a short hidden name in the target's directory, so a
target whose name is as long as the system allows (255 bytes) can be written.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TextIO

from eventcode.errors import EventcodeError

__all__ = [
    "OutputRefusedError",
    "atomic_text",
    "check_output",
    "on_commit",
    "replace_atomic",
    "write_atomic",
]

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)

# Called with the target as each output is renamed into place (see on_commit).
_ON_COMMIT: ContextVar[Callable[[Path], None] | None] = ContextVar(
    "eventcode_on_commit", default=None
)


class OutputRefusedError(EventcodeError, OSError):
    """An output eventcode will not replace: it is not a regular file, or it is read-only.

    An :class:`OSError` (``strerror`` says why, ``filename`` names the path), so code that
    handles a failed write handles this too.
    """


def check_output(path: str | os.PathLike[str]) -> os.stat_result | None:
    """Check that ``path`` may be written: return its status, or ``None`` if nothing is there.

    Raises :class:`OutputRefusedError` when something other than a regular file is there (it is
    looked at, not followed: a symbolic link is refused whatever it points to) or when the file
    is read-only: no write permission bit is set (mode 0444, even for root), or the user may
    not write it.
    """
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return None
    mode = status.st_mode
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise OutputRefusedError(
            errno.EISDIR if stat.S_ISDIR(mode) else errno.EEXIST,
            f"it is {kind}, not a regular file; eventcode replaces only regular files "
            "(use - for standard output)",
            os.fspath(path),
        )
    if not mode & 0o222 or not os.access(path, os.W_OK):
        what = "read-only" if not mode & 0o222 else "not writable by you"
        raise OutputRefusedError(
            errno.EACCES,
            f"it is {what} (mode {stat.S_IMODE(mode):04o}); refusing to replace it: make it "
            "writable or write elsewhere",
            os.fspath(path),
        )
    return status


@contextmanager
def on_commit(callback: Callable[[Path], None]) -> Iterator[None]:
    """Within the block, call ``callback(target)`` as each output is renamed into place.

    SIGINT and SIGTERM are held off (on POSIX, in the main thread) from just before the rename
    until ``callback`` returns, so a signal handler sees either no output or the output in place
    and the callback run: never the file replaced and the callback missed. The command line uses
    this to report success when it is stopped after its output is written.
    """
    token = _ON_COMMIT.set(callback)
    try:
        yield
    finally:
        _ON_COMMIT.reset(token)


def _replace(temporary: Path, target: Path) -> None:
    """Rename ``temporary`` onto ``target`` and tell the listener, signals held off meanwhile."""
    callback = _ON_COMMIT.get()
    hold = hasattr(signal, "pthread_sigmask") and threading.current_thread() is (
        threading.main_thread()
    )
    previous = (
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM}) if hold else None
    )
    try:
        os.replace(temporary, target)
        if callback is not None:
            callback(target)
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)  # a held signal is handled here


def replace_atomic(temporary: Path, target: Path) -> None:
    """Rename ``temporary`` (a file, or a folder onto nothing) onto ``target`` as writes do.

    Signals are held off and :func:`on_commit`'s listener told, as for :func:`write_atomic`.
    """
    _replace(temporary, target)


def write_atomic(path: str | Path, chunks: Iterable[str]) -> None:
    """Write ``chunks`` as UTF-8 to ``path``; on any failure the old file stays as it was.

    Raises :class:`OutputRefusedError` (before writing anything) when ``path`` is not a regular
    file or is read-only (:func:`check_output`). A file replaced keeps its permission bits; a
    new one is created as any new file is (its mode set by the umask). The temporary file is
    named before it is created, so an interruption at any moment (Ctrl-C, SIGTERM) removes it.
    """
    with atomic_text(path) as out:
        for chunk in chunks:
            out.write(chunk)


@contextmanager
def atomic_text(path: str | Path, *, errors: str = "strict") -> Iterator[TextIO]:
    """Yield a UTF-8 text stream that replaces ``path`` when the block ends without error.

    As :func:`write_atomic` (which writes through it): on any failure, also in the block, the
    old file stays as it was. ``errors`` is how text UTF-8 cannot hold is written
    (``backslashreplace`` for reports holding lone surrogates from file names).
    """
    import secrets  # imported here: a run that writes no file goes without it

    target = Path(path)
    existing = check_output(target)
    temporary = target.parent / f".eventcode-{secrets.token_hex(8)}.tmp"
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(handle, "w", encoding="utf-8", errors=errors, newline="\n") as out:
            if existing is not None:  # before any data is written
                if hasattr(os, "fchmod"):
                    os.fchmod(out.fileno(), stat.S_IMODE(existing.st_mode))
                else:  # pragma: no cover - Windows before Python 3.13
                    os.chmod(temporary, stat.S_IMODE(existing.st_mode))
            yield out
        check_output(target)  # nothing else was put there meanwhile
        _replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
