"""The engine jobs the window runs on workers, and how it words what they find (no QObject:
texts are translated with ``QCoreApplication.translate("Jobs", …)``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

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


def device_choices(inv: dict[str, Any]) -> list[tuple[str, str]]:
    """Device combo entries from the inventory: automatic, CPU, each GPU TF can use, and all
    GPUs at once (MirroredStrategy) when there are two or more."""
    choices = [
        (QCoreApplication.translate("Jobs", "Automatic (GPU if there is one)"), "auto"),
        (QCoreApplication.translate("Jobs", "CPU"), "cpu"),
    ]
    tf = inv.get("tensorflow") or {}
    gpus = [d for d in tf.get("physical_devices", []) if d.get("device_type") == "GPU"]
    nv = {g.get("index"): g.get("name") for g in inv.get("gpus") or []}
    for i, d in enumerate(gpus):
        name = d.get("device_name") or nv.get(i) or d.get("name") or "GPU"
        label = QCoreApplication.translate("Jobs", "GPU {index}: {name}")
        choices.append((label.format(index=i, name=name), f"gpu:{i}"))
    if len(gpus) > 1:
        choices.append(
            (QCoreApplication.translate("Jobs", "All GPUs (MirroredStrategy)"), "all-gpus")
        )
    return choices


def status_text(inv: dict[str, Any]) -> str:
    """One status-bar line: TensorFlow's version and the devices it will train on."""
    tf = inv.get("tensorflow") or {}
    if tf.get("error"):
        return str(tf["error"])
    gpus = [c for c in device_choices(inv) if c[1].startswith("gpu:")]
    if gpus:
        devices = ", ".join(label for label, _ in gpus)
    else:
        devices = QCoreApplication.translate("Jobs", "no GPU; training on the CPU")
    cpu = (inv.get("cpu") or {}).get("model")
    version = tf.get("version", "?")
    if cpu:
        text = QCoreApplication.translate(
            "Jobs", "TensorFlow {version} ready · {devices} · CPU: {cpu}"
        )
    else:
        text = QCoreApplication.translate("Jobs", "TensorFlow {version} ready · {devices}")
    return text.format(version=version, devices=devices, cpu=cpu)


def _duration(seconds: float) -> str:  # as gui.theme.fmt_duration, without importing Qt
    h, rem = divmod(max(0, int(round(seconds))), 3600)
    return f"{h}:{rem // 60:02d}:{rem % 60:02d}" if h else f"{rem // 60}:{rem % 60:02d}"


def batch_text(info: dict[str, Any]) -> str:
    """How a run splits its batch over replicas ("" for one replica)."""
    replicas = int(info.get("replicas") or 1)
    if replicas <= 1:
        return ""
    per = float(info.get("per_replica_batch") or 0)
    per_text = f"{per:,.0f}" if per == int(per) else f"{per:,.1f}"
    return QCoreApplication.translate(
        "Jobs", "{replicas} replicas: global batch {batch}, {per} per replica"
    ).format(replicas=replicas, batch=f"{int(info.get('global_batch') or 0):,}", per=per_text)


# What the engine stored in English (a stop reason, an error, a data source, a device
# description) is said in the window's language by the engine itself, whose language
# follows the window's (gui.i18n.install).


def stop_reason_text(reason: str) -> str:
    """A stored stop reason in the window's language (one made otherwise: as it is)."""
    from engine.training.run import stop_reason_text as text

    return text(reason)


def error_text(error: str) -> str:
    """A run's stored error in the window's language, when the engine worded it."""
    from engine.training.run import error_text as text

    return text(error)


def device_text(description: str) -> str:
    """Where a run trains (a stored ``Placement.description``) in the window's language."""
    from engine.training.placement import description_text

    return description_text(description)


def source_text(source: str) -> str:
    """Where a run's data came from (a stored ``Dataset.source``) in the window's language."""
    from engine.data.sources import source_text as text

    return text(source)


def finished_text(result: Any) -> str:
    """One line on how a run ended: finished (and why early), or stopped (and how to go on)."""
    cfg = getattr(result, "config", {}) or {}
    total = int(cfg.get("epochs") or 0)
    done = len(getattr(result, "epochs", []) or [])
    test = getattr(result, "test", None)
    if result.status == "finished" and test:
        values = {
            "time": _duration(result.wall_seconds),
            "accuracy": f"{100 * test['accuracy']:.2f}",
            "done": done,
            "total": total,
        }
        reason = getattr(result, "stop_reason", None)
        if reason:
            return QCoreApplication.translate(
                "Jobs",
                "Finished early after {done} of {total} epochs ({reason}) in {time}: test "
                "accuracy {accuracy} %. The Evaluation tab has the details.",
            ).format(reason=stop_reason_text(reason), **values)
        return QCoreApplication.translate(
            "Jobs",
            "Finished in {time}: test accuracy {accuracy} %. The Evaluation tab has the details.",
        ).format(**values)
    if result.status == "stopped":
        if total == 1:
            text = QCoreApplication.translate("Jobs", "Stopped with {done} of {total} epoch done.")
        else:
            text = QCoreApplication.translate("Jobs", "Stopped with {done} of {total} epochs done.")
        text = text.format(done=done, total=total)
        if not cfg.get("checkpoints", True):
            tail = QCoreApplication.translate(
                "Jobs", "{text} Checkpoints were off, so this run cannot be resumed."
            )
        elif not done:
            tail = QCoreApplication.translate(
                "Jobs", "{text} No epoch was finished, so there is nothing to resume."
            )
        else:
            tail = QCoreApplication.translate(
                "Jobs", "{text} “Resume a run…” goes on from epoch {next}."
            )
        return tail.format(text=text, next=done + 1)
    return QCoreApplication.translate("Jobs", "Run {status} after {steps} steps.").format(
        status=status_word(result.status), steps=f"{result.steps:,}"
    )


_STATUS_WORDS = {
    "running": QT_TRANSLATE_NOOP("Jobs", "running"),
    "finished": QT_TRANSLATE_NOOP("Jobs", "finished"),
    "stopped": QT_TRANSLATE_NOOP("Jobs", "stopped"),
    "failed": QT_TRANSLATE_NOOP("Jobs", "failed"),
    "interrupted": QT_TRANSLATE_NOOP("Jobs", "interrupted"),
}


def status_word(status: str) -> str:
    """A run status (``finished``, ``stopped``, …) in the window's language."""
    word = _STATUS_WORDS.get(status)
    return _tr(word) if word else status
