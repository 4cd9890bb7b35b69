"""Validating a JSON Lines file in worker processes reports what one process reports."""

from __future__ import annotations

import json
import multiprocessing
import pickle
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcode import parallel_lines
from eventcode.checks.registry import EVERYTHING
from eventcode.engine import pool
from eventcode.engine.records import CheckedRecord, check_items, collect
from eventcode.io.limits import Limits
from eventcode.io.sources import Source
from eventcode.validation import validate_path
from tests.test_acled_validation import _benchmarks


def one_process(path: Path) -> tuple[list[object], int]:
    findings, records = collect(check_items(Source.from_path(path).items()))
    return list(findings), records


def in_workers(path: Path, **options: Any) -> tuple[list[object], int] | None:
    """The findings of ``path`` checked in workers and its record count (``None``: not so)."""
    run = parallel_lines.parallel_run(path, **options)
    return None if run is None else (list(run), run.records)


LATE_ACTOR = '{"record":"actor","id":"late-actor","name":"Late Militia"}'


def write_perturbed(path: Path, events: int, seed: int = 4) -> Path:
    """A generated dataset with broken lines, repeated ids, dangling references, respelled
    places and repeated events among the events."""
    _benchmarks().write_jsonl(path, events, seed=seed)
    lines = path.read_text(encoding="utf-8").splitlines()
    first_event = next(i for i, line in enumerate(lines) if '"record":"event"' in line)
    rng = random.Random(seed)
    out = lines[:first_event]
    for index, line in enumerate(lines[first_event:]):
        roll = rng.random()
        record = json.loads(line)
        if roll < 0.02:
            out.append("{not json")
        elif roll < 0.04:  # a repeated event id and figure ids: S301
            out.append(line)
            out.append(line)
            continue
        elif roll < 0.06:  # a dangling actor: S302
            record["actor1"]["actor"] = f"nobody-{index}"
        elif roll < 0.08:  # a broken field: the record is not loaded
            record["date"] = {"start": "yesterday"}
        elif roll < 0.10:  # the same event again under a new id: R010
            out.append(line)
            record["id"] += "-again"
            for figure in record["figures"]:
                figure["id"] += "-again"
        elif roll < 0.12:  # a respelled place at the same spot: R009
            record["place"]["name"] = record["place"]["name"].replace("a", "o") + "a"
        elif roll < 0.13:  # a key twice (S007) and a second header (S006)
            out.append('{"record":"dataset","format_version":"1.0"}')
            line = line.replace('"record":"event",', '"record":"event","record":"event",', 1)
            out.append(line)
            continue
        out.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("chunk_bytes", [20_000, 200_000])
def test_workers_report_what_one_process_reports(tmp_path: Path, chunk_bytes: int) -> None:
    path = write_perturbed(tmp_path / "data.jsonl", 600)
    expected = one_process(path)
    codes = {f.code for f in expected[0]}  # type: ignore[attr-defined]
    assert {"S001", "S006", "S007", "S301", "S302", "R009", "R010"} <= codes
    found = in_workers(path, chunk_bytes=chunk_bytes)
    assert found is not None
    assert found == expected


@pytest.mark.parametrize("at", [-1, 400])
def test_from_a_party_after_the_first_event_the_rest_is_read_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at: int
) -> None:
    # The workers stop at the chunk holding the party; the rest is read as one process reads
    # it, with the same parties and checks across records.
    path = write_perturbed(tmp_path / "data.jsonl", 300)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(at if at >= 0 else len(lines), LATE_ACTOR)
    lines.append('{"record":"event","id":"late","date":{"start":"2024-01-01"},"cameo":"190",'
                 '"actor1":{"actor":"late-actor"}}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = one_process(path)
    assert in_workers(path, chunk_bytes=20_000) == expected
    monkeypatch.setattr(parallel_lines, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(parallel_lines, "CHUNK_BYTES", 20_000)
    report = validate_path(path)
    assert (list(report.findings), report.records) == (
        [f.at(file=str(path)) for f in one_process(path)[0]],  # type: ignore[attr-defined]
        one_process(path)[1],
    )


def test_a_file_without_a_readable_header_is_read_in_one_process(tmp_path: Path) -> None:
    path = write_perturbed(tmp_path / "data.jsonl", 300)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    assert in_workers(path, chunk_bytes=20_000) is None


def test_validate_path_in_workers_gives_the_report_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_perturbed(tmp_path / "data.jsonl", 400)
    one = validate_path(path, name="named.jsonl")
    monkeypatch.setattr(parallel_lines, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(parallel_lines, "CHUNK_BYTES", 30_000)
    calls: list[object] = []
    real = parallel_lines.parallel_run
    monkeypatch.setattr(
        parallel_lines,
        "parallel_run",
        lambda *a, **k: calls.append(a) or real(*a, **k),  # type: ignore[func-returns-value]
    )
    assert validate_path(path, name="named.jsonl") == one
    assert calls
    assert {f.location.file for f in one.findings} == {"named.jsonl"}


def test_a_line_over_the_limit_among_the_events_is_read_in_one_process(tmp_path: Path) -> None:
    """Workers would hold a chunk whole: a file with a line over the limit is left to the
    one-process reader, which skips the line without holding it (L002)."""
    path = write_perturbed(tmp_path / "data.jsonl", 300)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(len(lines) - 100, '{"record":"event","notes":"' + "x" * 50_000 + '"}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    limits = Limits(max_line_bytes=20_000)
    assert in_workers(path, chunk_bytes=20_000, limits=limits) is None
    assert in_workers(path, chunk_bytes=20_000) is not None


@pytest.mark.parametrize("newline", ["\n", "\r\n"])  # a bare CR: one process reads it
def test_events_sharing_a_signature_are_compared_by_the_notes_read_again(
    tmp_path: Path, newline: str
) -> None:
    # The workers leave the notes' traits out; the main process reads again the lines of the
    # events that share a signature. Copies whose notes tell of another event are no R010:
    # compared without their notes (or at the wrong lines) they would be.
    path = write_perturbed(tmp_path / "data.jsonl", 500)
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        out.append(line)
        if '"record":"event"' in line and len(out) % 7 == 0:
            record = json.loads(line)
            record["id"] += "-other"
            record["figures"] = []
            record["notes"] = "Students marched peacefully to the ministry at dawn."
            out.append(json.dumps(record, separators=(",", ":")))
    path.write_bytes(newline.join(out).encode("utf-8") + newline.encode())
    expected = one_process(path)
    repeats = [f for f in expected[0] if f.code == "R010"]  # type: ignore[attr-defined]
    assert repeats, "the copies made by write_perturbed are R010"
    assert not [f for f in repeats if any(r.endswith("-other") for r in f.related)]
    assert in_workers(path, chunk_bytes=20_000) == expected


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="workers inherit the run's state by fork"
)
def test_forked_workers_find_the_parties_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The main process reads the parties before the workers fork: they do not read them again.
    path = write_perturbed(tmp_path / "data.jsonl", 300)
    expected = one_process(path)

    def read_again(*args: object) -> None:
        raise AssertionError("a worker read the parties again")

    monkeypatch.setattr(parallel_lines, "_parties", read_again)
    assert in_workers(path, chunk_bytes=20_000) == expected
    assert pool._RUN is None  # the run's state is dropped once it is over


def test_findings_come_as_the_chunks_are_merged(tmp_path: Path) -> None:
    # Streamed: findings go out before the last chunk is merged (the count is then short).
    path = write_perturbed(tmp_path / "data.jsonl", 600)
    counted: list[int] = []
    run = parallel_lines.parallel_run(path, chunk_bytes=20_000, progress=counted.append)
    assert run is not None
    counts_at_findings = [counted[-1] if counted else 0 for _ in run]
    assert counts_at_findings
    assert min(counts_at_findings) < run.records



@given(
    span=st.integers(min_value=1, max_value=10**9),
    most=st.integers(min_value=1, max_value=10**7),
    workers=st.integers(min_value=1, max_value=8),
)
def test_parts_are_at_most_the_size_asked_and_shared_evenly(
    span: int, most: int, workers: int
) -> None:
    size = pool.part_bytes(span, most, workers)
    wanted = -(-span // most)  # parts of ``most`` bytes
    shared = -(-wanted // workers) * workers if wanted > 1 else 1
    assert size <= most
    assert shared * size >= span  # ``shared`` parts of ``size`` bytes cover the span
    if wanted > 1:  # and of a byte less do not
        assert shared * (size - 1) < span


def test_a_json_lines_file_goes_to_two_workers_in_an_even_number_of_even_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "d.jsonl"
    _benchmarks().write_jsonl(path, 300, seed=2)
    parts: list[tuple[int, int, int]] = []
    real = pool.in_order

    def recorded(work: Any, cuts: Any, workers: int) -> Any:
        parts.extend(cuts)
        return real(work, parts, workers)

    monkeypatch.setattr(pool, "in_order", recorded)
    size = path.stat().st_size
    assert in_workers(path, chunk_bytes=size // 5, workers=2) == one_process(path)
    lengths = [end - start for start, end, _ in parts]
    assert len(lengths) in (4, 6)  # the events take 3 to 5 fifths of the file
    # Even: each cut runs to the end of its line, so the last part is short by a few lines.
    longest = max(map(len, path.read_bytes().splitlines()))
    assert max(lengths) - min(lengths) < len(lengths) * longest


def _parts(checked: CheckedRecord) -> list[tuple[type, object]]:
    """A checked record's fields and those of its nested named tuples, each with its type."""
    place = checked.place
    nested = [*checked, *checked.links, *(checked.timeline or ())]
    nested += [] if place is None else [place[0], *place[1]]
    return [(type(part), part) for part in (*nested, place and place[1])]


def test_what_a_worker_sends_is_rebuilt_as_it_was_sent(tmp_path: Path) -> None:
    """A checked record crosses to the main process with its nested types (Spot, Links,
    Timeline), not as the plain tuples it is pickled as (which compare equal to them)."""
    path = write_perturbed(tmp_path / "perturbed.jsonl", 300)
    prefix = path.read_bytes().index(b'{"record":"event"')
    chunk = (prefix, path.stat().st_size, 1 + path.read_bytes()[:prefix].count(b"\n"))
    sent = parallel_lines._check_chunk(
        "sent", str(path), None, prefix, True, None, Limits(), EVERYTHING, chunk
    )
    assert sent is not None
    checked = [entry for entry in sent if isinstance(entry, CheckedRecord)]
    assert any(c.place is not None and c.timeline is not None for c in checked)
    for record in checked:
        back = pickle.loads(pickle.dumps(record))
        assert type(back) is CheckedRecord
        assert _parts(back) == _parts(record)
