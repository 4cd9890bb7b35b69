"""Streaming ACLED CSV: memory stays flat however many rows a file holds (no timing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcode.acled import AcledHeader, AcledRow, AcledStream, iter_rows, row_findings
from eventcode.findings import Finding
from eventcode.model.items import RecordItem
from tests.helpers import traced_peak

FIXTURE = Path(__file__).parent.parent / "fixtures" / "acled" / "current-export-numeric.csv"


def write_rows(path: Path, count: int) -> None:
    """Write ``count`` rows of the fixture's first event, each with its own id, as text."""
    lines = FIXTURE.read_text("utf-8").split("\n")
    _, _, tail = lines[1].partition(",")
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(lines[0] + "\n")
        batch = []
        for number in range(count):
            batch.append(f"UKR{100000 + number}," + tail + "\n")
            if len(batch) == 10_000:
                out.write("".join(batch))
                batch.clear()
        out.write("".join(batch))


def checked_rows(path: Path) -> int:
    header: AcledHeader | None = None
    rows = 0
    for entry in iter_rows(path):
        if isinstance(entry, AcledHeader):
            header = entry
        elif isinstance(entry, AcledRow):
            assert header is not None
            assert row_findings(entry, header) == []
            rows += 1
    return rows


def converted_events(path: Path) -> int:
    events = 0
    for entry in AcledStream(path, check_duplicates=False).items():
        assert not isinstance(entry, Finding), entry
        if isinstance(entry, RecordItem) and entry.kind == "event":
            events += 1
    return events


peak = traced_peak


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("acled-memory")
    made = {}
    for count in (10, 1_000, 10_000, 30_000):
        made[count] = folder / f"rows-{count}.csv"
        write_rows(made[count], count)
    return made


def test_reading_and_checking_30k_rows_stays_flat(files: dict[int, Path]) -> None:
    peak(checked_rows, files[10])  # warm caches (codebooks, findings registry)
    small_rows, small_peak = peak(checked_rows, files[1_000])
    large_rows, large_peak = peak(checked_rows, files[30_000])
    assert (small_rows, large_rows) == (1_000, 30_000)
    assert large_peak <= 3 * small_peak, f"{large_peak:,} bytes vs {small_peak:,}"


def test_converting_rows_to_records_stays_flat(files: dict[int, Path]) -> None:
    # Conversion builds records per row (slower under tracemalloc): 10,000 rows show the trend.
    peak(converted_events, files[10])
    small_events, small_peak = peak(converted_events, files[1_000])
    large_events, large_peak = peak(converted_events, files[10_000])
    assert (small_events, large_events) == (1_000, 10_000)
    assert large_peak <= 3 * small_peak, f"{large_peak:,} bytes vs {small_peak:,}"
