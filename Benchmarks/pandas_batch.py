#!/usr/bin/env python3
"""The `dxa batch` computation written the way a data team would in pandas, for the benchmark's comparison.

    python3 Benchmarks/pandas_batch.py IN.csv OUT.csv

Reads the long layout, takes age from `age` or from birth_date and scan_date ((scan - birth) / 365.25 days), checks
the same limits (BMD 0.050-2.500 g/cm2, age 0-120, known site and sex, menopause only for women), moves GE Lunar and
Norland values to the Hologic scale (sBMD equations for the hip, Genant 1994 for the spine), scores T against the
shipped young-adult references and Z against the shipped age-band tables (the person's group, Hispanic through
Mexican American, then White), rounds half away from zero to one decimal and classifies as ISCD 2023 does. The
reference values are read from reference-data/ so both sides use the same numbers. Binary floating point, as pandas
has it: a few scores that sit exactly on x.x5 round differently from dxa's exact arithmetic.
"""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent / "reference-data"


def load(name):
    return json.loads((ROOT / name).read_text())


def young_adult():
    rows = []
    for curve in load("tables/nhanes3-hip-young-adult.json")["curves"]:
        rows.append((curve["site"], float(curve["mean"]), float(curve["sd"])))
    spine = load("tables/nhanes-2005-2008-spine-hip.json")
    for curve in spine["curves"]:
        if curve["site"] == "lumbar-spine" and curve["sex"] == "female" and curve["ethnicity"] == "white":
            band = next(b for b in curve["bands"] if b["from"] <= spine["youngAdultAge"] < b["under"])
            rows.append(("lumbar-spine", float(band["mean"]), float(band["sd"])))
    return pd.DataFrame(rows, columns=["site", "t_mean", "t_sd"])


def age_bands():
    rows = []
    for name in ["tables/looker-1998-femoral-neck-women.json", "tables/nhanes-2005-2008-spine-hip.json"]:
        for curve in load(name)["curves"]:
            for band in curve["bands"]:
                rows.append((curve["site"], curve["sex"], curve["ethnicity"], float(band["from"]),
                             float(band.get("under", 1000)), float(band["mean"]), float(band["sd"])))
    return pd.DataFrame(rows, columns=["site", "sex", "group", "from", "under", "z_mean", "z_sd"])


def conversions():
    hip = {(e["site"], e["manufacturer"]): (float(e["intercept"]), float(e["slope"]))
           for e in load("conversions/sbmd-hip.json")["standardization"]}
    spine = {(e["site"], e["from"]): (float(e["slope"]), float(e["intercept"]))
             for e in load("conversions/spine-genant-1994.json")["direct"] if e["to"] == "hologic"}
    return hip, spine


def round_half_away(values):
    # + 0.0 turns -0.0 into 0.0, as dxa prints it
    return np.sign(values) * np.floor(np.abs(values) * 10 + 0.5) / 10 + 0.0


def main(source, target):
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    n = len(frame)
    error = pd.Series("", index=frame.index)

    bmd = pd.to_numeric(frame["bmd"], errors="coerce")
    error = error.mask((error == "") & bmd.isna(), "bmd: not a number")
    error = error.mask((error == "") & ((bmd < 0.05) | (bmd > 2.5)), "bmd: outside 0.050-2.500")

    age = pd.to_numeric(frame["age"], errors="coerce")
    birth = pd.to_datetime(frame["birth_date"], format="%Y-%m-%d", errors="coerce")
    scan = pd.to_datetime(frame["scan_date"], format="%Y-%m-%d", errors="coerce")
    age = age.fillna((scan - birth).dt.days / 365.25)
    error = error.mask((error == "") & (age.isna() | (age < 0) | (age > 120)), "age: missing or outside 0-120")

    sex = frame["sex"].str.lower()
    error = error.mask((error == "") & ~sex.isin(["female", "male"]), "sex: invalid")
    known_sites = ["lumbar-spine", "l1", "l2", "l3", "l4", "femoral-neck", "total-hip", "trochanter",
                   "intertrochanter", "wards", "total-body", "radius-33"]
    site = frame["site"].str.lower()
    error = error.mask((error == "") & ~site.isin(known_sites), "site: invalid")
    menopause = frame["menopause"].str.lower()
    error = error.mask((error == "") & (sex == "male") & (menopause != ""), "menopause: given for a man")
    maker = frame["manufacturer"].str.lower().replace("", "hologic")

    # BMD on the Hologic scale.
    hip, spine = conversions()
    value = bmd.copy()
    for (conv_site, conv_maker), (intercept, slope) in hip.items():
        if conv_maker == "hologic":
            continue
        target_intercept, target_slope = hip[(conv_site, "hologic")]
        mask = (site == conv_site) & (maker == conv_maker)
        value = value.mask(mask, (intercept + slope * bmd - target_intercept) / target_slope)
    for (conv_site, conv_maker), (slope, intercept) in spine.items():
        mask = (site == conv_site) & (maker == conv_maker)
        value = value.mask(mask, slope * bmd + intercept)
    convertible = site.isin(["lumbar-spine", "femoral-neck", "total-hip", "trochanter"]) | (maker == "hologic")

    # T against the young-adult reference of the site.
    work = pd.DataFrame({"site": site, "value": value, "age": age})
    work = work.merge(young_adult(), on="site", how="left")
    t = (work["value"] - work["t_mean"]) / work["t_sd"]
    t = t.where((age >= 20).to_numpy() & convertible.to_numpy())

    # Z against the age band of the person's group, falling back to Mexican American and White.
    bands = age_bands()
    ethnicity = frame["ethnicity"].str.lower().replace("", "white")
    z = pd.Series(np.nan, index=frame.index)
    for attempt in ["own", "mexican-american", "white"]:
        group = ethnicity if attempt == "own" else pd.Series(attempt, index=frame.index)
        if attempt == "mexican-american":
            group = group.where(ethnicity == "hispanic", "none")
        pending = z.isna()
        candidates = pd.DataFrame({"row": frame.index[pending], "site": site[pending], "sex": sex[pending],
                                   "group": group[pending], "age": age[pending], "value": value[pending]})
        merged = candidates.merge(bands, on=["site", "sex", "group"], how="inner")
        merged = merged[(merged["age"] >= merged["from"]) & (merged["age"] < merged["under"])]
        z.loc[merged["row"].to_numpy()] = ((merged["value"] - merged["z_mean"]) / merged["z_sd"]).to_numpy()
    z = z.where(convertible)

    t_reported = round_half_away(t.to_numpy())
    z_reported = round_half_away(z.to_numpy())

    # Who is classified on what (ISCD 2023, menopause assumed from age 50 when not given).
    post = (menopause == "post") | (menopause == "peri") | ((menopause == "") & (age >= 50))
    who = (age >= 20) & (((sex == "male") & (age >= 50)) | ((sex == "female") & post))
    diagnostic = site.isin(["lumbar-spine", "femoral-neck", "total-hip", "radius-33"])
    category = np.select(
        [~diagnostic, who & (t_reported >= -1.0), who & (t_reported <= -2.5), who & ~np.isnan(t_reported),
         ~who & (z_reported <= -2.0), ~who & ~np.isnan(z_reported)],
        ["", "normal", "osteoporosis", "low-bone-mass", "below-expected-range-for-age",
         "within-expected-range-for-age"], default="")

    ok = (error == "").to_numpy()
    frame["t_score"] = np.where(ok & ~np.isnan(t_reported), pd.Series(t_reported).map("{:.1f}".format), "")
    frame["z_score"] = np.where(ok & ~np.isnan(z_reported), pd.Series(z_reported).map("{:.1f}".format), "")
    frame["category"] = np.where(ok, category, "")
    frame["status"] = np.where(ok, "ok", "error")
    frame["error"] = error
    frame.to_csv(target, index=False)
    print(f"pandas: {n} rows, {int((~ok).sum())} with errors", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
