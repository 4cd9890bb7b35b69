"""The optional dependencies of :mod:`eventcode.frames`, imported when a call needs them."""

from __future__ import annotations

import importlib
from types import ModuleType

from eventcode.errors import MissingExtraError

__all__ = ["EXTRAS", "require"]

#: The extra that installs each optional module (``pip install 'eventcode[pandas]'``).
EXTRAS = {"pyarrow": "arrow", "pandas": "pandas", "polars": "polars"}


def require(module: str, what: str, extra: str | None = None) -> ModuleType:
    """Import ``module`` for ``what`` (a function's name), or say which extra installs it.

    Raises :class:`~eventcode.errors.MissingExtraError` (a ``ModuleNotFoundError``) naming
    ``extra`` (by default the module's own: ``arrow`` for pyarrow).
    """
    try:
        return importlib.import_module(module)
    except ImportError as missing:
        chosen = extra or EXTRAS.get(module.split(".")[0], module)
        raise MissingExtraError(
            f"{what} needs {module.split('.')[0]}: pip install 'eventcode[{chosen}]'",
            name=missing.name or module,
        ) from missing
