"""The record engine: every check run over a stream of records, one by one, in order.

:func:`check_record` runs the checks of one record on its own (given the parties seen so far);
:class:`CrossChecks` those across records (references, place spellings, probable duplicates,
statement order), fed in stream order; :func:`check_items` runs both over a stream. The ACLED
row engine (:mod:`eventcode.acled.checking`) gives the same findings on ACLED rows without
building records; :mod:`eventcode.parallel_lines` runs this one in worker processes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache
from types import ModuleType
from typing import Any, NamedTuple

from eventcode.checks.attribution import ATTRIBUTION, attribution_findings
from eventcode.checks.codebook import (
    CODEBOOKS,
    actor_codebook_findings,
    document_codebook_findings,
    event_codebook_findings,
)
from eventcode.checks.context import Context
from eventcode.checks.crowds import CROWD_TAGS, crowd_findings
from eventcode.checks.dates import DATES, date_findings
from eventcode.checks.duplicates import (
    PROBABLE_DUPLICATES,
    DuplicateEvents,
    TraitsAt,
    event_signature,
    traits_of,
)
from eventcode.checks.figures import FIGURE_RELATIONS, figure_relation_findings
from eventcode.checks.places import PLACE_SPELLINGS, PlaceSpellings, Spot
from eventcode.checks.records import RECORD_CONSISTENCY, document_findings, event_findings
from eventcode.checks.references import (
    REFERENCES,
    Links,
    Namespace,
    ReferenceIndex,
    record_links,
)
from eventcode.checks.registry import EVERYTHING, CheckDeclaration, Selection, declare
from eventcode.checks.resemblance import Traits
from eventcode.checks.revisions import REVISIONS, revision_findings
from eventcode.checks.statements import STATEMENT_ORDER, StatementOrder, Timeline, timeline_of
from eventcode.findings import Finding
from eventcode.io._structure import recheck_record
from eventcode.io.limits import DEFAULT_MAX_PAIR_FINDINGS
from eventcode.jsonpath import ROOT, join_index, join_key
from eventcode.model import Actor, Dataset, Document, Event
from eventcode.model.items import SECTION_OF, RecordItem, Unloaded
from eventcode.rules.policy import Policy

__all__ = [
    "ACLED_CONTRACT",
    "RECORD_CHECKS",
    "CheckedRecord",
    "CrossChecks",
    "RecordCheck",
    "RecordCounter",
    "check_entry",
    "check_items",
    "check_record",
    "check_unloaded",
    "collect",
    "dataset_items",
]


#: A check of one record on its own: the record, its JSON path, the parties seen so far.
RecordCheck = Callable[[Any, str, Context], Iterable[Finding]]


def _alone(check: Callable[[Any, str], Iterable[Finding]]) -> RecordCheck:
    """Return a check that needs no parties as one given them (and ignoring them)."""
    return lambda record, path, context: check(record, path)


#: An event with an ACLED class answers to the ACLED row rules, with their codes (those of
#: eventcode.acled.row_checks.ROW_RULES: tests/test_registry.py holds the two equal).
ACLED_CONTRACT = declare(
    "acled-contract",
    (
        *("A003", "A004", "A005", "A006", "A007", "A008", "A009", "A011", "A012", "A013"),
        *("A014", "A016", "A018", "A024", "C010", "C011", "C012", "C014", "C023", "C024"),
        "C025",
    ),
    "an event with an ACLED class against the ACLED row rules, as it would be written",
)


def _acled_contract(event: Event, path: str, context: Context) -> list[Finding]:
    """Run the ACLED row rules on an event with an ACLED class (loading the ACLED package)."""
    if event.acled is None:
        return []
    found: list[Finding] = _contract().acled_row_findings(event, path, context)
    return found


@cache
def _contract() -> ModuleType:
    """Return the ACLED contract's module, imported at the first event with an ACLED class.

    Held once found: an import statement costs about what a small check does, each event.
    """
    from eventcode.acled import contract

    return contract


#: The checks of each kind of record on its own, in the order their findings are reported.
RECORD_CHECKS: dict[type, tuple[tuple[CheckDeclaration, RecordCheck], ...]] = {
    Event: (
        (RECORD_CONSISTENCY, _alone(event_findings)),
        (CODEBOOKS, event_codebook_findings),
        (FIGURE_RELATIONS, figure_relation_findings),
        (DATES, date_findings),
        (REVISIONS, _alone(revision_findings)),
        (ATTRIBUTION, attribution_findings),
        (CROWD_TAGS, crowd_findings),
        (ACLED_CONTRACT, _acled_contract),
    ),
    Actor: ((CODEBOOKS, _alone(actor_codebook_findings)),),
    Document: (
        (RECORD_CONSISTENCY, _alone(document_findings)),
        (CODEBOOKS, _alone(document_codebook_findings)),
    ),
}


def _record_findings(item: RecordItem, context: Context, selection: Selection) -> list[Finding]:
    """Run the checks ``selection`` runs of one record on its own, given the parties seen."""
    found: list[Finding] = []
    record, path = item.record, item.path
    everything = selection.everything  # every check runs: none is asked
    for declaration, check in RECORD_CHECKS.get(type(record), ()):
        if everything or selection.runs(declaration):
            findings = check(record, path, context)
            if findings:  # an empty list (most checks of most records) has nothing to keep
                found.extend(selection.kept(declaration, findings))
    return found


class CheckedRecord(NamedTuple):
    """A record checked on its own, with what the checks across records need of it."""

    line: int | None
    path: str
    record_id: str
    findings: list[Finding]
    place: tuple[str, Spot] | None  # an event's place name and spot
    signature: int | None  # an event's probable-duplicate signature
    # An event's notes and toll, as probable duplicates compare them (None with a signature:
    # read again at its line if it is compared, see CrossChecks.finish).
    traits: Traits | None
    links: Links
    timeline: Timeline | None = None  # an event's days and the event it is about
    loaded: bool = True  # False: what was salvaged of a record that failed to load

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as plain tuples, rebuilt by :func:`_checked_record` (workers send these).

        A named tuple pickles through a Python ``__getnewargs__`` and unpickles through its
        Python ``__new__``, each of the four nested ones too: this is one call each way.
        """
        place, timeline = self.place, self.timeline
        return _checked_record, (
            *self[:4],
            None if place is None else (place[0], tuple(place[1])),
            self.signature,
            self.traits,
            tuple(self.links),
            None if timeline is None else tuple(timeline),
            self.loaded,
        )


_tuple_new = tuple.__new__


def _checked_record(
    line: int | None,
    path: str,
    record_id: str,
    findings: list[Finding],
    place: tuple[str, tuple[Any, ...]] | None,
    signature: int | None,
    traits: Traits | None,
    links: tuple[Any, ...],
    timeline: tuple[int, int, str | None] | None,
    loaded: bool,
) -> CheckedRecord:
    """Rebuild a pickled :class:`CheckedRecord` (see its ``__reduce__``), nested types and all."""
    spot = None if place is None else (place[0], _tuple_new(Spot, place[1]))
    days = None if timeline is None else _tuple_new(Timeline, timeline)
    fields = (line, path, record_id, findings, spot, signature, traits)
    return _tuple_new(CheckedRecord, (*fields, _tuple_new(Links, links), days, loaded))


def check_record(
    item: RecordItem,
    context: Context,
    *,
    constraints: bool,
    file: str | None = None,
    resolved: Callable[[Namespace, str], bool] | None = None,
    remember: bool = True,
    selection: Selection = EVERYTHING,
    later_traits: bool = False,
) -> CheckedRecord:
    """Run the checks of one record on its own, given the parties seen so far.

    A party is added to ``context`` unless ``remember`` is false (a record that did not load).
    The findings are placed on the record's line, and in ``file`` when it is given; references
    ``resolved`` says resolve are left out of the links. ``later_traits``: an event's traits
    are not worked out here but read again at its line if it is compared
    (:meth:`CrossChecks.finish`).
    """
    # A record built in Python is checked as the loader checks JSON (types, vocabularies,
    # constraints); one the loader would not build is reported alone, as loading does, rather
    # than judged or leant on. One that passes is checked as the loader builds it.
    record = item.record
    found: list[Finding] = []
    rejected = False
    if constraints:
        rebuilt, found = recheck_record(item.kind, record, item.path)
        if rebuilt is None:
            rejected = True
        else:
            record = rebuilt
            item = RecordItem(kind=item.kind, record=rebuilt, path=item.path, line=item.line)
    place = signature = timeline = traits = None
    if not rejected:
        if remember:
            context.add(record)
        found.extend(_record_findings(item, context, selection))
        if isinstance(record, Event):
            if record.place is not None:
                place = (record.place.name, Spot.of(record.place))
            signature = event_signature(record)
            traits = traits_of(record) if signature is not None and not later_traits else None
            timeline = timeline_of(record)
    line = item.line
    if file is None:
        found = [f.at(line=line) if f.location.line is None else f for f in found]
    else:
        found = [f.placed(line, file) for f in found]
    if rejected:  # not rebuilt: only its id, if it has one, is known
        ident = record.id if isinstance(getattr(record, "id", None), str) else ""
        steps: tuple[Any, ...] = (("define", item.kind, ident, item.path),) if ident else ()
        links = Links(item.line, item.path, steps)
    else:
        links = record_links(item, resolved)
    ident = getattr(record, "id", "")
    return CheckedRecord(
        line,
        item.path,
        ident if isinstance(ident, str) else "",
        found,
        place,
        signature,
        traits,
        links,
        timeline,
    )


def check_unloaded(
    entry: Unloaded,
    context: Context,
    *,
    file: str | None = None,
    resolved: Callable[[Namespace, str], bool] | None = None,
    selection: Selection = EVERYTHING,
) -> CheckedRecord | None:
    """Check what is left of a record that failed to load (``None``: nothing is left).

    The salvaged record (:mod:`eventcode.io._salvage`) runs every check of a record, but its
    findings inside or about the parts removed are dropped, and a party is not remembered for
    the events after it: the record is still not loaded.
    """
    rest = entry.salvage
    if rest is None:
        return None
    item = RecordItem(kind=entry.kind, record=rest.record, path=entry.path, line=entry.line)
    checked = check_record(
        item,
        context,
        constraints=False,
        file=file,
        resolved=resolved,
        remember=False,
        selection=selection,
    )
    kept = [f for f in checked.findings if rest.keeps(f)]
    return checked._replace(findings=kept, loaded=False)


class CrossChecks:
    """The checks across records, fed records checked on their own, in stream order.

    Those ``selection`` does not run keep nothing (references are always kept: an id defined
    twice or a reference to nothing also tells the other checks what a record is).
    """

    def __init__(self, selection: Selection = EVERYTHING) -> None:
        self.selection = selection  # what runs and is reported
        self._references = ReferenceIndex()
        self._spellings = PlaceSpellings() if selection.runs(PLACE_SPELLINGS) else None
        self._duplicates = DuplicateEvents() if selection.runs(PROBABLE_DUPLICATES) else None
        self._statements = StatementOrder() if selection.runs(STATEMENT_ORDER) else None

    def add(self, checked: CheckedRecord) -> list[Finding]:
        """Return the record's findings, then those it raises against the records before."""
        found = list(checked.findings)
        path, line = checked.path, checked.line
        kept = self.selection.kept
        if checked.place is not None and self._spellings is not None:
            name, spot = checked.place
            respelt = self._spellings.add_place(name, spot, checked.record_id, path, line)
            if respelt:
                found.extend(kept(PLACE_SPELLINGS, respelt))
        if checked.signature is not None and self._duplicates is not None:
            self._duplicates.add_signature(
                checked.signature, checked.traits, checked.record_id, path, line
            )
        if checked.timeline is not None and self._statements is not None:
            told = self._statements.add(checked.record_id, checked.timeline, path, line)
            if told:
                found.extend(kept(STATEMENT_ORDER, told))
        again = self._references.add_links(checked.links)
        if again:  # kept also refuses a code the check does not declare: asked only of findings
            found.extend(kept(REFERENCES, again))
        return found

    def unloaded(self, entry: Unloaded) -> None:
        """Register a record that failed to load, by its id."""
        self._references.define(entry.kind, entry.id, entry.path, entry.line)

    def finish(self, traits_at: TraitsAt | None = None) -> Iterator[Finding]:
        """Yield the findings only the end of the stream tells.

        Probable duplicates (R010, compared once every event is known), then references never
        resolved. ``traits_at`` reads again the traits of the events checked without them, at
        their lines (see :func:`check_record`).
        """
        if self._duplicates is not None:
            repeats = self._duplicates.finish(traits_at)
            yield from self.selection.kept(PROBABLE_DUPLICATES, repeats)
        yield from self.selection.kept(REFERENCES, self._references.finish())


def check_items(
    items: Iterable[RecordItem | Finding | Unloaded],
    *,
    constraints: bool = False,
    policy: Policy | str | None = None,
    max_pair_findings: int = DEFAULT_MAX_PAIR_FINDINGS,
    selection: Selection = EVERYTHING,
) -> Iterator[Finding | RecordItem]:
    """Run every check over a stream of records, yielding findings as they arise.

    Records pass through (so a caller can count or keep them). ``constraints`` re-checks field
    constraints, for records built in Python rather than loaded. Memory holds the parties seen
    and what the cross-record checks must keep (ids, open references, place names, event
    digests), never the events. ``policy`` (a name or a :class:`~eventcode.rules.Policy`;
    default ``eventcode``) sets how figures are compared; ``max_pair_findings`` how many R001
    (and R002) findings one event gives before one summary finding. Only the checks
    ``selection`` runs run, and only its codes are reported (reading's findings too).
    """
    context = Context(policy, max_pair_findings=max_pair_findings)
    cross = CrossChecks(selection)
    for entry in items:
        yield from check_entry(entry, context, cross, constraints=constraints)
        if isinstance(entry, RecordItem):
            yield entry
    yield from cross.finish()


def check_entry(
    entry: RecordItem | Finding | Unloaded,
    context: Context,
    cross: CrossChecks,
    *,
    constraints: bool = False,
) -> list[Finding]:
    """Return the findings of one entry of a stream of records, as :func:`check_items` does.

    A record is checked on its own (given the parties in ``context``) and against the records
    before it (``cross``); a record that failed to load is checked for what was salvaged of it;
    a problem of reading is kept when ``cross``'s selection reports its code.
    """
    selection = cross.selection
    if isinstance(entry, Finding):
        return [entry] if selection.has(entry.code) else []
    if isinstance(entry, Unloaded):
        salvaged = check_unloaded(entry, context, selection=selection)
        if salvaged is None:
            cross.unloaded(entry)
            return []
        return cross.add(salvaged)
    checked = check_record(entry, context, constraints=constraints, selection=selection)
    return cross.add(checked)


def dataset_items(dataset: Dataset) -> Iterator[RecordItem]:
    """Yield the records of an in-memory dataset with their JSON paths."""
    for kind, section in SECTION_OF.items():
        section_path = join_key(ROOT, section)
        for index, record in enumerate(getattr(dataset, section)):
            yield RecordItem(kind=kind, record=record, path=join_index(section_path, index))


class RecordCounter:
    """Passes on the findings of a stream of findings and records, counting the records."""

    def __init__(self, progress: Callable[[int], None] | None = None) -> None:
        self._progress = progress
        self.records = 0

    def findings(self, entries: Iterable[Finding | RecordItem]) -> Iterator[Finding]:
        """Yield the findings of ``entries``; count (and report progress on) the records."""
        for entry in entries:
            if isinstance(entry, Finding):
                yield entry
            else:
                self.add(1)

    def add(self, records: int) -> None:
        """Count ``records`` more records (checked elsewhere); report progress."""
        if records:
            self.records += records
            if self._progress is not None:
                self._progress(self.records)


def collect(
    entries: Iterable[Finding | RecordItem], progress: Callable[[int], None] | None = None
) -> tuple[list[Finding], int]:
    """Return the findings of :func:`check_items` and how many records passed through."""
    counter = RecordCounter(progress)
    findings = list(counter.findings(entries))
    return findings, counter.records
