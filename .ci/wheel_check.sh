#!/usr/bin/env bash
# The wheel as a user gets it (`pip install suanli-….whl`, pipx): build it, check it carries
# resources/, install it in a fresh venv and, from a folder outside the checkout, run
# `suanli-engine --version`, the zh_CN help, `bench --quick` and the window's --self-test.
#
#   .ci/wheel_check.sh        (make wheel-check; .ci/run)
#
# The fresh venv gets the wheel's declared dependencies for real (a missing one fails
# here), installed with uv from its cache when uv is there (about 4 s warm; the first
# run downloads TensorFlow once), else with pip from pip's cache (about 100 s).
# Environment: VENV (the project venv that builds the wheel; default .venv),
# SUANLI_DATA_DIR (MNIST for bench's time-to-accuracy), WHEEL_CHECK_SKIP_BENCH=1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${VENV:-.venv}"
PY="$(cd "$(dirname "$VENV/bin/python")" && pwd)/python"
T0=$SECONDS
say() { printf '[wheel-check %4ds] %s\n' "$((SECONDS - T0))" "$*"; }
OUT="$ROOT/build/wheel-check"
rm -rf "$OUT"
mkdir -p "$OUT/wheel"

say "building the wheel"
# from a copy of the files git tracks or would (as a clean clone has them): no stale
# build/lib, no ignored file slips in; build isolation fetches setuptools>=77 from pip's cache
mkdir -p "$OUT/src"
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$OUT/src"
"$PY" -m pip wheel --no-deps --quiet -w "$OUT/wheel" "$OUT/src" \
    2> >(grep -v 'is ignored: it is neither a file nor a directory' >&2)
WHEEL="$(ls "$OUT"/wheel/suanli-*.whl)"
"$PY" - "$WHEEL" <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = ["suanli/resources/reference_profile.json", "suanli/resources/suanli.qss",
        "suanli/resources/suanli.svg", "suanli/resources/i18n/engine_zh_CN.json",
        "suanli/resources/i18n/suanli_zh_CN.qm", "suanli/docs/scores.md",
        "suanli/engine/cli/main.py", "suanli/gui/__main__.py", "suanli/launch.py"]
missing = [n for n in need if n not in names]
licenses = [n for n in names if n.endswith("licenses/LICENSE")]
if missing or not licenses:
    sys.exit(f"wheel-check: the wheel lacks {missing or 'its LICENSE'}")
# one top-level name: nothing that another distribution's engine/ or gui/ could collide with
tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
if tops != {"suanli"}:
    sys.exit(f"wheel-check: top-level names {sorted(tops)}; only suanli is allowed")
print(f"wheel-check: {len(names)} files under suanli/, resources and LICENSE included")
PY

FRESH="$OUT/venv"
if "$PY" -m uv --version >/dev/null 2>&1; then
    say "installing it with its dependencies into a fresh venv (uv)"
    "$PY" -m uv venv --quiet -p "$PY" "$FRESH"
    "$PY" -m uv pip install --quiet -p "$FRESH/bin/python" "$WHEEL"
else
    say "installing it with its dependencies into a fresh venv (pip)"
    "$PY" -m venv "$FRESH"
    "$FRESH/bin/python" -m pip install --quiet "$WHEEL" \
        2> >(grep -v 'is ignored: it is neither a file nor a directory' >&2)
fi

# From outside the checkout, with a fresh home: nothing may come from the source tree.
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export SUANLI_HOME="$WORK/home" PYTHONNOUSERSITE=1
unset PYTHONPATH
BIN="$FRESH/bin"
where="$("$BIN/python" -c 'import suanli, engine, engine.paths as p; print(engine.__file__, p.resource_dir())')"
case "$where" in
    "$FRESH"/*"$FRESH"/*) ;;
    *) echo "wheel-check: engine or its resources not from the installed wheel: $where" >&2; exit 1 ;;
esac
say "suanli-engine --version: $("$BIN/suanli-engine" --version)"
say "suanli --version: $("$BIN/suanli" --version)"
say "python -m suanli --version: $("$BIN/python" -m suanli --version)"
usage="$(SUANLI_LANG=zh_CN COLUMNS=80 "$BIN/suanli-engine" train --help | head -1)"
[[ $usage == "用法：suanli-engine train "* ]] || { echo "wheel-check: zh_CN help: $usage" >&2; exit 1; }
SUANLI_LANG=zh_CN COLUMNS=80 "$BIN/suanli-engine" train --help | grep -q "（默认：5）" \
    || { echo "wheel-check: the zh_CN help is not translated" >&2; exit 1; }
say "zh_CN help: $usage"
if [[ ${WHEEL_CHECK_SKIP_BENCH:-0} != 1 ]]; then
    say "suanli-engine bench --quick"
    "$BIN/suanli-engine" bench --quick --json card.json > bench.log 2>&1 \
        || { tail -20 bench.log >&2; exit 1; }
    "$BIN/python" -c 'import json; c = json.load(open("card.json")); print("wheel-check: score", c["suanli_score"])'
fi
say "suanli --self-test (offscreen)"
QT_QPA_PLATFORM=offscreen "$BIN/suanli" --self-test --color-scheme dark
say "done"
