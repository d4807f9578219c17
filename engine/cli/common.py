"""What every CLI command shares: exit codes, the usage error, output files (the one
writable-path check, atomic JSON), Ctrl-C during a run, and the store commands' run ids
and error handling.

Exit codes: 0 success, 1 unexpected failure, 2 bad configuration or input,
130 interrupted by Ctrl-C (what was done is still printed and written).
"""

from __future__ import annotations

import argparse
import re
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.cards.card_file import printable
from engine.files.json_text import json_dumps
from engine.files.output import OutputError, check_output, write_text
from engine.i18n import _
from engine.store.records import StoreError
from engine.store.store import Store

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

Handler = Callable[[argparse.Namespace], int]

# What a run reference may look like: a number or the engine's run id (a folder name).
RUN_REF = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class UsageError(Exception):
    """Bad input from the user that is not a config field (e.g. an output path)."""


def check_writable(path: str, *, json_flag: bool = False) -> Path:
    """``path`` (``~`` expanded) if a file can be written there; else :class:`UsageError`.

    The checks are :func:`engine.files.output.check_output`'s (not a folder, FIFO, device
    or the store's own files; the folder exists and takes a file). ``json_flag``: the path
    was given with ``--json`` (or another JSON output option), which the message names."""
    if not json_flag and Path(path).expanduser().is_dir():
        raise UsageError(_("{path}: is a folder; give a file name").format(path=path))
    try:
        return check_output(path, what="--json" if json_flag else "")
    except OutputError as exc:
        raise UsageError(str(exc)) from None


def write_json(path: Path, data: Any) -> None:
    """Write JSON safely (engine.files.output): a reader never sees half a file, and a
    failed write leaves no temporary file behind."""
    write_text(path, json_dumps(data, indent=2, ensure_ascii=False) + "\n")


class SigintStop:
    """First Ctrl-C asks the run to stop after the current batch; a second one aborts."""

    def __init__(self, control: Any) -> None:
        self.control = control
        self.hit = False
        self._old: Any = None

    def __enter__(self) -> SigintStop:
        self._old = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        if self.hit:
            raise KeyboardInterrupt
        self.hit = True
        self.control.stop()
        sys.stderr.write("\n" + _("Stopping after this batch… (Ctrl-C again to abort)") + "\n")

    def __exit__(self, *exc: Any) -> bool:
        signal.signal(signal.SIGINT, self._old)
        return False


def store_handler(fn: Handler) -> Handler:
    """Store errors become one line and exit code 2 (via engine.cli.main.main)."""

    def wrapped(args: argparse.Namespace) -> int:
        try:
            return fn(args)
        except StoreError as exc:
            raise UsageError(str(exc)) from None

    wrapped.__name__ = fn.__name__
    return wrapped


def resolve_run_id(store: Store, text: str) -> int:
    """A run's id from ``N``, ``run:N`` or the engine's run id (as ``resume`` takes)."""
    t = text.strip().removeprefix("run:")
    if not RUN_REF.match(t) or (t.isdigit() and int(t) < 1):
        raise UsageError(
            _(
                "{text} is not a run id: give the number or the run id shown by "
                "`python -m engine runs list`"
            ).format(text=repr(printable(text, 40)))
        )
    return store.find_run(t)
