#!/usr/bin/env bash
# Installs a benchmark's pinned Python packages (Benchmarks/NAME/requirements.txt) into .build/NAME-venv, once and
# again whenever the pinned requirements change, then prints the venv's python. Nothing outside the repository
# changes. Used by Benchmarks/spark/run.sh (NAME spark) and `dxa-bench --peers` (NAME peers).
#
#   Benchmarks/setup-venv.sh spark|peers
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: Benchmarks/setup-venv.sh spark|peers}"
requirements="Benchmarks/$name/requirements.txt"
[[ -f "$requirements" ]] || { echo "setup-venv.sh: no $requirements" >&2; exit 64; }
venv=".build/$name-venv"
mkdir -p .build
exec 9>".build/$name-venv.lock"
flock 9
if ! cmp -s "$requirements" "$venv/requirements.txt"; then
  rm -rf "$venv"
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2
  cp "$requirements" "$venv/requirements.txt"
fi
echo "$PWD/$venv/bin/python"
