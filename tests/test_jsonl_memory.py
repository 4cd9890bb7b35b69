"""Reading JSON Lines streams: memory stays flat however many events a file holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eventcode
from eventcode import Finding, RecordItem
from tests.helpers import traced_peak

# One event as a JSON Lines line with a few figures; ids vary per line. References (actors,
# claimants, documents) need not resolve: iter_records reads records, it does not validate.
# Kept lean on purpose: tracemalloc slows allocation-heavy structuring about sevenfold, and the
# 100,000-event pass must stay well under a minute.
_TEMPLATE = {
    "record": "event",
    "id": "EVENT",
    "date": {"start": "2023-01-01", "end": "2023-01-07", "precision": "week"},
    "cameo": "194",
    "actor1": {"actor": "ukr-mil", "inter": 1},
    "figures": [
        {
            "id": "EVENT/killed",
            "quantity": "killed",
            "subject": {"actor": "rus-mil", "category": "combatants"},
            "value": {"kind": "lower_bound", "phrase": "at least 63 soldiers", "low": 63},
            "basis": "reported",
            "claimant": "rus-mod",
        },
        {
            "id": "EVENT/wounded",
            "quantity": "wounded",
            "subject": {"actor": "rus-mil"},
            "value": {"kind": "range", "phrase": "200 to 300 wounded", "low": 200, "high": 300},
            "basis": "claimed",
            "claimant": "ukr-stratcom",
        },
    ],
}
_LINE = json.dumps(_TEMPLATE, ensure_ascii=False, separators=(",", ":"))
_HEADER = '{"record":"dataset","format_version":"1.0"}\n'


def write_events(path: Path, count: int) -> None:
    """Write a JSONL file of ``count`` events as text, without building any record."""
    head, _, tail = _LINE.partition('"EVENT"')
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(_HEADER)
        batch: list[str] = []
        for number in range(count):
            event_id = f"ev-{number:06d}"
            batch.append(head + json.dumps(event_id) + tail.replace("EVENT", event_id) + "\n")
            if len(batch) == 10_000:
                out.write("".join(batch))
                batch.clear()
        out.write("".join(batch))


def count_records(path: Path) -> int:
    """Count the records of a file, keeping none of them."""
    records = 0
    for entry in eventcode.iter_records(path):
        assert not isinstance(entry, Finding), entry
        records += 1
    return records


def peak_while_counting(path: Path) -> tuple[int, int]:
    """Count the records of a file; return (records, peak traced bytes above the start)."""
    return traced_peak(count_records, path)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("jsonl-memory")
    made = {}
    for count in (10, 1_000, 30_000):
        made[count] = folder / f"events-{count}.jsonl"
        write_events(made[count], count)
    return made


def test_written_lines_are_valid_events(files: dict[int, Path]) -> None:
    items = list(eventcode.iter_records(files[10]))
    assert all(isinstance(i, RecordItem) for i in items)
    assert [i.line for i in items if isinstance(i, RecordItem)] == list(range(2, 12))
    first = items[0]
    assert isinstance(first, RecordItem)
    assert isinstance(first.record, eventcode.Event)
    assert first.record.id == "ev-000000"
    assert [f.id for f in first.record.figures] == ["ev-000000/killed", "ev-000000/wounded"]
    assert files[30_000].read_text("utf-8").count("\n") == 30_001


def test_iter_records_streams_30k_events_in_flat_memory(files: dict[int, Path]) -> None:
    # Warm up first: caches built on first use (the converter, data files) are not per record.
    peak_while_counting(files[10])

    small_records, small_peak = peak_while_counting(files[1_000])
    large_records, large_peak = peak_while_counting(files[30_000])

    assert small_records == 1_000
    assert large_records == 30_000
    # A stream that kept every record (or every id) would grow thirtyfold; a flat one stays
    # within noise of the small file's peak.
    assert large_peak <= 3 * small_peak, (
        f"peak {large_peak:,} bytes for 30,000 events vs {small_peak:,} for 1,000"
    )
