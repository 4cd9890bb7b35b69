"""Records built in Python with plain values: validate reports, dumps refuses, nothing raises."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pytest

import eventcode
from tests.helpers import MAKIIVKA

DATASET = eventcode.read(MAKIIVKA)
STRIKE = DATASET.events[0]


def _with_event(event: Any) -> eventcode.Dataset:
    return attrs.evolve(DATASET, events=(event, *DATASET.events[1:]))


def _with_figure(**changes: Any) -> eventcode.Dataset:
    figure = attrs.evolve(STRIKE.figures[0], **changes)
    return _with_event(attrs.evolve(STRIKE, figures=(figure, *STRIKE.figures[1:])))


BAD = {
    "a basis that is no vocabulary value": (_with_figure(basis="alleged"), "S103"),
    "a date as text": (_with_event(attrs.evolve(STRIKE, date="2023-03-14")), "S102"),
    "a number among the aliases": (
        attrs.evolve(
            DATASET, actors=(attrs.evolve(DATASET.actors[0], aliases=("x", 5)), *DATASET.actors[1:])
        ),
        "S102",
    ),
    "figures that are not a sequence": (_with_event(attrs.evolve(STRIKE, figures=5)), "S102"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_validate_reports_a_wrong_type_with_its_path(name: str) -> None:
    dataset, code = BAD[name]
    report = eventcode.validate(dataset)
    assert code in {f.code for f in report.findings}
    assert all(f.location.path for f in report.findings if f.code == code)


@pytest.mark.parametrize("name", sorted(BAD))
def test_dumps_refuses_what_loads_would_refuse(name: str) -> None:
    dataset, code = BAD[name]
    with pytest.raises(eventcode.DatasetError) as raised:
        eventcode.dumps(dataset)
    assert code in {f.code for f in raised.value.findings}


def test_lists_and_datetimes_are_taken_as_the_loader_takes_them() -> None:
    listed = _with_event(attrs.evolve(STRIKE, documents=list(STRIKE.documents)))
    assert {f.code for f in eventcode.validate(listed).findings} == {"R002", "R004"}
    assert eventcode.loads(eventcode.dumps(listed)) == DATASET
    moment = _with_figure(stated_on=datetime.datetime(2023, 1, 2, 5, 30))
    assert not eventcode.validate(moment).has_errors
    assert eventcode.loads(eventcode.dumps(moment)).events[0].figures[0].stated_on == (
        datetime.date(2023, 1, 2)
    )
