"""``eventcode derive``, run as a real executable in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from eventcode.rules import policy_names
from tests.helpers import MAKIIVKA, makiivka_data, write_json

EXECUTABLE = Path(sys.executable).with_name("eventcode")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXECUTABLE), *args], capture_output=True, text=True, check=False)


def _makiivka(document: dict[str, object]) -> dict[str, object]:
    events = document["events"]
    assert isinstance(events, list)
    found: dict[str, object] = next(e for e in events if e["event"] == "makiivka-strike")
    return found


def test_text_output_names_numbers_and_figures() -> None:
    result = run("derive", str(MAKIIVKA))
    assert result.returncode == 0, result.stderr
    block = result.stdout.split("makiivka-strike (policy eventcode)", 1)[1]
    assert "ACLED fatalities (policy eventcode): 63  [rus-killed-63]" in block
    assert "UCDP best (policy eventcode): 63" in block
    assert "UCDP high (policy eventcode): 63" in block
    assert "left out as a belligerent's claims about its adversary: ukr-killed-400" in block


def test_json_output_with_claims_admitted() -> None:
    result = run("derive", str(MAKIIVKA), "--policy", "ucdp-claims", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["policy"]["name"] == "ucdp-claims"
    event = _makiivka(document)
    assert event["acled_fatalities"]["value"] == 63  # type: ignore[index]
    ucdp = event["ucdp"]
    assert isinstance(ucdp, dict)
    assert [ucdp[k]["value"] for k in ("low", "best", "high")] == [63, 63, 400]
    assert ucdp["high"]["explanation"]["figures"] == ["ukr-killed-400"]


def test_every_policy_runs() -> None:
    for name in policy_names():
        result = run("derive", str(MAKIIVKA), "--policy", name, "--format", "json")
        assert result.returncode == 0, (name, result.stderr)
        assert json.loads(result.stdout)["policy"]["name"] == name


def test_unknown_policy_exits_2_listing_the_known() -> None:
    result = run("derive", str(MAKIIVKA), "--policy", "gdelt")
    assert result.returncode == 2
    assert "unknown policy 'gdelt'" in result.stderr
    assert "ucdp-claims" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_unreadable_path_exits_2_without_traceback(tmp_path: Path) -> None:
    result = run("derive", str(tmp_path / "missing.json"))
    assert result.returncode == 2
    assert "cannot read" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_records_are_reported_and_the_rest_derived(tmp_path: Path) -> None:
    data = makiivka_data()
    broken = json.loads(json.dumps(data["events"][0]))
    broken["id"] = "broken-event"
    broken["date"]["start"] = "2022-12-32"
    data["events"].append(broken)
    path = write_json(tmp_path / "damaged.json", data)
    result = run("derive", str(path), "--format", "json")
    assert result.returncode == 1
    assert "S103" in result.stderr
    assert "$.events[" in result.stderr
    document = json.loads(result.stdout)
    ids = [e["event"] for e in document["events"]]
    assert "broken-event" not in ids
    assert _makiivka(document)["acled_fatalities"]["value"] == 63  # type: ignore[index]
