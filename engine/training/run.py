"""Training: the article's ``tf.function`` GradientTape ``train_step``, per-epoch dev
results, checkpoints, stopping rules, and the test classification report.
``run()`` is the one entry point the CLI and the window share; ``resume()`` continues
a stopped or interrupted run from its last completed epoch.
"""

from __future__ import annotations

import dataclasses
import math
import os
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine import metrics as m
from engine import models
from engine.config import RunConfig
from engine.control import RunControl
from engine.data import Dataset, load_dataset
from engine.errors import RunFailed
from engine.events import Callback, CallbackList
from engine.files.disk import human_bytes, is_disk_full
from engine.i18n import N_, _
from engine.i18n.message import Message, stored
from engine.i18n.program import program_name
from engine.scoring.energy import EnergyMeter, run_energy
from engine.store.recovery import process_start_time
from engine.tf_runtime import tf as _tf
from engine.training.calls import training_calls
from engine.training.checkpoint import CheckpointError, RunFolder, new_run_id
from engine.training.evaluate import evaluate_test, run_scores
from engine.training.live_run import RunLock, live_run
from engine.training.loop import FitResult, fit
from engine.training.placement import Placement, place
from engine.training.steps import (
    keep_steps,
    make_optimizer,
    make_schedule,
    reusable_steps,
    steps_key,
)
from engine.training.traces import custom_gradient_names, release_custom_gradients


@dataclass
class RunResult:
    status: str  # "running" | "finished" | "stopped" | "failed"
    config: dict[str, Any]
    run_id: str = ""
    info: dict[str, Any] = field(default_factory=dict)
    epochs: list[dict[str, Any]] = field(default_factory=list)
    test: dict[str, Any] | None = None
    steps: int = 0
    samples_seen: int = 0
    train_seconds: float = 0.0
    wall_seconds: float = 0.0
    stop_reason: Message | None = None
    error: Message | str | None = None  # a Message, or an exception's text
    checkpoint_seconds: float = 0.0
    scores: list[dict[str, Any]] = field(default_factory=list)
    misclassified: list[dict[str, Any]] = field(default_factory=list)
    # Not serialised: arrays for the window and for tests.
    misclassified_images: np.ndarray | None = field(default=None, repr=False)
    test_labels: np.ndarray | None = field(default=None, repr=False)
    test_predictions: np.ndarray | None = field(default=None, repr=False)
    # The trained model's weights (``model.get_weights()``), not the model: the compiled
    # model is reused by the next run (see :func:`trained_model`).
    weights: list[np.ndarray] | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        skip = {"misclassified_images", "test_labels", "test_predictions", "weights"}
        return {
            f.name: stored(getattr(self, f.name))
            for f in dataclasses.fields(self)
            if f.name not in skip
        }


def _callbacks(callbacks) -> CallbackList:
    if isinstance(callbacks, CallbackList):
        return callbacks
    return CallbackList([callbacks] if isinstance(callbacks, Callback) else callbacks)


def run(
    config: RunConfig,
    callbacks: Callback | list[Callback] | None = None,
    control: RunControl | None = None,
    dataset: Dataset | None = None,
    resume_from: str | None = None,
) -> RunResult:
    """Train ``config.model`` on ``config.dataset`` and evaluate it on the test split.

    Raises ``ConfigError``/``DataError`` for bad input before training starts, and
    ``RunFailed`` (after ``on_log``/``on_run_end`` with status ``failed``) when
    training itself fails, e.g. out of memory.
    """
    config.validate()
    cbs = _callbacks(callbacks)
    control = control or RunControl()
    wall0 = time.perf_counter()
    folder = RunFolder(resume_from or new_run_id())
    result = RunResult(status="running", config=config.to_dict(), run_id=folder.run_id)
    if dataset is None:
        cbs.on_log("info", _("Loading {dataset}…").format(dataset=config.dataset))
        dataset = load_dataset(
            config.dataset,
            config.data_dir,
            config.dev_fraction,
            config.limit,
            download=config.download,
            progress=_DownloadLog(cbs),
        )
    for note in dataset.notes:
        cbs.on_log("warning", note)
    placement = place(config.device)
    tmp = None
    if not placement.chief:  # other workers checkpoint too (collectives), but not to keep
        tmp = tempfile.TemporaryDirectory(prefix="suanli-worker-")
        folder = RunFolder(folder.run_id, root=_path(tmp.name))
    # the one live-run guard (engine.training.live_run): one process trains a run folder
    lock = RunLock(folder.path, folder.run_id)
    if config.checkpoints or resume_from is not None:
        try:
            lock.acquire()
        except BaseException:
            if tmp is not None:
                tmp.cleanup()
            raise
    registered = custom_gradient_names()  # what tracing leaves in TensorFlow (traces.py)
    try:
        return _train(
            config,
            dataset,
            placement,
            cbs,
            control,
            result,
            folder,
            wall0,
            resuming=resume_from is not None,
        )
    except Exception as exc:
        if resume_from is not None and not result.info:
            # failed before the checkpoint was restored (a damaged checkpoint, ...): the
            # run has not started again; its run.json and stored history stay as they are
            raise
        result.status = "failed"
        result.error = _describe(exc, config)  # a Message in run.json and the store
        result.wall_seconds = time.perf_counter() - wall0
        if config.checkpoints and placement.chief:
            try:
                _write_meta(folder, config, result)
            except Exception:  # e.g. the disk is still full: the old run.json stays
                pass
        shown = result.error.text() if isinstance(result.error, Message) else result.error
        cbs.on_log("error", shown)
        cbs.on_run_end(result)
        raise RunFailed(shown) from exc
    finally:
        lock.release()
        release_custom_gradients(registered)
        if tmp is not None:
            tmp.cleanup()


class _DownloadLog:
    """Turns download progress (bytes done, total) into a log line every 10 %."""

    def __init__(self, cbs: CallbackList) -> None:
        self.cbs, self.last = cbs, -1

    def __call__(self, done: int, total: int) -> None:
        pct = int(100 * done / total) // 10 * 10 if total else 0
        if pct != self.last:
            self.last = pct
            self.cbs.on_log("info", _("Loading data… {pct} %").format(pct=pct))


def resume(
    run_id: str, callbacks=None, control: RunControl | None = None, data_dir: str | None = None
) -> RunResult:
    """Continue a stopped or interrupted run from its last completed epoch."""
    from engine.data import DataError

    folder = RunFolder(run_id)
    if not folder.exists():
        raise DataError(
            folder.path,
            _("no run {run} here; see `{prog} runs list`").format(
                run=repr(run_id), prog=program_name()
            ),
        )
    meta = folder.read_meta()  # CheckpointError (exit 2) when damaged
    if live_run(folder.path, meta):
        raise RunLock(folder.path, run_id).busy()
    if meta.get("status") == "finished":
        raise DataError(
            folder.path, _("run {run} already finished; nothing to resume").format(run=run_id)
        )
    if not folder.epochs():
        raise DataError(
            folder.path,
            _("run {run} has no completed epoch to resume from").format(run=run_id),
        )
    if not isinstance(meta.get("config"), dict):
        raise CheckpointError(
            folder.path / "run.json",
            _("is not a run's metadata (no config); the run cannot be resumed"),
        )
    try:
        config = RunConfig.from_dict(meta["config"]).validate()
    except (TypeError, ValueError) as exc:
        raise CheckpointError(
            folder.path / "run.json",
            _("holds a config that cannot be used ({reason}); the run cannot be resumed").format(
                reason=str(exc).splitlines()[0][:160]
            ),
        ) from None
    if data_dir:
        config = config.replace(data_dir=data_dir)
    return run(config, callbacks, control, resume_from=run_id)


def _path(p: str):
    from pathlib import Path

    return Path(p)


def _describe(exc: BaseException, config: RunConfig) -> Message | str:
    """Why a run failed, in one line: advice the engine words, or the exception's text."""
    if is_disk_full(exc):  # before TensorFlow's ResourceExhaustedError: not out of memory
        folder = getattr(exc, "folder", None)
        free = human_bytes(getattr(exc, "free_bytes", None))
        return Message(DISK_FULL, {"folder": str(folder or "?"), "free": free})
    tf = _tf()
    if isinstance(exc, tf.errors.ResourceExhaustedError):
        values = {"batch": config.batch_size, "smaller": max(1, config.batch_size // 2)}
        return Message(OUT_OF_MEMORY, values)
    return f"{type(exc).__name__}: {exc}".splitlines()[0]


def _write_meta(folder: RunFolder, config: RunConfig, result: RunResult) -> None:
    folder.write_meta(
        {
            "run_id": result.run_id,
            "pid": os.getpid(),
            "pid_started_at": process_start_time(os.getpid()),
            "status": result.status,
            "config": config.to_dict(),
            "epochs": result.epochs,
            "checkpoint_epochs": folder.epochs(),
            "error": stored(result.error),
        }
    )


def _build(config: RunConfig, placement: Placement, steps_per_epoch: int, num_classes: int):
    import keras

    previous = keras.config.dtype_policy()
    if config.precision != "float32":
        keras.config.set_dtype_policy(config.precision)
    try:
        scope = placement.strategy.scope() if placement.strategy else _tf().device(placement.device)
        with scope:
            model = models.build(config.model, num_classes=num_classes)
            optimizer = make_optimizer(
                config.optimizer, make_schedule(config, steps_per_epoch), config.precision
            )
    finally:
        keras.config.set_dtype_policy(previous)
    return model, optimizer


def _train(
    config: RunConfig,
    ds: Dataset,
    placement: Placement,
    cbs: CallbackList,
    control: RunControl,
    result: RunResult,
    folder: RunFolder,
    wall0: float,
    resuming: bool,
) -> RunResult:
    tf = _tf()
    import keras

    keras.utils.set_random_seed(config.seed)
    n_train = len(ds.x_train)
    steps_per_epoch = math.ceil(n_train / config.batch_size)
    model, optimizer = _build(config, placement, steps_per_epoch, len(ds.class_names))
    key = steps_key(config, placement.device, steps_per_epoch, ds.class_names, ds.x_train.shape)
    steps = reusable_steps(key, model, optimizer, placement.strategy, jit_compile=config.xla)
    model, optimizer = steps.model, steps.optimizer  # kept ones, with this run's weights
    start_epoch = 1
    if resuming:  # the newest checkpoint that loads (CheckpointError when none does)
        last = folder.restore_latest(model, optimizer, warn=lambda t: cbs.on_log("warning", t))
        result.epochs = list(folder.read_meta().get("epochs", []))[:last]
        result.steps = last * steps_per_epoch
        result.samples_seen = last * n_train
        start_epoch = last + 1
        cbs.on_log(
            "info",
            _("Resuming run {run} after epoch {epoch}.").format(run=folder.run_id, epoch=last),
        )
    result.info = {
        "run_id": result.run_id,
        "dataset": {
            "name": ds.name,
            "source": stored(ds.source),
            "sizes": ds.sizes,
            "class_names": list(ds.class_names),
        },
        "model": {**models.model_facts(model), "registry_name": config.model},
        "device": stored(placement.description),
        "replicas": placement.replicas,
        "global_batch": config.batch_size,
        "per_replica_batch": config.batch_size / placement.replicas,
        "steps_per_epoch": steps_per_epoch,
        "epochs": config.epochs,
        "start_epoch": start_epoch,
        "batch_size": config.batch_size,
        "precision": config.precision,
        "xla": config.xla,
        "tensorflow": tf.__version__,
    }
    if config.checkpoints:
        _write_meta(folder, config, result)
    cbs.on_run_begin({"config": config.to_dict(), **result.info})
    meter = _energy_meter(placement)
    state = {"best": None, "waited": 0}
    for e in result.epochs:  # stopping-rule state of a resumed run
        state["best"], state["waited"] = _track(config, e, state["best"], state["waited"])

    def checkpoint(epoch: int) -> None:
        if config.checkpoints:
            tc = time.perf_counter()
            folder.save(model, optimizer, epoch)
            _write_meta(folder, config, result)
            result.checkpoint_seconds += time.perf_counter() - tc

    def end_early(epoch: int, logs: dict[str, Any]) -> bool:
        cbs.on_score(
            {
                "name": "train_samples_per_s",
                "value": logs["samples_per_s"],
                "unit": "samples/s",
                "higher_is_better": True,
                "epoch": epoch,
            }
        )
        state["best"], state["waited"] = _track(config, logs, state["best"], state["waited"])
        reason = _stop_rule(config, logs, state["waited"])
        if reason and epoch < config.epochs:
            result.stop_reason = reason
            cbs.on_log("info", _("Stopping early: {reason}.").format(reason=reason.text()))
            return True
        return False

    samples_before = result.samples_seen
    earlier = [e.get(m.SECONDS, 0.0) for e in result.epochs]  # earlier sessions' epochs
    earlier_energy = [e.get(m.ENERGY_J) for e in result.epochs]
    progress = FitResult(steps=result.steps, epochs=result.epochs)
    batches, step, plan = training_calls(
        steps,
        ds.x_train,
        ds.y_train,
        config.batch_size,
        config.seed,
        device=placement.device,
        setting=config.steps_per_call,
    )
    try:
        with (
            tf.device(placement.device)
            if placement.strategy is None
            else placement.strategy.scope()
        ):
            fit(
                epochs=config.epochs,
                steps_per_epoch=steps_per_epoch,
                batches=batches,
                step=step,
                dev=lambda: steps.evaluate(ds.x_dev, ds.y_dev)[:2],
                events=cbs,
                control=control,
                start_epoch=start_epoch,
                first_step=result.steps,
                out=progress,
                learning_rate=lambda: float(keras.ops.convert_to_numpy(optimizer.learning_rate)),
                checkpoint=checkpoint,
                end_early=end_early,
                energy=meter,
            )
    finally:  # a failed run keeps what its finished epochs did
        meter.close()
        result.info["input"] = "tf.data" if plan is None else "device"
        result.info["steps_per_call"] = 1 if plan is None else plan.k
        result.steps = progress.steps
        result.samples_seen = samples_before + progress.samples_seen
    result.train_seconds = float(sum(earlier)) + progress.seconds  # the samples' period
    energy = run_energy(earlier_energy, meter.total())
    result.info["energy"] = energy.to_dict()
    stopped = progress.status == "stopped"
    result.weights = model.get_weights()
    if stopped:
        result.status = "stopped"
        result.stop_reason = Message(STOPPED_BY_USER)
        if config.checkpoints and folder.epochs():
            said = _("Stopped after {steps} steps; resume with `{prog} resume {run}`.")
        else:  # no completed epoch was saved: there is nothing to resume from
            said = _("Stopped after {steps} steps, before a complete epoch was saved.")
        cbs.on_log("info", said.format(steps=result.steps, run=result.run_id, prog=program_name()))
    else:
        evaluate_test(steps, ds, result)
        result.status = "finished"
        result.scores = run_scores(config, result, model, energy.joules)
        for sub in result.scores:
            cbs.on_score(sub)
    result.wall_seconds = time.perf_counter() - wall0
    if config.checkpoints and folder.path.exists():
        _write_meta(folder, config, result)
    keep_steps(key, steps)  # for the next run of this shape (the result holds no model)
    cbs.on_run_end(result)
    return result


def _energy_meter(placement: Placement) -> EnergyMeter:
    """The energy of the GPUs this run trains on (none for a CPU run)."""
    names = [placement.device]
    if placement.strategy is not None:
        try:
            names = list(placement.strategy.extended.worker_devices)
        except AttributeError:
            pass
    return EnergyMeter.for_tf_devices(names)


def trained_model(result: RunResult) -> Any:
    """A Keras model with a finished run's weights, built anew (a result keeps the
    weights, not the model it trained)."""
    model = models.build(
        result.config["model"], num_classes=len(result.info["dataset"]["class_names"])
    )
    if result.weights is not None:
        model.set_weights(result.weights)
    return model


def _track(config: RunConfig, logs: dict, best, waited: int):
    value = logs[config.monitor]
    better = best is None or (value < best if config.monitor == "dev_loss" else value > best)
    return (value, 0) if better else (best, waited + 1)


# How a run's end is said: Messages, stored in run.json and the results store as
# {"message": template, "args": {...}} and said in the user's language where shown.
OUT_OF_MEMORY = N_(
    "out of memory at batch size {batch}: the device cannot hold this batch; "
    "try a smaller batch size (e.g. {smaller})"
)
STOPPED_BY_USER = N_("stopped by the user")
DISK_FULL = N_(
    "the disk is full: writing to {folder} failed with {free} free; free some space there "
    "and resume the run"
)
TARGET_REACHED = N_("dev accuracy {accuracy} reached the target {target}")
NO_IMPROVEMENT = N_("{monitor} did not improve for {n} epochs")
_MONITOR_NAMES = {"dev_loss": N_("dev loss"), "dev_accuracy": N_("dev accuracy")}


def _monitor_name(monitor: str) -> Message | str:
    name = _MONITOR_NAMES.get(monitor)
    return monitor if name is None else Message(name)


def _stop_rule(config: RunConfig, logs: dict, waited: int) -> Message | None:
    """Why to stop early (stored as the stop reason), or None."""
    if config.target_accuracy is not None and logs["dev_accuracy"] >= config.target_accuracy:
        values = {
            "accuracy": f"{logs['dev_accuracy']:.4f}",
            "target": f"{config.target_accuracy:g}",
        }
        return Message(TARGET_REACHED, values)
    if config.early_stopping and waited >= config.early_stopping:
        return Message(NO_IMPROVEMENT, {"monitor": _monitor_name(config.monitor), "n": waited})
    return None
