from hypothesis import given
from hypothesis import strategies as st

from eventcode.acled.ids import EventIdSet

ids = st.one_of(
    st.from_regex(r"[A-Z]{3}[0-9]{1,7}", fullmatch=True),
    st.text(max_size=6),
)


@given(st.lists(ids, max_size=60))
def test_tells_repeats_as_a_set_of_strings_does(values: list[str]) -> None:
    compact, plain = EventIdSet(), set[str]()
    for value in values:
        assert compact.add(value) == (value in plain)
        plain.add(value)
    assert len(compact) == len(plain)


def test_leading_zeros_are_distinct_ids() -> None:
    seen = EventIdSet()
    assert not seen.add("UKR1")
    assert not seen.add("UKR01")
    assert seen.add("UKR01")
    assert not seen.add("RUS1")
