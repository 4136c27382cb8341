#!/usr/bin/env python3
"""The README's Spark recipe, run in local[2] mode and checked against one `dxa batch` process.

    Benchmarks/spark/run.sh            # installs PySpark into .build/spark-venv, builds dxa, runs this

For each archive: scores it with the recipe (twice: the first run also warms the JVM), joins the header and the part
files, and checks that rows in = rows out and that the bytes are those of `dxa batch` run alone on the whole file; then
prints the wall times side by side with the load average (the machine may be shared). Not part of `swift test`.
"""
import argparse
import filecmp
import glob
import os
import shutil
import sys
import time

# The README recipe, word for word (a test compares the two).
import shlex
import subprocess


def score_archive(sc, dxa, archive, scored_dir, options=()):
    """Scores `archive` with `dxa batch` on every partition; writes the part files to `scored_dir` and returns the
    output's header line, which goes before them."""
    lines = sc.textFile(archive)  # lines as read, never spark.read.csv: its rows lose their quoting
    header = lines.first()  # the archive's header line; dxa drops a byte-order mark and a CR
    columns = ["--columns", header, *options]
    command = shlex.join(
        [dxa, "batch", *columns, "--skip-header", "--exit-zero-on-row-errors", "--quiet", "--jobs", "1", "-"])
    # checkCode: a partition whose dxa fails (bad header 79, missing map 66, ...) fails the job.
    lines.pipe(command, checkCode=True).saveAsTextFile(scored_dir)
    return subprocess.run(
        [dxa, "batch", *columns, "--header-only"], check=True, capture_output=True, text=True).stdout
# End of the README recipe.


def load():
    one, five, _ = os.getloadavg()
    return f"load {one:.2f}/{five:.2f}"


def count_lines(path):
    with open(path, "rb") as file:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: file.read(1 << 20), b""))


def timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def run_archive(sc, dxa, name, archive, options, work):
    print(f"\n== {name}: {archive} ({os.path.getsize(archive) / 1e6:.1f} MB)", flush=True)
    single = os.path.join(work, f"{name}-single.csv")
    figures = []
    for jobs in ("1", "2"):
        # To standard output, as Spark writes its part files: no fsync (`-o` adds one, and a rename).
        with open(single, "wb") as out:
            seconds, _ = timed(lambda: subprocess.run(
                [dxa, "batch", archive, *options, "--quiet", "--exit-zero-on-row-errors", "--jobs", jobs],
                stdout=out, check=True))
        figures.append((f"dxa batch --jobs {jobs} > file (one process)", seconds, load()))
    partitions = sc.textFile(archive).getNumPartitions()
    joined = os.path.join(work, f"{name}-spark.csv")
    for attempt in ("first", "second"):
        scored_dir = os.path.join(work, f"{name}-scored")
        shutil.rmtree(scored_dir, ignore_errors=True)
        seconds, header = timed(lambda: score_archive(sc, dxa, archive, scored_dir, options))
        figures.append((f"Spark local[2], {partitions} partitions, {attempt} run", seconds, load()))
    with open(joined, "wb") as out:
        out.write(header.encode("utf-8"))
        for part in sorted(glob.glob(os.path.join(scored_dir, "part-*"))):
            with open(part, "rb") as file:
                shutil.copyfileobj(file, out)
    rows_in = count_lines(archive) - 1
    rows_out = count_lines(joined) - 1
    identical = filecmp.cmp(single, joined, shallow=False)
    print(f"rows in {rows_in:,}, rows out {rows_out:,}: {'equal' if rows_in == rows_out else 'DIFFERENT'}")
    print(f"Spark output {'byte-identical to' if identical else 'DIFFERS FROM'} the single run "
          f"({os.path.getsize(joined):,} bytes)")
    fastest = min(seconds for label, seconds, _ in figures if label.startswith("dxa"))
    for label, seconds, when in figures:
        print(f"  {label:<44} {seconds:8.2f} s  {seconds / fastest:5.1f}x  ({when})")
    return rows_in == rows_out and identical


def failure_fails_the_job(sc, dxa, work):
    """checkCode=True: a dxa that fails in a partition (here a --map that does not exist, exit 66) fails the job,
    rather than ending in _SUCCESS with no rows, as pipe() does by default."""
    archive = os.path.join(work, "failure.csv")
    with open(archive, "w", encoding="utf-8") as file:
        file.write("site,sex,age,bmd\nfemoral-neck,female,67,0.558\n")
    sc.setLogLevel("OFF")  # the failed tasks' stack traces
    try:
        score_archive(sc, dxa, archive, os.path.join(work, "failure-scored"), ["--map", "/nonexistent/map.json"])
    except Exception as error:  # Spark wraps the partition's error in its own
        print(f"\na failing dxa (exit 66) failed the Spark job: {type(error).__name__}")
        return True
    finally:
        sc.setLogLevel("ERROR")
        shutil.rmtree(os.path.join(work, "failure-scored"), ignore_errors=True)
    print("\nA FAILING dxa DID NOT FAIL THE SPARK JOB")
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dxa", required=True, help="the dxa binary (absolute path)")
    parser.add_argument("--work", required=True, help="a folder for the outputs")
    parser.add_argument("--archive", action="append", nargs=2, metavar=("NAME", "CSV"), default=[])
    parser.add_argument("--map", action="append", nargs=2, metavar=("NAME", "MAP"), default=[],
                        help="a --map for the archive of that name")
    arguments = parser.parse_args()
    maps = dict(arguments.map)
    os.makedirs(arguments.work, exist_ok=True)

    from pyspark.sql import SparkSession
    print(f"machine: {os.cpu_count()} cores, shared with other work; {load()}", flush=True)
    builder = SparkSession.builder.master("local[2]").appName("dxa").config("spark.ui.showConsoleProgress", "false")
    seconds, spark = timed(builder.getOrCreate)
    spark.sparkContext.setLogLevel("ERROR")
    print(f"Spark {spark.version} session started in {seconds:.2f} s ({load()})")
    ok = True
    for name, archive in arguments.archive:
        options = ["--map", os.path.abspath(maps[name])] if name in maps else []
        ok = run_archive(spark.sparkContext, arguments.dxa, name, os.path.abspath(archive), options,
                         arguments.work) and ok
    ok = failure_fails_the_job(spark.sparkContext, arguments.dxa, arguments.work) and ok
    spark.stop()
    print("\nall checks passed" if ok else "\nCHECKS FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
