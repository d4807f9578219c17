"""Suanli's engine: training, benchmarks, scores and the results store, without Qt."""

from __future__ import annotations

DISTRIBUTION = "suanli"


def version() -> str:
    """Suanli's version: the installed distribution's, else pyproject.toml's (a checkout
    that was never installed), else ``"unknown"``."""
    from importlib import metadata
    from pathlib import Path

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if pyproject.is_file():  # a checkout: its own version, not another installed copy's
        import tomllib

        try:
            with open(pyproject, "rb") as fh:
                return str(tomllib.load(fh)["project"]["version"])
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            pass
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"
