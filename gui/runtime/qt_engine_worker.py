"""The one bridge between the engine and Qt: a QThread per job, callbacks become signals.

A job is any engine function shaped ``job(callbacks, control) -> result``. The worker runs
it on its own thread with a :class:`~engine.events.CallbackList` holding

* a :class:`_SignalBridge`, which turns the coarse engine events into queued signals
  (``progressed`` for run/epoch begin/end, ``logged``, ``scored``), and
* the extra callbacks the caller passes (e.g. plot-buffer recorders), which run on the
  worker thread and must be cheap: per-batch data goes to buffers, never to a signal.

Signals, in order: ``started`` once (QThread's own, as the thread begins), then any
``progressed``/``logged``/``scored``, then ``errored(message)`` if the job raised, then
``finished`` exactly once (QThread's own, as the thread ends; the job's return value is in
:attr:`QtEngineWorker.result`, ``None`` after an error). The worker never kills its thread: :meth:`stop` asks the job to stop
through its :class:`~engine.control.RunControl`, which the engine checks between batches.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QThread, Signal

from engine.control import RunControl
from engine.events import Callback, CallbackList

Job = Callable[[CallbackList, RunControl], Any]


def is_input_error(exc: BaseException) -> bool:
    """Bad input (config, data, a card…), as opposed to a bug: the message alone says it all."""
    from engine.errors import InputError

    return isinstance(exc, InputError)


def describe_error(exc: BaseException) -> str:
    """One readable line for an exception: engine input errors and ``RunFailed`` (e.g. out
    of memory, with what to do) carry their own message."""
    from engine.config import ConfigError
    from engine.errors import RunFailed
    from engine.i18n.message import config_error_message

    if isinstance(exc, ConfigError):
        return config_error_message(exc)  # in the window's language (str(exc) in English)
    if is_input_error(exc):
        return str(exc)
    if isinstance(exc, RunFailed) and str(exc).strip():
        return str(exc).strip().splitlines()[0]
    text = f"{type(exc).__name__}: {exc}".strip()
    return text.splitlines()[0] if text else type(exc).__name__


class _SignalBridge(Callback):
    """Engine hooks -> the worker's signals (emitted from the worker thread, so queued)."""

    def __init__(self, worker: QtEngineWorker) -> None:
        self._worker = worker

    def on_run_begin(self, info):
        self._worker.progressed.emit("run_begin", info)

    def on_epoch_begin(self, epoch, info):
        self._worker.progressed.emit("epoch_begin", {"epoch": epoch, **info})

    def on_epoch_end(self, epoch, logs):
        self._worker.progressed.emit("epoch_end", {"epoch": epoch, **logs})

    def on_log(self, level, message):
        self._worker.logged.emit(str(level), str(message))

    def on_score(self, card):
        self._worker.scored.emit(card)


class QtEngineWorker(QThread):
    """Runs one engine job on its own thread and reports through queued signals."""

    # ``started`` and ``finished`` are QThread's own signals (emitted on the worker thread).
    progressed = Signal(str, object)  # (event, payload): run_begin, epoch_begin, epoch_end
    logged = Signal(str, str)  # (level, message)
    scored = Signal(object)  # a score card or sub-score dict
    errored = Signal(str)  # a readable one-line message

    def __init__(
        self, job: Job, callbacks: Iterable[Callback] = (), name: str = "job", parent=None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"suanli-{name}")
        self.name = name
        self.control = RunControl()
        self.result: Any = None
        self.error: str | None = None
        self.traceback: str | None = None
        self.input_error = False  # True when the job refused its input (ConfigError/DataError)
        self._job = job
        self._callbacks = CallbackList([_SignalBridge(self), *callbacks])

    @property
    def callbacks(self) -> CallbackList:
        """What the job reports to: the signal bridge and the caller's callbacks (a job may
        append its own, e.g. the StoreWriter of :func:`engine.jobs.recorded`)."""
        return self._callbacks

    def run(self) -> None:  # the worker thread, between QThread's started and finished
        try:
            self.result = self._job(self._callbacks, self.control)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the window
            self.error = describe_error(exc)
            self.traceback = traceback.format_exc()
            self.input_error = is_input_error(exc)
            self.errored.emit(self.error)

    # -- control, from the GUI thread ----------------------------------------------------
    def stop(self) -> None:
        self.control.stop()

    def pause(self) -> None:
        self.control.pause()

    def resume(self) -> None:
        self.control.resume()

    @property
    def paused(self) -> bool:
        return self.control.paused
