"""A record with a shape error is not loaded, but its other problems are reported at once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import eventcode
from tests.helpers import makiivka_data, write_json


def _broken() -> dict[str, Any]:
    data = makiivka_data()
    strike = data["events"][0]
    strike["figures"][2]["value"]["low"] = "three"  # a shape error in one figure (S102)
    strike["cameo"] = "999"  # no such CAMEO code (C001)
    strike["actor2"] = {"actor": "nobody"}  # an actor nobody defined (S302)
    strike["claimaint"] = "x"  # a typo (S104)
    return data


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_every_problem_of_a_broken_event_is_reported_at_once(tmp_path: Path, suffix: str) -> None:
    data = _broken()
    path = write_json(tmp_path / "in.json", data)
    if suffix == ".jsonl":
        lines = ['{"record":"dataset","format_version":"1.1"}']
        for section, kind in (
            ("documents", "document"),
            ("actors", "actor"),
            ("claimants", "claimant"),
            ("events", "event"),
        ):
            lines += [json.dumps({"record": kind, **r}) for r in data[section]]
        path = tmp_path / "in.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = eventcode.validate_path(path)
    found = {(f.code, f.location.event or "") for f in report.findings if f.code[0] in "SC"}
    assert {code for code, _ in found} == {"S102", "S104", "C001", "S302"}
    assert not [f for f in report.findings if f.code == "S201"]  # no echo of the removed part
    assert report.records == 27  # the broken event is still not loaded
    assert "makiivka-strike" not in {e.id for e in eventcode.load(path).dataset.events}


def test_nothing_is_salvaged_when_a_required_field_of_the_record_fails(tmp_path: Path) -> None:
    data = makiivka_data()
    data["events"][0]["date"] = "yesterday"
    data["events"][0]["cameo"] = "999"
    report = eventcode.validate_path(write_json(tmp_path / "in.json", data))
    assert {f.code for f in report.findings if f.code[0] in "SC"} == {"S102"}


def test_a_figure_removed_for_its_shape_leaves_no_finding_about_it(tmp_path: Path) -> None:
    data = makiivka_data()
    strike = data["events"][0]
    strike["figures"][0]["basis"] = "alleged"  # the figure cannot be built: it is removed
    strike["victim_groups"] = [
        {"figures": [strike["figures"][0]["id"], strike["figures"][1]["id"]]}
    ]
    report = eventcode.validate_path(write_json(tmp_path / "in.json", data))
    codes = [f.code for f in report.findings]
    assert "S103" in codes
    assert "S207" not in codes  # the group names the removed figure: not a finding of its own
