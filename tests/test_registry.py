"""The check registry: every code declared, undeclared codes refused, ignored checks not run.

The law of a selection: validating with ``select``/``ignore`` gives exactly the findings of
validating everything, filtered by the same codes, in the same order (and the same record
count), on every path: in-memory datasets, JSON, JSON Lines, ACLED rows in one process and in
workers. What differs is the work: a check none of whose codes is selected does not run.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import eventcode.acled.parallel
import eventcode.conversion
import eventcode.engine.records
import eventcode.parallel_lines
from eventcode.acled import batches
from eventcode.acled.layouts import Layout
from eventcode.acled.row_checks import ROW_RULES, row_findings
from eventcode.acled.rows import AcledHeader, AcledRow
from eventcode.checks.registry import (
    EVERYTHING,
    READING,
    CheckDeclaration,
    Selection,
    UndeclaredCodeError,
    declare,
    declared_checks,
)
from eventcode.findings import Finding, code_selected, finding_codes, make_finding
from eventcode.io.sources import Source
from eventcode.validation import validate_path, validate_source

ROOT = Path(__file__).resolve().parent.parent
FILES = [
    *sorted((ROOT / "fixtures" / "acled").glob("*.csv")),
    *sorted((ROOT / "fixtures" / "makiivka-2023").glob("*.json*")),
    *sorted((ROOT / "fixtures").glob("corpus/*/dataset.json")),
    *sorted((ROOT / "fixtures" / "ucdp").glob("*.csv")),
]
SELECTIONS = [
    (None, ("R010",)),
    (None, ("C023", "A013")),
    (("A",), ()),
    (("R0",), ("R001",)),
    (("S3", "C"), ()),
    (None, ("A003",)),  # an error of a row rule: found (it decides the row is not read), dropped
    (("U",), ("U011",)),
    (None, ("U008",)),  # a GED row's error: its row is not read all the same
]


def test_every_finding_code_is_declared_by_a_check_or_by_reading() -> None:
    assert eventcode.engine.records.RECORD_CHECKS  # the engines are imported: all declared
    declared = {code for check in declared_checks() for code in check.codes}
    assert declared == set(finding_codes())
    assert READING in declared_checks()
    assert all(rule in declared_checks() for rule in ROW_RULES)


def test_the_acled_contract_answers_to_every_row_rule() -> None:
    codes = frozenset().union(*(rule.codes for rule in ROW_RULES))
    assert eventcode.engine.records.ACLED_CONTRACT.codes == codes


def test_the_default_selection_is_everything_without_reading_the_registry() -> None:
    assert Selection.of() is EVERYTHING
    assert Selection.of(None, ()) is EVERYTHING
    assert EVERYTHING.everything
    assert not Selection.of(ignore=["R010"]).everything
    for code in finding_codes():
        assert EVERYTHING.has(code)
    assert all(EVERYTHING.runs(check) for check in declared_checks())
    # Importing every check leaves the registry of findings unread: it is read when needed.
    probe = (
        "import eventcode.engine.records, eventcode.findings as f; "
        "print(f.finding_codes.cache_info().currsize)"
    )
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert found.stdout.strip() == "0", found.stderr


def test_a_code_a_check_does_not_declare_is_refused() -> None:
    check = CheckDeclaration("made-up", frozenset({"R009"}))
    stray = make_finding("R010", "not this check's")
    with pytest.raises(UndeclaredCodeError, match=r"made-up.*R010"):
        list(EVERYTHING.kept(check, [stray]))
    # Also when the stray code is ignored: the check is wrong whatever is reported.
    with pytest.raises(UndeclaredCodeError):
        list(Selection.of(ignore=["R010"]).kept(check, [stray]))


def test_a_declaration_names_only_registered_codes() -> None:
    assert eventcode.engine.records.RECORD_CHECKS  # the engines are imported: all declared
    registered = set(finding_codes())
    unknown = {check.name: check.codes - registered for check in declared_checks()}
    assert {name: codes for name, codes in unknown.items() if codes} == {}
    with pytest.raises(ValueError, match="declared twice"):
        declare("reading", ("S001",), "another reading")


def test_a_row_rule_emitting_an_undeclared_code_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventcode.acled import row_checks

    group = row_checks._GROUPS[0]
    stray = group._replace(check=lambda *cells: (("C013", "not this rule's", None),))
    monkeypatch.setattr(row_checks, "_GROUPS", (stray, *row_checks._GROUPS[1:]))
    header = AcledHeader(("event_date", "year"), Layout.CURRENT, (), (), 1)
    with pytest.raises(UndeclaredCodeError, match=r"acled-dates.*C013"):
        row_findings(AcledRow(2, {"event_date": "2024-01-01", "year": "2024"}), header)


def _filtered(
    path: Path, select: tuple[str, ...] | None, ignore: tuple[str, ...]
) -> tuple[tuple[Finding, ...], int]:
    whole = validate_path(path)
    kept = tuple(f for f in whole.findings if code_selected(f.code, select, ignore))
    return kept, whole.records


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
@pytest.mark.parametrize(("select", "ignore"), SELECTIONS)
def test_selecting_codes_is_filtering_the_findings(
    path: Path, select: tuple[str, ...] | None, ignore: tuple[str, ...]
) -> None:
    found = validate_path(path, select=select, ignore=ignore)
    assert (found.findings, found.records) == _filtered(path, select, ignore)


@pytest.mark.parametrize(("select", "ignore"), SELECTIONS)
def test_selecting_codes_in_workers_is_filtering_the_findings(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    select: tuple[str, ...] | None,
    ignore: tuple[str, ...],
) -> None:
    from tests.test_acled_validation import write_perturbed

    path = write_perturbed(tmp_path / "generated.csv", 1500, seed=17)
    expected = _filtered(path, select, ignore)
    monkeypatch.setattr(eventcode.acled.parallel, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(eventcode.acled.parallel, "CHUNK_BYTES", 40_000)
    found = validate_path(path, select=select, ignore=ignore)
    assert (found.findings, found.records) == expected


def test_selecting_codes_in_json_lines_workers_is_filtering_the_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_jsonl_parallel import write_perturbed

    lines = write_perturbed(tmp_path / "data.jsonl", 400)
    expected = _filtered(lines, None, ("R0", "S302"))
    assert len(expected[0]) > 10
    monkeypatch.setattr(eventcode.parallel_lines, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(eventcode.parallel_lines, "CHUNK_BYTES", 20_000)
    found = validate_path(lines, ignore=("R0", "S302"))
    assert (found.findings, found.records) == expected


class _Refused:
    """Stands for a check that must not run: building it fails the test."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("an ignored check ran")


def test_an_ignored_check_does_not_run_on_records(monkeypatch: pytest.MonkeyPatch) -> None:
    path = ROOT / "fixtures" / "makiivka-2023" / "dataset.json"
    monkeypatch.setattr(eventcode.engine.records, "DuplicateEvents", _Refused)
    monkeypatch.setattr(eventcode.engine.records, "PlaceSpellings", _Refused)
    found = validate_path(path, ignore=("R009", "R010"))
    assert not {"R009", "R010"} & {f.code for f in found.findings}
    with pytest.raises(AssertionError, match="an ignored check ran"):
        validate_path(path)


def test_an_ignored_check_does_not_run_on_acled_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    path = ROOT / "fixtures" / "acled" / "current-export-numeric.csv"

    def refused(*args: object) -> Iterator[int]:
        raise AssertionError("an ignored check ran")

    monkeypatch.setattr(batches, "signatures", refused)
    validate_path(path, ignore=("R010",))
    with pytest.raises(AssertionError, match="an ignored check ran"):
        validate_path(path)


def test_selection_reaches_every_entry_point() -> None:
    path = ROOT / "fixtures" / "acled" / "defects.csv"
    whole = validate_source(Source.from_path(path))
    codes = {f.code for f in whole.findings}
    assert len(codes) > 3
    dropped = sorted(codes)[0]
    found = validate_source(Source.from_path(path), ignore=[dropped])
    assert dropped not in {f.code for f in found.findings}
    assert len(found.findings) < len(whole.findings)
