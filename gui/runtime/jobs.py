"""The engine jobs the window runs on workers (``engine.jobs``, the same ones the command
line runs), and how the window words what they tell (no QObject: texts are translated
with ``QCoreApplication.translate("Jobs", …)``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from engine import jobs
from engine.config import RunConfig
from engine.events import Callback, CallbackList
from engine.jobs import JobNotes, callback_list


class WindowNotes(JobNotes):
    """What a job tells besides the run's events, as lines in the window's log (through
    ``callbacks.on_log``, so they reach the log like the run's own)."""

    def __init__(self, callbacks: Callback) -> None:
        self.callbacks = callbacks

    def store_error(self, error: str) -> None:
        self.callbacks.on_log(
            "warning",
            QCoreApplication.translate(
                "Jobs", "This run is not being recorded in the results store: {error}"
            ).format(error=error),
        )

    def card_not_stored(self, error: Exception) -> None:
        text = f"{type(error).__name__}: {error}".splitlines()[0]
        self.callbacks.on_log(
            "warning",
            QCoreApplication.translate(
                "Jobs", "The score card was not stored in the results store: {error}"
            ).format(error=text),
        )

    def card_recorded(self, run_id: int) -> None:
        self.callbacks.on_log(
            "info",
            QCoreApplication.translate(
                "Jobs",
                "Score card recorded as run {run} (History tab; python -m engine runs show {run}).",
            ).format(run=run_id),
        )


def recorded(callbacks: Any) -> CallbackList:
    """``callbacks`` as ``engine.jobs`` records a run (a StoreWriter on the default store,
    opened on the job's thread); a store problem becomes one warning in the log."""
    cbs = callback_list(callbacks)
    return jobs.recorded(cbs, WindowNotes(cbs))


def train_job(config: RunConfig, callbacks, control, tensorboard: Path | None = None):
    """``engine.jobs.train`` in the worker's shape; the window's sampler feeds the run's
    telemetry (see :class:`SampleRelay`). With ``tensorboard`` (a folder) the run's
    TensorBoard events are written there as it trains."""
    cbs = callback_list(callbacks)
    if tensorboard is not None:
        cbs.on_log(
            "info",
            QCoreApplication.translate(
                "Jobs",
                "TensorBoard events of this run go under {path} "
                "(watch with `tensorboard --logdir {path}`).",
            ).format(path=tensorboard),
        )
    return jobs.train(config, cbs, control, notes=WindowNotes(cbs), tensorboard=tensorboard)


def resume_job(run_id: str, callbacks, control):
    """``engine.jobs.resume``: go on with a stopped or interrupted run from its last
    checkpoint, in the worker's shape (bind ``run_id`` with ``functools.partial``)."""
    cbs = callback_list(callbacks)
    return jobs.resume(run_id, cbs, control, notes=WindowNotes(cbs))


class SampleRelay(Callback):
    """On the window's telemetry sampler, next to the Device tab's recorder: hands each
    snapshot on to the callbacks of the training job that is running, so that the run's
    :class:`~engine.store.writer.StoreWriter` (appended by ``engine.jobs``) keeps them
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


def bench_job(run_suite: Any, callbacks: Any, control: Any) -> Any:
    """``engine.jobs.bench``: the quick suite (``run_suite`` as the Benchmark tab found it),
    then its score card recorded in the results store. A store problem is a warning,
    never a failure: the card is still the job's result."""
    return jobs.bench(
        callbacks, control, notes=WindowNotes(callbacks), run_suite=run_suite, quick=True
    )


def compress_job(config: Any, callbacks, control) -> dict[str, Any]:
    """``engine.jobs.compress`` in the worker's shape: the lab, recorded in the results
    store (the Compression tab says where, or why not, from its result)."""
    return jobs.compress(config, callbacks, control)


def stored_samples_per_s(callbacks: Any) -> float | None:
    """The finished run's samples/s as the results store keeps it, the figure History
    shows (None when the run was not recorded). The window's tile shows this one too, so
    the two never disagree (the engine decides what it measures)."""
    from engine.store.records import StoreError
    from engine.store.store import Store
    from engine.store.writer import StoreWriter

    for cb in getattr(callbacks, "callbacks", ()):
        if isinstance(cb, StoreWriter) and cb.run_id is not None and cb.error is None:
            try:
                with Store() as store:
                    return store.get_summary(cb.run_id).samples_per_s
            except (StoreError, OSError, ValueError):
                return None
    return None


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
