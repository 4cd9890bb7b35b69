"""What validate reports of an event's ACLED row is what the writer's check of it reports.

``validate`` runs the writer's contract on every event with an ACLED class without keeping the
cells (:func:`~eventcode.acled.contract.acled_event_findings`): the fatality count, which the
writer derives (:func:`~eventcode.acled.mapping.cells_or_reason`), is rendered as a stand-in
count, as the event id is. The writer's own check (:func:`~eventcode.acled.contract.checked_row`)
renders the count. The laws: both give the same findings, in order, for any event and kept
cells (hostile ones, fatality cells among them) and policy; and the notes' dispute summary,
which skips the victim groups where they cannot matter, says what weighing every group says.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventcode
from eventcode import AcledCell, Dataset, Finding
from eventcode.acled import CURRENT_COLUMNS, Lookups
from eventcode.acled.contract import How, acled_event_findings, checked_row
from eventcode.acled.notes import _clause, dispute_summary
from eventcode.acled.options import AcledStyle
from eventcode.model import (
    Actor,
    Basis,
    Claimant,
    Count,
    DateSpan,
    Event,
    EventActor,
    Figure,
    Place,
    Scope,
    Status,
    Subject,
    VictimCategory,
    VictimGroup,
    VictimRelation,
)
from eventcode.rules import account_groups, death_figures, group_of, policy
from eventcode.strategies import datasets
from tests.test_acled_contract import _dataset, with_kept_cells

#: Kept cells: the fatality column's above all (a count that agrees, one that does not, bad
#: ones), and others that break a row.
VALUES = ["0", "1", "3", "12", "00", "-1", "2.5", "", " ", "x\x00", "1899-12-31", "91", "99"]
CELLS = st.lists(
    st.builds(
        AcledCell,
        column=st.sampled_from(["fatalities", "fatalities", *CURRENT_COLUMNS, "population_best"]),
        value=st.sampled_from(VALUES) | st.text(max_size=4),
    ),
    max_size=3,
).map(tuple)
POLICIES = st.sampled_from([None, "acled", "ucdp"])


def _keys(found: Sequence[Finding]) -> list[tuple[object, ...]]:
    return [(f.code, f.message, f.location.path, f.location.event) for f in found]


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(with_kept_cells(CELLS, max_events=3), POLICIES)
def test_findings_alone_are_the_writers_findings(dataset: Dataset, name: str | None) -> None:
    lookups = Lookups.of(dataset)
    rules = policy(name)
    how = How(AcledStyle(), rules, None)
    for index, event in enumerate(dataset.events):
        if event.acled is None:
            continue
        path = f"$.events[{index}]"
        alone = list(acled_event_findings(event, path, lookups, policy=rules))
        assert _keys(alone) == _keys(checked_row(event, path, lookups, how).findings)


def test_a_kept_fatality_cell_is_compared_with_the_count_itself() -> None:
    # A kept count the event's figures agree with is used as written (and located at the
    # kept cell); the stand-in count would not agree with it.
    dataset = _counted(Count.exact(3, phrase="3 killed"), "3")
    event = dataset.events[0]
    assert event.acled is not None
    lookups = Lookups.of(dataset)
    how = How(AcledStyle(), policy(None), None)
    assert checked_row(event, "$", lookups, how).cells is not None  # written as it stands
    assert list(acled_event_findings(event, "$", lookups)) == []
    broken = attrs.evolve(
        event,
        acled=attrs.evolve(
            event.acled, cells=(AcledCell(column="fatalities", value="3"), _NUL_NOTES)
        ),
    )
    alone = list(acled_event_findings(broken, "$", lookups))
    assert [f.code for f in alone] == ["A018"]
    assert _keys(alone) == _keys(checked_row(broken, "$", lookups, how).findings)


_NUL_NOTES = AcledCell(column="notes", value="a\x00b")


def _counted(value: Count, kept: str) -> Dataset:
    """One event of one figure of ``value``, keeping ``kept`` as its fatalities cell."""
    low = value.low
    figure = {
        "id": "f1",
        "quantity": "killed",
        "subject": {"category": "civilians"},
        "value": {"kind": "exact", "phrase": value.phrase, "low": low, "high": low},
        "basis": "reported",
        "claimant": "c1",
    }
    data = _dataset(cells=[{"column": "fatalities", "value": kept}], figures=[figure])
    data["claimants"] = [{"id": "c1", "name": "Monitor", "kind": "ngo"}]
    return eventcode.loads(json.dumps(data))


# ------------------------------------------------------------------ the notes' dispute summary


def _every_group(
    event: Event, claimants: Mapping[str, Claimant], actors: Mapping[str, Actor]
) -> str | None:
    """The dispute summary by weighing every victim group of every figure (the plain way)."""
    kept, _ = death_figures(event)
    merged = account_groups(event, kept, claimants, actors)
    member_of = {m: a.group for a in merged for m in a.members}
    groups: dict[object, list[Figure]] = {}
    for figure in kept:
        subject = group_of(figure.subject)
        groups.setdefault(member_of.get(subject, subject), []).append(figure)
    disputed = {
        f.id
        for members in groups.values()
        if len({(m.value.kind, m.value.low, m.value.high, m.value.term) for m in members}) > 1
        for f in members
    }
    if not disputed:
        return None
    return "; ".join(_clause(f, claimants) for f in event.figures if f.id in disputed) + "."


#: Parties of two sides and a monitor, so that accounts of the same dead can compete.
PARTIES = eventcode.loads(
    json.dumps(
        {
            "format_version": "1.0",
            "actors": [
                {"id": "a1", "name": "Forces of A", "inter": 1, "country": "UKR"},
                {"id": "a2", "name": "Forces of B", "inter": 2, "country": "UKR"},
            ],
            "claimants": [
                {"id": "c1", "name": "A's ministry", "kind": "ministry", "speaks_for": "a1"},
                {"id": "c2", "name": "B's command", "kind": "armed_forces", "speaks_for": "a2"},
                {"id": "c3", "name": "Monitor", "kind": "ngo"},
            ],
        }
    )
)
SUBJECTS = [
    Subject(category=VictimCategory.CIVILIANS),
    Subject(category=VictimCategory.COMBATANTS, actor="a2"),
    Subject(category=VictimCategory.COMBATANTS, actor="a1"),
    Subject(actor="a2"),
    Subject(category=VictimCategory.UNKNOWN),
]
COUNTS = [
    Count.exact(3, phrase="3"),
    Count.exact(5, phrase="5"),
    Count.at_least(3, phrase="at least 3"),
    Count.vague("dozens", phrase="dozens"),
]


@st.composite
def disputed_events(draw: st.DrawFn) -> Event:
    """An event of up to five figures, most of deaths, of a few subjects, values and claimants."""
    size = draw(st.integers(0, 5))
    ids = [f"f{i}" for i in range(size)]
    figures = []
    for index, figure_id in enumerate(ids):
        later = ids[index + 1 :]
        revised = bool(later) and draw(st.integers(0, 5)) == 0
        figures.append(
            Figure(
                id=figure_id,
                quantity=draw(st.sampled_from(["killed", "killed", "killed", "wounded"])),
                subject=draw(st.sampled_from(SUBJECTS)),
                value=draw(st.sampled_from(COUNTS)),
                basis=draw(st.sampled_from(Basis)),
                claimant=draw(st.sampled_from(["c1", "c2", "c3"])),
                scope=draw(st.sampled_from([Scope.EVENT, Scope.EVENT, Scope.EVENT, *Scope])),
                status=Status.REVISED if revised else Status.FINAL,
                revised_by=draw(st.sampled_from(later)) if revised else None,
            )
        )
    groups: list[VictimGroup] = []
    if size >= 2 and draw(st.booleans()):
        members = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=size, unique=True))
        groups.append(
            VictimGroup(figures=tuple(members), relation=draw(st.sampled_from(VictimRelation)))
        )
    return Event(
        id="e1",
        date=DateSpan(start=date(2024, 1, 1)),
        place=Place(name="Makiivka", country="UKR"),
        actor1=EventActor(actor="a1"),
        actor2=EventActor(actor="a2"),
        figures=tuple(figures),
        victim_groups=tuple(groups),
    )


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(disputed_events())
def test_the_dispute_summary_is_what_weighing_every_group_says(event: Event) -> None:
    lookups = Lookups.of(PARTIES)
    expected = _every_group(event, lookups.claimants, lookups.actors)
    assert dispute_summary(event, lookups.claimants, lookups.actors) == expected


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(datasets(max_events=3, max_figures=6))
def test_the_dispute_summary_of_generated_datasets(dataset: Dataset) -> None:
    lookups = Lookups.of(dataset)
    for event in dataset.events:
        expected = _every_group(event, lookups.claimants, lookups.actors)
        assert dispute_summary(event, lookups.claimants, lookups.actors) == expected
