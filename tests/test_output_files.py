"""Output files: `convert -o` and `validate --output-file` write only where they should.

An output that exists and is not a regular file (a FIFO, a device, a symbolic link, a directory)
is refused, as is an input named as the report; a replaced file keeps its mode; a read-only one
is refused; temporary names are short; a directory walk skips the report written into it; and a
signal that arrives once the output is in place does not turn a success into a failure.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest

from eventcode.cli import main
from eventcode.io.atomic import OutputRefusedError, check_output, write_atomic
from tests.helpers import MAKIIVKA
from tests.test_cli import run

COMMANDS = ["convert", "validate"]


def write_to(command: str, source: Path | str, target: Path | str) -> list[str]:
    """The arguments that make ``command`` write its output (converted data, a report) to target."""
    if command == "convert":
        return ["convert", str(source), "-o", str(target), "--to", "jsonl"]
    return ["validate", "--format", "json", "--output-file", str(target), str(source)]


def copy_of_makiivka(directory: Path, name: str = "d.json") -> Path:
    path = directory / name
    path.write_bytes(MAKIIVKA.read_bytes())
    return path


def nothing_temporary(directory: Path) -> None:
    assert not [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]


# --- what is not a regular file is never replaced ---------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_a_fifo_is_refused_and_left_as_it_is(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    assert main(write_to(command, MAKIIVKA, fifo)) == 2
    err = capsys.readouterr().err
    assert "a FIFO, not a regular file" in err
    assert "use - for standard output" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    nothing_temporary(tmp_path)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_symbolic_link_is_refused_and_its_target_kept(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    link = tmp_path / "out.jsonl"
    link.symlink_to(victim)
    assert main(write_to(command, MAKIIVKA, link)) == 2
    assert "a symbolic link, not a regular file" in capsys.readouterr().err
    assert link.is_symlink()
    assert victim.read_text(encoding="utf-8") == "precious\n"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_directory_is_refused(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "out.jsonl"
    directory.mkdir()
    assert main(write_to(command, MAKIIVKA, directory)) == 2
    assert "a directory, not a regular file" in capsys.readouterr().err
    assert directory.is_dir()
    assert not list(directory.iterdir())


@pytest.mark.parametrize("command", COMMANDS)
def test_a_character_device_is_refused(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    device = tmp_path / "null"  # a null device node made here, never /dev itself
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    assert main(write_to(command, MAKIIVKA, device)) == 2
    assert "a character device, not a regular file" in capsys.readouterr().err
    assert stat.S_ISCHR(os.lstat(device).st_mode)


@pytest.mark.parametrize("command", COMMANDS)
def test_an_output_below_a_file_exits_2_without_a_traceback(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file.json").write_text("x", encoding="utf-8")
    assert main(write_to(command, MAKIIVKA, tmp_path / "file.json" / "out.jsonl")) == 2
    err = capsys.readouterr().err
    assert "Not a directory" in err
    assert "internal error" not in err


def test_dash_is_still_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(MAKIIVKA), "-o", "-", "--to", "jsonl"]) == 0
    assert capsys.readouterr().out.startswith('{"record"')


def test_validate_writes_the_report_to_standard_output_for_dash(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", "--format", "json", "--output-file", "-", str(MAKIIVKA)]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["files"] == 1
    assert not Path("-").exists()


def test_check_output_names_what_is_there(tmp_path: Path) -> None:
    check_output(tmp_path / "new.json")  # nothing there: fine
    (tmp_path / "file.json").write_text("x")
    check_output(tmp_path / "file.json")  # a regular file: fine
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(OutputRefusedError, match="FIFO"):
        check_output(tmp_path / "fifo")
    with pytest.raises(OutputRefusedError, match="FIFO"):
        write_atomic(tmp_path / "fifo", ["data"])
    assert stat.S_ISFIFO(os.lstat(tmp_path / "fifo").st_mode)


# --- the input is never the report ------------------------------------------------------------


@pytest.mark.parametrize("same", ["{name}", "./{name}", "sub/../{name}", "hard-link.json"])
def test_validate_refuses_its_input_as_the_report(
    same: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    source = copy_of_makiivka(tmp_path)
    (tmp_path / "sub").mkdir()
    os.link(source, tmp_path / "hard-link.json")
    output = same.format(name=source.name)
    assert main(["validate", "--output-file", output, "d.json"]) == 2
    assert "refusing to write the report over the input d.json" in capsys.readouterr().err
    assert source.read_bytes() == MAKIIVKA.read_bytes()


def test_a_directory_walk_skips_the_report_it_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    copy_of_makiivka(data)
    report = data / "report.json"
    args = ["validate", "--format", "json", "--output-file", str(report), str(data)]
    assert main(args) == 0
    first = json.loads(report.read_text(encoding="utf-8"))
    assert main(args) == 0  # the report of the first run is not read as a dataset
    second = json.loads(report.read_text(encoding="utf-8"))
    assert second["files"] == first["files"] == [str(data / "d.json")]
    assert second["findings"] == first["findings"]
    capsys.readouterr()


# --- a replaced file keeps its mode; a read-only one is refused --------------------------------


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_a_replaced_file_keeps_its_mode(command: str, mode: int, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(mode)
    assert main(write_to(command, MAKIIVKA, out)) == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == mode
    assert out.read_text(encoding="utf-8") != "old\n"


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("mode", [0o444, 0o400])
def test_a_read_only_file_is_refused_even_as_root(
    command: str, mode: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(mode)
    assert main(write_to(command, MAKIIVKA, out)) == 2
    assert f"read-only (mode {mode:04o})" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "old\n"
    assert stat.S_IMODE(os.stat(out).st_mode) == mode
    nothing_temporary(tmp_path)


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.json", ["{}\n"])
    finally:
        os.umask(umask)
    assert stat.S_IMODE(os.stat(tmp_path / "new.json").st_mode) == 0o644


# --- temporary names ------------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("length", [238, 250, 255])
def test_names_up_to_the_longest_the_system_allows(
    command: str, length: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / ("x" * (length - len(".jsonl")) + ".jsonl")
    assert len(out.name.encode()) == length
    assert main(write_to(command, MAKIIVKA, out)) == 0, capsys.readouterr().err
    assert out.stat().st_size > 0
    nothing_temporary(tmp_path)


def test_the_temporary_file_is_short_hidden_and_beside_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real = os.replace

    def spy(source: str | Path, target: str | Path) -> None:
        seen.append(os.fspath(source))
        real(source, target)

    monkeypatch.setattr(os, "replace", spy)
    write_atomic(tmp_path / ("y" * 250 + ".json"), ["{}\n"])
    (temporary,) = seen
    assert Path(temporary).parent == tmp_path
    assert Path(temporary).name.startswith(".")
    assert Path(temporary).name.endswith(".tmp")
    assert len(Path(temporary).name) <= 32


# --- a signal once the output is in place ------------------------------------------------------

# Planted through sitecustomize in the real executable: SIGTERM is sent to the process right
# after the rename, or once the command has done its work, as a cancelled CI job would.
AFTER_RENAME = """
import os, signal
real = os.replace
def replace(source, target):
    real(source, target)
    os.kill(os.getpid(), signal.SIGTERM)
os.replace = replace
"""

AFTER_CONVERT = """
import os, signal
import eventcode.conversion
real = eventcode.conversion.convert
def convert(*args, **kwargs):
    done = real(*args, **kwargs)
    open(os.path.join(os.path.dirname(__file__), "signalled"), "w").close()
    os.kill(os.getpid(), signal.SIGTERM)
    return done
eventcode.conversion.convert = convert
"""


@pytest.mark.parametrize("plant", [AFTER_RENAME, AFTER_CONVERT], ids=["rename", "convert"])
def test_sigterm_after_the_rename_still_reports_success(plant: str, tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(plant, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    result = run("convert", str(MAKIIVKA), "-o", str(out), env={"PYTHONPATH": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "interrupted" not in result.stderr
    assert re.search(r"wrote \d+ record\(s\) to", result.stderr)
    assert out.read_text(encoding="utf-8").startswith('{"record"')
    if plant is AFTER_CONVERT:  # the plant took: the signal was sent
        assert (tmp_path / "signalled").exists()


def test_sigterm_after_the_report_is_written_keeps_validates_exit_code(tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(AFTER_RENAME, encoding="utf-8")
    out = tmp_path / "report.json"
    result = run(
        "validate",
        "--format",
        "json",
        "--output-file",
        str(out),
        str(MAKIIVKA),
        env={"PYTHONPATH": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert "interrupted" not in result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["files"] == 1


def test_sigterm_before_the_rename_still_stops_and_keeps_the_old_output(tmp_path: Path) -> None:
    plant = """
import os, signal
import eventcode.conversion
real = eventcode.conversion.iter_jsonl_lines
def lines(dataset):
    for number, line in enumerate(real(dataset)):
        if number == 3:
            os.kill(os.getpid(), signal.SIGTERM)
        yield line
eventcode.conversion.iter_jsonl_lines = lines
"""
    (tmp_path / "sitecustomize.py").write_text(plant, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    result = run("convert", str(MAKIIVKA), "-o", str(out), env={"PYTHONPATH": str(tmp_path)})
    assert result.returncode == 2
    assert "interrupted" in result.stderr
    assert out.read_text(encoding="utf-8") == "old\n"
    nothing_temporary(tmp_path)
