"""Coding rules: named policies, values as numbers, basis inference and derived counts.

- :func:`policy` / :func:`policy_names`: the named policies of ``data/policies.toml``;
- :func:`read_count` / :func:`interval`: what a stated count stands for under a policy;
- :func:`compare`: whether two figures agree, diverge or contradict;
- :func:`expected_basis`: the basis expected from who speaks about whom
  (:mod:`eventcode.rules.speakers` holds the facts it reads: sides, countries, authorities);
- :func:`account_groups`: competing accounts of the same dead, merged into one victim group;
- :func:`revisions`: revision chains, loops and the figures they replace;
- :func:`attributed_actor`: who an export names where claimants dispute the perpetrator;
- :func:`crowd_tag` / :func:`read_crowd_tag`: ACLED's ``crowd size=`` tag, derived and read;
- :func:`acled_fatalities`, :func:`ucdp_estimates`, :func:`derive`: derived counts, explained.

docs/coding-rules.md states every rule with the Makiivka example.
"""

from eventcode.rules.accounts import Accounts, account_groups
from eventcode.rules.attribution import AttributedActor, attributed_actor
from eventcode.rules.basis import ExpectedBasis, Stake, expected_basis, stake_of
from eventcode.rules.compare import Comparison, ComparisonKind, compare, overlaps
from eventcode.rules.crowds import CrowdTag, crowd_tag, read_crowd_tag
from eventcode.rules.derive import (
    EventDerivation,
    UcdpEstimates,
    acled_fatalities,
    death_figures,
    death_quantities,
    derive,
    derive_event,
    is_adversary_claim,
    ucdp_estimates,
)
from eventcode.rules.explain import Derived, Explanation, GroupValue, LeftOut
from eventcode.rules.groups import Group, group_of
from eventcode.rules.policy import (
    DEFAULT_POLICY,
    Policy,
    UnknownPolicyError,
    normalize_term,
    policy,
    policy_names,
)
from eventcode.rules.render import derivations_to_dict, render_derivations
from eventcode.rules.revisions import Chain, Revisions, revisions
from eventcode.rules.values import Reading, interval, read_count

__all__ = [
    "DEFAULT_POLICY",
    "Accounts",
    "AttributedActor",
    "Chain",
    "Comparison",
    "ComparisonKind",
    "CrowdTag",
    "Derived",
    "EventDerivation",
    "ExpectedBasis",
    "Explanation",
    "Group",
    "GroupValue",
    "LeftOut",
    "Policy",
    "Reading",
    "Revisions",
    "Stake",
    "UcdpEstimates",
    "UnknownPolicyError",
    "account_groups",
    "acled_fatalities",
    "attributed_actor",
    "compare",
    "crowd_tag",
    "death_figures",
    "death_quantities",
    "derivations_to_dict",
    "derive",
    "derive_event",
    "expected_basis",
    "group_of",
    "interval",
    "is_adversary_claim",
    "normalize_term",
    "overlaps",
    "policy",
    "policy_names",
    "read_count",
    "read_crowd_tag",
    "render_derivations",
    "revisions",
    "stake_of",
    "ucdp_estimates",
]
