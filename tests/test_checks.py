"""Record and reference checks: each finding code is raised where it should be, and only there."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest

import eventcode
from eventcode import Count, CountKind, Status
from tests.helpers import MAKIIVKA, new_findings


def fixture() -> eventcode.Dataset:
    return eventcode.read(MAKIIVKA)


def with_figure(dataset: eventcode.Dataset, index: int, **changes: Any) -> eventcode.Dataset:
    event = dataset.events[0]
    figures = list(event.figures)
    figures[index] = attrs.evolve(figures[index], **changes)
    return attrs.evolve(dataset, events=(attrs.evolve(event, figures=tuple(figures)),))


def codes(dataset: eventcode.Dataset) -> list[tuple[str, str | None]]:
    return [(f.code, f.location.path) for f in new_findings(dataset) if f.code[0] == "S"]


def test_the_fixture_raises_no_record_or_reference_finding() -> None:
    assert [f.code for f in eventcode.validate(fixture()).findings if f.code[0] == "S"] == []


@pytest.mark.parametrize(
    "count",
    [
        Count(kind=CountKind.EXACT, phrase="63", low=63, high=64),
        Count(kind=CountKind.EXACT, phrase="63", low=63),
        Count(kind=CountKind.LOWER_BOUND, phrase="at least 63", low=63, high=70),
        Count(kind=CountKind.UPPER_BOUND, phrase="up to 10", low=1, high=10),
        Count(kind=CountKind.RANGE, phrase="4-6", low=6, high=4),
        Count(kind=CountKind.RANGE, phrase="4", low=4, high=4),
        Count(kind=CountKind.VAGUE, phrase="dozens"),
        Count(kind=CountKind.UNKNOWN, phrase="no figure", low=0),
        Count(kind=CountKind.APPROXIMATE, phrase="about 300,000", high=300000),
    ],
)
def test_inconsistent_counts_are_s201(count: Count) -> None:
    assert codes(with_figure(fixture(), 0, value=count)) == [
        ("S201", "$.events[0].figures[0].value")
    ]


@pytest.mark.parametrize(
    "count",
    [
        Count.exact(63, "63"),
        Count.at_least(63, "at least 63"),
        Count.up_to(10, "up to 10"),
        Count.between(4, 6, "4-6"),
        Count.about(300000, "about 300,000"),
        Count.vague("dozens", "dozens"),
        Count(kind=CountKind.VAGUE, phrase="a dozen or so", low=10, high=15, term="a dozen"),
        Count.unknown("no definitive information"),
    ],
)
def test_consistent_counts_pass(count: Count) -> None:
    assert codes(with_figure(fixture(), 0, value=count)) == []


def test_reversed_date_span_is_s202() -> None:
    dataset = fixture()
    event = dataset.events[0]
    span = attrs.evolve(event.date, end=event.date.start.replace(day=30))
    bad = attrs.evolve(dataset, events=(attrs.evolve(event, date=span),))
    assert codes(bad) == [("S202", "$.events[0].date")]
    good = attrs.evolve(span, end=event.date.start)
    assert codes(attrs.evolve(dataset, events=(attrs.evolve(event, date=good),))) == []


def test_one_coordinate_is_s203() -> None:
    dataset = fixture()
    event = dataset.events[0]
    assert event.place is not None
    place = attrs.evolve(event.place, longitude=None)
    bad = attrs.evolve(dataset, events=(attrs.evolve(event, place=place),))
    assert codes(bad) == [("S203", "$.events[0].place")]
    none = attrs.evolve(place, latitude=None)
    assert codes(attrs.evolve(dataset, events=(attrs.evolve(event, place=none),))) == []


def test_empty_subject_is_s204() -> None:
    bad = with_figure(fixture(), 4, subject=eventcode.Subject())
    assert codes(bad) == [("S204", "$.events[0].figures[4].subject")]
    only_category = eventcode.Subject(category=eventcode.VictimCategory.CIVILIANS)
    assert codes(with_figure(fixture(), 4, subject=only_category)) == []


def test_revision_needs_both_status_and_successor() -> None:
    revised_alone = with_figure(fixture(), 0, status=Status.REVISED)
    assert codes(revised_alone) == [("S205", "$.events[0].figures[0].status")]
    successor_alone = with_figure(fixture(), 0, revised_by="ukr-killed-400")
    assert codes(successor_alone) == [("S205", "$.events[0].figures[0].status")]
    both = with_figure(fixture(), 0, status=Status.REVISED, revised_by="ukr-killed-400")
    assert codes(both) == []


def test_duplicate_ids_are_s301() -> None:
    dataset = fixture()
    twice = attrs.evolve(dataset, actors=(*dataset.actors, dataset.actors[0]))
    assert codes(twice) == [("S301", f"$.actors[{len(dataset.actors)}].id")]
    same_figure = with_figure(dataset, 4, id="rus-killed-63")
    assert codes(same_figure) == [("S301", "$.events[0].figures[4].id")]


Change = Callable[[eventcode.Dataset], eventcode.Dataset]


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: with_figure(d, 0, claimant="nobody"), "$.events[0].figures[0].claimant"),
        (
            lambda d: with_figure(d, 0, subject=eventcode.Subject(actor="ghost")),
            "$.events[0].figures[0].subject.actor",
        ),
        (
            lambda d: with_figure(
                d, 0, evidence=eventcode.Evidence(document="elsewhere", phrase="63")
            ),
            "$.events[0].figures[0].evidence.document",
        ),
        (
            lambda d: with_figure(d, 0, status=Status.REVISED, revised_by="later"),
            "$.events[0].figures[0].revised_by",
        ),
        (
            lambda d: attrs.evolve(
                d, events=(attrs.evolve(d.events[0], actor2=eventcode.EventActor(actor="nato")),)
            ),
            "$.events[0].actor2.actor",
        ),
        (
            lambda d: attrs.evolve(
                d, events=(attrs.evolve(d.events[0], documents=("bfmtv-2023-01-03", "x")),)
            ),
            "$.events[0].documents[1]",
        ),
        (
            lambda d: attrs.evolve(
                d, claimants=(attrs.evolve(d.claimants[0], speaks_for="kremlin"), *d.claimants[1:])
            ),
            "$.claimants[0].speaks_for",
        ),
    ],
)
def test_unresolved_references_are_s302(change: Change, path: str) -> None:
    assert codes(change(fixture())) == [("S302", path)]


def test_references_may_point_forward_in_a_stream(tmp_path: Any) -> None:
    dataset = fixture()
    lines = eventcode.dumps(dataset, format="jsonl").splitlines(keepends=True)
    header, records = lines[0], lines[1:]
    path = tmp_path / "reversed.jsonl"
    path.write_text(header + "".join(reversed(records)), encoding="utf-8")
    assert [f for f in eventcode.validate_path(path).findings if f.code[0] == "S"] == []


def test_unknown_quantity_is_a_warning() -> None:
    dataset = with_figure(fixture(), 0, quantity="goats_stolen")
    (finding,) = new_findings(dataset)
    assert (finding.code, finding.severity.value) == ("S401", "warning")
    assert not eventcode.validate(dataset).has_errors


def test_field_constraints_apply_to_records_built_in_python() -> None:
    dataset = fixture()
    bad_actor = attrs.evolve(dataset.actors[0], inter=9, country="Ukraine")
    bad = attrs.evolve(dataset, actors=(bad_actor, *dataset.actors[1:]))
    assert sorted((f.code, f.location.path) for f in new_findings(bad)) == [
        ("S103", "$.actors[0].country"),
        ("S103", "$.actors[0].inter"),
    ]


def test_a_year_that_lost_a_digit_is_s206() -> None:
    dataset = fixture()
    event = dataset.events[0]
    lost = attrs.evolve(event.date, start=event.date.start.replace(year=22))
    bad = attrs.evolve(dataset, events=(attrs.evolve(event, date=lost), *dataset.events[1:]))
    assert ("S206", "$.events[0].date.start") in codes(bad)
    stated = with_figure(dataset, 0, stated_on=event.date.start.replace(year=23))
    assert ("S206", "$.events[0].figures[0].stated_on") in codes(stated)
    published = attrs.evolve(dataset.documents[0], published=event.date.start.replace(year=1023))
    fine = attrs.evolve(dataset, documents=(published,))
    assert [c for c in codes(fine) if c[0] == "S206"] == []  # a year of four digits is accepted


def test_first_numbers_table_keeps_the_first_number_through_growth() -> None:
    """The flat digest table answers as a dict would, across its resizes and probe chains."""
    import random

    from eventcode.checks.duplicates import _FirstNumbers

    rng = random.Random(4)
    table, reference = _FirstNumbers(), {}
    # Digests sharing their low bits collide in the table and are probed past.
    digests = [rng.getrandbits(64) for _ in range(3000)] + [i << 20 for i in range(1, 300)]
    for step in range(12000):
        digest = rng.choice(digests)
        assert table.setdefault(digest, step) == reference.setdefault(digest, step)


def test_event_traits_are_kept_as_given() -> None:
    """The flat traits store gives back what it was given, for every event."""
    from eventcode.checks.duplicates import EventTraits
    from eventcode.checks.resemblance import Traits

    store = EventTraits()
    given = [
        Traits((), 0, 0, None),
        Traits((1, 7, 65535), 1 << 63, 5, 0),
        Traits((3,), 12, 1, 10**6),
    ]
    assert [store.append(t) for t in given] == [0, 1, 2]
    assert [store[i] for i in range(3)] == given
