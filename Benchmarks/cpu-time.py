#!/usr/bin/env python3
"""Wall and CPU time of commands, run in turn (interleaved) on one input, page cache warm.

Before each run: the previous output is removed, `sync` flushes what earlier runs wrote, and the input is read once
with `cat`. Each command writes its standard output to a new file in /tmp. User and system time come from
getrusage of the child. Prints the median wall, user and system time of each command, and its best wall time.

usage: Benchmarks/cpu-time.py ROUNDS INPUT 'LABEL|[NAME=VALUE ...] COMMAND ARGS' ...
       ({in} in a command stands for INPUT)
example:
  Benchmarks/cpu-time.py 15 /tmp/dxa-bench-1000000.csv \\
    'cp|cp {in} /tmp/copy.csv' \\
    'jobs 2|.build/release/dxa batch {in} --jobs 2 --quiet --exit-zero-on-row-errors' \\
    'one core|taskset -c 0 .build/release/dxa batch {in} --jobs 2 --quiet --exit-zero-on-row-errors'
"""
import os
import resource
import statistics
import subprocess
import sys
import time

OUTPUT = "/tmp/cpu-time-out.csv"


def main() -> None:
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    rounds, path, commands = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    runs: dict[str, list[tuple[float, float, float]]] = {}
    for _ in range(rounds):
        for command in commands:
            label, text = command.split("|", 1)
            words = text.split()
            environment = dict(os.environ)
            while words and "=" in words[0]:
                name, value = words.pop(0).split("=", 1)
                environment[name] = value
            words = [path if word == "{in}" else word for word in words]
            if os.path.exists(OUTPUT):
                os.remove(OUTPUT)
            os.sync()
            subprocess.run(["cat", path], stdout=subprocess.DEVNULL, check=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            with open(OUTPUT, "wb") as output:
                start = time.perf_counter()
                subprocess.run(words, stdout=output, env=environment, check=False)
                wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            runs.setdefault(label, []).append(
                (wall * 1000, (after.ru_utime - before.ru_utime) * 1000, (after.ru_stime - before.ru_stime) * 1000))
    if os.path.exists(OUTPUT):
        os.remove(OUTPUT)
    print(f"{rounds} interleaved runs each; medians in ms")
    for label, times in runs.items():
        wall, user, system = (statistics.median(run[index] for run in times) for index in range(3))
        best = min(run[0] for run in times)
        print(f"{label:16} wall {wall:6.0f} (best {best:5.0f})  user {user:5.0f}  system {system:5.0f}  "
              f"CPU {user + system:5.0f}")


if __name__ == "__main__":
    main()
