"""Comparing figures: agree, diverge, contradict (and incomparable), symmetric."""

from __future__ import annotations

from hypothesis import given

from eventcode.model import Count
from eventcode.rules import ComparisonKind, compare, overlaps, policy
from eventcode.strategies import counts
from tests.test_rules_makiivka import figure, makiivka_event

DEFAULT = policy("eventcode")


def test_makiivka_63_and_400_diverge_under_every_policy() -> None:
    figures = {f.id: f for f in makiivka_event().figures}
    for name in ("eventcode", "acled", "ucdp", "ucdp-claims"):
        result = compare(figures["rus-killed-63"], figures["ukr-killed-400"], policy(name))
        assert result.kind is ComparisonKind.DIVERGE
        assert result.first_interval == (63, None)
        assert result.second_interval == (400, 400)
        assert result.ratio is not None
        assert abs(result.ratio - 400 / 63) < 1e-9
        assert "rus-killed-63" in result.reason
        assert "ukr-killed-400" in result.reason
        assert result.to_dict()["kind"] == "diverge"


def test_disjoint_intervals_contradict() -> None:
    a = figure("a", Count.exact(63, "63"))
    b = figure("b", Count.between(100, 120, "100-120"))
    result = compare(a, b, DEFAULT)
    assert result.kind is ComparisonKind.CONTRADICT
    up_to = figure("c", Count.up_to(10, "up to 10"))
    assert compare(up_to, figure("d", Count.at_least(11, "more than 10")), DEFAULT).kind is (
        ComparisonKind.CONTRADICT
    )


def test_close_figures_agree_and_the_ratio_is_the_policys() -> None:
    a = figure("a", Count.exact(63, "63"))
    b = figure("b", Count.at_least(89, "at least 89"))
    assert compare(a, b, DEFAULT).kind is ComparisonKind.CONTRADICT  # 63 is not at least 89
    c = figure("c", Count.at_least(60, "at least 60"))
    result = compare(a, c, DEFAULT)
    assert result.kind is ComparisonKind.AGREE
    far = figure("f", Count.at_least(20, "at least 20"))
    assert compare(a, far, DEFAULT).kind is ComparisonKind.DIVERGE  # 63 / 20 > 2


def test_approximate_tolerance_makes_near_figures_overlap() -> None:
    about = figure("a", Count.about(300, "about 300"))
    assert compare(about, figure("b", Count.exact(280, "280")), DEFAULT).kind is (
        ComparisonKind.AGREE
    )
    assert compare(about, figure("c", Count.exact(250, "250")), DEFAULT).kind is (
        ComparisonKind.CONTRADICT
    )


def test_zero_against_more_diverges_without_a_ratio() -> None:
    zero = figure("z", Count.at_least(0, "at least 0"))
    result = compare(zero, figure("b", Count.exact(5, "5")), DEFAULT)
    assert result.kind is ComparisonKind.DIVERGE
    assert result.ratio is None


def test_unknown_is_incomparable() -> None:
    unknown = figure("u", Count.unknown("no definitive information"))
    result = compare(unknown, figure("b", Count.exact(5, "5")), DEFAULT)
    assert result.kind is ComparisonKind.INCOMPARABLE
    assert "u gives no number" in result.reason


def test_overlaps() -> None:
    assert overlaps((1, None), (5, 5))
    assert overlaps((1, 4), (4, 9))
    assert not overlaps((1, 3), (4, None))


@given(counts(max_value=500), counts(max_value=500))
def test_comparison_is_symmetric(x: Count, y: Count) -> None:
    a, b = figure("a", x), figure("b", y)
    for name in ("eventcode", "acled"):
        ab, ba = compare(a, b, policy(name)), compare(b, a, policy(name))
        assert ab.kind is ba.kind
        assert ab.ratio == ba.ratio
        assert (ab.first_interval, ab.second_interval) == (ba.second_interval, ba.first_interval)
        assert (ab.first_point, ab.second_point) == (ba.second_point, ba.first_point)
