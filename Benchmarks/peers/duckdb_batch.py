#!/usr/bin/env python3
"""The peers' computation (computation.py) in DuckDB, as a data team would write it: one COPY of a query that reads
the CSV and joins it with the three lookup tables.

    python duckdb_batch.py IN.csv OUT.csv [--unordered]

By default the rows come out in input order, as `dxa batch` writes them (a row number and an ORDER BY);
`--unordered` lets DuckDB write them in any order, which is faster.
"""
import csv
import sys

import duckdb

import computation


def quoted(name):
    return '"' + name.replace('"', '""') + '"'


def main(source, target, ordered):
    with open(source, newline="", encoding="utf-8") as file:
        columns = next(csv.reader(file))
    db = duckdb.connect()
    db.execute("SET preserve_insertion_order = " + ("true" if ordered else "false"))
    db.execute("CREATE TABLE conversions (site VARCHAR, maker VARCHAR, a DOUBLE, b DOUBLE)")
    db.executemany("INSERT INTO conversions VALUES (?, ?, ?, ?)", computation.conversions())
    db.execute("CREATE TABLE young (site VARCHAR, maker VARCHAR, t_mean DOUBLE, t_sd DOUBLE, t_reference VARCHAR)")
    db.executemany("INSERT INTO young VALUES (?, ?, ?, ?, ?)", computation.young_adult())
    db.execute("CREATE TABLE bands (site VARCHAR, sex VARCHAR, ethnicity VARCHAR, age_year INTEGER, z_mean DOUBLE, "
               "z_sd DOUBLE, z_reference VARCHAR)")
    db.executemany("INSERT INTO bands VALUES (?, ?, ?, ?, ?, ?, ?)", computation.age_bands())

    sites = ", ".join(f"'{site}'" for site in computation.SITES)
    diagnostic = ", ".join(f"'{site}'" for site in computation.DIAGNOSTIC_SITES)
    keep = ", ".join(f"r.{quoted(name)}" for name in columns)
    row_number = ", row_number() OVER () AS row_number" if ordered else ""
    query = f"""
    WITH raw AS (
      SELECT *{row_number} FROM read_csv(?, header = true, all_varchar = true, null_padding = true, quote = '"',
                                         escape = '"', strict_mode = false)
    ), keyed AS (
      SELECT *,
        TRY_CAST(bmd AS DOUBLE) AS k_bmd,
        coalesce(TRY_CAST(age AS DOUBLE),
                 date_diff('day', TRY_STRPTIME(birth_date, '%Y-%m-%d'), TRY_STRPTIME(scan_date, '%Y-%m-%d')) / 365.25)
          AS k_age,
        lower(trim(coalesce(sex, ''))) AS k_sex, lower(trim(coalesce(site, ''))) AS k_site,
        coalesce(nullif(lower(trim(coalesce(manufacturer, ''))), ''), 'hologic') AS k_maker,
        lower(trim(coalesce(ethnicity, ''))) AS k_ethnicity, lower(trim(coalesce(menopause, ''))) AS k_menopause
      FROM raw
    ), checked AS (
      SELECT *, CASE
        WHEN k_bmd IS NULL THEN 'bmd: not a number'
        WHEN k_bmd < 0.05 OR k_bmd > 2.5 THEN 'bmd: outside 0.050-2.500 g/cm2'
        WHEN k_age IS NULL OR k_age < 0 OR k_age > 120 THEN 'age: missing or outside 0-120'
        WHEN k_sex NOT IN ('female', 'male') THEN 'sex: invalid'
        WHEN k_site NOT IN ({sites}) THEN 'site: invalid'
        WHEN k_sex = 'male' AND k_menopause <> '' THEN 'menopause: given for a man'
      END AS k_error
      FROM keyed
    ), scored AS (
      SELECT r.*, y.t_reference, b.z_reference, c.a IS NULL AS k_unconverted,
        CASE WHEN r.k_age >= 20 THEN ((c.a * r.k_bmd + c.b) - y.t_mean) / y.t_sd END AS k_t,
        ((c.a * r.k_bmd + c.b) - b.z_mean) / b.z_sd AS k_z
      FROM checked r
      LEFT JOIN conversions c ON c.site = r.k_site AND c.maker = r.k_maker
      LEFT JOIN young y ON y.site = r.k_site AND y.maker = r.k_maker
      LEFT JOIN bands b ON b.site = r.k_site AND b.sex = r.k_sex AND b.ethnicity = r.k_ethnicity
        AND b.age_year = CAST(floor(r.k_age) AS INTEGER)
    ), rounded AS (
      SELECT *,
        sign(k_t) * floor(abs(k_t) * 10 + 0.5) / 10 + 0.0 AS k_t1,
        sign(k_z) * floor(abs(k_z) * 10 + 0.5) / 10 + 0.0 AS k_z1,
        k_age >= 20 AND ((k_sex = 'male' AND k_age >= 50) OR (k_sex = 'female' AND (k_menopause IN ('post', 'peri')
          OR (k_menopause = '' AND k_age >= 50)))) AS k_on_t
      FROM scored
    )
    SELECT {keep},
      CASE WHEN k_error IS NULL THEN printf('%.1f', k_t1) END AS t_score,
      CASE WHEN k_error IS NULL THEN printf('%.1f', k_z1) END AS z_score,
      CASE WHEN k_error IS NOT NULL OR k_site NOT IN ({diagnostic}) THEN NULL
        WHEN k_on_t AND k_t1 >= -1.0 THEN 'normal' WHEN k_on_t AND k_t1 <= -2.5 THEN 'osteoporosis'
        WHEN k_on_t AND k_t1 IS NOT NULL THEN 'low-bone-mass'
        WHEN NOT k_on_t AND k_z1 <= -2.0 THEN 'below-expected-range-for-age'
        WHEN NOT k_on_t AND k_z1 IS NOT NULL THEN 'within-expected-range-for-age' END AS category,
      CASE WHEN k_error IS NULL THEN nullif(concat_ws('; ', CASE WHEN k_t1 IS NOT NULL THEN t_reference END,
        CASE WHEN k_z1 IS NOT NULL THEN z_reference END), '') END AS reference,
      CASE WHEN k_error IS NULL THEN 'ok' ELSE 'error' END AS status,
      k_error AS error,
      CASE WHEN k_error IS NULL THEN nullif(concat_ws('; ',
        CASE WHEN coalesce(r.manufacturer, '') = '' THEN 'maker-assumed' END,
        CASE WHEN k_ethnicity = '' THEN 'ethnicity-assumed' END,
        CASE WHEN k_unconverted THEN 'no-conversion' END), '') END AS note,
      CASE WHEN k_error IS NULL THEN printf('%.1f', sign(k_t1 - TRY_CAST(t_score_device AS DOUBLE))
        * floor(abs(k_t1 - TRY_CAST(t_score_device AS DOUBLE)) * 10 + 0.5) / 10 + 0.0) END AS t_score_diff,
      CASE WHEN k_error IS NULL THEN printf('%.1f', sign(k_z1 - TRY_CAST(z_score_device AS DOUBLE))
        * floor(abs(k_z1 - TRY_CAST(z_score_device AS DOUBLE)) * 10 + 0.5) / 10 + 0.0) END AS z_score_diff
    FROM rounded r
    {"ORDER BY row_number" if ordered else ""}
    """
    db.execute(f"COPY ({query}) TO '{target}' (HEADER, DELIMITER ',')", [source])
    computation.check_header(target, columns)
    print(f"duckdb {duckdb.__version__}: {'ordered' if ordered else 'unordered'}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--unordered" not in sys.argv[3:])
