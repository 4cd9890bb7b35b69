"""Figures per event (L005) and pairwise findings per event, as limits users can set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eventcode
from eventcode.cli import main
from eventcode.io.limits import Limits
from eventcode.io.sources import Source
from eventcode.validation import validate_source
from tests.helpers import makiivka_data, write_json


def _crowded(tmp_path: Path, figures: int) -> Path:
    data = makiivka_data()
    strike = data["events"][0]
    template = strike["figures"][0]
    strike["figures"] = [
        {
            **template,
            "id": f"f{i}",
            "value": {"kind": "exact", "phrase": str(i), "low": i, "high": i},
        }
        for i in range(figures)
    ]
    return write_json(tmp_path / "crowded.json", data)


def test_an_event_over_the_figures_limit_is_l005_and_the_rest_loads(tmp_path: Path) -> None:
    path = _crowded(tmp_path, 30)
    assert eventcode.read(path).events[0].figures[29].id == "f29"  # the default limit loads it
    report = validate_source(Source.from_path(path, limits=Limits(max_figures=20)))
    l005 = [f for f in report.findings if f.code == "L005"]
    assert [(f.location.path, f.location.line is not None) for f in l005] == [
        ("$.events[0].figures", True)
    ]
    assert report.records == 27  # every record but the crowded event
    assert main(["validate", str(path), "--max-figures", "20"]) == 1
    assert main(["validate", str(path), "--max-figures", "30", "--fail-on", "never"]) == 0


def test_max_pair_findings_is_an_option_and_a_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _crowded(tmp_path, 12)  # 66 pairs of distinct exact values: 66 contradictions
    main(["validate", str(path), "--format", "json", "--max-pair-findings", "5"])
    out = json.loads(capsys.readouterr().out)
    assert out["summary"]["by_code"]["R001"] == 6  # five pairs and one summary
    (tmp_path / "pyproject.toml").write_text("[tool.eventcode]\nmax-pair-findings = 100\n")
    monkeypatch.chdir(tmp_path)
    main(["validate", str(path), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert out["summary"]["by_code"]["R001"] >= 66
