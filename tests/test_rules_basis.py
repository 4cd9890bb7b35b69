"""Basis inference: the basis expected from who speaks about whom."""

from __future__ import annotations

from eventcode.checks.records import known_quantities
from eventcode.model import Basis, Claimant, ClaimantKind, Count, VictimCategory
from eventcode.rules import ExpectedBasis, Stake, expected_basis, stake_of
from eventcode.rules._data import rules_toml
from eventcode.rules.derive import death_quantities
from tests.test_rules_makiivka import CLAIMANTS, figure, makiivka, makiivka_event

A_MOD, B_MOD, NGO = CLAIMANTS


def test_every_makiivka_figure_has_the_expected_basis() -> None:
    dataset = makiivka()
    claimants = {c.id: c for c in dataset.claimants}
    seen: dict[str, ExpectedBasis | None] = {}
    for fig in makiivka_event().figures:
        expected = expected_basis(fig, claimants[fig.claimant], dataset.actors)
        seen[fig.id] = expected
        if expected is not None:
            assert expected.fits(fig.basis), (fig.id, expected.reason)
    admitted = seen["rus-killed-63"]
    assert admitted is not None
    assert admitted.basis is Basis.REPORTED
    assert "own losses" in admitted.reason
    claimed = seen["ukr-killed-400"]
    assert claimed is not None
    assert claimed.basis is Basis.CLAIMED
    conceded = seen["rus-munitions-struck-4"]
    assert conceded is not None
    assert conceded.basis is Basis.REPORTED
    intercepted = seen["rus-munitions-intercepted-2"]
    assert intercepted is not None
    assert intercepted.basis is Basis.CLAIMED


def test_own_losses_reported_adversary_losses_claimed() -> None:
    killed = figure("k", Count.exact(5, "5"), actor="side-b")
    own = expected_basis(killed, B_MOD)
    assert own is not None
    assert own.allowed == {Basis.REPORTED}
    other = expected_basis(killed, A_MOD)
    assert other is not None
    assert other.allowed == {Basis.CLAIMED}
    assert not other.fits(Basis.REPORTED)


def test_successes_are_the_reverse() -> None:
    struck = figure("s", Count.exact(4, "4"), quantity="munitions_struck", actor="side-a")
    own = expected_basis(struck, A_MOD)
    assert own is not None
    assert own.basis is Basis.CLAIMED
    conceded = expected_basis(struck, B_MOD)
    assert conceded is not None
    assert conceded.basis is Basis.REPORTED


def test_a_party_with_no_side_reports_or_estimates() -> None:
    killed = figure("k", Count.exact(5, "5"), actor="side-b")
    expected = expected_basis(killed, NGO)
    assert expected is not None
    assert expected.allowed == {Basis.REPORTED, Basis.ESTIMATED}
    assert expected.basis is None
    assert not expected.fits(Basis.CLAIMED)
    assert expected.to_dict()["allowed"] == ["estimated", "reported"]


def test_no_expectation_without_a_subject_actor_or_a_stake() -> None:
    civilians = figure("c", Count.exact(5, "5"), actor=None, category=VictimCategory.CIVILIANS)
    assert expected_basis(civilians, A_MOD) is None
    launched = figure("l", Count.exact(6, "6"), quantity="munitions_launched", actor="side-a")
    assert expected_basis(launched, B_MOD) is None
    custom = figure("x", Count.exact(6, "6"), quantity="goats_seized", actor="side-a")
    assert expected_basis(custom, B_MOD) is None


def test_actor_names_appear_in_the_reason_when_given() -> None:
    from eventcode.model import Actor

    killed = figure("k", Count.exact(5, "5"), actor="side-b")
    actors = [Actor(id="side-b", name="Forces of B")]
    expected = expected_basis(killed, A_MOD, {"side-b": actors[0]})
    assert expected is not None
    assert "Forces of B" in expected.reason
    assert expected == expected_basis(killed, A_MOD, actors)


def test_stakes_name_only_known_quantities() -> None:
    assert stake_of("killed") is Stake.LOSS
    assert stake_of("munitions_intercepted") is Stake.LOSS
    assert stake_of("munitions_struck") is Stake.SUCCESS
    assert stake_of("crowd_size") is Stake.SIZE
    assert stake_of("munitions_launched") is None
    for quantity in death_quantities():
        assert stake_of(quantity) is Stake.LOSS


def test_stake_table_names_only_vocabulary_quantities() -> None:
    table = rules_toml("stakes.toml")
    listed = [q for kind in Stake for q in table[kind.value]["quantities"]]
    assert len(listed) == len(set(listed))  # no quantity is both a loss and a success
    assert set(listed) <= known_quantities()


def test_expectation_is_pure() -> None:
    killed = figure("k", Count.exact(5, "5"), actor="side-b")
    claimant = Claimant(id="x", name="X", kind=ClaimantKind.OTHER, speaks_for="side-a")
    assert expected_basis(killed, claimant) == expected_basis(killed, claimant)
