"""Where the files in ``resources/`` are, from the source tree and from the frozen app.

From source they sit in ``<repo>/resources``; in the PyInstaller app (``sys.frozen``) the
spec (``build_spec/suanli.spec``) copies that folder to ``resources`` under
``sys._MEIPASS``. Every file the app loads from there is named through
:func:`resource_path`, so a test can check that the spec bundles it.
"""

from __future__ import annotations

import sys
from pathlib import Path

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
