"""The window's log file: a rotating ``suanli.log`` in the per-user log folder, with
``faulthandler`` on, so an error in a build without a console (Windows, macOS) is kept.

The folder is ``$SUANLI_HOME/logs`` when ``$SUANLI_HOME`` is set, else platformdirs'
user log folder (``~/.local/state/suanli/log`` on Linux, ``%LOCALAPPDATA%\\suanli\\Logs``,
``~/Library/Logs/suanli``). Python's ``logging`` (the engine's warnings included), uncaught
exceptions (with their traceback) and Qt's own warnings go to ``suanli.log`` (1 MiB, 3 old
copies kept); a hard crash (segfault, abort) is dumped by ``faulthandler`` to
``crash.log`` with every thread's stack.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import IO, Any

LOG_NAME = "suanli.log"
CRASH_NAME = "crash.log"
MAX_BYTES = 1 << 20
BACKUPS = 3

_state: dict[str, Any] = {"handler": None, "crash_file": None}


def log_dir() -> Path:
    """Where the log files go (made when the log starts)."""
    home = os.environ.get("SUANLI_HOME")
    if home:
        return Path(home).expanduser() / "logs"
    from platformdirs import user_log_dir

    return Path(user_log_dir("suanli", appauthor=False))


def start_log(folder: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Log to ``folder/suanli.log`` (default :func:`log_dir`), turn faulthandler on and
    catch uncaught exceptions; returns the log file, or None when the folder cannot be
    written (Suanli then runs without a log file, as before). Idempotent."""
    if _state["handler"] is not None:
        return Path(_state["handler"].baseFilename)
    folder = log_dir() if folder is None else folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        crash: IO[str] = open(folder / CRASH_NAME, "a", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        print(f"suanli: no log file in {folder}: {exc}", file=sys.stderr)
        return None
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    faulthandler.enable(file=crash, all_threads=True)
    _state.update(handler=handler, crash_file=crash)
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_thread_uncaught
    _install_qt_handler()
    logging.getLogger("suanli").info("Suanli started (pid %d)", os.getpid())
    return Path(handler.baseFilename)


def current_log_file() -> Path | None:
    """The log file in use (None before :func:`start_log`, or without one)."""
    handler = _state["handler"]
    return Path(handler.baseFilename) if handler is not None else None


def stop_log() -> None:
    """Close the log files (tests; the app leaves them to the end of the process)."""
    handler, crash = _state["handler"], _state["crash_file"]
    if handler is None:
        return
    logging.getLogger().removeHandler(handler)
    handler.close()
    faulthandler.disable()
    crash.close()
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
    _state.update(handler=None, crash_file=None)


def _log_uncaught(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    logging.getLogger("suanli").critical("uncaught exception", exc_info=(kind, exc, tb))
    sys.__excepthook__(kind, exc, tb)


def _log_thread_uncaught(args: threading.ExceptHookArgs) -> None:
    logging.getLogger("suanli").critical(
        "uncaught exception in thread %s",
        getattr(args.thread, "name", "?"),
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),  # type: ignore[arg-type]
    )
    threading.__excepthook__(args)


def _install_qt_handler() -> None:
    """Qt's warnings and errors to the log too (its debug chatter left out)."""
    try:
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    except ImportError:
        return
    log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind in levels:
            log.log(levels[kind], message)
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)
