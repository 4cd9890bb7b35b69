"""The corpus of coded reports: each case meets the expectations written before the rules.

fixtures/corpus/<case>/expected.json lists, for every shipped policy, the complete set of
findings (code, event, figures named) and the derived numbers of each event. EXPECTED.md gives
the reasoning. These tests never read the tool's own output back as an expectation.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eventcode
from eventcode import rules
from eventcode.acled import AcledOptions, acled_report, dumps_acled
from tests.helpers import ROOT

CORPUS = ROOT / "fixtures" / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.json").is_file())


def _case(name: str) -> Any:
    """A case as a test parameter: expected to fail while its expectations are ``pending``.

    An expectation is committed before the rule that meets it; until that rule lands the case
    says why in ``pending``, and its tests are expected failures.
    """
    data = json.loads((CORPUS / name / "expected.json").read_text("utf-8"))
    if "pending" in data:
        return pytest.param(name, marks=pytest.mark.xfail(reason=data["pending"], strict=False))
    return name


CASE_PARAMS = [_case(name) for name in CASES]
POLICIES = rules.policy_names()

Key = tuple[str, str | None, frozenset[str], frozenset[str], frozenset[str]]


def _expected(case: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / case / "expected.json").read_text("utf-8"))
    return data


def _dataset(case: str) -> tuple[Path, eventcode.Dataset]:
    path = CORPUS / case / "dataset.json"
    return path, eventcode.read(path)


def test_the_corpus_has_its_nine_cases() -> None:
    assert len(CASES) >= 9
    for case in CASES:
        assert (CORPUS / case / "EXPECTED.md").is_file(), case


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("case", CASE_PARAMS)
def test_findings_are_the_expected_ones(case: str, policy: str) -> None:
    path, dataset = _dataset(case)
    figure_ids = {f.id for e in dataset.events for f in e.figures}
    claimant_ids = {c.id for c in dataset.claimants}
    event_ids = {e.id for e in dataset.events}
    report = eventcode.validate_path(path, policy=policy)
    found: set[Key] = {
        (
            f.code,
            f.location.event,
            frozenset(f.related) & figure_ids,
            frozenset(f.related) & claimant_ids,
            frozenset(f.related) & event_ids - {f.location.event},
        )
        for f in report.findings
    }
    expected: set[Key] = {
        (
            x["code"],
            x["event"],
            frozenset(x["figures"]),
            frozenset(x.get("claimants", ())),
            frozenset(x.get("events", ())) - {x["event"]},
        )
        for x in _expected(case)["findings"]
        if policy in x.get("policies", POLICIES)
    }
    assert found == expected


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("case", CASE_PARAMS)
def test_derived_numbers_are_the_expected_ones(case: str, policy: str) -> None:
    _, dataset = _dataset(case)
    derived = {d.event: d for d in rules.derive(dataset, policy)}
    for event, by_policy in _expected(case)["derived"].items():
        want = by_policy[policy]
        got = derived[event]
        numbers = {
            "acled_fatalities": got.acled_fatalities.value,
            "low": got.ucdp.low.value,
            "best": got.ucdp.best.value,
            "high": got.ucdp.high.value,
        }
        assert numbers == want, (event, policy)


@pytest.mark.parametrize("case", CASE_PARAMS)
@given(data=st.data())
@settings(max_examples=20)
def test_the_order_of_figures_changes_nothing(case: str, data: st.DataObject) -> None:
    _, dataset = _dataset(case)
    events = tuple(
        attrs.evolve(e, figures=tuple(data.draw(st.permutations(e.figures))))
        for e in dataset.events
    )
    shuffled = attrs.evolve(dataset, events=events)
    for name in POLICIES:
        for a, b in zip(rules.derive(dataset, name), rules.derive(shuffled, name), strict=True):
            assert (
                a.acled_fatalities.value,
                a.ucdp.low.value,
                a.ucdp.best.value,
                a.ucdp.high.value,
            ) == (
                b.acled_fatalities.value,
                b.ucdp.low.value,
                b.ucdp.best.value,
                b.ucdp.high.value,
            )

    def found(d: eventcode.Dataset) -> list[tuple[str, tuple[str, ...]]]:
        return sorted((f.code, tuple(sorted(f.related))) for f in eventcode.validate(d).findings)

    assert found(dataset) == found(shuffled)


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_convert_writes_the_number_derive_prints(case: str) -> None:
    """One label, one number: ACLED CSV's fatalities are derive's, under the same default."""
    _, dataset = _dataset(case)
    text, report = dumps_acled(dataset), acled_report(dataset)
    rows = list(csv.DictReader(io.StringIO(text)))
    derived = {d.event: d.acled_fatalities.value for d in rules.derive(dataset)}
    left_out = {x.event for x in report.left_out}  # no coordinates: named, not written
    by_id = {e.id: e for e in dataset.events if e.acled is not None and e.id not in left_out}
    assert len(rows) == len(by_id)
    written = sorted(int(row["fatalities"]) for row in rows)
    assert written == sorted(derived[event] for event in by_id)


@pytest.mark.parametrize("case", [_case(c) for c in CASES if "acled_export" in _expected(c)])
def test_acled_export_cells_are_the_expected_ones(case: str) -> None:
    """The cells an expert expects in each event's ACLED row (attribution, crowd size tag)."""
    _, dataset = _dataset(case)
    text, report = dumps_acled(dataset), acled_report(dataset)
    rows = list(csv.DictReader(io.StringIO(text)))
    left_out = {x.event for x in report.left_out}
    written = [e.id for e in dataset.events if e.acled is not None and e.id not in left_out]
    by_event = dict(zip(written, rows, strict=True))
    for event, cells in _expected(case)["acled_export"].items():
        row = by_event[event]
        assert {column: row[column] for column in cells} == cells, event


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("case", CASE_PARAMS)
def test_convert_under_any_policy_writes_what_derive_gives(case: str, policy: str) -> None:
    _, dataset = _dataset(case)
    options = AcledOptions(policy=policy)
    text, report = dumps_acled(dataset, options), acled_report(dataset, options)
    rows = list(csv.DictReader(io.StringIO(text)))
    left_out = {x.event for x in report.left_out}
    written = [e.id for e in dataset.events if e.acled is not None and e.id not in left_out]
    derived = {d.event: d.acled_fatalities.value for d in rules.derive(dataset, policy)}
    assert [int(r["fatalities"]) for r in rows] == [derived[e] for e in written]
