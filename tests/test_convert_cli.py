"""`eventcode convert`, run as a real executable."""

from __future__ import annotations

import re
import resource
import signal
import subprocess
import time
from pathlib import Path

import pytest

import eventcode
from tests.helpers import MAKIIVKA, ROOT, makiivka_data, write_json
from tests.test_cli import EXECUTABLE, run


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


def test_the_summary_counts_the_file_and_the_records_read(tmp_path: Path) -> None:
    """The summary under convert's findings is validate's: one file, the records read."""
    source = ROOT / "fixtures" / "acled" / "defects.csv"
    checked = run("validate", str(source))
    summary = re.search(r"1 file\(s\), (\d+) record\(s\)", checked.stdout)
    assert summary is not None
    assert int(summary[1]) > 0
    for out in ("out.csv", "out.jsonl"):
        result = run("convert", str(source), "-o", str(tmp_path / out))
        assert result.returncode == 1
        assert summary[0] + ": " in result.stderr, result.stderr


def test_missing_input_exits_2(tmp_path: Path) -> None:
    result = run("convert", str(tmp_path / "nope.json"), "-o", str(tmp_path / "x.json"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.json").exists()


# --- standard input and output --------------------------------------------------------------


def test_stdin_to_stdout_in_every_format(tmp_path: Path) -> None:
    data = MAKIIVKA.read_bytes()
    as_lines = run("convert", "-", "-o", "-", "--to", "jsonl", stdin=data)
    assert as_lines.returncode == 0, as_lines.stderr
    assert as_lines.stdout == eventcode.dumps(eventcode.read(MAKIIVKA), format="jsonl")
    assert "wrote 28 record(s) to standard output" in as_lines.stderr
    back = run("convert", "-", "-o", "-", stdin=as_lines.stdout.encode("utf-8"))
    assert back.stdout.encode("utf-8") == data  # JSON Lines sniffed; json is the default
    rows = run("convert", "-", "-o", "-", "--to", "acled-csv", stdin=data)
    golden = ROOT / "fixtures" / "makiivka-2023" / "acled.csv"
    assert rows.stdout.encode("utf-8") == golden.read_bytes()
    # an ACLED CSV on stdin keeps its style, as a file does
    again = run("convert", "-", "-o", str(tmp_path / "again.csv"), stdin=golden.read_bytes())
    assert again.returncode == 0
    assert (tmp_path / "again.csv").read_bytes() == golden.read_bytes()


# --- nothing silently lost ------------------------------------------------------------------


def test_every_record_is_written_or_named(tmp_path: Path) -> None:
    lines = run("convert", str(MAKIIVKA), "-o", "-", "--to", "jsonl").stdout.splitlines()
    events = [i for i, line in enumerate(lines) if line.startswith('{"record":"event"')]
    broken = events[2]
    lines[broken] = lines[broken].replace('"date":{', '"date":7,"x":{', 1)
    lines.insert(events[4], "{not json")
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = run("convert", "in.jsonl", "-o", "out.json", cwd=tmp_path)
    assert result.returncode == 1
    named = {int(m) for m in re.findall(r"^in\.jsonl:(\d+): S\d{3} \[error\]", result.stderr, re.M)}
    assert named == {broken + 1, events[4] + 1}  # both bad lines, by line number
    written = eventcode.read(out)
    assert len(written.events) == len(events) - 1  # every other event is there
    assert "wrote 27 record(s) to out.json" in result.stderr
    assert (
        run("convert", "in.jsonl", "-o", "x.json", "--fail-on", "never", cwd=tmp_path).returncode
        == 0
    )


def test_refuses_to_overwrite_its_input_by_another_name(tmp_path: Path) -> None:
    copy = tmp_path / "d.json"
    copy.write_bytes(MAKIIVKA.read_bytes())
    (tmp_path / "link.json").symlink_to(copy)
    result = run("convert", "link.json", "-o", "./d.json", cwd=tmp_path)
    assert result.returncode == 2
    assert "refusing to overwrite the input" in result.stderr
    assert copy.read_bytes() == MAKIIVKA.read_bytes()


# --- atomic writes ----------------------------------------------------------------------------


OLD = "the previous output\n"


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_a_failing_write_leaves_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(OLD, encoding="utf-8")

    def small_files() -> None:  # the output cannot grow past 4 kB: the write fails midway
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = subprocess.run(
        [str(EXECUTABLE), "convert", str(MAKIIVKA), "-o", str(out)],
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        check=False,
    )
    assert result.returncode == 2
    assert "File too large" in result.stderr
    assert "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


def test_a_failing_read_leaves_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text(OLD, encoding="utf-8")
    result = run("convert", str(tmp_path / "missing.json"), "-o", str(out))
    assert result.returncode == 2
    assert out.read_text(encoding="utf-8") == OLD


def big_dataset(path: Path, copies: int) -> None:
    data = makiivka_data()
    data["events"] = [
        {**event, "id": f"{event['id']}-{n}"} for n in range(copies) for event in data["events"]
    ]
    write_json(path, data)


def test_an_interrupted_conversion_leaves_the_old_output(tmp_path: Path) -> None:
    source = tmp_path / "big.json"
    big_dataset(source, 300)
    out = tmp_path / "out.jsonl"
    out.write_text(OLD, encoding="utf-8")
    process = subprocess.Popen(
        [str(EXECUTABLE), "convert", str(source), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not leftovers(tmp_path) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)  # wait until the temporary output exists: the write has begun
    process.send_signal(signal.SIGTERM)  # as a cancelled CI job is stopped
    _, stderr = process.communicate(timeout=30)
    content = out.read_text(encoding="utf-8")
    complete = len(content.splitlines()) == 300 * 12 + 16
    assert content == OLD or complete  # never half-written
    if process.returncode != 0:  # interrupted (else the conversion won the race)
        assert process.returncode == 2
        assert "interrupted" in stderr
    assert leftovers(tmp_path) == []


def test_library_write_to_csv_warns_of_every_event_left_out(tmp_path: Path) -> None:
    with pytest.warns(eventcode.EventsLeftOutWarning, match="11 event"):
        eventcode.write(eventcode.read(MAKIIVKA), tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_bytes() == (
        ROOT / "fixtures" / "makiivka-2023" / "acled.csv"
    ).read_bytes()
