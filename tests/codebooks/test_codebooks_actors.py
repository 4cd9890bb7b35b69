"""CAMEO actor-code parsing."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcode.codebooks import (
    ACTOR_TABLES,
    UnknownCodeError,
    cameo_actor_table,
    parse_cameo_actor,
)

COUNTRIES = [e.code for e in cameo_actor_table("country")]
ROLES = [e.code for e in cameo_actor_table("role")]


def test_tables_loaded_and_defects_resolved():
    sizes = {t: len(cameo_actor_table(t)) for t in ACTOR_TABLES}
    assert sizes == {"country": 261, "role": 39, "known_group": 115, "religion": 31, "ethnic": 639}
    assert ROLES.count("UIS") == 1
    by_code = {e.code: e for e in cameo_actor_table("country")}
    assert by_code["COL"].meaning == "Colombia"
    assert by_code["REU"].meaning == "Réunion"
    assert by_code["AFR"].kind == "region"
    assert by_code["GZS"].kind == "place"
    assert by_code["UKR"].kind == "country"


@pytest.mark.parametrize(
    ("code", "meanings", "tables"),
    [
        ("RUSGOVMIL", ["Russia", "Government", "Military"], ["country", "role", "role"]),
        ("UKRGOV", ["Ukraine", "Government"], ["country", "role"]),
        ("RUSMED", ["Russia", "Media"], ["country", "role"]),
        (
            "IGOUNOREFHCR",
            [
                "Inter-Governmental Organization",
                "United Nations",
                "Refugees",
                "UN High Commission for Refugees",
            ],
            ["role", "role", "role", "known_group"],
        ),
        ("ROMCVL", ["Romania", "Civilian"], ["country", "role"]),
        ("AFRIGO", ["Africa", "Inter-Governmental Organization"], ["country", "role"]),
        ("IRQMOSSHI", ["Iraq", "Muslim", "Shia"], ["country", "religion", "religion"]),
    ],
)
def test_known_codes(code, meanings, tables):
    parsed = parse_cameo_actor(code)
    assert parsed.is_valid, parsed.problems
    assert [p.meaning for p in parsed.parts] == meanings
    assert [p.table for p in parsed.parts] == tables
    assert str(parsed) == code


@pytest.mark.parametrize(
    ("code", "bad_part"),
    [("USAXXXMIL", "XXX"), ("UKRGO", "GO"), ("QQQ", "QQQ"), ("RUSGOVMILCOPREBSPY", None)],
)
def test_invalid_codes_report_problems(code, bad_part):
    parsed = parse_cameo_actor(code)
    assert not parsed.is_valid
    assert "".join(p.text for p in parsed.parts) == code
    if bad_part is not None:
        bad = [p for p in parsed.parts if not p.is_valid]
        assert [p.text for p in bad] == [bad_part]
        assert bad_part in parsed.problems[0]
    with pytest.raises(UnknownCodeError):
        parse_cameo_actor(code, strict=True)


def test_empty_code():
    assert not parse_cameo_actor("").is_valid


def test_strict_suggests():
    with pytest.raises(UnknownCodeError) as info:
        parse_cameo_actor("RUSGOWMIL", strict=True)
    assert "GOV" in info.value.suggestions


valid_codes = st.builds(
    lambda first, rest: first + "".join(rest),
    st.sampled_from(COUNTRIES),
    st.lists(st.sampled_from(ROLES), max_size=4),
)


@given(valid_codes)
def test_round_trip_of_generated_valid_codes(code):
    parsed = parse_cameo_actor(code)
    assert parsed.is_valid
    assert str(parsed) == code
    assert parsed.parts[0].table == "country"
    assert all(p.table == "role" for p in parsed.parts[1:])
    assert "".join(p.entry.code.upper() for p in parsed.parts if p.entry) == code.upper()


@given(st.text(max_size=20))
def test_parsing_never_loses_text(code):
    parsed = parse_cameo_actor(code)
    assert "".join(p.text for p in parsed.parts) == code
    assert parsed.is_valid == (not parsed.problems)
