"""Where Suanli finds its bundled resources, reads data and writes everything it keeps.

Bundled resources (``resources/``) sit in ``<repo>/resources`` from source; in the
PyInstaller app (``sys.frozen``) the spec (``build_spec/suanli.spec``) copies that folder to
``resources`` under ``sys._MEIPASS``. Every file the app loads from there is named through
:func:`resource_path`, so a test can check that the spec bundles it.

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


def resource_dir() -> Path:
    """The folder holding Suanli's bundled resources."""
    base = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and base:
        return Path(base) / RESOURCE_DIR_NAME
    return Path(__file__).resolve().parent.parent / RESOURCE_DIR_NAME


def resource_path(name: str) -> Path:
    """Path of the resource ``name`` (e.g. ``"reference_profile.json"``); it may not exist."""
    return resource_dir() / name
