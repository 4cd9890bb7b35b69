"""R010's second look (eventcode.checks.resemblance): what two notes and tolls say."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from eventcode.checks import resemblance as notes_traits
from eventcode.checks.resemblance import Traits, event_traits, fatalities_agree, resemblance

PLACE = ("Barsalogho", "Centre-Nord", "Sanmatenga")


def _traits(notes: str, fatalities: int | None = 4) -> Traits:
    return event_traits(notes, fatalities, PLACE)


def test_a_second_sources_rewording_is_one_event() -> None:
    first = _traits(
        "On 7 February 2022, suspected JNIM militants attacked the village of Foube "
        "(Barsalogho, Sanmatenga) and killed 4 civilians."
    )
    second = _traits(
        "On 7 February 2022, gunmen believed to be jihadists raided Foube near Barsalogho; "
        "four villagers died, residents said.",
        fatalities=4,
    )
    assert resemblance(first, second) is not None


def test_templated_notes_naming_two_villages_are_two_events() -> None:
    first = _traits(
        "On 7 February 2022, suspected JNIM militants attacked the village of Foube "
        "(Barsalogho, Sanmatenga) and killed 4 civilians. They set fire to shops."
    )
    second = _traits(
        "On 7 February 2022, suspected JNIM militants attacked the village of Guiendbila "
        "(Barsalogho, Sanmatenga) and killed 4 civilians. They set fire to granaries."
    )
    assert resemblance(first, second) is None
    # The event's own place names never tell two events apart.
    third = _traits("On 7 February 2022, militants attacked Barsalogho and killed 4 civilians.")
    assert resemblance(first, third) is not None


def test_spellings_of_one_place_and_a_place_within_a_name_meet() -> None:
    a = _traits("Russian shelling hit a block of flats in Saltivka, killing 4 residents.")
    b = _traits("Shells struck apartments in the Saltivskyi district; four residents died.")
    assert a.names == b.names
    c = _traits("Troops clashed with BIFF militants in Barangay Tapikan; 4 were killed.")
    d = _traits("A gun battle erupted in Tapikan between troops and BIFF gunmen, 4 dead.")
    assert resemblance(c, d) is not None


def test_different_parts_of_the_day_are_two_events() -> None:
    morning = _traits("Party workers staged a sit-in in the morning against the government.", 0)
    evening = _traits("Party workers held a march in the evening against the government.", 0)
    assert resemblance(morning, evening) is None
    untimed = _traits("Party workers held a march against the government.", 0)
    assert resemblance(morning, untimed) is not None


def test_tolls_agree_within_one_or_a_quarter() -> None:
    assert fatalities_agree(42, 40)
    assert fatalities_agree(0, 1)
    assert fatalities_agree(None, 7)
    assert not fatalities_agree(4, 2)
    assert not fatalities_agree(2, 0)
    assert not fatalities_agree(100, 70)


def test_unrelated_notes_are_two_events() -> None:
    a = _traits("Students protested tuition fees outside the university library.", 0)
    b = _traits("Nurses rallied over unpaid wages at the regional hospital.", 0)
    assert resemblance(a, b) is None


NOTES = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
TOLLS = st.none() | st.integers(min_value=0, max_value=10_000)


@given(a=NOTES, b=NOTES, fa=TOLLS, fb=TOLLS)
def test_resemblance_is_symmetric_and_bounded(
    a: str, b: str, fa: int | None, fb: int | None
) -> None:
    """Property: comparing A with B is comparing B with A, and a score lies in [0, 1]."""
    ta, tb = event_traits(a, fa, PLACE), event_traits(b, fb, PLACE)
    found = resemblance(ta, tb)
    assert found == resemblance(tb, ta)
    assert found is None or 0 <= found <= 1


@given(notes=NOTES, toll=TOLLS)
def test_a_note_resembles_itself(notes: str, toll: int | None) -> None:
    """Property: an event is always like itself (a repeated row is always a duplicate)."""
    traits = event_traits(notes, toll, PLACE)
    assert resemblance(traits, traits) is not None


#: ASCII notes with the vocabulary's place words and every kind of ASCII space and separator.
ASCII_NOTES = st.lists(
    st.sampled_from(
        [
            "in", "near", "the", "of", "village", "district", "Kyiv", "New", "Bakhmut", "al-Qaim",
            "(Makiivka)", "On 3 March 2023,", "morning", "night", "Forces", "killed", "O'Neil",
            " ", "  ", "\t", "\n", "\x1c", "\x1f", "-", ",", ".", "_", "2", "x_y",
        ]
    ),
    max_size=30,
).flatmap(lambda words: st.sampled_from([" ", "", "\x1c"]).map(lambda glue: glue.join(words)))


@given(ASCII_NOTES)
@example("near\x1cBakhmut")  # a separator is whitespace to a str pattern only
def test_ascii_notes_have_the_traits_the_unicode_patterns_find(notes: str) -> None:
    # ASCII classes are quicker; _plain_ascii tells when they find what Unicode classes find.
    quick = event_traits(notes, 1, ["Kyiv"])
    with mock.patch.object(notes_traits, "_plain_ascii", return_value=False):
        assert event_traits(notes, 1, ["Kyiv"]) == quick


MIXED_NOTES = st.lists(
    st.sampled_from(["Village", "VILLAGE", "villages", "ln", "\u0345in", "\u0345village", "é"])
    | ASCII_NOTES,
    max_size=12,
).map(" ".join)


@given(ASCII_NOTES | MIXED_NOTES | NOTES)
@example("Kramatorsk \u0345village of Bakhmut")  # not ASCII: the patterns are always tried
@example("Forces in village of New Bakhmut (Makiivka)")
def test_place_patterns_left_untried_could_not_have_matched(notes: str) -> None:
    # A pattern is skipped when the note lacks the words it needs (see _anchors): the traits
    # are those of trying every pattern on every note.
    quick = event_traits(notes, 1, ["Kyiv"])
    vocabulary = notes_traits._vocabulary()
    always = vocabulary._replace(needs=tuple((None, "") for _ in vocabulary.needs))
    with mock.patch.object(notes_traits, "_vocabulary", return_value=always):
        assert event_traits(notes, 1, ["Kyiv"]) == quick



@given(st.text(alphabet=st.characters(max_codepoint=127)) | NOTES)
@example("Bab_al-Zawiya 2O23 x\x1cY")
def test_words_of_ascii_text_are_what_the_word_pattern_finds(text: str) -> None:
    assert notes_traits._words_of(text) == notes_traits._WORD.findall(text.casefold())


@given(st.text(st.characters(max_codepoint=127)) | NOTES)
@example(" Mixed Case\t")
@example("Bo\u0301ke\u0301")
def test_text_is_unaccented_as_the_long_way_has_it(text: str) -> None:
    """ASCII text is taken as it is: decomposing it and dropping combining marks keeps it."""
    assert notes_traits._unaccented(text) == notes_traits._decomposed(text)


@pytest.mark.parametrize(
    ("word", "consonants"),
    [
        ("Cotonou", "ctn"),
        ("B\u00e9nin", "bnn"),
        ("Ca\u0301diz", "cdz"),  # a combining accent, as it comes
        ("\u0130stanbul", "stnbl"),
    ],
)
def test_consonants_drop_vowels_case_and_accents(word: str, consonants: str) -> None:
    assert notes_traits._consonants(word) == consonants
