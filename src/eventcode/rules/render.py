"""Rendering derived counts: plain text for people, JSON for machines (``eventcode derive``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from eventcode.escaping import log_line
from eventcode.rules.derive import EventDerivation
from eventcode.rules.policy import PolicyLike
from eventcode.rules.policy import policy as named_policy

__all__ = ["DERIVE_FORMAT_VERSION", "derivations_to_dict", "render_derivations"]

#: The version of the ``eventcode derive --format json`` layout.
DERIVE_FORMAT_VERSION = "1"


def _printable(text: str) -> str:
    """Escape control characters and CI commands, so ids and phrases cannot forge a line."""
    return log_line(text)


def derivations_to_dict(
    results: Sequence[EventDerivation], policy: PolicyLike
) -> dict[str, Any]:
    """Return the JSON document of ``eventcode derive``: version, policy and events."""
    return {
        "derive_version": DERIVE_FORMAT_VERSION,
        "policy": named_policy(policy).to_dict(),
        "events": [r.to_dict() for r in results],
    }


def _event_text(result: EventDerivation) -> list[str]:
    lines = [f"{result.event} (policy {result.policy})"]
    named = [
        (f"ACLED fatalities (policy {result.policy})", result.acled_fatalities),
        (f"UCDP best (policy {result.policy})", result.ucdp.best),
        (f"UCDP low (policy {result.policy})", result.ucdp.low),
        (f"UCDP high (policy {result.policy})", result.ucdp.high),
    ]
    for label, derived in named:
        why = derived.explanation
        lines.append(f"  {label}: {derived.value}  [{', '.join(why.figures) or 'no figure'}]")
        lines.extend(f"    {g.group}: {g.reason}" for g in why.groups)
        lines.append(f"    {why.reason}")
    lines.extend(f"  left out {x.figure}: {x.reason}" for x in result.left_out)
    return lines


def render_derivations(
    results: Sequence[EventDerivation], policy: PolicyLike, format: str
) -> str:
    """Render derived counts as ``text`` (one block per event) or ``json``."""
    if format == "json":
        return json.dumps(derivations_to_dict(results, policy), indent=2, ensure_ascii=False) + "\n"
    if format != "text":
        raise ValueError(f"unknown format {format!r}; use text or json")
    lines = [_printable(line) for r in results for line in _event_text(r)]
    return "".join(f"{line}\n" for line in lines)
