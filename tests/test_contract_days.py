"""The day ACLED records for an event's date span (``event_date``): the day, or the middle."""

from __future__ import annotations

from datetime import date

import pytest

from eventcode.acled.mapping import event_day
from eventcode.model import DatePrecision, DateSpan


@pytest.mark.parametrize(
    ("span", "day"),
    [
        (DateSpan(start=date(2024, 3, 9)), date(2024, 3, 9)),
        (
            DateSpan(start=date(2024, 1, 1), end=date(2024, 1, 7), precision=DatePrecision.WEEK),
            date(2024, 1, 4),
        ),
        (
            DateSpan(start=date(2024, 2, 1), end=date(2024, 2, 29), precision=DatePrecision.MONTH),
            date(2024, 2, 15),
        ),
        (
            DateSpan(start=date(2023, 12, 30), end=date(2024, 1, 2), precision=DatePrecision.DAYS),
            date(2023, 12, 31),
        ),
    ],
)
def test_the_recorded_day_is_the_day_or_the_middle_of_the_span(span: DateSpan, day: date) -> None:
    found = event_day(span)
    assert found == day
    assert type(found) is date
