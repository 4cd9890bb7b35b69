"""The hostile-input corpus (fixtures/hostile/cases.toml): never a crash, every problem found.

Each case is read by the reader its format picks, validated, and run through the command line
(every report format, and convert): nothing raises, nothing prints a traceback, every expected
finding is there with its file and line, the good records are still read and written.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import tracemalloc
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from eventcode.cli import main
from eventcode.findings import Report
from eventcode.io.atomic import write_atomic
from eventcode.io.limits import Limits
from eventcode.io.sources import Source
from eventcode.reporters import REPORT_FORMATS, render
from eventcode.validation import validate_source

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "fixtures" / "hostile"
CASES: list[dict[str, Any]] = tomllib.loads((HOSTILE / "cases.toml").read_text("utf-8"))["case"]
SMALL = [c for c in CASES if not c.get("generated")]
HUGE = [c for c in CASES if c.get("generated")]
# Findings about reading the input itself: each must name its line.
READER_CODES = re.compile(r"^(S0|L0|A0)")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hostile_generate", HOSTILE / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _check_report(case: dict[str, Any], report: Report, name: str) -> None:
    codes = {f.code for f in report.findings}
    assert set(case["codes"]) <= codes, (case["file"], codes)
    errors = [f for f in report.findings if f.severity.value == "error"]
    if case["valid"]:
        assert not errors, errors
    else:
        assert errors
        assert report.fails("error")
        assert set(case["codes"]) <= {f.code for f in errors}
    assert report.records == case["records"]
    for finding in report.findings:
        assert finding.location.file == name
        if READER_CODES.match(finding.code):
            assert finding.location.line is not None, finding
    at = {f"{f.code}:{f.location.line}" for f in report.findings}
    assert set(case.get("lines", [])) <= at, (case["file"], sorted(at))


def _convert_exit(case: dict[str, Any], suffix: str) -> int:
    """The exit code cases.toml expects of convert to ``suffix`` (.json, .jsonl, .csv, .parquet)."""
    default = 0 if case["valid"] else 1
    codes = case.get("convert", {})
    if suffix == ".parquet":  # a dataset as tables: as JSON, unless the case says otherwise
        default = codes.get("json", default)
    expected: int = codes.get(suffix.lstrip("."), default)
    return expected


def test_the_corpus_is_complete() -> None:
    """Every committed file is a documented case, and every small case is committed."""
    files = {p.name for p in HOSTILE.iterdir() if p.suffix in (".csv", ".json", ".jsonl")}
    assert files == {c["file"] for c in SMALL}
    assert _generator().small_cases().keys() == files


def test_the_committed_files_are_what_the_generator_writes() -> None:
    """The corpus can be rebuilt: generate.py writes exactly the committed bytes."""
    for name, data in _generator().small_cases().items():
        assert (HOSTILE / name).read_bytes() == data, name


@pytest.mark.parametrize("case", SMALL, ids=[c["file"] for c in SMALL])
def test_each_case_is_read_into_its_findings(case: dict[str, Any]) -> None:
    """The library reads the case without raising and reports what cases.toml says."""
    path = HOSTILE / case["file"]
    report = validate_source(Source.from_path(path, name=case["file"]))
    _check_report(case, report, case["file"])
    for fmt in REPORT_FORMATS:
        render(report, fmt)


@pytest.mark.parametrize("case", SMALL, ids=[c["file"] for c in SMALL])
def test_each_case_through_the_cli(
    case: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """validate in every format, and convert to each output: exit 0/1, never a traceback."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    path = str(HOSTILE / case["file"])
    expected = 0 if case["valid"] else 1
    for fmt in REPORT_FORMATS:
        code = main(["validate", "--isolated", "--no-progress", "--format", fmt, path])
        out, err = capsys.readouterr()
        assert code == expected, (fmt, err)
        assert "Traceback" not in out + err
        assert "internal error" not in err
    for suffix in (".jsonl", ".json", ".csv", ".parquet"):
        target = tmp_path / f"out{suffix}"
        code = main(["convert", path, "-o", str(target)])
        out, err = capsys.readouterr()
        assert code == _convert_exit(case, suffix), (suffix, err)
        assert "Traceback" not in out + err
        assert "internal error" not in err
        if suffix == ".csv":
            for named in case.get("convert_codes", []):
                assert named in err, (named, err)
        assert target.exists() is (code != 2)  # 2: refused, with a message; nothing written
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
        if suffix == ".jsonl":
            # Every record read is written: the output reads back with as many records.
            again = validate_source(Source.from_path(target))
            assert again.records == case["records"]
            assert not [f for f in again.findings if f.code.startswith(("S0", "L0"))]


@pytest.fixture(scope="module")
def huge_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The cases too large to commit, written once for this module."""
    written: dict[str, Path] = _generator().build_huge(tmp_path_factory.mktemp("huge"))
    return written


@pytest.mark.parametrize("case", HUGE, ids=[c["file"] for c in HUGE])
def test_huge_cases_are_findings_in_bounded_memory(
    case: dict[str, Any], huge_files: dict[str, Path]
) -> None:
    """A 10 MB field or a 50 MB line is one finding; memory stays far below the input's size.

    The cases marked ``bounded = "time"`` (100,000 columns, 20,000 figures, 3,000 contradicting
    figures) were slow, not big: they are checked for time (they took minutes, or ran out).
    """
    path = huge_files[case["file"]]
    if case.get("bounded") == "time":
        started = time.perf_counter()
        report = validate_source(Source.from_path(path, name=case["file"]))
        assert time.perf_counter() - started < 60
        _check_report(case, report, case["file"])
        return
    tracemalloc.start()
    try:
        report = validate_source(Source.from_path(path, name=case["file"]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    _check_report(case, report, case["file"])
    size = path.stat().st_size
    if case["file"].startswith("jsonl-line"):
        # Never held: the buffer stops at the 16 MiB line limit.
        assert peak < 40 * 1024 * 1024, (peak, size)
    else:
        # A 10 MB field sits under the line limit, so its line is read (a few copies of it).
        assert peak < size * 6, (peak, size)


def test_a_directory_of_every_case_validates_and_each_converts(
    huge_files: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 15's "done when": validate on the whole corpus, convert on each case, no crash.

    ``eventcode validate`` on fixtures/hostile and the generated cases (one run, two
    directories) exits 1 exactly because some case has an error, and reports every case's
    findings in its file: no case hides another's. A directory of the valid cases alone exits 0.
    ``eventcode convert`` of each case to .json, .jsonl and .csv exits 0, 1 or 2 (the one
    cases.toml expects), never with "internal error".
    """
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    huge_dir = next(iter(huge_files.values())).parent
    options = ["--isolated", "--no-progress", "--format", "json"]
    done = _run(["validate", *options, str(HOSTILE), str(huge_dir)], {})
    assert b"internal error" not in done.stderr
    assert b"Traceback" not in done.stderr
    assert done.returncode == (1 if any(not c["valid"] for c in CASES) else 0), done.stderr
    report = json.loads(done.stdout)
    assert report["summary"]["files"] == len(CASES)
    by_file: dict[str, set[tuple[str, str]]] = {}
    for finding in report["findings"]:
        by_file.setdefault(Path(finding["file"]).name, set()).add(
            (finding["code"], finding["severity"])
        )
    for case in CASES:
        found = by_file.get(case["file"], set())
        assert set(case["codes"]) <= {code for code, _ in found}, (case["file"], found)
        has_error = any(severity == "error" for _, severity in found)
        assert has_error is not case["valid"], (case["file"], found)

    valid_dir = tmp_path / "valid"
    valid_dir.mkdir()
    for case in SMALL:
        if case["valid"]:
            shutil.copy(HOSTILE / case["file"], valid_dir / case["file"])
    assert main(["validate", "--isolated", "--no-progress", str(valid_dir)]) == 0
    capsys.readouterr()

    paths = {c["file"]: HOSTILE / c["file"] for c in SMALL} | huge_files
    for case in CASES:
        for suffix in (".json", ".jsonl", ".csv"):
            target = tmp_path / f"out{suffix}"
            code = main(["convert", str(paths[case["file"]]), "-o", str(target)])
            out, err = capsys.readouterr()
            assert code in {0, 1, 2}
            assert "internal error" not in err, (case["file"], suffix, err)
            assert "Traceback" not in out + err
            assert code == _convert_exit(case, suffix), (case["file"], suffix, err)


def test_huge_line_is_skipped_with_a_lower_limit_too(huge_files: dict[str, Path]) -> None:
    """With a 1 MiB line limit, the 50 MB line is dropped holding at most about a megabyte."""
    path = huge_files["jsonl-line-50mb.jsonl"]
    tracemalloc.start()
    try:
        source = Source.from_path(path, limits=Limits(max_line_bytes=1 << 20))
        report = validate_source(source)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [f.location.line for f in report.findings if f.code == "L002"] == [5]
    assert report.records == 28
    assert peak < 8 * 1024 * 1024


def test_huge_cases_convert_keeping_good_records(
    huge_files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """convert writes the good records around a huge field and names the row it left out."""
    target = tmp_path / "out.jsonl"
    code = main(["convert", str(huge_files["csv-field-10mb.csv"]), "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 1
    assert "L001" in err
    assert ":3:" in err
    assert validate_source(Source.from_path(target)).records == 9


# -- limits -------------------------------------------------------------------------------------


def test_limits_are_configurable_from_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    """Each limit has an option; a low one turns ordinary data into its L-finding."""
    csv_file = str(ROOT / "fixtures/acled/current-export-numeric.csv")
    jsonl = str(HOSTILE / "jsonl-bom.jsonl")
    document = str(ROOT / "fixtures/makiivka-2023/dataset.json")
    runs = [
        (["--max-field-size", "20", csv_file], "L001"),
        (["--max-line-size", "100", jsonl], "L002"),
        (["--max-json-depth", "2", document], "L003"),
        (["--max-field-size", "50", document], "L001"),
    ]
    for options, code in runs:
        assert main(["validate", "--isolated", "--no-progress", *options]) == 1
        assert code in capsys.readouterr().out
    assert main(["validate", "--isolated", "--max-json-depth", "0", document]) == 2
    assert "positive" in capsys.readouterr().err
    assert main(["validate", "--isolated", "--max-json-depth", "501", document]) == 2
    capsys.readouterr()
    assert main(["convert", document, "-o", "-", "--max-line-size", "-1"]) == 2


def test_limits_reject_nonsense() -> None:
    """A limit is a positive integer; the depth stays under Python's recursion limit."""
    nonsense: list[dict[str, Any]] = [
        {"max_field_bytes": 0},
        {"max_line_bytes": -5},
        {"max_json_depth": 10_000},
    ]
    for bad in nonsense:
        with pytest.raises(ValueError, match=r"limit|exceed"):
            Limits(**bad)


def test_nesting_at_the_limit_parses_and_just_over_it_is_a_finding() -> None:
    """Depth is counted exactly, and brackets inside strings do not count."""
    from eventcode.io._text import parse_json_checked

    limits = Limits(max_json_depth=5)
    assert parse_json_checked("[[[[[1]]]]]", limits).problem is None
    assert parse_json_checked('[[[[["[[[[[[["]]]]]', limits).problem is None
    found = parse_json_checked("[[[[[[1]]]]]]", limits).problem
    assert found is not None
    assert found.code == "L003"
    deep = parse_json_checked("\n\n" + "[" * 100_000, Limits())
    assert deep.problem is not None
    assert deep.problem.code == "L003"
    assert deep.problem.location.line == 3


def test_duplicate_keys_are_found_at_their_line() -> None:
    """Python keeps a repeated key silently; eventcode reports each repetition."""
    from eventcode.io._text import parse_json_checked

    parsed = parse_json_checked('{"a": 1,\n "b": {"c": 1, "c": 2},\n "a": 3, "d": ["a", "a"]}')
    assert parsed.problem is None
    assert parsed.value == {"a": 3, "b": {"c": 2}, "d": ["a", "a"]}
    assert [(f.code, f.location.line) for f in parsed.findings] == [("S007", 2), ("S007", 3)]


# -- report formats ---------------------------------------------------------------------------


INJECTION = ["csv-report-injection.csv", "jsonl-report-injection.jsonl", "csv-nul.csv"]


@pytest.mark.parametrize("name", INJECTION)
def test_reports_escape_hostile_text(name: str) -> None:
    """No report format lets the data forge a line, a command, markup or a control character."""
    report = validate_source(Source.from_path(HOSTILE / name, name=name))
    count = len(report.findings)
    github = render(report, "github")
    commands = [line for line in github.splitlines() if line.startswith("::")]
    assert len(commands) == count
    assert all(re.match(r"^::(error|warning|notice) file=", line) for line in commands)
    ET.fromstring(render(report, "junit"))  # well-formed XML 1.0
    for fmt in ("json", "sarif"):
        json.loads(render(report, fmt))
    for fmt in ("text", "markdown", "github"):
        text = render(report, fmt)
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u202a-\u202e\ud800-\udfff]", text)
        assert len(text.splitlines()) <= count * 2 + 12


# -- atomic outputs ---------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_output(tmp_path: Path) -> None:
    """An error half-way through writing leaves the earlier file whole and no temporary file."""
    target = tmp_path / "out.json"
    target.write_text("old\n")

    def chunks() -> Any:
        yield "new, partial"
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, chunks())
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_convert_failing_keeps_an_earlier_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An output that cannot be written is exit 2, and nothing is left half-written."""
    target = tmp_path / "missing-dir" / "out.jsonl"
    assert main(["convert", str(HOSTILE / "csv-bom.csv"), "-o", str(target)]) == 2
    assert "cannot convert" in capsys.readouterr().err
    assert not target.parent.exists()
    earlier = tmp_path / "out.jsonl"
    earlier.write_text("earlier\n")

    def failing(dataset: Any) -> Any:
        yield '{"record": "dataset", "format_version": "1.0"}\n'
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("eventcode.conversion.iter_jsonl_lines", failing)
    assert main(["convert", str(HOSTILE / "csv-bom.csv"), "-o", str(earlier)]) == 2
    assert "No space left" in capsys.readouterr().err
    assert earlier.read_text() == "earlier\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


# -- the environment --------------------------------------------------------------------------

ENVIRONMENTS = [
    {"TZ": "UTC", "LC_ALL": "C"},
    {"TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8"},
    {"TZ": "America/St_Johns", "LC_ALL": "tr_TR.UTF-8", "PYTHONIOENCODING": "latin-1"},
]


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    full = {k: v for k, v in os.environ.items() if k not in ("TZ", "LC_ALL", "LANG")}
    full.pop("GITHUB_STEP_SUMMARY", None)
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "eventcode", *args], env=full, capture_output=True, timeout=120
    )


def test_results_do_not_depend_on_time_zone_locale_or_line_endings(tmp_path: Path) -> None:
    """The same input gives the same bytes under any TZ and locale, and with CR, LF or CRLF."""
    reports: set[bytes] = set()
    outputs: set[bytes] = set()
    for index, env in enumerate(ENVIRONMENTS):
        done = _run(
            [
                "validate",
                "--isolated",
                "--format",
                "json",
                str(HOSTILE / "csv-report-injection.csv"),
            ],
            env,
        )
        assert done.returncode == 1
        assert b"Traceback" not in done.stderr
        reports.add(done.stdout)
        target = tmp_path / f"out{index}.csv"
        done = _run(["convert", str(HOSTILE / "jsonl-mixed-endings.jsonl"), "-o", str(target)], env)
        assert done.returncode == 0, done.stderr
        outputs.add(target.read_bytes())
    assert len(reports) == 1
    assert len(outputs) == 1
    endings = set()
    for name in ("jsonl-bom.jsonl", "jsonl-cr-only.jsonl", "jsonl-mixed-endings.jsonl"):
        target = tmp_path / f"{name}.json"
        assert main(["convert", str(HOSTILE / name), "-o", str(target)]) == 0
        endings.add(target.read_bytes())
    assert len(endings) == 1
