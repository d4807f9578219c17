"""Where Suanli reads data and writes everything it keeps.

``$SUANLI_HOME`` overrides the per-user data directory from platformdirs;
everything the app writes lives under it.
"""

from __future__ import annotations

import os
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
