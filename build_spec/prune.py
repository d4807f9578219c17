"""Linux, after PyInstaller: drop Qt plugins a desktop app does not use, then the system
libraries that only they needed.

    python build_spec/prune.py dist/suanli [--dry-run]

Why: PyInstaller copies every Qt plugin of the imported modules together with the build
machine's libraries they link. The GTK3 platform theme is the one that hurts: on a GNOME
desktop Qt loads it, it loads the user's libgtk-3, and that then runs against the build
machine's (possibly older) glib/cairo/pango from the app folder. Without it Qt uses its
built-in GNOME theme (Suanli draws with Fusion and its own style sheet anyway). The
embedded-device platforms (eglfs, linuxfb, vnc, …) and their input plugins go too.

A library directly in ``_internal/`` or ``_internal/PySide6/Qt/lib/`` is kept when a kept ELF file names it in DT_NEEDED
(read with ``objdump -p``), directly or through other kept libraries; libpython and
anything not a plain file are always kept. The smoke test runs the app afterwards.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

# Relative to PySide6/Qt/plugins in the app.
DROP_QT_PLUGINS = [
    "platformthemes/libqgtk3.so",
    "platforms/libqeglfs.so",
    "platforms/libqlinuxfb.so",
    "platforms/libqminimalegl.so",
    "platforms/libqvnc.so",
    "platforms/libqvkkhrdisplay.so",
    "egldeviceintegrations",
    "generic",
]
ALWAYS_KEEP_PREFIXES = ("libpython",)


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def needed(path: Path) -> list[str]:
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
    return [line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")]


def prune(app: Path, dry_run: bool = False) -> list[str]:
    internal = app / "_internal"
    plugins = internal / "PySide6" / "Qt" / "plugins"
    removed: list[str] = []
    for rel in DROP_QT_PLUGINS:
        target = plugins / rel
        if target.exists():
            removed.append(str(target.relative_to(app)))
            if not dry_run:
                shutil.rmtree(target) if target.is_dir() else target.unlink()
    if not shutil.which("objdump"):
        print("prune: no objdump; only the plugins were dropped", file=sys.stderr)
        return removed
    gone = {app / r for r in removed}

    def dropped(p: Path) -> bool:
        return any(p == g or g in p.parents for g in gone)

    lib_dirs = [internal, internal / "PySide6" / "Qt" / "lib"]
    top = {
        p.name: p
        for d in lib_dirs
        if d.is_dir()
        for p in d.iterdir()
        if ".so" in p.name and p.is_file()
    }
    candidates = {
        name
        for name, p in top.items()
        if not p.is_symlink() and not name.startswith(ALWAYS_KEEP_PREFIXES)
    }
    roots = [
        p
        for p in app.rglob("*")
        if p.is_file()
        and not p.is_symlink()
        and not dropped(p)
        and not (p.parent in lib_dirs and p.name in candidates)
        and is_elf(p)
    ]
    kept: set[str] = set()
    queue = list(roots)
    while queue:
        for name in needed(queue.pop()):
            if name in candidates and name not in kept:
                kept.add(name)
                queue.append(top[name])
    for name in sorted(candidates - kept):
        removed.append(str(top[name].relative_to(app)))
        if not dry_run:
            top[name].unlink()
    return removed


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    app, dry_run = Path(argv[0]), "--dry-run" in argv
    removed = prune(app, dry_run)
    what = "would remove" if dry_run else "removed"
    print(f"prune: {what} {len(removed)}: {' '.join(Path(r).name for r in removed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
