"""PLOVER tables and the 2021 CAMEO-to-PLOVER crosswalk."""

import pytest

from eventcode.codebooks import (
    UnknownCodeError,
    cameo_event,
    is_cameo_event_code,
    plover_contexts,
    plover_crosswalk,
    plover_event_type,
    plover_event_types,
    plover_for_cameo,
    unresolved_crosswalk_entries,
)

# What does not resolve in the published crosswalk: (line in the file, CAMEO code, field, value).
EXPECTED_UNRESOLVED = {
    (17, "0333", "context", "humanitarian"),
    (66, "073", "context", "humanitarian"),
    (73, "0811", "context", "democracy"),
    (74, "0812", "context", "democracy"),
    (75, "082", "context", "democracy"),
    (85, "0842", "mode", "return"),
    (86, "085", "mode", "ease"),
    (90, "0863", "context", "humanitarian"),
    (117, "1033", "context", "humanitarian"),
    (155, "1213", "cameo_code", "1213"),
    (156, "1214", "cameo_code", "1214"),
    (160, "1223", "context", "humanitarian"),
    (186, "132", "mode", "ban"),
    (187, "1321", "mode", "political"),
    (188, "1322", "mode", "ban"),
    (245, "1623", "context", "humanitarian"),
    (258, "1712", "mode", "seize"),
    (261, "1722", "mode", "ban"),
    (281, "185", "mode", "assassinate"),
    (282, "186", "mode", "assassinate"),
    (283, "175", "mode", "pro_autocracy"),
    (284, "175", "mode", "pro_autocracy"),
    (284, "175", "duplicate", "175"),
    (285, "201", "mode", "cleansing"),
    (295, "200", "mode", "massacre"),
    (296, "202", "mode", "massacre"),
    (297, "203", "mode", "cleansing"),
}


def test_event_types():
    types = plover_event_types()
    assert len(types) == 16
    assert {t.quad_class for t in types} == {1, 2, 3, 4}
    assert "heavy-weapons" in plover_event_type("ASSAULT").modes
    assert plover_event_type("SANCTION").note
    with pytest.raises(UnknownCodeError) as info:
        plover_event_type("ASSALT")
    assert "ASSAULT" in info.value.suggestions
    assert "military" in plover_contexts()


def test_crosswalk_as_published():
    rows = plover_crosswalk()
    assert len(rows) == 257
    codes = [r.cameo_code for r in rows]
    assert codes.count("175") == 2
    assert {"1213", "1214"} <= set(codes)
    assert not any(c.startswith(("01", "02")) for c in codes)


def test_unresolved_entries_are_exactly_the_documented_ones():
    found = {
        (p.entry.line, p.entry.cameo_code, p.field, p.value) for p in unresolved_crosswalk_entries()
    }
    assert found == EXPECTED_UNRESOLVED


def test_unresolved_check_is_consistent_with_tables():
    types = {t.name: t for t in plover_event_types()}
    contexts = set(plover_contexts())
    flagged = {(p.entry.line, p.field, p.value) for p in unresolved_crosswalk_entries()}
    for row in plover_crosswalk():
        assert ((row.line, "cameo_code", row.cameo_code) in flagged) != is_cameo_event_code(
            row.cameo_code
        )
        if row.mode is not None:
            assert ((row.line, "mode", row.mode) in flagged) != (
                row.mode in types[row.plover_event].modes
            )
        for context in row.contexts:
            assert ((row.line, "context", context) in flagged) != (context in contexts)


def test_plover_for_cameo():
    assert [e.plover_event for e in plover_for_cameo("194")] == ["ASSAULT"]
    assert plover_for_cameo("194")[0].mode == "heavy-weapons"
    assert [e.plover_event for e in plover_for_cameo("191")] == ["COERCE"]
    assert len(plover_for_cameo("175")) == 2
    assert plover_for_cameo("1213")[0].plover_event == "REJECT"  # not a CAMEO code
    assert plover_for_cameo("010") == ()  # root 01 dropped by PLOVER
    assert plover_for_cameo("1951") == ()
    assert plover_for_cameo("1951", inherit=True) == plover_for_cameo("195")
    assert plover_for_cameo("094")[0].contexts == ("military", "legal")
    assert cameo_event("1712").code == "1712"
    with pytest.raises(UnknownCodeError):
        plover_for_cameo("1950")
