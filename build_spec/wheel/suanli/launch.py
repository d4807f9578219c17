"""The installed console scripts: ``suanli`` (the window) and ``suanli-engine`` (the CLI).
Importing :mod:`suanli` first makes ``engine`` and ``gui`` Suanli's own."""

from __future__ import annotations

import sys

import suanli  # noqa: F401 - the finder for engine and gui


def window() -> int:
    from gui.__main__ import main

    return main()


def engine_cli() -> int:
    from engine.cli.main import main

    try:
        return main()
    except KeyboardInterrupt:  # Ctrl-C while modules are still loading
        sys.stderr.write("\ninterrupted\n")
        return 130
