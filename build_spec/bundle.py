"""What goes into the frozen app: one place for the spec, the build script and the tests.

Plain Python (no PyInstaller import), so ``tests/build`` can check it without a build.
Paths are built with pathlib from this file's location; nothing here is Linux-only.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SPEC_DIR = Path(__file__).resolve().parent
ROOT = SPEC_DIR.parent
RESOURCES = ROOT / "resources"
# Where resources land inside the app (relative to sys._MEIPASS); engine/paths.py
# looks there when frozen.
RESOURCES_DEST = "resources"
APP_NAME = "suanli"  # the folder, the window executable, the .desktop file and the icon
ENGINE_EXE = "suanli-engine"  # Windows: console executable running the headless CLI
ENTRY_SCRIPT = SPEC_DIR / "suanli_main.py"
# First-party packages, collected whole: engine.cli.main imports its sub-command modules by
# name (importlib), and the window imports its views lazily.
PACKAGES = ("engine", "gui")
# Collected as bytecode in the archive *and* as .py files, for AutoGraph (tf.function).
MODULE_COLLECTION_MODE = {"engine": "pyz+py"}

# Modules the app never needs at run time. Each was checked against a frozen self-test.
# fmt: off
EXCLUDES = [
    # Test tooling and notebooks.
    "pytest", "_pytest", "pytestqt", "pluggy", "iniconfig", "IPython", "jupyter",
    "notebook", "ipykernel",
    # Other GUI toolkits and plotting stacks.
    "tkinter", "_tkinter", "matplotlib", "PyQt5", "PyQt6", "PySide2",
    # Heavy optional libraries that Keras or TensorFlow probe for but Suanli does not use.
    "tensorboard", "tensorboard_data_server", "tensorflow.tools.pip_package",
    "jax", "jaxlib", "torch", "torchvision", "pandas", "scipy", "sklearn", "clang",
    "tensorflow_io_gcs_filesystem",
    # Qt modules beyond Core/Gui/Widgets (+ Svg for the icon, OpenGL which pyqtgraph may
    # probe): keeps their shared libraries and plugins out of the app.
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2", "PySide6.QtQuick3D", "PySide6.QtSql", "PySide6.QtDesigner",
    "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtXml", "PySide6.QtDBus",
    "PySide6.QtConcurrent", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebChannel", "PySide6.QtWebSockets", "PySide6.QtCharts",
    "PySide6.QtDataVisualization", "PySide6.QtNetworkAuth", "PySide6.QtBluetooth",
    "PySide6.QtPositioning", "PySide6.QtSerialPort", "PySide6.QtRemoteObjects",
    "PySide6.QtScxml", "PySide6.QtStateMachine", "PySide6.QtTextToSpeech",
    "PySide6.Qt3DCore", "PySide6.QtAxContainer",
    "PySide6.QtTest",  # pyqtgraph imports it in a try/except
]
# fmt: on


def iter_resource_files() -> list[Path]:
    """Every file under resources/ (hidden files and caches left out), sorted."""
    out = []
    for path in sorted(RESOURCES.rglob("*")):
        rel = path.relative_to(RESOURCES)
        if path.is_file() and not any(p.startswith(".") or p == "__pycache__" for p in rel.parts):
            out.append(path)
    return out


# Documents the window shows (Help ▸ How the scores are computed: engine.paths.doc_path),
# kept in the app under resources/docs (as the wheel keeps them, setup.py).
DOCS = ("scores.md",)


def resource_datas() -> list[tuple[str, str]]:
    """PyInstaller ``datas``: (source file, destination folder in the app)."""
    out = []
    for path in iter_resource_files():
        dest = Path(RESOURCES_DEST, *path.relative_to(RESOURCES).parent.parts)
        out.append((str(path), dest.as_posix()))
    for name in DOCS:
        out.append((str(ROOT / "docs" / name), f"{RESOURCES_DEST}/docs"))
    return out


def source_modules(package: str) -> list[str]:
    """Dotted names of every module of a first-party package, read from the source tree."""
    base = ROOT / package
    names = []
    for path in sorted(base.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if "__pycache__" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts[-1] == "__main__":
            continue
        names.append(".".join(parts))
    return names


def hidden_imports() -> list[str]:
    return [name for package in PACKAGES for name in source_modules(package)]


def icon_file() -> str | None:
    """The executable's icon where the platform has a format for it (.ico / .icns)."""
    suffix = {"win32": ".ico", "darwin": ".icns"}.get(sys.platform)
    if suffix is None:
        return None
    path = RESOURCES / f"{APP_NAME}{suffix}"
    return str(path) if path.is_file() else None


def version() -> str:
    """The project version from pyproject.toml (``SUANLI_VERSION`` overrides)."""
    if os.environ.get("SUANLI_VERSION"):
        return os.environ["SUANLI_VERSION"]
    import tomllib

    with open(ROOT / "pyproject.toml", "rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


# The build venv: the runtime dependencies of pyproject.toml, with TensorFlow swapped for
# the flavour's package, plus PyInstaller.
TENSORFLOW_FLAVORS = {"cpu": "tensorflow-cpu", "gpu": "tensorflow[and-cuda]"}
# shtab: the bash/zsh completion of the CLI, generated at build time (completions.py)
BUILD_TOOLS = ["pyinstaller>=6.10,<7", "pyinstaller-hooks-contrib>=2024.8", "shtab>=1.7,<2"]
# The build venv installs from these (pinned, with hashes; `make lock` regenerates them).
LOCK_FILES = {flavor: SPEC_DIR / f"requirements-{flavor}.lock" for flavor in ("cpu", "gpu")}


def build_requirements(flavor: str = "cpu") -> list[str]:
    import re
    import tomllib

    with open(ROOT / "pyproject.toml", "rb") as fh:
        deps = tomllib.load(fh)["project"]["dependencies"]
    out = []
    for dep in deps:
        name = re.match(r"[A-Za-z0-9._-]+", dep).group(0)
        if name.lower() == "tensorflow":
            dep = TENSORFLOW_FLAVORS[flavor] + dep[len(name) :]
        out.append(dep)
    return out + BUILD_TOOLS


def lock_pins(flavor: str) -> dict[str, str]:
    """Normalised package name -> pinned version, from the flavour's lock file."""
    import re

    pins = {}
    for line in LOCK_FILES[flavor].read_text(encoding="utf-8").splitlines():
        m = re.match(r"([A-Za-z0-9._-]+)(\[[^\]]*\])?==([^\s;\\]+)", line)
        if m:
            pins[_normalise(m.group(1))] = m.group(3)
    return pins


def _normalise(name: str) -> str:
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


def lock_problems(flavor: str) -> list[str]:
    """Why the lock file does not fit the flavour's requirements (pyproject.toml changed
    since `make lock`); [] when it does. Versions are checked where ``packaging`` is there."""
    import re

    try:
        from packaging.requirements import Requirement
    except ImportError:  # a bare system Python: names only
        Requirement = None  # noqa: N806
    pins = lock_pins(flavor)
    problems = []
    for text in build_requirements(flavor):
        name = _normalise(re.match(r"[A-Za-z0-9._-]+", text).group(0))
        if name not in pins:
            problems.append(f"{text}: not in {LOCK_FILES[flavor].name}")
        elif Requirement is not None and pins[name] not in Requirement(text).specifier:
            problems.append(f"{text}: {LOCK_FILES[flavor].name} pins {pins[name]}")
    return problems


if __name__ == "__main__":  # used by build.sh: bundle.py requirements cpu | bundle.py version
    if sys.argv[1:2] == ["requirements"]:
        print("\n".join(build_requirements(sys.argv[2] if len(sys.argv) > 2 else "cpu")))
    elif sys.argv[1:2] == ["version"]:
        print(version())
    elif sys.argv[1:2] == ["check-lock"]:
        found = lock_problems(sys.argv[2] if len(sys.argv) > 2 else "cpu")
        for problem in found:
            print(f"bundle.py: {problem}; run `make lock`", file=sys.stderr)
        sys.exit(1 if found else 0)
    else:
        sys.exit("usage: bundle.py requirements [cpu|gpu] | check-lock [cpu|gpu] | version")
