"""Named policies: the rules that turn stated counts into numbers, loaded from data.

Every policy is defined in ``data/policies.toml``; :func:`policy` returns one by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import attrs
from attrs import field, frozen

from eventcode._data import data_json
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


@frozen(kw_only=True, cache_hash=True)  # a key of several caches: hashed once, not per event
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
    when best is chosen (they still count for low and high); ``cross_claimant_revisions`` says
    whether a figure "revised" by another claimant's later figure gives way to it
    (``supersede``) or stays a standing account (``stand``); ``vague_quantities`` names the
    quantities besides death counts that the vague-term table and the "up to N" fallback apply
    to (none in the shipped policies: "thousands" of protesters is no number).
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
    cross_claimant_revisions: str = "supersede"
    vague_quantities: tuple[str, ...] = field(default=(), converter=_names)

    def __attrs_post_init__(self) -> None:
        if self.cross_claimant_revisions not in ("supersede", "stand"):
            raise ValueError(
                f"policy {self.name}: cross_claimant_revisions must be 'supersede' or 'stand'"
            )
        if self.divergence_ratio < 1:
            raise ValueError(f"policy {self.name}: divergence_ratio must be at least 1")
        if not 0 <= self.approximate_tolerance < 1:
            raise ValueError(f"policy {self.name}: approximate_tolerance must be in [0, 1)")
        fallback = self.upper_bound_fallback
        if fallback is not None and self.vague_value(fallback) is None:
            raise ValueError(
                f"policy {self.name}: upper_bound_fallback {fallback!r} is not a term of its table"
            )

    def for_quantity(self, quantity: str | None) -> Policy:
        """Return the policy as it reads counts of ``quantity``.

        The vague-term table and the "up to N" fallback apply to death counts and to the
        policy's ``vague_quantities``; for any other quantity ("thousands" of protesters) the
        returned policy has neither. ``None`` (quantity unknown) returns the policy itself.
        """
        if quantity is None or quantity in self.vague_quantities or quantity in death_quantities():
            return self
        return _without_table(self)

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
            "cross_claimant_revisions": self.cross_claimant_revisions,
            "vague_quantities": list(self.vague_quantities),
        }


@cache
def death_quantities() -> frozenset[str]:
    """Return the quantities that count dead people (``deaths: true`` in quantities.json)."""
    table: dict[str, dict[str, Any]] = data_json("quantities.json")["quantities"]
    return frozenset(name for name, entry in table.items() if entry.get("deaths") is True)


@cache
def _without_table(policy: Policy) -> Policy:
    return attrs.evolve(
        policy,
        vague_table=f"{policy.vague_table} table, which is for death counts only; no",
        vague_terms=(),
        upper_bound_fallback=None,
    )


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
        "cross_claimant_revisions",
        "vague_quantities",
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


#: A policy as every function of the rules takes it: a name, a Policy, or None (the default).
PolicyLike = Policy | str | None


def policy(name: PolicyLike = None) -> Policy:
    """Return the policy called ``name`` (the default policy for ``None``; a Policy as is).

    Raises :class:`UnknownPolicyError` (a ``ValueError``) for a name no policy has.
    """
    if isinstance(name, Policy):
        return name
    found = _policies().get(DEFAULT_POLICY if name is None else name)
    if found is None:
        raise UnknownPolicyError(str(name), policy_names())
    return found
