"""Growable column buffers that engine threads write and the GUI timer reads (no Qt here).

A :class:`SeriesBuffer` is a preallocated ``float64`` table that doubles its capacity
when full. One thread appends rows; any thread may take :meth:`SeriesBuffer.columns`,
which returns views of the first ``n`` rows. Rows below ``n`` never change once written
and growing allocates a new table, so a view handed to a plot stays valid while the writer
goes on. :class:`TrainingRecorder` and :class:`DeviceRecorder` are the engine callbacks
that fill them, on the engine's (or the sampler's) thread.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from engine.events import Callback
from engine.metrics import BATCH_METRICS, EPOCH, EPOCH_METRICS, STEP

NAN = float("nan")


class SeriesBuffer:
    """Append-only rows of named float columns, with a version counter for redraws."""

    def __init__(self, names: Sequence[str], capacity: int = 1024) -> None:
        if capacity < 1:
            raise ValueError("capacity must be >= 1")
        self.names = tuple(names)
        self._index = {name: i for i, name in enumerate(self.names)}
        # column-major: each column is contiguous, so plots reduce over it at full speed
        self._data = np.full((len(self.names), capacity), np.nan)
        self._n = 0
        self._lock = threading.Lock()
        self.version = 0  # bumped on every change; readers redraw when it moved

    def __len__(self) -> int:
        return self._n

    @property
    def capacity(self) -> int:
        return self._data.shape[1]

    def append(self, *values: float) -> None:
        """Append one row, values in column order (missing trailing values are NaN)."""
        with self._lock:
            n = self._n
            if n == self._data.shape[1]:
                grown = np.full((len(self.names), 2 * n), np.nan)
                grown[:, :n] = self._data
                self._data = grown
            self._data[: len(values), n] = values
            self._n = n + 1
            self.version += 1

    def clear(self) -> None:
        with self._lock:
            self._data = np.full((len(self.names), min(self._data.shape[1], 1024)), np.nan)
            self._n = 0
            self.version += 1

    def columns(self, *names: str) -> tuple[np.ndarray, ...]:
        """Views (not copies) of the rows written so far, one contiguous array per column."""
        with self._lock:
            data, n = self._data, self._n
        return tuple(data[self._index[name], :n] for name in names)

    def last(self, name: str) -> float:
        """The newest value of a column (NaN when empty)."""
        with self._lock:
            return float(self._data[self._index[name], self._n - 1]) if self._n else NAN


class Ema:
    """Exponential moving average with bias correction (TensorBoard-style smoothing)."""

    def __init__(self, beta: float = 0.9) -> None:
        self.beta = beta
        self._value = 0.0
        self._count = 0

    def reset(self) -> None:
        self._value = 0.0
        self._count = 0

    def __call__(self, x: float) -> float:
        if not math.isfinite(x):
            return self.value
        self._count += 1
        self._value = self.beta * self._value + (1.0 - self.beta) * x
        return self.value

    @property
    def value(self) -> float:
        if not self._count:
            return NAN
        return self._value / (1.0 - self.beta**self._count)


# Each batch figure with its smoothed twin (engine.metrics.BATCH_METRICS).
BATCH_COLUMNS = (STEP, *(c for m in BATCH_METRICS for c in (m, f"{m}_smooth")))
EPOCH_COLUMNS = (EPOCH, STEP, *EPOCH_METRICS)


class TrainingRecorder(Callback):
    """Fills per-batch and per-epoch buffers from engine callbacks (runs on the engine thread).

    It also keeps the figures the progress bar needs; all of it is read by the GUI timer.
    Batch throughput is the batch size over the time since the previous batch of the same
    epoch (the engine's own epoch clock, so pauses and evaluation do not count).
    """

    def __init__(self, smoothing: float = 0.9) -> None:
        self.batches = SeriesBuffer(BATCH_COLUMNS)
        self.epochs = SeriesBuffer(EPOCH_COLUMNS, capacity=64)
        self._smoothing = smoothing
        self._ema = {k: Ema(smoothing) for k in ("loss", "accuracy", "size", "seconds")}
        self.reset()

    def reset(self) -> None:
        self.batches.clear()
        self.epochs.clear()
        for ema in self._ema.values():
            ema.reset()
        self._prev_seconds = 0.0
        self.total_epochs = 0
        self.steps_per_epoch = 0
        self.epoch = 0
        self.epoch_step = 0
        self.global_step = 0
        self.epoch_seconds = 0.0
        self.samples_per_s = NAN
        self.train_seconds_done = 0.0  # training seconds of the epochs already finished

    # -- engine callbacks (engine thread) ---------------------------------------------
    def on_run_begin(self, info: dict[str, Any]) -> None:
        self.total_epochs = int(info.get("epochs") or 0)
        self.steps_per_epoch = int(info.get("steps_per_epoch") or 0)

    def on_epoch_begin(self, epoch: int, info: dict[str, Any]) -> None:
        self.epoch = epoch
        self.epoch_step = 0
        self.epoch_seconds = 0.0
        self._prev_seconds = 0.0
        self.steps_per_epoch = int(info.get("steps") or self.steps_per_epoch)
        self.total_epochs = int(info.get("epochs") or self.total_epochs)

    def on_batch_end(self, step: int, logs: dict[str, float]) -> None:
        seconds = float(logs.get("epoch_seconds", 0.0))
        dt = seconds - self._prev_seconds
        self._prev_seconds = seconds
        size = float(logs.get("size", 0.0))
        ema = self._ema
        if dt > 0 and self.epoch_step > 0:  # the first step of an epoch includes start-up
            rate = size / dt
            # smoothed samples over smoothed time: a time-weighted rate, like the epoch's own
            smooth_rate = ema["size"](size) / ema["seconds"](dt)
        else:
            rate = NAN
            smooth_rate = ema["size"].value / ema["seconds"].value
        loss, acc = float(logs["loss"]), float(logs["accuracy"])
        self.batches.append(
            float(step), loss, ema["loss"](loss), acc, ema["accuracy"](acc), rate, smooth_rate
        )
        self.global_step = step
        self.epoch_step = int(logs.get("epoch_step", self.epoch_step + 1))
        self.epoch_seconds = seconds
        self.samples_per_s = float(logs.get("samples_per_s", NAN))

    def replay_batch(self, step: float, loss: Any, accuracy: Any, samples_per_s: Any) -> None:
        """A batch point of an earlier part of the run (a resumed run's, from the results
        store) onto the curves: smoothed as if it had come live."""
        loss, acc = _num(loss), _num(accuracy)
        rate = _num(samples_per_s)
        ema = self._ema
        smooth_loss = ema["loss"](loss) if loss == loss else ema["loss"].value
        smooth_acc = ema["accuracy"](acc) if acc == acc else ema["accuracy"].value
        self.batches.append(float(step), loss, smooth_loss, acc, smooth_acc, rate, rate)

    def on_epoch_end(self, epoch: int, logs: dict[str, float]) -> None:
        self.epochs.append(
            float(epoch),
            float(self.global_step),
            *(float(logs.get(k, NAN)) for k in EPOCH_COLUMNS[2:]),
        )
        self.train_seconds_done += float(logs.get("seconds", 0.0))

    # -- progress figures (GUI thread) ------------------------------------------------
    def eta_seconds(self) -> float | None:
        """Seconds of training left, from the mean step time so far; None before it is known."""
        total = self.total_epochs * self.steps_per_epoch
        done = self.global_step
        spent = self.train_seconds_done + self.epoch_seconds
        if not total or done < 2 or spent <= 0:
            return None
        return max(0.0, (total - done) * spent / done)

    def fraction_done(self) -> float:
        total = self.total_epochs * self.steps_per_epoch
        return min(1.0, self.global_step / total) if total else 0.0


def _gib(value: int | float | None) -> float:
    return NAN if value is None else float(value) / 2**30


def _num(value: float | None) -> float:
    return NAN if value is None else float(value)


HOST_COLUMNS = (
    "t",
    "cpu_percent",
    "process_cpu_percent",
    "ram_used_gib",
    "ram_total_gib",
    "cpu_freq_mhz",
)
GPU_COLUMNS = (
    "t",
    "util_percent",
    "memory_used_gib",
    "memory_total_gib",
    "temperature_c",
    "power_w",
    "power_limit_w",
    "sm_clock_percent",
    "mem_clock_percent",
    "throttled",
)
# Clock-event reasons that mean "slowed down"; gpu_idle and settings are not throttling.
THROTTLING = frozenset(
    {
        "sw_power_cap",
        "hw_slowdown",
        "sw_thermal_slowdown",
        "hw_thermal_slowdown",
        "hw_power_brake_slowdown",
        "board_limit",
        "reliability",
    }
)


class DeviceRecorder(Callback):
    """Fills host and per-GPU timelines from telemetry snapshots (on the sampler's thread).

    Snapshots may come from more than one source (the window's sampler and a job's own);
    one older than the newest kept is dropped, so every timeline stays in time order.
    ``t`` is seconds since the recorder's ``t0`` (a ``time.monotonic()`` value).
    """

    def __init__(self, t0: float) -> None:
        self.t0 = t0
        self.host = SeriesBuffer(HOST_COLUMNS)
        self.gpus: dict[int, SeriesBuffer] = {}
        self.latest: Any = None
        self.notice: Any = None  # a Message (engine.i18n.message.shown says it), or text
        self.throttle_reasons: dict[int, tuple[str, ...]] = {}
        self._lock = threading.Lock()
        self._last_t = -math.inf

    def on_device_sample(self, snapshot: Any) -> None:
        with self._lock:
            t = float(snapshot.monotonic) - self.t0
            if t <= self._last_t:
                return
            self._last_t = t
            h = snapshot.host
            self.host.append(
                t,
                _num(h.cpu_percent),
                _num(h.process_cpu_percent),
                _gib(h.ram_used_bytes),
                _gib(h.ram_total_bytes),
                _num(h.cpu_freq_mhz),
            )
            for g in snapshot.gpus:
                buf = self.gpus.get(g.index)
                if buf is None:
                    buf = self.gpus[g.index] = SeriesBuffer(GPU_COLUMNS)
                reasons = tuple(g.throttle_reasons or ())
                self.throttle_reasons[g.index] = reasons
                throttled = 1.0 if THROTTLING.intersection(reasons) else 0.0
                buf.append(
                    t,
                    _num(g.utilization_gpu_percent),
                    _gib(g.memory_used_bytes),
                    _gib(g.memory_total_bytes),
                    _num(g.temperature_c),
                    _num(g.power_w),
                    _num(g.power_limit_w),
                    _num(g.sm_clock_percent),
                    _num(g.mem_clock_percent),
                    throttled,
                )
            self.notice = snapshot.notice
            self.latest = snapshot
