"""Named policies: loading, the vague-term tables, settings and unknown names."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from eventcode.rules import (
    DEFAULT_POLICY,
    Policy,
    UnknownPolicyError,
    normalize_term,
    policy,
    policy_names,
)

ACLED_TABLE = {
    "several": 3,
    "many": 3,
    "few": 3,
    "fatalities": 3,
    "tens": 10,
    "dozens": 12,
    "hundreds": 100,
}


def _raw() -> dict[str, object]:
    text = resources.files("eventcode.rules").joinpath("data", "policies.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_at_least_the_required_policies_exist() -> None:
    names = policy_names()
    assert {"acled", "ucdp", "ucdp-claims", "eventcode"} <= set(names)
    assert list(names) == sorted(names)
    assert DEFAULT_POLICY in names


@pytest.mark.parametrize("name", policy_names())
def test_every_policy_loads_and_is_frozen(name: str) -> None:
    found = policy(name)
    assert isinstance(found, Policy)
    assert found.name == name
    assert found.description.strip()
    assert found.divergence_ratio >= 1
    assert found.is_unnumbered("casualties")
    with pytest.raises(AttributeError):
        found.divergence_ratio = 5.0  # type: ignore[misc]
    assert policy(name) is found  # loaded once
    assert found.to_dict()["name"] == name


def test_every_policy_in_the_file_is_offered() -> None:
    policies = _raw()["policies"]
    assert isinstance(policies, dict)
    assert set(policy_names()) == set(policies)


def test_none_gives_the_default_and_a_policy_passes_through() -> None:
    assert policy(None).name == DEFAULT_POLICY
    acled = policy("acled")
    assert policy(acled) is acled


def test_unknown_policy_names_the_known_ones() -> None:
    with pytest.raises(UnknownPolicyError) as caught:
        policy("gdelt")
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert "'gdelt'" in message
    for name in policy_names():
        assert name in message


def test_acled_table_is_acleds_at_small_scale() -> None:
    acled = policy("acled")
    assert dict(acled.vague_terms) == ACLED_TABLE
    assert acled.vague_value("Several") == 3
    assert acled.vague_value("  DOZENS ") == 12
    assert acled.vague_value("heavy losses") is None
    assert acled.vague_value("casualties") is None


def test_large_scale_changes_only_the_scale_terms() -> None:
    small, large = dict(policy("acled").vague_terms), dict(policy("acled-large-scale").vague_terms)
    changed = {t for t in small if small[t] != large[t]}
    assert changed == {"several", "many", "few", "fatalities"}
    assert all(large[t] == 10 for t in changed)


def test_ucdp_switch() -> None:
    assert policy("ucdp").admit_adversary_claims is False
    assert policy("ucdp-claims").admit_adversary_claims is True
    assert policy("eventcode").admit_adversary_claims is False


def test_extends_inherits_and_overrides() -> None:
    ucdp, claims = policy("ucdp"), policy("ucdp-claims")
    assert claims.vague_terms == ucdp.vague_terms
    assert claims.divergence_ratio == ucdp.divergence_ratio
    assert claims.description != ucdp.description


def test_only_acled_falls_back_for_up_to() -> None:
    assert policy("acled").upper_bound_fallback == "several"
    assert policy("ucdp").upper_bound_fallback is None
    assert policy("eventcode").upper_bound_fallback is None


def test_invalid_settings_are_refused() -> None:
    base = {"name": "x", "description": "d", "vague_table": "t", "vague_terms": {"few": 3}}
    with pytest.raises(ValueError, match="divergence_ratio"):
        Policy(**base, divergence_ratio=0.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="approximate_tolerance"):
        Policy(**base, approximate_tolerance=1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="upper_bound_fallback"):
        Policy(**base, upper_bound_fallback="dozens")  # type: ignore[arg-type]


def test_normalize_term() -> None:
    assert normalize_term("  Heavy\tLOSSES ") == "heavy losses"


def test_the_docs_describe_every_policy_and_the_table() -> None:
    from tests.helpers import ROOT

    text = (ROOT / "docs" / "coding-rules.md").read_text(encoding="utf-8")
    for name in policy_names():
        assert f"`{name}`" in text
    for term, number in ACLED_TABLE.items():
        large = policy("acled-large-scale").vague_value(term)
        assert f"| {number} | {large} |" in text.split(f"| {term}", 1)[1].splitlines()[0]
