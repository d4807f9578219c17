"""Plot buffers: preallocated, doubling, views that stay valid while the writer goes on."""

from __future__ import annotations

import math
import threading

import numpy as np
import pytest

from gui.runtime.plot_buffers import DeviceRecorder, Ema, SeriesBuffer, TrainingRecorder
from tests.gui.fakes import batch_logs, gpu_sample, snapshot


def test_buffer_doubles_when_full_and_keeps_every_row():
    buf = SeriesBuffer(("x", "y"), capacity=4)
    for i in range(9):
        buf.append(i, 10 * i)
    x, y = buf.columns("x", "y")
    assert buf.capacity == 16
    assert x.tolist() == list(range(9))
    assert y.tolist() == [10 * i for i in range(9)]


def test_a_view_taken_before_growth_is_unchanged_after_it():
    buf = SeriesBuffer(("x",), capacity=2)
    buf.append(1.0)
    buf.append(2.0)
    (before,) = buf.columns("x")
    for i in range(100):
        buf.append(float(i))
    assert before.tolist() == [1.0, 2.0]


def test_version_moves_on_every_change():
    buf = SeriesBuffer(("x",))
    v0 = buf.version
    buf.append(1.0)
    assert buf.version == v0 + 1
    buf.clear()
    assert len(buf) == 0 and buf.version == v0 + 2
    assert math.isnan(buf.last("x"))


def test_missing_trailing_values_are_nan():
    buf = SeriesBuffer(("a", "b", "c"))
    buf.append(1.0)
    a, b, c = buf.columns("a", "b", "c")
    assert a[0] == 1.0 and math.isnan(b[0]) and math.isnan(c[0])


def test_a_reader_on_another_thread_always_sees_consistent_columns():
    buf = SeriesBuffer(("x", "twice"), capacity=1)
    done = threading.Event()

    def write():
        for i in range(20_000):
            buf.append(i, 2 * i)
        done.set()

    t = threading.Thread(target=write)
    t.start()
    while not done.is_set():
        x, twice = buf.columns("x", "twice")
        assert len(x) == len(twice)
        np.testing.assert_array_equal(twice, 2 * x)
    t.join()
    assert len(buf) == 20_000


def test_ema_is_bias_corrected_and_ignores_nan():
    ema = Ema(0.9)
    assert math.isnan(ema.value)
    assert ema(2.0) == pytest.approx(2.0)  # the first value is not pulled towards 0
    assert ema(float("nan")) == pytest.approx(2.0)
    assert ema(4.0) == pytest.approx((0.9 * 0.1 * 2 + 0.1 * 4) / (1 - 0.81))


def test_training_recorder_fills_batches_epochs_and_progress():
    rec = TrainingRecorder()
    rec.on_run_begin({"epochs": 2, "steps_per_epoch": 4})
    rec.on_epoch_begin(1, {"steps": 4, "epochs": 2})
    for i, t in enumerate((1.0, 1.5, 2.0), start=1):
        rec.on_batch_end(i, batch_logs(i, i, t))
    step, rate, smooth = rec.batches.columns("step", "samples_per_s", "samples_per_s_smooth")
    assert step.tolist() == [1, 2, 3]
    assert math.isnan(rate[0])  # the first step of an epoch includes start-up; not a rate
    assert rate[1:].tolist() == [128.0, 128.0]
    assert smooth[1:] == pytest.approx([128.0, 128.0])
    assert rec.fraction_done() == pytest.approx(3 / 8)
    assert rec.eta_seconds() == pytest.approx(5 * 2.0 / 3)
    rec.on_epoch_end(
        1,
        {
            "train_loss": 0.5,
            "train_accuracy": 0.8,
            "dev_loss": 0.6,
            "dev_accuracy": 0.7,
            "samples_per_s": 100.0,
            "seconds": 2.0,
        },
    )
    epoch, at_step, dev_acc = rec.epochs.columns("epoch", "step", "dev_accuracy")
    assert (epoch.tolist(), at_step.tolist(), dev_acc.tolist()) == ([1.0], [3.0], [0.7])
    rec.reset()
    assert len(rec.batches) == len(rec.epochs) == 0 and rec.eta_seconds() is None


def test_device_recorder_keeps_time_order_and_marks_throttling():
    rec = DeviceRecorder(t0=100.0)
    rec.on_device_sample(snapshot(101.0, [gpu_sample()]))
    rec.on_device_sample(snapshot(100.5, [gpu_sample()]))  # older: dropped
    rec.on_device_sample(snapshot(102.0, [gpu_sample(reasons=("sw_power_cap",))]))
    rec.on_device_sample(snapshot(103.0, [gpu_sample(reasons=("gpu_idle",))]))
    t, ram = rec.host.columns("t", "ram_used_gib")
    assert t.tolist() == [1.0, 2.0, 3.0] and ram.tolist() == [2.0, 2.0, 2.0]
    clock, throttled = rec.gpus[0].columns("sm_clock_percent", "throttled")
    assert clock.tolist() == [80.0, 80.0, 80.0]
    assert throttled.tolist() == [0.0, 1.0, 0.0]  # idle is not throttling


def test_device_recorder_turns_missing_values_into_nan():
    rec = DeviceRecorder(t0=0.0)
    rec.on_device_sample(snapshot(1.0, notice="No GPU telemetry", cpu=None))
    (cpu,) = rec.host.columns("cpu_percent")
    assert math.isnan(cpu[0]) and rec.gpus == {} and rec.notice == "No GPU telemetry"
