"""The worked example damaged as a careless coder would: each slip raises its finding."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st

import eventcode
from eventcode import Basis, Event, Figure
from eventcode.rules import expected_basis
from tests.helpers import MAKIIVKA

DATASET = eventcode.read(MAKIIVKA)
STRIKE = DATASET.events[0]
BASELINE = {(f.code, f.related) for f in eventcode.validate(DATASET).findings}


def replace_events(dataset: eventcode.Dataset, *events: Event) -> eventcode.Dataset:
    by_id = {e.id: e for e in events}
    return attrs.evolve(dataset, events=tuple(by_id.get(e.id, e) for e in dataset.events))


def new_codes(dataset: eventcode.Dataset) -> set[tuple[str, tuple[str, ...]]]:
    return {(f.code, f.related) for f in eventcode.validate(dataset).findings} - BASELINE


def figures_with_a_single_expected_basis() -> list[tuple[Event, Figure, Basis]]:
    claimants = {c.id: c for c in DATASET.claimants}
    found = []
    for event in DATASET.events:
        for figure in event.figures:
            expected = expected_basis(figure, claimants[figure.claimant], DATASET.actors)
            if expected is not None and expected.basis is not None:
                found.append((event, figure, expected.basis))
    return found


SINGLE = figures_with_a_single_expected_basis()


@given(st.sampled_from(SINGLE), st.sampled_from(list(Basis)))
def test_swapping_a_basis_raises_r003(choice: tuple[Event, Figure, Basis], basis: Basis) -> None:
    event, figure, expected = choice
    swapped = attrs.evolve(figure, basis=basis)
    changed = attrs.evolve(
        event, figures=tuple(swapped if f is figure else f for f in event.figures)
    )
    found = new_codes(replace_events(DATASET, changed))
    assert (("R003", (figure.id,)) in found) == (basis is not expected)


def test_there_are_figures_to_swap() -> None:
    assert len(SINGLE) >= 8  # the strike's figures all have one expected basis


DATED_FIGURES = [f for f in STRIKE.figures if f.stated_on is not None]


@given(st.sampled_from(DATED_FIGURES), st.data())
def test_moving_a_figure_to_a_later_statement_raises_r006(
    figure: Figure, data: st.DataObject
) -> None:
    assert figure.stated_on is not None
    later = [e for e in DATASET.events[1:] if e.date.start > figure.stated_on]
    target = data.draw(st.sampled_from(later))
    strike = attrs.evolve(STRIKE, figures=tuple(f for f in STRIKE.figures if f is not figure))
    moved = attrs.evolve(target, figures=(*target.figures, figure))
    found = new_codes(replace_events(DATASET, strike, moved))
    assert ("R006", (figure.id,)) in found


@given(st.sampled_from(DATED_FIGURES), st.integers(min_value=1, max_value=400))
def test_dating_a_statement_before_the_strike_raises_r006(figure: Figure, days: int) -> None:
    early = attrs.evolve(figure, stated_on=STRIKE.date.start - timedelta(days=days))
    strike = attrs.evolve(
        STRIKE, figures=tuple(early if f is figure else f for f in STRIKE.figures)
    )
    assert ("R006", (figure.id,)) in new_codes(replace_events(DATASET, strike))


def test_attaching_the_cumulative_toll_to_the_strike_raises_r005() -> None:
    toll_event = next(e for e in DATASET.events if e.id == "shoigu-war-toll-2022-09")
    (toll,) = toll_event.figures
    strike = attrs.evolve(STRIKE, figures=(*STRIKE.figures, toll))
    emptied = attrs.evolve(toll_event, figures=())
    changed = replace_events(DATASET, strike, emptied)
    assert ("R005", (toll.id,)) in new_codes(changed)
    # and a cumulative toll never changes the strike's fatality count
    rules = eventcode.policy("acled")
    before = eventcode.acled_fatalities(STRIKE, DATASET.claimants, rules).value
    after = eventcode.acled_fatalities(strike, DATASET.claimants, rules).value
    assert before == after == 63


SPELLINGS = {
    "Makiivka": ["Makeevka", "Makiyivka", "MAKIIVKA", "makiivka"],
    "Bakhmut": ["Bakhmout", "BAKHMUT"],
}


@given(
    st.sampled_from(sorted((n, v) for n, vs in SPELLINGS.items() for v in vs)),
    st.sampled_from(["NFC", "NFD"]),
)
def test_misspelling_a_place_raises_r009(spelling: tuple[str, str], form: str) -> None:
    name, variant = spelling
    at_place = [e for e in DATASET.events if e.place is not None and e.place.name == name]
    target = at_place[-1]  # another event at the same place keeps the usual spelling
    assert target.place is not None
    misspelt = unicodedata.normalize(form, variant)
    changed = attrs.evolve(target, place=attrs.evolve(target.place, name=misspelt))
    found = new_codes(replace_events(DATASET, changed))
    assert any(code == "R009" and target.id in related for code, related in found)


def test_a_decomposed_accent_is_the_same_spelling_twice() -> None:
    composed = unicodedata.normalize("NFC", "Makíivka")
    decomposed = unicodedata.normalize("NFD", "Makíivka")
    first = attrs.evolve(STRIKE, place=attrs.evolve(STRIKE.place, name=composed))
    second = DATASET.events[1]
    assert second.place is not None
    other = attrs.evolve(second, place=attrs.evolve(second.place, name=decomposed))
    found = new_codes(replace_events(DATASET, first, other))
    assert any(code == "R009" for code, _ in found)


def test_the_unperturbed_fixture_dates_are_consistent() -> None:
    assert all(f.stated_on is None or f.stated_on >= STRIKE.date.start for f in STRIKE.figures)
    assert STRIKE.date.start == date(2022, 12, 31)
