"""What every CLI command shares: exit codes, the usage error, output files (the one
writable-path check, atomic JSON), Ctrl-C during a run, and the store commands' run ids
and error handling.

Exit codes: 0 success, 1 unexpected failure, 2 bad configuration or input,
130 interrupted by Ctrl-C (what was done is still printed and written).
"""

from __future__ import annotations

import argparse
import math
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.config import INT_LIMIT
from engine.files.json_text import json_dumps
from engine.files.output import OutputError, check_output, write_text
from engine.i18n import _
from engine.store.records import StoreError
from engine.store.run_ref import RUN_UID, BadRunRef, parse_run_ref
from engine.store.store import Store

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_TERMINATED = 128 + signal.SIGTERM  # 143, as a shell reports a process ended by SIGTERM

Handler = Callable[[argparse.Namespace], int]

# What a run reference may look like: a number or the engine's run id (a folder name).
RUN_REF = RUN_UID


def int_option(minimum: int = 0, maximum: int = INT_LIMIT) -> Callable[[str], int]:
    """An argparse ``type`` for an integer option that is not a RunConfig field: refused
    by argparse (exit 2, one line) before any work when outside ``minimum..maximum``
    (every integer has a top: at most :data:`engine.config.INT_LIMIT`)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not minimum <= value <= maximum:
            raise argparse.ArgumentTypeError(
                _("{value} is not allowed: an integer from {minimum} to {maximum}").format(
                    value=repr(text), minimum=minimum, maximum=maximum
                )
            )
        return value

    parse.__name__ = "integer"
    return parse


def fraction_option(text: str) -> float:
    """An argparse ``type`` for a number in (0, 1] (an accuracy target): NaN, infinities
    and numbers outside are refused before any work."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (0 < value <= 1):  # NaN fails every comparison
        raise argparse.ArgumentTypeError(
            _("{value} is not allowed: a number in (0, 1]").format(value=repr(text))
        )
    return value


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


def names_survive_output() -> None:
    """Let stdout and stderr print any file name: a name that is not UTF-8 (a lone
    surrogate in Python) is written back as its original bytes, as ``ls`` does, instead of
    failing with UnicodeEncodeError after the work is done."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            try:
                reconfigure(errors="surrogateescape")
            except (ValueError, OSError):
                pass


class SigintStop:
    """First Ctrl-C asks the run to stop after the current batch; a second one aborts.

    With ``sigterm`` a SIGTERM (``kill``, a service manager, a closing terminal session)
    stops the same way, so what was measured is still recorded (a stopped run), and
    :attr:`exit_code` is 143 rather than 130; a second signal aborts."""

    def __init__(self, control: Any, sigterm: bool = False) -> None:
        self.control = control
        self.hit = False
        self.terminated = False
        self.sigterm = sigterm
        self._old: Any = None
        self._old_term: Any = None

    @property
    def exit_code(self) -> int:
        return EXIT_TERMINATED if self.terminated else EXIT_INTERRUPTED

    def __enter__(self) -> SigintStop:
        self._old = signal.signal(signal.SIGINT, self._handle)
        if self.sigterm:
            self._old_term = signal.signal(signal.SIGTERM, self._handle_term)
        return self

    def _handle_term(self, signum: int, frame: Any) -> None:
        if self.hit:
            raise KeyboardInterrupt
        self.hit = self.terminated = True
        self.control.stop()
        sys.stderr.write("\n" + _("Terminated: stopping and recording what was measured…") + "\n")

    def _handle(self, signum: int, frame: Any) -> None:
        if self.hit:
            raise KeyboardInterrupt
        self.hit = True
        self.control.stop()
        sys.stderr.write("\n" + _("Stopping after this batch… (Ctrl-C again to abort)") + "\n")

    def __exit__(self, *exc: Any) -> bool:
        signal.signal(signal.SIGINT, self._old)
        if self.sigterm:
            signal.signal(signal.SIGTERM, self._old_term)
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
    """A run's id from ``N``, ``run:N`` or the engine's run id (as ``resume`` takes): the
    one parser, :func:`engine.store.run_ref.parse_run_ref`."""
    try:
        return store.find_run(text)
    except BadRunRef as exc:
        raise UsageError(str(exc)) from None


def resume_run_uid(text: str) -> str:
    """The engine run id (checkpoint folder) that ``resume TEXT`` continues: ``N`` and
    ``run:N`` are looked up in the results store, a run id is taken as it is."""
    try:
        ref = parse_run_ref(text)
    except BadRunRef as exc:
        raise UsageError(str(exc)) from None
    if isinstance(ref, str):
        return ref
    try:
        with Store() as store:
            return store.get_summary(store.find_run(ref)).uid
    except StoreError as exc:
        raise UsageError(str(exc)) from None
