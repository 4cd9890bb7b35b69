"""`eventcode convert`, run as a real executable."""

from __future__ import annotations

from pathlib import Path

import eventcode
from tests.helpers import MAKIIVKA, ROOT, makiivka_data, write_json
from tests.test_cli import run


def test_makiivka_converts_to_the_golden_acled_rows(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = run("convert", str(MAKIIVKA), "-o", str(out))
    assert result.returncode == 0, result.stderr
    golden = ROOT / "fixtures" / "makiivka-2023" / "acled.csv"
    assert out.read_bytes() == golden.read_bytes()
    # the eleven CAMEO-only statements are named, not silently dropped
    assert result.stderr.count("left out event") == 11
    assert "left out event shoigu-war-toll-2022-09" in result.stderr


def test_json_and_jsonl_round_trip_through_convert(tmp_path: Path) -> None:
    lines = tmp_path / "d.jsonl"
    assert run("convert", str(MAKIIVKA), "-o", str(lines)).returncode == 0
    back = tmp_path / "d.json"
    assert run("convert", str(lines), "-o", str(back)).returncode == 0
    assert back.read_bytes() == MAKIIVKA.read_bytes()


def test_to_overrides_the_extension(tmp_path: Path) -> None:
    out = tmp_path / "d.txt"
    assert run("convert", str(MAKIIVKA), "-o", str(out), "--to", "jsonl").returncode == 0
    assert out.read_text(encoding="utf-8").startswith('{"record":"dataset"')


def test_text_codes_and_iso_dates(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = run("convert", str(MAKIIVKA), "-o", str(out), "--codes", "text", "--dates", "iso")
    assert result.returncode == 0
    row = out.read_text(encoding="utf-8").splitlines()[1]
    assert "2022-12-31" in row
    assert "State forces-External/Other forces" in row


def test_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    copy = tmp_path / "d.json"
    copy.write_bytes(MAKIIVKA.read_bytes())
    result = run("convert", str(copy), "-o", str(copy))
    assert result.returncode == 2
    assert copy.read_bytes() == MAKIIVKA.read_bytes()


def test_bad_records_are_named_and_the_rest_converted(tmp_path: Path) -> None:
    data = makiivka_data()
    data["events"][1]["cameo"] = 12  # a statement with a broken code
    source = write_json(tmp_path / "bad.json", data)
    out = tmp_path / "out.jsonl"
    result = run("convert", str(source), "-o", str(out))
    assert result.returncode == 1
    assert "$.events[1].cameo" in result.stderr
    converted = eventcode.read(out)
    assert len(converted.events) == len(data["events"]) - 1


def test_missing_input_exits_2(tmp_path: Path) -> None:
    result = run("convert", str(tmp_path / "nope.json"), "-o", str(tmp_path / "x.json"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.json").exists()
