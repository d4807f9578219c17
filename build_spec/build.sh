#!/usr/bin/env bash
# Build the frozen Suanli app (one folder) and its installable archive, on Linux.
#
#   build_spec/build.sh [--gpu] [--fresh] [--no-archive]
#
#   --gpu         full TensorFlow with CUDA (tensorflow[and-cuda]) instead of tensorflow-cpu
#   --fresh       recreate the build venv even when its requirements did not change
#   --no-archive  stop after the app folder (dist/suanli)
#
# Makes build/venv-<flavour> (the build venv: the runtime dependencies of pyproject.toml +
# PyInstaller, installed from build_spec/requirements-<flavour>.lock; pip's cache is reused), runs PyInstaller on
# build_spec/suanli.spec into dist/suanli, strips TensorFlow's shared objects, and packs
#   dist/suanli-<version>-linux-<arch>[-gpu].tar.zst   (or .tar.gz without zstd)
# holding suanli/ (the app), install.sh, suanli.desktop and suanli.svg.
# Environment: PYTHON (default python3.11), SUANLI_ARCHIVE=zst|gz, PIP_ARGS (extra pip args).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3.11}"
FLAVOR=cpu
FRESH=0
ARCHIVE=1
for arg in "$@"; do
    case "$arg" in
        --gpu) FLAVOR=gpu ;;
        --fresh) FRESH=1 ;;
        --no-archive) ARCHIVE=0 ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

T0=$SECONDS
say() { printf '[build %4ds] %s\n' "$((SECONDS - T0))" "$*"; }

BUILD="$ROOT/build"
VENV="$BUILD/venv-$FLAVOR"
DIST="$ROOT/dist"
APP="$DIST/suanli"
mkdir -p "$BUILD" "$DIST"

# ---------------------------------------------------------------- 1. the build venv
# Installed from the lock file (every package pinned, with hashes; `make lock` regenerates
# it), so two builds of one commit hold the same packages.
REQS="$ROOT/build_spec/requirements-$FLAVOR.lock"
"$PYTHON" build_spec/bundle.py check-lock "$FLAVOR"
KEY="$("$PYTHON" -c 'import sys; print(sys.version)' | cksum) $(cksum < "$REQS")"
if [[ $FRESH == 1 || ! -x "$VENV/bin/python" || "$(cat "$VENV/.suanli-build" 2>/dev/null)" != "$KEY" ]]; then
    say "creating the build venv $VENV ($FLAVOR)"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    # shellcheck disable=SC2086
    # (pip's notes about missing local find-links folders are dropped from the log)
    "$VENV/bin/python" -m pip install --quiet ${PIP_ARGS:-} --require-hashes -r "$REQS" \
        2> >(grep -v 'is ignored: it is neither a file nor a directory' >&2)
    echo "$KEY" > "$VENV/.suanli-build"
else
    say "reusing the build venv $VENV (requirements unchanged; --fresh to rebuild it)"
fi
VERSION="$("$VENV/bin/python" build_spec/bundle.py version)"
say "suanli $VERSION; $("$VENV/bin/python" -m pip list 2>/dev/null \
    | grep -iE '^(tensorflow([-_]cpu)?|keras|pyside6[-_]essentials|pyinstaller) ' \
    | tr -s ' ' | paste -sd, - | sed 's/,/, /g')"

# ---------------------------------------------------------------- 2. PyInstaller
say "running PyInstaller"
rm -rf "$APP"
# PYTHONNOUSERSITE: nothing from ~/.local leaks into the analysis.
PYTHONNOUSERSITE=1 "$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$DIST" --workpath "$BUILD/pyinstaller-$FLAVOR" build_spec/suanli.spec
say "app unpacked (unstripped): $(du -sh "$APP" | cut -f1)"
# The CLI under its own name: a script, not a second executable (which would carry a second
# copy of the Python archive); `suanli engine ...` is the same program.
cat > "$APP/suanli-engine" <<'EOF'
#!/bin/sh
# The Suanli headless CLI (python -m engine): the same as `suanli engine ...`.
exec "$(dirname "$(readlink -f "$0")")/suanli" engine "$@"
EOF
chmod 755 "$APP/suanli-engine"

# ---------------------------------------------------------------- 3. strip and prune
# TensorFlow's shared objects carry ~250 MB of symbols. Only they are stripped: libraries
# under *.libs/ were patched by auditwheel and strip breaks them (NumPy's OpenBLAS).
if command -v strip >/dev/null; then
    say "stripping TensorFlow's shared objects"
    find "$APP/_internal/tensorflow" -type f \( -name '*.so' -o -name '*.so.*' \) \
        -not -path '*.libs/*' -print0 | xargs -0 -r strip --strip-unneeded
fi
# Qt plugins for embedded devices and the GTK3 theme, and the system libraries only they
# needed (see prune.py).
"$VENV/bin/python" build_spec/prune.py "$APP" | sed 's/^/    /'
BYTES=$(du -sb "$APP" | cut -f1)
say "app unpacked: $((BYTES / 1048576)) MiB ($BYTES bytes) in $APP"

# Every resource must be in the app.
for f in $("$PYTHON" -c 'import sys; sys.path.insert(0, "build_spec"); import bundle
for p in bundle.iter_resource_files(): print(p.relative_to(bundle.RESOURCES).as_posix())'); do
    [[ -f "$APP/_internal/resources/$f" ]] || { echo "build.sh: resources/$f missing from the app" >&2; exit 1; }
done

[[ $ARCHIVE == 1 ]] || { say "done (no archive)"; exit 0; }

# ---------------------------------------------------------------- 4. the archive
ARCH="$(uname -m)"
NAME="suanli-$VERSION-linux-$ARCH"
[[ $FLAVOR == gpu ]] && NAME="$NAME-gpu"
STAGE="$BUILD/stage"
rm -rf "$STAGE"
mkdir -p "$STAGE/$NAME"
cp -al "$APP" "$STAGE/$NAME/suanli" 2>/dev/null || cp -a "$APP" "$STAGE/$NAME/suanli"
install -m 755 build_spec/install.sh "$STAGE/$NAME/install.sh"
install -m 644 resources/suanli.desktop resources/suanli.svg resources/suanli.metainfo.xml \
    "$STAGE/$NAME/"
# bash/zsh completion of suanli-engine and suanli, made from their parsers (shtab)
"$VENV/bin/python" build_spec/completions.py "$STAGE/$NAME/completions" >/dev/null
install -m 644 build_spec/INSTALL.txt "$STAGE/$NAME/README.txt"

FORMAT="${SUANLI_ARCHIVE:-}"
[[ -z $FORMAT ]] && { command -v zstd >/dev/null && FORMAT=zst || FORMAT=gz; }
rm -f "$DIST/$NAME".tar.*
say "packing $NAME.tar.$FORMAT"
TAR=(tar -C "$STAGE" --owner=0 --group=0 --numeric-owner --sort=name -cf - "$NAME")
if [[ $FORMAT == zst ]]; then
    "${TAR[@]}" | zstd -q -T0 -10 -o "$DIST/$NAME.tar.zst"
else
    "${TAR[@]}" | gzip -6 > "$DIST/$NAME.tar.gz"
fi
OUTFILE="$DIST/$NAME.tar.$FORMAT"
(cd "$DIST" && sha256sum "$NAME.tar.$FORMAT" > "$NAME.tar.$FORMAT.sha256")
rm -rf "$STAGE"
say "archive: $OUTFILE ($(($(stat -c %s "$OUTFILE") / 1048576)) MiB)"
say "done in $((SECONDS - T0)) s; try: build_spec/smoke_test.sh $OUTFILE"
