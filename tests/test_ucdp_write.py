"""UCDP GED CSV written from eventcode events: the mapping, and the numbers of the ucdp policy."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

import eventcode
from eventcode import rules, ucdp
from eventcode.conversion import convert
from eventcode.model import (
    Actor,
    Attribution,
    Basis,
    Claimant,
    ClaimantKind,
    Count,
    Dataset,
    DatePrecision,
    DateSpan,
    Document,
    Event,
    EventActor,
    Figure,
    Place,
    PlacePrecision,
    Subject,
    VictimCategory,
    VictimGroup,
)
from tests.helpers import MAKIIVKA, ROOT
from tests.test_cli import run

DATASETS = [MAKIIVKA, *sorted((ROOT / "fixtures" / "corpus").glob("*/dataset.json"))]

ACTORS = (
    Actor(id="gov-forces", name="Military Forces of Ruritania", country="UKR", inter=1),
    Actor(id="front", name="Northern Front", inter=2),
    Actor(id="militia", name="Southern Militia", inter=3),
    Actor(id="civilians", name="Civilians (Ruritania)", country="UKR", inter=7),
)
CLAIMANTS = (
    Claimant(id="ngo", name="Monitor", kind=ClaimantKind.NGO),
    Claimant(id="council", name="Town council", kind=ClaimantKind.LOCAL_AUTHORITY,
             speaks_for="gov-forces"),
    Claimant(id="front-press", name="Front press office", kind=ClaimantKind.ARMED_GROUP,
             speaks_for="front"),
)
DOCUMENTS = (
    Document(id="doc1", outlet="Example Wire", title="Clashes reported",
             published=date(2023, 3, 2)),
    Document(id="doc2", outlet="Sample Daily"),
)


def killed(
    figure_id: str, n: int, *, actor: str | None = None, category: VictimCategory | None = None,
    claimant: str = "ngo", basis: Basis = Basis.REPORTED,
) -> Figure:
    return Figure(
        id=figure_id,
        quantity="killed",
        subject=Subject(actor=actor, category=category),
        value=Count.exact(n, f"{n} killed"),
        basis=basis,
        claimant=claimant,
    )


def event(**fields: object) -> Event:
    base: dict[str, object] = {
        "id": "e1",
        "date": DateSpan(start=date(2023, 3, 1)),
        "place": Place(
            name="Strelsau", country="UKR", admin1="Central", admin2="Strelsau district",
            latitude=48.5, longitude=37.25, precision=PlacePrecision.PLACE,
        ),
        "actor1": EventActor(actor="gov-forces", inter=1),
        "actor2": EventActor(actor="front", inter=2),
        "documents": ("doc1", "doc2"),
    }
    base.update(fields)
    return Event(**base)  # type: ignore[arg-type]


def row_of(*events: Event) -> list[dict[str, str]]:
    dataset = Dataset(documents=DOCUMENTS, actors=ACTORS, claimants=CLAIMANTS, events=events)
    return list(csv.DictReader(io.StringIO(ucdp.dumps_ged(dataset))))


def deaths(row: dict[str, str]) -> tuple[int, int, int, int]:
    a, b, c, u = (int(row[c]) for c in ("deaths_a", "deaths_b", "deaths_civilians",
                                         "deaths_unknown"))
    return a, b, c, u


def test_state_based_when_a_government_is_a_side() -> None:
    [row] = row_of(event(figures=(
        killed("f1", 2, actor="gov-forces", category=VictimCategory.COMBATANTS),
        killed("f2", 5, actor="front", category=VictimCategory.COMBATANTS),
    )))
    assert row["type_of_violence"] == "1"
    assert (row["side_a"], row["side_b"]) == ("Military Forces of Ruritania", "Northern Front")
    assert deaths(row) == (2, 5, 0, 0)
    assert (row["low"], row["best"], row["high"]) == ("7", "7", "7")


def test_the_government_is_side_a_whoever_is_actor1() -> None:
    [row] = row_of(event(
        actor1=EventActor(actor="front", inter=2),
        actor2=EventActor(actor="gov-forces", inter=8),  # abroad: 8, but its own type is 1
        figures=(killed("f1", 4, actor="front", category=VictimCategory.COMBATANTS),),
    ))
    assert row["type_of_violence"] == "1"
    assert (row["side_a"], row["side_b"]) == ("Military Forces of Ruritania", "Northern Front")
    assert deaths(row) == (0, 4, 0, 0)


def test_non_state_between_organised_groups() -> None:
    [row] = row_of(event(
        actor1=EventActor(actor="front", inter=2),
        actor2=EventActor(actor="militia", inter=3),
        figures=(
            killed("f1", 3, actor="front"),
            killed("f2", 1, actor="militia", category=VictimCategory.COMBATANTS),
            killed("f3", 2, category=VictimCategory.UNKNOWN),
        ),
    ))
    assert row["type_of_violence"] == "2"
    assert (row["side_a"], row["side_b"]) == ("Northern Front", "Southern Militia")
    assert deaths(row) == (3, 1, 0, 2)


def test_one_sided_against_civilians() -> None:
    [row] = row_of(event(
        actor1=EventActor(actor="militia", inter=3),
        actor2=EventActor(actor="civilians", inter=7),
        civilian_targeting=True,
        figures=(killed("f1", 12, actor="civilians", category=VictimCategory.CIVILIANS),),
    ))
    assert row["type_of_violence"] == "3"
    assert (row["side_a"], row["side_b"]) == ("Southern Militia", "Civilians")
    assert deaths(row) == (0, 0, 12, 0)


def test_one_sided_by_a_government_without_an_actor2() -> None:
    [row] = row_of(event(
        actor2=None,
        civilian_targeting=True,
        figures=(killed("f1", 3, category=VictimCategory.CIVILIANS),),
    ))
    assert (row["type_of_violence"], row["side_b"]) == ("3", "Civilians")
    assert deaths(row) == (0, 0, 3, 0)


def test_a_group_whose_identity_is_disputed_goes_to_deaths_unknown() -> None:
    # The council counts 4 civilians; the front, the attacker, claims about 9 fighters: the
    # coder states they are the same dead, described as civilians and as fighters.
    figures = (
        killed("f1", 4, actor="civilians", category=VictimCategory.CIVILIANS, claimant="council"),
        killed("f2", 9, actor="gov-forces", category=VictimCategory.COMBATANTS,
               claimant="front-press", basis=Basis.CLAIMED),
    )
    [row] = row_of(event(
        actor1=EventActor(actor="front", inter=2),
        actor2=EventActor(actor="gov-forces", inter=1),
        figures=figures,
        victim_groups=(VictimGroup(figures=("f1", "f2")),),
    ))
    derived = rules.ucdp_estimates(
        event(figures=figures, victim_groups=(VictimGroup(figures=("f1", "f2")),)),
        CLAIMANTS, "ucdp", actors=ACTORS,
    )
    assert int(row["best"]) == derived.best.value == 4
    assert deaths(row) == (0, 0, 0, 4)


def test_a_total_above_its_parts_puts_the_rest_in_deaths_unknown() -> None:
    [row] = row_of(event(figures=(
        killed("f1", 2, actor="front", category=VictimCategory.COMBATANTS),
        killed("f2", 10, category=VictimCategory.MIXED),  # every victim of the event
    )))
    assert row["best"] == "10"
    assert deaths(row) == (0, 2, 0, 8)


def test_event_clarity_is_2_when_the_attribution_is_disputed() -> None:
    disputed = event(
        figures=(killed("f1", 5, actor="front", category=VictimCategory.COMBATANTS),),
        attributions=(
            Attribution(actor="gov-forces", claimant="front-press", basis=Basis.CLAIMED),
            Attribution(actor="militia", claimant="council", basis=Basis.CLAIMED),
        ),
    )
    clear = event(id="e2", figures=disputed.figures)
    first, second = row_of(disputed, clear)
    assert first["event_clarity"] == "2"
    assert second["event_clarity"] == "1"
    assert first["side_a"].startswith("Unidentified Armed Group")


def test_events_without_a_death_are_left_out_as_ged_does() -> None:
    quiet = event(id="quiet", figures=(killed("f1", 0, actor="front"),))
    none = event(id="none")
    deadly = event(id="deadly", figures=(killed("f2", 1, actor="front"),))
    dataset = Dataset(documents=DOCUMENTS, actors=ACTORS, claimants=CLAIMANTS,
                      events=(quiet, none, deadly))
    report = ucdp.ged_report(dataset)
    assert report.events == ("deadly",)
    assert [x.event for x in report.left_out] == ["quiet", "none"]
    assert all("at least one death" in x.reason for x in report.left_out)
    assert not any(x.classified for x in report.left_out)


def test_precisions_dates_place_and_sources() -> None:
    [row] = row_of(event(
        date=DateSpan(start=date(2023, 5, 1), end=date(2023, 5, 31),
                      precision=DatePrecision.MONTH),
        place=Place(name="Zenda", country="UKR", admin1="South", latitude=-3.125,
                    longitude=21.0, precision=PlacePrecision.ADMIN1),
        figures=(killed("f1", 1, actor="front"),),
    ))
    assert (row["date_start"], row["date_end"], row["date_prec"]) == (
        "2023-05-01", "2023-05-31", "4",
    )
    assert (row["where_prec"], row["where_coordinates"], row["adm_1"]) == ("4", "Zenda", "South")
    assert (row["latitude"], row["longitude"]) == ("-3.125", "21.0")
    assert row["geom_wkt"] == "POINT (21.0 -3.125)"
    assert row["priogrid_gid"] == "124963"  # the half-degree cell: row 174, column 403
    assert (row["country"], row["year"]) == ("Ukraine", "2023")
    assert row["number_of_sources"] == "2"
    assert row["source_office"] == "Example Wire; Sample Daily"
    assert row["source_article"] == "Example Wire, 2023-03-02, Clashes reported; Sample Daily"
    assert (row["source_date"], row["source_headline"]) == ("2023-03-02", "Clashes reported")
    assert row["source_original"] == "Monitor"
    # What the records cannot say is blank, never guessed.
    for column in ("id", "relid", "conflict_new_id", "dyad_new_id", "side_a_new_id",
                   "country_id", "region", "gwnoa", "active_year"):
        assert row[column] == "", column


@pytest.mark.parametrize("path", DATASETS, ids=lambda p: p.parent.name)
def test_datasets_convert_to_rows_with_the_ucdp_policys_numbers(path: Path) -> None:
    dataset = eventcode.read(path)
    text = ucdp.dumps_ged(dataset)
    report = ucdp.ged_report(dataset)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.split("\n", 1)[0] == ",".join(ucdp.GED_COLUMNS)
    derived = {d.event: d.ucdp for d in rules.derive(dataset, "ucdp")}
    deadly = [e.id for e in dataset.events if derived[e.id].best.value >= 1]
    assert list(report.events) == deadly
    assert len(rows) == len(deadly)  # none in a corpus case of protests without deaths
    for event_id, row in zip(report.events, rows, strict=True):
        numbers = derived[event_id]
        assert (int(row["low"]), int(row["best"]), int(row["high"])) == (
            numbers.low.value, numbers.best.value, numbers.high.value,
        ), event_id
        assert sum(deaths(row)) == numbers.best.value
        assert row["type_of_violence"] in ("1", "2", "3")
    assert {x.event for x in report.left_out} == {
        e.id for e in dataset.events if derived[e.id].best.value < 1
    }


@pytest.mark.parametrize("path", DATASETS, ids=lambda p: p.parent.name)
def test_what_is_written_validates_and_reads_back_with_the_same_numbers(
    path: Path, tmp_path: Path
) -> None:
    dataset = eventcode.read(path)
    out = tmp_path / "ged.csv"
    done = convert(path, out, to="ucdp-ged-csv")
    assert done.format == "ucdp-ged-csv"
    assert done.ucdp is not None
    assert done.written == done.ucdp.rows
    report = eventcode.validate_path(out)
    assert report.findings == ()  # what is written validates, without a warning
    back = eventcode.read(out)
    written = {d.event: d.ucdp for d in rules.derive(dataset, "ucdp")}
    again = rules.derive(back, "ucdp")
    assert [(d.ucdp.low.value, d.ucdp.best.value, d.ucdp.high.value) for d in again] == [
        (written[e].low.value, written[e].best.value, written[e].high.value)
        for e in done.ucdp.events
    ]


def test_makiivka_strike_row() -> None:
    dataset = eventcode.read(MAKIIVKA)
    [row] = list(csv.DictReader(io.StringIO(ucdp.dumps_ged(dataset))))
    strike = rules.ucdp_estimates(
        dataset.event("makiivka-strike"), dataset.claimants, "ucdp", actors=dataset.actors
    )
    assert row["type_of_violence"] == "1"  # two governments' forces
    assert row["best"] == str(strike.best.value)
    assert deaths(row) == (0, strike.best.value, 0, 0)  # Russia's soldiers: side B


def test_another_policy_gives_its_numbers() -> None:
    dataset = eventcode.read(MAKIIVKA)
    report = ucdp.ged_report(dataset, policy="ucdp-claims")
    assert report.policy == "ucdp-claims"
    [row] = list(csv.DictReader(io.StringIO(ucdp.dumps_ged(dataset, policy="ucdp-claims"))))
    claims = rules.ucdp_estimates(
        dataset.event("makiivka-strike"), dataset.claimants, "ucdp-claims",
        actors=dataset.actors,
    )
    assert (int(row["low"]), int(row["best"]), int(row["high"])) == (
        claims.low.value, claims.best.value, claims.high.value,
    )


def test_cli_convert_to_ucdp_ged_csv(tmp_path: Path) -> None:
    out = tmp_path / "makiivka-ged.csv"
    done = run("convert", str(MAKIIVKA), "-o", str(out), "--to", "ucdp-ged-csv")
    assert done.returncode == 0, done.stderr
    assert "wrote 1 GED row(s) (best, low and high by policy ucdp)" in done.stderr
    assert "left out event rus-mod-acknowledges-losses: best 0" in done.stderr
    assert out.read_text(encoding="utf-8").startswith(",".join(ucdp.GED_COLUMNS) + "\n")
    again = run("convert", str(MAKIIVKA), "-o", "-", "--to", "ucdp-ged-csv", "--policy",
                "ucdp-claims")
    assert again.returncode == 0, again.stderr
    assert "by policy ucdp-claims" in again.stderr
    assert again.stdout.startswith("id,relid,year,")


def test_writing_to_a_path_is_atomic_and_to_a_stream(tmp_path: Path) -> None:
    dataset = eventcode.read(MAKIIVKA)
    path = tmp_path / "out.csv"
    report = ucdp.write_ged(dataset, path)
    stream = io.StringIO()
    assert ucdp.write_ged(dataset, stream) == report
    assert path.read_text(encoding="utf-8") == stream.getvalue() == ucdp.dumps_ged(dataset)
    assert report.to_dict()["events"] == ["makiivka-strike"]
