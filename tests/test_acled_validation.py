"""Validating ACLED rows without records reports what checking the records reports.

The reference is the record path: read each row into records (``Source.items``) and run every
record check over them (``check_items``), as ``validate_path`` did before it worked on rows.
"""

from __future__ import annotations

import csv
import importlib.util
import random
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from attrs import evolve

from eventcode.acled import parallel
from eventcode.acled.source import AcledStream
from eventcode.engine.records import check_items, collect
from eventcode.findings import Report
from eventcode.io.limits import Limits
from eventcode.io.sources import Source
from eventcode.validation import validate_path, validate_source

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
    findings, records = collect(check_items(AcledStream(str(path)).items()))
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
        elif roll < 0.04:  # the same id again: A010 (names only it holds must not count)
            again = list(row)
            if roll < 0.03:
                again[col["source"]] = f"Only on a repeated row {i}"
                again[col["assoc_actor_1"]] = f"Militia of a repeated row {i}"
            out.append(again)
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


@pytest.mark.parametrize("chunk_bytes", [20_000, 300_000])
def test_parallel_findings_match_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk_bytes: int
) -> None:
    """Chunks cut at row ends (quoted newlines inside), duplicates across chunks, chunks of
    one batch and of several (whose ids repeat earlier ones: their names are read again)."""
    path = write_perturbed(tmp_path / "generated.csv", 2000, seed=5)
    data = path.read_bytes()
    assert b'"heavy fighting' in data  # notes quoted over two lines
    one = validate_path(path)
    reference = record_path_report(path)
    assert (one.findings, one.records) == (reference.findings, reference.records)
    _, parts = parallel.chunks(path, chunk_bytes)
    assert len(parts) > 2
    assert parallel.parallel_findings(path, chunk_bytes=chunk_bytes) == (
        [evolve(f, location=evolve(f.location, file=None)) for f in one.findings],
        one.records,
    )
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(parallel, "CHUNK_BYTES", chunk_bytes)
    found = validate_path(path)
    assert found == one
    assert {"A010", "R010", "R009"} <= {f.code for f in found.findings}


def _cell(text: str) -> str:
    """Write a cell as csv.writer would, except that a stray quote stays unquoted."""
    if any(c in text for c in ",\r\n") or text.startswith('"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _row_starts(data: bytes) -> set[int]:
    """Return the byte offsets where csv.reader starts its rows."""
    lines = data.splitlines(keepends=True)
    ends = [0]
    for line in lines:
        ends.append(ends[-1] + len(line))
    consumed = iter(ends[1:])
    positions: list[int] = []

    def feed() -> Iterator[str]:
        for line in lines:
            positions.append(next(consumed))
            yield line.decode()

    starts = {0}
    for _ in csv.reader(feed()):
        starts.add(positions[-1])
    return starts


@pytest.mark.parametrize("chunk_bytes", [997, 4000])
def test_parallel_findings_with_stray_quotes_match_one_process(
    tmp_path: Path, chunk_bytes: int
) -> None:
    """A ``"`` inside an unquoted cell is a literal to csv.reader but flips the quote parity
    the chunks are cut by: a cut may fall inside a row. Such cuts are found and the rows
    around them checked again, so the findings are those of one process."""
    plain = write_perturbed(tmp_path / "generated.csv", 400, seed=11)
    with open(plain, newline="", encoding="utf-8") as handle:
        head, *body = list(csv.reader(handle))
    col = {c: i for i, c in enumerate(head)}
    rng = random.Random(7)
    lines = [",".join(head)]
    for row in body:
        cells = list(row)
        roll = rng.random()
        if roll < 0.3:  # a stray quote in an unquoted cell
            cells[col["source"]] = cells[col["source"]].replace(" ", ' 5" ', 1) + '"'
        elif roll < 0.4:  # a quoted cell with a newline and doubled quotes
            cells[col["notes"]] = 'said ""no""\n' + cells[col["notes"]].replace(",", "")
        lines.append(",".join(_cell(c) for c in cells))
    path = tmp_path / "stray.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode())
    _, parts = parallel.chunks(path, chunk_bytes)
    starts = _row_starts(path.read_bytes())
    assert any(start not in starts for start, _, _ in parts)  # some cuts fall inside rows
    one = validate_path(path)
    assert parallel.parallel_findings(path, chunk_bytes=chunk_bytes) == (
        [evolve(f, location=evolve(f.location, file=None)) for f in one.findings],
        one.records,
    )
    assert {"A010", "R010"} <= {f.code for f in one.findings}


def test_chunks_end_at_rows_outside_quotes(tmp_path: Path) -> None:
    path = tmp_path / "quoted.csv"
    path.write_bytes(b'a,b\n1,"x\ny"\n2,"p\n""q\n"\r\n3,z\n')
    header, parts = parallel.chunks(path, 1)
    assert header == b"a,b\n"
    data = path.read_bytes()
    assert [data[s:e] for s, e, _ in parts] == [b'1,"x\ny"\n', b'2,"p\n""q\n"\r\n', b"3,z\n"]
    assert [line for _, _, line in parts] == [2, 4, 7]


def test_chunks_that_are_not_plain_are_read_as_one_process_reads_them(tmp_path: Path) -> None:
    """A blank line, a short and a long row send their chunks to the row-by-row reader; a byte
    that is not UTF-8 has the rest of the file read in the parent, as one process reads it.
    The report is the same either way."""
    path = write_perturbed(tmp_path / "odd.csv", 1500, seed=9)
    lines = path.read_bytes().split(b"\n")
    lines[300] = b""
    lines[700] = lines[700][:50]
    lines[1300] += b",extra"
    path.write_bytes(b"\n".join(lines))
    one = validate_path(path)
    assert "A002" in {f.code for f in one.findings}
    unnamed = [evolve(f, location=evolve(f.location, file=None)) for f in one.findings]
    assert parallel.parallel_findings(path, chunk_bytes=30_000) == (unnamed, one.records)
    reference = record_path_report(path)
    assert (one.findings, one.records) == (reference.findings, reference.records)
    lines[1100] = lines[1100].replace(b"a", b"\xff", 1)
    path.write_bytes(b"\n".join(lines))
    one = validate_source(Source.from_path(path))
    assert "S002" in {f.code for f in one.findings}
    unnamed = [evolve(f, location=evolve(f.location, file=None)) for f in one.findings]
    assert parallel.parallel_findings(path, chunk_bytes=30_000) == (unnamed, one.records)
    _same(path)


def test_cells_holding_the_key_separator_are_read_as_any_other(tmp_path: Path) -> None:
    """Batches look cells up by their columns joined with \\x1f; a cell holding it must not
    make two places (or two event types) one."""
    path = write_perturbed(tmp_path / "sep.csv", 600, seed=13)
    with open(path, newline="", encoding="utf-8") as handle:
        head, *body = list(csv.reader(handle))
    col = {c: i for i, c in enumerate(head)}
    # Two places whose cells, joined, are one string: one batch, and two batches apart.
    for a, b in ((10, 11), (30, 400)):
        for name in ("latitude", "longitude", "admin1", "admin2", "admin3", "region", "iso"):
            body[b][col[name]] = body[a][col[name]]
        body[a][col["location"]] = "Alpha\x1fUkraine"
        body[a][col["country"]] = "Ukraine"
        body[b][col["location"]] = "Alpha"
        body[b][col["country"]] = "Ukraine\x1fUkraine"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([head, *body])
    _same(path)


def test_a_line_over_the_limit_is_skipped_as_one_process_skips_it(tmp_path: Path) -> None:
    """A worker holds at most a chunk and a line's limit; a row line over the limit inside a
    chunk goes to the row-by-row reader, which skips it (L002) as one process does; a line over
    the limit where a chunk is cut has the rest of the file read in the parent (the first cut:
    the whole file in one process)."""
    path = write_perturbed(tmp_path / "long.csv", 1500, seed=21)
    lines = path.read_bytes().split(b"\n")
    lines[1200] = lines[1200].replace(b" ", b" " + b"y" * 60_000, 1)
    path.write_bytes(b"\n".join(lines))
    limits = Limits(max_line_bytes=40_000)
    one = validate_source(Source.from_path(path, limits=limits))
    assert "L002" in {f.code for f in one.findings}
    unnamed = [evolve(f, location=evolve(f.location, file=None)) for f in one.findings]
    found = parallel.parallel_findings(path, chunk_bytes=30_000, limits=limits)
    assert found == (unnamed, one.records)
    later = parallel.parallel_findings(path, chunk_bytes=7_000, limits=limits)
    assert later == (unnamed, one.records)


#: Hostile cells of issue 15, by column: each row gets one (numbers outside the grammar, huge
#: integers, line breaks in ids, NUL in text, iso codes of no country).
HOSTILE_CELLS = {
    "fatalities": ["1" * 5000, "2\n", " 3", "\u0663", "03", "+3"],
    "timestamp": ["1" * 5000, "1e9", "\u0661\u0667\u0660\u0660"],
    "iso": ["1" * 5000, "0", "999", "1000000", "\uff18\uff10\uff14"],
    "inter1": ["1" * 5000, "\u0668", "08", " 8"],
    "interaction": ["1" * 5000, "78\n", "\u0667\u0668"],
    "latitude": ["4_5", "\u0664\u0665", "+45", "45\n", "1e1", "nan"],
    "longitude": ["-0x1", "inf", " 30"],
    "year": ["2024\n", "\u0662\u0660\u0662\u0664"],
    "event_date": ["2024-02-16\n", "16 February 2024\n"],
    "event_id_cnty": ["UKR1\nUKR2", "UKR1\n"],
    "notes": ["a\x00b"],
    "actor1": ["Militia\x00"],
}


def test_hostile_cells_match_the_record_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """validate (rows in batches, in one process and in two workers) and the record path give
    the same findings for every hostile cell of issue 15; none of them crashes either."""
    path = write_perturbed(tmp_path / "generated.csv", 1200, seed=15)
    with open(path, newline="", encoding="utf-8") as handle:
        head, *body = list(csv.reader(handle))
    col = {c: i for i, c in enumerate(head)}
    cells = [(column, text) for column, texts in HOSTILE_CELLS.items() for text in texts]
    step = len(body) // (len(cells) + 1)
    for index, (column, text) in enumerate(cells):
        body[step * (index + 1)][col[column]] = text
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows([head, *body])
    one = validate_path(path)
    _same(path)
    flagged = {(f.location.line, f.location.field) for f in one.findings}
    assert len({line for line, _ in flagged}) >= len(cells)
    unnamed = [evolve(f, location=evolve(f.location, file=None)) for f in one.findings]
    assert parallel.parallel_findings(path, chunk_bytes=30_000) == (unnamed, one.records)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 30_000)
    assert validate_path(path) == one
