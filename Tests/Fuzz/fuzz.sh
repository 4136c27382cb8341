#!/usr/bin/env bash
# Builds and runs the libFuzzer targets of Tests/Fuzz (Linux; the toolchain's libFuzzer and AddressSanitizer).
#
#   Tests/Fuzz/fuzz.sh build                      build every target (release, address + fuzzer sanitizers)
#   Tests/Fuzz/fuzz.sh smoke [SECONDS]            each target for SECONDS (default 9; 5 targets, under 60 s in all)
#   Tests/Fuzz/fuzz.sh run TARGET SECONDS [ARG…]  one long campaign; extra arguments go to libFuzzer (-jobs=2 …)
#   Tests/Fuzz/fuzz.sh targets                    list the targets
#
# Everything it writes is under .build/fuzz (git ignores it): the build, each target's growing corpus
# (.build/fuzz/corpus/TARGET), the dictionaries made from the seeds, and crash, timeout and out-of-memory inputs
# (.build/fuzz/artifacts/TARGET/). The seeds are read in place and never changed: Tests/Examples, Tests/Fixtures,
# reference-data and Tests/Fuzz/Seeds. Exit status: libFuzzer's (0 when nothing was found).
set -euo pipefail
cd "$(dirname "$0")/../.."

scratch=.build/fuzz
targets=(fuzz-exam fuzz-facility fuzz-reference fuzz-csv fuzz-map)

# The seed folders of each target: what the repository already holds of that kind of file.
seeds() {
  case "$1" in
    fuzz-exam) echo Tests/Examples ;;
    fuzz-facility) echo Tests/Fixtures Tests/Examples ;;
    fuzz-reference) echo reference-data/tables reference-data/conversions ;;
    fuzz-csv) echo Tests/Fuzz/Seeds/csv ;;
    fuzz-map) echo Tests/Fuzz/Seeds/map ;;
    *) echo "unknown target $1; targets: ${targets[*]}" >&2; exit 64 ;;
  esac
}

build() {
  # swiftc keeps only the last -sanitize= flag, and SwiftPM 6.3 passes its two in an order of its own (seen both
  # ways), so a build can lose coverage without a word. The -Xswiftc flag comes last and names both.
  swift build -c release --sanitize=address --sanitize=fuzzer -Xswiftc -sanitize=address,fuzzer \
    --package-path Tests/Fuzz --scratch-path "$scratch"
}

# A libFuzzer dictionary of every quoted word in the target's JSON seeds (field names and codes), so mutations reach
# past "unknown field" quickly; CSV targets get the column names and codes of their seeds.
dictionary() {
  local target=$1 file="$scratch/dict/$1.dict" seed_files csv_files
  mkdir -p "$scratch/dict"
  # shellcheck disable=SC2046
  mapfile -t seed_files < <(find $(seeds "$target") -type f)
  mapfile -t csv_files < <(printf '%s\n' "${seed_files[@]}" | grep '\.csv$' || true)
  {
    grep -ohE '"[A-Za-z0-9_./-]{1,40}"' "${seed_files[@]}" || true
    if [ "${#csv_files[@]}" -gt 0 ]; then
      grep -ohE '[A-Za-z_][A-Za-z0-9_-]{1,30}' "${csv_files[@]}" | sed 's/.*/"&"/' || true
    fi
  } | sort -u >"$file"
  echo "$file"
}

run() {
  local target=$1 seconds=$2
  shift 2
  local corpus="$scratch/corpus/$target" artifacts="$scratch/artifacts/$target/"
  mkdir -p "$corpus" "$artifacts"
  # Leak checks report Foundation's and the runtime's one-time allocations, not defects of ours.
  # shellcheck disable=SC2046
  ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" "$scratch/release/$target" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
    -dict="$(dictionary "$target")" -artifact_prefix="$artifacts" "$@" "$corpus" $(seeds "$target")
}

case "${1:-}" in
  build) build ;;
  targets) printf '%s\n' "${targets[@]}" ;;
  smoke)
    seconds=${2:-9}
    build
    mkdir -p "$scratch/logs"
    for target in "${targets[@]}"; do
      log="$scratch/logs/$target.log"
      status=0
      run "$target" "$seconds" >"$log" 2>&1 || status=$?
      echo "== $target, $seconds s: $(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}') runs," \
        "$(grep -cE '^#[0-9]+.*NEW' "$log") new inputs, exit $status"
      if grep -q 'no interesting inputs were found' "$log"; then
        echo "$target: no coverage feedback (is the engine built with -sanitize=fuzzer?); see $log" >&2
        exit 70
      fi
      if [ "$status" -ne 0 ]; then
        tail -n 40 "$log" >&2
        echo "$target: libFuzzer exited $status; the input is in $scratch/artifacts/$target/, the log in $log" >&2
        exit "$status"
      fi
    done
    ;;
  run)
    [ $# -ge 3 ] || { echo "usage: $0 run TARGET SECONDS [libFuzzer arguments]" >&2; exit 64; }
    seeds "$2" >/dev/null
    target=$2 seconds=$3
    shift 3
    run "$target" "$seconds" "$@"
    ;;
  *)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 64
    ;;
esac
