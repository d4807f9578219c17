"""Entry point of the frozen app (both executables run this script).

    suanli                      the window (same options as ``python -m gui``, e.g. --self-test)
    suanli engine COMMAND ...   the headless CLI (same as ``python -m engine COMMAND ...``)
    suanli-engine COMMAND ...   the same CLI; a console executable, for Windows

It also runs from source: ``python build_spec/suanli_main.py engine train ...``.
"""

from __future__ import annotations

import os
import sys


def _wants_engine(argv: list[str]) -> tuple[bool, list[str]]:
    exe = sys.executable if getattr(sys, "frozen", False) else sys.argv[0]
    stem = os.path.splitext(os.path.basename(exe))[0].lower()
    if stem.endswith("-engine") or stem.endswith("_engine"):
        return True, argv
    if argv and argv[0] == "engine":
        return True, argv[1:]
    return False, argv


def main() -> int:
    if getattr(sys, "frozen", False):
        # Nothing in the frozen app may wander off to a Python installation of the host.
        for var in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"):
            os.environ.pop(var, None)
    if not getattr(sys, "frozen", False):  # from source: import engine/ and gui/ from the tree
        sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    engine, argv = _wants_engine(sys.argv[1:])
    if engine:
        sys.argv[0] = "suanli engine"
        try:
            from engine.cli.main import main as engine_main

            return engine_main(argv)
        except KeyboardInterrupt:  # Ctrl-C while modules are still loading
            sys.stderr.write("\ninterrupted\n")
            return 130
    from gui.__main__ import main as gui_main

    return gui_main(argv)


if __name__ == "__main__":
    sys.exit(main())
