"""A count is at most MAX_COUNT (15 digits), in every way a count comes in and goes out.

Two figures of 4,300 digits (valid JSON integers) made ``eventcode derive`` an internal error and
stopped the GED and Parquet conversions: what the rules add up could not be written in digits.
The bound is one declaration (the model's field constraint, whence the JSON Schema's
``maximum``); ACLED's ``fatalities`` and GED's counts are read with it, so that a row read is a
record that validates; a toll added up past it is A011 at validate and left out by the writers.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import eventcode
from eventcode.acled import Lookups
from eventcode.acled.contract import How, acled_event_findings, checked_row
from eventcode.acled.options import AcledStyle
from eventcode.acled.values import CellError, parse_count
from eventcode.cli import main
from eventcode.model import Count, Subject, VictimCategory
from eventcode.model.constraints import MAX_COUNT
from eventcode.rules import policy
from eventcode.strategies import counts

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "fixtures" / "hostile"
AT_THE_MAXIMUM = HOSTILE / "jsonl-counts-at-the-maximum.jsonl"
ACLED_ROW = ROOT / "fixtures" / "makiivka-2023" / "acled.csv"
GED = ROOT / "fixtures" / "ucdp" / "ged-hand-made.csv"
LARGEST = eventcode.load(AT_THE_MAXIMUM).dataset


def test_the_bound_is_fifteen_digits() -> None:
    assert MAX_COUNT == 999_999_999_999_999
    assert MAX_COUNT < 2**53  # I-JSON: every JSON reader holds it exactly


def _loaded(tmp_path: Path, low: int) -> eventcode.Loaded:
    path = tmp_path / "counted.jsonl"
    path.write_text(_with_count(low), encoding="utf-8")
    return eventcode.load(path)


def _with_count(low: int) -> str:
    """The hostile corpus's plain file with its strike's first figure counting ``low``."""
    lines = AT_THE_MAXIMUM.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if '"counts-at-the-maximum"' in line)
    event = json.loads(lines[at])
    event["figures"] = event["figures"][:1]
    event["figures"][0]["value"] = {"kind": "exact", "phrase": "n", "low": low, "high": low}
    lines[at] = json.dumps(event)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "low", [MAX_COUNT + 1, 10**400, int("9" * 4300)], ids=["one-more", "401-digits", "4300-digits"]
)
def test_a_larger_count_in_a_file_is_S103_at_its_path(tmp_path: Path, low: int) -> None:
    found = [f for f in _loaded(tmp_path, low).findings if f.code == "S103"]
    assert [f.location.path for f in found] == [
        "$.figures[0].value.low",
        "$.figures[0].value.high",
    ]
    assert "999,999,999,999,999" in found[0].message
    assert len(found[0].message) < 120  # a long count is shown by its digits, not in full


def test_the_largest_count_loads(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path, MAX_COUNT)
    assert [f for f in loaded.findings if f.severity.value == "error"] == []
    event = next(e for e in loaded.dataset.events if e.id == "counts-at-the-maximum")
    assert event.figures[0].value.low == MAX_COUNT


@pytest.mark.parametrize(
    "low", [MAX_COUNT + 1, 10**400, 10**5000], ids=["one-more", "401-digits", "5001-digits"]
)
def test_a_larger_count_built_in_python_is_reported_not_raised(tmp_path: Path, low: int) -> None:
    dataset = _loaded(tmp_path, 1).dataset
    event = next(e for e in dataset.events if e.id == "counts-at-the-maximum")
    figure = attrs.evolve(event.figures[0], value=Count.exact(low, "countless"))
    changed = attrs.evolve(event, figures=(figure,))
    dataset = attrs.evolve(
        dataset, events=tuple(changed if e is event else e for e in dataset.events)
    )
    report = eventcode.validate(dataset)
    at = f"$.events[{dataset.events.index(changed)}].figures[0].value"
    assert {f.location.path for f in report.findings if f.code == "S103"} == {
        f"{at}.low",
        f"{at}.high",
    }


def test_the_json_schema_bounds_counts_as_the_loader_does() -> None:
    schema = json.loads((ROOT / "schemas" / "record.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    for low, valid in ((MAX_COUNT, True), (MAX_COUNT + 1, False)):
        text = _with_count(low)
        record = next(json.loads(x) for x in text.splitlines() if '"counts-at-the-max' in x)
        assert validator.is_valid(record) is valid, low


@pytest.mark.parametrize(
    ("text", "fits"),
    [("999999999999999", True), ("1000000000000000", False), ("9" * 4300, False), ("0", True)],
)
def test_an_acled_count_is_read_up_to_the_bound(text: str, fits: bool) -> None:
    if fits:
        assert parse_count(text) == int(text)
    else:
        with pytest.raises(CellError, match="more than a count may be"):
            parse_count(text)


def _acled_file(tmp_path: Path, fatalities: str) -> Path:
    rows = list(csv.reader(io.StringIO(ACLED_ROW.read_text(encoding="utf-8"))))
    rows[1][rows[0].index("fatalities")] = fatalities
    path = tmp_path / "acled.csv"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("fatalities", "codes"), [(str(MAX_COUNT), []), (str(MAX_COUNT + 1), ["A011"])]
)
def test_acled_fatalities_past_the_bound_are_A011_and_the_row_is_not_read(
    tmp_path: Path, fatalities: str, codes: list[str]
) -> None:
    path = _acled_file(tmp_path, fatalities)
    report = eventcode.validate_path(path)
    assert [f.code for f in report.findings if f.severity.value == "error"] == codes
    loaded = eventcode.load(path)
    assert len(loaded.dataset.events) == (0 if codes else 1)
    if not codes:  # read and written back as it was
        out = tmp_path / "back.csv"
        assert main(["convert", str(path), "-o", str(out)]) == 0
        back = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert back[0]["fatalities"] == fatalities


def _ged_file(tmp_path: Path, **cells: str) -> Path:
    rows = list(csv.reader(io.StringIO(GED.read_text(encoding="utf-8"))))
    for column, value in cells.items():
        rows[1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows[:2])
    path = tmp_path / "ged.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_a_ged_count_past_the_bound_is_U004(tmp_path: Path) -> None:
    big = str(MAX_COUNT + 1)
    path = _ged_file(tmp_path, best=big, high=big, deaths_unknown=big)
    codes = [f.code for f in eventcode.validate_path(path).findings]
    assert "U004" in codes
    # The id, a number but no count, is not bounded by it.
    ids = _ged_file(tmp_path, id=str(MAX_COUNT + 1))
    assert "U004" not in [f.code for f in eventcode.validate_path(ids).findings]


def test_two_figures_of_the_largest_count_add_up_past_it_and_nothing_crashes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each figure is valid; their toll is not a count a cell may hold: said, never a crash."""
    path = str(AT_THE_MAXIMUM)
    assert main(["derive", path]) == 0
    out = capsys.readouterr().out
    assert str(2 * MAX_COUNT) in out  # the toll, in digits
    report = eventcode.validate_path(path)
    assert [f.code for f in report.findings if f.severity.value == "error"] == ["A011"]
    assert main(["convert", path, "--to", "ucdp-ged-csv", "-o", str(tmp_path / "g.csv")]) == 0
    err = capsys.readouterr().err
    assert "left out event counts-at-the-maximum" in err
    assert "more than a GED cell may hold" in err
    assert main(["convert", path, "-o", str(tmp_path / "a.csv")]) == 1
    assert "A011" in capsys.readouterr().err
    assert main(["convert", path, "-o", str(tmp_path / "a.parquet")]) == 0


def _large(count: Count) -> Count:
    """``count`` with each bound in the upper half of what a count may be."""
    half = MAX_COUNT // 2 + 1
    bounds = {
        name: None if value is None else half + value
        for name in ("low", "high", "most_likely")
        for value in [getattr(count, name)]
    }
    return attrs.evolve(count, **bounds)


#: Counts of any size a count may be, large ones often (two of them add up past the bound).
SIZES = counts(max_value=MAX_COUNT + 1) | counts(max_value=MAX_COUNT // 2).map(_large)


SUBJECTS = st.sampled_from(
    [
        Subject(actor="rus-mil", category=VictimCategory.COMBATANTS),
        Subject(category=VictimCategory.CIVILIANS),
        Subject(category=VictimCategory.UNKNOWN),
        Subject(actor="ukr-mil"),
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.tuples(SUBJECTS, SIZES, st.booleans(), st.sampled_from(["rus-mod", "ukr-stratcom"])),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from([None, "acled", "ucdp"]),
)
def test_validate_says_of_large_tolls_what_the_writer_says(
    figures: list[tuple[Subject, Count, bool, str]], name: str | None
) -> None:
    """validate's stand-in toll is used only where the real one surely fits (the same findings).

    The strike of the hostile case, its figures replaced by death counts of any size a count may
    be, of several victim groups and claimants, partial or not.
    """
    event = next(e for e in LARGEST.events if e.id == "counts-at-the-maximum")
    template = event.figures[0]
    event = attrs.evolve(
        event,
        figures=tuple(
            attrs.evolve(
                template, id=f"f{i}", subject=subject, value=value, partial=part, claimant=by
            )
            for i, (subject, value, part, by) in enumerate(figures)
        ),
    )
    dataset = attrs.evolve(LARGEST, events=(event,))
    lookups = Lookups.of(dataset)
    rules = policy(name)
    alone = acled_event_findings(event, "$", lookups, policy=rules)
    writer = checked_row(event, "$", lookups, How(AcledStyle(), rules, None)).findings
    assert [(f.code, f.message) for f in alone] == [(f.code, f.message) for f in writer]
