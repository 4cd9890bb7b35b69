"""What a new user meets first: a missing extra is named, a typo gets the name it meant."""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from attrs import evolve as attrs_evolve

import eventcode
import eventcode.rules
from eventcode import acled, cli
from eventcode.cli import main
from eventcode.validation import validate_path

ROOT = Path(__file__).resolve().parent.parent


def test_strategies_without_hypothesis_names_the_extra_to_install() -> None:
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import eventcode.strategies\n"
        "except ModuleNotFoundError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "pip install 'eventcode[strategies]'" in done.stdout


def test_an_unknown_field_names_the_field_meant(tmp_path: Path) -> None:
    data = json.loads((ROOT / "fixtures" / "makiivka-2023" / "dataset.json").read_text("utf-8"))
    figure = data["events"][0]["figures"][0]
    figure["claimaint"] = figure.pop("claimant")
    path = tmp_path / "typo.json"
    path.write_text(json.dumps(data), "utf-8")
    [typo] = [f for f in validate_path(path).findings if f.code == "S104"]
    assert typo.message.endswith("did you mean 'claimant'?")
    assert typo.location.path == "$.events[0].figures[0].claimaint"


def test_an_unknown_field_far_from_any_gets_no_guess(tmp_path: Path) -> None:
    path = tmp_path / "far.json"
    path.write_text('{"format_version":"1.0","sources_of_doubt":[]}', "utf-8")
    [far] = [f for f in validate_path(path).findings if f.code == "S104"]
    assert "did you mean" not in far.message


def test_explain_suggests_the_nearest_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "R01"]) == 2
    said = capsys.readouterr().err
    assert "did you mean R010, R011" in said
    assert "A001" not in said  # not every code
    assert main(["explain", "S14"]) == 2
    assert "did you mean S104?" in capsys.readouterr().err
    assert main(["explain", "UKR"]) == 2
    assert "no finding code is near it" in capsys.readouterr().err
    assert main(["explain", "crowd-tag"]) == 0  # a code's name explains it
    assert capsys.readouterr().out.startswith("R017 crowd-tag")


def _synopsis() -> dict[str, list[str]]:
    """Return README's command-line synopsis: each command's lines (continuations joined)."""
    text = (ROOT / "README.md").read_text("utf-8")
    block = text.split("## Command line", 1)[1].split("```text", 1)[1].split("```", 1)[0]
    commands: dict[str, list[str]] = {}
    last = ""
    for line in block.strip().splitlines():
        words = line.split("#", 1)[0].split()
        if words[:1] == ["eventcode"]:
            last = words[1]
            commands[last] = words[2:]
        else:
            commands[last] += words
    return commands


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = cli._parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(commands.choices)


def test_readme_synopsis_is_the_parser() -> None:
    """Every command, every option README shows with its values, as the parser has them."""
    synopsis = _synopsis()
    parsers = _subparsers()
    assert set(synopsis) == set(parsers)
    for command, words in synopsis.items():
        options = {
            o: action for action in parsers[command]._actions for o in action.option_strings
        }
        for word in words:
            option = re.match(r"\[?(--[a-z-]+|-o)\b", word)
            if option is None:
                continue
            assert option[1] in options, (command, option[1])
        for flag, listed in re.findall(r"(--[a-z-]+) ([a-z-]+(?:\|[a-z-]+)+)", " ".join(words)):
            assert tuple(listed.split("|")) == tuple(options[flag].choices or ()), (command, flag)


def test_every_command_and_option_has_plain_help() -> None:
    for command, parser in _subparsers().items():
        assert parser.description, command
        for action in parser._actions:
            if action.option_strings or action.dest not in ("help",):
                assert action.help, (command, action.dest)
    top = cli._parser().format_help()
    assert "``" not in top
    assert all("``" not in p.format_help() for p in _subparsers().values())


def test_a_policy_is_named_or_given_alike_everywhere() -> None:
    dataset = eventcode.read(ROOT / "fixtures" / "makiivka-2023" / "dataset.json")
    [strike, *_] = dataset.events
    for name in eventcode.rules.policy_names():
        given = eventcode.policy(name)
        assert eventcode.acled_fatalities(strike, dataset.claimants, name) == (
            eventcode.acled_fatalities(strike, dataset.claimants, given)
        )
        assert eventcode.rules.ucdp_estimates(strike, dataset.claimants, name) == (
            eventcode.rules.ucdp_estimates(strike, dataset.claimants, given)
        )
    default = eventcode.acled_fatalities(strike, dataset.claimants)
    assert default == eventcode.acled_fatalities(strike, dataset.claimants, "eventcode")
    with pytest.raises(ValueError, match="no-such-policy"):
        eventcode.acled_fatalities(strike, dataset.claimants, "no-such-policy")
    figures = strike.figures
    rules = eventcode.rules
    for name in (*rules.policy_names(), None):
        given = rules.policy(name)
        assert rules.compare(figures[0], figures[1], name) == rules.compare(*figures[:2], given)
        for figure in figures:
            assert rules.interval(figure.value, name) == rules.interval(figure.value, given)
            assert rules.read_count(figure.value, name) == rules.read_count(figure.value, given)
        assert rules.death_figures(strike, name) == rules.death_figures(strike, given)
        results = rules.derive(dataset, name)
        assert rules.derivations_to_dict(results, name) == rules.derivations_to_dict(results, given)
        assert rules.render_derivations(results, name, "text") == (
            rules.render_derivations(results, given, "text")
        )
    path = ROOT / "fixtures" / "makiivka-2023" / "dataset.json"
    assert eventcode.validate_path(path, "acled") == eventcode.validate_path(path, policy="acled")


def test_derived_counts_from_the_dataset_take_its_actors() -> None:
    # Without the actors no claim is known to be about an adversary: Marhanets' toll is 7, not 4.
    dataset = eventcode.read(ROOT / "fixtures/corpus/marhanets-drone-strike/dataset.json")
    derived = {r.event: r for r in eventcode.derive(dataset, "acled")}
    for event in dataset.events:
        by_dataset = eventcode.acled_fatalities(event, dataset, "acled")
        assert by_dataset == derived[event.id].acled_fatalities
        assert by_dataset == eventcode.acled_fatalities(
            event, dataset.claimants, "acled", actors=dataset.actors
        )
        assert eventcode.ucdp_estimates(event, dataset, "ucdp") == (
            eventcode.rules.derive_event(event, dataset, "ucdp").ucdp
        )
    strike = dataset.event("marhanets-market-strike-2023-03-14")
    assert eventcode.acled_fatalities(strike, dataset, "acled").value == 4
    assert eventcode.acled_fatalities(strike, dataset.claimants, "acled").value == 7



def test_a_dataset_given_event_after_event_is_indexed_once_and_never_served_stale() -> None:
    import gc
    import importlib

    derive_module = importlib.import_module("eventcode.rules.derive")  # not rules.derive()

    dataset = eventcode.read(ROOT / "fixtures/corpus/marhanets-drone-strike/dataset.json")
    strike = dataset.event("marhanets-market-strike-2023-03-14")
    assert eventcode.acled_fatalities(strike, dataset, "acled").value == 4
    # Another dataset, the same events but without the actors: its own parties count (7).
    bare = attrs_evolve(dataset, actors=())
    assert eventcode.acled_fatalities(strike, bare, "acled").value == 7
    assert eventcode.acled_fatalities(strike, dataset, "acled").value == 4
    indexed = len(derive_module._PARTIES)
    del bare
    gc.collect()
    assert len(derive_module._PARTIES) == indexed - 1  # its entry went with it


def test_acled_reads_text_streams_and_writes_as_eventcode_write_does(tmp_path: Path) -> None:
    source = ROOT / "fixtures" / "acled" / "current-spreadsheet.csv"
    text = source.read_text(encoding="utf-8")
    from_text = acled.read_acled(io.StringIO(text), name="x.csv")
    assert from_text == acled.read_acled(source.read_bytes(), name="x.csv")
    # An event with an ACLED class the CSV cannot hold (no coordinates): refused by both.
    dataset = eventcode.read(ROOT / "fixtures" / "makiivka-2023" / "dataset.json")
    [event, *_] = [e for e in dataset.events if e.acled is not None]
    unplaced = type(dataset)(
        documents=dataset.documents,
        actors=dataset.actors,
        claimants=dataset.claimants,
        events=[attrs_evolve(event, place=None)],
    )
    with pytest.raises(eventcode.EventsLeftOutError):
        eventcode.write(unplaced, tmp_path / "a.csv")
    with pytest.raises(eventcode.EventsLeftOutError):
        acled.write_acled(unplaced, tmp_path / "b.csv")
    report = acled.write_acled(unplaced, tmp_path / "c.csv", allow_partial=True)
    assert [left.event for left in report.left_out] == [event.id]


def test_records_take_lists_and_numpy_integers_as_python_code_has_them() -> None:
    numpy = pytest.importorskip("numpy")
    from datetime import date

    from eventcode.model import Basis, Count, DateSpan, Event, Figure, Subject

    count = Count.exact(numpy.int64(3), "three dead")
    assert type(count.low) is int
    assert count == Count.exact(3, "three dead")
    figure = Figure(
        id="e1/killed",
        quantity="killed",
        subject=Subject(),
        value=count,
        basis=Basis.REPORTED,
        claimant="police",
    )
    event = Event(
        id="e1", date=DateSpan(start=date(2024, 1, 1)), figures=[figure], tags=["a"]
    )
    assert event.figures == (figure,)
    assert event.tags == ("a",)
    dataset = eventcode.Dataset(events=[event])
    assert dataset.events == (event,)
    text = eventcode.dumps(dataset)  # serializes: no numpy value left in it
    assert eventcode.loads(text).events[0].figures[0].value.low == 3


def test_text_where_a_list_belongs_is_refused_at_once() -> None:
    from datetime import date

    from eventcode.model import DateSpan, Event

    with pytest.raises(TypeError, match="wrap a single value in a list"):
        Event(id="e1", date=DateSpan(start=date(2024, 1, 1)), documents="d1")


def test_an_acled_class_from_its_sub_event_type() -> None:
    from eventcode import codebooks
    from eventcode.model import AcledClass

    shelling = AcledClass.from_sub_event_type(
        "Shelling/artillery/missile attack", event_id_cnty="UKR1"
    )
    assert shelling == AcledClass(
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        event_id_cnty="UKR1",
    )
    with pytest.raises(codebooks.UnknownCodeError):
        AcledClass.from_sub_event_type("Armed clashes")


def test_a_dataset_is_built_step_by_step_and_looked_up_by_id() -> None:
    whole = eventcode.read(ROOT / "fixtures" / "makiivka-2023" / "dataset.json")
    built = (
        eventcode.Dataset()
        .adding(*whole.documents, *whole.actors)
        .adding(*whole.claimants)
        .adding(*whole.events)
    )
    assert built == whole
    assert eventcode.validate(built) == eventcode.validate(whole)
    first = whole.events[0]
    assert built.event(first.id) is first
    assert built.claimant(whole.claimants[0].id) is whole.claimants[0]
    assert built.actor(whole.actors[0].id) is whole.actors[0]
    assert built.document(whole.documents[0].id) is whole.documents[0]
    with pytest.raises(KeyError, match="did you mean"):
        built.event(first.id + "x")
    with pytest.raises(TypeError, match="not Figure"):
        built.adding(first.figures[0])  # type: ignore[arg-type]
    assert eventcode.Dataset().adding() == eventcode.Dataset()


def test_the_package_docstring_quick_start_runs(capsys: pytest.CaptureFixture[str]) -> None:
    doc = eventcode.__doc__ or ""
    block = doc.split("Quick start::", 1)[1].split("The documentation:", 1)[0]
    code = "\n".join(line.removeprefix("    ") for line in block.splitlines())
    fixture = ROOT / "fixtures" / "makiivka-2023" / "dataset.json"
    exec(code.replace('"dataset.json"', repr(str(fixture))), {})
    printed = capsys.readouterr().out
    assert "1 file(s)" in printed
    assert "record(s)" in printed
