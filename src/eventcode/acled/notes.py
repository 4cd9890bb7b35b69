"""Disputed death figures summarised the way ACLED's notes record disputes.

ACLED publishes one fatality count (the lowest reported) and notes the disagreement in words:
"According to Russian MoD, at least 63 killed; Ukrainian military claimed 400 killed." A victim
group's figures are disputed when two or more death figures of event scope, not revised, state
different counts; each of them becomes a clause, in the event's order.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from eventcode.model import Actor, Basis, Claimant, Count, CountKind, Event, Figure
from eventcode.rules import account_groups, death_figures, group_of
from eventcode.rules.attribution import attributed_actor, disputes

__all__ = [
    "attribution_summary",
    "dispute_summary",
    "may_hold",
    "render_count",
    "with_disputes",
]


def render_count(count: Count) -> str:
    """Render a count in words: ``at least 63``, ``more than 200``, ``nearly 500``, ``dozens``."""
    kind = count.kind
    if kind in (CountKind.EXACT, CountKind.APPROXIMATE) and count.low is not None:
        return f"{'about ' if kind is CountKind.APPROXIMATE else ''}{count.low}"
    if kind is CountKind.LOWER_BOUND and count.low is not None:
        return f"{'more than' if count.strict else 'at least'} {count.low}"
    if kind is CountKind.UPPER_BOUND and count.high is not None:
        return f"{'fewer than' if count.strict else 'up to'} {count.high}"
    if kind is CountKind.NEARLY and count.high is not None:
        return f"nearly {count.high}"
    if kind is CountKind.RANGE and count.low is not None and count.high is not None:
        likely = "" if count.most_likely is None else f" (most likely {count.most_likely})"
        return f"{count.low}-{count.high}{likely}"
    if kind is CountKind.VAGUE and count.term:
        return count.term
    return "an unknown number"


def _clause(figure: Figure, claimants: Mapping[str, Claimant]) -> str:
    """Return a figure's clause: its claimant (:func:`_who`), count and quantity in words.

    Its only text not of this module's words and numbers is the claimant's name (or id), the
    count's term (:func:`render_count`) and the quantity: what :func:`may_hold` reads.
    """
    who = _who(figure.claimant, claimants)
    what = f"{render_count(figure.value)} {figure.quantity.replace('_', ' ')}"
    if figure.basis is Basis.REPORTED:
        return f"According to {who}, {what}"
    verb = "claimed" if figure.basis is Basis.CLAIMED else "estimated"
    return f"{who} {verb} {what}"


def _stated(figure: Figure) -> tuple[object, ...]:
    """Return what a figure states of the count: two figures stating otherwise dispute it."""
    value = figure.value
    return (value.kind, value.low, value.high, value.term)


def dispute_summary(
    event: Event, claimants: Mapping[str, Claimant], actors: Mapping[str, Actor] | None = None
) -> str | None:
    """Return the sentence that notes the event's disputed death figures, or ``None``.

    Competing accounts of one set of dead (``eventcode.rules.account_groups``) are one group.
    """
    if len(event.figures) < 2:
        return None  # a dispute is two figures of a group, of the event's figures
    kept, _ = death_figures(event)
    if len({_stated(f) for f in kept}) < 2:
        return None  # every group's figures state one count
    subjects = [group_of(f.subject) for f in kept]
    groups: dict[object, list[Figure]] = {}
    if len(set(subjects)) == 1:  # one subject: one group, however groups merge
        groups[subjects[0]] = list(kept)
    else:
        merged = account_groups(event, kept, claimants, actors or {})
        member_of = {m: a.group for a in merged for m in a.members}
        for figure, subject in zip(kept, subjects, strict=True):
            groups.setdefault(member_of.get(subject, subject), []).append(figure)
    disputed = {
        f.id for members in groups.values() if len(set(map(_stated, members))) > 1 for f in members
    }
    if not disputed:
        return None
    clauses = [_clause(f, claimants) for f in event.figures if f.id in disputed]
    return "; ".join(clauses) + "."


def attribution_summary(
    event: Event, claimants: Mapping[str, Claimant], country_name: str | None = None
) -> str | None:
    """Return the sentence that notes a disputed perpetrator, or ``None``."""
    found = attributed_actor(event, claimants, country_name)
    if found is None or not found.disputed:
        return None
    clauses = []
    for actor, named in sorted(disputes(event).items()):
        who = ", ".join(_who(a.claimant, claimants) for a in named)
        clauses.append(f"{who} attributed it to {actor}")
    return "Perpetrator disputed: " + "; ".join(clauses) + "."


def _who(claimant_id: str, claimants: Mapping[str, Claimant]) -> str:
    claimant = claimants.get(claimant_id)
    return claimant.name if claimant is not None else claimant_id


def with_disputes(
    event: Event,
    claimants: Mapping[str, Claimant],
    actors: Mapping[str, Actor] | None = None,
    country_name: str | None = None,
) -> str:
    """Return the event's notes followed by its dispute summaries (if any), as one cell.

    The summaries name the disputed death figures and, where claimants disagree about who did it,
    the attributions.
    """
    parts = [
        event.notes or "",
        dispute_summary(event, claimants, actors or {}) or "",
        attribution_summary(event, claimants, country_name) or "",
    ]
    return " ".join(p for p in parts if p)


def may_hold(
    event: Event,
    claimants: Mapping[str, Claimant],
    country_name: str | None,
    character: str,
) -> bool:
    """Tell whether :func:`with_disputes`'s cell may hold ``character``: false only if it cannot.

    ``character`` is one control character (Unicode category ``Cc``, such as a NUL), which
    none of the words, numbers and joints the summaries are made of holds. The cell is the
    event's notes and its summaries joined; the dispute summary is the clauses of some of the
    event's figures joined, and a clause holds such a character only in the text it takes from
    its figure (:func:`_clause`: the claimant's name, the count's term, the quantity). So a
    character in none of the notes, those texts of any figure and the attribution summary is
    in none of them: which figures are disputed (the weighing of victim groups) need not be
    worked out to tell so, nor the clauses written.
    """
    if len(character) != 1 or unicodedata.category(character) != "Cc":
        raise ValueError(f"not one character of category Cc (a control character): {character!r}")
    if event.notes is not None and character in event.notes:
        return True
    for figure in event.figures:
        term = figure.value.term
        if (
            character in _who(figure.claimant, claimants)
            or (term is not None and character in term)
            or character in figure.quantity
        ):
            return True
    return character in (attribution_summary(event, claimants, country_name) or "")
