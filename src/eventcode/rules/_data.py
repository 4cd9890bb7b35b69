"""The data files of the rules subpackage (``eventcode/rules/data/``), parsed once."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["rules_toml"]


@cache
def rules_toml(name: str) -> dict[str, Any]:
    """Return the parsed TOML file ``eventcode/rules/data/<name>`` (cached)."""
    text = resources.files("eventcode.rules").joinpath("data", name).read_text(encoding="utf-8")
    return tomllib.loads(text)
