"""R009's index of places told as columns: flat arrays and key hashes answer as a dict did.

:meth:`~eventcode.checks.places.SpellingIndex.answer_columns` keeps the places it is told as
flat arrays (names and keys as one text each, coordinates as doubles) and their keys by hash.
The laws: a place comes back from them as it was told, and keys whose hashes meet (rare, and
forced here) still answer as asking each place in turn does.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcode.checks import places as places_module
from eventcode.checks.places import PlaceColumns, PlaceFacts, SpellingIndex, Spot
from tests.test_place_facts import answer_as_each_in_turn
from tests.test_place_spellings import NAMES, SPOTS

COORDINATE = st.none() | st.floats(allow_nan=True, allow_infinity=True)
TEXT = st.none() | st.text(max_size=3)
FACTS = st.builds(
    lambda name, key, spot: (name, key, *spot),
    st.text(max_size=4),
    st.text(max_size=4),
    st.builds(Spot, TEXT, COORDINATE, COORDINATE, TEXT, TEXT, TEXT),
)


def _same(a: PlaceFacts, b: PlaceFacts) -> bool:
    """Tell whether two places' facts are alike, NaN coordinates being alike."""
    return [x if x == x else "nan" for x in a] == [x if x == x else "nan" for x in b]


@given(st.lists(st.lists(FACTS, max_size=10), max_size=4))
def test_a_told_place_comes_back_as_it_was_told(batches: list[list[PlaceFacts]]) -> None:
    index = SpellingIndex[int]()
    told = []
    for number, places in enumerate(batches):
        events = [100 * number + i for i in range(len(places))]
        list(index.answer_columns(PlaceColumns.of(places), events))
        told += [((number << 32) | i, facts, events[i]) for i, facts in enumerate(places)]
    for where, facts, event in told:
        back, named = index._told_at(where)
        assert _same(back, facts)
        assert named == event


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.none() | st.tuples(NAMES, SPOTS), max_size=12), max_size=5),
    st.integers(1, 3),
)
def test_keys_of_one_hash_answer_as_asking_each_in_turn(
    batches: list[list[tuple[str, Spot] | None]], buckets: int
) -> None:
    # Every key hashes to one of a few values: most keys meet others' hashes.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(places_module, "_key_hash", lambda key: len(key) % buckets)
        _answer_as_each_in_turn(batches)


def _answer_as_each_in_turn(batches: list[list[tuple[str, Spot] | None]]) -> None:
    answer_as_each_in_turn([(False, places) for places in batches])
