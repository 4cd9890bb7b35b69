"""Place spellings (R009): the index answers as comparing every earlier spelling would.

:class:`~eventcode.checks.places.PlaceSpellings` looks up the spellings under a name's key by
coordinate cell and administrative units rather than comparing each; the law is that its answer
to every name, in order, is the answer of the plain rule written here: the earliest spelling
under the key at the same place decides (the same name: nothing; another: a respelling).
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcode.checks.places import (
    PlaceSpellings,
    Respelling,
    Spot,
    _normal,
    _same_place,
    spelling_key,
)

NAMES = st.one_of(
    st.sampled_from(["Makiivka", "Makeevka", "MAKIIVKA", "Makiïvka", "Bakhmut", "Bakhmout"]),
    st.text(alphabet="BakhmutMkvé", min_size=1, max_size=5),
)
#: Points on either side of the 0.01-degree rule, and across the index's cells.
COORDINATE = st.one_of(
    st.sampled_from([0.0, 0.004, 0.0099, 0.01, 0.0101, 0.02, -0.01, -0.0101, 0.025]),
    st.none(),
    st.floats(-0.05, 0.05, allow_nan=False),
    st.just(float("nan")),
)
SPOTS = st.builds(
    Spot,
    st.sampled_from([None, "UKR", "RUS"]),
    COORDINATE,
    COORDINATE,
    st.sampled_from([None, "Donetsk", "Kharkiv"]),
    st.sampled_from([None, "A"]),
    st.sampled_from([None, "B"]),
)


def plain_answers(places: list[tuple[str, Spot]]) -> list[Respelling | None]:
    """The rule without an index: every earlier spelling under the key, in order."""
    seen: dict[str, list[tuple[str, Spot, str]]] = {}
    answered: dict[tuple[str, Spot], Respelling | None] = {}
    out: list[Respelling | None] = []
    for number, (name, spot) in enumerate(places):
        if (name, spot) in answered:
            out.append(answered[(name, spot)])
            continue
        answer: Respelling | None = None
        key = spelling_key(name)
        if key:
            for earlier, where, event in seen.setdefault(key, []):
                if earlier == name:
                    if _same_place(where, spot):
                        break
                    continue
                if _same_place(where, spot):
                    how = (
                        "differ only in case or Unicode form"
                        if _normal(earlier) == _normal(name)
                        else "look like two transliterations"
                    )
                    answer = Respelling(earlier, event, how)
                    break
            else:
                seen[key].append((name, spot, f"e{number}"))
        answered[(name, spot)] = answer
        out.append(answer)
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(NAMES, SPOTS), max_size=40))
def test_the_index_answers_as_comparing_every_earlier_spelling(
    places: list[tuple[str, Spot]],
) -> None:
    spellings = PlaceSpellings()
    answers = [spellings.respelling(name, spot, f"e{n}") for n, (name, spot) in enumerate(places)]
    assert answers == plain_answers(places)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_an_ascii_name_has_the_key_of_the_general_rule(name: str) -> None:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    general = "".join(c for c in letters if c in "bcdfghjklmnpqrstvwxz")
    assert spelling_key(name) == general


def test_transliterations_at_one_place_meet_and_distant_towns_do_not() -> None:
    spellings = PlaceSpellings()
    here = Spot("UKR", 48.04, 37.97, "Donetsk", None, None)
    assert spellings.respelling("Makiivka", here, "a") is None
    near = here._replace(latitude=48.045)
    assert spellings.respelling("Makeevka", near, "b") == Respelling(
        "Makiivka", "a", "look like two transliterations"
    )
    far = here._replace(latitude=48.5, admin1="Luhansk")
    assert spellings.respelling("Makeyevka", far, "c") is None
