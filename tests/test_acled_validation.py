"""Validating ACLED rows without records reports what checking the records reports.

The reference is the record path: read each row into records (``Source.items``) and run every
record check over them (``check_items``), as ``validate_path`` did before it worked on rows.
"""

from __future__ import annotations

import csv
import importlib.util
import random
from pathlib import Path
from types import ModuleType

import pytest
from attrs import evolve

from eventcode.acled import parallel
from eventcode.acled.source import AcledStream
from eventcode.validation import Report, _collect, check_items, validate_path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = [
    *sorted((ROOT / "fixtures" / "acled").glob("*.csv")),
    ROOT / "fixtures" / "acled" / "api-response.json",
    ROOT / "fixtures" / "makiivka-2023" / "acled.csv",
]


def _benchmarks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def record_path_report(path: Path) -> Report:
    """Validate ``path`` by building and checking records (the reference)."""
    findings, records = _collect(check_items(AcledStream(str(path)).items()))
    placed = (evolve(f, location=evolve(f.location, file=str(path))) for f in findings)
    return Report(findings=tuple(placed), records=records, files=(str(path),))


def write_perturbed(path: Path, rows: int, seed: int = 3) -> Path:
    """Write a generated ACLED CSV with repeated events, repeated ids, respelled places,
    civilian targeting on battles and bad cells mixed in (some notes quoted over two lines)."""
    plain = path.with_suffix(".plain.csv")
    _benchmarks().write_acled_csv(plain, rows, seed=seed)
    rng = random.Random(seed)
    with open(plain, newline="", encoding="utf-8") as handle:
        head, *body = list(csv.reader(handle))
    col = {c: i for i, c in enumerate(head)}
    ident = col["event_id_cnty"]
    out = []
    for i, row in enumerate(body):
        out.append(row)
        roll = rng.random()
        copy = list(row)
        copy[ident] = row[ident][:3] + str(900000 + i)
        if roll < 0.02:  # the same event under a new id: R010
            out.append(copy)
        elif roll < 0.04:  # the same id again: A010
            out.append(list(row))
        elif roll < 0.06:  # a respelled place at the same spot: R009
            location = copy[col["location"]]
            copy[col["location"]] = location.replace("a", "o").replace("e", "i") + "a"
            out.append(copy)
        elif roll < 0.08:  # civilian targeting on a battle: C013
            copy[col["disorder_type"]] = "Political violence"
            copy[col["event_type"]] = "Battles"
            copy[col["sub_event_type"]] = "Armed clash"
            copy[col["civilian_targeting"]] = "Civilian targeting"
            out.append(copy)
        elif roll < 0.09:  # a bad cell
            copy[col["latitude"]] = "95"
            out.append(copy)
        elif roll < 0.10:  # a wrong interaction, an unknown country
            copy[col["interaction"]] = "17"
            copy[col["country"]] = "Narnia"
            out.append(copy)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(head)
        writer.writerows(out)
    plain.unlink()
    return path


def _same(path: Path) -> None:
    expected = record_path_report(path)
    found = validate_path(path)
    assert found.findings == expected.findings
    assert found.records == expected.records


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_findings_match_the_record_path(path: Path) -> None:
    _same(path)


def test_generated_findings_match_the_record_path(tmp_path: Path) -> None:
    path = write_perturbed(tmp_path / "generated.csv", 3000)
    report = validate_path(path)
    codes = {f.code for f in report.findings}
    assert {"A010", "C013", "R009", "R010", "A007", "C014", "C023"} <= codes
    _same(path)


def test_parallel_findings_match_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks cut at row ends (quoted newlines inside), duplicates across chunks: same report."""
    path = write_perturbed(tmp_path / "generated.csv", 2000, seed=5)
    data = path.read_bytes()
    assert b'"heavy fighting' in data  # notes quoted over two lines
    one = validate_path(path)
    _, parts = parallel.chunks(path, 20_000)
    assert len(parts) > 10
    assert parallel.parallel_findings(path, chunk_bytes=20_000) == (
        [evolve(f, location=evolve(f.location, file=None)) for f in one.findings],
        one.records,
    )
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 20_000)
    found = validate_path(path)
    assert found == one
    assert {"A010", "R010", "R009"} <= {f.code for f in found.findings}


def test_chunks_end_at_rows_outside_quotes(tmp_path: Path) -> None:
    path = tmp_path / "quoted.csv"
    path.write_bytes(b'a,b\n1,"x\ny"\n2,"p\n""q\n"\r\n3,z\n')
    header, parts = parallel.chunks(path, 1)
    assert header == b"a,b\n"
    data = path.read_bytes()
    assert [data[s:e] for s, e, _ in parts] == [b'1,"x\ny"\n', b'2,"p\n""q\n"\r\n', b"3,z\n"]
    assert [line for _, _, line in parts] == [2, 4, 7]
