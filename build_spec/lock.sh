#!/usr/bin/env bash
# Regenerate the frozen build's lock files (`make lock`):
#
#   build_spec/requirements-cpu.lock   tensorflow-cpu + the runtime dependencies + build tools
#   build_spec/requirements-gpu.lock   the same with tensorflow[and-cuda]
#
# Every package pinned, with the sha256 of each of its files (pip install --require-hashes).
# The versions are those of the project venv (.venv, or $VENV) where it has the package
# (so the app is built from what `make test` tested), else the newest the ranges in
# pyproject.toml allow. Needs uv (in the `test` extra) and the network.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${VENV:-.venv}"
PYTHON="$VENV/bin/python"
UV="${UV:-$VENV/bin/uv}"  # pip install uv
mkdir -p build
# the venv's versions as constraints (not Suanli itself, nor editable installs)
"$PYTHON" -m pip freeze --exclude-editable 2>/dev/null | grep -viE '^(suanli|uv)[=@ ]' \
    > build/lock-constraints.txt
for flavor in cpu gpu; do
    "$PYTHON" build_spec/bundle.py requirements "$flavor" > "build/requirements-$flavor.in"
    "$UV" pip compile "build/requirements-$flavor.in" -c build/lock-constraints.txt \
        --generate-hashes --python-version 3.11 --quiet \
        --custom-compile-command "make lock" -o "build_spec/requirements-$flavor.lock"
    echo "build_spec/requirements-$flavor.lock: $(grep -c '==' "build_spec/requirements-$flavor.lock") packages"
done
