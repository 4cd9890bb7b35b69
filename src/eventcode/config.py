"""Settings for ``eventcode validate`` from ``[tool.eventcode]`` in ``pyproject.toml``.

As with ruff, the table is read from ``pyproject.toml`` in the current directory (or a file
named with ``--config``); options on the command line override it. Keys (kebab-case)::

    [tool.eventcode]
    select = ["S", "C"]          # codes or prefixes to report (default: all)
    ignore = ["R002"]            # codes or prefixes not to report
    fail-on = "warning"          # error (default), warning or never
    policy = "acled"             # the coding-rule policy
    format = "github"            # text (default), json, github, junit, sarif, markdown
    include = ["*.json"]         # what a directory walk picks up
    exclude = ["drafts"]         # what a directory walk skips (replaces the default)
    extend-exclude = ["old/*"]   # skipped as well as the default
    force-exclude = true         # apply exclude to files named directly too
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from attrs import evolve, frozen

from eventcode.errors import EventcodeError
from eventcode.findings import finding_codes
from eventcode.paths import DEFAULT_EXCLUDE, DEFAULT_INCLUDE
from eventcode.reporters import REPORT_FORMATS

__all__ = [
    "CONFIG_FILE",
    "FAIL_ON",
    "ConfigError",
    "Settings",
    "check_code_prefixes",
    "load_settings",
    "settings_from_table",
]

#: The file the settings are read from, in the current directory.
CONFIG_FILE = "pyproject.toml"
#: What ``fail-on`` accepts.
FAIL_ON = ("error", "warning", "never")


class ConfigError(EventcodeError, ValueError):
    """The configuration cannot be read or holds a key or value eventcode does not accept."""


@frozen(kw_only=True)
class Settings:
    """What ``eventcode validate`` does: which codes, how it fails, what it reads.

    ``select=None`` reports every code. ``source`` names the file the settings came from.
    """

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    policy: str | None = None
    format: str = "text"
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    max_field_size: int | None = None
    max_line_size: int | None = None
    max_json_depth: int | None = None
    max_columns: int | None = None
    max_figures: int | None = None
    max_pair_findings: int | None = None
    source: str | None = None

    @property
    def all_excluded(self) -> tuple[str, ...]:
        """``exclude`` and ``extend-exclude`` together."""
        return self.exclude + self.extend_exclude

    def override(self, **changes: Any) -> Settings:
        """Return these settings with every change that is not ``None`` applied."""
        return evolve(self, **{k: v for k, v in changes.items() if v is not None})


def check_code_prefixes(prefixes: Iterable[str], where: str) -> tuple[str, ...]:
    """Return ``prefixes`` upper-cased; raise :class:`ConfigError` for one no code starts with."""
    codes = tuple(finding_codes())
    checked = []
    for prefix in prefixes:
        wanted = prefix.strip().upper()
        if not wanted:
            continue
        if wanted != "ALL" and not any(code.startswith(wanted) for code in codes):
            raise ConfigError(
                f"{where}: {prefix!r} is no finding code nor the start of one "
                "(see `eventcode explain CODE` and docs/findings.md)"
            )
        checked.append(wanted)
    return tuple(checked)


def _strings(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def _choice(table: Mapping[str, Any], key: str, choices: Iterable[str], where: str) -> str:
    value = table[key]
    known = tuple(choices)
    if value not in known:
        raise ConfigError(f"{where}: {key} must be one of {', '.join(known)}, not {value!r}")
    return str(value)


_KEYS = (
    "select",
    "ignore",
    "fail-on",
    "policy",
    "format",
    "include",
    "exclude",
    "extend-exclude",
    "force-exclude",
    "max-field-size",
    "max-line-size",
    "max-json-depth",
    "max-columns",
    "max-figures",
    "max-pair-findings",
)


def settings_from_table(table: Mapping[str, Any], source: str = CONFIG_FILE) -> Settings:
    """Return the settings a ``[tool.eventcode]`` table holds; raise :class:`ConfigError`."""
    where = f"{source} [tool.eventcode]"
    for key in table:
        if key not in _KEYS:
            near = difflib.get_close_matches(key.replace("_", "-"), _KEYS, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            raise ConfigError(f"{where}: unknown key {key!r}{hint}; known: {', '.join(_KEYS)}")
    changes: dict[str, Any] = {"source": source}
    for key in ("select", "ignore"):
        if key in table:
            changes[key] = check_code_prefixes(_strings(table, key, where), f"{where} {key}")
    for key in ("include", "exclude", "extend-exclude"):
        if key in table:
            changes[key.replace("-", "_")] = _strings(table, key, where)
    if "fail-on" in table:
        changes["fail_on"] = _choice(table, "fail-on", FAIL_ON, where)
    if "format" in table:
        changes["format"] = _choice(table, "format", REPORT_FORMATS, where)
    if "policy" in table:
        if not isinstance(table["policy"], str):
            raise ConfigError(f"{where}: policy must be a string")
        changes["policy"] = table["policy"]
    if "force-exclude" in table:
        if not isinstance(table["force-exclude"], bool):
            raise ConfigError(f"{where}: force-exclude must be true or false")
        changes["force_exclude"] = table["force-exclude"]
    for key in (
        "max-field-size",
        "max-line-size",
        "max-json-depth",
        "max-columns",
        "max-figures",
        "max-pair-findings",
    ):
        if key in table:
            value = table[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{where}: {key} must be a positive whole number")
            changes[key.replace("-", "_")] = value
    return Settings(**changes)


def load_settings(path: str | Path | None = None) -> Settings:
    """Read the settings from ``path``, or from ``pyproject.toml`` in the current directory.

    No file (when ``path`` is not given), or a file without ``[tool.eventcode]``, gives the
    defaults. Raise :class:`ConfigError` when the file named cannot be read, is not TOML, or
    holds keys or values eventcode does not accept.
    """
    file = Path(CONFIG_FILE) if path is None else Path(path)
    if path is None and not file.is_file():
        return Settings()
    name = os.fspath(file)
    try:
        with open(file, "rb") as handle:
            document = tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"cannot read {name}: {error.strerror or error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{name} is not valid TOML: {error}") from error
    tool = document.get("tool")
    table = tool.get("eventcode") if isinstance(tool, dict) else None
    if table is None:
        return Settings(source=None)
    if not isinstance(table, dict):
        raise ConfigError(f"{name}: [tool.eventcode] must be a table")
    return settings_from_table(table, name)
