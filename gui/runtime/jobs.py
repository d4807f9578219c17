"""The engine jobs the window runs on workers, and how it words what they find (no QObject:
texts are translated with ``QCoreApplication.translate("Jobs", …)``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from engine.config import RunConfig
from engine.events import Callback, CallbackList


def _tr(text: str) -> str:
    return QCoreApplication.translate("Jobs", text)


def train_job(config: RunConfig, callbacks, control):
    """``engine.training.run.run`` in the worker's shape (imported there: it pulls in TensorFlow).
    The run is recorded in the results store (see :func:`recorded`)."""
    from engine.training.run import run

    return run(config, recorded(callbacks), control)


def resume_job(run_id: str, callbacks, control):
    """``engine.training.run.resume``: go on with a stopped or interrupted run from its last
    checkpoint, in the worker's shape (bind ``run_id`` with ``functools.partial``)."""
    from engine.training.run import resume

    return resume(run_id, recorded(callbacks), control)


class _StoreWatch(Callback):
    """Placed after a :class:`~engine.store.writer.StoreWriter`: says once, in the log,
    when the run stops being recorded (the writer itself only logs to ``logging``)."""

    def __init__(self, writer: Any, callbacks: CallbackList) -> None:
        self.writer = writer
        self.callbacks = callbacks
        self.said = False

    def _check(self) -> None:
        if self.writer.error is not None and not self.said:
            self.said = True
            self.callbacks.on_log(
                "warning",
                QCoreApplication.translate(
                    "Jobs", "This run is not being recorded in the results store: {error}"
                ).format(error=self.writer.error),
            )

    def on_run_begin(self, info):
        self._check()

    def on_epoch_end(self, epoch, logs):
        self._check()

    def on_run_end(self, result):
        self._check()


def recorded(callbacks: Any) -> CallbackList:
    """``callbacks`` plus a :class:`~engine.store.writer.StoreWriter` (the default store,
    opened on the job's thread), as ``python -m engine train`` records its runs. A store
    problem never stops the run: it becomes one warning in the log."""
    from engine.store.writer import StoreWriter

    if isinstance(callbacks, CallbackList):
        cbs = callbacks
    else:
        cbs = CallbackList([callbacks] if isinstance(callbacks, Callback) else callbacks)
    writer = StoreWriter()
    cbs.append(writer)
    cbs.append(_StoreWatch(writer, cbs))
    return cbs


class SampleRelay(Callback):
    """On the window's telemetry sampler, next to the Device tab's recorder: hands each
    snapshot on to the callbacks of the training job that is running, so that the run's
    :class:`~engine.store.writer.StoreWriter` (appended by :func:`recorded`) keeps them
    with the run, as ``python -m engine train`` does with its own sampler.

    Snapshots arrive on the sampler's thread; :meth:`attach` and :meth:`detach` are called
    on the GUI thread. The target is one reference, read once per snapshot, so no lock is
    needed; a snapshot in flight as the job is detached may still reach it (a StoreWriter
    whose run has ended ignores it). The job's callbacks must not hold the Device tab's
    recorder, or the tab would get each sample twice.
    """

    def __init__(self) -> None:
        self._target: Callback | None = None

    def attach(self, callbacks: Callback) -> None:
        self._target = callbacks

    def detach(self, callbacks: Callback | None = None) -> None:
        """Stop relaying (to ``callbacks`` only, when given and still attached)."""
        if callbacks is None or self._target is callbacks:
            self._target = None

    @property
    def attached(self) -> Callback | None:
        return self._target

    def on_device_sample(self, snapshot: Any) -> None:
        target = self._target
        if target is not None:
            target.on_device_sample(snapshot)


def bench_job(run_suite: Any, callbacks: CallbackList, control: Any) -> Any:
    """The quick benchmark suite, then its score card recorded in the results store
    (as ``python -m engine bench`` does). A store problem is a warning, never a failure:
    the card is still the job's result."""
    card = run_suite(quick=True, callbacks=callbacks, control=control)
    if card is not None:
        record_bench_card(card, callbacks)
    return card


def record_bench_card(card: Any, callbacks: CallbackList) -> int | None:
    """Store a benchmark's card as a run; its id, or ``None`` (and a warning) on failure."""
    try:
        from engine.store.writer import record_card

        run_id = record_card(card)
    except Exception as exc:  # CardError, StoreError, sqlite3 trouble: never the job's end
        text = f"{type(exc).__name__}: {exc}".splitlines()[0]
        callbacks.on_log(
            "warning",
            QCoreApplication.translate(
                "Jobs", "The score card was not stored in the results store: {error}"
            ).format(error=text),
        )
        return None
    callbacks.on_log(
        "info",
        QCoreApplication.translate(
            "Jobs",
            "Score card recorded as run {run} (History tab; python -m engine runs show {run}).",
        ).format(run=run_id),
    )
    return run_id


def compress_job(config: Any, callbacks, control) -> dict[str, Any]:
    """The compression lab (``engine.compress.run_compression``) in the worker's shape; the
    lab records itself in the results store (``record=True``), as ``python -m engine
    compress`` does."""
    from engine.compress import run_compression

    return run_compression(config, callbacks, control, record=True)


def load_tensorflow_job(callbacks, control) -> dict[str, Any]:
    """Import TensorFlow (seconds; off the GUI thread) and describe the machine."""
    from engine import tf_runtime

    tf = tf_runtime.tf()
    try:
        from engine.telemetry.inventory import inventory

        return inventory(include_tensorflow=True)
    except ImportError:  # a build without telemetry: TensorFlow's own view of the devices
        return {
            "tensorflow": {
                "version": tf.__version__,
                "physical_devices": [
                    {"name": d.name, "device_type": d.device_type}
                    for d in tf.config.list_physical_devices()
                ],
            }
        }
