#!/usr/bin/env bash
# The README's Spark recipe, proven on one machine: installs PySpark (Benchmarks/spark/requirements.txt) into
# .build/spark-venv, builds dxa, writes the 1,000,000-row synthetic archive with dxa-bench, then runs
# Benchmarks/spark/dxa_spark.py in local[2] mode on the team's real NHANES 2009-2010 femur file (with the README's
# map) and on that archive: rows in = rows out, the bytes equal to one `dxa batch` process, and the wall times side by
# side. Needs Java 17 or later. Not part of `swift test`.
#
#   Benchmarks/spark/run.sh [ROWS]        # ROWS: the synthetic archive's size, default 1000000
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"
work="$PWD/.build/spark-work"
mkdir -p "$work"
python="$(Benchmarks/setup-venv.sh spark)"
swift build -c release >&2
swift run -c release --package-path Benchmarks dxa-bench --rows "$rows" --file "$work/synthetic-$rows.csv" --reuse \
  --generate-only
nhanes=../shared/data/real-dxa/nhanes-2009-2010-femur/ssri_nhanes_2009_2010.csv
export PYSPARK_PYTHON="$python" PYSPARK_DRIVER_PYTHON="$python"
"$python" Benchmarks/spark/dxa_spark.py --dxa "$PWD/.build/release/dxa" --work "$work" \
  --archive nhanes "$nhanes" --map nhanes Benchmarks/spark/nhanes-femur.json \
  --archive synthetic "$work/synthetic-$rows.csv"
