"""Validation: run every check over a dataset or a file, collecting findings into a report."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from eventcode.engine.records import check_items, collect, dataset_items
from eventcode.findings import Finding, Report
from eventcode.io.formats import Format
from eventcode.io.records import RecordItem
from eventcode.io.sources import Source
from eventcode.model import Dataset
from eventcode.rules.policy import Policy

__all__ = [
    "SourceFindings",
    "iter_source",
    "validate",
    "validate_path",
    "validate_source",
]


def validate(dataset: Dataset, policy: Policy | str | None = None) -> Report:
    """Validate an in-memory dataset: every field, record, reference and coding-rule check.

    ``policy`` names the coding-rule policy (see ``eventcode.rules.policy_names()``).
    """
    items = dataset_items(dataset)
    findings, records = collect(check_items(items, constraints=True, policy=policy))
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
