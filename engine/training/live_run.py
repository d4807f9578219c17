"""The one live-run guard: a run folder is trained by one process at a time.

A process that trains a run (a new one or a resumed one) holds an exclusive lock on its
folder's ``.lock`` file for as long as it trains (``fcntl.flock``; released by the system
when the process ends in any way, ``kill -9`` included, so a lock is never stale). Whoever
wants to train the run too (``python -m engine resume``, the window's Resume) asks
:func:`live_run`; :class:`RunLock` refuses a second trainer with :class:`RunBusy`.

Runs recorded by a Suanli without the lock file are judged by the process id in their
``run.json`` (and its start time, so a reused id is not mistaken for the run's process).
Where ``fcntl`` does not exist (Windows) only that process check is made.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from engine.data.errors import DataError
from engine.i18n import _

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".lock"


class RunBusy(DataError):
    """The run is being trained by another process right now."""


def _process_alive(pid: Any, started_at: Any) -> bool:
    from engine.store.recovery import process_alive

    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0 or pid == os.getpid():
        return False
    return process_alive(pid, started_at if isinstance(started_at, int | float) else None)


def _lock_held(folder: Path) -> bool:
    """Whether another process holds ``folder``'s lock (never blocks)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(folder / LOCK_NAME, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing releases the shared lock taken to ask
    return False


def live_run(folder: Path, meta: dict[str, Any] | None) -> bool:
    """Whether the run in ``folder`` (whose ``run.json`` says ``meta``) is being trained by
    another process now: its lock is held, or it is ``running`` under a live process."""
    if _lock_held(folder):
        return True
    if meta is None or meta.get("status") != "running":
        return False
    return _process_alive(meta.get("pid"), meta.get("pid_started_at"))


class RunLock:
    """Held while this process trains the run in ``folder`` (a context manager)."""

    def __init__(self, folder: Path, run_id: str) -> None:
        self.folder, self.run_id = folder, run_id
        self._fd: int | None = None

    def acquire(self) -> RunLock:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if fcntl is None:
                return self
            fd = os.open(self.folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise DataError(
                self.folder,
                _(
                    "the run's folder cannot be written ({reason}); set SUANLI_HOME to a "
                    "writable folder, or train with --no-checkpoints"
                ).format(reason=exc.strerror or exc),
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise self.busy() from None
        self._fd = fd
        return self

    def busy(self) -> RunBusy:
        return RunBusy(
            self.folder,
            _(
                "run {run} is being trained by another process right now; wait until it "
                "ends (or stop it), then resume"
            ).format(run=self.run_id),
        )

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases the lock
            self._fd = None
            try:  # a run that ended before writing anything leaves no folder behind
                if [p.name for p in self.folder.iterdir()] == [LOCK_NAME]:
                    (self.folder / LOCK_NAME).unlink()
                    self.folder.rmdir()
            except OSError:
                pass

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc: Any) -> None:
        self.release()
