"""Where Suanli finds its bundled resources, reads data and writes everything it keeps.

Bundled resources (``resources/``) sit in ``<repo>/resources`` from source; in the
PyInstaller app (``sys.frozen``) the spec (``build_spec/suanli.spec``) copies that folder to
``resources`` under ``sys._MEIPASS``; an installed wheel carries it as the package
``suanli.resources`` (``setup.py``), found with :mod:`importlib.resources`. Every file the
app loads from there is named through :func:`resource_path`, so a test can check that the
spec bundles it.

``$SUANLI_HOME`` overrides the per-user data directory from platformdirs;
everything the app writes lives under it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def suanli_home() -> Path:
    env = os.environ.get("SUANLI_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("suanli", appauthor=False))


def data_dir_candidates(explicit: str | os.PathLike | None = None) -> list[tuple[Path, str]]:
    """Directories to look for datasets in, in order, each with where it came from."""
    out: list[tuple[Path, str]] = []
    if explicit:
        out.append((Path(explicit).expanduser(), "--data-dir"))
    env = os.environ.get("SUANLI_DATA_DIR")
    if env:
        out.append((Path(env).expanduser(), "$SUANLI_DATA_DIR"))
    out.append((suanli_home() / "datasets", "$SUANLI_HOME/datasets"))
    return out


RESOURCE_DIR_NAME = "resources"
DISTRIBUTION_PACKAGE = "suanli"  # an installed wheel: suanli/{engine,gui,resources} (setup.py)
RESOURCE_PACKAGE = f"{DISTRIBUTION_PACKAGE}.{RESOURCE_DIR_NAME}"


def resource_dir() -> Path:
    """The folder holding Suanli's bundled resources: the frozen app's, an installed wheel's
    (the package ``suanli.resources``, found with :mod:`importlib.resources`), else the
    checkout's ``<repo>/resources`` next to ``engine/``."""
    base = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and base:
        return Path(base) / RESOURCE_DIR_NAME
    if installed():
        found = installed_resource_dir()
        if found is not None:
            return found
    return Path(__file__).resolve().parent.parent / RESOURCE_DIR_NAME


def installed() -> bool:
    """True when this engine is the one an installed wheel keeps inside ``suanli/``."""
    parent = Path(__file__).resolve().parent.parent
    return parent.name == DISTRIBUTION_PACKAGE and (parent / "__init__.py").is_file()


def installed_resource_dir() -> Path | None:
    """``suanli.resources`` of an installed wheel, as a folder (None when not installed)."""
    from importlib import resources

    try:
        root = resources.files(RESOURCE_PACKAGE)
    except ModuleNotFoundError:
        return None
    path = Path(str(root))  # a plain folder: pip installs wheels unzipped
    return path if path.is_dir() else None


def resource_path(name: str) -> Path:
    """Path of the resource ``name`` (e.g. ``"reference_profile.json"``); it may not exist."""
    return resource_dir() / name


def doc_path(name: str) -> Path:
    """Path of the document ``docs/<name>`` (e.g. ``"scores.md"``): the checkout's
    ``docs/`` (an installed wheel's ``suanli/docs`` beside its ``engine``), or the frozen
    app's copy with its resources (``resources/docs``); it may not exist."""
    beside = Path(__file__).resolve().parent.parent / "docs" / name  # checkout, or suanli/docs
    if getattr(sys, "frozen", False):
        return resource_dir() / "docs" / name
    return beside
