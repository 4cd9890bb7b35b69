"""One-off generator for eventcode/codebooks/data (dev tool, not shipped)."""
import csv, hashlib, json, re, sys
from pathlib import Path
import pycountry

REF = Path("/work/shared/reference")
CAM = REF / "cameo"
OUT = Path("/work/main/src/eventcode/codebooks/data")

def write_tsv(name, header, rows):
    with open(OUT / name, "w", newline="", encoding="utf-8") as fh:
        fh.write("\t".join(header) + "\n")
        for r in rows:
            assert len(r) == len(header), (name, r)
            vals = ["" if v is None else str(v) for v in r]
            for v in vals:
                assert "\t" not in v and "\n" not in v and v == v.strip(), (name, r)
            fh.write("\t".join(vals) + "\n")
    print(name, len(rows))

def read_tsv(p):
    with open(p, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))

# ---------------- ACLED ----------------
taxonomy = [
    ("Battles", ["Government regains territory", "Non-state actor overtakes territory", "Armed clash"], "Political violence"),
    ("Protests", ["Excessive force against protesters"], "Political violence; Demonstrations"),
    ("Protests", ["Protest with intervention", "Peaceful protest"], "Demonstrations"),
    ("Riots", ["Violent demonstration"], "Demonstrations"),
    ("Riots", ["Mob violence"], "Political violence"),
    ("Explosions/Remote violence", ["Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"], "Political violence"),
    ("Violence against civilians", ["Sexual violence", "Attack", "Abduction/forced disappearance"], "Political violence"),
    ("Strategic developments", ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other"], "Strategic developments"),
]
write_tsv("acled_sub_event_types.tsv", ["sub_event_type", "event_type", "disorder_type"],
          [(s, e, d) for e, subs, d in taxonomy for s in subs])
write_tsv("acled_disorder_types.tsv", ["disorder_type", "components", "note"], [
    ("Political violence", "Political violence", ""),
    ("Demonstrations", "Demonstrations", ""),
    ("Strategic developments", "Strategic developments", ""),
    ("Political violence; Demonstrations", "Political violence; Demonstrations",
     "combined value, written as one column value (Excessive force against protesters)"),
])
actor_types = [(1, "State forces"), (2, "Rebel group"), (3, "Political militia"), (4, "Identity militia"),
               (5, "Rioters"), (6, "Protesters"), (7, "Civilians"), (8, "External/Other forces")]
write_tsv("acled_actor_types.tsv", ["code", "label"], actor_types)
lab = dict(actor_types)
valid_listed = set(range(10, 19)) | {20} | set(range(22, 29)) | {30} | set(range(33, 39)) | {40} | \
    set(range(44, 49)) | {50} | set(range(55, 59)) | {60} | {66, 67, 68} | {70, 77, 78, 80, 88}
rows = []
for a in range(1, 9):
    rows.append((10 * a, a, "", f"{lab[a]} only", ""))
    for b in range(a, 9):
        text = f"{lab[a]}-{lab[b]}"
        note = ""
        if (a, b) == (7, 8):
            text = f"{lab[b]}-{lab[a]}"
            note = "ACLED quirk: higher code's label first"
        rows.append((10 * a + b, a, b, text, note))
rows.sort()
assert {r[0] for r in rows} == valid_listed, sorted({r[0] for r in rows} ^ valid_listed)
write_tsv("acled_interactions.tsv", ["code", "actor_type_1", "actor_type_2", "label", "note"], rows)
write_tsv("acled_precision.tsv", ["field", "code", "meaning"], [
    ("time_precision", 1, "Exact day known"),
    ("time_precision", 2, "Only the week (or weekend) known; a mid-period date is used"),
    ("time_precision", 3, "Only the month known; mid-month (or first/last day) is used"),
    ("geo_precision", 1, "The named town or location itself"),
    ("geo_precision", 2, "Near a town or part of a region; coded to a representative town"),
    ("geo_precision", 3, "A larger region; coded to a natural feature or provincial capital"),
])
write_tsv("acled_source_scales.tsv", ["scale", "pairable", "note"], [
    ("Local", "yes", ""), ("Subnational", "yes", ""), ("National", "yes", ""),
    ("Regional", "yes", ""), ("International", "yes", ""), ("Other", "yes", ""),
    ("New media", "yes", ""),
    ("Local partner", "yes", "seen in real files only as the first half of a pair (Local partner-...)"),
])
write_tsv("acled_civilian_targeting.tsv", ["value", "meaning"], [
    ("Civilian targeting", "civilians were the main or only target"),
    ("", "not civilian-targeting (blank in real files)"),
])
regions = [(1, "Western Africa"), (2, "Middle Africa"), (3, "Eastern Africa"), (4, "Southern Africa"),
           (5, "Northern Africa"), (7, "South Asia"), (9, "Southeast Asia"), (11, "Middle East"),
           (12, "Europe"), (13, "Caucasus and Central Asia"), (14, "Central America"),
           (15, "South America"), (16, "Caribbean"), (17, "East Asia"), (18, "North America"),
           (19, "Oceania"), (20, "Antarctica")]
write_tsv("acled_regions.tsv", ["code", "region"], regions)

REGION_OF = {
 "Western Africa": "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SLE TGO SHN",
 "Middle Africa": "CMR CAF TCD COG COD GNQ GAB STP",
 "Eastern Africa": "BDI COM DJI ERI ETH KEN MUS MYT REU RWA SYC SOM SSD TZA UGA IOT",
 "Southern Africa": "AGO BWA SWZ LSO MDG MWI MOZ NAM ZAF ZMB ZWE",
 "Northern Africa": "DZA EGY LBY MAR SDN TUN ESH",
 "South Asia": "AFG BGD BTN IND MDV NPL PAK LKA",
 "Southeast Asia": "BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM CXR CCK",
 "Middle East": "BHR IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM",
 "Europe": "ALA ALB AND AUT BLR BEL BIH BGR HRV CYP CZE DNK EST FRO FIN FRA DEU GIB GRC GGY HUN ISL IRL IMN ITA JEY LVA LIE LTU LUX MLT MDA MCO MNE NLD MKD NOR POL PRT ROU RUS SMR SRB SVK SVN ESP SJM SWE CHE UKR GBR VAT XKX",
 "Caucasus and Central Asia": "ARM AZE GEO KAZ KGZ TJK TKM UZB",
 "Central America": "BLZ CRI SLV GTM HND MEX NIC PAN",
 "South America": "ARG BOL BRA CHL COL ECU FLK GUF GUY PRY PER SUR URY VEN",
 "Caribbean": "AIA ATG ABW BHS BRB BES VGB CYM CUB CUW DMA DOM GRD GLP HTI JAM MTQ MSR PRI BLM KNA LCA MAF VCT SXM TTO TCA VIR",
 "East Asia": "CHN HKG MAC JPN PRK KOR MNG TWN",
 "North America": "BMU CAN GRL SPM USA",
 "Oceania": "ASM AUS COK FJI PYF GUM KIR MHL FSM NRU NCL NZL NIU NFK MNP PLW PNG PCN WSM SLB TKL TON TUV UMI VUT WLF",
 "Antarctica": "ATA ATF BVT HMD SGS",
}
region_of = {}
for r, codes in REGION_OF.items():
    for c in codes.split():
        assert c not in region_of, c
        region_of[c] = r
# Names seen in ACLED-published data (see PROVENANCE.md); value = ACLED spelling.
OBSERVED = {
 "RUS": "Russia", "IRN": "Iran", "SYR": "Syria", "PSE": "Palestine", "COD": "Democratic Republic of Congo",
 "CIV": "Ivory Coast", "CZE": "Czech Republic", "BOL": "Bolivia", "VEN": "Venezuela", "VNM": "Vietnam",
 "TUR": "Turkey", "BHS": "Bahamas", "TZA": "Tanzania", "KOR": "South Korea", "SWZ": "eSwatini",
 "CPV": "Cape Verde", "REU": "Reunion", "GBR": "United Kingdom", "USA": "United States",
 "BES": "Caribbean Netherlands", "CXR": "Christmas Island", "XKX": "Kosovo",
}
OBSERVED_SAME = set("""AFG ARM BGD BLZ BEN BRA BFA BDI CMR CAF CHL COL DOM ECU SLV ETH GUF GTM HTI IND IDN IRQ ISR
JAM JOR KEN LBN LBY MDG MLI MEX MOZ MMR NER NGA PAK PNG PHL PRI SEN SOM SSD LKA SDN THA TGO TTO TUN UGA UKR YEM
AZE CHN CYP GRC MAR ESP ALB AGO CUB DJI FRA DEU GHA GIN KAZ LSO MWI MYT NPL NLD PER POL ZAF URY ZMB ZWE BIH TCD
EGY GAB GEO GUY HND KGZ SRB SLE TKM UZB NIC RWA MRT NAM AUS COM ITA LBR MDV MUS BHR BLR CAN CRI MYS PRT VCT SAU
SUR""".split())
ASSUMED = {
 "COG": "Republic of Congo", "LAO": "Laos", "PRK": "North Korea", "MDA": "Moldova", "MKD": "North Macedonia",
 "TWN": "Taiwan", "BRN": "Brunei", "TLS": "East Timor", "FSM": "Micronesia", "VAT": "Vatican City",
 "CUW": "Curacao", "ALA": "Aland Islands", "BLM": "Saint-Barthelemy", "MAF": "Saint-Martin",
 "VGB": "British Virgin Islands", "VIR": "Virgin Islands, U.S.", "SHN": "Saint Helena, Ascension and Tristan da Cunha",
 "FLK": "Falkland Islands", "SXM": "Sint Maarten", "HKG": "Hong Kong", "MAC": "Macau",
}
rows = []
for c in pycountry.countries:
    a3 = c.alpha_3
    iso_name = c.name
    if a3 in OBSERVED:
        name, basis = OBSERVED[a3], "observed"
    elif a3 in OBSERVED_SAME:
        name, basis = (getattr(c, "common_name", None) or c.name), "observed"
    elif a3 in ASSUMED:
        name, basis = ASSUMED[a3], "assumed"
    else:
        name, basis = (getattr(c, "common_name", None) or c.name), "iso"
    if a3 in OBSERVED_SAME:
        assert name == iso_name or getattr(c, "common_name", None) == name, (a3, name)
    region = region_of.pop(a3)
    rbasis = "documented" if a3 == "UKR" else "unverified"
    rows.append((name, int(c.numeric), a3, region, rbasis, iso_name, basis, ""))
region_of.pop("XKX")
assert not region_of, region_of
rows.append(("Kosovo", "", "", "Europe", "unverified", "", "observed",
             "no ISO 3166-1 code; the iso and alpha-3 values ACLED uses for Kosovo are unverified"))
rows.sort(key=lambda r: r[0].casefold())
names = [r[0] for r in rows]
assert len(names) == len(set(names))
write_tsv("acled_countries.tsv", ["country", "iso", "alpha3", "region", "region_basis", "iso_name",
                                  "name_basis", "note"], rows)

# ---------------- CAMEO events ----------------
enr = read_tsv(CAM / "cameo_eventcodes_enriched.tsv")
gold = {r["CAMEO EVENT CODE"] if "CAMEO EVENT CODE" in r else list(r.values())[0]: list(r.values())[1]
        for r in read_tsv(CAM / "cameo_goldstein.tsv")}
QUAD = {1: ("Verbal cooperation", "01-05"), 2: ("Material cooperation", "06-09"),
        3: ("Verbal conflict", "10-14"), 4: ("Material conflict", "15-20")}
def quad_of(root):
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 9 else 3 if n <= 14 else 4
write_tsv("cameo_quad_classes.tsv", ["mapping", "quad_class", "name", "roots"],
          [("gdelt", q, n, r) for q, (n, r) in QUAD.items()])
codes = {r["code"] for r in enr}
rows = []
for r in enr:
    code = r["code"]
    assert re.fullmatch(r"\d{2,4}", code)
    parent = code[:-1] if len(code) > 2 else ""
    assert not parent or parent in codes, code
    root = code[:2]
    assert root == r["root_code"]
    q = quad_of(root)
    assert q == int(r["quad_class"]), code
    in_g = r["in_gdelt_lookup"] == "yes"
    g = r["goldstein_gdelt"]
    if code == "106":
        g = ""  # no row in GDELT's CAMEO.goldsteinscale.txt
    else:
        assert (g == "") == (not in_g), code
    if g:
        assert float(gold[code]) == float(g), code
    manual = r["cameo_1.1b3_manual_label"]
    assert manual
    notes = []
    gl = r["gdelt_label"] if in_g else ""
    if code == "106":
        notes.append("GDELT's CAMEO.eventcodes.txt glues 106 onto the 1056 line; GDELT has no Goldstein row for 106")
    if in_g and gl != manual:
        notes.append("GDELT label differs from the CAMEO 1.1b3 manual")
    if code == "044":
        gl = 'Meet at a "third" location'
        notes.append("GDELT raw file has mojibake quotes")
    if not in_g:
        notes.append("in the CAMEO 1.1b3 manual only; absent from GDELT's lookup")
    sources = "cameo-1.1b3;gdelt" if in_g else "cameo-1.1b3"
    rows.append((code, len(code) - 1, parent, root, manual, gl, g, q, sources, "; ".join(notes)))
assert len(rows) == 316
write_tsv("cameo_event_codes.tsv", ["code", "level", "parent", "root", "label", "gdelt_label",
                                     "goldstein", "quad_class", "sources", "note"], rows)

# ---------------- CAMEO actors ----------------
ct = read_tsv(CAM / "cameo_countries.tsv")
SPECIAL = {"WSB": "place", "BAG": "place", "GZS": "place"}
FIX = {"COL": "Colombia", "REU": "Réunion"}
rows = []
for i, r in enumerate(ct):
    code, label = r["CODE"], r["LABEL"]
    kind = SPECIAL.get(code) or ("region" if 3 <= i < 28 else "country")
    fixed = FIX.get(code, label)
    note = f"GDELT spells it '{label}'" if fixed != label else ""
    rows.append((code, fixed, label, kind, note))
assert sum(1 for r in rows if r[3] == "region") == 25
write_tsv("cameo_actor_countries.tsv", ["code", "label", "gdelt_label", "kind", "note"], rows)

types = read_tsv(CAM / "cameo_actor_types.tsv")
CAT = {}
for c in "COP GOV INS JUD MIL OPP REB SEP SPY UAF".split(): CAT[c] = "primary_role"
for c in "AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED REF SET".split(): CAT[c] = "secondary_role"
for c in "MOD RAD".split(): CAT[c] = "tertiary_role"
for c in "IGO IMG INT MNC NGM NGO UIS".split(): CAT[c] = "international"
for c in "AMN IRC GRP UNO PKO".split(): CAT[c] = "organization"
seen = {}
for r in types:
    if r["CODE"] in seen:
        assert seen[r["CODE"]] == r["LABEL"]
        continue
    seen[r["CODE"]] = r["LABEL"]
rows = [(c, l, CAT[c], "listed twice in GDELT's CAMEO.type.txt (deduplicated)" if c == "UIS" else "")
        for c, l in seen.items()]
write_tsv("cameo_actor_roles.tsv", ["code", "label", "category", "note"], rows)
for src, dst in [("cameo_knowngroups.tsv", "cameo_actor_known_groups.tsv"),
                 ("cameo_ethnic.tsv", "cameo_actor_ethnic.tsv"),
                 ("cameo_religion.tsv", "cameo_actor_religion.tsv")]:
    rr = read_tsv(CAM / src)
    merged = {}
    cased = {}
    for r in rr:
        key = r["CODE"].lower() if dst == "cameo_actor_ethnic.tsv" else r["CODE"]
        merged.setdefault(key, []).append(r["LABEL"])
        cased.setdefault(key, []).append(r["CODE"])
    out = []
    for code, labels in merged.items():
        if len(set(cased[code])) > 1:
            assert len(set(labels)) == 1, code
            out.append((code, labels[0], "listed twice in GDELT's table, once in upper case (" + cased[code][-1] + ")"))
        elif len(labels) == 1:
            out.append((code, labels[0], ""))
        elif len(set(labels)) == 1:
            out.append((code, labels[0], "listed twice in GDELT's table (deduplicated)"))
        elif code == "WTO":
            out.append((code, "World Trade Organization", "listed twice in GDELT's table ('World Trade Organization', 'World Trade Organization (WTO)')"))
        elif code == "wel":
            out.append((code, "Welsh", "listed twice in GDELT's table, once misspelt 'Welsch'"))
        else:
            out.append((code, " / ".join(labels), "ambiguous: listed twice in GDELT's table with different meanings"))
    write_tsv(dst, ["code", "label", "note"], out)

# ---------------- PLOVER ----------------
pt = read_tsv(CAM / "plover" / "plover_event_types.tsv")
rows, mrows = [], []
for r in pt:
    ev = r["plover_event"]
    qn = r["quad_numeric(summary_table)"]
    if ev == "SANCTION":
        q, note = "4", "PLOVER v2.0 draft places SANCTION under material conflict in its section text but under verbal conflict (3) in its quad table and README"
    else:
        q, note = qn, ""
    rows.append((ev, q, r["quad_category(section)"].split(" (")[0].title(), r["requires_recipient"].lower(),
                 r["cameo_roots(manual Table CAMEO->PLOVER)"], note))
    modes = r["modes(PLOVER manual v2.0 draft)"]
    if modes != "(none)":
        for m in modes.split(";"):
            mrows.append((ev, m.strip()))
write_tsv("plover_event_types.tsv", ["event_type", "quad_class", "quad_category", "requires_recipient",
                                      "cameo_roots", "note"], rows)
write_tsv("plover_modes.tsv", ["event_type", "mode"], mrows)
ctx = [l.strip() for l in open(CAM / "plover" / "plover_contexts.txt") if l.strip() and not l.startswith("#")]
write_tsv("plover_contexts.tsv", ["context"], [(c,) for c in ctx])

rows = []
for lineno, line in enumerate(open(CAM / "plover" / "CAMEO2PLOVER-2021.txt", encoding="utf-8"), 1):
    m = re.match(r"^(\d{3,4}):\s*(.*)$", line.rstrip("\n"))
    if not m:
        continue
    code, rest = m.groups()
    body, _, label = rest.partition("#")
    parts = [p.strip() for p in body.split(",")]
    assert len(parts) == 3, (lineno, parts)
    ev, mode, context = parts
    contexts = ";".join(c.strip() for c in context.split(";") if c.strip())
    rows.append((lineno, code, ev, mode, contexts, label.strip()))
assert len(rows) == 257, len(rows)
helper = read_tsv(CAM / "cameo_plover_crosswalk_2021.tsv")
for mine, h in zip(rows, helper):
    assert mine[1] == h["cameo_code"] and mine[2] == h["plover_event"], (mine, h)
    if mine[3] != h["plover_mode"] or mine[4].replace(";", "; ") != h["plover_context"] and mine[4] != h["plover_context"]:
        print("DIFF", mine, dict(h), file=sys.stderr)
write_tsv("cameo_plover_crosswalk_2021.tsv", ["line", "cameo_code", "plover_event", "plover_mode",
                                               "plover_contexts", "cameo_label_in_file"], rows)
