#!/usr/bin/env python3
"""The peers' computation (computation.py) in polars, as a data team would write it: a lazy scan, three left joins,
expressions, a streaming sink.

    python polars_batch.py IN.csv OUT.csv [--unordered]

By default the rows come out in input order, as `dxa batch` writes them (joins that keep the left order);
`--unordered` lets polars write them in any order.
"""
import sys

import polars as pl

import computation


def rounded(score):
    """Half away from zero, to one decimal."""
    return score.sign() * (score.abs() * 10 + 0.5).floor() / 10 + 0.0


def text(score):
    return pl.format("{}", score.round(1)).str.replace(r"^-0\.0$", "0.0")


def main(source, target, ordered):
    order = "left" if ordered else "none"
    frame = pl.scan_csv(source, infer_schema=False, truncate_ragged_lines=True)
    columns = frame.collect_schema().names()
    conversions = pl.LazyFrame(computation.conversions(), schema=["k_site", "k_maker", "a", "b"], orient="row")
    young = pl.LazyFrame(computation.young_adult(), schema=["k_site", "k_maker", "t_mean", "t_sd", "t_reference"], orient="row")
    bands = pl.LazyFrame(
        computation.age_bands(),
        schema={"k_site": pl.String, "k_sex": pl.String, "k_ethnicity": pl.String, "k_year": pl.Int32,
                "z_mean": pl.Float64, "z_sd": pl.Float64, "z_reference": pl.String}, orient="row")

    dates = (pl.col("scan_date").str.to_date("%Y-%m-%d", strict=False)
             - pl.col("birth_date").str.to_date("%Y-%m-%d", strict=False)).dt.total_days() / 365.25
    keyed = frame.with_columns(
        k_bmd=pl.col("bmd").cast(pl.Float64, strict=False),
        k_age=pl.col("age").cast(pl.Float64, strict=False).fill_null(dates),
        k_sex=pl.col("sex").str.strip_chars().str.to_lowercase().fill_null(""),
        k_site=pl.col("site").str.strip_chars().str.to_lowercase().fill_null(""),
        k_maker=pl.col("manufacturer").str.strip_chars().str.to_lowercase().fill_null("").replace("", "hologic"),
        k_ethnicity=pl.col("ethnicity").str.strip_chars().str.to_lowercase().fill_null(""),
        k_menopause=pl.col("menopause").str.strip_chars().str.to_lowercase().fill_null(""),
    )
    bmd, age, sex = pl.col("k_bmd"), pl.col("k_age"), pl.col("k_sex")
    error = (pl.when(bmd.is_null()).then(pl.lit("bmd: not a number"))
             .when((bmd < 0.05) | (bmd > 2.5)).then(pl.lit("bmd: outside 0.050-2.500 g/cm2"))
             .when(age.is_null() | (age < 0) | (age > 120)).then(pl.lit("age: missing or outside 0-120"))
             .when(~sex.is_in(["female", "male"])).then(pl.lit("sex: invalid"))
             .when(~pl.col("k_site").is_in(computation.SITES)).then(pl.lit("site: invalid"))
             .when((sex == "male") & (pl.col("k_menopause") != "")).then(pl.lit("menopause: given for a man")))
    scored = (keyed.with_columns(k_error=error, k_year=age.floor().cast(pl.Int32, strict=False))
              .join(conversions, on=["k_site", "k_maker"], how="left", maintain_order=order)
              .join(young, on=["k_site", "k_maker"], how="left", maintain_order=order)
              .join(bands, on=["k_site", "k_sex", "k_ethnicity", "k_year"], how="left", maintain_order=order))
    value = pl.col("a") * bmd + pl.col("b")
    t = rounded(pl.when(age >= 20).then((value - pl.col("t_mean")) / pl.col("t_sd")))
    z = rounded((value - pl.col("z_mean")) / pl.col("z_sd"))
    scored = scored.with_columns(k_t=t, k_z=z)
    t, z, ok = pl.col("k_t"), pl.col("k_z"), pl.col("k_error").is_null()
    menopause = pl.col("k_menopause")
    on_t = (age >= 20) & (((sex == "male") & (age >= 50)) | (
        (sex == "female") & (menopause.is_in(["post", "peri"]) | ((menopause == "") & (age >= 50)))))
    category = (pl.when(~ok | ~pl.col("k_site").is_in(computation.DIAGNOSTIC_SITES)).then(None)
                .when(on_t & (t >= -1.0)).then(pl.lit("normal"))
                .when(on_t & (t <= -2.5)).then(pl.lit("osteoporosis"))
                .when(on_t & t.is_not_null()).then(pl.lit("low-bone-mass"))
                .when(~on_t & (z <= -2.0)).then(pl.lit("below-expected-range-for-age"))
                .when(~on_t & z.is_not_null()).then(pl.lit("within-expected-range-for-age")))
    reference = pl.concat_str(
        [pl.when(t.is_not_null()).then(pl.col("t_reference")), pl.when(z.is_not_null()).then(pl.col("z_reference"))],
        separator="; ", ignore_nulls=True)
    note = pl.concat_str(
        [pl.when(pl.col("manufacturer").fill_null("") == "").then(pl.lit("maker-assumed")),
         pl.when(pl.col("k_ethnicity") == "").then(pl.lit("ethnicity-assumed")),
         pl.when(pl.col("a").is_null()).then(pl.lit("no-conversion"))], separator="; ", ignore_nulls=True)
    t_diff = rounded(t - pl.col("t_score_device").cast(pl.Float64, strict=False))
    z_diff = rounded(z - pl.col("z_score_device").cast(pl.Float64, strict=False))
    appended = {
        "t_score": pl.when(ok).then(text(t)),
        "z_score": pl.when(ok).then(text(z)),
        "category": category,
        "reference": pl.when(ok).then(reference.replace("", None)),
        "status": pl.when(ok).then(pl.lit("ok")).otherwise(pl.lit("error")),
        "error": pl.col("k_error"),
        "note": pl.when(ok).then(note.replace("", None)),
        "t_score_diff": pl.when(ok).then(text(t_diff)),
        "z_score_diff": pl.when(ok).then(text(z_diff)),
    }
    assert list(appended) == computation.APPENDED
    scored.select(*columns, **appended).sink_csv(target, maintain_order=ordered)
    computation.check_header(target, columns)
    print(f"polars {pl.__version__}: {'ordered' if ordered else 'unordered'}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--unordered" not in sys.argv[3:])
