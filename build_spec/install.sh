#!/bin/sh
# Install Suanli for this user (no root needed), from the unpacked archive:
#
#   ./install.sh               install or update under ~/.local
#   ./install.sh --uninstall   remove it again (your runs and datasets are kept)
#   PREFIX=/some/where ./install.sh   install under another prefix
#
# Puts the app in $PREFIX/opt/suanli, the launchers $PREFIX/bin/suanli and
# $PREFIX/bin/suanli-engine, the desktop entry $PREFIX/share/applications/suanli.desktop,
# the icon $PREFIX/share/icons/hicolor/scalable/apps/suanli.svg, the AppStream metainfo
# $PREFIX/share/metainfo/suanli.metainfo.xml and the bash and zsh completion of both
# commands ($PREFIX/share/bash-completion/completions, $PREFIX/share/zsh/site-functions).
# (Not $PREFIX/share/suanli: that is where Suanli keeps your data, see $SUANLI_HOME.)
set -eu

PREFIX="${PREFIX:-$HOME/.local}"
HERE="$(cd "$(dirname "$0")" && pwd)"
APP_DIR="$PREFIX/opt/suanli"
BIN_DIR="$PREFIX/bin"
APPS_DIR="$PREFIX/share/applications"
ICON_DIR="$PREFIX/share/icons/hicolor/scalable/apps"
META_DIR="$PREFIX/share/metainfo"
BASH_DIR="$PREFIX/share/bash-completion/completions"
ZSH_DIR="$PREFIX/share/zsh/site-functions"

refresh_menus() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$APPS_DIR" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$PREFIX/share/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" 2>/dev/null || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$APP_DIR"
    rm -f "$BIN_DIR/suanli" "$BIN_DIR/suanli-engine" "$APPS_DIR/suanli.desktop" \
        "$ICON_DIR/suanli.svg" "$META_DIR/suanli.metainfo.xml" \
        "$BASH_DIR/suanli" "$BASH_DIR/suanli-engine" "$ZSH_DIR/_suanli" "$ZSH_DIR/_suanli-engine"
    refresh_menus
    echo "Suanli removed from $PREFIX (data in \$SUANLI_HOME or ~/.local/share/suanli kept)."
    exit 0
elif [ $# -gt 0 ]; then
    echo "usage: [PREFIX=DIR] $0 [--uninstall]" >&2
    exit 2
fi

[ -x "$HERE/suanli/suanli" ] || { echo "install.sh: $HERE/suanli/suanli not found" >&2; exit 1; }

# The app: copied next to the old one, then swapped in, so a failed copy leaves it intact.
mkdir -p "$PREFIX/opt" "$BIN_DIR" "$APPS_DIR" "$ICON_DIR"
rm -rf "$APP_DIR.new" "$APP_DIR.old"
cp -R "$HERE/suanli" "$APP_DIR.new"
[ -e "$APP_DIR" ] && mv "$APP_DIR" "$APP_DIR.old"
mv "$APP_DIR.new" "$APP_DIR"
rm -rf "$APP_DIR.old"

# Launchers: small scripts, so the app folder can move without breaking a symlink chain.
for name in suanli suanli-engine; do
    cat > "$BIN_DIR/$name.tmp" <<EOF
#!/bin/sh
exec "$APP_DIR/$name" "\$@"
EOF
    chmod 755 "$BIN_DIR/$name.tmp"
    mv "$BIN_DIR/$name.tmp" "$BIN_DIR/$name"
done

# Desktop entry: Exec/TryExec point at the launcher by absolute path (~/.local/bin is not
# on every desktop session's PATH).
awk -v exe="$BIN_DIR/suanli" '
    /^TryExec=/ { next }
    /^Exec=/ { print "Exec=\"" exe "\""; print "TryExec=" exe; next }
    { print }' "$HERE/suanli.desktop" > "$APPS_DIR/suanli.desktop.tmp"
mv "$APPS_DIR/suanli.desktop.tmp" "$APPS_DIR/suanli.desktop"
chmod 644 "$APPS_DIR/suanli.desktop"
cp "$HERE/suanli.svg" "$ICON_DIR/suanli.svg"
chmod 644 "$ICON_DIR/suanli.svg"
if [ -f "$HERE/suanli.metainfo.xml" ]; then
    mkdir -p "$META_DIR"
    cp "$HERE/suanli.metainfo.xml" "$META_DIR/suanli.metainfo.xml"
    chmod 644 "$META_DIR/suanli.metainfo.xml"
fi
# Shell completion (made at build time from the commands' own parsers).
if [ -d "$HERE/completions" ]; then
    mkdir -p "$BASH_DIR" "$ZSH_DIR"
    for name in suanli suanli-engine; do
        cp "$HERE/completions/bash/$name" "$BASH_DIR/$name"
        cp "$HERE/completions/zsh/_$name" "$ZSH_DIR/_$name"
        chmod 644 "$BASH_DIR/$name" "$ZSH_DIR/_$name"
    done
fi
refresh_menus

echo "Suanli installed in $APP_DIR"
echo "  window:   $BIN_DIR/suanli       (also in your desktop's application menu)"
echo "  CLI:      $BIN_DIR/suanli-engine train --dataset synthetic --epochs 1"
echo "  check:    $BIN_DIR/suanli --self-test"
case ":$PATH:" in
    *":$BIN_DIR:"*) ;;
    *) echo "Note: $BIN_DIR is not on your PATH; add it, or run the launchers by full path." ;;
esac
