"""Suanli as an installed distribution, under one top-level name: ``suanli``.

The wheel keeps the packages ``engine`` and ``gui`` (and ``resources/``, ``docs/``) inside
``suanli/`` (``setup.py``), so installing Suanli never writes a top-level ``engine`` or
``gui`` that another distribution could own, or overwrite. Suanli's code imports them as
``engine`` and ``gui``; importing ``suanli`` (the console scripts do, via
:mod:`suanli.launch`) puts :class:`SuanliPackages` first on ``sys.meta_path``, which loads
exactly those two names from here. In a checkout nothing of this is used: ``engine/`` and
``gui/`` are top-level folders there.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from types import ModuleType

PACKAGES = ("engine", "gui")  # the names Suanli's code imports, kept inside suanli/


class SuanliPackages(importlib.abc.MetaPathFinder):
    """Finds ``engine`` and ``gui`` where ``suanli.engine`` and ``suanli.gui`` are installed;
    their submodules then follow from the package's own ``__path__``."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in PACKAGES:
            return None
        inner = importlib.util.find_spec(f"{__name__}.{fullname}")  # not imported, located
        if inner is None or not inner.submodule_search_locations:
            return None
        folder = list(inner.submodule_search_locations)[0]
        parent = folder.rsplit("/", 1)[0] if "/" in folder else folder.rsplit("\\", 1)[0]
        return importlib.machinery.PathFinder.find_spec(fullname, [parent])


def install() -> None:
    """Put the finder first (once), so Suanli's ``engine`` and ``gui`` win in its process."""
    if not any(isinstance(f, SuanliPackages) for f in sys.meta_path):
        sys.meta_path.insert(0, SuanliPackages())


install()
