"""Figures of one event against each other: incompatible accounts, cumulative totals, parts."""

from __future__ import annotations

from functools import cache, lru_cache

from eventcode._data import data_json
from eventcode.checks.context import Context
from eventcode.checks.registry import declare
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_index, join_key
from eventcode.model import Basis, CountKind, Event, Figure, Scope, VictimCategory
from eventcode.rules.accounts import account_groups
from eventcode.rules.basis import unexpected_bases
from eventcode.rules.compare import ComparisonKind, compare
from eventcode.rules.derive import acled_fatalities, death_quantities
from eventcode.rules.pairs import candidate_pairs, may_disagree, may_pair, spread
from eventcode.rules.revisions import revisions

__all__ = ["FIGURE_RELATIONS", "figure_relation_findings"]

#: The codes this check may emit (see :mod:`eventcode.checks.registry`).
FIGURE_RELATIONS = declare(
    "figure-relations",
    ("R001", "R002", "R003", "R004", "R005", "R008", "R011", "R012"),
    "figures of one event against each other: contradictions, scopes, bases, parts",
)


# Enum members bound once: in Python 3.11 ``Scope.EVENT`` goes through the enum class's
# ``__getattr__`` hook (several times the cost of a plain name), and the checks ask per figure.
_UNKNOWN = CountKind.UNKNOWN
_EVENT, _CUMULATIVE = Scope.EVENT, Scope.CUMULATIVE
#: The kinds of count whose ``high`` is a maximum.
_CAPPED = (CountKind.EXACT, CountKind.RANGE, CountKind.UPPER_BOUND)
#: The pair codes, in their order: what each reports, and the verb of its finding.
_PAIR_CODES = (
    ("R001", ComparisonKind.CONTRADICT, "contradicts"),
    ("R002", ComparisonKind.DIVERGE, "diverges from"),
)


@cache
def _part_of() -> dict[str, str]:
    """Return each part quantity's whole (made once from the packaged table; never changed)."""
    table = data_json("quantities.json")["quantities"]
    return {name: q["part_of"] for name, q in table.items() if q["part_of"]}


def _family(quantity: str) -> str:
    """Return the whole a quantity belongs to (killed and wounded: casualties)."""
    return _part_of().get(quantity, quantity)


def _figure_path(path: str, index: int) -> str:
    return join_index(join_key(path, "figures"), index)


def _incompatible_accounts(event: Event, path: str, context: Context) -> list[Finding]:
    found: list[Finding] = []
    figures = event.figures
    for i, silent in enumerate(figures):
        if silent.value.kind is not _UNKNOWN:
            continue
        side = context.side_of(silent.claimant)
        if side is None:
            continue
        given = [
            other
            for other in figures
            if other.value.kind is not _UNKNOWN
            and other.claimant != silent.claimant
            and context.side_of(other.claimant) == side
            and other.subject == silent.subject
            and _family(other.quantity) == _family(silent.quantity)
        ]
        if given:
            listed = "; ".join(
                f"{other.claimant!r} gives {other.quantity} {other.value.phrase!r} ({other.id})"
                for other in given
            )
            found.append(
                make_finding(
                    "R004",
                    f"{silent.claimant!r} says of {silent.quantity} {silent.value.phrase!r}, "
                    f"while the same side's {listed}",
                    path=_figure_path(path, i),
                    related=(silent.id, *(other.id for other in given)),
                    event=event.id,
                )
            )
    return found


def _cumulative_on_event(event: Event, path: str) -> list[Finding]:
    found: list[Finding] = []
    violent = event.acled is not None
    for i, figure in enumerate(event.figures):
        period, scope = figure.period, figure.scope
        # An event-scope figure counting over more than the event's days is an aggregate;
        # a cumulative one belongs on the statement that announced it, not on a violent event.
        reaches_beyond = (
            scope is _EVENT
            and period is not None
            and (period.start < event.date.start or period.last > event.date.last)
        )
        if (scope is _CUMULATIVE and violent) or reaches_beyond:
            what = "a cumulative total" if scope is _CUMULATIVE else "a figure"
            over = (
                f" over {period.start.isoformat()}..{period.last.isoformat()}"
                if period is not None
                else ""
            )
            found.append(
                make_finding(
                    "R005",
                    f"{what}{over} ({figure.id}) is attached to event {event.id!r} as if it "
                    "were its toll",
                    path=_figure_path(path, i),
                    related=(figure.id,),
                    event=event.id,
                )
            )
    return found


def _minimum(figure: Figure) -> int | None:
    return figure.value.low


def _maximum(figure: Figure) -> int | None:
    if figure.value.kind in _CAPPED:
        return figure.value.high
    return None


def _parts_exceed_whole(event: Event, path: str) -> list[Finding]:
    found: list[Finding] = []
    part_of = _part_of()
    # the figures of each whole's parts, in the event's order (a whole none is part of: none)
    under: dict[str, list[Figure]] = {}
    for figure in event.figures:
        of = part_of.get(figure.quantity)
        if of is not None:
            under.setdefault(of, []).append(figure)
    if not under:
        return found
    for i, whole in enumerate(event.figures):
        candidates = under.get(whole.quantity)
        if candidates is None:
            continue
        maximum = _maximum(whole)
        if maximum is None:
            continue
        parts: dict[str, Figure] = {}
        for figure in candidates:
            if figure.subject == whole.subject:
                low = _minimum(figure)
                best = parts.get(figure.quantity)
                if low is not None and (best is None or low < (_minimum(best) or 0)):
                    parts[figure.quantity] = figure  # the smallest figure of each part
        total = sum(_minimum(p) or 0 for p in parts.values())
        if parts and total > maximum:
            listed = " + ".join(f"{p.quantity} {_minimum(p)}" for p in parts.values())
            found.append(
                make_finding(
                    "R008",
                    f"{listed} = {total} exceeds {whole.quantity} {whole.value.phrase!r} "
                    f"({whole.id})",
                    path=_figure_path(path, i),
                    related=(whole.id, *(p.id for p in parts.values())),
                    event=event.id,
                )
            )
    return found


def _describe(figure: Figure, context: Context) -> str:
    claimant = context.claimants.get(figure.claimant)
    who = claimant.name if claimant is not None else figure.claimant
    return f"{figure.value.phrase!r} ({figure.id}, {figure.basis.value} by {who})"


#: Comparisons one event may cost per code, as a multiple of the findings limit.
_WORK_PER_FINDING = 100


def _disagreements(event: Event, path: str, context: Context) -> list[Finding]:
    if len(event.figures) < 2:
        return []  # no pair
    rules = context.policy
    limit = context.max_pair_findings
    superseded = revisions(
        event, follow_cross_claimant=rules.cross_claimant_revisions == "supersede"
    ).superseded
    # by quantity and subject (its fields: a tuple hashes faster than the attrs class)
    groups: dict[tuple[str, str | None, VictimCategory | None], list[Figure]] = {}
    for f in event.figures:
        if f.scope is _EVENT and f.id not in superseded:
            subject = f.subject
            groups.setdefault((f.quantity, subject.actor, subject.category), []).append(f)
    # only a group of two or more figures has a pair (or a figure that may_disagree names);
    # each group's figures are read once, for both codes
    several = [
        (members, spread(members, rules)) for members in groups.values() if len(members) > 1
    ]
    if not several:
        return []
    index: dict[int, int] = {}  # each figure's place in the event, by identity: made at need
    found: list[tuple[int, int, Finding]] = []
    for code, kind, verb in _PAIR_CODES:
        named: set[str] = set()
        reported = work = 0
        cut = False
        for members, read in several:
            if cut:
                break
            if not may_pair(read, rules, code):
                continue  # no candidate pair: nothing to compare
            for a, b in candidate_pairs(members, rules, code, spread_of=read):
                if reported >= limit or work >= limit * _WORK_PER_FINDING:
                    cut = True
                    break
                work += 1
                first, second = members[a], members[b]
                result = compare(first, second, rules)
                if result.kind is not kind:
                    continue
                reported += 1
                named.update((first.id, second.id))
                if not index:
                    index.update((id(f), i) for i, f in enumerate(event.figures))
                finding = make_finding(
                    code,
                    f"{first.quantity}: {_describe(first, context)} {verb} "
                    f"{_describe(second, context)}: {result.reason} (policy {rules.name})",
                    path=_figure_path(path, index[id(second)]),
                    related=(first.id, second.id),
                    event=event.id,
                )
                found.append((index[id(second)], index[id(first)], finding))
        if cut:
            rest = sorted(
                {f.id for members in groups.values() for f in may_disagree(members, rules, code)}
                - named
            )
            what = "contradictions" if code == "R001" else "divergences"
            summary = make_finding(
                code,
                f"more possible {what} among this event's figures than the limit of {limit} "
                f"findings (max_pair_findings) allows comparing; figures in them not named "
                f"above: {', '.join(rest) if rest else 'none'}",
                path=join_key(path, "figures"),
                related=tuple(rest),
                event=event.id,
            )
            found.append((len(event.figures), 0 if code == "R001" else 1, summary))
    if not found:
        return []
    return [f for _, _, f in sorted(found, key=lambda x: (x[0], x[1]))]


@lru_cache(maxsize=16)  # one a set of bases: there are seven
def _listed(allowed: frozenset[Basis]) -> str:
    """Return bases in words: ``estimated or reported``."""
    return " or ".join(sorted(b.value for b in allowed))


def _basis_findings(event: Event, path: str, context: Context) -> list[Finding]:
    found: list[Finding] = []
    for index, figure, expected in unexpected_bases(event, context.claimants, context.actors):
        allowed = _listed(expected.allowed)
        # ``_value_``, not ``.value`` (a property of Enum: a Python call a finding)
        found.append(
            make_finding(
                "R003",
                f"figure {figure.id!r} is coded {figure.basis._value_!r}; expected {allowed}: "
                f"{expected.reason}",
                path=join_key(_figure_path(path, index), "basis"),
                related=(figure.id,),
                event=event.id,
            )
        )
    return found


def _competing_accounts(event: Event, path: str, context: Context) -> list[Finding]:
    found: list[Finding] = []
    dead = death_quantities()
    deaths = [f for f in event.figures if f.quantity in dead]
    if len(deaths) < 2:
        return found
    index: dict[str, int] = {}  # each figure's place in the event: made at need
    for accounts in account_groups(event, deaths, context.claimants, context.actors):
        if not accounts.disputed:
            continue
        if not index:
            index = {f.id: i for i, f in enumerate(event.figures)}
        by_figure = {f.id: f for f in deaths}
        listed = "; ".join(_describe(by_figure[i], context) for i in accounts.figures)
        found.append(
            make_finding(
                "R011",
                f"competing accounts of the same dead: {accounts.reason} ({listed}); derived "
                "counts weigh them as one group",
                path=_figure_path(path, min(index[i] for i in accounts.figures)),
                related=accounts.figures,
                event=event.id,
            )
        )
    return found


def _fallback_numbers(event: Event, path: str, context: Context) -> list[Finding]:
    found: list[Finding] = []
    rules = context.policy
    if rules.upper_bound_fallback is None or not event.figures:
        return found
    derived = acled_fatalities(event, context.claimants, rules, actors=context.actors)
    index = {f.id: i for i, f in enumerate(event.figures)}
    for group in derived.explanation.groups:
        for figure in group.fallback:
            found.append(
                make_finding(
                    "R012",
                    f"the ACLED count of {group.group} ({group.value}) rests on policy "
                    f"{rules.name}'s fallback for {figure!r}, which states no minimum: "
                    f"{group.reason}",
                    path=join_key(_figure_path(path, index[figure]), "value"),
                    related=(figure,),
                    event=event.id,
                )
            )
    return found


def figure_relation_findings(event: Event, path: str, context: Context) -> list[Finding]:
    """Report what the figures of one event say against each other and of their claimants."""
    # Each finding is made at the event (make_finding's event=), in this order. Each part
    # returns a list: most events have no finding of most parts, and no generator is made.
    found = _disagreements(event, path, context)
    found += _basis_findings(event, path, context)
    found += _incompatible_accounts(event, path, context)
    found += _cumulative_on_event(event, path)
    found += _parts_exceed_whole(event, path)
    found += _competing_accounts(event, path, context)
    found += _fallback_numbers(event, path, context)
    return found
