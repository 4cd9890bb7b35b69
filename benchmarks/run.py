"""Throughput and peak memory of eventcode against its peers, measured in one run on one input.

    python benchmarks/run.py --rows 100000 --out benchmarks/results-100k.json

Generates, in a work directory, an ACLED CSV of N rows (varied actors, types, places, notes;
some notes quoted over several lines) and a JSON Lines dataset of N events with several figures
each, then times, each as a whole process on the same files:

- ``csv.reader``: a bare single-process pass over the ACLED CSV (the floor);
- ``eventcode validate`` on the CSV and on the JSONL dataset;
- ``eventcode convert`` CSV -> JSONL and JSONL -> ACLED CSV;
- ``frictionless validate`` with an equivalent Table Schema (if frictionless is installed);
- ``jsonschema``: one reused Draft202012Validator over every JSONL record (iter_errors).

Peak memory is the largest sum, sampled every 20 ms, of the resident memory of the process and
all its descendants (from /proc). Ratios are printed and written with the absolute figures to
a JSON file. Peers are the ``bench`` extra: ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
MONTHS = "January February March April May June July August September October November December"

# ---------------------------------------------------------------------------------------------
# Inputs


def _countries() -> list[Any]:
    from eventcode import codebooks

    found = [c for c in codebooks.acled_countries() if c.iso is not None and c.alpha3]
    return found[:60]


def _taxonomy() -> list[tuple[str, str, str]]:
    from eventcode import codebooks

    return [
        (codebooks.acled_sub_event_type(s).disorder_type, codebooks.acled_sub_event_type(s)
         .event_type, s)
        for s in codebooks.acled_sub_event_types()
    ]


ACTOR_KINDS = (
    ("Military Forces of {c} (2000-)", 1),
    ("Rebel Group of {c}", 2),
    ("Militia ({c})", 4),
    ("Protesters ({c})", 6),
    ("Rioters ({c})", 5),
    ("Civilians ({c})", 7),
    ("Unidentified Armed Group ({c})", 3),
)
OUTLETS = [f"Outlet {i}" for i in range(300)] + ["Reuters", "AFP", "BBC News", "Al Jazeera"]


SYLLABLES = [c + v for c in "bdfghklmnprstvz" for v in "aeiou"] + ["kiv", "grad", "pur", "ton"]


def _town(rng: random.Random) -> str:
    """A made-up place name of two to four syllables (varied consonants, as real names are)."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randrange(2, 5))).capitalize()


def _places(rng: random.Random, country: Any, count: int) -> list[tuple[str, ...]]:
    places = []
    for i in range(count):
        admin1 = f"{country.name} Province {i % 12}"
        name = _town(rng)
        lat, lon = rng.uniform(-60, 60), rng.uniform(-170, 170)
        places.append((admin1, f"{admin1} District {i % 40}", "", name, f"{lat:.4f}", f"{lon:.4f}"))
    return places


def write_acled_csv(path: Path, rows: int, seed: int = 1) -> None:
    """Write an ACLED CSV (current layout, numeric codes, export dates) of ``rows`` rows."""
    from eventcode import codebooks

    rng = random.Random(seed)
    countries = _countries()
    taxonomy = _taxonomy()
    places = {c.alpha3: _places(rng, c, 200) for c in countries}
    months = MONTHS.split()
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(ACLED_COLUMNS)
        for i in range(rows):
            country = countries[i % len(countries)]
            disorder, event_type, sub = taxonomy[rng.randrange(len(taxonomy))]
            name1, inter1 = rng.choice(ACTOR_KINDS)
            actor1 = name1.format(c=country.name)
            if rng.random() < 0.25:
                actor2, inter2 = "", 0
            else:
                name2, inter2 = rng.choice(ACTOR_KINDS)
                actor2 = name2.format(c=rng.choice(countries).name)
            interaction = codebooks.acled_interaction(inter1, inter2 or None).code
            year = rng.randrange(2018, 2025)
            day, month = rng.randrange(1, 29), rng.randrange(12)
            admin1, admin2, admin3, location, lat, lon = rng.choice(places[country.alpha3])
            fatalities = rng.choice([0, 0, 0, 1, 2, 3, 5, 12])
            note = (
                f"On {day} {months[month]} {year}, {actor1} clashed with "
                f"{actor2 or 'unknown forces'} in {location} ({admin1}). {fatalities} killed."
            )
            if rng.random() < 0.05:
                note += '\nLocal sources said "heavy fighting, shelling" continued overnight.'
            out.writerow(
                [
                    f"{country.alpha3}{i + 1}",
                    f"{day:02d} {months[month]} {year}",
                    year,
                    rng.choice([1, 1, 1, 2, 3]),
                    disorder,
                    event_type,
                    sub,
                    actor1,
                    rng.choice(["", "", "Police Forces of " + country.name]),
                    inter1,
                    actor2,
                    "",
                    inter2,
                    interaction,
                    "Civilian targeting" if inter2 == 7 and event_type != "Battles" else "",
                    country.iso,
                    country.region,
                    country.name,
                    admin1,
                    admin2,
                    admin3,
                    location,
                    lat,
                    lon,
                    rng.choice([1, 1, 2, 3]),
                    "; ".join(rng.sample(OUTLETS, rng.randrange(1, 3))),
                    rng.choice(["National", "Subnational", "International", "Other"]),
                    note,
                    fatalities,
                    rng.choice(["", "", "crowd size=no report"]),
                    1_700_000_000 + i,
                ]
            )


def write_jsonl(path: Path, events: int, seed: int = 2) -> None:
    """Write a JSONL dataset: parties and documents first, then events with four figures each."""
    rng = random.Random(seed)
    countries = _countries()
    taxonomy = _taxonomy()
    dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    actors = [f"actor-{i}" for i in range(400)]
    claimants = [f"claimant-{i}" for i in range(60)]
    documents = [f"doc-{i}" for i in range(3000)]
    towns = [_town(rng) for _ in range(5000)]
    spots = [
        (countries[t % len(countries)].alpha3, round(rng.uniform(-60, 60), 4),
         round(rng.uniform(-170, 170), 4))
        for t in range(len(towns))
    ]
    with open(path, "w", encoding="utf-8") as out:
        out.write(dump({"record": "dataset", "format_version": "1.0"}) + "\n")
        for i, ident in enumerate(documents):
            record = {"record": "document", "id": ident, "outlet": rng.choice(OUTLETS),
                      "published": f"2025-0{1 + i % 9}-1{i % 10}", "language": "en"}
            out.write(dump(record) + "\n")
        for i, ident in enumerate(actors):
            kind, inter = ACTOR_KINDS[i % len(ACTOR_KINDS)]
            name = kind.format(c=countries[i % len(countries)].name) + f" unit {i}"
            out.write(dump({"record": "actor", "id": ident, "name": name, "inter": inter}) + "\n")
        for i, ident in enumerate(claimants):
            record = {"record": "claimant", "id": ident, "name": f"Spokesperson {i}",
                      "kind": "ministry"}
            out.write(dump(record) + "\n")
        for i in range(events):
            town = rng.randrange(len(towns))
            disorder, event_type, sub = taxonomy[rng.randrange(len(taxonomy))]
            a1, a2 = rng.sample(actors, 2)
            day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
            doc = rng.choice(documents)
            killed = rng.randrange(0, 40)
            figures = [
                {"id": f"e{i}-k1", "quantity": "killed", "subject": {"actor": a2},
                 "value": {"kind": "exact", "phrase": f"{killed} killed", "low": killed,
                           "high": killed},
                 "basis": "reported", "claimant": rng.choice(claimants), "stated_on": day,
                 "evidence": {"document": doc, "phrase": f"{killed} killed"}},
                {"id": f"e{i}-k2", "quantity": "killed", "subject": {"actor": a2},
                 "value": {"kind": "lower_bound", "phrase": f"at least {killed}", "low": killed},
                 "basis": "claimed", "claimant": rng.choice(claimants), "stated_on": day},
                {"id": f"e{i}-w", "quantity": "wounded", "subject": {"category": "civilians"},
                 "value": {"kind": "range", "phrase": "10-20 wounded", "low": 10, "high": 20},
                 "basis": "estimated", "claimant": rng.choice(claimants)},
                {"id": f"e{i}-v", "quantity": "vehicles_destroyed", "subject": {"actor": a1},
                 "value": {"kind": "upper_bound", "phrase": "up to 4", "high": 4},
                 "basis": "claimed", "claimant": rng.choice(claimants)},
            ]
            record = {
                "record": "event",
                "id": f"event-{i}",
                "date": {"start": day},
                "place": {"name": towns[town], "country": spots[town][0],
                          "admin1": f"Province {town % 12}", "latitude": spots[town][1],
                          "longitude": spots[town][2], "precision": "place"},
                "acled": {"disorder_type": disorder, "event_type": event_type,
                          "sub_event_type": sub},
                "actor1": {"actor": a1, "inter": 1},
                "actor2": {"actor": a2, "inter": 2},
                "figures": figures,
                "documents": [doc],
                "notes": f"Event {i}: fighting reported near {towns[town]}.",
            }
            out.write(dump(record) + "\n")


def table_schema() -> dict[str, Any]:
    """A Frictionless Table Schema as close as it gets to eventcode's row checks."""
    from eventcode import codebooks

    integer = ("year", "time_precision", "inter1", "inter2", "interaction", "iso",
               "geo_precision", "fatalities", "timestamp")
    fields: list[dict[str, Any]] = []
    for column in ACLED_COLUMNS:
        field: dict[str, Any] = {"name": column, "type": "string"}
        if column in integer:
            field["type"] = "integer"
            field["constraints"] = {"minimum": 0}
        if column in ("time_precision", "geo_precision"):
            field["constraints"] = {"enum": [1, 2, 3]}
        if column in ("latitude", "longitude"):
            limit = 90 if column == "latitude" else 180
            field["type"] = "number"
            field["constraints"] = {"minimum": -limit, "maximum": limit}
        if column == "event_id_cnty":
            field["constraints"] = {"required": True, "unique": True, "pattern": "[A-Z]{3}[0-9]+"}
        if column == "event_date":
            field["type"] = "date"
            field["format"] = "%d %B %Y"
        if column in ("disorder_type", "event_type", "sub_event_type", "actor1", "country",
                      "region", "location", "source", "source_scale"):
            field.setdefault("constraints", {})["required"] = True
        if column == "sub_event_type":
            field["constraints"]["enum"] = list(codebooks.acled_sub_event_types())
        if column == "event_type":
            field["constraints"]["enum"] = list(codebooks.acled_event_types())
        if column == "civilian_targeting":
            field["constraints"] = {"enum": ["", "Civilian targeting"]}
        fields.append(field)
    return {"fields": fields, "primaryKey": ["event_id_cnty"]}


# ---------------------------------------------------------------------------------------------
# Measuring


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and its descendants (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm") as statm:
                total += int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack.extend(int(c) for c in children.read().split())
        except (OSError, ValueError):
            continue
    return total


def measure(command: list[str], rows: int) -> dict[str, Any]:
    """Run ``command`` as a process; return its wall time, rows/s and peak tree memory."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return {
        "command": " ".join(command),
        "seconds": round(seconds, 3),
        "rows_per_s": round(rows / seconds),
        "peak_mib": round(peak / 2**20, 1),
        "exit": process.returncode,
        "stderr_tail": err.decode("utf-8", "replace")[-300:],
    }


CSV_FLOOR = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as handle:
    n = sum(1 for _ in csv.reader(handle))
print(n)
"""

JSONSCHEMA = """
import json, sys
from jsonschema import Draft202012Validator
validator = Draft202012Validator(json.load(open(sys.argv[2])))
errors = 0
with open(sys.argv[1], encoding="utf-8") as handle:
    for line in handle:
        errors += sum(1 for _ in validator.iter_errors(json.loads(line)))
print(errors)
"""


JSONL_JOBS = {"validate_jsonl", "convert_jsonl_to_csv", "jsonschema_jsonl"}


def run(rows: int, work: Path, only: set[str] | None) -> dict[str, Any]:
    csv_path, jsonl_path = work / "acled.csv", work / "dataset.jsonl"
    started = time.perf_counter()
    write_acled_csv(csv_path, rows)
    # The JSON Lines dataset is large and slow to write: only when a measurement reads it.
    needs_jsonl = only is None or bool(only & JSONL_JOBS)
    if needs_jsonl:
        write_jsonl(jsonl_path, rows)
    schema_path = work / "acled.schema.json"
    schema_path.write_text(json.dumps(table_schema()))
    generated = time.perf_counter() - started
    eventcode = [PY, "-m", "eventcode"]
    jobs: dict[str, list[str]] = {
        "csv_reader": [PY, "-c", CSV_FLOOR, str(csv_path)],
        "validate_csv": [*eventcode, "validate", "--fail-on", "never", str(csv_path)],
        "validate_jsonl": [*eventcode, "validate", "--fail-on", "never", str(jsonl_path)],
        "convert_csv_to_jsonl": [*eventcode, "convert", str(csv_path), "-o",
                                 str(work / "from-csv.jsonl")],
        "convert_jsonl_to_csv": [*eventcode, "convert", str(jsonl_path), "-o",
                                 str(work / "from-jsonl.csv")],
        "jsonschema_jsonl": [PY, "-c", JSONSCHEMA, str(jsonl_path),
                             str(ROOT / "schemas" / "record.schema.json")],
    }
    frictionless = shutil.which("frictionless") or str(Path(PY).parent / "frictionless")
    if Path(frictionless).exists():
        # --trusted: frictionless refuses absolute paths without it (and exits at once).
        jobs["frictionless_csv"] = [frictionless, "validate", "--trusted", "--schema",
                                    str(schema_path), str(csv_path)]
    results: dict[str, Any] = {}
    for name, command in jobs.items():
        if only and name not in only:
            continue
        print(f"  {name} ...", file=sys.stderr, flush=True)
        results[name] = measure(command, rows)
        print(f"    {results[name]['rows_per_s']:>9} rows/s  {results[name]['peak_mib']} MiB",
              file=sys.stderr, flush=True)

    def ratio(a: str, b: str) -> float | None:
        if a not in results or b not in results:
            return None
        return round(results[a]["rows_per_s"] / results[b]["rows_per_s"], 3)

    ratios = {
        "validate_csv / csv_reader": ratio("validate_csv", "csv_reader"),
        "validate_csv / frictionless_csv": ratio("validate_csv", "frictionless_csv"),
        "validate_jsonl / jsonschema_jsonl": ratio("validate_jsonl", "jsonschema_jsonl"),
        "convert_csv_to_jsonl / csv_reader": ratio("convert_csv_to_jsonl", "csv_reader"),
        "convert_jsonl_to_csv / jsonschema_jsonl": ratio("convert_jsonl_to_csv",
                                                         "jsonschema_jsonl"),
    }
    return {
        "rows": rows,
        "generated_seconds": round(generated, 1),
        "csv_bytes": csv_path.stat().st_size,
        "jsonl_bytes": jsonl_path.stat().st_size if needs_jsonl else None,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(), "load": os.getloadavg()},
        "results": results,
        "ratios": ratios,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000])
    parser.add_argument("--out", type=Path, default=Path("benchmark-results.json"))
    parser.add_argument("--work", type=Path, help="where inputs go (default: a temporary dir)")
    parser.add_argument(
        "--only",
        nargs="*",
        help="run only these measurements (e.g. csv_reader validate_csv: the slow peers and "
        "the JSON Lines input are then skipped)",
    )
    args = parser.parse_args()
    report: dict[str, Any] = {"runs": []}
    for rows in args.rows:
        with tempfile.TemporaryDirectory(dir=args.work) as tmp:
            print(f"N = {rows}", file=sys.stderr)
            found = run(rows, Path(tmp), set(args.only) if args.only else None)
        report["runs"].append(found)
        for name, value in found["ratios"].items():
            print(f"  {name:45} {value}")
    if len(report["runs"]) >= 2:
        small, large = report["runs"][0], report["runs"][-1]
        growth = {}
        for name in large["results"]:
            if name in small["results"]:
                extra = large["results"][name]["peak_mib"] - small["results"][name]["peak_mib"]
                growth[name] = round(extra * 2**20 / (large["rows"] - small["rows"]), 1)
        report["memory_bytes_per_extra_row"] = growth
        for name, value in growth.items():
            print(f"  memory growth {name:31} {value} bytes/row")
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
