"""Training: the article's ``tf.function`` GradientTape ``train_step``, per-epoch dev
results, and the test classification report. ``run()`` is the one entry point the CLI
and the window share.
"""

from __future__ import annotations

import dataclasses
import math
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine import models
from engine.config import ConfigError, RunConfig
from engine.control import RunControl
from engine.data import Dataset, load_dataset
from engine.events import Callback, CallbackList
from engine.report import classification_report, confusion_matrix
from engine.tf_runtime import tf as _tf

EVAL_BATCH = 1024
MAX_MISCLASSIFIED = 64


@dataclass
class RunResult:
    status: str  # "finished" | "stopped" | "failed"
    config: dict[str, Any]
    info: dict[str, Any] = field(default_factory=dict)
    epochs: list[dict[str, Any]] = field(default_factory=list)
    test: dict[str, Any] | None = None
    steps: int = 0
    samples_seen: int = 0
    train_seconds: float = 0.0
    wall_seconds: float = 0.0
    error: str | None = None
    misclassified: list[dict[str, Any]] = field(default_factory=list)
    # Not serialised: arrays for the window and for tests.
    misclassified_images: np.ndarray | None = field(default=None, repr=False)
    test_labels: np.ndarray | None = field(default=None, repr=False)
    test_predictions: np.ndarray | None = field(default=None, repr=False)
    model: Any = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        skip = {"misclassified_images", "test_labels", "test_predictions", "model"}
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                if f.name not in skip}


def resolve_device(device: str) -> str:
    """Turn ``auto``/``cpu``/``gpu``/``gpu:N`` into a TensorFlow device name, or raise ConfigError."""
    tf = _tf()
    gpus = tf.config.list_logical_devices("GPU")
    kind, _, index = device.partition(":")
    if kind == "auto":
        return gpus[0].name if gpus else "/device:CPU:0"
    if kind == "cpu":
        cpus = tf.config.list_logical_devices("CPU")
        i = int(index or 0)
        if i >= len(cpus):
            raise ConfigError("device", device, f"cpu:0 to cpu:{len(cpus) - 1}")
        return cpus[i].name
    i = int(index or 0)
    if not gpus:
        raise ConfigError("device", device, "auto or cpu (TensorFlow sees no GPU on this machine)")
    if i >= len(gpus):
        raise ConfigError("device", device, f"gpu:0 to gpu:{len(gpus) - 1}")
    return gpus[i].name


def make_optimizer(name: str, learning_rate: float):
    import keras

    if name == "adam":
        return keras.optimizers.Adam(learning_rate)
    if name == "adamw":
        return keras.optimizers.AdamW(learning_rate)
    if name == "sgd":
        return keras.optimizers.SGD(learning_rate, momentum=0.9)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(learning_rate)
    raise ConfigError("optimizer", name, "adam, adamw, sgd or rmsprop")


class Steps:
    """The compiled steps for one model and optimizer (the article's shape)."""

    def __init__(self, model, optimizer) -> None:
        tf = _tf()
        import keras

        self.model = model
        self.optimizer = optimizer
        optimizer.build(model.trainable_variables)
        spec = (tf.TensorSpec([None, *model.input_shape[1:]], tf.float32),
                tf.TensorSpec([None], tf.int32))

        @tf.function(input_signature=spec)
        def train_step(x, y):
            with tf.GradientTape() as tape:
                probs = model(x, training=True)
                loss = tf.reduce_mean(keras.losses.sparse_categorical_crossentropy(y, probs))
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables))
            correct = tf.reduce_sum(
                tf.cast(tf.equal(tf.argmax(probs, axis=1, output_type=tf.int32), y), tf.float32))
            return tf.stack([loss, correct])

        @tf.function(input_signature=spec)
        def eval_step(x, y):
            probs = model(x, training=False)
            loss_sum = tf.reduce_sum(keras.losses.sparse_categorical_crossentropy(y, probs))
            pred = tf.argmax(probs, axis=1, output_type=tf.int32)
            correct = tf.reduce_sum(tf.cast(tf.equal(pred, y), tf.float32))
            return tf.stack([loss_sum, correct]), pred, tf.reduce_max(probs, axis=1)

        self.train_step = train_step
        self.eval_step = eval_step

    def evaluate(self, x: np.ndarray, y: np.ndarray, batch: int = EVAL_BATCH):
        """(mean loss, accuracy, predictions, confidences) over a whole array."""
        loss_sum = correct = 0.0
        preds, confs = [], []
        for i in range(0, len(x), batch):
            sums, pred, conf = self.eval_step(x[i:i + batch], y[i:i + batch])
            s = sums.numpy()
            loss_sum += float(s[0])
            correct += float(s[1])
            preds.append(pred.numpy())
            confs.append(conf.numpy())
        n = max(1, len(x))
        return loss_sum / n, correct / n, np.concatenate(preds), np.concatenate(confs)


def make_train_dataset(x: np.ndarray, y: np.ndarray, batch_size: int, seed: int, epoch: int):
    """Shuffled, batched, prefetched pipeline; the order depends only on (seed, epoch)."""
    tf = _tf()
    ds = tf.data.Dataset.from_tensor_slices((x, y))
    ds = ds.shuffle(len(x), seed=seed * 100_003 + epoch, reshuffle_each_iteration=False)
    return ds.batch(batch_size).prefetch(tf.data.AUTOTUNE)


def run(config: RunConfig, callbacks: Callback | list[Callback] | None = None,
        control: RunControl | None = None, dataset: Dataset | None = None) -> RunResult:
    """Train ``config.model`` on ``config.dataset`` and evaluate it on the test split.

    Raises ``ConfigError``/``DataError`` for bad input before training starts.
    Any other failure is reported through ``on_log``/``on_run_end`` (status
    ``failed``) and then re-raised.
    """
    config.validate()
    cbs = callbacks if isinstance(callbacks, CallbackList) else CallbackList(
        [callbacks] if isinstance(callbacks, Callback) else callbacks)
    control = control or RunControl()
    wall0 = time.perf_counter()
    result = RunResult(status="running", config=config.to_dict())

    if dataset is None:
        cbs.on_log("info", f"Loading {config.dataset}…")
        dataset = load_dataset(config.dataset, config.data_dir, config.dev_fraction, config.limit)
    for note in dataset.notes:
        cbs.on_log("warning", note)
    tf = _tf()
    device = resolve_device(config.device)
    try:
        return _train(config, dataset, device, cbs, control, result, wall0)
    except Exception as exc:
        result.status = "failed"
        result.error = _describe(exc, config)
        result.wall_seconds = time.perf_counter() - wall0
        cbs.on_log("error", result.error)
        cbs.on_run_end(result)
        raise
    finally:
        del tf


def _describe(exc: BaseException, config: RunConfig) -> str:
    tf = _tf()
    if isinstance(exc, tf.errors.ResourceExhaustedError):
        return (f"out of memory at batch size {config.batch_size}; "
                "try a smaller batch size")
    return f"{type(exc).__name__}: {exc}".splitlines()[0]


def _train(config: RunConfig, ds: Dataset, device: str, cbs: CallbackList,
           control: RunControl, result: RunResult, wall0: float) -> RunResult:
    tf = _tf()
    import keras

    keras.utils.set_random_seed(config.seed)
    with tf.device(device):
        model = models.build(config.model)
        steps = Steps(model, make_optimizer(config.optimizer, config.learning_rate))
    n_train = len(ds.x_train)
    steps_per_epoch = math.ceil(n_train / config.batch_size)
    result.info = {
        "dataset": {"name": ds.name, "source": ds.source, "sizes": ds.sizes,
                    "class_names": list(ds.class_names)},
        "model": {**models.model_facts(model), "registry_name": config.model},
        "device": device,
        "steps_per_epoch": steps_per_epoch,
        "epochs": config.epochs,
        "batch_size": config.batch_size,
        "tensorflow": tf.__version__,
    }
    cbs.on_run_begin({"config": config.to_dict(), **result.info})
    want_batches = cbs.wants_batches
    global_step = 0
    train_time = 0.0
    stopped = False
    with tf.device(device):
        for epoch in range(1, config.epochs + 1):
            cbs.on_epoch_begin(epoch, {"steps": steps_per_epoch, "epochs": config.epochs})
            loss_sum = correct = 0.0
            seen = 0
            paused_s = 0.0
            t0 = time.perf_counter()
            for step_in_epoch, (x, y) in enumerate(
                    make_train_dataset(ds.x_train, ds.y_train, config.batch_size,
                                       config.seed, epoch), start=1):
                if control.stop_requested or control.paused:
                    tp = time.perf_counter()
                    go_on = control.wait_if_paused()
                    while go_on and control.paused:
                        go_on = control.wait_if_paused(0.5)
                    paused_s += time.perf_counter() - tp
                    if not go_on:
                        stopped = True
                        break
                out = steps.train_step(x, y).numpy()
                n = int(x.shape[0])
                loss, corr = float(out[0]), float(out[1])
                loss_sum += loss * n
                correct += corr
                seen += n
                global_step += 1
                if want_batches:
                    elapsed = time.perf_counter() - t0 - paused_s
                    cbs.on_batch_end(global_step, {
                        "loss": loss, "accuracy": corr / n, "size": n, "epoch": epoch,
                        "epoch_step": step_in_epoch, "epoch_steps": steps_per_epoch,
                        "epoch_seconds": elapsed,
                        "samples_per_s": seen / elapsed if elapsed > 0 else 0.0,
                    })
            seconds = time.perf_counter() - t0 - paused_s
            train_time += seconds
            result.steps = global_step
            result.samples_seen += seen
            if stopped:
                break
            dev_loss, dev_acc, _, _ = steps.evaluate(ds.x_dev, ds.y_dev)
            logs = {
                "epoch": epoch,
                "train_loss": loss_sum / max(seen, 1),
                "train_accuracy": correct / max(seen, 1),
                "dev_loss": dev_loss,
                "dev_accuracy": dev_acc,
                "samples_per_s": seen / seconds if seconds > 0 else 0.0,
                "seconds": seconds,
            }
            result.epochs.append(logs)
            cbs.on_epoch_end(epoch, dict(logs))
            if control.stop_requested:
                stopped = epoch < config.epochs
                if stopped:
                    break
        result.train_seconds = train_time
        result.model = model
        if stopped:
            result.status = "stopped"
            cbs.on_log("info", f"Stopped after {global_step} steps.")
        else:
            _test(steps, ds, result)
            result.status = "finished"
    result.wall_seconds = time.perf_counter() - wall0
    cbs.on_run_end(result)
    return result


def _test(steps: Steps, ds: Dataset, result: RunResult) -> None:
    loss, acc, pred, conf = steps.evaluate(ds.x_test, ds.y_test)
    y = ds.y_test
    n_cls = len(ds.class_names)
    wrong = np.flatnonzero(pred != y)[:MAX_MISCLASSIFIED]
    result.test = {
        "accuracy": acc,
        "loss": loss,
        "samples": int(len(y)),
        "report": classification_report(y, pred, ds.class_names),
        "confusion_matrix": confusion_matrix(y, pred, n_cls).tolist(),
    }
    result.misclassified = [
        {"index": int(i), "true": int(y[i]), "pred": int(pred[i]), "confidence": float(conf[i])}
        for i in wrong
    ]
    result.misclassified_images = (ds.x_test[wrong, :, :, 0] * 255).round().astype(np.uint8)
    result.test_labels = y
    result.test_predictions = pred
