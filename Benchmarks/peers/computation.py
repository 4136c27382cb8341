"""The computation every peer of `dxa-bench --peers` does, written once: the lookup tables it joins with, the columns
it appends and the checks it makes, so DuckDB, polars and pandas do the same work (the README states it).

Per row of the long layout (every column read as text, kept as written):
  1. checks, the first that fails is the row's error (the row keeps its place, status `error`): bmd a number within
     0.050-2.500 g/cm2; age from `age`, else (scan_date - birth_date) / 365.25 days, within 0-120; sex female or
     male; a known site; no menopause for a man;
  2. BMD to the Hologic scale: equi-join on (site, manufacturer) with conversions() (a, b: hologic = a * bmd + b; an
     empty manufacturer is Hologic, noted);
  3. T = (bmd - mean) / sd: equi-join on (site, manufacturer) with young_adult() (the White female young-adult
     reference; Hologic's spine database for a Hologic spine), age 20+;
  4. Z = (bmd - mean) / sd: equi-join on (site, sex, ethnicity, whole years of age) with age_bands(), the published age
     bands spread over each year, the person's group falling back (Hispanic to Mexican American, then White) as the
     table is built; an empty ethnicity is White, noted;
  5. scores rounded half away from zero to one decimal; category by ISCD 2023 (T for postmenopausal women, a woman
     without a status from 50, and men from 50; Z otherwise); the reference ids of both joins; the note codes; the
     rounded score minus the device's.
The reference values are read from reference-data/, as the engine's are. Binary floating point, as these tools have
it: a score that sits exactly on x.x5 can round differently from dxa's exact decimals.
"""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent / "reference-data"

# The columns appended to each row, in order, as `dxa batch` appends them to this layout. Change here when dxa's
# output columns change; every peer writes exactly these.
APPENDED = ["t_score", "z_score", "category", "reference", "status", "error", "note", "t_score_diff", "z_score_diff"]

SITES = ["lumbar-spine", "l1", "l2", "l3", "l4", "femoral-neck", "total-hip", "trochanter", "intertrochanter", "wards",
         "total-body", "total-body-less-head", "radius-33"]
DIAGNOSTIC_SITES = ["lumbar-spine", "femoral-neck", "total-hip", "radius-33"]
ETHNICITIES = ["", "white", "black", "mexican-american", "hispanic", "asian", "other"]
MAKERS = ["hologic", "ge-lunar", "norland"]


def _load(name):
    return json.loads((ROOT / name).read_text())


def conversions():
    """(site, manufacturer, a, b): hologic BMD = a * bmd + b. Hologic is the identity at every site."""
    rows = [(site, "hologic", 1.0, 0.0) for site in SITES]
    hip = {(e["site"], e["manufacturer"]): (float(e["intercept"]), float(e["slope"]))
           for e in _load("conversions/sbmd-hip.json")["standardization"]}
    for (site, maker), (intercept, slope) in hip.items():
        if maker != "hologic":
            target_intercept, target_slope = hip[(site, "hologic")]
            rows.append((site, maker, slope / target_slope, (intercept - target_intercept) / target_slope))
    for entry in _load("conversions/spine-genant-1994.json")["direct"]:
        if entry["to"] == "hologic":
            rows.append((entry["site"], entry["from"], float(entry["slope"]), float(entry["intercept"])))
    return rows


def young_adult():
    """(site, manufacturer, t_mean, t_sd, t_reference): the White female young-adult reference; a Hologic lumbar
    spine (or one without a maker) against Hologic's own spine database, as dxa's default spine rule does, another
    maker's against the open NHANES 2005-2008 table."""
    rows = []
    hip = _load("tables/nhanes3-hip-young-adult.json")
    for curve in hip["curves"]:
        for maker in MAKERS:
            rows.append((curve["site"], maker, float(curve["mean"]), float(curve["sd"]), f"T {hip['id']} v{hip['version']}"))
    hologic = _load("tables/hologic-spine-young-women.json")
    curve = hologic["curves"][0]
    rows.append(("lumbar-spine", "hologic", float(curve["mean"]), float(curve["sd"]),
                 f"T {hologic['id']} v{hologic['version']}"))
    spine = _load("tables/nhanes-2005-2008-spine-hip.json")
    for curve in spine["curves"]:
        if curve["site"] == "lumbar-spine" and curve["sex"] == "female" and curve["ethnicity"] == "white":
            band = next(b for b in curve["bands"] if b["from"] <= spine["youngAdultAge"] < b["under"])
            for maker in ["ge-lunar", "norland"]:
                rows.append(("lumbar-spine", maker, float(band["mean"]), float(band["sd"]),
                             f"T {spine['id']} v{spine['version']}"))
    return rows


def age_bands():
    """(site, sex, ethnicity, age_year, z_mean, z_sd, z_reference) for every year 0-120 a band covers, the person's
    group resolved: own, then Mexican American for Hispanic, then White."""
    bands = {}
    for name in ["tables/looker-1998-femoral-neck-women.json", "tables/nhanes-2005-2008-spine-hip.json"]:
        table = _load(name)
        for curve in table["curves"]:
            for band in curve["bands"]:
                under = int(band.get("under", 121))
                for year in range(int(band["from"]), min(under, 121)):
                    key = (curve["site"], curve["sex"], curve["ethnicity"], year)
                    bands.setdefault(key, (float(band["mean"]), float(band["sd"]),
                                           f"Z {table['id']} v{table['version']} {band['from']}-{under - 1}"))
    rows = []
    sites = sorted({key[0] for key in bands})
    for site in sites:
        for sex in ["female", "male"]:
            for ethnicity in ETHNICITIES:
                tries = [ethnicity or "white"] + (["mexican-american"] if ethnicity == "hispanic" else []) + ["white"]
                for year in range(0, 121):
                    found = next((bands[(site, sex, group, year)] for group in tries
                                  if (site, sex, group, year) in bands), None)
                    if found:
                        rows.append((site, sex, ethnicity, year, *found))
    return rows


def check_header(path, columns):
    """Stops with an error unless the output's header is the input's columns and then APPENDED."""
    import csv
    with open(path, newline="", encoding="utf-8") as file:
        header = next(csv.reader(file))
    if header != columns + APPENDED:
        raise SystemExit(f"{path}: header {header[len(columns):]}, expected {APPENDED}")
