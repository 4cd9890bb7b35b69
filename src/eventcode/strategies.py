"""Hypothesis strategies that generate valid eventcode records and datasets.

Everything these strategies build passes :func:`eventcode.validate` with no error-severity
finding and survives a round trip through JSON and JSON Lines: ids match the id pattern and are
unique where they must be, every reference (actor, claimant, document, ``revised_by`` figure)
resolves, counts have the bounds their kind asks for, date spans end on or after their start,
coordinates come in pairs within range, and quantities come from ``data/quantities.json``.
Codes checked against the codebooks (CAMEO event and actor codes, ACLED classifications,
countries and source scales) are drawn from the codebooks themselves.

This module needs Hypothesis (install the ``strategies`` extra: ``eventcode[strategies]``);
``import eventcode`` alone never imports it. Use it in your own property tests::

    from hypothesis import given
    from eventcode.strategies import datasets

    @given(datasets(max_events=3))
    def test_my_export(dataset): ...
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection, Sequence
from datetime import date, timedelta
from typing import Literal

import attrs

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ModuleNotFoundError as missing:  # pragma: no cover - depends on what is installed
    raise ModuleNotFoundError(
        "eventcode.strategies needs Hypothesis: pip install 'eventcode[strategies]'",
        name=missing.name,
    ) from missing

from eventcode import codebooks
from eventcode.checks.records import known_quantities
from eventcode.model import (
    FORMAT_VERSION,
    AcledClass,
    Actor,
    ActorRole,
    Attribution,
    Basis,
    Claimant,
    ClaimantKind,
    Coding,
    Count,
    CountKind,
    Dataset,
    DatePrecision,
    DateSpan,
    Document,
    Event,
    EventActor,
    Evidence,
    Figure,
    GedCell,
    Place,
    PlacePrecision,
    Scope,
    Status,
    Subject,
    UcdpRow,
    VictimCategory,
    VictimGroup,
    VictimRelation,
)
from eventcode.model.constraints import CAMEO_EVENT_PATTERN, COUNTRY_PATTERN, MAX_COUNT

__all__ = [
    "MAX_DATE",
    "MIN_DATE",
    "acled_classes",
    "actors",
    "claimants",
    "counts",
    "datasets",
    "date_spans",
    "dates",
    "documents",
    "events",
    "figures",
    "identifiers",
    "places",
    "texts",
    "ucdp_rows",
]

#: The earliest day the date strategies produce by default.
MIN_DATE = date(1900, 1, 1)
#: The latest day the date strategies produce by default.
MAX_DATE = date(2099, 12, 31)

_DIGITS = "0123456789"
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LETTERS = _UPPER + _UPPER.lower()
_ID_FIRST = _LETTERS + _DIGITS
_ID_REST = _ID_FIRST + "._:/-"
_MAX_COUNT = 1_000_000
_BATTLES = "Battles"
#: Lone surrogates cannot be encoded as UTF-8.
_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)


def _joined(first: st.SearchStrategy[str], rest: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(str.__add__, first, rest)


# --------------------------------------------------------------------------------------------
# Scalars


def texts(*, min_size: int = 0, max_size: int = 24) -> st.SearchStrategy[str]:
    """Generate text of any Unicode except surrogates and NUL.

    Surrogates cannot be encoded as UTF-8; NUL is in no valid text (A018: most tools downstream
    refuse it, so a dataset holding one is not valid ACLED).
    """
    return st.text(
        st.characters(exclude_categories=_SURROGATES, exclude_characters="\x00"),
        min_size=min_size,
        max_size=max_size,
    )


def identifiers(*, max_size: int = 16) -> st.SearchStrategy[str]:
    """Generate ids matching ``ID_PATTERN``: letters, digits and ``._:/-``, not starting with one.

    ``max_size`` (at least 1) bounds the length.
    """
    if max_size < 1:
        raise InvalidArgument(f"max_size={max_size} must be at least 1")
    return _joined(
        st.sampled_from(_ID_FIRST), st.text(st.sampled_from(_ID_REST), max_size=max_size - 1)
    )


def _countries() -> st.SearchStrategy[str]:
    # Countries ACLED knows (others draw a C021 warning), all matching COUNTRY_PATTERN.
    known = {c.alpha3 for c in codebooks.acled_countries() if c.alpha3 is not None}
    return st.sampled_from(sorted(code for code in known if re.fullmatch(COUNTRY_PATTERN, code)))


def _cameo_actor_codes() -> st.SearchStrategy[str]:
    # One to three parts, each from a CAMEO actor table, kept only if the codebook parses it.
    parts = sorted(
        {
            entry.code.upper()
            for table in codebooks.ACTOR_TABLES
            for entry in codebooks.cameo_actor_table(table)
            if len(entry.code) == 3 and entry.code.isalpha() and entry.code.isascii()
        }
    )
    return (
        st.lists(st.sampled_from(parts), min_size=1, max_size=3)
        .map("".join)
        .filter(lambda code: codebooks.parse_cameo_actor(code).is_valid)
    )


def _cameo_event_codes() -> st.SearchStrategy[str]:
    return st.sampled_from(
        [
            code
            for code in codebooks.cameo_event_codes()
            if re.fullmatch(CAMEO_EVENT_PATTERN, code) and codebooks.is_cameo_event_code(code)
        ]
    )


def _source_scales() -> st.SearchStrategy[str]:
    return st.sampled_from(
        [s for s in codebooks.acled_source_scales() if codebooks.is_acled_source_scale(s)]
    )


def _languages() -> st.SearchStrategy[str]:
    subtag = st.text(st.sampled_from(_LETTERS + _DIGITS), min_size=1, max_size=8)
    return st.builds(
        lambda head, tail: "-".join([head, *tail]),
        st.text(st.sampled_from(_LETTERS), min_size=2, max_size=3),
        st.lists(subtag, max_size=2),
    )


def _inters() -> st.SearchStrategy[int | None]:
    return st.none() | st.integers(1, 8)


def dates(*, min_value: date = MIN_DATE, max_value: date = MAX_DATE) -> st.SearchStrategy[date]:
    """Generate days between ``min_value`` and ``max_value`` (1900 to 2099 by default)."""
    return st.dates(min_value=min_value, max_value=max_value)


# --------------------------------------------------------------------------------------------
# Values


def _span_for(precision: DatePrecision, day: date, length: int, max_value: date) -> DateSpan:
    if precision is DatePrecision.DAY:
        return DateSpan(start=day, precision=precision)
    if precision is DatePrecision.DAYS:
        end = min(day + timedelta(days=length), max_value)
        return DateSpan(start=day, end=end, precision=precision)
    if precision is DatePrecision.WEEK:
        start = min(day, max_value - timedelta(days=6))
        return DateSpan(start=start, end=start + timedelta(days=6), precision=precision)
    if precision is DatePrecision.MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        end = min(day.replace(day=last), max_value)
        return DateSpan(start=day.replace(day=1), end=end, precision=precision)
    end = min(date(day.year, 12, 31), max_value)
    return DateSpan(start=date(day.year, 1, 1), end=end, precision=precision)


def date_spans(
    *,
    precisions: Collection[DatePrecision] | None = None,
    min_value: date = MIN_DATE,
    max_value: date = MAX_DATE,
) -> st.SearchStrategy[DateSpan]:
    """Generate date spans that fit their precision, each ending on or after its start.

    ``day``: a single day (no ``end``); ``days``: two days to two weeks; ``week``: seven days;
    ``month`` and ``year``: the whole month or year (cut at ``max_value``). ``precisions``
    restricts the precisions drawn (all by default). Spans start no earlier than ``min_value``
    (month and year spans start on their first day, which may be earlier) and end no later than
    ``max_value``, which must be at least a week after ``min_value``.
    """
    chosen = list(DatePrecision) if precisions is None else list(precisions)
    if not chosen:
        raise InvalidArgument("precisions must not be empty")
    if max_value - min_value < timedelta(days=6):
        raise InvalidArgument("max_value must be at least six days after min_value")
    return st.builds(
        _span_for,
        st.sampled_from(chosen),
        dates(min_value=min_value, max_value=max_value),
        st.integers(1, 13),
        st.just(max_value),
    )


def _count_of(
    kind: CountKind, phrase: str, a: int, b: int, term: str, bounds: tuple[bool, bool]
) -> Count:
    low, high = min(a, b), max(a, b)
    qualified = bounds[0]
    if kind in (CountKind.EXACT, CountKind.APPROXIMATE):
        return Count(kind=kind, phrase=phrase, low=a, high=a)
    if kind is CountKind.LOWER_BOUND:
        return Count(kind=kind, phrase=phrase, low=a, strict=qualified)
    if kind is CountKind.UPPER_BOUND:
        return Count(kind=kind, phrase=phrase, high=a, strict=qualified and a > 0)
    if kind is CountKind.NEARLY:
        return Count(kind=kind, phrase=phrase, high=a)
    if kind is CountKind.RANGE:
        top = high + 1 if low == high else high
        likely = (low if bounds[1] else top) if qualified else None
        return Count(kind=kind, phrase=phrase, low=low, high=top, most_likely=likely)
    if kind is CountKind.VAGUE:
        with_low, with_high = bounds
        return Count(
            kind=kind,
            phrase=phrase,
            term=term,
            low=low if with_low else None,
            high=high if with_high else None,
        )
    return Count(kind=kind, phrase=phrase)


def counts(
    *, kinds: Collection[CountKind] | None = None, max_value: int = _MAX_COUNT
) -> st.SearchStrategy[Count]:
    """Generate counts whose bounds fit their kind.

    exact and approximate: ``low == high``; lower_bound: ``low`` only, sometimes ``strict``;
    upper_bound: ``high`` only, sometimes ``strict``; nearly: ``high`` only; range: ``low <
    high``, sometimes with a ``most_likely`` end; vague: a ``term``, with neither, either or both
    bounds (``low <= high``); unknown: nothing. Bounds lie in ``0..max_value - 1``, and
    ``max_value`` is at most ``MAX_COUNT + 1`` (a larger count is not valid). ``kinds``
    restricts the kinds drawn (all by default).
    """
    chosen = list(CountKind) if kinds is None else list(kinds)
    if not chosen:
        raise InvalidArgument("kinds must not be empty")
    if max_value < 1:
        raise InvalidArgument(f"max_value={max_value} must be at least 1 (a range needs two)")
    if max_value > MAX_COUNT + 1:
        raise InvalidArgument(
            f"max_value={max_value} is more than MAX_COUNT + 1: a count is at most {MAX_COUNT:,}"
        )
    numbers = st.integers(0, max_value - 1)
    return st.builds(
        _count_of,
        st.sampled_from(chosen),
        texts(),
        numbers,
        numbers,
        texts(min_size=1, max_size=16),
        st.tuples(st.booleans(), st.booleans()),
    )


def _coordinates() -> st.SearchStrategy[tuple[float, float] | None]:
    def degrees(limit: float) -> st.SearchStrategy[float]:
        return st.floats(-limit, limit, allow_nan=False, allow_infinity=False)

    return st.none() | st.tuples(degrees(90), degrees(180))


def _with_coordinates(place: Place, coordinates: tuple[float, float] | None) -> Place:
    if coordinates is None:
        return place
    return attrs.evolve(place, latitude=coordinates[0], longitude=coordinates[1])


def places() -> st.SearchStrategy[Place]:
    """Generate places: both coordinates (in range) or neither, any precision or none."""
    optional_text = st.none() | texts()
    unplaced = st.builds(
        Place,
        name=texts(min_size=1),
        country=st.none() | _countries(),
        admin1=optional_text,
        admin2=optional_text,
        admin3=optional_text,
        precision=st.none() | st.sampled_from(PlacePrecision),
        aliases=st.lists(texts(), max_size=2).map(tuple),
    )
    return st.builds(_with_coordinates, unplaced, _coordinates())


def acled_classes() -> st.SearchStrategy[AcledClass]:
    """Generate ACLED classifications that ACLED's taxonomy allows.

    Each is a sub-event type with its own event type and disorder type.
    """
    names = sorted(codebooks.acled_sub_event_types())

    def classify(name: str) -> AcledClass:
        sub = codebooks.acled_sub_event_type(name)
        return AcledClass(
            disorder_type=sub.disorder_type, event_type=sub.event_type, sub_event_type=sub.name
        )

    return st.sampled_from(names).map(classify)


def ucdp_rows() -> st.SearchStrategy[UcdpRow]:
    """Generate the kept cells of a UCDP GED row: one cell a column, columns GED's or others."""
    from eventcode.ucdp.columns import GED_COLUMNS

    columns = st.sampled_from(GED_COLUMNS) | texts(min_size=1, max_size=12)
    cells = st.lists(st.tuples(columns, texts()), max_size=4, unique_by=lambda c: c[0])
    return cells.map(lambda kept: UcdpRow(cells=[GedCell(column=c, value=v) for c, v in kept]))


# --------------------------------------------------------------------------------------------
# Parties


def documents(*, ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Document]:
    """Generate source documents; ``ids`` draws their ids (:func:`identifiers` by default)."""
    optional_text = st.none() | texts()
    return st.builds(
        Document,
        id=identifiers() if ids is None else ids,
        outlet=texts(min_size=1),
        title=optional_text,
        published=st.none() | dates(),
        language=st.none() | _languages(),
        url=optional_text,
        source_scale=st.none() | _source_scales(),
        notes=optional_text,
    )


def actors(*, ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Actor]:
    """Generate actors with optional CAMEO code, country and default ACLED type (1-8)."""
    return st.builds(
        Actor,
        id=identifiers() if ids is None else ids,
        name=texts(min_size=1),
        cameo=st.none() | _cameo_actor_codes(),
        country=st.none() | _countries(),
        inter=_inters(),
        aliases=st.lists(texts(), max_size=2).map(tuple),
        notes=st.none() | texts(),
    )


def claimants(
    *, actor_ids: Sequence[str] = (), ids: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Claimant]:
    """Generate claimants of every kind; ``speaks_for`` is one of ``actor_ids`` or ``None``."""
    speaks_for: st.SearchStrategy[str | None] = st.none()
    if actor_ids:
        speaks_for = speaks_for | st.sampled_from(list(actor_ids))
    return st.builds(
        Claimant,
        id=identifiers() if ids is None else ids,
        name=texts(min_size=1),
        kind=st.sampled_from(ClaimantKind),
        speaks_for=speaks_for,
        country=st.none() | _countries(),
        notes=st.none() | texts(),
    )


# --------------------------------------------------------------------------------------------
# Figures and events


@st.composite
def _subjects(draw: st.DrawFn, actor_ids: Sequence[str]) -> Subject:
    category = draw(st.none() | st.sampled_from(VictimCategory))
    actor = draw(st.none() | st.sampled_from(list(actor_ids))) if actor_ids else None
    if actor is None and category is None:  # a subject names an actor, a category or both
        category = draw(st.sampled_from(VictimCategory))
    return Subject(actor=actor, category=category)


@st.composite
def _figures(
    draw: st.DrawFn,
    claimant_ids: Sequence[str],
    actor_ids: Sequence[str],
    document_ids: Sequence[str],
    ids: st.SearchStrategy[str],
    revisable_ids: Sequence[str],
    quantities: Sequence[str],
) -> Figure:
    scope = draw(st.sampled_from(Scope))
    statuses = list(Status) if revisable_ids else [Status.FINAL, Status.PROVISIONAL]
    status = draw(st.sampled_from(statuses))
    revised_by = draw(st.sampled_from(list(revisable_ids))) if status is Status.REVISED else None
    evidence = None
    cite: bool = draw(st.booleans())
    if cite and document_ids:
        evidence = Evidence(
            document=draw(st.sampled_from(list(document_ids))), phrase=draw(texts(min_size=1))
        )
    return Figure(
        id=draw(ids),
        quantity=draw(st.sampled_from(list(quantities))),
        subject=draw(_subjects(actor_ids)),
        value=draw(counts()),
        basis=draw(st.sampled_from(Basis)),
        claimant=draw(st.sampled_from(list(claimant_ids))),
        stated_on=draw(st.none() | dates() | date_spans()),
        scope=scope,
        period=draw(date_spans()) if scope is Scope.CUMULATIVE else None,
        partial=draw(st.booleans()),
        status=status,
        revised_by=revised_by,
        channel=draw(st.none() | texts()),
        relay=draw(st.none() | st.sampled_from(list(claimant_ids))),
        evidence=evidence,
        notes=draw(st.none() | texts()),
    )


def figures(
    *,
    claimant_ids: Sequence[str],
    actor_ids: Sequence[str] = (),
    document_ids: Sequence[str] = (),
    ids: st.SearchStrategy[str] | None = None,
    revisable_ids: Sequence[str] = (),
    quantities: Collection[str] | None = None,
) -> st.SearchStrategy[Figure]:
    """Generate figures whose references are drawn from the ids given.

    ``claimant_ids`` (required, not empty) supplies ``claimant``; ``actor_ids`` the subject's
    actor (a subject without one gets a victim category); ``document_ids`` the evidence.
    Cumulative figures get a ``period``. A figure is ``revised`` only when ``revisable_ids`` is
    given, and then names one of them in ``revised_by``: the caller must make sure those figures
    exist (as :func:`events` does). ``quantities`` defaults to those of ``data/quantities.json``.
    """
    if not claimant_ids:
        raise InvalidArgument("figures() needs at least one claimant id")
    chosen = sorted(known_quantities() if quantities is None else quantities)
    if not chosen:
        raise InvalidArgument("quantities must not be empty")
    return _figures(
        list(claimant_ids),
        list(actor_ids),
        list(document_ids),
        identifiers() if ids is None else ids,
        list(revisable_ids),
        chosen,
    )


def _unused(ids: st.SearchStrategy[str], used: Collection[str]) -> st.SearchStrategy[str]:
    return ids.filter(lambda identifier: identifier not in used)


def _event_actors(actor_ids: Sequence[str]) -> st.SearchStrategy[EventActor]:
    return st.builds(EventActor, actor=st.sampled_from(list(actor_ids)), inter=_inters())


@st.composite
def _attributions(
    draw: st.DrawFn,
    actor_ids: Sequence[str],
    claimant_ids: Sequence[str],
    document_ids: Sequence[str],
) -> Attribution:
    evidence = None
    cite: bool = draw(st.booleans())
    if cite and document_ids:
        evidence = Evidence(
            document=draw(st.sampled_from(list(document_ids))), phrase=draw(texts(min_size=1))
        )
    return Attribution(
        actor=draw(st.sampled_from(list(actor_ids))),
        role=draw(st.sampled_from(ActorRole)),
        inter=draw(_inters()),
        claimant=draw(st.sampled_from(list(claimant_ids))),
        basis=draw(st.sampled_from(Basis)),
        stated_on=draw(st.none() | dates() | date_spans()),
        civilian_targeting=draw(st.none() | st.booleans()),
        evidence=evidence,
        notes=draw(st.none() | texts()),
    )


@st.composite
def _victim_groups(draw: st.DrawFn, figure_ids: Sequence[str]) -> tuple[VictimGroup, ...]:
    """Draw victim groups over an event's figures: two or more each, a figure in one at most."""
    if len(figure_ids) < 2:
        return ()
    chosen = draw(st.lists(st.sampled_from(list(figure_ids)), unique=True, max_size=6))
    groups: list[VictimGroup] = []
    while len(chosen) >= 2:
        size = draw(st.integers(2, len(chosen)))
        members, chosen = chosen[:size], chosen[size:]
        groups.append(
            VictimGroup(
                figures=tuple(members),
                relation=draw(st.sampled_from(VictimRelation)),
                notes=draw(st.none() | texts()),
            )
        )
    return tuple(groups)


@st.composite
def _events(
    draw: st.DrawFn,
    actor_ids: Sequence[str],
    claimant_ids: Sequence[str],
    document_ids: Sequence[str],
    ids: st.SearchStrategy[str],
    figure_ids: st.SearchStrategy[str],
    max_figures: int,
    exclude_figure_ids: Collection[str],
) -> Event:
    used = set(exclude_figure_ids)
    count = draw(st.integers(0, max_figures)) if claimant_ids else 0
    # Drawn last to first, so a figure can be revised only by a later one: no revision cycles.
    later: list[Figure] = []
    for _ in range(count):
        figure = draw(
            figures(
                claimant_ids=claimant_ids,
                actor_ids=actor_ids,
                document_ids=document_ids,
                ids=_unused(figure_ids, used),
                revisable_ids=[f.id for f in later],
            )
        )
        if figure.revised_by is not None:  # a revision is its own claimant's later word
            reviser = next(f for f in later if f.id == figure.revised_by)
            figure = attrs.evolve(figure, claimant=reviser.claimant)
        used.add(figure.id)
        later.append(figure)
    groups = draw(_victim_groups([f.id for f in later]))
    attributed: tuple[Attribution, ...] = ()
    if actor_ids and claimant_ids:
        attributed = tuple(
            draw(st.lists(_attributions(actor_ids, claimant_ids, document_ids), max_size=3))
        )
    cited: list[str] = []
    if document_ids:
        cited = draw(st.lists(st.sampled_from(list(document_ids)), unique=True, max_size=3))
    sides: st.SearchStrategy[EventActor | None] = st.none()
    associates: st.SearchStrategy[tuple[EventActor, ...]] = st.just(())
    if actor_ids:
        sides = sides | _event_actors(actor_ids)
        associates = st.lists(_event_actors(actor_ids), max_size=2).map(tuple)
    acled = draw(st.none() | acled_classes())
    # ACLED never sets civilian targeting on a battle (C013).
    battle = acled is not None and acled.event_type == _BATTLES
    return Event(
        id=draw(ids),
        date=draw(date_spans()),
        place=draw(st.none() | places()),
        acled=acled,
        cameo=draw(st.none() | _cameo_event_codes()),
        actor1=draw(sides),
        actor2=draw(sides),
        assoc_actor1=draw(associates),
        assoc_actor2=draw(associates),
        civilian_targeting=False if battle else draw(st.booleans()),
        figures=tuple(reversed(later)),
        victim_groups=groups,
        attributions=attributed,
        documents=tuple(cited),
        tags=tuple(draw(st.lists(texts(min_size=1, max_size=12), max_size=3))),
        notes=draw(st.none() | texts()),
        coded_by=draw(
            st.none() | st.builds(Coding, coder=texts(min_size=1), coded_on=st.none() | dates())
        ),
        ucdp=draw(st.none() | ucdp_rows()),
    )


def events(
    *,
    actor_ids: Sequence[str] = (),
    claimant_ids: Sequence[str] = (),
    document_ids: Sequence[str] = (),
    ids: st.SearchStrategy[str] | None = None,
    figure_ids: st.SearchStrategy[str] | None = None,
    max_figures: int = 4,
    exclude_figure_ids: Collection[str] = (),
) -> st.SearchStrategy[Event]:
    """Generate events whose references are drawn from the ids given.

    Actors (sides, associates, figure subjects) come from ``actor_ids``, documents from
    ``document_ids``; figures (up to ``max_figures``) are generated only when ``claimant_ids``
    is not empty. Figure ids are unique within the event and avoid ``exclude_figure_ids``; a
    ``revised`` figure names a later figure of the same event, and takes its claimant.
    """
    if max_figures < 0:
        raise InvalidArgument(f"max_figures={max_figures} must not be negative")
    return _events(
        list(actor_ids),
        list(claimant_ids),
        list(document_ids),
        identifiers() if ids is None else ids,
        identifiers() if figure_ids is None else figure_ids,
        max_figures,
        frozenset(exclude_figure_ids),
    )


# --------------------------------------------------------------------------------------------
# Datasets


def _record_id(record: Document | Actor | Claimant) -> str:
    return record.id


@st.composite
def _datasets(
    draw: st.DrawFn,
    max_documents: int,
    max_actors: int,
    max_claimants: int,
    max_events: int,
    max_figures: int,
) -> Dataset:
    docs = draw(st.lists(documents(), max_size=max_documents, unique_by=_record_id))
    parties = draw(st.lists(actors(), max_size=max_actors, unique_by=_record_id))
    actor_ids = [a.id for a in parties]
    speakers = draw(
        st.lists(claimants(actor_ids=actor_ids), max_size=max_claimants, unique_by=_record_id)
    )
    claimant_ids = [c.id for c in speakers]
    document_ids = [d.id for d in docs]
    event_ids: set[str] = set()
    figure_ids: set[str] = set()
    coded: list[Event] = []
    for _ in range(draw(st.integers(0, max_events))):
        event = draw(
            events(
                actor_ids=actor_ids,
                claimant_ids=claimant_ids,
                document_ids=document_ids,
                ids=_unused(identifiers(), event_ids),
                max_figures=max_figures,
                exclude_figure_ids=figure_ids,
            )
        )
        about: bool = draw(st.booleans())
        if coded and about:  # a statement about an earlier event
            event = attrs.evolve(event, about=draw(st.sampled_from([e.id for e in coded])))
        event_ids.add(event.id)
        figure_ids.update(f.id for f in event.figures)
        coded.append(event)
    return Dataset(
        format_version=FORMAT_VERSION,
        documents=tuple(docs),
        actors=tuple(parties),
        claimants=tuple(speakers),
        events=tuple(coded),
    )


def datasets(
    *,
    max_documents: int = 3,
    max_actors: int = 4,
    max_claimants: int = 4,
    max_events: int = 4,
    max_figures: int = 4,
) -> st.SearchStrategy[Dataset]:
    """Generate valid datasets: unique ids, resolving references, consistent figures.

    Up to ``max_documents`` documents, ``max_actors`` actors, ``max_claimants`` claimants and
    ``max_events`` events of up to ``max_figures`` figures each; figure ids are unique across
    the dataset. Every vocabulary value can occur. The result passes
    :func:`eventcode.validate` with no errors.
    """
    for name, value in (
        ("max_documents", max_documents),
        ("max_actors", max_actors),
        ("max_claimants", max_claimants),
        ("max_events", max_events),
        ("max_figures", max_figures),
    ):
        if value < 0:
            raise InvalidArgument(f"{name}={value} must not be negative")
    return _datasets(max_documents, max_actors, max_claimants, max_events, max_figures)
