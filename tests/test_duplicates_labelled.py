"""R010 on the labelled set (fixtures/duplicates, written before the rule was tuned).

The set's README states the targets: precision >= 0.8 and recall >= 0.9 over its 116 pairs.
Both ways of checking an ACLED file (the row path of ``validate`` and the record path of
``load``) must meet them with the same findings.
"""

from __future__ import annotations

import csv
from pathlib import Path

from eventcode.findings import Report
from eventcode.validation import validate_path

from .test_acled_validation import record_path_report

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "fixtures" / "duplicates"


def _flagged(report: Report) -> set[frozenset[str]]:
    """Return the pairs R010 says are one event: each finding's event with each it names."""
    pairs = set()
    for finding in report.findings:
        if finding.code == "R010":
            *earlier, event = (e.removeprefix("acled:") for e in finding.related)
            pairs.update(frozenset((e, event)) for e in earlier)
    return pairs


def _labels() -> dict[frozenset[str], str]:
    with open(SET / "pairs.csv", newline="", encoding="utf-8") as handle:
        return {frozenset((r["first"], r["second"])): r["label"] for r in csv.DictReader(handle)}


def test_r010_meets_the_labelled_sets_targets() -> None:
    labels = _labels()
    duplicates = {pair for pair, label in labels.items() if label == "duplicate"}
    report = validate_path(SET / "events.csv")
    flagged = _flagged(report)
    assert flagged <= set(labels), "a pair across groups is never one event"
    true = flagged & duplicates
    precision, recall = len(true) / len(flagged), len(true) / len(duplicates)
    assert precision >= 0.8, (precision, sorted(map(sorted, flagged - duplicates)))
    assert recall >= 0.9, (recall, sorted(map(sorted, duplicates - flagged)))
    assert {f.code for f in report.findings} == {"R010"}


def test_both_paths_flag_the_same_pairs() -> None:
    path = SET / "events.csv"
    rows = [f for f in validate_path(path).findings if f.code == "R010"]
    records = [f for f in record_path_report(path).findings if f.code == "R010"]
    assert rows == records
    assert rows


def test_an_input_read_once_compares_by_signature_alone() -> None:
    """A pipe cannot be read again for the rows R010 compares: signature and toll unknown."""
    import io

    from eventcode.acled.checking import AcledValidation
    from eventcode.io.limits import Limited, Limits

    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return False

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            chunk = self._data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    data = (SET / "events.csv").read_bytes()
    stream = io.BufferedReader(Pipe(data))
    found = list(AcledValidation(Limited(stream, Limits())).findings())
    flagged = {f.location.event for f in found if f.code == "R010"}
    read_twice = {f.location.event for f in validate_path(SET / "events.csv").findings}
    assert read_twice < flagged  # every event sharing a signature, as before notes were read
