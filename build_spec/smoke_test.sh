#!/usr/bin/env bash
# Check a built archive the way a user gets it: unpack it in a temporary folder, install it
# with its install.sh into a throw-away $HOME, and run the installed launchers in a bare
# environment (env -i, no PYTHONPATH, SUANLI_HOME in the temporary folder). As root with
# unshare(1) the runs also get no network and see no Python installation and no source
# tree (tmpfs mounted over them), which shows the app runs offline without Python. With no
# data anywhere (fresh $HOME, no $SUANLI_DATA_DIR) the article's MNIST run trains on the test
# split shipped inside the app, and `bench --quick` measures time to accuracy on it.
#
#   build_spec/smoke_test.sh [ARCHIVE]      default: the newest dist/suanli-*.tar.*
#
# Prints one line per check and the timings; exits 1 if any check failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARCHIVE="${1:-$(ls -t "$ROOT"/dist/suanli-*.tar.zst "$ROOT"/dist/suanli-*.tar.gz 2>/dev/null | head -1)}"
[[ -f $ARCHIVE ]] || { echo "smoke_test.sh: no archive (run make dist first)" >&2; exit 2; }
TMP="$(mktemp -d "${TMPDIR:-/tmp}/suanli-smoke.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
FAKE_HOME="$TMP/home"
BIN="$FAKE_HOME/.local/bin"
mkdir -p "$FAKE_HOME" "$TMP/x"
PASSED=0
FAILED=0
ok() { PASSED=$((PASSED + 1)); echo "smoke ok:     $*"; }
bad() { FAILED=$((FAILED + 1)); echo "smoke FAILED: $*"; }

# ------------------------------------------------------------------ unpack and install
t=$SECONDS
case "$ARCHIVE" in
    *.zst) zstd -dc "$ARCHIVE" | tar -C "$TMP/x" -xf - ;;
    *) tar -C "$TMP/x" -xzf "$ARCHIVE" ;;
esac
PKG="$(ls -d "$TMP"/x/suanli-*/ | head -1)"
echo "smoke: unpacked $(basename "$ARCHIVE") in $((SECONDS - t)) s:" \
    "$(du -sm "$PKG" | cut -f1) MiB, $(find "$PKG" -type f | wc -l) files"
if env -i HOME="$FAKE_HOME" PATH=/usr/bin:/bin sh "$PKG/install.sh" > "$TMP/install.log" 2>&1; then
    ok "install.sh"
else
    bad "install.sh: $(cat "$TMP/install.log")"
fi
for f in .local/bin/suanli .local/bin/suanli-engine .local/opt/suanli/suanli \
         .local/opt/suanli/_internal/resources/reference_profile.json \
         .local/opt/suanli/_internal/resources/mnist/t10k-images-idx3-ubyte.gz \
         .local/opt/suanli/_internal/resources/mnist/t10k-labels-idx1-ubyte.gz \
         .local/opt/suanli/_internal/resources/mnist/README.md \
         .local/share/applications/suanli.desktop \
         .local/share/icons/hicolor/scalable/apps/suanli.svg; do
    [[ -e $FAKE_HOME/$f ]] || bad "install.sh did not make ~/$f"
done
if grep -qx "Exec=\"$BIN/suanli\"" "$FAKE_HOME/.local/share/applications/suanli.desktop" \
   && grep -qx "Icon=suanli" "$FAKE_HOME/.local/share/applications/suanli.desktop"; then
    ok "desktop entry runs $BIN/suanli with the hicolor icon"
else
    bad "desktop entry: $(cat "$FAKE_HOME/.local/share/applications/suanli.desktop")"
fi
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$FAKE_HOME/.local/share/applications/suanli.desktop" \
        && ok "desktop-file-validate" || bad "desktop-file-validate"
fi

# ------------------------------------------------------------------ the bare environment
# Folders hidden from the app: the source tree and every Python installation we can find.
HIDE=("$ROOT")
for py in python3 python3.11 python3.12 python3.13 python "${PYTHON:-}"; do
    [[ -n $py ]] && command -v "$py" >/dev/null || continue
    base="$("$py" -c 'import sys; print(sys.base_prefix)' 2>/dev/null)" || continue
    [[ $base == /usr || $base == /usr/local || $base == / || -z $base ]] || HIDE+=("$base")
done
for d in /usr/lib/python3* /usr/local/lib/python3* /usr/lib64/python3*; do
    [[ -d $d ]] && HIDE+=("$d")
done
mapfile -t HIDE < <(printf '%s\n' "${HIDE[@]}" | sort -u)
ISOLATE=()
if [[ $(id -u) == 0 ]] && command -v unshare >/dev/null \
   && unshare --mount --net --fork true 2>/dev/null; then
    ISOLATE=(unshare --mount --net --fork)
    echo "smoke: runs offline, hiding ${HIDE[*]}"
else
    echo "smoke: not root or no unshare: runs see the network and Python installations"
fi

# bare CMD...: run CMD offline, without Python, in a minimal environment.
bare() {
    local hide="" d
    for d in "${HIDE[@]}"; do hide="$hide mount -t tmpfs -o size=1m tmpfs '$d' &&"; done
    local envv=(env -i HOME="$FAKE_HOME" PATH=/usr/bin:/bin LANG=C.UTF-8
                SUANLI_HOME="$TMP/data" QT_QPA_PLATFORM=offscreen TMPDIR="$TMP")
    if [[ ${#ISOLATE[@]} -gt 0 ]]; then
        "${ISOLATE[@]}" sh -c "$hide cd / && exec \"\$@\"" sh "${envv[@]}" "$@"
    else
        (cd / && "${envv[@]}" "$@")
    fi
}

# The dataset_sha256 of a card measured on the shipped MNIST split (engine/data/shipped.py).
SHIPPED_DATA_SHA256=ffd28bd2f8a67306684b6e0e5eb06988a8304fa4f1b8dd7110f3ea20492602ee
# card_field CARD NAME: a sub-score's value (None when not measured) or a top-level field,
# read outside the bare environment by the Python that runs this script.
card_field() {
    "${PYTHON:-python3}" - "$1" "$2" <<'PY'
import json, sys
card = json.load(open(sys.argv[1], encoding="utf-8"))
subs = {s["name"]: s["value"] for s in card["sub_scores"]}
print(subs[sys.argv[2]] if sys.argv[2] in subs else card[sys.argv[2]])
PY
}

# ------------------------------------------------------------------ the checks
t=$SECONDS
if bare timeout 600 "$BIN/suanli" --self-test --screenshot "$TMP/self-test.png" > "$TMP/st.log" 2>&1 \
   && [[ -s $TMP/self-test.png ]]; then
    ok "suanli --self-test ($((SECONDS - t)) s)"
else
    bad "suanli --self-test ($((SECONDS - t)) s)"
fi
sed 's/^/    /' "$TMP/st.log" | tail -20

t=$SECONDS
if bare timeout 600 "$BIN/suanli-engine" train --dataset synthetic --epochs 1 --batch-size 64 \
        --limit 512 --json "$TMP/result.json" > "$TMP/cli.log" 2>&1 && [[ -s $TMP/result.json ]]; then
    ok "suanli-engine train --dataset synthetic ($((SECONDS - t)) s)"
else
    bad "suanli-engine train: $(tail -20 "$TMP/cli.log")"
fi
# The article's run as a new user starts it: MNIST, defaults but one epoch, no data anywhere.
t=$SECONDS
if bare timeout 900 "$BIN/suanli-engine" train --epochs 1 > "$TMP/mnist.log" 2>&1 \
   && grep -q "MNIST test split shipped with Suanli" "$TMP/mnist.log" \
   && grep -q "weighted avg" "$TMP/mnist.log"; then
    ok "suanli-engine train --epochs 1: MNIST from the shipped split, report printed ($((SECONDS - t)) s)"
    grep -E "dev accuracy|^ *accuracy|test accuracy" "$TMP/mnist.log" | tail -2 | sed 's/^/    /'
else
    bad "suanli-engine train --epochs 1 (MNIST, no data): $(tail -20 "$TMP/mnist.log")"
fi
# The quick suite: its card has a time to accuracy, measured on the shipped split.
t=$SECONDS
if bare timeout 1800 "$BIN/suanli-engine" bench --quick --out "$TMP/card.json" > "$TMP/bench.log" 2>&1 \
   && tta="$(card_field "$TMP/card.json" time_to_accuracy_s)" && [[ $tta != None ]] \
   && [[ "$(card_field "$TMP/card.json" dataset_sha256)" == "$SHIPPED_DATA_SHA256" ]]; then
    ok "suanli-engine bench --quick: time_to_accuracy_s $tta s on the shipped split ($((SECONDS - t)) s)"
else
    bad "suanli-engine bench --quick: time_to_accuracy_s ${tta:-missing}: $(tail -20 "$TMP/bench.log")"
fi
if bare "$BIN/suanli" engine --help > "$TMP/help.log" 2>&1 && grep -q train "$TMP/help.log"; then
    ok "suanli engine --help"
else
    bad "suanli engine --help: $(cat "$TMP/help.log")"
fi
if [[ -n $(find "$TMP/data" -type f 2>/dev/null | head -1) ]]; then
    ok "data written under \$SUANLI_HOME ($(find "$TMP/data" -type f | wc -l) files)"
else
    bad "nothing written under \$SUANLI_HOME"
fi

# Process start to first painted window (the window's own first-paint time stamp).
for i in 1 2; do
    start=$(date +%s.%N)
    line="$(bare timeout 120 "$BIN/suanli" --measure-startup 2>/dev/null | grep '^first-paint' | tail -1)"
    if [[ -n $line ]]; then
        echo "smoke: start to first window, run $i: $(awk -v a="$start" -v b="${line#first-paint }" \
            'BEGIN { printf "%.2f s", b - a }')"
    else
        bad "suanli --measure-startup printed no first-paint line"
    fi
done

if env -i HOME="$FAKE_HOME" PATH=/usr/bin:/bin sh "$PKG/install.sh" --uninstall > /dev/null 2>&1 \
   && [[ ! -e $FAKE_HOME/.local/opt/suanli && ! -e $BIN/suanli \
         && ! -e $FAKE_HOME/.local/share/applications/suanli.desktop ]]; then
    ok "install.sh --uninstall"
else
    bad "install.sh --uninstall left files behind"
fi

echo "smoke: $PASSED passed, $FAILED failed"
[[ $FAILED == 0 ]]
