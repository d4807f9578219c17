"""Where Suanli finds its bundled resources, reads data and writes everything it keeps.

Bundled resources (``resources/``) sit in ``<repo>/resources`` from source; in the
PyInstaller app (``sys.frozen``) the spec (``build_spec/suanli.spec``) copies that folder to
``resources`` under ``sys._MEIPASS``; an installed wheel carries it as the package
``suanli_resources`` (``setup.py``), found with :mod:`importlib.resources`. Every file the
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
RESOURCE_PACKAGE = "suanli_resources"  # resources/ in an installed wheel (setup.py)
# A file every resources folder holds: tells Suanli's resources/ from another project's
# folder of that name next to an installed engine/.
RESOURCE_MARKER = "reference_profile.json"


def resource_dir() -> Path:
    """The folder holding Suanli's bundled resources: the frozen app's, the checkout's
    (``<repo>/resources`` next to ``engine/``), else the installed package's."""
    base = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and base:
        return Path(base) / RESOURCE_DIR_NAME
    checkout = Path(__file__).resolve().parent.parent / RESOURCE_DIR_NAME
    if (checkout / RESOURCE_MARKER).is_file():
        return checkout
    installed = installed_resource_dir()
    return installed if installed is not None else checkout


def installed_resource_dir() -> Path | None:
    """``suanli_resources`` of an installed wheel, as a folder (None when not installed)."""
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
    ``docs/``, else the copy an installed wheel or the frozen app keeps with its resources
    (``resources/docs``); it may not exist."""
    checkout = Path(__file__).resolve().parent.parent / "docs" / name
    if checkout.is_file() and not getattr(sys, "frozen", False):
        return checkout
    return resource_dir() / "docs" / name
