"""R009 over ACLED rows: what checkers work out of a place is what reading the row gives.

Workers send, for each place they meet first, what R009 asks of it
(:func:`~eventcode.acled.batches.place_codes`: its name, key and spot), and the parent's
merger asks :meth:`~eventcode.checks.places.SpellingIndex.answer` once per place code, keeping
no memo by name and spot. The laws: those facts are the name and spot of the place reading the
row builds (and the code probable duplicates compare is as before); asking at every coming
answers as the memoised record path does; the merger keeps the facts of a place only until it
is asked, and gives the findings one checker gives however many checkers tell it the places.
"""

from __future__ import annotations

import csv
import pickle
from pathlib import Path
from random import Random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcode.acled.batches import CheckedBatch, PlacesMet, checked_batches, place_codes
from eventcode.acled.first_seen import FirstSeen, in_sorted
from eventcode.acled.mapping import _place, country_alpha3
from eventcode.acled.merging import EventMerger
from eventcode.acled.reader import iter_rows
from eventcode.acled.values import CellError, parse_coordinate
from eventcode.checks.duplicates import texts_code, where_code
from eventcode.checks.places import (
    NOTHING_TO_ASK,
    PlaceColumns,
    PlaceFacts,
    PlaceSpellings,
    SpellingIndex,
    Spot,
    place_facts,
    spelling_key,
)
from tests.test_acled_ids import FILTER_BITS, KEYS
from tests.test_place_spellings import NAMES, SPOTS

FIXTURE = Path(__file__).parent.parent / "fixtures" / "acled" / "current-export-numeric.csv"

COORDINATES = st.one_of(
    st.sampled_from(["48.04", "-0.5", "0", "90", "-180", "90.0001", "180.5", "48.", ".5"]),
    st.sampled_from(["", "abc", "nan", "inf", "1e3", " 1", "1 ", "+1", "0x1", "\u0663"]),
    st.text(alphabet="0123456789.-e ", max_size=8),
)
CELLS = st.fixed_dictionaries(
    {
        "location": st.sampled_from(["", "Makiivka", "Makeevka", "Makiïvka"]),
        "country": st.sampled_from(["", "Ukraine", "Benin", "Atlantis", "ukraine"]),
        "latitude": COORDINATES,
        "longitude": COORDINATES,
        "admin1": st.sampled_from(["", "Donetsk", " "]),
        "admin2": st.sampled_from(["", "A"]),
        "admin3": st.text(max_size=3),
    },
    optional={"geo_precision": st.sampled_from(["1", "2", "3"])},
)


@given(CELLS)
def test_a_checkers_place_facts_are_those_of_the_place_reading_gives(
    cells: dict[str, str],
) -> None:
    facts = place_codes(cells)[2]
    try:
        place = _place(cells)
    except CellError:  # the row fails A007 and is not read: its place is never asked
        assert facts is None
        return
    if place is None:
        assert facts is None
    else:
        assert facts == place_facts(place.name, Spot.of(place))


@given(CELLS)
def test_where_probable_duplicates_see_a_place_is_coded_as_before(
    cells: dict[str, str],
) -> None:
    try:
        where = (
            spelling_key(cells["location"]),
            country_alpha3(cells["country"]),
            parse_coordinate(cells["latitude"], 90, "latitude"),
            parse_coordinate(cells["longitude"], 180, "longitude"),
        )
    except CellError:
        assert place_codes(cells)[1] == 0
        return
    assert place_codes(cells)[1] == where_code(where)


WHERES = st.one_of(
    st.none(),
    st.tuples(
        st.text(max_size=6),
        st.none() | st.sampled_from(["UKR", "BEN", "", "\xff"]),
        st.none() | st.sampled_from([0.0, -0.0, 1.5, 48.04]) | st.floats(-180, 180),
        st.none() | st.sampled_from([0.0, -0.0, 1.5, 48.04]) | st.floats(-180, 180),
    ),
)


@given(WHERES, WHERES)
def test_where_codes_differ_as_the_places_written_out_differ(
    one: tuple[str, str | None, float | None, float | None] | None,
    other: tuple[str, str | None, float | None, float | None] | None,
) -> None:
    # As the digest of repr did: 0.0 and -0.0 are two places, 1.5 and 1.50 one.
    assert (where_code(one) == where_code(other)) == (repr(one) == repr(other))


# Texts with NULs, and texts that are what a tuple holding a NUL is written out as.
TEXT = st.sampled_from(
    ["", "a", "\x00", "a\x00", "\x00a", "\ud800", "é", "('a\\x00',)", "\x00('a\\x00',)"]
)
SAME_LENGTH_TEXTS = st.integers(1, 4).flatmap(
    lambda k: st.tuples(*[st.lists(TEXT, min_size=k, max_size=k).map(tuple)] * 2)
)


@given(SAME_LENGTH_TEXTS)
def test_texts_codes_are_equal_for_equal_tuples_only(
    pair: tuple[tuple[str, ...], tuple[str, ...]],
) -> None:
    # Codes are of tuples of one length (a place's seven cells); NUL joins them, or repr.
    one, other = pair
    assert (texts_code(one) == texts_code(other)) == (one == other)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(NAMES, SPOTS), max_size=40))
def test_asking_at_every_coming_answers_as_the_memo_by_name_and_spot(
    places: list[tuple[str, Spot]],
) -> None:
    # Place codes are of cells: two codes may give one name and spot (48.0 and 48.00).
    memo, index = PlaceSpellings(), SpellingIndex[str]()
    for number, (name, spot) in enumerate(places):
        event = f"e{number}"
        expected = memo.respelling(name, spot, event)
        assert index.answer(place_facts(name, spot), event) == expected


@given(
    st.lists(st.lists(KEYS, max_size=25), max_size=6),
    st.lists(st.integers(0, 40) | st.integers(0, 2**64 - 1)),
    FILTER_BITS,
)
def test_first_seen_knows_the_keys_added_before(
    batches: list[list[int]], asked: list[int], bits: int
) -> None:
    table, added = FirstSeen(filter_bits=bits), set[int]()
    for batch in batches:
        table.add(np.array(batch, np.uint64))
        added.update(batch)
    known = table.known(np.array(asked, np.uint64))
    assert known.tolist() == [key in added for key in asked]
    assert len(table) == len(added)


def respelt_file(path: Path) -> None:
    """Write the fixture's rows, then each again under a new id with its place respelt."""
    with FIXTURE.open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    ids, location = header.index("event_id_cnty"), header.index("location")
    again = []
    for number, row in enumerate(rows):
        copy = list(row)
        copy[ids] = f"ZZZ{number}"
        copy[location] = copy[location].replace("a", "e").replace("i", "y").upper()
        again.append(copy)
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([header, *rows, *again, *rows])


def batches_of(path: Path, size: int) -> list[CheckedBatch]:
    """Return the file's batches, each checked by a fresh checker every ``size`` rows."""
    entries = list(iter_rows(path))
    header, rows = entries[0], entries[1:]
    found = []
    for start in range(0, len(rows), size):
        chunk = [header, *rows[start : start + size]]
        found += [b for b in checked_batches(chunk) if isinstance(b, CheckedBatch)]
    return found


def test_the_merger_keeps_a_place_until_asked_and_answers_once(tmp_path: Path) -> None:
    path = tmp_path / "respelt.csv"
    respelt_file(path)
    merged = {}
    for size in (10_000, 3, 1):  # one checker; a checker every 3 rows; one a row
        merger = EventMerger()
        merged[size] = [f for batch in batches_of(path, size) for f in merger.add(batch)]
        assert merger._places == {}  # every place was read, so asked, so dropped
    assert merged[3] == merged[1] == merged[10_000]
    assert any(f.code == "R009" for f in merged[1])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.none() | st.tuples(NAMES, SPOTS), max_size=40))
def test_asking_a_batch_of_places_answers_as_asking_each_in_turn(
    places: list[tuple[str, Spot] | None],
) -> None:
    facts = [None if p is None else place_facts(*p) for p in places]
    events = [f"e{number}" for number in range(len(places))]
    each, batch = SpellingIndex[str](), SpellingIndex[str]()
    expected = [
        (number, found)
        for number, (fact, event) in enumerate(zip(facts, events, strict=True))
        if fact is not None and (found := each.answer(fact, event)) is not None
    ]
    assert list(batch.answers(facts, events)) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.booleans(), st.lists(st.none() | st.tuples(NAMES, SPOTS), max_size=12)),
        max_size=6,
    )
)
def test_asking_batches_as_columns_answers_as_asking_each_in_turn(
    asks: list[tuple[bool, list[tuple[str, Spot] | None]]],
) -> None:
    # Places asked as columns are registered where they were told, and made what answer
    # registers when their key comes again: in a later batch, or asked alone.
    answer_as_each_in_turn(asks)


def answer_as_each_in_turn(asks: list[tuple[bool, list[tuple[str, Spot] | None]]]) -> None:
    """Assert batches of places (asked alone, or as columns) answer as each asked in turn."""
    each, index = SpellingIndex[str](), SpellingIndex[str]()
    number = 0
    for alone, places in asks:
        facts = [None if p is None else place_facts(*p) for p in places]
        events = [f"e{number + i}" for i in range(len(places))]
        number += len(places)
        expected = [
            (i, found)
            for i, (fact, event) in enumerate(zip(facts, events, strict=True))
            if fact is not None and (found := each.answer(fact, event)) is not None
        ]
        if alone:
            answered = [
                (i, found)
                for i, (fact, event) in enumerate(zip(facts, events, strict=True))
                if fact is not None and (found := index.answer(fact, event)) is not None
            ]
        else:
            answered = list(index.answer_columns(PlaceColumns.of(facts), events))
        assert answered == expected


FACTS = st.none() | st.builds(
    lambda name, key, spot: (name, key, *spot),
    st.text(max_size=4),
    st.sampled_from(["", "mkvk", "\x1f", "a\x1fb"]),
    st.builds(
        Spot,
        st.none() | st.sampled_from(["UKR", "", "\x1f"]),
        st.none() | st.floats(allow_nan=False),
        st.none() | st.floats(allow_nan=False),
        st.none() | st.text(max_size=3),
        st.none() | st.text(max_size=3),
        st.none() | st.text(max_size=3),
    ),
)


@given(st.dictionaries(st.integers(0, (1 << 64) - 1), FACTS, max_size=12), st.randoms())
def test_places_met_are_sent_as_they_are(
    met: dict[int, PlaceFacts | None], random: Random
) -> None:
    # Texts with or without the joiner, blanks, missing coordinates: the columns come back.
    codes = list(met) * 2
    random.shuffle(codes)
    sent = PlacesMet.of(met, codes)
    assert list(sent.codes) == list(dict.fromkeys(codes))
    back = pickle.loads(pickle.dumps(sent))
    assert back == sent
    assert dict(back.items()) == {
        code: NOTHING_TO_ASK if facts is None else facts for code, facts in met.items()
    }


@given(st.lists(st.integers(0, 40), unique=True), st.lists(st.integers(0, 40)))
def test_in_sorted_tells_the_keys_a_sorted_array_holds(run: list[int], asked: list[int]) -> None:
    found = in_sorted(np.array(sorted(run), np.uint64), np.array(asked, np.uint64))
    assert found.tolist() == [key in run for key in asked]


#: A number of places, and positions among them (repeated, in any order; none, one or many).
TAKEN = st.integers(1, 6).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.integers(0, n - 1), max_size=8))
)


@given(TAKEN)
def test_taking_places_gives_those_at_the_positions_in_order(
    drawn: tuple[int, list[int]],
) -> None:
    size, positions = drawn
    columns = PlaceColumns._make(
        [f"{name}{i}" for i in range(size)] for name in PlaceColumns._fields
    )
    taken = columns.take(positions)
    assert taken == PlaceColumns._make([column[i] for i in positions] for column in columns)
    assert all(type(column) is list for column in taken)
