"""Generated datasets are valid and survive every round trip byte for byte."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

import eventcode
from eventcode import (
    Basis,
    ClaimantKind,
    CountKind,
    Dataset,
    DatePrecision,
    PlacePrecision,
    Scope,
    Severity,
    Status,
    VictimCategory,
)
from eventcode.checks.records import count_findings, known_quantities
from eventcode.model.constraints import ID_PATTERN, MAX_COUNT
from eventcode.strategies import (
    actors,
    claimants,
    counts,
    datasets,
    date_spans,
    documents,
    events,
    figures,
    identifiers,
    places,
)


def errors_of(dataset: Dataset) -> list[eventcode.Finding]:
    return [f for f in eventcode.validate(dataset).findings if f.severity is Severity.ERROR]


# ---------------------------------------------------------------------------------------------
# Validity


@given(datasets())
def test_generated_datasets_validate_without_errors(dataset: Dataset) -> None:
    assert errors_of(dataset) == []


@given(datasets())
def test_generated_datasets_use_known_quantities_and_unique_figure_ids(dataset: Dataset) -> None:
    figure_ids = [f.id for e in dataset.events for f in e.figures]
    assert len(figure_ids) == len(set(figure_ids))
    assert {f.quantity for e in dataset.events for f in e.figures} <= known_quantities()
    # Beyond errors, the strategies avoid the warnings they can: unknown quantities (S401),
    # countries and source scales ACLED does not know (C021, C020). Other warnings (figures that
    # disagree, actor types abroad) are fair outcomes of random data.
    codes = {f.code for f in eventcode.validate(dataset).findings}
    assert not codes & {"S401", "C020", "C021"}


@given(datasets())
def test_revisions_name_a_later_figure_of_the_same_event_and_claimant(dataset: Dataset) -> None:
    for event in dataset.events:
        position = {f.id: i for i, f in enumerate(event.figures)}
        for index, figure in enumerate(event.figures):
            assert (figure.status is Status.REVISED) == (figure.revised_by is not None)
            if figure.revised_by is not None:
                assert position[figure.revised_by] > index
                assert event.figures[position[figure.revised_by]].claimant == figure.claimant
            assert (figure.scope is Scope.CUMULATIVE) == (figure.period is not None)


@given(counts())
def test_counts_have_the_bounds_of_their_kind(count: eventcode.Count) -> None:
    assert list(count_findings(count, "$")) == []
    if count.kind in (CountKind.EXACT, CountKind.APPROXIMATE):
        assert count.low is not None
        assert count.low == count.high
    elif count.kind is CountKind.LOWER_BOUND:
        assert count.low is not None
        assert count.high is None
    elif count.kind in (CountKind.UPPER_BOUND, CountKind.NEARLY):
        assert count.high is not None
        assert count.low is None
    elif count.kind is CountKind.RANGE:
        assert count.low is not None
        assert count.high is not None
        assert count.low < count.high
        likely = count.most_likely
        assert likely is None or count.low <= likely <= count.high
    elif count.kind is CountKind.VAGUE:
        assert count.term
    else:
        assert (count.low, count.high, count.term) == (None, None, None)
    assert not count.strict or count.kind in (CountKind.LOWER_BOUND, CountKind.UPPER_BOUND)


@given(date_spans())
def test_date_spans_end_on_or_after_their_start(span: eventcode.DateSpan) -> None:
    assert span.last >= span.start
    assert (span.end is None) == (span.precision is DatePrecision.DAY)


@given(identifiers())
def test_identifiers_match_the_id_pattern(identifier: str) -> None:
    assert re.fullmatch(ID_PATTERN, identifier)


def test_building_blocks_reject_impossible_parameters() -> None:
    from hypothesis.errors import InvalidArgument

    with pytest.raises(InvalidArgument):
        figures(claimant_ids=[]).example()
    with pytest.raises(InvalidArgument):
        counts(kinds=[]).example()
    with pytest.raises(InvalidArgument):
        counts(max_value=MAX_COUNT + 2).example()  # a count past the bound is not valid
    with pytest.raises(InvalidArgument):
        datasets(max_events=-1).example()


@given(counts(max_value=MAX_COUNT + 1))
def test_counts_of_any_size_a_count_may_be_are_valid(count: eventcode.Count) -> None:
    bounds = [b for b in (count.low, count.high, count.most_likely) if b is not None]
    assert all(0 <= b <= MAX_COUNT for b in bounds)


# find() without shrinking: shrinking a whole dataset is slow and adds nothing here.
FIND = settings(
    max_examples=2000,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)

# Every vocabulary value is reachable from the strategy that produces it.
_REACH: list[tuple[type[StrEnum], Callable[[StrEnum], tuple[Any, Callable[[Any], bool]]]]] = [
    (CountKind, lambda v: (counts(), lambda c: c.kind is v)),
    (DatePrecision, lambda v: (date_spans(), lambda s: s.precision is v)),
    (PlacePrecision, lambda v: (places(), lambda p: p.precision is v)),
    (ClaimantKind, lambda v: (claimants(), lambda c: c.kind is v)),
    (Basis, lambda v: (figures(claimant_ids=["c"]), lambda f: f.basis is v)),
    (Scope, lambda v: (figures(claimant_ids=["c"]), lambda f: f.scope is v)),
    (
        Status,
        lambda v: (figures(claimant_ids=["c"], revisable_ids=["r"]), lambda f: f.status is v),
    ),
    (
        VictimCategory,
        lambda v: (figures(claimant_ids=["c"]), lambda f: f.subject.category is v),
    ),
]


@pytest.mark.parametrize(
    ("vocabulary", "value", "make"),
    [(vocabulary, value, make) for vocabulary, make in _REACH for value in vocabulary],
    ids=lambda x: str(getattr(x, "value", getattr(x, "__name__", ""))),
)
def test_every_vocabulary_value_is_generated(
    vocabulary: type[StrEnum], value: StrEnum, make: Callable[[StrEnum], Any]
) -> None:
    strategy, wanted = make(value)
    find(strategy, wanted, settings=FIND)


def test_datasets_reach_revisions_cumulative_figures_and_vague_bounds() -> None:
    quick = FIND
    revised = find(
        datasets(),
        lambda d: any(f.status is Status.REVISED for e in d.events for f in e.figures),
        settings=quick,
    )
    assert errors_of(revised) == []
    cumulative = find(
        datasets(),
        lambda d: any(f.period is not None for e in d.events for f in e.figures),
        settings=quick,
    )
    assert errors_of(cumulative) == []
    find(
        counts(kinds=[CountKind.VAGUE]),
        lambda c: c.low is not None and c.high is not None,
        settings=quick,
    )


def test_other_building_blocks_are_valid_alone() -> None:
    @given(documents(), actors(), places(), events(), st.lists(identifiers(), min_size=1))
    def check(
        document: eventcode.Document,
        actor: eventcode.Actor,
        place: eventcode.Place,
        event: eventcode.Event,
        ids: list[str],
    ) -> None:
        dataset = Dataset(documents=(document,), actors=(actor,), events=(event,))
        assert errors_of(dataset) == []
        assert place.latitude is None or -90 <= place.latitude <= 90
        assert (place.latitude is None) == (place.longitude is None)

    check()


# ---------------------------------------------------------------------------------------------
# Round trips


@given(datasets())
def test_json_text_round_trip(dataset: Dataset) -> None:
    text = eventcode.dumps(dataset)
    again = eventcode.loads(text)
    assert again == dataset
    assert eventcode.dumps(again) == text


@given(datasets())
def test_jsonl_text_round_trip(dataset: Dataset) -> None:
    text = eventcode.dumps(dataset, format="jsonl")
    again = eventcode.loads(text, format="jsonl")
    assert again == dataset
    assert eventcode.dumps(again, format="jsonl") == text
    # One header line, then one line per record.
    records = len(dataset.documents) + len(dataset.actors)
    records += len(dataset.claimants) + len(dataset.events)
    assert text.count("\n") == 1 + records


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
@given(dataset=datasets())
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_file_round_trip(tmp_path: Path, suffix: str, dataset: Dataset) -> None:
    path = tmp_path / f"x{suffix}"
    eventcode.write(dataset, path)
    fmt = "jsonl" if suffix == ".jsonl" else "json"
    assert path.read_bytes() == eventcode.dumps(dataset, format=fmt).encode("utf-8")
    again = eventcode.read(path)
    assert again == dataset
    loaded = eventcode.load(path)
    assert loaded.findings == ()
    assert loaded.dataset == dataset
    report = eventcode.validate_path(path)
    assert not report.has_errors, report.findings
    eventcode.write(again, path)
    assert path.read_bytes() == eventcode.dumps(dataset, format=fmt).encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Hypothesis stays optional


def test_import_eventcode_does_not_import_hypothesis() -> None:
    code = "import eventcode, sys; assert 'hypothesis' not in sys.modules, 'hypothesis imported'"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_subprocess_check_can_fail() -> None:
    code = "import eventcode.strategies, sys; assert 'hypothesis' not in sys.modules"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0


def test_jsonl_escapes_what_other_readers_take_for_line_breaks() -> None:
    dataset = eventcode.read(Path(__file__).parent.parent / "fixtures/makiivka-2023/dataset.json")
    actor = attrs.evolve(dataset.actors[0], notes="a\u2028b\x85c\u2029d")
    changed = attrs.evolve(dataset, actors=(actor, *dataset.actors[1:]))
    text = eventcode.dumps(changed, format="jsonl")
    assert len(text.splitlines()) == text.count("\n")  # one record, one line, for any splitter
    assert eventcode.loads(text, format="jsonl") == changed
