"""Event id keys and the tables that tell repeated ids and signatures."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from eventcode.acled.first_seen import FirstSeen
from eventcode.acled.ids import EventIdSet, id_key, id_keys, id_of

ids = st.one_of(
    st.from_regex(r"[A-Z]{3}[0-9]{1,16}", fullmatch=True),
    st.text(max_size=6),
)


@given(st.lists(ids, max_size=60))
def test_tells_repeats_as_a_set_of_strings_does(values: list[str]) -> None:
    compact, plain = EventIdSet(), set[str]()
    for value in values:
        assert compact.add(value) == (bool(value) and value in plain)
        plain.add(value)
    assert len(compact) == len(plain - {""})


def test_leading_zeros_are_distinct_ids() -> None:
    seen = EventIdSet()
    assert not seen.add("UKR1")
    assert not seen.add("UKR01")
    assert seen.add("UKR01")
    assert not seen.add("RUS1")


@given(ids)
def test_a_key_reads_back_as_its_id_or_is_a_digest(value: str) -> None:
    key = id_key(value)
    assert (key == 0) == (value == "")
    assert id_of(key) in (value, None)
    assert (id_of(key) is None) == (key == 0 or key >= 1 << 63)


@given(st.lists(ids, max_size=40))
def test_keys_of_a_batch_are_the_keys_of_each_id(values: list[str]) -> None:
    assert list(id_keys(values)) == [id_key(v) for v in values]


#: Keys: few (repeats), and of the whole 64-bit range (the bitmap's mixing wraps around).
KEYS = st.integers(1, 30) | st.integers(0, 2**64 - 1)
#: Bitmaps of 2 and 8 bits (every key shares its bit: each is searched for) and the default.
FILTER_BITS = st.sampled_from([1, 3, 24])


@given(st.lists(st.lists(KEYS, max_size=25), max_size=8), FILTER_BITS)
def test_first_seen_tells_repeats_and_first_payloads_as_a_dict_does(
    batches: list[list[int]], bits: int
) -> None:
    table, first = FirstSeen(payloads=True, filter_bits=bits), dict[int, int]()
    ordinal = 0
    for batch in batches:
        keys = np.array(batch, np.uint64)
        payloads = np.arange(ordinal, ordinal + len(batch), dtype=np.uint64)
        repeats, firsts = table.add(keys, payloads)
        expected = []
        for offset, key in enumerate(batch):
            if key in first:
                expected.append((offset, first[key]))
            else:
                first[key] = ordinal + offset
        assert list(zip(repeats.tolist(), firsts.tolist(), strict=True)) == expected
        ordinal += len(batch)
    assert len(table) == len(first)
