import json
from pathlib import Path
OUT = Path("/work/main/src/eventcode/codebooks/data")
def rows(n): return sum(1 for _ in open(OUT / n, encoding="utf-8")) - 1

YB = {"repository": "YellowbrickData/YmSamples", "commit": "605a7c5151603c107dc8130be2599e796192482a"}
def yb(path, blob, note="GDELT CAMEO lookup, fetched verbatim from https://www.gdeltproject.org/data/lookups/ by the repository's gdelt/get-data.sh; byte-identical (modulo CRLF) copy in moxious/gdelt@44a29095a50287d62a965fc0a94e8b9bd08274ea"):
    return {**YB, "path": path, "blob": blob, "note": note}
MANUAL = {"repository": "openeventdata/Dictionaries", "commit": "aa75b79b36f6ef5266e916cc8daaebf30d2e2113",
          "path": "CAMEO.Manual.1.1b3.tex", "note": "CAMEO 1.1b3 manual (March 2012), chapter 'CAMEO EVENT CODES'"}
PLOVER = {"repository": "openeventdata/PLOVER", "commit": "5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f"}
ACLED_MD = {"repository": "(project reference notes)", "path": "acled.md",
            "note": "facts compiled from ACLED's public codebook, its 2023 column-change guide, the dtacled/acledR R package and real exports"}
ACLEDR_AGG = {"repository": "sbgraves237/acledr", "commit": "7b85007059dbc9592a04df99500e53a1dd6e22e7",
              "path": "inst/extdata/acled_aggregated2023events.csv",
              "note": "ACLED's aggregated country-month data as re-published in an R package; source of the 'observed' ACLED country spellings"}
ACLEDR_VIG = {"repository": "sbgraves237/acledr", "commit": "382aebcabc0a075f497e48a08c70c090468d77ee",
              "path": "vignettes/ACLEDctryCode.Rmd", "note": "ACLED country names 'Caribbean Netherlands' and 'Christmas Island'"}
PYCOUNTRY = {"repository": "pycountry (PyPI)", "path": "pycountry 26.2.16 ISO 3166-1 database", "commit": "",
             "note": "used once, offline, to generate the table; not a runtime dependency"}

T = {}
def add(name, title, version, upstream, processing, unverified=""):
    T[name] = {"title": title, "version": version, "rows": rows(name), "upstream": upstream,
               "processing": processing, "unverified": unverified}

add("acled_sub_event_types.tsv", "ACLED sub-event types with event type and disorder type",
    "ACLED codebook (2023 layout, with disorder_type)", [ACLED_MD],
    "Transcribed from the event-taxonomy table; one row per sub-event type. 'Excessive force against protesters' carries the combined disorder type 'Political violence; Demonstrations'.")
add("acled_disorder_types.tsv", "ACLED disorder_type values", "ACLED codebook (2023 layout)", [ACLED_MD],
    "The three disorder types plus the combined value written in real files.")
add("acled_actor_types.tsv", "ACLED actor types (inter1/inter2)", "ACLED codebook; text labels since mid-2024", [ACLED_MD],
    "Codes 1-8 with the text labels of post-2024 exports.")
add("acled_interactions.tsv", "ACLED interaction codes and text labels", "ACLED codebook; text labels since mid-2024", [ACLED_MD],
    "Generated from the rule (10*lower+higher; 10*code for one-actor events; text '<lower>-<higher>' or '<label> only'); asserted equal to the 44 valid codes listed in acled.md; code 78 carries ACLED's reversed label 'External/Other forces-Civilians'.")
add("acled_precision.tsv", "ACLED time_precision and geo_precision codes", "ACLED codebook", [ACLED_MD],
    "Meanings paraphrased from the codebook summary.")
add("acled_source_scales.tsv", "ACLED source_scale single values", "ACLED exports", [ACLED_MD],
    "The single scales; a value is one scale or two different scales joined by '-'. 'Local partner' is listed as a scale because real files carry 'Local partner-<scale>' pairs.",
    "The full list of pairs ACLED emits is not published; eventcode accepts any pair of two different known scales. Whether 'Local partner' ever appears alone is unverified.")
add("acled_civilian_targeting.tsv", "ACLED civilian_targeting values", "ACLED exports since 2023", [ACLED_MD],
    "Real files carry 'Civilian targeting' or blank (the codebook's 'Civilians targeted' is not used).")
add("acled_regions.tsv", "ACLED regions and their API codes", "ACLED API user guide (as mirrored by R clients)", [
    {"repository": "CRAN acled.api 1.1.8", "path": "get.api.regions() (https://search.r-project.org/CRAN/refmans/acled.api/html/get.api.regions.html)", "commit": "", "note": "17 region names"},
    {"repository": "(R client, getAcledRegionCodes(); repository not identified by the search index)", "path": "", "commit": "", "note": "numeric codes 1-20 for the same 17 names"},
    {"repository": "chris-dworschak/acled.api", "commit": "1f7d9dc1f468454a621d940f1e4999f04cf8597b", "path": "R/supp.fun.R", "note": "older list (API guide July 2021) with 'Western Asia' (8) and without Oceania/Antarctica; superseded"}],
    "Names and codes transcribed.")
add("acled_countries.tsv", "ACLED countries: name, ISO numeric, alpha-3, region", "generated 2026 from ISO 3166-1 (pycountry 26.2.16) plus Kosovo",
    [PYCOUNTRY, ACLEDR_AGG, ACLEDR_VIG, ACLED_MD],
    "One row per ISO 3166-1 entry (249) plus Kosovo. 'country' is ACLED's spelling where it was seen in ACLED data (name_basis=observed), an ACLED-style short name otherwise believed to be ACLED's (assumed), or the ISO/pycountry common name (iso). 'iso' is the ISO numeric code as an integer (ACLED writes it without leading zeros). Region assigned per country.",
    "Region assignments are derived by hand from UN M49 subregions adjusted to ACLED's 17 regions (Sudan in Northern Africa; Mexico in Central America; Turkey and Iran in the Middle East; Russia in Europe; Angola, Madagascar, Malawi, Mozambique, Zambia and Zimbabwe in Southern Africa) and are NOT confirmed against ACLED's own list, except Ukraine -> Europe (region_basis=documented). Names with name_basis 'assumed' or 'iso' are unconfirmed. Kosovo: ACLED's iso value (possibly 0) and alpha-3 are unverified and left empty.")
add("cameo_event_codes.tsv", "CAMEO event codes", "CAMEO 1.1b3 (March 2012) labels; GDELT lookup labels and Goldstein scores",
    [MANUAL, yb("gdelt/lookup-tables/eventcodes.txt", "c5459e6ca5ce57b2cacd91c6bf09be464b27cd6d"), yb("gdelt/lookup-tables/goldsteinscale.txt", "db4e75f46ded76e4d4bf802bac9231ce257b7f4f")],
    "Union of the manual's 316 codes and GDELT's 310 (+106 split from the 1056 line). label = manual label; gdelt_label = GDELT's (044 mojibake quotes repaired; typos kept). level = depth (root 1). parent = code less its last digit. quad_class from the 'gdelt' mapping. goldstein = GDELT's value; empty for 106 (no row in GDELT's file; the raw 1056 line embeds '[-5.0]' but GDELT records have been seen with 0.0) and for the five manual-only codes 155, 176, 1834, 1951, 1952. sources lists cameo-1.1b3 and/or gdelt.")
add("cameo_quad_classes.tsv", "QuadClass names and root ranges", "GDELT QuadClass convention ('gdelt' mapping)",
    [{"repository": "mpiccirilli/UNDP-BCPR-Project", "commit": "e009a802f0e801526a6ff9a70d452b5cecd7ccb6", "path": "individual_csvs/, interval_csv/sept_nov_2012.csv", "note": "mapping verified on 97,944 GDELT 1.0 records"}],
    "Roots 01-05 = 1 Verbal cooperation, 06-09 = 2 Material cooperation, 10-14 = 3 Verbal conflict, 15-20 = 4 Material conflict.")
add("cameo_actor_countries.tsv", "CAMEO country, region and place codes", "GDELT CAMEO.country.txt",
    [yb("gdelt/lookup-tables/countries.txt", "fbaa8826f31a566ffa4babe24e77c5abbcd0dd35")],
    "kind: 'place' for WSB, BAG, GZS; 'region' for the 25 region codes AFR..WST; 'country' otherwise. label corrects two GDELT typos (COL 'Columbia' -> 'Colombia', REU 'Runion' -> 'Réunion'); gdelt_label keeps GDELT's spelling.")
add("cameo_actor_roles.tsv", "CAMEO actor role/type codes", "GDELT CAMEO.type.txt",
    [yb("gdelt/lookup-tables/types.txt", "9910616acd358de40f65a6f0d2488b4a92d2230a")],
    "UIS, listed twice upstream, kept once (note column). category added from the CAMEO manual's role classes: primary_role, secondary_role, tertiary_role, international, organization.",
    "SET (Settler) is classed as secondary_role by eventcode; the manual's class for it is not confirmed.")
add("cameo_actor_known_groups.tsv", "CAMEO known-group codes", "GDELT CAMEO.knowngroup.txt",
    [yb("gdelt/lookup-tables/groups.txt", "c5dec0f472f0aaa9c9121e807b8fae56869c64b6")],
    "117 upstream rows -> 115 codes: WTO listed twice (deduplicated); CEM listed with two different meanings (both kept, joined by ' / ', marked ambiguous).")
add("cameo_actor_ethnic.tsv", "CAMEO ethnic codes", "GDELT CAMEO.ethnic.txt",
    [yb("gdelt/lookup-tables/ethnic.txt", "d8b56bbf9f6ef826ea9fe829861e639ad26f4ab9")],
    "646 upstream rows -> 639 codes: srr listed twice (deduplicated); kur/KUR and pal/PAL listed in both cases (kept lower-case); wel listed as 'Welsch' and 'Welsh' (kept 'Welsh'); bod, moh, mon each listed with two different meanings (joined by ' / ', marked ambiguous). Codes stay lower-case as upstream.")
add("cameo_actor_religion.tsv", "CAMEO religion codes", "GDELT CAMEO.religion.txt",
    [yb("gdelt/lookup-tables/religion.txt", "2f77d772fff38bb2c77d783f9a4ef8eb9a2a4109")], "Verbatim.")
add("plover_event_types.tsv", "PLOVER event types", "PLOVER manual DRAFT 2.0",
    [{**PLOVER, "path": "PLOVER_MANUAL.tex", "note": "chapters Event Categories and CAMEO vs PLOVER"}],
    "16 types with quad class, category, recipient requirement and CAMEO roots. SANCTION: the manual's section text puts it under material conflict (4), its quad table and README under verbal conflict (3); eventcode uses 4 and says so in the note column.")
add("plover_modes.tsv", "PLOVER modes per event type", "PLOVER manual DRAFT 2.0", [{**PLOVER, "path": "PLOVER_MANUAL.tex", "note": ""}],
    "One row per (event type, mode).")
add("plover_contexts.tsv", "PLOVER general contexts", "PLOVER manual DRAFT 2.0", [{**PLOVER, "path": "PLOVER_MANUAL.tex", "note": "table 'General contexts'"}],
    "The 37 general contexts (auxiliary modes historical/future/hypothetical/negation excluded).")
add("cameo_plover_crosswalk_2021.tsv", "CAMEO to PLOVER crosswalk (2021)", "PLOVER manual Draft 0.8, 17 September 2021",
    [{**PLOVER, "path": "CAMEO2PLOVER-2021.txt", "blob": "e285aa9c9075e9b4d5cdc1aff1eae2b4b9836a76", "note": "last changed in e834df5b3a302f99af1f23cda08fa34b383ca598 (2021-09-17)"}],
    "Parsed from the published text: one row per 'code: EVENT, mode, context # label' line (257), root headings dropped, whitespace trimmed, several contexts joined by ';'. Kept as published: the duplicate 175 row, codes 1213 and 1214 (absent from CAMEO), and modes/contexts absent from the v2.0 tables. 'line' is the line number in the published file.")
prov = {"schema": 1, "generated_by": "one-off generator (see PROVENANCE.md)", "tables": T}
json.dump(prov, open(OUT / "provenance.json", "w"), indent=1, ensure_ascii=False)
open(OUT / "provenance.json", "a").write("\n")
print({k: v["rows"] for k, v in T.items()})
