"""The name of the command the user typed, for usage lines and the hints that name a
command (``see `suanli-engine runs list```): one place, so ``--help``, errors and hints all
say what works where the user is.

- ``suanli-engine …`` (the installed console script): ``suanli-engine``
- ``suanli engine …`` (the frozen app; ``build_spec/suanli_main.py`` sets ``argv[0]``):
  ``suanli engine``
- the window (``suanli``, installed or frozen) names the CLI installed beside it
- ``python -m suanli …`` (an installed wheel): ``python -m suanli``
- ``python -m engine …`` and anything else (tests, scripts): ``python -m engine``
"""

from __future__ import annotations

import os
import re
import sys

ENGINE_COMMAND = "suanli-engine"
WINDOW_COMMAND = "suanli"
MODULE_COMMAND = "python -m engine"
INSTALLED_MODULE_COMMAND = "python -m suanli"


def program_name(argv0: str | None = None) -> str:
    """What to call the CLI in ``--help`` and hints (``argv0``: ``sys.argv[0]``)."""
    arg = sys.argv[0] if argv0 is None else argv0
    if arg == f"{WINDOW_COMMAND} engine":  # the frozen app's `suanli engine`
        return arg
    stem = os.path.splitext(re.split(r"[\\/]", arg)[-1])[0].lower()  # Windows paths too
    if stem in (ENGINE_COMMAND, ENGINE_COMMAND.replace("-", "_")):
        return ENGINE_COMMAND
    if getattr(sys, "frozen", False):
        return f"{WINDOW_COMMAND} engine"
    if stem == WINDOW_COMMAND:  # the installed window: its CLI is the script beside it
        return ENGINE_COMMAND
    from engine.paths import installed

    if stem == "__main__" and installed():  # python -m suanli (an installed wheel)
        return INSTALLED_MODULE_COMMAND
    return MODULE_COMMAND
