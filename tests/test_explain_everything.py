"""`explain` answers for every code of every table (the lookups behind it resolve them all)."""

from __future__ import annotations

from eventcode import codebooks


def test_every_cameo_event_code_is_explained() -> None:
    for code in codebooks.cameo_event_codes():
        text = codebooks.explain(f"cameo:{code}").render()
        assert codebooks.cameo_event(code).label in text


def test_every_actor_table_entry_is_explained() -> None:
    for table in codebooks.ACTOR_TABLES:
        for entry in codebooks.cameo_actor_table(table):
            text = codebooks.explain(f"cameo-actor:{entry.code}").render()
            assert f"{entry.code}    " in text
            assert entry.meaning.split(" / ")[0] in text


def test_every_acled_name_is_explained() -> None:
    names = [
        *codebooks.acled_event_types(),
        *codebooks.acled_sub_event_types(),
        *codebooks.acled_disorder_types(),
        *(t.label for t in codebooks.acled_actor_types()),
        *(r.name for r in codebooks.acled_regions()),
        *(c.name for c in codebooks.acled_countries()),
    ]
    for name in names:
        assert name in codebooks.explain(f"acled:{name}").render(), name


def test_every_plover_type_is_explained() -> None:
    for event_type in codebooks.plover_event_types():
        assert event_type.name in codebooks.explain(f"plover:{event_type.name}").render()
