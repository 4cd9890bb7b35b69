"""The notes cell validate checks is blank where the writer's notes cannot hold a NUL.

``validate`` reads an event's ACLED ``notes`` cell for a NUL alone (A018), so it leaves the
cell blank where no part the writer makes it of holds one
(:func:`~eventcode.acled.notes.may_hold`): the event's notes, the clause of each figure (the
dispute summary is some of them) and the attribution summary. The laws: ``may_hold`` is false
only of a cell that does not hold the character; and validate's findings (the stand-in cell)
are the writer's own check's findings (the cell rendered), NUL or none, wherever it comes from.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventcode
from eventcode import AcledCell, Finding
from eventcode.acled import Lookups
from eventcode.acled.contract import How, acled_event_findings, checked_row
from eventcode.acled.notes import may_hold, with_disputes
from eventcode.acled.options import AcledStyle
from eventcode.model import (
    Basis,
    Claimant,
    ClaimantKind,
    Count,
    Event,
    Figure,
    Subject,
    VictimCategory,
)
from eventcode.rules import policy
from tests.test_acled_contract import _dataset

NUL = "\x00"
#: An event the writer writes (coordinates, precision, a country, actor1 with a type).
BASE = eventcode.loads(json.dumps(_dataset()))
TEXTS = st.sampled_from(["Monitor", "Mon\x00itor", "dozens", "doz\x00ens", ""])
#: Kept notes cells: as the record renders them, or not, with a NUL or none.
KEPT = ["Shelled.", "Shel\x00led.", ""]
SUBJECTS = [Subject(category=VictimCategory.CIVILIANS), Subject(actor="a1")]


@st.composite
def figures(draw: st.DrawFn) -> tuple[Figure, ...]:
    """Up to four figures, most of deaths, whose claimants and terms may hold a NUL."""
    out = []
    for index in range(draw(st.integers(0, 4))):
        term = draw(TEXTS)
        value = (
            Count.vague(term, phrase=term)
            if term and draw(st.booleans())
            else Count.exact(draw(st.integers(1, 3)), phrase="some")
        )
        out.append(
            Figure(
                id=f"f{index}",
                quantity=draw(st.sampled_from(["killed", "killed", "wounded"])),
                subject=draw(st.sampled_from(SUBJECTS)),
                value=value,
                basis=draw(st.sampled_from(Basis)),
                claimant=draw(st.sampled_from(["c1", "c2", "c\x003"])),
            )
        )
    return tuple(out)


@st.composite
def events(draw: st.DrawFn) -> tuple[Event, Lookups]:
    """The written event with generated notes, figures and claimant names (a NUL anywhere)."""
    event = BASE.events[0]
    notes = draw(st.sampled_from([None, "Shelled.", "Shel\x00led."]))
    kept = draw(st.sampled_from([(), *((AcledCell(column="notes", value=v),) for v in KEPT)]))
    assert event.acled is not None
    event = attrs.evolve(
        event,
        notes=notes,
        figures=draw(figures()),
        acled=attrs.evolve(event.acled, cells=kept),
    )
    claimants = {
        claimant_id: Claimant(id=claimant_id, name=draw(TEXTS) or "x", kind=ClaimantKind.NGO)
        for claimant_id in ("c1", "c2")
    }
    lookups = Lookups.of(BASE)
    return event, attrs.evolve(lookups, claimants=claimants)


def _keys(found: Sequence[Finding]) -> list[tuple[object, ...]]:
    return [(f.code, f.message, f.location.path, f.location.event) for f in found]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(events())
def test_may_hold_is_false_only_of_a_cell_without_the_character(
    drawn: tuple[Event, Lookups],
) -> None:
    event, lookups = drawn
    cell = with_disputes(event, lookups.claimants, lookups.actors)
    if not may_hold(event, lookups.claimants, None, NUL):
        assert NUL not in cell


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(events(), st.sampled_from([None, "acled", "ucdp"]))
def test_validate_finds_what_the_writer_finds_of_the_notes(
    drawn: tuple[Event, Lookups], name: str | None
) -> None:
    event, lookups = drawn
    rules = policy(name)
    alone = list(acled_event_findings(event, "$", lookups, policy=rules))
    written = checked_row(event, "$", lookups, How(AcledStyle(), rules, None)).findings
    assert _keys(alone) == _keys(written)


def test_a_nul_only_in_a_disputed_figures_claimant_is_found() -> None:
    # The dispute summary alone holds the NUL: the notes are rendered, not left blank.
    claimants = {
        "c1": Claimant(id="c1", name="Mon\x00itor", kind=ClaimantKind.NGO),
        "c2": Claimant(id="c2", name="Other", kind=ClaimantKind.NGO),
    }
    def killed(n: int, claimant: str) -> Figure:
        value = Count.exact(n, phrase=str(n))
        return Figure(
            id=f"f{n}", quantity="killed", subject=SUBJECTS[0], value=value,
            basis=Basis.REPORTED, claimant=claimant,
        )

    event = attrs.evolve(BASE.events[0], figures=(killed(3, "c1"), killed(5, "c2")))
    lookups = attrs.evolve(Lookups.of(BASE), claimants=claimants)
    assert NUL in with_disputes(event, claimants, lookups.actors)
    assert may_hold(event, claimants, None, NUL)
    found = list(acled_event_findings(event, "$", lookups))
    assert [(f.code, f.location.path) for f in found] == [("A018", "$")]


@pytest.mark.parametrize("character", ["", "ab", ";", " ", "."])
def test_may_hold_takes_one_character_outside_the_joints(character: str) -> None:
    with pytest.raises(ValueError, match="one character"):
        may_hold(BASE.events[0], {}, None, character)
