"""The benchmark suite: what makes Suanli a compute-power tool.

``run_suite()`` measures, on the chosen device:

a. training throughput on synthetic data (tracing/warm-up timed apart; median of timed
   windows with their spread);
b. inference throughput and latency p50/p99 at batch 1, 32, 256, 1024;
c. time-to-accuracy on real data (MLPerf-style: first touch of the data until the dev
   accuracy reaches the target);
d. peak: a matmul microbenchmark in the training dtype (measured FLOP/s), so achieved
   FLOP/s is also shown as % of measured peak;
e. energy per training and per inference sample from the NVML energy counter (or power
   integrated over telemetry samples), "not available" where there is no GPU counter;
f. input-bound verdict: share of step time spent waiting for input;
and returns a score card (``engine.cards.card``) with every sub-score, its unit and raw samples.
Each sub-score goes to ``on_score`` as soon as it is measured.
"""

from __future__ import annotations

import hashlib
import statistics
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine import models
from engine.cards.card import SubScore, make_card
from engine.config import RunConfig
from engine.control import RunControl
from engine.data import DataError, load_dataset
from engine.events import Callback, CallbackList
from engine.i18n import N_, _
from engine.i18n.message import english
from engine.scoring import score
from engine.scoring.energy import energy_counter_j
from engine.scoring.flops import count_flops
from engine.telemetry import nvml
from engine.telemetry.inventory import environment_fingerprint
from engine.telemetry.sampler import TelemetrySampler
from engine.tf_runtime import tf as _tf
from engine.training.placement import place
from engine.training.steps import (
    Steps,
    keep_steps,
    make_optimizer,
    make_train_dataset,
    reusable_steps,
)
from engine.training.traces import released_custom_gradients

SUITE_VERSION = "1.0"
INFER_BATCHES = (1, 32, 256, 1024)


@dataclass(frozen=True)
class SuiteSpec:
    """How much to measure: ``quick`` (about a minute on a 2-core CPU) or ``full``."""

    name: str
    train_windows: int
    train_window_steps: int
    infer_iters: dict[int, int]
    tta_max_epochs: int
    peak_n: int
    peak_reps: int

    @classmethod
    def get(cls, quick: bool) -> SuiteSpec:
        if quick:
            return cls("quick", 5, 150, {1: 200, 32: 100, 256: 30, 1024: 10}, 12, 1024, 5)
        return cls("full", 10, 200, {1: 1000, 32: 400, 256: 100, 1024: 40}, 30, 2048, 10)


class _Stopped(Exception):
    pass


class Suite:
    def __init__(
        self,
        quick: bool,
        callbacks: CallbackList,
        control: RunControl,
        batch_size: int,
        target_accuracy: float,
        data_dir: str | None,
        device: str,
        rate_hz: float = 4.0,
    ) -> None:
        self.spec = SuiteSpec.get(quick)
        self.cbs = callbacks
        self.control = control
        self.batch = batch_size
        self.target = target_accuracy
        self.data_dir = data_dir
        self.device = device
        self.subs: list[SubScore] = []
        self.extra: dict[str, Any] = {}
        self.sampler = TelemetrySampler(rate_hz, callbacks)

    # ---------------------------------------------------------------- helpers
    def _emit(self, name: str, value, unit: str, higher: bool = True, samples=()) -> None:
        v = None if value is None or not np.isfinite(value) else float(value)
        sub = SubScore(name, v, unit, higher, tuple(float(s) for s in samples))
        self.subs.append(sub)
        self.cbs.on_score(sub.to_dict())

    def _step(self, title: str) -> None:
        if self.control.stop_requested or not self.control.wait_if_paused():
            raise _Stopped
        self.cbs.on_log("info", title)

    def _energy_j(self) -> float | None:
        return energy_counter_j()

    def _power_integral(self, t0: float, t1: float) -> float | None:
        """Joules from power samples between two monotonic times (trapezoid rule)."""
        pts = [
            (s.monotonic, s.gpus[0].power_w)
            for s in self._samples
            if s.gpus and s.gpus[0].power_w is not None and t0 <= s.monotonic <= t1
        ]
        if len(pts) < 2:
            return None
        t, p = np.array(pts).T
        return float(np.trapezoid(p, t))

    def _measure_energy(self, fn):
        """Run ``fn`` and return (its result, joules or None, how measured)."""
        e0, t0 = self._energy_j(), time.monotonic()
        out = fn()
        e1, t1 = self._energy_j(), time.monotonic()
        if e0 is not None and e1 is not None and e1 > e0:
            return out, e1 - e0, N_("NVML energy counter")
        j = self._power_integral(t0, t1)
        return out, j, (N_("power integrated over telemetry samples") if j else None)

    # ---------------------------------------------------------------- parts
    def run(self) -> dict[str, Any]:
        tf = _tf()
        placement = place(self.device)
        self._samples: list = []
        collector = _Collect(self._samples)
        self.sampler.callbacks.append(collector)
        self.sampler.start()
        try:
            with tf.device(placement.device), released_custom_gradients():
                self._run_parts(placement)
            status = "finished"
        except _Stopped:
            status = "stopped"
        finally:
            self.sampler.stop()
        gpu_note = nvml.notice()
        if gpu_note:
            self.extra["energy_note"] = "not available on this machine: " + english(gpu_note)
        self.extra["status"] = status
        self.extra["device"] = english(placement.description)  # a card holds plain text
        values = {s.name: s.value for s in self.subs}
        ref = score.load_reference_profile()
        detail = score.composite_detail(values, ref)
        self.extra["composite"] = detail
        card = make_card(
            suite_version=f"{SUITE_VERSION}-{self.spec.name}",
            config={
                "suite": self.spec.name,
                "model": "seed-cnn",
                "batch_size": self.batch,
                "target_accuracy": self.target,
                "device": self.device,
            },
            dataset_sha256=self.dataset_sha,
            environment=environment_fingerprint(),
            sub_scores=self.subs,
            suanli_score=detail["score"],
            reference_profile=ref.get("name"),
            extra=self.extra,
        )
        return card.to_dict()

    def _run_parts(self, placement) -> None:
        import keras

        self.dataset_sha = hashlib.sha256(b"synthetic-v1").hexdigest()
        self._step(_("Peak: matmul microbenchmark"))
        peak = self._peak()
        self._step(_("Training throughput on synthetic data"))
        ds = load_dataset("synthetic")
        keras.utils.set_random_seed(0)
        key = ("suite", "seed-cnn", placement.device)  # traced once, reused by later suites
        steps = reusable_steps(key, models.build("seed-cnn"), make_optimizer("adam", 1e-3))
        model = steps.model
        fl = count_flops(model, batch_size=self.batch, optimizer="adam")
        train_rate = self._train_throughput(steps, ds)
        self._emit(
            "train_tflops", score.achieved_tflops(fl.train_per_sample * train_rate, 1.0), "TFLOP/s"
        )
        achieved = fl.train_per_sample * train_rate / 1e12
        self._emit("train_efficiency_percent", score.efficiency_percent(achieved, peak), "%")
        self._step(_("Inference throughput and latency"))
        infer_rate = self._inference(model, ds)
        self._emit(
            "inference_tflops",
            score.achieved_tflops(fl.inference_per_sample * infer_rate, 1.0),
            "TFLOP/s",
        )
        self._step(_("Time to {target} dev accuracy on MNIST").format(target=f"{self.target:.0%}"))
        self._time_to_accuracy(fl)
        keep_steps(key, steps)

    def _peak(self) -> float:
        tf = _tf()
        n = self.spec.peak_n * (4 if tf.config.list_logical_devices("GPU") else 1)
        a = tf.random.normal((n, n), dtype=tf.float32)
        b = tf.random.normal((n, n), dtype=tf.float32)
        # called as its concrete function: a new trace per suite is not "retracing"
        mm = tf.function(lambda a, b: tf.reduce_sum(tf.linalg.matmul(a, b)))
        mm = mm.get_concrete_function(a, b)
        mm(a, b).numpy()  # warm up
        rates = []
        for _rep in range(self.spec.peak_reps):
            t0 = time.perf_counter()
            mm(a, b).numpy()
            rates.append(2 * n**3 / (time.perf_counter() - t0) / 1e12)
        peak = max(rates)
        self._emit("peak_tflops", peak, "TFLOP/s", samples=rates)
        return peak

    def _train_throughput(self, steps: Steps, ds) -> float:
        it = iter(make_train_dataset(ds.x_train, ds.y_train, self.batch, 0, 1).repeat())
        t0 = time.perf_counter()
        steps.train_step(*next(it)).numpy()
        self._emit("trace_seconds", time.perf_counter() - t0, "s", higher=False)
        t0 = time.perf_counter()
        for _rep in range(10):
            steps.train_step(*next(it)).numpy()
        self._emit("warmup_seconds", time.perf_counter() - t0, "s", higher=False)
        rates, waits, computes = [], 0.0, 0.0
        samples_total = 0

        def windows():
            nonlocal waits, computes, samples_total
            for _rep in range(self.spec.train_windows):
                if self.control.stop_requested:
                    raise _Stopped
                n = 0
                w0 = time.perf_counter()
                for _rep in range(self.spec.train_window_steps):
                    a = time.perf_counter()
                    x, y = next(it)
                    b = time.perf_counter()
                    n += int(steps.train_step(x, y).numpy()[2])
                    c = time.perf_counter()
                    waits += b - a
                    computes += c - b
                rates.append(n / (time.perf_counter() - w0))
                samples_total += n

        _, joules, how = self._measure_energy(windows)
        rate = statistics.median(rates)
        self._emit("train_samples_per_s", rate, "samples/s", samples=rates)
        self.extra["train_spread"] = {
            "min": min(rates),
            "max": max(rates),
            "cv_percent": 100 * statistics.pstdev(rates) / rate,
        }
        wait_pct = 100 * waits / (waits + computes)
        self._emit("input_wait_percent", wait_pct, "%", higher=False)
        # stored in the card in English (N_: translated where it is shown)
        self.extra["input_verdict"] = (
            N_("input-bound: the step waits for data")
            if wait_pct > 20
            else N_("compute-bound: the input pipeline keeps up")
        )
        self._emit(
            "train_samples_per_j", score.samples_per_joule(samples_total, joules), "samples/J"
        )
        self.extra["energy_method"] = how
        return rate

    def _inference(self, model, ds) -> float:
        tf = _tf()
        infer = tf.function(
            lambda x: model(x, training=False),
            input_signature=[tf.TensorSpec([None, 28, 28, 1], tf.float32)],
        )
        pool = ds.x_test
        best_rate = 0.0
        joules_total, samples_total = 0.0, 0
        have_energy = True
        for batch in INFER_BATCHES:
            x = tf.constant(np.resize(pool, (batch, 28, 28, 1)))
            infer(x).numpy()  # trace/warm
            lat: list[float] = []

            def loop(x=x, lat=lat, batch=batch):
                for _rep in range(self.spec.infer_iters[batch]):
                    t0 = time.perf_counter()
                    infer(x).numpy()
                    lat.append(time.perf_counter() - t0)

            _, joules, _ = self._measure_energy(loop)
            if joules is None:
                have_energy = False
            else:
                joules_total += joules
                samples_total += batch * len(lat)
            ms = np.array(lat) * 1e3
            rate = batch * len(lat) / sum(lat)
            self._emit(f"inference_b{batch}_samples_per_s", rate, "samples/s")
            self._emit(
                f"latency_b{batch}_p50_ms",
                float(np.percentile(ms, 50)),
                "ms",
                False,
                samples=ms[:200],
            )
            self._emit(f"latency_b{batch}_p99_ms", float(np.percentile(ms, 99)), "ms", False)
            best_rate = max(best_rate, rate)
            if batch == 256:
                headline = rate
        self._emit("inference_samples_per_s", headline, "samples/s")
        self._emit(
            "inference_samples_per_j",
            score.samples_per_joule(samples_total, joules_total) if have_energy else None,
            "samples/J",
        )
        self.extra["inference_best_samples_per_s"] = best_rate
        return headline

    def _time_to_accuracy(self, fl) -> None:
        from engine.training.run import run

        hit: dict[str, Any] = {}
        t0 = time.perf_counter()

        class Watch(Callback):
            def on_epoch_end(self_, epoch, logs):
                if "seconds" not in hit and logs["dev_accuracy"] >= self.target:
                    hit.update(seconds=time.perf_counter() - t0, epochs=epoch)

        cfg = RunConfig(
            dataset="mnist",
            data_dir=self.data_dir,
            epochs=self.spec.tta_max_epochs,
            batch_size=32,
            target_accuracy=self.target,
            checkpoints=False,
            device=self.device,
        )
        try:
            ds = load_dataset("mnist", self.data_dir)  # the clock includes this first touch
        except DataError as exc:
            self.extra["time_to_accuracy_note"] = f"not available: {exc}"
            self._emit("time_to_accuracy_s", None, "s", higher=False)
            return
        self.dataset_sha = hashlib.sha256(ds.x_test.tobytes() + ds.y_test.tobytes()).hexdigest()
        result = run(cfg, [Watch(), _Forward(self.cbs)], self.control, dataset=ds)
        if result.status == "stopped":
            raise _Stopped
        self._emit("time_to_accuracy_s", hit.get("seconds"), "s", higher=False)
        self.extra["time_to_accuracy"] = {
            "target": self.target,
            "epochs": hit.get("epochs"),
            "reached": "seconds" in hit,
            "max_epochs": self.spec.tta_max_epochs,
        }
        mfl = count_flops(models.build("seed-cnn"), batch_size=32, optimizer="adam")
        c = score.training_flops(mfl.train_per_sample, result.samples_seen)
        r = score.inference_flops(mfl.inference_per_sample, result.test["samples"])
        s_bytes = result.info["model"]["weight_bytes"]
        self._emit("ai_suanli", score.ai_suanli(c, r, s_bytes), "FLOP/byte")
        self._emit(
            "ai_suanli_per_sample",
            score.ai_suanli_per_sample(c, result.samples_seen, r, result.test["samples"], s_bytes),
            "FLOP/byte",
        )
        self.extra["ai_suanli_terms"] = {"C_flops": c, "R_flops": r, "S_bytes": s_bytes}
        self.extra["test_accuracy"] = result.test["accuracy"]


class _Collect(Callback):
    def __init__(self, out: list) -> None:
        self.out = out

    def on_device_sample(self, snapshot) -> None:
        self.out.append(snapshot)


class _Forward(Callback):
    """Pass a nested run's log lines on, nothing else (its batches are not the suite's)."""

    def __init__(self, cbs: CallbackList) -> None:
        self.cbs = cbs

    def on_epoch_end(self, epoch, logs):
        self.cbs.on_log(
            "info",
            _("  epoch {epoch}: dev accuracy {accuracy}").format(
                epoch=epoch, accuracy=f"{logs['dev_accuracy']:.4f}"
            ),
        )


def run_suite(
    quick: bool = True,
    callbacks=None,
    control: RunControl | None = None,
    *,
    batch_size: int = 32,
    target_accuracy: float = 0.97,
    data_dir: str | None = None,
    device: str = "auto",
    spec: SuiteSpec | None = None,
) -> dict[str, Any]:
    """Run the suite and return the score card as a dict (see ``engine.cards.card``)."""
    cbs = (
        callbacks
        if isinstance(callbacks, CallbackList)
        else CallbackList([callbacks] if isinstance(callbacks, Callback) else callbacks)
    )
    RunConfig(batch_size=batch_size, target_accuracy=target_accuracy, device=device).validate()
    suite = Suite(
        quick, cbs, control or RunControl(), batch_size, target_accuracy, data_dir, device
    )
    if spec is not None:
        suite.spec = spec
    t0 = time.perf_counter()
    card = suite.run()
    card["extra"]["suite_seconds"] = time.perf_counter() - t0
    return card


def olympic_mean(values: list[float]) -> float:
    """Mean, dropping the best and the worst when there are at least 5 values."""
    v = sorted(values)
    if len(v) >= 5:
        v = v[1:-1]
    return sum(v) / len(v)


def coefficient_of_variation(values: list[float]) -> float:
    """Population standard deviation over mean, in percent."""
    m = statistics.fmean(values)
    return 100 * statistics.pstdev(values) / m if m else float("nan")
