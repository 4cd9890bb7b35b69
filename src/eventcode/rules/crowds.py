"""Crowd sizes: the ACLED ``crowd size=`` tag, derived from the figures by a named rule.

ACLED tags a demonstration with its crowd size as a source gives it ("crowd size=around 5000")
and prefers the most neutral source. The rule ``most-neutral-source``:

1. the event's standing crowd figures (quantity ``crowd_size``, event scope, not revised;
   complete ones, or partial ones read as "at least N" when no complete one exists) are ranked
   by who states them: a claimant with no side that is not an authority (media, NGO, analyst,
   witness, UN) first; then authorities (police, local authority, government, ministry); last
   the claimants that speak for the crowd itself (its actor, or an associated actor of its side:
   the union that called the march);
2. the best tier present gives the tag: one figure (or figures that agree) as its value reads
   ("crowd size=around 1280000"), figures that disagree as a range of their lowest minimum and
   highest maximum ("crowd size=110000-150000");
3. a demonstration (Protests, Riots) with no crowd figure is tagged "crowd size=no report".

A hand-written tag is checked against the same tier: its number must be able to overlap theirs
(R017). Tags are read by :func:`read_crowd_tag`: a number with ``around``/``about``, ``at
least``/``more than``, ``up to``/``fewer than``, a range ``L-H``, ``thousand``/``million``
multipliers, and the words of ``data/crowd_terms.toml`` ("hundreds", "tens of thousands").
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache

from attrs import frozen

from eventcode.model import Claimant, CountKind, Event, Figure, Scope
from eventcode.rules._data import rules_toml
from eventcode.rules.policy import Policy
from eventcode.rules.revisions import revisions
from eventcode.rules.speakers import is_authority
from eventcode.rules.values import interval, widen

__all__ = [
    "CROWD_QUANTITY",
    "CROWD_TAG_PREFIX",
    "CrowdTag",
    "crowd_figures",
    "crowd_side",
    "crowd_tag",
    "read_crowd_tag",
]

CROWD_QUANTITY = "crowd_size"
CROWD_TAG_PREFIX = "crowd size="
_DEMONSTRATIONS = frozenset({"Protests", "Riots"})
_TIERS = ("a source with no side", "an authority", "the crowd's own organisers")


@frozen(kw_only=True)
class CrowdTag:
    """A derived crowd-size tag: its text, the figures it rests on and the interval they allow.

    ``interval`` is ``None`` for "no report"; its high end ``None`` means no ceiling.
    """

    text: str
    figures: tuple[str, ...]
    tier: str
    interval: tuple[int, int | None] | None


def crowd_side(event: Event, figure: Figure) -> frozenset[str]:
    """Return the actors that speak for the crowd a figure counts.

    Its actor and, when that is one of the event's sides, the side's associated actors (the
    union that called a march).
    """
    actor = figure.subject.actor
    if actor is None:
        return frozenset()
    side = {actor}
    if event.actor1 is not None and event.actor1.actor == actor:
        side.update(a.actor for a in event.assoc_actor1)
    if event.actor2 is not None and event.actor2.actor == actor:
        side.update(a.actor for a in event.assoc_actor2)
    return frozenset(side)


_EVENT = Scope.EVENT  # bound once: an enum member is a slow lookup in Python 3.11


def crowd_figures(event: Event) -> list[Figure]:
    """Return the event's standing, event-scope crowd figures."""
    superseded = revisions(event).superseded
    return [
        f
        for f in event.figures
        if f.quantity == CROWD_QUANTITY and f.scope is _EVENT and f.id not in superseded
    ]


def _tier(figure: Figure, claimants: Mapping[str, Claimant], crowd: frozenset[str]) -> int:
    claimant = claimants.get(figure.claimant)
    if claimant is None:
        return 2
    if claimant.speaks_for is not None and claimant.speaks_for in crowd:
        return 2
    if is_authority(claimant):
        return 1
    return 0 if claimant.speaks_for is None else 2


def _render(figure: Figure) -> str:
    value = figure.value
    low, high = value.low, value.high
    if figure.partial and low is not None:
        return f"at least {low}"
    if value.kind is CountKind.EXACT:
        return str(low)
    if value.kind is CountKind.APPROXIMATE:
        return f"around {low}"
    if value.kind is CountKind.NEARLY:
        return f"nearly {high}"
    if value.kind is CountKind.LOWER_BOUND:
        return f"{'more than' if value.strict else 'at least'} {low}"
    if value.kind is CountKind.UPPER_BOUND:
        return f"{'fewer than' if value.strict else 'up to'} {high}"
    if value.kind is CountKind.RANGE:
        return f"{low}-{high}"
    if value.kind is CountKind.VAGUE and value.term:
        return value.term
    return "no report"


def _union(spans: Sequence[tuple[int, int | None]]) -> tuple[int, int | None]:
    low = min(s[0] for s in spans)
    highs = [s[1] for s in spans]
    return low, None if any(h is None for h in highs) else max(h for h in highs if h is not None)


#: The tag of a demonstration with no crowd figure (immutable: one for every such event).
_NO_REPORT = CrowdTag(text=f"{CROWD_TAG_PREFIX}no report", figures=(), tier="", interval=None)


def crowd_tag(event: Event, claimants: Mapping[str, Claimant], policy: Policy) -> CrowdTag | None:
    """Return the event's derived crowd-size tag under the most-neutral-source rule, or ``None``.

    ``None`` for an event that is not a demonstration and has no crowd figure.
    """
    standing = crowd_figures(event)
    # A partial count (a peak, one square) is a floor: it gives the tag only when no complete
    # figure exists, and then as "at least N".
    complete = [f for f in standing if not f.partial]
    figures = complete or standing
    if not figures:
        demonstration = event.acled is not None and event.acled.event_type in _DEMONSTRATIONS
        if not demonstration:
            return None
        return _NO_REPORT
    tiers = {f.id: _tier(f, claimants, crowd_side(event, f)) for f in figures}
    best = min(tiers.values())
    chosen = [f for f in figures if tiers[f.id] == best]
    spans = [(f, interval(f.value, policy, CROWD_QUANTITY)) for f in chosen]
    numbered = [(f, s) for f, s in spans if s is not None]
    ids = tuple(f.id for f in chosen)
    if len({_render(f) for f in chosen}) == 1:
        span = _union([s for _, s in numbered]) if numbered else None
        return CrowdTag(
            text=CROWD_TAG_PREFIX + _render(chosen[0]),
            figures=ids,
            tier=_TIERS[best],
            interval=span,
        )
    lows = [f.value.low if f.value.low is not None else f.value.high for f in chosen]
    highs = [f.value.high if f.value.high is not None else f.value.low for f in chosen]
    known_lows = [n for n in lows if n is not None]
    known_highs = [n for n in highs if n is not None]
    if not known_lows or not known_highs:
        return CrowdTag(
            text=CROWD_TAG_PREFIX + _render(chosen[0]),
            figures=ids,
            tier=_TIERS[best],
            interval=None,
        )
    text = f"{CROWD_TAG_PREFIX}{min(known_lows)}-{max(known_highs)}"
    span = _union([s for _, s in numbered]) if numbered else None
    return CrowdTag(text=text, figures=ids, tier=_TIERS[best], interval=span)


@cache
def _terms() -> dict[str, tuple[int, int | None]]:
    table = rules_toml("crowd_terms.toml")["terms"]
    return {
        term: (int(bounds[0]), None if len(bounds) < 2 else int(bounds[1]))
        for term, bounds in table.items()
    }


#: The most digits a number of a crowd size holds (ten billion people is no crowd).
_MAX_DIGITS = 11
_NUMBER = r"(\d+(?:[.,]\d+)*)\s*(thousand|million|k|m)?"
_QUALIFIERS = (
    "around|about|approximately|some|nearly|at least|more than|over|up to|fewer than|less than"
)
_SCALE = {"thousand": 1000, "k": 1000, "million": 1_000_000, "m": 1_000_000, None: 1}


def _number(digits: str, scale: str | None) -> int:
    if scale is None:
        return int(digits.replace(",", "").replace(".", ""))
    return math.floor(float(digits.replace(",", "")) * _SCALE[scale])


@lru_cache(maxsize=4096)  # a pure function of two immutable values; tags repeat
def read_crowd_tag(text: str, tolerance: float = 0.1) -> tuple[int, int | None] | None:
    """Return the interval a ``crowd size=`` tag's value allows, or ``None`` if unreadable.

    ``around N`` is widened by ``tolerance``; ``no report`` (and ACLED's ``no size``) gives
    ``(0, None)`` (it says nothing). ACLED's exports also write ``between L and H`` for a range
    and ``... in total`` for a crowd counted over several sites (``hundreds in total``).
    """
    value = text.strip().lower()
    if value.startswith(CROWD_TAG_PREFIX):
        value = value[len(CROWD_TAG_PREFIX) :].strip()
    if value in ("no report", "no size"):
        return (0, None)
    value = value.removesuffix(" in total").strip()
    if between := re.fullmatch(r"between\s+(.+?)\s+and\s+(.+)", value):
        value = f"{between[1]}-{between[2]}"
    if any(sum(map(str.isdigit, n)) > _MAX_DIGITS for n in re.findall(r"\d[\d.,]*", value)):
        return None  # no crowd is so large; the number is garbage (and int() refuses it)
    if value in _terms():
        return _terms()[value]
    found = re.fullmatch(rf"{_NUMBER}\s*-\s*{_NUMBER}", value)
    if found:
        low, high = _number(found[1], found[2] or found[4]), _number(found[3], found[4])
        return (low, high) if low <= high else None  # a range upside down says no crowd
    found = re.fullmatch(rf"({_QUALIFIERS})?\s*{_NUMBER}", value)
    if not found:
        return None
    word, n = found[1], _number(found[2], found[3])
    if word in ("around", "about", "approximately", "some"):
        return widen(n, tolerance)
    if word == "nearly":
        return (widen(n, tolerance)[0], n)
    if word in ("at least", "more than", "over"):
        return (n + (word != "at least"), None)
    if word in ("up to", "fewer than", "less than"):
        return (0, n - (word != "up to"))
    return (n, n)
