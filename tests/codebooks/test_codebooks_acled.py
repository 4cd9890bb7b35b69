"""ACLED taxonomy, actor types, interactions, enumerations, regions and countries."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcode.codebooks import (
    UnknownCodeError,
    acled_actor_type,
    acled_actor_types,
    acled_civilian_targeting_values,
    acled_countries,
    acled_country,
    acled_country_by_alpha3,
    acled_country_by_iso,
    acled_disorder_types,
    acled_disorder_types_for,
    acled_event_type,
    acled_event_types,
    acled_geo_precision,
    acled_interaction,
    acled_region,
    acled_regions,
    acled_source_scale_parts,
    acled_sub_event_type,
    acled_sub_event_types,
    acled_time_precision,
    acled_valid_interactions,
    is_acled_civilian_targeting,
    is_acled_disorder_type,
    is_acled_source_scale,
    parse_acled_interaction,
)

# The valid numeric interactions as ACLED lists them.
LISTED = (
    set(range(10, 19))
    | {20}
    | set(range(22, 29))
    | {30}
    | set(range(33, 39))
    | {40}
    | set(range(44, 49))
    | {50}
    | set(range(55, 59))
    | {60}
    | set(range(66, 69))
    | {70, 77, 78, 80, 88}
)
CODES = st.integers(min_value=1, max_value=8)


def test_taxonomy_shape():
    assert len(acled_event_types()) == 6
    assert len(acled_sub_event_types()) == 25
    assert sum(len(acled_sub_event_types(e)) for e in acled_event_types()) == 25
    for event in acled_event_types():
        for sub in acled_sub_event_types(event):
            assert acled_sub_event_type(sub).event_type == event


def test_disorder_types():
    assert set(acled_disorder_types()) == {
        "Political violence",
        "Demonstrations",
        "Strategic developments",
        "Political violence; Demonstrations",
    }
    sub = acled_sub_event_type("Excessive force against protesters")
    assert sub.disorder_type == "Political violence; Demonstrations"
    assert sub.disorder_types == ("Political violence", "Demonstrations")
    assert acled_disorder_types_for("Shelling/artillery/missile attack") == ("Political violence",)
    assert set(acled_disorder_types_for("Protests")) == {
        "Political violence; Demonstrations",
        "Demonstrations",
    }
    assert set(acled_disorder_types_for("Riots")) == {"Demonstrations", "Political violence"}
    assert acled_event_type("Battles").disorder_types == ("Political violence",)
    for sub_name in acled_sub_event_types():
        for value in acled_disorder_types_for(sub_name):
            assert is_acled_disorder_type(value)
    with pytest.raises(UnknownCodeError):
        acled_disorder_types_for("Battle")


def test_sub_event_lookup_suggests():
    with pytest.raises(UnknownCodeError) as info:
        acled_sub_event_type("Shelling/artillery/missle attack")
    assert "Shelling/artillery/missile attack" in info.value.suggestions
    with pytest.raises(UnknownCodeError) as info:
        acled_sub_event_type("Excessive force against protestors")  # codebook's old spelling
    assert info.value.suggestions[0] == "Excessive force against protesters"


def test_actor_types_by_code_text_and_label():
    assert [t.code for t in acled_actor_types()] == list(range(1, 9))
    assert acled_actor_type(8).label == "External/Other forces"
    assert acled_actor_type("8") == acled_actor_type(8)
    assert acled_actor_type("Civilians").code == 7
    for bad in (0, 9, "State force", True):
        with pytest.raises(UnknownCodeError):
            acled_actor_type(bad)


def test_interaction_rule_against_table():
    for a, b in itertools.combinations_with_replacement(range(1, 9), 2):
        inter = acled_interaction(a, b)
        assert inter.code == 10 * a + b
        la, lb = acled_actor_type(a).label, acled_actor_type(b).label
        expected = f"{lb}-{la}" if (a, b) == (7, 8) else f"{la}-{lb}"
        assert inter.label == expected
    for a in range(1, 9):
        assert acled_interaction(a).code == 10 * a
        assert acled_interaction(a, 0).code == 10 * a
        assert acled_interaction(a).label == f"{acled_actor_type(a).label} only"
    assert acled_interaction(7, 8).label == "External/Other forces-Civilians"
    assert acled_valid_interactions() == frozenset(LISTED)
    assert len(LISTED) == 44


@given(CODES, CODES)
def test_interaction_order_independent_and_valid(a, b):
    ab, ba = acled_interaction(a, b), acled_interaction(b, a)
    assert ab == ba
    assert ab.code in acled_valid_interactions()
    assert ab.actor_types == tuple(sorted((a, b)))
    # Labels work as inputs too
    assert acled_interaction(acled_actor_type(a).label, acled_actor_type(b).label) == ab


@given(st.sampled_from(sorted(LISTED)))
def test_parse_interaction_numeric_and_text_round_trip(code):
    inter = parse_acled_interaction(code)
    assert inter.code == code
    assert parse_acled_interaction(str(code)) == inter
    assert parse_acled_interaction(inter.label) == inter


@given(st.integers(min_value=-5, max_value=120))
def test_parse_interaction_rejects_invalid_numbers(code):
    if code in LISTED:
        assert parse_acled_interaction(code).code == code
    else:
        with pytest.raises(UnknownCodeError):
            parse_acled_interaction(code)


def test_parse_interaction_text_forms():
    assert parse_acled_interaction("State forces-Civilians").code == 17
    assert parse_acled_interaction("Protesters only").code == 60
    with pytest.raises(UnknownCodeError) as info:
        parse_acled_interaction("Civilians-External/Other forces")  # not ACLED's spelling
    assert "External/Other forces-Civilians" in info.value.suggestions


def test_precision():
    for code in (1, 2, 3):
        assert acled_time_precision(code).code == code
        assert acled_geo_precision(str(code)).field == "geo_precision"
    for bad in (0, 4, "x"):
        with pytest.raises(UnknownCodeError):
            acled_time_precision(bad)


@pytest.mark.parametrize(
    "value",
    [
        "Local",
        "National",
        "New media",
        "National-International",
        "Local partner-Other",
        "Subnational-National",
        "Other-New media",
    ],
)
def test_source_scale_valid(value):
    assert is_acled_source_scale(value)
    assert "-".join(acled_source_scale_parts(value)) == value


@pytest.mark.parametrize(
    "value",
    [
        "",
        "national",
        "National-National",
        "National-International-Regional",
        "Global",
        "National - International",
        "National-",
    ],
)
def test_source_scale_invalid(value):
    assert not is_acled_source_scale(value)
    with pytest.raises(UnknownCodeError):
        acled_source_scale_parts(value)


def test_civilian_targeting_values():
    assert acled_civilian_targeting_values() == ("Civilian targeting", "")
    assert is_acled_civilian_targeting("")
    assert not is_acled_civilian_targeting("Civilians targeted")


def test_regions():
    regions = acled_regions()
    assert len(regions) == 17
    assert acled_region("Europe").code == 12
    assert acled_region(13).name == "Caucasus and Central Asia"
    assert acled_region("20").name == "Antarctica"
    with pytest.raises(UnknownCodeError) as info:
        acled_region("Eastern Europe")
    assert "Europe" in info.value.suggestions


def test_countries():
    countries = acled_countries()
    region_names = {r.name for r in acled_regions()}
    assert all(c.region in region_names for c in countries)
    assert len({c.name for c in countries}) == len(countries)
    russia = acled_country("Russia")
    assert (russia.iso, russia.alpha3) == (643, "RUS")
    assert acled_country_by_iso(804).name == "Ukraine"
    assert acled_country_by_iso("004").name == "Afghanistan"
    assert acled_country_by_alpha3("ukr").region == "Europe"
    assert acled_country("Ukraine").region_verified
    kosovo = acled_country("Kosovo")
    assert kosovo.iso is None
    assert kosovo.alpha3 is None
    assert "unverified" in kosovo.note
    with pytest.raises(UnknownCodeError) as info:
        acled_country("Russian Federation")
    assert info.value.suggestions[0] == "Russia"
    with pytest.raises(UnknownCodeError):
        acled_country_by_iso(0)
