"""Named policies: the rules that turn stated counts into numbers, loaded from data.

Every policy is defined in ``data/policies.toml``; :func:`policy` returns one by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from attrs import field, frozen

from eventcode.rules._data import rules_toml

__all__ = [
    "DEFAULT_POLICY",
    "Policy",
    "UnknownPolicyError",
    "normalize_term",
    "policy",
    "policy_names",
]

#: The name of the policy used when none is given.
DEFAULT_POLICY = "eventcode"

_FILE = "policies.toml"


class UnknownPolicyError(ValueError):
    """A policy name that ``data/policies.toml`` does not define; the message lists the known."""

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        self.name = name
        self.known = known
        super().__init__(f"unknown policy {name!r}; known policies: {', '.join(known)}")


def normalize_term(term: str) -> str:
    """Return a vague term as tables key it: case-folded, spaces collapsed."""
    return " ".join(term.casefold().split())


def _terms(value: Mapping[str, int] | tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((normalize_term(term), int(n)) for term, n in items))


def _names(value: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(sorted(normalize_term(term) for term in value))


@frozen(kw_only=True)
class Policy:
    """A named rule set for deriving numbers from figures.

    ``vague_terms`` maps a vague term to its number (sorted pairs, see :meth:`vague_value`);
    ``unnumbered_terms`` are terms that never become a number (``casualties``);
    ``upper_bound_fallback`` is the term whose number, capped at N, is the minimum of an
    "up to N" stated alone (``None``: such a count has no minimum); ``approximate_tolerance``
    widens "about N" when intervals are compared; ``divergence_ratio`` is the ratio of two
    overlapping figures' points above which they diverge; ``admit_adversary_claims`` is UCDP's
    switch for counting a belligerent's claims about its adversary as reliable;
    ``interested_authorities`` treats a party-run authority (a health ministry or local authority
    that speaks for a party to the war) as interested: its counts rank after hedged estimates
    when best is chosen (they still count for low and high).
    """

    name: str
    description: str
    vague_table: str
    vague_terms: tuple[tuple[str, int], ...] = field(converter=_terms)
    unnumbered_terms: tuple[str, ...] = field(default=(), converter=_names)
    upper_bound_fallback: str | None = None
    approximate_tolerance: float = 0.1
    divergence_ratio: float = 2.0
    admit_adversary_claims: bool = False
    interested_authorities: bool = False

    def __attrs_post_init__(self) -> None:
        if self.divergence_ratio < 1:
            raise ValueError(f"policy {self.name}: divergence_ratio must be at least 1")
        if not 0 <= self.approximate_tolerance < 1:
            raise ValueError(f"policy {self.name}: approximate_tolerance must be in [0, 1)")
        fallback = self.upper_bound_fallback
        if fallback is not None and self.vague_value(fallback) is None:
            raise ValueError(
                f"policy {self.name}: upper_bound_fallback {fallback!r} is not a term of its table"
            )

    def vague_value(self, term: str) -> int | None:
        """Return the number a vague term stands for, or ``None`` when the table has none."""
        key = normalize_term(term)
        return next((n for t, n in self.vague_terms if t == key), None)

    def is_unnumbered(self, term: str) -> bool:
        """Return True for a term that never becomes a number (``casualties``)."""
        return normalize_term(term) in self.unnumbered_terms

    def to_dict(self) -> dict[str, Any]:
        """Return the policy as a JSON-ready dictionary."""
        return {
            "name": self.name,
            "description": self.description,
            "vague_table": self.vague_table,
            "vague_terms": dict(self.vague_terms),
            "unnumbered_terms": list(self.unnumbered_terms),
            "upper_bound_fallback": self.upper_bound_fallback,
            "approximate_tolerance": self.approximate_tolerance,
            "divergence_ratio": self.divergence_ratio,
            "admit_adversary_claims": self.admit_adversary_claims,
            "interested_authorities": self.interested_authorities,
        }


_KEYS = frozenset(
    {
        "extends",
        "description",
        "vague_table",
        "upper_bound_fallback",
        "approximate_tolerance",
        "divergence_ratio",
        "admit_adversary_claims",
        "interested_authorities",
    }
)


def _settings(name: str, table: Mapping[str, Any], seen: tuple[str, ...]) -> dict[str, Any]:
    """Return a policy's own keys over those of the policies it extends."""
    if name in seen:
        raise ValueError(f"{_FILE}: policies extend each other in a cycle: {' -> '.join(seen)}")
    entry: dict[str, Any] = table[name]
    unknown = set(entry) - _KEYS
    if unknown:
        raise ValueError(f"{_FILE}: policy {name}: unknown keys {sorted(unknown)}")
    parent = entry.get("extends")
    base = {} if parent is None else _settings(parent, table, (*seen, name))
    return base | {k: v for k, v in entry.items() if k != "extends"}


def _build(name: str, data: Mapping[str, Any]) -> Policy:
    settings = _settings(name, data["policies"], ())
    table_name = settings.pop("vague_table")
    table = data["vague_tables"][table_name]
    return Policy(
        name=name,
        vague_table=table_name,
        vague_terms=table["terms"],
        unnumbered_terms=table.get("unnumbered", []),
        **settings,
    )


@cache
def _policies() -> dict[str, Policy]:
    data = rules_toml(_FILE)
    return {name: _build(name, data) for name in sorted(data["policies"])}


def policy_names() -> tuple[str, ...]:
    """Return the names of every defined policy, sorted."""
    return tuple(_policies())


def policy(name: str | Policy | None = None) -> Policy:
    """Return the policy called ``name`` (the default policy for ``None``; a Policy as is).

    Raises :class:`UnknownPolicyError` (a ``ValueError``) for a name no policy has.
    """
    if isinstance(name, Policy):
        return name
    found = _policies().get(DEFAULT_POLICY if name is None else name)
    if found is None:
        raise UnknownPolicyError(str(name), policy_names())
    return found
