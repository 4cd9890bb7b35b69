"""Date spans with their precision."""

from __future__ import annotations

from datetime import date

from attrs import frozen

from eventcode.model.vocabulary import DatePrecision

__all__ = ["DateSpan", "StatedOn", "span_of"]


@frozen(kw_only=True)
class DateSpan:
    """The days an event (or a period) may fall on, and how precisely that is known.

    ``end`` is ``None`` for a single day. A week known only as a week is ``start`` its first day,
    ``end`` its last, precision ``week``.
    """

    start: date
    end: date | None = None
    precision: DatePrecision = DatePrecision.DAY

    @property
    def last(self) -> date:
        """The last day of the span."""
        return self.start if self.end is None else self.end

    @property
    def acled_time_precision(self) -> int | None:
        """ACLED's ``time_precision`` for this span (None: ACLED would not record it)."""
        return self.precision.acled_time_precision

    @property
    def ucdp_date_prec(self) -> int:
        """UCDP GED's ``date_prec`` for this span."""
        return self.precision.ucdp_date_prec


#: When a statement was made: a day, or a span with its precision ("early April 2022").
StatedOn = date | DateSpan


def span_of(when: StatedOn) -> DateSpan:
    """Return a statement date as a span: a day is a one-day span."""
    return when if isinstance(when, DateSpan) else DateSpan(start=when)
