"""What the lab measures for every variant: size on disk (and gzipped), accuracy,
latency at batch 1 and throughput at batch 256.

Timing takes float images in and gives outputs back as NumPy arrays for every variant,
so a quantized model's input quantization and a Keras model's tensor conversion are
both inside the time, as an application calling the model would see them.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from engine.tf_runtime import tf as _tf

THROUGHPUT_BATCH = 256
Predict = Callable[[np.ndarray], np.ndarray]


def gzip_size(data: bytes) -> int:
    """Bytes of ``data`` gzipped at level 9 (deterministic: no name, mtime 0)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def file_sizes(path: str | Path) -> tuple[int, int]:
    """(bytes on disk, gzipped bytes) of a file."""
    data = Path(path).read_bytes()
    return len(data), gzip_size(data)


def keras_predictor(model: Any, device: str) -> Predict:
    """A compiled ``model(x, training=False)`` returning NumPy outputs, on ``device``."""
    tf = _tf()
    spec = tf.TensorSpec([None, *model.input_shape[1:]], tf.float32)
    with tf.device(device):
        fn = tf.function(
            lambda x: model(x, training=False), input_signature=[spec], autograph=False
        )

    def predict(x: np.ndarray) -> np.ndarray:
        with tf.device(device):
            return fn(x).numpy()

    return predict


def batched(predict: Predict, x: np.ndarray, batch: int = THROUGHPUT_BATCH) -> np.ndarray:
    return np.concatenate([predict(x[i : i + batch]) for i in range(0, len(x), batch)])


def accuracy(outputs: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(np.argmax(outputs, axis=1) == y)) if len(y) else 0.0


def latency_ms(run: Predict, x1: np.ndarray, runs: int, warmup: int = 10) -> dict[str, float]:
    """p50/p99/mean wall time in milliseconds of ``run(x1)`` over ``runs`` calls."""
    for _ in range(warmup):
        run(x1)
    times = np.empty(runs)
    for i in range(runs):
        t0 = time.perf_counter()
        run(x1)
        times[i] = time.perf_counter() - t0
    times *= 1e3
    return {
        "p50": float(np.percentile(times, 50)),
        "p99": float(np.percentile(times, 99)),
        "mean": float(times.mean()),
    }


def throughput(run: Predict, x: np.ndarray, batches: int, warmup: int = 2) -> float:
    """Samples per second of ``run`` on full batches of ``len(x)`` images.

    Each of ``batches`` calls is timed and the median is used, so a burst of other work on
    a shared machine moves the figure less than it would move a mean.
    """
    for _ in range(warmup):
        run(x)
    times = np.empty(batches)
    for i in range(batches):
        t0 = time.perf_counter()
        run(x)
        times[i] = time.perf_counter() - t0
    median = float(np.median(times))
    return len(x) / median if median > 0 else 0.0


def throughput_batch(x: np.ndarray, size: int = THROUGHPUT_BATCH) -> np.ndarray:
    """``size`` images taken from ``x`` (repeated if ``x`` is shorter)."""
    reps = -(-size // max(1, len(x)))
    return np.ascontiguousarray(np.concatenate([x] * reps)[:size]) if reps > 1 else x[:size]
