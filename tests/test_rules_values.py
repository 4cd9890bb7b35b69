"""Values as numbers: each CountKind read under a policy, and the intervals compared."""

from __future__ import annotations

import pytest
from hypothesis import given

from eventcode.model import Count, CountKind
from eventcode.rules import interval, policy, read_count
from eventcode.strategies import counts

DEFAULT = policy("eventcode")
ACLED = policy("acled")


def test_exact_is_itself() -> None:
    r = read_count(Count.exact(400, "400 dead"), DEFAULT)
    assert (r.minimum, r.maximum, r.point) == (400, 400, 400)
    assert interval(Count.exact(400, "400 dead"), DEFAULT) == (400, 400)


def test_range_low_for_minimum_high_for_maximum() -> None:
    count = Count.between(4, 6, "4-6 killed")
    r = read_count(count, DEFAULT)
    assert (r.minimum, r.maximum, r.point) == (4, 6, 4)
    assert interval(count, DEFAULT) == (4, 6)


def test_lower_bound_has_no_maximum() -> None:
    count = Count.at_least(63, "at least 63")
    r = read_count(count, DEFAULT)
    assert (r.minimum, r.maximum, r.point) == (63, None, 63)
    assert r.upper == 63
    assert interval(count, DEFAULT) == (63, None)


def test_up_to_alone_gives_no_minimum_without_fallback() -> None:
    count = Count.up_to(10, "up to 10")
    r = read_count(count, DEFAULT)
    assert (r.minimum, r.maximum, r.point) == (None, 10, None)
    assert not r.from_table
    assert interval(count, DEFAULT) == (0, 10)


def test_up_to_falls_back_to_the_table_capped_and_says_so() -> None:
    r = read_count(Count.up_to(10, "up to 10"), ACLED)
    assert (r.minimum, r.maximum, r.point) == (3, 10, 3)
    assert r.from_table
    assert "falls back" in r.how
    assert "several" in r.how
    capped = read_count(Count.up_to(2, "up to two"), ACLED)
    assert (capped.minimum, capped.maximum) == (2, 2)
    large = read_count(Count.up_to(50, "up to 50"), policy("acled-large-scale"))
    assert large.minimum == 10
    # The fallback is a reading, not something said: the interval still starts at 0.
    assert interval(Count.up_to(10, "up to 10"), ACLED) == (0, 10)


def test_approximate_is_its_number_with_a_tolerance_for_intervals() -> None:
    count = Count.about(300, "about 300")
    r = read_count(count, DEFAULT)
    assert (r.minimum, r.maximum, r.point) == (300, 300, 300)
    assert interval(count, DEFAULT) == (270, 330)


@pytest.mark.parametrize(
    ("term", "number"),
    [
        ("several", 3),
        ("many", 3),
        ("few", 3),
        ("fatalities", 3),
        ("tens", 10),
        ("dozens", 12),
        ("hundreds", 100),
        ("Dozens", 12),
    ],
)
def test_vague_terms_by_the_table(term: str, number: int) -> None:
    count = Count.vague(term, f"{term} killed")
    r = read_count(count, DEFAULT)
    assert (r.minimum, r.maximum, r.point) == (number, None, number)
    assert r.from_table
    assert interval(count, DEFAULT) == (number, None)


def test_vague_scale_terms_become_ten_at_large_scale() -> None:
    r = read_count(Count.vague("several", "several killed"), policy("acled-large-scale"))
    assert r.minimum == 10


def test_vague_with_its_own_bounds_uses_them() -> None:
    both = Count(kind=CountKind.VAGUE, phrase="dozens, 30 to 40", term="dozens", low=30, high=40)
    r = read_count(both, DEFAULT)
    assert (r.minimum, r.maximum) == (30, 40)
    assert not r.from_table
    capped = Count(kind=CountKind.VAGUE, phrase="dozens, under 20", term="dozens", high=20)
    r = read_count(capped, DEFAULT)
    assert (r.minimum, r.maximum) == (12, 20)
    assert interval(capped, DEFAULT) == (12, 20)


def test_casualties_is_never_a_number_of_dead() -> None:
    count = Count.vague("casualties", "there were casualties")
    for name in ("acled", "ucdp", "eventcode", "acled-large-scale"):
        r = read_count(count, policy(name))
        assert (r.minimum, r.maximum, r.point) == (None, None, None)
        assert interval(count, policy(name)) is None
    bounded = Count(kind=CountKind.VAGUE, phrase="casualties", term="casualties", high=5)
    assert interval(bounded, DEFAULT) is None


def test_a_term_the_table_lacks_gives_nothing() -> None:
    count = Count.vague("heavy losses", "heavy losses")
    r = read_count(count, DEFAULT)
    assert r.minimum is None
    assert r.maximum is None
    assert "heavy losses" in r.how
    assert interval(count, DEFAULT) is None


def test_unknown_gives_nothing() -> None:
    count = Count.unknown("no definitive information")
    r = read_count(count, DEFAULT)
    assert (r.minimum, r.maximum, r.point) == (None, None, None)
    assert interval(count, DEFAULT) is None


@given(counts())
def test_point_lies_in_the_interval_and_minimum_below_maximum(count: Count) -> None:
    for name in ("eventcode", "acled"):
        chosen = policy(name)
        r = read_count(count, chosen)
        span = interval(count, chosen)
        if r.minimum is not None and r.maximum is not None:
            assert r.minimum <= r.maximum
        if r.point is not None:
            assert span is not None
            assert span[0] <= r.point
            assert span[1] is None or r.point <= span[1]
            assert r.upper is not None
            assert r.point <= r.upper
