#!/usr/bin/env bash
# Installs the FHIR R4 validator (Tests/FHIRValidation/requirements.txt) into .build/fhir-venv, once and again
# whenever the pinned requirements change, then prints the venv's python. Used by .ci/run and by the tests
# themselves, so a plain `swift test` always validates. Nothing outside the repository changes.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.build/fhir-venv
mkdir -p .build
# Test targets may ask at the same time: one installs, the others wait.
exec 9>.build/fhir-venv.lock
flock 9
if ! cmp -s Tests/FHIRValidation/requirements.txt "$venv/requirements.txt"; then
  rm -rf "$venv"
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r Tests/FHIRValidation/requirements.txt >&2
  cp Tests/FHIRValidation/requirements.txt "$venv/requirements.txt"
fi
echo "$PWD/$venv/bin/python"
