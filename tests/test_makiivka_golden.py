"""The worked example: exactly the findings a careful coder would see, and nothing else."""

from __future__ import annotations

import json

import eventcode
from eventcode import Severity
from eventcode.acled import acled_report, dumps_acled
from tests.helpers import MAKIIVKA, ROOT
from tests.test_cli import run

EXPECTED = {
    # Russia admits "at least 63" dead (reported); Ukraine claims 400 (claimed): they overlap
    # but 400 is more than twice 63.
    ("R002", Severity.WARNING, "$.events[0].figures[1]", ("rus-killed-63", "ukr-killed-400")),
    # The General Staff has "no definitive information" while its own side's strategic
    # communications gave 400 dead and 300 wounded.
    (
        "R004",
        Severity.WARNING,
        "$.events[0].figures[3]",
        ("ukr-casualties-unknown", "ukr-killed-400", "ukr-wounded-300"),
    ),
}


def test_exactly_the_expected_findings() -> None:
    report = eventcode.validate_path(MAKIIVKA)
    found = {(f.code, f.severity, f.location.path, f.related) for f in report.findings}
    assert found == EXPECTED
    assert all(f.location.event == "makiivka-strike" for f in report.findings)
    assert not report.has_errors


def test_validates_with_exit_0_and_reports_both_warnings_as_json() -> None:
    result = run("validate", "--format", "json", str(MAKIIVKA))
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["summary"]["errors"] == 0
    assert report["summary"]["by_code"] == {"R002": 1, "R004": 1}


def test_the_coding_holds_every_event_and_figure() -> None:
    dataset = eventcode.read(MAKIIVKA)
    acled = [e.id for e in dataset.events if e.acled is not None]
    assert acled == ["makiivka-strike"]  # statements, forecasts and decrees are CAMEO-only
    assert all(e.cameo is not None for e in dataset.events)
    figures = {f.id: f for e in dataset.events for f in e.figures}
    assert len(figures) == 12
    assert figures["shoigu-killed-5937"].scope is eventcode.Scope.CUMULATIVE
    assert figures["rus-mobilized-300000"].value.kind is eventcode.CountKind.APPROXIMATE
    assert figures["ukr-vehicles-up-to-10"].value.kind is eventcode.CountKind.UPPER_BOUND
    assert all(
        f.evidence is None or f.evidence.document == "bfmtv-2023-01-03" for f in figures.values()
    )


def test_derived_counts_of_the_strike() -> None:
    dataset = eventcode.read(MAKIIVKA)
    strike = dataset.events[0]
    acled = eventcode.acled_fatalities(strike, dataset.claimants, eventcode.policy("acled"))
    assert acled.value == 63
    assert acled.explanation.figures == ("rus-killed-63",)
    default = eventcode.ucdp_estimates(strike, dataset.claimants, eventcode.policy())
    assert (default.low.value, default.best.value, default.high.value) == (63, 63, 63)
    claims = eventcode.ucdp_estimates(strike, dataset.claimants, eventcode.policy("ucdp-claims"))
    assert (claims.low.value, claims.best.value, claims.high.value) == (63, 63, 400)


def test_acled_row_is_the_golden_file() -> None:
    dataset = eventcode.read(MAKIIVKA)
    text, report = dumps_acled(dataset), acled_report(dataset)
    assert text == (ROOT / "fixtures" / "makiivka-2023" / "acled.csv").read_text(encoding="utf-8")
    assert report.rows == 1
    assert len(report.left_out) == 11
