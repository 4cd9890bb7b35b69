"""CAMEO event-code table: structure, defects resolved, lookups and errors."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcode.codebooks import (
    QUAD_CLASS_MAPPING,
    UnknownCodeError,
    cameo_children,
    cameo_event,
    cameo_event_codes,
    cameo_parent_chain,
    cameo_quad_class_name,
    is_cameo_event_code,
)

ALL = cameo_event_codes()
MANUAL_ONLY = {"155", "176", "1834", "1951", "1952"}


def test_table_size_and_roots():
    assert len(ALL) == 316
    assert len(set(ALL)) == 316
    roots = [c for c in ALL if len(c) == 2]
    assert roots == [f"{n:02d}" for n in range(1, 21)]


@pytest.mark.parametrize("code", ALL)
def test_every_code_resolves_and_chain_ends_at_root(code):
    event = cameo_event(code)
    assert event.code == code
    chain = cameo_parent_chain(code)
    assert chain[0] is event
    assert chain[-1].code == event.root == code[:2]
    assert chain[-1].parent is None
    assert [len(e.code) for e in chain] == list(range(len(code), 1, -1))
    for child, parent in itertools.pairwise(chain):
        assert child.parent == parent.code == child.code[:-1]
    assert event.level == len(chain)


def test_codes_are_digit_strings_and_no_four_digit_code_ends_in_zero():
    for code in ALL:
        assert isinstance(code, str)
        assert code.isdigit()
        assert 2 <= len(code) <= 4
        if len(code) == 4:
            assert not code.endswith("0"), code


def test_every_root_has_a_catch_all_x0_child():
    for root in (c for c in ALL if len(c) == 2):
        assert f"{root}0" in cameo_children(root)


def _gdelt_quad(root: str) -> int:
    n = int(root)
    if n <= 5:
        return 1
    if n <= 9:
        return 2
    return 3 if n <= 14 else 4


def test_quad_class_and_goldstein_ranges():
    assert QUAD_CLASS_MAPPING == "gdelt"
    for code in ALL:
        event = cameo_event(code)
        assert event.quad_class in {1, 2, 3, 4}
        assert event.quad_class == _gdelt_quad(event.root), code
        assert event.quad_class_name == cameo_quad_class_name(event.quad_class)
        if event.goldstein is not None:
            assert -10.0 <= event.goldstein <= 10.0


def test_quad_class_names():
    names = [cameo_quad_class_name(q) for q in (1, 2, 3, 4)]
    assert names == [
        "Verbal cooperation",
        "Material cooperation",
        "Verbal conflict",
        "Material conflict",
    ]
    with pytest.raises(UnknownCodeError):
        cameo_quad_class_name(5)


def test_goldstein_absent_exactly_where_gdelt_has_none():
    missing = {c for c in ALL if cameo_event(c).goldstein is None}
    assert missing == MANUAL_ONLY | {"106"}


def test_sources_record_version():
    manual_only = {c for c in ALL if not cameo_event(c).in_gdelt}
    assert manual_only == MANUAL_ONLY
    assert all(cameo_event(c).in_manual for c in ALL)
    for code in MANUAL_ONLY:
        assert cameo_event(code).gdelt_label is None
        assert cameo_event(code).sources == ("cameo-1.1b3",)


def test_manual_label_preferred_and_gdelt_kept_as_alias():
    assert cameo_event("106").label == "Demand meeting, negotiation"
    assert cameo_event("106").gdelt_label == "Demand withdrawal"
    assert cameo_event("107").label == "Demand settling of dispute"
    assert cameo_event("108").label == "Demand mediation"
    assert cameo_event("105").gdelt_label == "Demand mediation"
    assert cameo_event("101").label.startswith("Demand material cooperation")
    assert cameo_event("1056").label == "Demand de-escalation of military engagement"
    assert "106" not in cameo_event("1056").label
    assert cameo_event("044").gdelt_label == 'Meet at a "third" location'
    # GDELT typo kept only in the alias
    assert "matyerial" in (cameo_event("033").gdelt_label or "")
    assert "matyerial" not in cameo_event("033").label


def test_leading_zero_codes_stay_strings():
    assert cameo_event("010").label == "Make statement, not specified below"
    assert cameo_event("10").label == "DEMAND"
    assert cameo_event("010") != cameo_event("10")
    assert cameo_event("0211").parent == "021"
    assert [e.code for e in cameo_parent_chain("0211")] == ["0211", "021", "02"]
    assert not is_cameo_event_code(10)  # type: ignore[arg-type]
    with pytest.raises(UnknownCodeError) as info:
        cameo_event(10)  # type: ignore[arg-type]
    assert "strings" in str(info.value)


@pytest.mark.parametrize(
    ("code", "expected"),
    [("1950", "195"), ("13y", "13"), ("0199", "019"), ("1955", "195")],
)
def test_unknown_code_raises_with_suggestions(code, expected):
    with pytest.raises(UnknownCodeError) as info:
        cameo_event(code)
    error = info.value
    assert isinstance(error, LookupError)
    assert error.code == code
    assert error.table == "cameo_event_codes"
    assert expected in error.suggestions
    assert all(is_cameo_event_code(s) for s in error.suggestions)
    assert expected in str(error)


@given(st.text(alphabet="0123456789y", min_size=1, max_size=5))
def test_validity_agrees_with_lookup(code):
    if is_cameo_event_code(code):
        assert cameo_event(code).code == code
    else:
        with pytest.raises(UnknownCodeError):
            cameo_event(code)


def test_lookups_are_cached():
    assert cameo_event("194") is cameo_event("194")
