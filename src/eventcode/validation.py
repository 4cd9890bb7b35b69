"""Validation: run every check over a dataset or a file, collecting findings into a report."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from eventcode.checks.registry import Selection
from eventcode.findings import Finding, FindingStream, Report
from eventcode.io.formats import Format
from eventcode.io.sources import Source
from eventcode.model import Dataset
from eventcode.rules.policy import Policy

# The record engine (eventcode.engine.records, with every record check) is imported by the
# functions that check records: an ACLED file is checked on its rows, without it.

__all__ = [
    "iter_source",
    "validate",
    "validate_path",
    "validate_source",
]


def validate(
    dataset: Dataset,
    policy: Policy | str | None = None,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
) -> Report:
    """Validate an in-memory dataset: every field, record, reference and coding-rule check.

    ``policy`` names the coding-rule policy (see ``eventcode.rules.policy_names()``).
    ``select`` and ``ignore`` hold finding codes or prefixes (``"R0"``) as ``--select`` and
    ``--ignore`` do: only the checks that may find a selected code run.
    """
    from eventcode.engine.records import check_items, collect, dataset_items

    items = dataset_items(dataset)
    selection = Selection.of(select, ignore)
    checked = check_items(items, constraints=True, policy=policy, selection=selection)
    findings, records = collect(checked)
    return Report(findings=tuple(findings), records=records)


def validate_source(
    source: Source,
    policy: Policy | str | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
) -> Report:
    """Validate one opened source, streaming its records.

    ``progress``, when given, is called after each record with the number checked so far;
    ``select`` and ``ignore`` are as for :func:`validate`.
    """
    found = iter_source(source, policy, progress=progress, select=select, ignore=ignore)
    findings = tuple(found)
    return Report(findings=findings, records=found.records, files=(source.name,))


def _validate_in_workers(
    source: Source,
    policy: Policy | str | None,
    progress: Callable[[int], None] | None,
    selection: Selection,
) -> FindingStream | None:
    """Validate a large JSON Lines file in worker processes (same findings, same order).

    ``None`` when the file is to be read in one process. The findings come as the workers'
    chunks are merged; the source is closed at their end.
    """
    path = source.path
    if source.format is not Format.JSONL or path is None:
        return None
    from eventcode import parallel_lines  # imported here: only JSON Lines go to workers

    if Path(path).stat().st_size < parallel_lines.PARALLEL_MIN_BYTES:
        return None
    run = parallel_lines.parallel_run(
        path,
        policy=policy,
        limits=source.limits,
        progress=progress,
        name=source.name,
        selection=selection,
    )
    if run is None:
        return None
    return FindingStream(_closing(source, _placed(source, run)), lambda: run.records)


def iter_source(
    source: Source,
    policy: Policy | str | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
) -> FindingStream:
    """Validate one opened source, yielding its findings as they come (file, line placed).

    Memory does not grow with the number of findings for ACLED files and JSON Lines (a
    dataset document is placed by its JSON paths once read whole). The source is closed at the end.
    ``select`` and ``ignore`` are as for :func:`validate`.
    """
    selection = Selection.of(select, ignore)
    if source.format in (Format.ACLED_CSV, Format.ACLED_JSON):
        found = _acled_findings(source, progress, selection)
        if selection.everything:
            return found
        # An ignored error of a row rule is found all the same (it decides that the row is
        # not read) and dropped here.
        return FindingStream((f for f in found if selection.has(f.code)), lambda: found.records)
    in_workers = _validate_in_workers(source, policy, progress, selection)
    if in_workers is not None:
        return in_workers
    from eventcode.engine.records import RecordCounter, check_items

    counter = RecordCounter(progress)
    checked = check_items(
        source.items(),
        policy=policy,
        max_pair_findings=source.limits.max_pair_findings,
        selection=selection,
    )
    counted = counter.findings(checked)
    if source.format is Format.JSON:  # placed by their JSON paths: the document is whole
        return FindingStream(iter(source.place(list(counted))), lambda: counter.records)
    return FindingStream(_placed(source, counted), lambda: counter.records)


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


def _acled_findings(
    source: Source, progress: Callable[[int], None] | None, selection: Selection
) -> FindingStream:
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
        run = parallel.parallel_run(
            path, progress=progress, limits=source.limits, selection=selection, file=source.name
        )
        if run is not None:
            return FindingStream(_closing(source, _placed(source, run)), lambda: run.records)
    checked = AcledValidation(source.raw(), selection)
    found = _closing(source, _placed(source, checked.findings(progress)))
    return FindingStream(found, lambda: checked.records)


def _closing(source: Source, findings: Iterator[Finding]) -> Iterator[Finding]:
    """Yield ``findings``, then close ``source`` (also when the caller stops early)."""
    try:
        yield from findings
    finally:
        source.close()


def validate_path(
    path: str | Path,
    policy: Policy | str | None = None,
    *,
    name: str | None = None,
    progress: Callable[[int], None] | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
) -> Report:
    """Validate a file; raise ``OSError`` if it cannot be opened.

    ``name`` is how findings name the file (default: ``path`` as given); ``progress``,
    ``select`` and ``ignore`` are as for :func:`validate_source`.
    """
    source = Source.from_path(path, name=name)
    return validate_source(source, policy, progress=progress, select=select, ignore=ignore)
