"""Access to the data files shipped inside the package (loaded once, on first use)."""

from __future__ import annotations

import json
import tomllib
from functools import cache
from importlib import resources
from typing import Any


def data_text(name: str) -> str:
    """Return the text of ``eventcode/data/<name>``."""
    return resources.files("eventcode").joinpath("data", name).read_text(encoding="utf-8")


@cache
def data_json(name: str) -> Any:
    """Return the parsed JSON file ``eventcode/data/<name>`` (cached)."""
    return json.loads(data_text(name))


@cache
def data_toml(name: str) -> dict[str, Any]:
    """Return the parsed TOML file ``eventcode/data/<name>`` (cached)."""
    return tomllib.loads(data_text(name))
