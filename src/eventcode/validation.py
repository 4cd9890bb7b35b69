"""Validation: run every check over a dataset or a file, collecting findings into a report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from attrs import frozen

from eventcode.checks.acled import acled_row_findings
from eventcode.checks.attribution import attribution_findings
from eventcode.checks.codebook import (
    actor_codebook_findings,
    document_codebook_findings,
    event_codebook_findings,
)
from eventcode.checks.context import Context
from eventcode.checks.crowds import crowd_findings
from eventcode.checks.dates import date_findings
from eventcode.checks.duplicates import DuplicateEvents, event_signature, traits_of
from eventcode.checks.figures import figure_relation_findings
from eventcode.checks.places import PlaceSpellings, Spot
from eventcode.checks.records import document_findings, event_findings
from eventcode.checks.references import Links, Namespace, ReferenceIndex, record_links
from eventcode.checks.resemblance import Traits
from eventcode.checks.revisions import revision_findings
from eventcode.checks.statements import StatementOrder, Timeline, timeline_of
from eventcode.findings import Finding, Severity
from eventcode.io._structure import recheck_record
from eventcode.io.formats import Format
from eventcode.io.limits import DEFAULT_MAX_PAIR_FINDINGS
from eventcode.io.records import SECTION_OF, RecordItem, Unloaded
from eventcode.io.sources import Source
from eventcode.jsonpath import ROOT, join_index, join_key
from eventcode.model import Actor, Dataset, Document, Event
from eventcode.rules.policy import Policy

__all__ = [
    "Report",
    "SourceFindings",
    "check_items",
    "code_selected",
    "dataset_items",
    "iter_source",
    "validate",
    "validate_path",
    "validate_source",
]


@frozen(kw_only=True)
class Report:
    """The findings of a validation run, and how many records were read."""

    findings: tuple[Finding, ...] = ()
    records: int = 0
    files: tuple[str, ...] = ()

    def count(self, severity: Severity) -> int:
        """Return how many findings have ``severity``."""
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def has_errors(self) -> bool:
        """True when any finding is an error."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    def summary(self) -> dict[str, Any]:
        """Return counts by severity and by code, with the number of files and records."""
        return {
            "files": len(self.files),
            "records": self.records,
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
            "by_code": dict(sorted(Counter(f.code for f in self.findings).items())),
        }

    def __add__(self, other: Report) -> Report:
        return Report(
            findings=self.findings + other.findings,
            records=self.records + other.records,
            files=self.files + other.files,
        )

    def filtered(
        self, *, select: Iterable[str] | None = None, ignore: Iterable[str] = ()
    ) -> Report:
        """Return the report with only the findings whose codes are selected and not ignored.

        ``select`` and ``ignore`` hold codes or code prefixes (``S1``, ``R002``, ``ALL``), as
        :func:`code_selected` reads them; ``select=None`` selects every code.
        """
        chosen = None if select is None else tuple(select)
        ignored = tuple(ignore)
        if chosen is None and not ignored:
            return self
        codes = {f.code for f in self.findings}
        keep = {code: code_selected(code, chosen, ignored) for code in codes}
        kept = tuple(f for f in self.findings if keep[f.code])
        return Report(findings=kept, records=self.records, files=self.files)

    def fails(self, fail_on: Severity | str) -> bool:
        """Tell whether a finding is at or above ``fail_on`` (a severity, or ``"never"``)."""
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(f.severity.rank >= threshold for f in self.findings)


def _prefix_length(code: str, prefixes: Iterable[str]) -> int:
    """Return the length of the longest of ``prefixes`` that ``code`` starts with, or -1."""
    best = -1
    for prefix in prefixes:
        wanted = "" if prefix.upper() == "ALL" else prefix.upper()
        if code.upper().startswith(wanted):
            best = max(best, len(wanted))
    return best


def code_selected(code: str, select: Iterable[str] | None, ignore: Iterable[str] = ()) -> bool:
    """Tell whether a finding ``code`` is reported under ``select`` and ``ignore``.

    Both hold codes or prefixes of codes (``ALL`` is every code); ``select=None`` selects
    everything. As in ruff, the most specific entry decides: ``select=["S"], ignore=["S1"]``
    drops S102, ``select=["S102"], ignore=["S"]`` keeps it; an entry in both lists is ignored.
    """
    selected = 0 if select is None else _prefix_length(code, select)
    ignored = _prefix_length(code, ignore)
    return selected >= 0 and selected > ignored


def _record_findings(item: RecordItem, context: Context) -> Iterator[Finding]:
    """Run the checks of one record on its own, given the parties seen so far."""
    record = item.record
    if isinstance(record, Event):
        yield from event_findings(record, item.path)
        yield from event_codebook_findings(record, item.path, context)
        yield from figure_relation_findings(record, item.path, context)
        yield from date_findings(record, item.path, context)
        yield from revision_findings(record, item.path)
        yield from attribution_findings(record, item.path, context)
        yield from crowd_findings(record, item.path, context)
        yield from acled_row_findings(record, item.path, context)
    elif isinstance(record, Actor):
        yield from actor_codebook_findings(record, item.path)
    elif isinstance(record, Document):
        yield from document_findings(record, item.path)
        yield from document_codebook_findings(record, item.path)


class CheckedRecord(NamedTuple):
    """A record checked on its own, with what the checks across records need of it."""

    line: int | None
    path: str
    record_id: str
    findings: list[Finding]
    place: tuple[str, Spot] | None  # an event's place name and spot
    signature: int | None  # an event's probable-duplicate signature
    traits: Traits | None  # an event's notes and toll, as probable duplicates compare them
    links: Links
    timeline: Timeline | None = None  # an event's days and the event it is about
    loaded: bool = True  # False: what was salvaged of a record that failed to load


def check_record(
    item: RecordItem,
    context: Context,
    *,
    constraints: bool,
    file: str | None = None,
    resolved: Callable[[Namespace, str], bool] | None = None,
    remember: bool = True,
) -> CheckedRecord:
    """Run the checks of one record on its own, given the parties seen so far.

    A party is added to ``context`` unless ``remember`` is false (a record that did not load).
    The findings are placed on the record's line, and in ``file`` when it is given; references
    ``resolved`` says resolve are left out of the links.
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
        found.extend(_record_findings(item, context))
        if isinstance(record, Event):
            if record.place is not None:
                place = (record.place.name, Spot.of(record.place))
            signature = event_signature(record)
            traits = traits_of(record) if signature is not None else None
            timeline = timeline_of(record)
    line = item.line
    if file is None:
        found = [f.at(line=line) if f.location.line is None else f for f in found]
    else:
        found = [f.at(line=f.location.line or line, file=file) for f in found]
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
        item, context, constraints=False, file=file, resolved=resolved, remember=False
    )
    kept = [f for f in checked.findings if rest.keeps(f)]
    return checked._replace(findings=kept, loaded=False)


class CrossChecks:
    """The checks across records, fed records checked on their own, in stream order."""

    def __init__(self) -> None:
        self._references = ReferenceIndex()
        self._spellings = PlaceSpellings()
        self._duplicates = DuplicateEvents()
        self._statements = StatementOrder()

    def add(self, checked: CheckedRecord) -> list[Finding]:
        """Return the record's findings, then those it raises against the records before."""
        found = list(checked.findings)
        path, line = checked.path, checked.line
        if checked.place is not None:
            name, spot = checked.place
            found.extend(self._spellings.add_place(name, spot, checked.record_id, path, line))
        if checked.signature is not None and checked.traits is not None:
            self._duplicates.add_signature(
                checked.signature, checked.traits, checked.record_id, path, line
            )
        if checked.timeline is not None:
            found.extend(self._statements.add(checked.record_id, checked.timeline, path, line))
        found.extend(self._references.add_links(checked.links))
        return found

    def unloaded(self, entry: Unloaded) -> None:
        """Register a record that failed to load, by its id."""
        self._references.define(entry.kind, entry.id, entry.path, entry.line)

    def finish(self) -> Iterator[Finding]:
        """Yield the findings only the end of the stream tells.

        Probable duplicates (R010, compared once every event is known), then references never
        resolved.
        """
        yield from self._duplicates.finish()
        yield from self._references.finish()


def check_items(
    items: Iterable[RecordItem | Finding | Unloaded],
    *,
    constraints: bool = False,
    policy: Policy | str | None = None,
    max_pair_findings: int = DEFAULT_MAX_PAIR_FINDINGS,
) -> Iterator[Finding | RecordItem]:
    """Run every check over a stream of records, yielding findings as they arise.

    Records pass through (so a caller can count or keep them). ``constraints`` re-checks field
    constraints, for records built in Python rather than loaded. Memory holds the parties seen
    and what the cross-record checks must keep (ids, open references, place names, event
    digests), never the events. ``policy`` (a name or a :class:`~eventcode.rules.Policy`;
    default ``eventcode``) sets how figures are compared; ``max_pair_findings`` how many R001
    (and R002) findings one event gives before one summary finding.
    """
    context = Context(policy, max_pair_findings=max_pair_findings)
    cross = CrossChecks()
    for entry in items:
        if isinstance(entry, Finding):
            yield entry
        elif isinstance(entry, Unloaded):
            checked = check_unloaded(entry, context)
            if checked is None:
                cross.unloaded(entry)
            else:
                yield from cross.add(checked)
        else:
            yield from cross.add(check_record(entry, context, constraints=constraints))
            yield entry
    yield from cross.finish()


def dataset_items(dataset: Dataset) -> Iterator[RecordItem]:
    """Yield the records of an in-memory dataset with their JSON paths."""
    for kind, section in SECTION_OF.items():
        section_path = join_key(ROOT, section)
        for index, record in enumerate(getattr(dataset, section)):
            yield RecordItem(kind=kind, record=record, path=join_index(section_path, index))


def _collect(
    entries: Iterable[Finding | RecordItem], progress: Callable[[int], None] | None = None
) -> tuple[list[Finding], int]:
    findings: list[Finding] = []
    records = 0
    for entry in entries:
        if isinstance(entry, Finding):
            findings.append(entry)
        else:
            records += 1
            if progress is not None:
                progress(records)
    return findings, records


def validate(dataset: Dataset, policy: Policy | str | None = None) -> Report:
    """Validate an in-memory dataset: every field, record, reference and coding-rule check.

    ``policy`` names the coding-rule policy (see ``eventcode.rules.policy_names()``).
    """
    items = dataset_items(dataset)
    findings, records = _collect(check_items(items, constraints=True, policy=policy))
    return Report(findings=tuple(findings), records=records)


def validate_source(
    source: Source,
    policy: Policy | str | None = None,
    *,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Validate one opened source, streaming its records.

    ``progress``, when given, is called after each record with the number checked so far.
    """
    found = iter_source(source, policy, progress=progress)
    findings = tuple(found)
    return Report(findings=findings, records=found.records, files=(source.name,))


def _validate_in_workers(
    source: Source, policy: Policy | str | None, progress: Callable[[int], None] | None
) -> tuple[list[Finding], int] | None:
    """Validate a large JSON Lines file in worker processes (same findings, same order).

    ``None`` when the file is to be read in one process.
    """
    from eventcode import parallel_lines

    path = source.path
    if (
        source.format is not Format.JSONL
        or path is None
        or Path(path).stat().st_size < parallel_lines.PARALLEL_MIN_BYTES
    ):
        return None
    done = parallel_lines.parallel_findings(
        path, policy=policy, limits=source.limits, progress=progress, name=source.name
    )
    if done is not None:
        source.close()
    return done


class SourceFindings:
    """The findings of one source, as they come; :attr:`records` once they are all out.

    Iterate it once (:func:`iter_source`).
    """

    def __init__(self, findings: Iterator[Finding], records: Callable[[], int]) -> None:
        self._findings = findings
        self._records = records

    def __iter__(self) -> Iterator[Finding]:
        return self._findings

    @property
    def records(self) -> int:
        """How many records the source holds (complete once the findings are all out)."""
        return self._records()


def iter_source(
    source: Source,
    policy: Policy | str | None = None,
    *,
    progress: Callable[[int], None] | None = None,
) -> SourceFindings:
    """Validate one opened source, yielding its findings as they come (file, line placed).

    Memory does not grow with the number of findings for ACLED files and JSON Lines read in
    one process (a dataset document is placed by its JSON paths once read whole, and a large
    JSON Lines file checked in workers is merged whole). The source is closed at the end.
    """
    if source.format in (Format.ACLED_CSV, Format.ACLED_JSON):
        return _acled_findings(source, progress)
    done = _validate_in_workers(source, policy, progress)
    if done is not None:
        findings, records = done
        placed = iter(source.place(findings))
        return SourceFindings(placed, lambda: records)
    counter = _Counter(progress)
    checked = check_items(
        source.items(), policy=policy, max_pair_findings=source.limits.max_pair_findings
    )
    found = counter.findings(checked)
    if source.format is Format.JSON:  # placed by their JSON paths: the document is whole
        return SourceFindings(iter(source.place(list(found))), counter.count)
    return SourceFindings(_placed(source, found), counter.count)


def _placed(source: Source, findings: Iterable[Finding]) -> Iterator[Finding]:
    """Yield ``findings`` placed in ``source`` (its name; lines by JSON path), a batch at a time."""
    batch: list[Finding] = []
    for finding in findings:
        batch.append(finding)
        if len(batch) == _PLACED_BATCH:
            yield from source.place(batch)
            batch = []
    yield from source.place(batch)


_PLACED_BATCH = 1024


class _Counter:
    """Counts the records of a stream of findings and records, passing the findings on."""

    def __init__(self, progress: Callable[[int], None] | None) -> None:
        self._progress = progress
        self.records = 0

    def count(self) -> int:
        return self.records

    def findings(self, entries: Iterable[Finding | RecordItem]) -> Iterator[Finding]:
        for entry in entries:
            if isinstance(entry, Finding):
                yield entry
            else:
                self.records += 1
                if self._progress is not None:
                    self._progress(self.records)


def _acled_findings(source: Source, progress: Callable[[int], None] | None) -> SourceFindings:
    """Validate an ACLED file on its rows: the findings records would give, without records.

    A CSV file (read from a path) of :data:`~eventcode.acled.parallel.PARALLEL_MIN_BYTES` or
    more is checked in worker processes (same findings, same order).
    """
    from eventcode.acled import parallel
    from eventcode.acled.checking import AcledValidation

    path = source.path
    if (
        path is not None
        and source.format is Format.ACLED_CSV
        and Path(path).stat().st_size >= parallel.PARALLEL_MIN_BYTES
    ):
        run = parallel.parallel_run(path, progress=progress, limits=source.limits)
        if run is not None:
            return SourceFindings(_closing(source, _placed(source, run)), lambda: run.records)
    checked = AcledValidation(source.raw())
    found = _closing(source, _placed(source, checked.findings(progress)))
    return SourceFindings(found, lambda: checked.records)


def _closing(source: Source, findings: Iterator[Finding]) -> Iterator[Finding]:
    """Yield ``findings``, then close ``source`` (also when the caller stops early)."""
    try:
        yield from findings
    finally:
        source.close()


def validate_path(
    path: str | Path,
    *,
    name: str | None = None,
    policy: Policy | str | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Validate a file; raise ``OSError`` if it cannot be opened.

    ``name`` is how findings name the file (default: ``path`` as given); ``progress`` is as
    for :func:`validate_source`.
    """
    return validate_source(Source.from_path(path, name=name), policy, progress=progress)
