"""Throughput and peak memory of eventcode against its peers, measured in one run on one input.

    python benchmarks/run.py --rows 200000 --out benchmarks/results-200k.json
    python benchmarks/run.py --rows 1000000 --files real,findings --peers csv_reader,eventcode

Generates, in a work directory, one input at a time (deleted once measured):

- ``real``: an ACLED CSV of N rows shaped like a real export (below);
- ``adversarial``: the same, but every row at a place of its own (N places);
- ``findings``: the ``real`` rows with each row's region one ACLED does not use (``West
  Africa`` for ``Western Africa``...): one C023 warning a row, no error;
- ``jsonl``: a JSON Lines dataset of N events with four figures each;

and times on each, each as a whole process (``--files``, ``--peers`` and ``--only`` choose):

- ``csv.reader``: a bare single-process pass over the CSV (the floor: every CSV measurement
  is also given as a ratio of rows/s to it, on the same file);
- ``eventcode validate`` on each input; ``eventcode convert`` CSV -> JSONL and JSONL -> CSV;
- ``frictionless validate`` with an equivalent Table Schema (if frictionless is installed);
- ``pandera`` (pandas backend) with the same checks, on the DataFrame ``pandas.read_csv``
  gives (if pandera is installed; this file, ``--pandera-peer``, is the process);
- ``jsonschema``: one reused Draft202012Validator over every JSONL record (iter_errors).

The two schemas check what eventcode's row checks do that a schema can say: types (integers,
numbers, dates in ACLED's ``%d %B %Y``), ACLED's taxonomy (disorder, event and sub-event types
are ACLED's), regions and countries ACLED's, ranges (latitude, longitude, fatalities >= 0,
precisions 1-3, inter codes 1-8 and 0-8, valid interactions, civilian targeting), required
cells, unique event ids. They cannot compare cells of a row (sub-event type against event type,
interaction against the inter codes, year against the date) nor rows with each other (places
spelt two ways, probable duplicates), which eventcode does.

Peak memory is the largest sum, sampled every 20 ms, of the resident memory of the process and
all its descendants (from /proc). Ratios are printed and written with the absolute figures to
a JSON file. Peers are the ``bench`` extra: ``pip install -e '.[bench]'``.

What a real export looks like, measured by hand (not read here) on two public files: a full
export for one country (Benin 2009-2022, 811 rows, the current 31 columns, written by R) and
an API extract of five columns (13,584 rows, 2017-2026, Caucasus and Central Asia):

- places: Benin has 279 distinct places (location and coordinates) in 811 rows, 2.9 rows
  each; 144 places (52 %) appear once, so 17.8 % of rows have a place of their own; the
  busiest place (Cotonou) has 11.6 % of the rows, and counts fall with rank as rank ** -0.79.
  A place name always comes with the same coordinates and admin1/admin2 (13 admin1, 71 admin2,
  admin3 blank). The extract has 138 coordinate pairs in 13,584 rows (98 rows each, 0.1 % of
  rows with a place of their own), and rows a place grow with the rows (8 in a random 800,
  18 in 2,000, 40 in 5,000): a million rows fall between the two, at one place per five rows;
- notes: 42 to 601 characters, median 181, mean 193, 10th percentile 117, 90th 288, 99th 420;
  800 distinct in 811; 89 % hold a comma, none a double quote or a newline; notes of strategic
  developments start with a label ("Looting:", "Movement of forces:");
- actors: 70 distinct actor1, 95 distinct actor1 or actor2 names (one a country's, "Rioters
  (Benin)", "Police Forces of Benin (2016-)"), 191 with the associated actors; actor2 blank
  in 24 % of rows; associated actors in 44 % (assoc_actor_1) and 39 % (assoc_actor_2) of rows,
  21 % of rows naming several joined by "; ";
- source: 234 distinct values over 53 outlets; 69 % of rows name one outlet, 14 % two, the
  rest up to 16 joined by "; "; "Undisclosed Source" alone in 42 %; source_scale takes 13
  values, one scale or two joined by "-" ("Local partner-Other" 53 %, "National" 29 %,
  "International" 10 %, "National-International" 2 %);
- tags: blank in 63 %, "crowd size=no report" in 33 % (87 % of riots, 34 % of protests),
  other crowd sizes and "sexual violence" rare; only demonstrations carry a crowd size;
- fatalities: 0 in 72 % of rows (96 % in the extract), 1 in 17 %, then falling about as 1 / n ** 2
  (max 10 in Benin, 416 in the extract);
- civilian targeting: 39 % (every violence against civilians, 46 % of riots, none on battles);
  time_precision 1/2/3: 92/7.5/0.7 %; geo_precision 1/2/3: 75/24/1.5 %;
- event types: riots 31 %, violence against civilians 24 %, protests 18 %, strategic
  developments 14 %, battles 13 %, explosions 0.6 % (the extract: protests 60 %, battles 20 %);
- order and times: newest first; 239 distinct timestamps (3.4 rows each: uploads in batches),
  a median of 102 days after the event (10th percentile 7).

The generator follows those figures (seeded: the same N gives the same file), with:

- 60 countries (ACLED's tables: iso, region, country always agree), their shares of the rows
  falling as 1 / rank ** 0.8 (Ukraine 14 %); three years of days (2022-2024), uniform;
- one place per five rows (``adversarial``: one a row), each with a name no other place's
  consonants give (so no place looks respelt: R009), fixed coordinates, admin1, admin2 and
  (in two countries in three) admin3 names. Every place has a row; the other four fifths go to
  a country's places as 1 / rank: the busiest place has 8-15 % of its country's rows (Benin
  11.6 %), about a third of the places appear once (6 % of rows have a place of their own);
- 39 actors a country (6 state forces, 6 rebel groups, 8 political and 10 identity militias,
  rioters, protesters, civilians, 6 external forces) and 20 associated actors, drawn as
  1 / rank within an actor type; the actor types follow the sub-event type (protests:
  protesters, with state forces as actor2 when they intervene and as actor1 on excessive
  force; battles: two armed actors; violence against civilians: civilians as actor2...), the
  interaction follows from the two;
  associated actors in 40 % (assoc_actor_1, 30 % of them two) and 35 % of rows with an actor2;
- event types: protests 35 %, battles 15 %, violence against civilians 15 %, explosions 12 %,
  riots 12 %, strategic developments 11 % (a mix of Benin's and the extract's); sub-event
  types within them as Benin's (peaceful protest 82 % of protests, mob violence 68 % of riots);
- notes unique (each names a village of its own: two events at one place and day tell of two
  places), their length aimed at a log-normal with Benin's median 181 and 90th percentile 288
  (clamped to 42-601; at 200,000 rows they come out at median 182, 90th percentile 289, 99th
  423, from 81 to 673 characters); 5 % over two lines (the second paragraph
  quoting a source in double quotes), 1 % more with double quotes;
- fatalities 0 by event type (protests 99.5 %, strategic developments 98 %, riots 90 %,
  explosions 55 %, violence against civilians 50 %, battles 45 %: 77 % of rows), else
  floor(1 / U) up to 1000 (half of them 1);
- civilian targeting when civilians are actor2 of violence against civilians, explosions or
  riots, and on excessive force against protesters (about 25 % of rows), never on battles;
- sources as Benin's counts of outlets a row; outlets of five kinds ("Undisclosed Source",
  a country's 10 national and 4 local outlets, 10 international agencies, 4 social media),
  source_scale the first two of the row's kinds in ACLED's order ("Local partner-National");
- tags: "crowd size=no report" on 80 % of demonstrations, another readable crowd size on 8 %;
  "sexual violence" on sexual violence; time_precision 1/2/3: 92/7.2/0.8 %; geo_precision
  75/23.5/1.5 %;
- timestamps: uploads on the first Tuesday 7 days plus an exponential wait (mean 10 days)
  after the event, 10 % of rows 30-700 days later still (revisions); one time a country and
  upload day;
- blank cells left empty (ACLED's own exports; R's ``NA`` would be an A021 info finding).

eventcode finds no error in the ``real`` file: at 200,000 rows, 180 R010 warnings (0.09 % of
rows; Benin's export gives one in 811 rows, and two R009): events of one day, place, actors
and type whose villages' names meet in R010's 64-bit set of place names.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import math
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from datetime import date, timedelta
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


# ---------------------------------------------------------------------------------------------
# The ACLED CSV generator (the figures it follows are in the module docstring)

#: The countries of the CSV files, most events first (their shares fall as 1 / rank ** 0.8).
COUNTRY_NAMES = (
    "Ukraine", "Syria", "Mexico", "India", "Brazil", "Pakistan", "Yemen", "Nigeria", "Myanmar",
    "Palestine", "Democratic Republic of Congo", "Iraq", "Sudan", "Somalia", "Burkina Faso",
    "Colombia", "Philippines", "Mali", "Afghanistan", "Cameroon", "Ethiopia", "Lebanon",
    "Bangladesh", "Russia", "Turkey", "Iran", "South Africa", "Kenya", "Mozambique", "Niger",
    "Libya", "South Sudan", "Central African Republic", "Chad", "Israel", "Venezuela", "Peru",
    "Chile", "Argentina", "Ecuador", "Haiti", "Honduras", "Guatemala", "United States", "France",
    "Germany", "Italy", "Spain", "Georgia", "Armenia", "Azerbaijan", "Indonesia", "Thailand",
    "Nepal", "Sri Lanka", "Egypt", "Tunisia", "Benin", "Togo", "Uganda",
)
COUNTRY_SKEW = 0.8
#: Countries whose places have an admin3 (ACLED leaves it blank in about a third, Benin's too).
ADMIN3_SHARE = 2 / 3
ADMIN1_PER_COUNTRY, ADMIN2_PER_ADMIN1, ADMIN3_PER_ADMIN2 = 12, 6, 8
FIRST_DAY, DAYS = date(2022, 1, 1), 1096  # 2022-2024: three years
ROWS_PER_PLACE = 5
#: Within a country, a place's share of the rows beyond its first falls as 1 / rank.
PLACE_SKEW = 1.0
#: Notes' length in characters: log-normal with Benin's median and 90th percentile.
NOTE_MEDIAN, NOTE_P90, NOTE_MIN, NOTE_MAX = 181, 288, 42, 601
NEWLINE_SHARE, QUOTE_SHARE = 0.05, 0.01

#: Event types' shares (%), and sub-event types' shares within their event type.
EVENT_SHARES = {
    "Protests": 35, "Battles": 15, "Violence against civilians": 15,
    "Explosions/Remote violence": 12, "Riots": 12, "Strategic developments": 11,
}
SUB_EVENT_SHARES = {
    "Peaceful protest": 82, "Protest with intervention": 15,
    "Excessive force against protesters": 3,
    "Armed clash": 90, "Government regains territory": 5, "Non-state actor overtakes territory": 5,
    "Attack": 75, "Abduction/forced disappearance": 22, "Sexual violence": 3,
    "Shelling/artillery/missile attack": 40, "Air/drone strike": 32,
    "Remote explosive/landmine/IED": 18, "Grenade": 7, "Suicide bomb": 2, "Chemical weapon": 1,
    "Mob violence": 68, "Violent demonstration": 32,
    "Looting/property destruction": 38, "Change to group/activity": 22, "Arrests": 16, "Other": 12,
    "Disrupted weapons use": 5, "Agreement": 3, "Headquarters or base established": 2,
    "Non-violent transfer of territory": 2,
}
_ARMED = {1: 25, 2: 20, 3: 20, 4: 30, 8: 5}
#: Actor types (inter codes) of actor1 and actor2 by sub-event type, else event type; 0: none.
ACTOR_RULES: dict[str, tuple[dict[int, int], dict[int, int]]] = {
    "Peaceful protest": ({6: 1}, {0: 95, 6: 5}),
    "Protest with intervention": ({6: 1}, {1: 1}),
    "Excessive force against protesters": ({1: 1}, {6: 1}),
    "Mob violence": ({5: 1}, {7: 60, 5: 20, 1: 10, 0: 10}),
    "Violent demonstration": ({5: 1}, {0: 40, 1: 50, 7: 10}),
    "Government regains territory": ({1: 1}, {2: 50, 3: 20, 4: 30}),
    "Non-state actor overtakes territory": ({2: 50, 3: 20, 4: 30}, {1: 1}),
    "Battles": (_ARMED, {1: 40, 2: 15, 3: 15, 4: 25, 8: 5}),
    "Violence against civilians": ({3: 40, 4: 35, 1: 12, 2: 10, 8: 3}, {7: 1}),
    "Explosions/Remote violence": ({1: 35, 2: 35, 3: 15, 8: 15},
                                   {7: 30, 1: 30, 2: 15, 3: 5, 0: 20}),
    "Arrests": ({1: 1}, {7: 70, 3: 15, 2: 15}),
    "Strategic developments": ({1: 32, 3: 30, 4: 15, 2: 13, 6: 5, 7: 5},
                               {0: 35, 7: 45, 1: 10, 3: 10}),
}
#: Event types on which civilians as actor2 make the event civilian targeting (never Battles).
TARGETING_TYPES = frozenset({"Violence against civilians", "Explosions/Remote violence", "Riots"})
#: Share of events without fatalities, by event type; the others: floor(1 / U), up to 1000.
NO_FATALITIES = {
    "Protests": 0.995, "Riots": 0.9, "Strategic developments": 0.98, "Battles": 0.45,
    "Explosions/Remote violence": 0.55, "Violence against civilians": 0.5,
}
#: Actor names of a country by actor type ({c}: the country; {n}: a made-up name): 39 a country.
ACTOR_NAMES = {
    1: ("Military Forces of {c} (2016-)", "Police Forces of {c} (2016-)",
        "Military Forces of {c} (2016-) Gendarmerie", "Government of {c} (2016-)",
        "Military Forces of {c} (2016-) Special Forces", "Prison Guards of {c} (2016-)"),
    2: ("{n} Liberation Front", "{n} Liberation Movement", "{n} People's Army",
        "Islamic State ({n} Province)", "{n} Resistance Army", "{n} Patriotic Front"),
    3: ("Unidentified Armed Group ({c})", "Vigilante Group ({c})", "{n} Youth Militia ({c})",
        "Unidentified Gang ({c})", "Militia ({n} Party)", "{n} Self-Defence Group ({c})",
        "Private Security Forces ({c})", "Militia ({n})"),
    4: ("Unidentified Communal Militia ({c})", "{n} Ethnic Militia ({c})",
        "{n} Ethnic Militia ({c})", "{n} Clan Militia ({c})", "{n} Communal Militia ({c})",
        "{n} Ethnic Militia ({c})", "{n} Clan Militia ({c})", "{n} Communal Militia ({c})",
        "{n} Ethnic Militia ({c})", "{n} Communal Militia ({c})"),
    5: ("Rioters ({c})",),
    6: ("Protesters ({c})",),
    7: ("Civilians ({c})",),
    8: ("Military Forces of France (2017-)", "United Nations", "Wagner Group",
        "Military Forces of the United States (2021-)", "Private Security Forces (International)",
        "Unidentified Military Forces"),
}
#: Associated actors of a country (never actor1 or actor2).
ASSOCIATED_NAMES = (
    "Farmers ({c})", "Pastoralists ({c})", "Students ({c})", "Labour Group ({c})", "Women ({c})",
    "Teachers ({c})", "Journalists ({c})", "Health Workers ({c})", "Taxi Drivers ({c})",
    "Refugees/IDPs ({c})", "Prisoners ({c})", "Lawyers ({c})", "Traders ({c})", "Judges ({c})",
    "{n} Ethnic Group ({c})", "{n} Ethnic Group ({c})", "{n} Party", "Christian Group ({c})",
    "Muslim Group ({c})", "Former Military Forces of {c}",
)
#: How actors are named in notes, by actor type.
ROLE_WORDS = {
    1: ("soldiers", "police officers", "security forces", "gendarmes"),
    2: ("rebels", "rebel fighters", "militants"),
    3: ("an unidentified armed group", "militiamen", "gunmen", "vigilantes"),
    4: ("communal militiamen", "members of an ethnic militia", "armed herders"),
    5: ("rioters", "a mob", "angry residents"),
    6: ("protesters", "demonstrators", "students", "traders"),
    7: ("civilians", "a farmer", "two women", "a trader", "a local chief", "a man"),
    8: ("foreign troops", "peacekeepers", "foreign forces"),
}
#: What an event's note says happened ({a}: actor1, {b}: actor2, {r}: a reason).
ACTIONS = {
    "Armed clash": ("{a} clashed with {b}", "{a} and {b} exchanged fire"),
    "Government regains territory": ("{a} retook positions held by {b}",),
    "Non-state actor overtakes territory": ("{a} took control of an army post from {b}",),
    "Attack": ("{a} attacked {b}", "{a} shot {b}", "{a} beat {b}"),
    "Abduction/forced disappearance": ("{a} abducted {b}", "{a} kidnapped {b}"),
    "Sexual violence": ("{a} sexually assaulted {b}",),
    "Peaceful protest": ("{a} demonstrated against {r}", "{a} held a sit-in against {r}",
                         "{a} marched to denounce {r}"),
    "Protest with intervention": ("{a} demonstrated against {r} before {b} dispersed them",),
    "Excessive force against protesters": ("{a} fired live ammunition at {b} protesting {r}",),
    "Mob violence": ("{a} lynched {b} accused of theft", "{a} attacked {b} over {r}"),
    "Violent demonstration": ("{a} burnt tyres and blocked roads over {r}",
                              "{a} stoned vehicles to protest {r}"),
    "Shelling/artillery/missile attack": ("{a} shelled {b}", "{a} fired rockets at {b}"),
    "Air/drone strike": ("{a} carried out a drone strike on {b}", "{a} bombed {b}"),
    "Remote explosive/landmine/IED": ("an explosive device planted by {a} hit {b}",),
    "Grenade": ("{a} threw a grenade at {b}",),
    "Suicide bomb": ("a suicide bomber of {a} blew himself up among {b}",),
    "Chemical weapon": ("{a} used chemical agents against {b}",),
    "Looting/property destruction": ("Looting: {a} looted shops and houses",
                                     "Property destruction: {a} burnt houses"),
    "Change to group/activity": ("Movement of forces: {a} were seen moving in large numbers",),
    "Arrests": ("{a} arrested {b}",),
    "Other": ("Other: {a} met {b}",),
    "Disrupted weapons use": ("{a} defused an explosive device",),
    "Agreement": ("{a} and {b} agreed a ceasefire",),
    "Headquarters or base established": ("{a} set up a base",),
    "Non-violent transfer of territory": ("{a} took over the area after {b} withdrew",),
}
#: Where (a village only this event names: notes are unique, and two events at one place on
#: one day tell of two places).
PLACE_PHRASES = (
    "in {v}, coded to {l} ({a2}, {a1})", "in {v} village ({l}, {a2}, {a1})",
    "in the {v} neighbourhood of {l} ({a2}, {a1})", "near {v} in {l} ({a2}, {a1})",
    "at {v} market in {l} ({a2}, {a1})",
)
REASONS = (
    "the rising cost of living", "unpaid salaries", "a disputed election", "fuel shortages",
    "insecurity in the area", "the arrest of a local leader", "land expropriation",
    "power cuts", "new taxes", "the killing of a student", "police brutality", "water shortages",
)
FILLERS = (
    "The motive is not known.", "Local sources reported the incident the next day.",
    "Security forces were deployed to the area afterwards.",
    "The victims were taken to the local health centre for treatment.",
    "Several houses and motorcycles were burnt during the incident.",
    "It is not confirmed whether the assailants were from the area.",
    "The authorities announced an investigation into the events.",
    "Residents fled to neighbouring villages, fearing further attacks.",
    "The group had reportedly threatened the community in previous weeks.",
    "According to the authorities, {k} suspects were arrested.",
    "About {k} people were injured.", "Shops remained closed for {k} days.",
    "The event took place a week after a similar incident in the area.",
    "Traffic was blocked on the main road for several hours.",
    "The administration called for calm and for dialogue between the communities.",
    "Sources disagree on the number of people involved.",
    "Property worth an unknown amount was destroyed or stolen.",
    "The incident is linked to a long-standing dispute over land and grazing rights.",
    "Reinforcements arrived after the assailants had left.",
    "A curfew was declared in the area until further notice.",
)
KILLED = ("Reported fatalities: {f}.", "The toll stood at {f} dead.",
          "The reported toll is {f}.", "Sources gave a toll of {f} dead.")
#: The second paragraph of half the notes over two lines (tests look for "heavy fighting).
OVERNIGHT = 'Local sources said "heavy fighting, shelling" continued overnight.'
QUOTED = ('Witnesses said "they came at night, on motorcycles".',
          'The statement called the incident "an unacceptable provocation".')
CROWD_TAGS = ("crowd size=hundreds", "crowd size=dozens", "crowd size=around 50",
              "crowd size=between 100 and 200", "crowd size=hundreds in total",
              "crowd size=30", "crowd size=thousands")
#: Source counts a row (Benin's counts of rows naming 1, 2, ... outlets).
SOURCE_COUNTS = {1: 559, 2: 111, 3: 49, 4: 30, 5: 25, 6: 13, 7: 9, 8: 5, 9: 4, 11: 1, 12: 3,
                 14: 1, 16: 1}
#: Outlet kinds: weight, source scales, outlets (a country's national and local outlets are
#: made up: {n}).
OUTLET_KINDS = (
    (30, ("Local partner", "Other"), ("Undisclosed Source",)),
    (40, ("National",), ("{n} Times", "Radio {n}", "{n} Info", "{n} Press", "{n} Daily",
                         "{c} News Agency", "{n} TV", "Le {n}", "{n} Post", "{n} Today")),
    (10, ("Subnational",), ("{n} FM", "{n} Community Radio", "{n} Echo", "{n} Voice")),
    (12, ("International",), ("AFP", "Reuters", "Xinhua", "RFI", "BBC News", "Al Jazeera",
                              "Associated Press", "Anadolu Agency", "Deutsche Welle", "VOA")),
    (8, ("New media",), ("Twitter", "Facebook", "Telegram", "WhatsApp")),
)
#: ACLED's order of the two scales of a source_scale ("Local partner-Other", "New media-National").
SCALE_ORDER = ("Local partner", "New media", "Local", "Subnational", "National", "Regional",
               "International", "Other")
#: The findings-heavy file's regions: names other datasets use that ACLED does not (one C023 a
#: row: ACLED confirms few countries' regions, so a real region of another continent would pass).
WRONG_REGIONS = {
    "Western Africa": "West Africa", "Middle Africa": "Central Africa",
    "Eastern Africa": "East Africa", "Southern Africa": "Sub-Saharan Africa",
    "Northern Africa": "North Africa", "South Asia": "Indian Subcontinent",
    "Southeast Asia": "South East Asia", "Middle East": "MENA", "Europe": "Eastern Europe",
    "Caucasus and Central Asia": "Central Asia", "Central America": "Latin America",
    "South America": "Latin America", "Caribbean": "West Indies", "East Asia": "Far East",
    "North America": "Northern America", "Oceania": "Pacific", "Antarctica": "Antarctic",
}
SHAPES = ("real", "adversarial", "findings")

_CONSONANTS = "bdfghklmnprstvzcjw"
_VOWELS = ("a", "e", "i", "o", "u", "a", "o", "ou", "ia", "e")
#: Two syllables each, their consonants all different pairs: a name is two or more of them.
_PAIRS = [
    a + random.Random(i).choice(_VOWELS) + b + random.Random(-i).choice(_VOWELS)
    for i, (a, b) in enumerate(itertools.product(_CONSONANTS, repeat=2))
]
#: Weighted draws index a table of this many slots, each value in proportion to its weight.
_SLOT_BITS = 12
_SLOTS = 1 << _SLOT_BITS


def _unique_name(index: int) -> str:
    """A made-up name whose consonants (what R009 compares) no other index gives."""
    number, pairs = index + len(_PAIRS), []
    while number:
        number, digit = divmod(number, len(_PAIRS))
        pairs.append(_PAIRS[digit])
    return "".join(pairs).capitalize()


def _name(rng: random.Random) -> str:
    """A made-up name (:func:`_town`) that no reader takes for a blank (``None``)."""
    while (name := _town(rng)) in ("NA", "NaN", "nan", "None", "NULL"):
        pass
    return name


def _shares(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` by ``weights`` into integers (largest remainders)."""
    exact = [total * w / sum(weights) for w in weights]
    counts = [int(e) for e in exact]
    for i in sorted(range(len(exact)), key=lambda i: counts[i] - exact[i])[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _table(weights: dict[Any, float] | list[tuple[Any, float]]) -> list[Any]:
    """A table of :data:`_SLOTS` values, each as often as its weight says (drawn by index)."""
    pairs = list(weights.items()) if isinstance(weights, dict) else weights
    counts = _shares(_SLOTS, [weight for _, weight in pairs])
    return [value for (value, _), count in zip(pairs, counts, strict=True) for _ in range(count)]


def _zipf(count: int, skew: float) -> list[float]:
    return [1 / (rank + 1) ** skew for rank in range(count)]


def _plain(*names: str) -> None:
    """Refuse a name that a CSV cell would have to quote (the rows are joined by hand)."""
    for name in names:
        if any(c in name for c in ',"\r\n'):
            raise AssertionError(f"{name!r} would need quoting")


class _Country:
    """A country's places, actors and outlets, made up once (seeded)."""

    def __init__(self, rng: random.Random, country: Any, index: int) -> None:
        from eventcode import codebooks

        self.acled = country
        self.number = index
        c = country.name

        def named(names: tuple[str, ...], skew: float) -> list[str]:
            made = [name.format(c=c, n=_name(rng)) for name in names]
            _plain(*made)
            return _table(list(zip(made, _zipf(len(made), skew), strict=True)))

        self.actors = {inter: named(names, 1.0) for inter, names in ACTOR_NAMES.items()}
        self.associated = named(ASSOCIATED_NAMES, 0.7)
        self.outlets = _table([((scales, named(outlets, 1.0)), weight)
                               for weight, scales, outlets in OUTLET_KINDS])
        self.interaction = {
            (a, b): codebooks.acled_interaction(a, b or None).code
            for a in ACTOR_NAMES for b in (0, *ACTOR_NAMES)
        }
        self.centre = (rng.uniform(-35, 55), rng.uniform(-120, 140))
        admin3 = rng.random() < ADMIN3_SHARE
        self.admins = []
        for _ in range(ADMIN1_PER_COUNTRY):
            a1 = _name(rng)
            y1, x1 = (v + rng.uniform(-3, 3) for v in self.centre)
            for _ in range(ADMIN2_PER_ADMIN1):
                a2, y2, x2 = _name(rng), y1 + rng.uniform(-0.8, 0.8), x1 + rng.uniform(-0.8, 0.8)
                thirds = [_name(rng) for _ in range(ADMIN3_PER_ADMIN2)] if admin3 else [""]
                self.admins.append((a1, a2, thirds, y2, x2))

    def place(self, rng: random.Random, index: int) -> tuple[str, ...]:
        """Admin1, admin2, admin3, location, latitude, longitude of a new place (name unique)."""
        a1, a2, thirds, y, x = rng.choice(self.admins)
        lat = max(-89.9, min(89.9, y + rng.uniform(-0.3, 0.3)))
        lon = max(-179.9, min(179.9, x + rng.uniform(-0.3, 0.3)))
        return (a1, a2, rng.choice(thirds), _unique_name(index),
                repr(round(lat, 4)), repr(round(lon, 4)))


def _acled_countries() -> list[Any]:
    from eventcode import codebooks

    found = []
    for name in COUNTRY_NAMES:
        country = codebooks.acled_country(name)
        if country.iso is not None and country.alpha3 and country.region:
            found.append(country)
    return found


def _slots(
    rng: random.Random, countries: list[_Country], rows: int, adversarial: bool
) -> tuple[list[tuple[int, int, int]], list[tuple[str, ...]]]:
    """Each row's (day, country, place), newest first, and the places.

    A country has its share of the rows and one place per :data:`ROWS_PER_PLACE` of them
    (``adversarial``: one a row); each place has one row, the rest go to places by 1 / rank.
    """
    row_counts = _shares(rows, _zipf(len(countries), COUNTRY_SKEW))
    places: list[tuple[str, ...]] = []
    slots: list[tuple[int, int, int]] = []
    for country, count in zip(countries, row_counts, strict=True):
        if not count:
            continue
        own = count if adversarial else max(1, round(count / ROWS_PER_PLACE))
        first = len(places)
        places += [country.place(rng, first + i) for i in range(own)]
        chosen = list(range(first, first + own))
        if count > own:
            cumulative = list(itertools.accumulate(_zipf(own, PLACE_SKEW)))
            chosen += rng.choices(range(first, first + own), cum_weights=cumulative,
                                  k=count - own)
        slots += [(int(rng.random() * DAYS), country.number, p) for p in chosen]
    slots.sort(reverse=True)  # ACLED exports come newest first
    return slots, places


def write_acled_csv(path: Path, rows: int, seed: int = 1, shape: str = "real") -> None:
    """Write an ACLED CSV of ``rows`` rows shaped like a real export (see the module docstring).

    ``shape`` ``adversarial`` gives every row a place of its own; ``findings`` writes the real
    shape's rows with each region one ACLED does not know (one C023 warning a row).
    """
    from eventcode import codebooks

    if shape not in SHAPES:
        raise ValueError(f"shape {shape!r} is none of {SHAPES}")
    rng = random.Random(seed)
    draw = rng.random
    countries = [_Country(rng, c, i) for i, c in enumerate(_acled_countries())]
    region = {c.acled.name: c.acled.region for c in countries}
    if shape == "findings":
        region = {name: WRONG_REGIONS[r] for name, r in region.items()}
        if set(region.values()) & {r.name for r in codebooks.acled_regions()}:
            raise AssertionError("a wrong region is an ACLED region")
    taxonomy: list[tuple[tuple[str, str, str], float]] = []
    for sub in codebooks.acled_sub_event_types():
        found = codebooks.acled_sub_event_type(sub)
        within = sum(SUB_EVENT_SHARES.get(s, 1)
                     for s in codebooks.acled_sub_event_types(found.event_type))
        share = EVENT_SHARES[found.event_type] * SUB_EVENT_SHARES.get(sub, 1) / within
        taxonomy.append(((found.disorder_type, found.event_type, sub), share))
    # What a row's sub-event type decides: the actor types' tables, the share without
    # fatalities, the actions, whether its event type is one civilians are targeted in.
    kinds = {}
    for (disorder, event_type, sub), _ in taxonomy:
        _plain(disorder, event_type, sub)
        first, second = ACTOR_RULES.get(sub) or ACTOR_RULES[event_type]
        demonstration = event_type in ("Protests", "Riots")
        kinds[sub] = (disorder, event_type, sub, _table(first), _table(second),
                      NO_FATALITIES[event_type], ACTIONS[sub], event_type in TARGETING_TYPES,
                      demonstration, sub == "Excessive force against protesters")
    pick = _table([(kinds[sub], share) for (_, _, sub), share in taxonomy])
    source_counts = _table(SOURCE_COUNTS)
    slots, places = _slots(rng, countries, rows, shape == "adversarial")
    # Ids count each country's events from its oldest; uploads are weekly, on Tuesdays.
    numbers = [0] * len(countries)
    ids = [0] * len(slots)
    for position in range(len(slots) - 1, -1, -1):
        numbers[slots[position][1]] += 1
        ids[position] = numbers[slots[position][1]]
    epoch = (FIRST_DAY - date(1970, 1, 1)).days
    days = [FIRST_DAY + timedelta(days=d) for d in range(DAYS)]
    dates = [f"{d.day} {d:%B %Y},{d.year}" for d in days]  # event_date and year
    openings = [f"On {d.day} {d:%B %Y}, " for d in days]
    mu = math.log(NOTE_MEDIAN)
    sigma = (math.log(NOTE_P90) - mu) / 1.2815515655446004  # the normal's 90th percentile
    fixed = [f"{c.acled.iso},{region[c.acled.name]},{c.acled.name}" for c in countries]
    villages = len(places)
    lines: list[str] = []
    lognormal, expovariate, bits = rng.lognormvariate, rng.expovariate, rng.getrandbits
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(ACLED_COLUMNS) + "\n")
        for position, (day, number, place) in enumerate(slots):
            country = countries[number]
            (disorder, event_type, sub, firsts, seconds, no_fatalities, actions, targets,
             demonstration, excessive) = pick[bits(_SLOT_BITS)]
            inter1, inter2 = firsts[bits(_SLOT_BITS)], seconds[bits(_SLOT_BITS)]
            names = country.actors[inter1]
            actor1 = names[bits(_SLOT_BITS)]
            actor2 = ""
            if inter2:
                names = country.actors[inter2]
                for _ in range(3):
                    actor2 = names[bits(_SLOT_BITS)]
                    if actor2 != actor1:
                        break
            assoc1 = assoc2 = ""
            if draw() < 0.4:
                assoc1 = country.associated[bits(_SLOT_BITS)]
                if draw() < 0.3:
                    other = country.associated[bits(_SLOT_BITS)]
                    if other != assoc1:
                        assoc1 += "; " + other
            if inter2 and draw() < 0.35:
                assoc2 = country.associated[bits(_SLOT_BITS)]
            targeting = "Civilian targeting" if (inter2 == 7 and targets) or excessive else ""
            fatalities = 0 if draw() < no_fatalities else min(1000, int(1 / (1 - draw())))
            admin1, admin2, admin3, location, lat, lon = places[place]
            geo = 1 if draw() < 0.75 else (2 if draw() < 0.94 else 3)
            # The note: what happened where, its toll, then sentences up to a drawn length.
            words = ROLE_WORDS[inter1]
            action = actions[int(draw() * len(actions))].format(
                a=words[int(draw() * len(words))],
                b=ROLE_WORDS[inter2 or 7][int(draw() * len(ROLE_WORDS[inter2 or 7]))],
                r=REASONS[int(draw() * len(REASONS))],
            )
            where = PLACE_PHRASES[int(draw() * len(PLACE_PHRASES))].format(
                v=_unique_name(villages + position), l=location, a1=admin1, a2=admin2
            )
            label, _, said = action.rpartition(": ")  # "Looting: On 2 May 2023, ..."
            opening = f"{openings[day]}{said} {where}."
            sentences = [f"{label}: {opening}" if label else opening]
            if fatalities:
                sentences.append(KILLED[int(draw() * len(KILLED))].format(f=fatalities))
            elif draw() < 0.3:
                sentences.append("There were no fatalities.")
            if draw() < QUOTE_SHARE:
                sentences.append(QUOTED[int(draw() * len(QUOTED))])
            wanted = min(NOTE_MAX, max(NOTE_MIN, lognormal(mu, sigma))) - 36
            length = sum(map(len, sentences)) + len(sentences) - 1
            while length < wanted:
                sentence = FILLERS[int(draw() * len(FILLERS))]
                if "{" in sentence:
                    sentence = sentence.format(k=2 + int(draw() * 38))
                sentences.append(sentence)
                length += len(sentence) + 1
            if draw() < NEWLINE_SHARE:  # a second paragraph quoting a source
                sentences.append(OVERNIGHT if draw() < 0.5 else QUOTED[0])
                note = sentences[0] + "\n" + " ".join(sentences[1:])
            else:
                note = " ".join(sentences)
            tags = ""
            if demonstration:
                roll = draw()
                if roll < 0.8:
                    tags = "crowd size=no report"
                elif roll < 0.88:
                    tags = CROWD_TAGS[int(draw() * len(CROWD_TAGS))]
            elif sub == "Sexual violence":
                tags = "sexual violence"
            # Sources: distinct outlets; the scale joins the first two kinds in ACLED's order.
            scales: set[str] = set()
            outlets: dict[str, None] = {}
            for _ in range(source_counts[bits(_SLOT_BITS)]):
                kind_scales, kind_outlets = country.outlets[bits(_SLOT_BITS)]
                scales.update(kind_scales)
                outlets[kind_outlets[bits(_SLOT_BITS)]] = None
            scale = "-".join([s for s in SCALE_ORDER if s in scales][:2])
            lag = 7 + int(expovariate(0.1)) + (30 + int(draw() * 670) if draw() < 0.1 else 0)
            upload = epoch + day + lag
            upload += (1 - (upload + 3)) % 7  # the next Tuesday (1970-01-01 was a Thursday)
            precision = 1 if draw() < 0.92 else (2 if draw() < 0.9 else 3)
            note = note.replace('"', '""')
            lines.append(
                f"{country.acled.alpha3}{ids[position]},{dates[day]},{precision},{disorder},"
                f"{event_type},{sub},{actor1},{assoc1},{inter1},{actor2},{assoc2},{inter2},"
                f"{country.interaction[inter1, inter2]},{targeting},{fixed[number]},{admin1},"
                f"{admin2},{admin3},{location},{lat},{lon},{geo},{'; '.join(outlets)},{scale},"
                f'"{note}",{fatalities},{tags},{upload * 86400 + 3600 + number * 60}\n'
            )
            if len(lines) >= 4096:
                handle.writelines(lines)
                lines.clear()
        handle.writelines(lines)


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


def vocabularies() -> dict[str, list[Any]]:
    """The values the frictionless and pandera schemas allow (ACLED's tables in eventcode)."""
    from eventcode import codebooks

    return {
        "disorder_type": list(codebooks.acled_disorder_types()),
        "event_type": list(codebooks.acled_event_types()),
        "sub_event_type": list(codebooks.acled_sub_event_types()),
        "inter1": list(range(1, 9)),
        "inter2": list(range(9)),
        "interaction": sorted(codebooks.acled_valid_interactions()),
        "region": [r.name for r in codebooks.acled_regions()],
        "country": [c.name for c in codebooks.acled_countries()],
        "civilian_targeting": list(codebooks.acled_civilian_targeting_values()),
    }


def table_schema() -> dict[str, Any]:
    """A Frictionless Table Schema as close as it gets to eventcode's row checks."""
    integer = ("year", "time_precision", "inter1", "inter2", "interaction", "iso",
               "geo_precision", "fatalities", "timestamp")
    allowed = vocabularies()
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
        if column in allowed:
            field.setdefault("constraints", {})["enum"] = allowed[column]
        fields.append(field)
    return {"fields": fields, "primaryKey": ["event_id_cnty"]}


def pandera_peer(csv_path: str, vocabularies_path: str) -> None:
    """The pandera peer (pandas backend): the frictionless schema's checks, on a DataFrame.

    Runs in its own process (``run.py --pandera-peer CSV VOCABULARIES``): reads the CSV with
    pandas, validates it lazily (every failure collected) and prints how many failed.
    """
    import pandas as pd
    import pandera.pandas as pa
    from pandera.errors import SchemaErrors

    allowed = json.loads(Path(vocabularies_path).read_text(encoding="utf-8"))
    check = pa.Check

    def integer(*checks: Any) -> Any:
        return pa.Column(int, list(checks), coerce=True)

    def text(*checks: Any) -> Any:
        return pa.Column(str, list(checks))

    def filled() -> Any:
        return check.str_length(min_value=1)

    def dates(values: Any) -> Any:
        return pd.to_datetime(values, format="%d %B %Y", errors="coerce").notna()

    columns = {name: text() for name in ACLED_COLUMNS}
    columns.update(
        event_id_cnty=pa.Column(str, check.str_matches(r"[A-Z]{3}[0-9]+"), unique=True),
        event_date=text(check(dates)),
        year=integer(check.ge(0)),
        time_precision=integer(check.isin([1, 2, 3])),
        actor1=text(filled()),
        iso=integer(check.ge(0)),
        location=text(filled()),
        latitude=pa.Column(float, check.in_range(-90, 90), coerce=True),
        longitude=pa.Column(float, check.in_range(-180, 180), coerce=True),
        geo_precision=integer(check.isin([1, 2, 3])),
        source=text(filled()),
        source_scale=text(filled()),
        fatalities=integer(check.ge(0)),
        timestamp=integer(check.ge(0)),
    )
    for column, values in allowed.items():
        if column in ("inter1", "inter2", "interaction"):
            columns[column] = integer(check.isin(values))
        else:
            columns[column] = text(check.isin(values))
    schema = pa.DataFrameSchema(columns, strict=True)
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8")
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        print(len(errors.failure_cases))
    else:
        print(0)


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


#: Each peer runs as an installed package does, with its bytecode cached: an environment that
#: says not to write bytecode (some CI images do) would have every run compile eventcode's
#: modules again (about 0.3 s), which no installed copy does.
_INSTALLED_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(command: list[str], rows: int) -> dict[str, Any]:
    """Run ``command`` as a process; return its wall time, rows/s and peak tree memory."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_INSTALLED_ENV
    )
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

#: The inputs: the three ACLED CSV shapes, and the JSON Lines dataset.
FILES = (*SHAPES, "jsonl")
CSV_JOBS = ("csv_reader", "validate_csv", "convert_csv_to_jsonl", "frictionless_csv",
            "pandera_csv")
JSONL_JOBS = ("validate_jsonl", "convert_jsonl_to_csv", "jsonschema_jsonl")
#: --peers names and the measurements each selects.
PEERS = {
    "csv_reader": ("csv_reader",),
    "eventcode": ("validate_csv", "validate_jsonl"),
    "convert": ("convert_csv_to_jsonl", "convert_jsonl_to_csv"),
    "frictionless": ("frictionless_csv",),
    "pandera": ("pandera_csv",),
    "jsonschema": ("jsonschema_jsonl",),
}
#: Ratios of rows/s written besides each CSV job's ratio to csv.reader.
PAIRS = (
    ("validate_csv", "frictionless_csv"),
    ("validate_csv", "pandera_csv"),
    ("validate_jsonl", "jsonschema_jsonl"),
    ("convert_jsonl_to_csv", "jsonschema_jsonl"),
)


def _jobs(name: str, path: Path, work: Path) -> dict[str, list[str]]:
    """The commands measured on input ``name`` at ``path``."""
    eventcode = [PY, "-m", "eventcode"]
    if name == "jsonl":
        return {
            "validate_jsonl": [*eventcode, "validate", "--fail-on", "never", str(path)],
            "convert_jsonl_to_csv": [*eventcode, "convert", str(path), "-o",
                                     str(work / "from-jsonl.csv")],
            "jsonschema_jsonl": [PY, "-c", JSONSCHEMA, str(path),
                                 str(ROOT / "schemas" / "record.schema.json")],
        }
    schema_path, allowed_path = work / "acled.schema.json", work / "acled.vocabularies.json"
    if not schema_path.exists():
        schema_path.write_text(json.dumps(table_schema()))
        allowed_path.write_text(json.dumps(vocabularies()))
    jobs = {
        "csv_reader": [PY, "-c", CSV_FLOOR, str(path)],
        "validate_csv": [*eventcode, "validate", "--fail-on", "never", str(path)],
        "convert_csv_to_jsonl": [*eventcode, "convert", str(path), "-o",
                                 str(work / "from-csv.jsonl")],
    }
    frictionless = shutil.which("frictionless") or str(Path(PY).parent / "frictionless")
    if Path(frictionless).exists():
        # --trusted: frictionless refuses absolute paths without it (and exits at once);
        # --limit-errors: it stops at 1,000 errors by default, and the findings file has more.
        jobs["frictionless_csv"] = [frictionless, "validate", "--trusted", "--limit-errors",
                                    str(10**9), "--schema", str(schema_path), str(path)]
    if importlib.util.find_spec("pandera") is not None:
        jobs["pandera_csv"] = [PY, str(Path(__file__).resolve()), "--pandera-peer", str(path),
                               str(allowed_path)]
    return jobs


def run(
    rows: int, work: Path, files: list[str], wanted: set[str], repeat: int = 1
) -> dict[str, Any]:
    """Generate each input in turn, measure the wanted jobs on it, then delete it.

    Each job runs ``repeat`` times, interleaved with the others; its best run is reported
    (with every run's seconds).
    """
    report: dict[str, Any] = {
        "rows": rows,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(), "load": os.getloadavg()},
        "files": {},
    }
    for name in files:
        names = [j for j in (JSONL_JOBS if name == "jsonl" else CSV_JOBS) if j in wanted]
        if not names:
            continue
        path = work / ("dataset.jsonl" if name == "jsonl" else f"acled-{name}.csv")
        print(f"  {name}: generating {rows} rows ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        if name == "jsonl":
            write_jsonl(path, rows)
        else:
            write_acled_csv(path, rows, shape=name)
        entry: dict[str, Any] = {
            "generated_seconds": round(time.perf_counter() - started, 1),
            "bytes": path.stat().st_size,
            "results": {},
        }
        jobs = _jobs(name, path, work)
        for job in names:
            if job not in jobs:
                print(f"  {name}/{job}: peer not installed, skipped", file=sys.stderr)
        # Rounds interleave the jobs (each round in the next order), so that a slow spell of
        # a shared machine falls on every job alike; each job keeps its best round.
        present = [job for job in names if job in jobs]
        for round_ in range(repeat):
            shift = round_ % max(len(present), 1)
            for job in present[shift:] + present[:shift]:
                print(f"  {name}/{job} (round {round_ + 1}/{repeat}) ...", file=sys.stderr,
                      flush=True)
                found = measure(jobs[job], rows)
                print(f"    {found['rows_per_s']:>9} rows/s  {found['peak_mib']} MiB"
                      + (f"  exit {found['exit']}" if found["exit"] else ""),
                      file=sys.stderr, flush=True)
                best = entry["results"].get(job)
                rounds = [*(best or {}).get("rounds_seconds", []), found["seconds"]]
                if best is None or found["seconds"] < best["seconds"]:
                    best = found
                entry["results"][job] = {**best, "rounds_seconds": rounds}
        results = entry["results"]

        def ratio(a: str, b: str, results: dict[str, Any] = results) -> float | None:
            if a not in results or b not in results:
                return None
            return round(results[a]["rows_per_s"] / results[b]["rows_per_s"], 3)

        entry["ratios"] = {f"{job} / csv_reader": ratio(job, "csv_reader")
                           for job in results if job != "csv_reader" and name != "jsonl"}
        entry["ratios"].update({f"{a} / {b}": ratio(a, b) for a, b in PAIRS
                                if a in results and b in results})
        report["files"][name] = entry
        path.unlink()
        for made in ("from-csv.jsonl", "from-jsonl.csv"):
            (work / made).unlink(missing_ok=True)
    return report


def print_table(report: dict[str, Any]) -> None:
    """Print a run's figures, each CSV job with its ratio to csv.reader on the same file."""
    print(f"N = {report['rows']}")
    print(f"  {'file':12} {'measurement':22} {'seconds':>9} {'rows/s':>9} {'x csv.reader':>12} "
          f"{'peak MiB':>9}")
    for name, entry in report["files"].items():
        for job, found in entry["results"].items():
            ratio = entry["ratios"].get(f"{job} / csv_reader")
            shown = "1" if job == "csv_reader" else "" if ratio is None else f"{ratio:.3f}"
            print(f"  {name:12} {job:22} {found['seconds']:>9.2f} {found['rows_per_s']:>9} "
                  f"{shown:>12} {found['peak_mib']:>9}")
        for pair, value in entry["ratios"].items():
            if not pair.endswith("/ csv_reader"):
                print(f"  {name:12} {pair:45} {value}")


def _names(text: str, known: Iterable[str], what: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise SystemExit(f"unknown {what}: {', '.join(unknown)} (known: {', '.join(known)})")
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000])
    parser.add_argument("--out", type=Path, default=Path("benchmark-results.json"))
    parser.add_argument("--work", type=Path, help="where inputs go (default: a temporary dir)")
    parser.add_argument(
        "--files",
        default=",".join(FILES),
        help=f"inputs to measure, comma-separated (default: {','.join(FILES)})",
    )
    parser.add_argument(
        "--peers",
        default=",".join(PEERS),
        help=f"tools to measure, comma-separated (default: {','.join(PEERS)}); eventcode is "
        "validate, convert is eventcode convert",
    )
    parser.add_argument(
        "--only",
        nargs="*",
        help="run only these measurements (e.g. csv_reader validate_csv: the slow peers and "
        "the JSON Lines input are then skipped)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="rounds of every measurement, interleaved; the best of each is reported",
    )
    parser.add_argument("--pandera-peer", nargs=2, metavar=("CSV", "VOCABULARIES"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pandera_peer:
        pandera_peer(*args.pandera_peer)
        return
    files = _names(args.files, FILES, "files")
    wanted = {job for peer in _names(args.peers, PEERS, "peers") for job in PEERS[peer]}
    if args.only:
        wanted &= set(_names(",".join(args.only), (*CSV_JOBS, *JSONL_JOBS), "measurements"))
    report: dict[str, Any] = {"runs": []}
    for rows in args.rows:
        with tempfile.TemporaryDirectory(dir=args.work) as tmp:
            print(f"N = {rows}", file=sys.stderr)
            found = run(rows, Path(tmp), files, wanted, args.repeat)
        report["runs"].append(found)
        print_table(found)
    if len(report["runs"]) >= 2:
        small, large = report["runs"][0], report["runs"][-1]
        growth = {}
        for name, entry in large["files"].items():
            for job, found in entry["results"].items():
                before = small["files"].get(name, {}).get("results", {}).get(job)
                if before:
                    extra = found["peak_mib"] - before["peak_mib"]
                    growth[f"{name}/{job}"] = round(
                        extra * 2**20 / (large["rows"] - small["rows"]), 1)
        report["memory_bytes_per_extra_row"] = growth
        for name, value in growth.items():
            print(f"  memory growth {name:35} {value} bytes/row")
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
