"""Several training steps per compiled call, over a training set kept on the device.

Python's round trip per step (dispatching a ``tf.function``, pulling a batch out of
``tf.data``, converting the result) costs as much as the seed CNN's step at batch 32 on a
CPU, and far more than it on a GPU. So, as Keras' ``steps_per_execution`` does, a call runs
``k`` steps in a ``tf.while_loop`` (``Steps.train_calls``) and returns the ``k`` batches'
``[mean loss, correct count, batch size]`` rows; the loop hands each row on as its batch.

When the training set fits (:data:`DEVICE_DATA_LIMIT`) it is put on the device once as one
tensor, and each call gathers its ``k`` batches by index from the epoch's order
(:func:`epoch_order`): the order ``make_train_dataset`` gives for the same seed and epoch,
so the batches, and the weights, are those of the per-batch pipeline (and of a resumed
run). Otherwise the run falls back to the per-batch ``tf.data`` pipeline with prefetch.

``k`` is the run's ``steps_per_call``, or chosen (0, auto) by :class:`StepsPerCall` from
the time the first calls take: enough steps that one call lasts :data:`CALL_SECONDS`.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Iterator

import numpy as np

from engine.tf_runtime import tf as _tf

#: The largest training set (bytes of images and labels) kept on the device as one tensor.
DEVICE_DATA_LIMIT = 1 << 30
#: What an automatically chosen call should last, in seconds: at 20 ms (7 steps at batch
#: 32 on a 2-core CPU) the trainer was 1.45x Keras fit, at 64 steps a call about 2x
#: (bench/train_throughput.py); 0.1 s still lets stop and pause answer at once.
CALL_SECONDS = 0.1
#: The most steps one call runs.
MAX_STEPS_PER_CALL = 256
#: Calls timed (after one warm-up call) before ``k`` is chosen.
PROBE_CALLS = 3


def fits_on_device(x: np.ndarray, y: np.ndarray) -> bool:
    """Whether a training set is small enough to keep on the device as one tensor."""
    return x.nbytes + y.nbytes <= DEVICE_DATA_LIMIT


def epoch_order(n: int, seed: int, epoch: int) -> np.ndarray:
    """The sample order of epoch ``epoch``: the one ``make_train_dataset`` shuffles into."""
    tf = _tf()
    ds = tf.data.Dataset.range(n).shuffle(
        n, seed=seed * 100_003 + epoch, reshuffle_each_iteration=False
    )
    return next(iter(ds.batch(max(n, 1)))).numpy().astype(np.int32)


class StepsPerCall:
    """How many steps a call runs: ``setting`` (> 0), or chosen after the first calls (0).

    The first call is a warm-up (it may trace); the next :data:`PROBE_CALLS` run one step
    each and are timed; then ``k`` is what makes a call last :data:`CALL_SECONDS`, at
    most ``MAX_STEPS_PER_CALL`` and the epoch's steps.
    """

    def __init__(self, setting: int, steps_per_epoch: int) -> None:
        self.cap = max(1, min(MAX_STEPS_PER_CALL, steps_per_epoch))
        self.auto = setting <= 0
        self.k = 1 if self.auto else min(setting, self.cap)
        self.chosen = not self.auto
        self._calls = 0
        self._per_step: list[float] = []

    def observe(self, steps: int, seconds: float) -> None:
        """A call of ``steps`` steps took ``seconds``."""
        if self.chosen:
            return
        self._calls += 1
        if self._calls == 1 or steps < 1:
            return
        self._per_step.append(seconds / steps)
        if len(self._per_step) >= PROBE_CALLS:
            per_step = max(statistics.median(self._per_step), 1e-7)
            self.k = max(1, min(self.cap, math.ceil(CALL_SECONDS / per_step)))
            self.chosen = True

    def timed(self, call: Callable[[np.ndarray], np.ndarray]) -> Callable[..., np.ndarray]:
        """``call(idx)`` that tells this what each call took."""

        def run(idx: np.ndarray) -> np.ndarray:
            t0 = time.perf_counter()
            out = call(idx)
            self.observe(len(idx), time.perf_counter() - t0)
            return out

        return run


def index_calls(order: np.ndarray, batch_size: int, plan: StepsPerCall) -> Iterator[tuple]:
    """One epoch's calls as ``(idx,)``: ``idx`` is ``[k, batch_size]`` sample indices
    (``plan.k`` read before each call); the last, smaller batch comes alone as ``[1, r]``."""
    n = len(order)
    full = n // batch_size
    b = 0
    while b < full:
        k = min(plan.k, full - b)
        yield (order[b * batch_size : (b + k) * batch_size].reshape(k, batch_size),)
        b += k
    if full * batch_size < n:
        yield (order[full * batch_size :].reshape(1, -1),)


def on_device(x: np.ndarray, y: np.ndarray, device: str | None = None) -> tuple:
    """The training images and labels as tensors on ``device`` (``None``: the device of
    the current ``tf.device`` scope)."""
    tf = _tf()
    with tf.device(device):
        return tf.identity(tf.convert_to_tensor(x)), tf.identity(tf.convert_to_tensor(y))


def endless_batches(n: int, batch_size: int, seed: int = 0) -> Iterator[np.ndarray]:
    """``[1, batch_size]`` index batches over epoch after epoch of :func:`epoch_order`
    (the benchmark suite's input: one step per call, the set on the device)."""
    epoch = 1
    while True:
        order = epoch_order(n, seed, epoch)
        for i in range(0, n - batch_size + 1, batch_size):
            yield order[i : i + batch_size].reshape(1, batch_size)
        epoch += 1


def training_calls(steps, x: np.ndarray, y: np.ndarray, batch_size: int, seed: int, **how):
    """``(batches(epoch), step(*batch), plan)`` for ``engine.training.loop.fit``.

    ``how``: ``device`` (where the training set goes) and ``setting`` (the run's
    ``steps_per_call``). With multi-step calls (a set that fits, no strategy) ``plan`` is
    the :class:`StepsPerCall`; otherwise ``None``: per-batch steps over ``tf.data``.
    """
    if steps.train_calls is None or not fits_on_device(x, y):
        return (
            lambda epoch: steps.dataset(x, y, batch_size, seed, epoch),
            lambda xb, yb: steps.train_step(xb, yb).numpy(),
            None,
        )
    xd, yd = on_device(x, y, how["device"])
    plan = StepsPerCall(how.get("setting", 0), math.ceil(len(x) / batch_size))
    step = plan.timed(lambda idx: steps.train_calls(xd, yd, idx).numpy())
    return (
        lambda epoch: index_calls(epoch_order(len(x), seed, epoch), batch_size, plan),
        step,
        plan,
    )
