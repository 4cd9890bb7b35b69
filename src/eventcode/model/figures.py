"""Figures: a count somebody stated, with its basis, claimant, date, scope and evidence."""

from __future__ import annotations

from attrs import field, frozen

from eventcode.model.constraints import ID_PATTERN, QUANTITY_PATTERN, constrain
from eventcode.model.dates import DateSpan, StatedOn
from eventcode.model.values import Count
from eventcode.model.vocabulary import Basis, Scope, Status, VictimCategory

__all__ = ["Evidence", "Figure", "Subject"]


@frozen(kw_only=True)
class Subject:
    """Whose count a figure is: an actor id, a victim category, or both."""

    actor: str | None = field(default=None, metadata=constrain(pattern=ID_PATTERN))
    category: VictimCategory | None = None


@frozen(kw_only=True)
class Evidence:
    """The document a figure comes from and the short phrase that carries the number."""

    document: str = field(metadata=constrain(pattern=ID_PATTERN))
    phrase: str = field(metadata=constrain(min_length=1))


@frozen(kw_only=True)
class Figure:
    """A figure: a statement that some count had some value, by someone, on some day.

    ``quantity`` names what is counted (``killed``, ``wounded``, ``munitions_struck``; see
    ``data/quantities.json``); ``claimant`` is a claimant id; ``stated_on`` the day it was said
    (a date), or the span within which it was said, with its precision ("early April 2022": a
    :class:`DateSpan`);
    ``scope`` says whether it counts this event or a cumulative total over ``period``;
    ``partial`` marks a count that is incomplete by construction (bodies seen at one site, one
    hospital's dead, a toll "so far"): a floor under the toll, never the toll;
    ``revised_by`` names the later figure that replaces a ``revised`` one; ``channel`` is the way it
    was made public (Telegram, press briefing, intelligence note); ``relay`` is the claimant
    through whom the figure reached the outlet, when the source names one.
    """

    id: str = field(metadata=constrain(pattern=ID_PATTERN))
    quantity: str = field(metadata=constrain(pattern=QUANTITY_PATTERN))
    subject: Subject
    value: Count
    basis: Basis
    claimant: str = field(metadata=constrain(pattern=ID_PATTERN))
    stated_on: StatedOn | None = None
    scope: Scope = Scope.EVENT
    period: DateSpan | None = None
    partial: bool = False
    status: Status = Status.FINAL
    revised_by: str | None = field(default=None, metadata=constrain(pattern=ID_PATTERN))
    channel: str | None = None
    relay: str | None = field(default=None, metadata=constrain(pattern=ID_PATTERN))
    evidence: Evidence | None = None
    notes: str | None = None
