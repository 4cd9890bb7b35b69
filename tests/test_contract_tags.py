"""The tags cell validate checks is blank where the writer's tags cannot hold a NUL.

``validate`` reads an event's ACLED ``tags`` cell for a NUL alone (A018; tags are no required
column and no other row check reads them), so it leaves the cell blank where neither the
event's tags nor a figure's term (the only text of a derived crowd tag) holds one
(``mapping._tags_may_hold``), rather than deriving the crowd tag. The laws: that test is false
only of tags without the character; and validate's findings (the stand-in cell) are the
writer's own check's findings (the cells rendered), NUL or none, wherever it comes from (a
coded tag, a crowd figure's term, a kept ``tags`` cell). Also: the notes' ``may_hold`` reads
the texts of each figure's clause, and takes control characters alone.
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
from eventcode.acled.mapping import _tags, _tags_may_hold
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
BASE = eventcode.loads(json.dumps(_dataset()))
TERMS = st.sampled_from(["dozens", "doz\x00ens", "hundreds"])
TAGS = st.sampled_from(["crowd size=dozens", "crowd size=a\x00b", "local", "lo\x00cal"])
#: Kept tags cells: as the record may render them, or not, with a NUL or none.
KEPT = ["local", "lo\x00cal", "crowd size=doz\x00ens", ""]
#: ACLED classes: a demonstration (a crowd tag even without a crowd figure) and a battle.
CLASSES = [
    ("Demonstrations", "Protests", "Peaceful protest"),
    ("Political violence", "Battles", "Armed clash"),
]


@st.composite
def figures(draw: st.DrawFn) -> tuple[Figure, ...]:
    """Up to three figures, most of crowds, whose terms and quantities may hold a NUL."""
    out = []
    for index in range(draw(st.integers(0, 3))):
        term = draw(TERMS)
        value = (
            Count.vague(term, phrase=term)
            if draw(st.booleans())
            else Count.exact(draw(st.integers(1, 300)), phrase="so\x00me")
        )
        quantity = draw(st.sampled_from(["crowd_size", "crowd_size", "killed", "kil\x00led"]))
        out.append(
            Figure(
                id=f"f{index}",
                quantity=quantity,
                subject=Subject(category=VictimCategory.CIVILIANS),
                value=value,
                basis=draw(st.sampled_from(Basis)),
                claimant=draw(st.sampled_from(["c1", "c2"])),
                partial=draw(st.booleans()),
            )
        )
    return tuple(out)


@st.composite
def events(draw: st.DrawFn) -> tuple[Event, Lookups]:
    """The written event with generated tags, figures, class and kept cells (a NUL anywhere)."""
    event = BASE.events[0]
    assert event.acled is not None
    disorder, event_type, sub = draw(st.sampled_from(CLASSES))
    kept = draw(st.sampled_from([(), *((AcledCell(column="tags", value=v),) for v in KEPT)]))
    event = attrs.evolve(
        event,
        tags=tuple(draw(st.lists(TAGS, max_size=2))),
        figures=draw(figures()),
        acled=attrs.evolve(
            event.acled,
            disorder_type=disorder,
            event_type=event_type,
            sub_event_type=sub,
            cells=kept,
        ),
    )
    claimants = {
        claimant_id: Claimant(id=claimant_id, name="Monitor", kind=ClaimantKind.NGO)
        for claimant_id in ("c1", "c2")
    }
    return event, attrs.evolve(Lookups.of(BASE), claimants=claimants)


def _keys(found: Sequence[Finding]) -> list[tuple[object, ...]]:
    return [(f.code, f.message, f.location.path, f.location.event) for f in found]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(events(), st.sampled_from([None, "acled", "ucdp"]))
def test_tags_may_hold_is_false_only_of_tags_without_the_character(
    drawn: tuple[Event, Lookups], name: str | None
) -> None:
    event, lookups = drawn
    if not _tags_may_hold(event, NUL):
        assert not any(NUL in tag for tag in _tags(event, lookups, policy(name)))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(events(), st.sampled_from([None, "acled", "ucdp"]))
def test_validate_finds_what_the_writer_finds_of_the_tags(
    drawn: tuple[Event, Lookups], name: str | None
) -> None:
    event, lookups = drawn
    rules = policy(name)
    alone = list(acled_event_findings(event, "$", lookups, policy=rules))
    written = checked_row(event, "$", lookups, How(AcledStyle(), rules, None)).findings
    assert _keys(alone) == _keys(written)


def test_a_nul_only_in_a_crowd_figures_term_is_found() -> None:
    # The derived crowd tag alone holds the NUL: the tags are rendered, not left blank.
    value = Count.vague("doz\x00ens", phrase="dozens")
    crowd = Figure(
        id="f1", quantity="crowd_size", subject=Subject(category=VictimCategory.CIVILIANS),
        value=value, basis=Basis.REPORTED, claimant="c1",
    )
    event = attrs.evolve(BASE.events[0], tags=(), figures=(crowd,))
    lookups = Lookups.of(BASE)
    assert any(NUL in tag for tag in _tags(event, lookups, policy(None)))
    found = list(acled_event_findings(event, "$", lookups))
    assert [(f.code, f.location.path) for f in found] == [("A018", "$")]


@st.composite
def disputed(draw: st.DrawFn) -> tuple[Event, dict[str, Claimant]]:
    """An event of two to four death figures whose claimants' names and terms may hold a NUL."""
    out = []
    for index in range(draw(st.integers(2, 4))):
        term = draw(TERMS)
        value = (
            Count.vague(term, phrase=term)
            if draw(st.booleans())
            else Count.exact(draw(st.integers(1, 3)), phrase="so\x00me")
        )
        out.append(
            Figure(
                id=f"f{index}",
                quantity="killed",
                subject=Subject(category=VictimCategory.CIVILIANS),
                value=value,
                basis=draw(st.sampled_from(Basis)),
                claimant=draw(st.sampled_from(["c1", "c2", "c\x003"])),
            )
        )
    names = st.sampled_from(["Monitor", "Mon\x00itor"])
    claimants = {c: Claimant(id=c, name=draw(names), kind=ClaimantKind.NGO) for c in ("c1", "c2")}
    return attrs.evolve(BASE.events[0], notes=None, figures=tuple(out)), claimants


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(disputed())
def test_may_hold_is_false_only_of_notes_without_the_character(
    drawn: tuple[Event, dict[str, Claimant]],
) -> None:
    event, claimants = drawn
    if not may_hold(event, claimants, None, NUL):
        assert NUL not in with_disputes(event, claimants, {})


@pytest.mark.parametrize("character", ["a", "1", "-", "(", "\u00e9"])
def test_may_hold_takes_no_character_a_word_or_number_may_hold(character: str) -> None:
    with pytest.raises(ValueError, match="one character"):
        may_hold(BASE.events[0], {}, None, character)
