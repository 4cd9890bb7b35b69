"""Hypothesis fuzzing: mutated copies of valid files never crash a reader, validate or convert.

Seeds are the Makiivka dataset (as a document and as JSON Lines) and the ACLED fixtures; each
example flips, inserts or deletes bytes, truncates, or duplicates and drops lines, then feeds
the result to every reader and (for a few examples) to the command line.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcode.cli import main
from eventcode.conversion import convert
from eventcode.findings import Finding, finding_codes
from eventcode.io.formats import Format
from eventcode.io.json_lines import iter_jsonl_lines
from eventcode.io.limits import Limits
from eventcode.io.sources import Source
from eventcode.model.items import RecordItem
from eventcode.validation import validate_source

ROOT = Path(__file__).resolve().parent.parent
_DOCUMENT = (ROOT / "fixtures/makiivka-2023/dataset.json").read_bytes()


def _jsonl_seed() -> bytes:
    from eventcode import load

    return "".join(
        iter_jsonl_lines(load(ROOT / "fixtures/makiivka-2023/dataset.json").dataset)
    ).encode()


SEEDS: list[tuple[bytes, Format]] = [
    (_DOCUMENT, Format.JSON),
    (_jsonl_seed(), Format.JSONL),
    *[(p.read_bytes(), Format.ACLED_CSV) for p in sorted((ROOT / "fixtures/acled").glob("*.csv"))],
    ((ROOT / "fixtures/acled/api-response.json").read_bytes(), Format.ACLED_JSON),
    *[
        (p.read_bytes(), Format.UCDP_GED_CSV)
        for p in sorted((ROOT / "fixtures/ucdp").glob("*.csv"))
    ],
]
_SMALL = Limits(max_field_bytes=4096, max_line_bytes=16384, max_json_depth=8)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, Format]:
    """A seed file with a few byte- or line-level mutations."""
    data, fmt = draw(st.sampled_from(SEEDS))
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "dup", "drop"]))
        at = draw(st.integers(0, max(len(buffer) - 1, 0)))
        if kind == "flip" and buffer:
            buffer[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            special = st.sampled_from(
                [
                    b"\x00",
                    b"\r",
                    b"\n",
                    b'"',
                    b"{",
                    b"[",
                    b"]",
                    b",",
                    b"\xff",
                    b"\xef\xbb\xbf",
                    b"NaN",
                    b'"id": "x", "id": "y",',
                    b"\\u0000",
                    b"=cmd|' /C calc'!A0",
                ]
            )
            buffer[at:at] = draw(st.one_of(st.binary(min_size=1, max_size=8), special))
        elif kind == "delete":
            del buffer[at : at + draw(st.integers(1, 64))]
        elif kind == "truncate":
            del buffer[at:]
        else:
            lines = bytes(buffer).split(b"\n")
            index = draw(st.integers(0, len(lines) - 1))
            if kind == "dup":
                lines.insert(index, lines[index])
            else:
                del lines[index]
            buffer = bytearray(b"\n".join(lines))
    return bytes(buffer), fmt


def _check_findings(findings: list[Finding], *, placed: bool = True) -> None:
    codes = finding_codes()
    for finding in findings:
        assert finding.code in codes
        if placed and finding.code.startswith(("S0", "L0", "A0", "U0")):
            assert finding.location.line is not None, finding


@given(mutated(), st.booleans())
def test_every_reader_survives_mutations(example: tuple[bytes, Format], small: bool) -> None:
    """Each reader the format picks, and every other reader, yields findings, never raises."""
    data, fmt = example
    limits = _SMALL if small else Limits()
    for reader in {fmt, *Format}:
        source = Source.from_bytes(data, reader, name="fuzz", limits=limits)
        items = list(source.items())
        _check_findings([i for i in items if isinstance(i, Finding)], placed=False)
        placed = source.place([i for i in items if isinstance(i, Finding)])
        assert all(f.location.file == "fuzz" for f in placed)
        _check_findings(placed)
        report = validate_source(Source.from_bytes(data, reader, name="fuzz", limits=limits))
        _check_findings(list(report.findings))
        # An ACLED header without rows (a complete layout, or a column subset, whose A023
        # says so) is an empty file, accepted as such (fixtures/hostile/header-only.csv).
        if (
            not any(isinstance(i, RecordItem) for i in items)
            and data.strip()
            and not _acled_header_only(data, reader)
            and not _ged_header_only(data, reader)
        ):
            assert report.findings, "input yielding no record must say why"


def _acled_header_only(data: bytes, reader: Format) -> bool:
    from eventcode.acled import read_acled

    if reader not in (Format.ACLED_CSV, Format.ACLED_JSON):
        return False
    read = read_acled(data)
    return read.layout is not None and read.rows == 0


def _ged_header_only(data: bytes, reader: Format) -> bool:
    from eventcode.ucdp import read_ged

    if reader is not Format.UCDP_GED_CSV:
        return False
    read = read_ged(data)
    return read.header is not None and read.rows == 0


@settings(max_examples=15)
@given(mutated())
def test_convert_survives_mutations(example: tuple[bytes, Format]) -> None:
    """convert writes every record it read, to each format, from any mutated input."""
    data, _ = example
    import io

    for to in ("jsonl", "json", "acled-csv", "ucdp-ged-csv"):
        out = io.StringIO()
        done = convert(data, out, to=to, name="fuzz")
        _check_findings(list(done.findings))
        if to == "jsonl":
            again = Source.from_bytes(out.getvalue().encode(), Format.JSONL)
            items = list(again.items())
            assert not [i for i in items if isinstance(i, Finding) and i.code.startswith("S0")]
            assert sum(isinstance(i, RecordItem) for i in items) == done.written


@settings(max_examples=8)
@given(mutated())
def test_the_cli_survives_mutations(example: tuple[bytes, Format]) -> None:
    """validate and convert exit 0 or 1 on any mutated file, and never print a traceback."""
    data, fmt = example
    directory = Path(tempfile.mkdtemp(prefix="eventcode-fuzz-"))
    try:
        _cli_round(data, fmt, directory)
    finally:
        shutil.rmtree(directory)


def _cli_round(data: bytes, fmt: Format, directory: Path) -> None:
    suffix = {
        Format.JSON: ".json",
        Format.JSONL: ".jsonl",
        Format.ACLED_CSV: ".csv",
        Format.UCDP_GED_CSV: ".csv",
    }.get(fmt, ".json")
    path = directory / f"input{suffix}"
    path.write_bytes(data)
    assert main(["validate", "--isolated", "--no-progress", "--format", "json", str(path)]) in (
        0,
        1,
    )
    assert main(["convert", str(path), "-o", str(directory / "out.jsonl")]) in (0, 1)


def test_real_processes_on_mutated_files(tmp_path: Path) -> None:
    """Two real runs of the command on broken files: exit 1, a report, no traceback."""
    broken = tmp_path / "broken.jsonl"
    broken.write_bytes(_jsonl_seed()[:-100] + b"\xff\x00{[" * 10)
    for args in (
        ["validate", "--isolated", "--format", "github", str(broken)],
        ["convert", str(broken), "-o", str(tmp_path / "out.csv")],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "eventcode", *args], capture_output=True, timeout=120
        )
        assert done.returncode == 1, done.stderr
        assert b"Traceback" not in done.stderr + done.stdout
        assert b"internal error" not in done.stderr
