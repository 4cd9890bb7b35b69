"""Writing files atomically: a temporary file beside the target, renamed into place."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: str | Path, chunks: Iterable[str]) -> None:
    """Write ``chunks`` as UTF-8 to ``path``; on any failure the old file stays as it was.

    The temporary file is named before it is created, so an interruption at any moment (Ctrl-C,
    SIGTERM) removes it; it is created as any new file is (its mode set by the umask).
    """
    target = Path(path)
    temporary = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            for chunk in chunks:
                out.write(chunk)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
