"""The one bridge between the engine and Qt: jobs run on an engine thread, callbacks become signals.

A job is any engine function shaped ``job(callbacks, control) -> result``. A
:class:`QtEngineWorker` is one job: it runs on an :class:`EngineThread` with a
:class:`~engine.events.CallbackList` holding

* a :class:`_SignalBridge`, which turns the coarse engine events into queued signals
  (``progressed`` for run/epoch begin/end, ``logged``, ``scored``), and
* the extra callbacks the caller passes (e.g. plot-buffer recorders), which run on the
  engine thread and must be cheap: per-batch data goes to buffers, never to a signal.

The window keeps ONE engine thread for as long as it lives and runs every job on it, one
at a time in the order started: TensorFlow keeps some state for every thread that ever ran
an op (~0.04 MB each, never given back), so a thread per job would grow the process by
that much per job. A worker started without an engine thread gets one of its own, which
ends with the job.

Signals, in order: ``started`` once (as the job begins on the engine thread), then any
``progressed``/``logged``/``scored``, then ``errored(message)`` if the job raised, then
``finished`` exactly once (the job's last act; its return value is in
:attr:`QtEngineWorker.result`, ``None`` after an error). All are emitted on the engine
thread, so they reach GUI-thread receivers queued, in that order. Nothing kills the
thread: :meth:`QtEngineWorker.stop` asks the job to stop through its
:class:`~engine.control.RunControl`, which the engine checks between batches.
"""

from __future__ import annotations

import queue
import threading
import traceback
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal

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


class EngineThread:
    """One long-lived thread that runs workers' jobs one at a time, in the order submitted.

    Made and driven from the GUI thread: :meth:`submit` queues a worker (the thread starts
    with the first), :meth:`shut_down` lets it end after the queued jobs and joins it.
    A finished worker is never let go on the engine thread (freeing a Qt object there can
    deadlock with the GUI thread, see :mod:`gui.runtime.main_thread_gc`): the thread
    keeps it until :meth:`drop_finished` (or the next :meth:`submit`) on the GUI thread.
    """

    def __init__(self, name: str = "suanli-engine") -> None:
        self.name = name
        self._queue: queue.SimpleQueue[QtEngineWorker | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._finished: list[QtEngineWorker] = []
        self._lock = threading.Lock()
        self.jobs_run = 0

    def submit(self, worker: QtEngineWorker) -> None:
        """Run ``worker``'s job after those already queued."""
        self.drop_finished()
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
            self._thread.start()
        elif not self._thread.is_alive():
            raise RuntimeError(f"the engine thread {self.name!r} has been shut down")
        self._queue.put(worker)

    def shut_down(self, timeout: float | None = None) -> bool:
        """End the thread once the queued jobs are done and join it (at most ``timeout``
        seconds); True when no thread is left."""
        if self._thread is not None and self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout)
        self.drop_finished()
        return not self.running

    def drop_finished(self) -> None:
        """Let go of the workers whose jobs have ended (call on the GUI thread)."""
        with self._lock:
            done, self._finished = self._finished, []
        del done

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def ident(self) -> int | None:
        """The thread's identifier (``threading.get_ident()`` on it), None before it starts."""
        return self._thread.ident if self._thread is not None else None

    def _loop(self) -> None:
        while True:
            worker = self._queue.get()
            if worker is None:
                return
            done = worker.run_here()
            with self._lock:
                self._finished.append(worker)  # let go of on the GUI thread
                self.jobs_run += 1
            del worker
            done.set()


class _SignalBridge(Callback):
    """Engine hooks -> the worker's signals (emitted from the engine thread, so queued)."""

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


class QtEngineWorker(QObject):
    """Runs one engine job on an engine thread and reports through queued signals."""

    started = Signal()  # the job begins (emitted on the engine thread)
    progressed = Signal(str, object)  # (event, payload): run_begin, epoch_begin, epoch_end
    logged = Signal(str, str)  # (level, message)
    scored = Signal(object)  # a score card or sub-score dict
    errored = Signal(str)  # a readable one-line message
    finished = Signal()  # the job has ended, whatever happened (its last act)

    def __init__(
        self,
        job: Job,
        callbacks: Iterable[Callback] = (),
        name: str = "job",
        parent=None,
        *,
        engine_thread: EngineThread | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"suanli-{name}")
        self.name = name
        self.control = RunControl()
        self.result: Any = None
        self.error: str | None = None
        self.traceback: str | None = None
        self.input_error = False  # True when the job refused its input (ConfigError/DataError)
        self.thread_ident: int | None = None  # the thread the job ran on, once it has begun
        self._job = job
        self._callbacks = CallbackList([_SignalBridge(self), *callbacks])
        self._engine_thread = engine_thread
        self._own_thread: EngineThread | None = None  # when none was given: one for this job
        self._submitted = False
        self._done = threading.Event()

    @property
    def callbacks(self) -> CallbackList:
        """What the job reports to: the signal bridge and the caller's callbacks (a job may
        append its own, e.g. the StoreWriter of :func:`engine.jobs.recorded`)."""
        return self._callbacks

    def start(self) -> None:
        """Queue the job on its engine thread (a thread of its own when none was given)."""
        if self._submitted:
            raise RuntimeError(f"the job {self.name!r} has been started already")
        self._submitted = True
        thread = self._engine_thread
        if thread is None:
            thread = self._own_thread = EngineThread(f"suanli-{self.name}")
        thread.submit(self)
        if self._own_thread is not None:
            thread.shut_down(timeout=0)  # it ends after this job

    def run_here(self) -> threading.Event:
        """Run the job on the calling (engine) thread, between ``started`` and ``finished``;
        the event to set once the engine thread has let go of the worker."""
        done = self._done
        self.thread_ident = threading.get_ident()
        self.started.emit()
        try:
            self.result = self._job(self._callbacks, self.control)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the window
            self.error = describe_error(exc)
            self.traceback = traceback.format_exc()
            self.input_error = is_input_error(exc)
            self.errored.emit(self.error)
        self.finished.emit()
        return done

    def wait(self, msecs: int | None = None) -> bool:
        """Block until the job has ended (at most ``msecs``); True when it has."""
        if not self._submitted:
            return True
        ended = self._done.wait(None if msecs is None else msecs / 1000)
        if ended and self._own_thread is not None:
            self._own_thread.shut_down(None if msecs is None else msecs / 1000)
        return ended

    def isRunning(self) -> bool:  # noqa: N802 - QThread's name, which callers know
        """True from :meth:`start` until the job has ended (queued counts as running)."""
        return self._submitted and not self._done.is_set()

    def isFinished(self) -> bool:  # noqa: N802 - QThread's name, which callers know
        return self._done.is_set()

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
