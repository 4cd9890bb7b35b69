"""Days given as text are read by the converter's hook for days, once a text.

The fast structurer reads a ``date`` (and a statement date given as text) through
``_day_reader``: the converter's own hook, remembered a text. What it builds is what the
converter builds, and a text the hook refuses is refused every time it is met.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from eventcode.io._converter import converter
from eventcode.io._fast_structure import fast_structurer
from eventcode.model import DateSpan, Figure

_FIGURE: dict[str, Any] = {
    "id": "f1",
    "quantity": "killed",
    "subject": {"category": "civilians"},
    "value": {"kind": "exact", "phrase": "4", "low": 4, "high": 4},
    "basis": "reported",
    "claimant": "c1",
}


@pytest.mark.parametrize("strict_keys", [True, False])
def test_a_day_read_again_is_the_converters_day(strict_keys: bool) -> None:
    read = fast_structurer(DateSpan, strict_keys=strict_keys)
    for _ in range(2):  # the second time, remembered
        value = {"start": "2024-01-05", "end": "2024-01-07"}
        built = read(value)
        assert built == converter(strict_keys=strict_keys).structure(value, DateSpan)
        assert (built.start, built.end) == (date(2024, 1, 5), date(2024, 1, 7))


@pytest.mark.parametrize("text", ["20240105", "2024-W01-5", "2024-02-30", " 2024-01-05"])
def test_a_text_the_hook_refuses_is_refused_each_time(text: str) -> None:
    # date.fromisoformat alone reads the first two (basic and week forms): the hook does not
    read = fast_structurer(DateSpan)
    read({"start": "2024-01-05"})
    for _ in range(2):
        with pytest.raises(Exception):  # noqa: B017, PT011 -- whatever the hook raises
            read({"start": text})
        with pytest.raises(Exception):  # noqa: B017, PT011
            converter().structure({"start": text}, DateSpan)


def test_a_statement_date_as_text_or_as_a_span() -> None:
    read = fast_structurer(Figure)
    on_a_day = read({**_FIGURE, "stated_on": "2024-03-02"})
    assert on_a_day.stated_on == date(2024, 3, 2)
    within = read({**_FIGURE, "stated_on": {"start": "2024-03-01", "end": "2024-03-09"}})
    assert within.stated_on == DateSpan(start=date(2024, 3, 1), end=date(2024, 3, 9))
    assert read({**_FIGURE, "stated_on": None}).stated_on is None
    with pytest.raises(Exception):  # noqa: B017, PT011
        read({**_FIGURE, "stated_on": "20240302"})
