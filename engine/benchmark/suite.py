"""The benchmark suite: what makes Suanli a compute-power tool.

``run_suite()`` measures, on the chosen device:

a. training throughput on synthetic data (tracing/warm-up timed apart and reported apart;
   the 90th percentile of many short timed windows);
b. inference throughput and latency p50/p99 at batch 1, 32, 256, 1024, the batch sizes
   interleaved round by round;
c. time-to-accuracy on real data (MLPerf-style: first touch of the data until the dev
   accuracy reaches the target), always on the MNIST test split shipped with Suanli
   (``engine.data.sources.benchmark_dataset``) so every card measures the same work;
d. peak: a matmul microbenchmark in the training dtype (measured FLOP/s), so achieved
   FLOP/s is also shown as % of measured peak;
e. energy per training and per inference sample from the NVML energy counter (or power
   integrated over telemetry samples), "not available" where there is no GPU counter;
f. input-bound verdict: share of step time spent waiting for input (the training set is
   kept on the device and each step gathers its batch by index, as training does:
   ``engine.training.calls``); above :data:`INPUT_BOUND_PERCENT` % it says "input-bound";
and returns a score card (``engine.cards.card``) with every sub-score, its unit, raw
samples and 95 % interval (``engine.benchmark.windows``: the 90th percentile of the
windows, distribution-free interval), the composite's propagated interval, and what else
used the machine meanwhile (``engine.benchmark.interference``; disturbed windows are
measured again within a budget). Each sub-score goes to ``on_score`` as soon as it is measured.
"""

from __future__ import annotations

import hashlib
import math
import statistics
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine import models
from engine.benchmark.interference import InterferenceMonitor, gpu_figures
from engine.benchmark.windows import Budget, WindowRunner, Windows
from engine.cards.card import SubScore, make_card
from engine.config import RunConfig
from engine.control import RunControl
from engine.data import DataError, load_dataset
from engine.data.shipped import BENCHMARK_TARGET_ACCURACY
from engine.data.sources import benchmark_dataset
from engine.events import Callback, CallbackList
from engine.i18n import N_, _
from engine.i18n.message import english
from engine.scoring import intervals, score
from engine.scoring.energy import EnergyMeter
from engine.scoring.flops import count_flops
from engine.telemetry.inventory import environment_fingerprint
from engine.telemetry.sampler import TelemetrySampler
from engine.tf_runtime import tf as _tf
from engine.training.calls import endless_batches, on_device
from engine.training.placement import place
from engine.training.steps import (
    Steps,
    keep_steps,
    make_optimizer,
    reusable_steps,
)
from engine.training.traces import released_custom_gradients

SUITE_VERSION = "2.1"  # 2.1: the 90th percentile of windows (2.0: their median)
#: Waiting for input above this share of step time (%) makes the suite say "input-bound":
#: at 10 % a faster input would buy more than the run-to-run noise of the throughput.
INPUT_BOUND_PERCENT = 10.0
INFER_BATCHES = (1, 32, 256, 1024)
ESTIMATOR = {
    "timed_figures": "90th percentile of short timed windows (quiet windows when enough are quiet)",
    "ci95": "distribution-free order statistics of that percentile (exact binomial ranks, "
    "clipped to [min, max] for few windows)",
    "latency_percentiles": "distribution-free order statistics of the percentile (exact "
    "binomial ranks)",
    "composite_ci95": "log-space propagation of the used sub-scores' intervals, widened by "
    "the reference machine's between-suite spread of the composite",
}


@dataclass(frozen=True)
class SuiteSpec:
    """How much to measure: ``quick`` (under a minute on a 2-core CPU) or ``full``.

    ``train_windows`` windows of ``train_window_steps`` steps; ``infer_iters[b]`` calls at
    batch ``b`` spread over ``infer_rounds`` interleaved rounds; ``peak_reps`` matmul
    windows; ``remeasure_s`` seconds for measuring disturbed windows again.
    """

    name: str
    train_windows: int
    train_window_steps: int
    infer_iters: dict[int, int]
    tta_max_epochs: int
    peak_n: int
    peak_reps: int
    infer_rounds: int = 10
    remeasure_s: float = 6.0

    @classmethod
    def get(cls, quick: bool) -> SuiteSpec:
        if quick:
            return cls(
                "quick", 100, 40, {1: 1200, 32: 600, 256: 480, 1024: 120}, 12, 1024, 11, 60, 6.0
            )
        return cls(
            "full", 160, 50, {1: 2400, 32: 1200, 256: 640, 1024: 160}, 30, 2048, 21, 80, 20.0
        )


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
        self.monitor = InterferenceMonitor()
        self.kept: list[Windows] = []  # the windows the timed figures were made from
        self.t0 = time.perf_counter()

    # ---------------------------------------------------------------- helpers
    def _emit(
        self, name: str, value, unit: str, higher: bool = True, samples=(), ci95=None
    ) -> None:
        v = None if value is None or not np.isfinite(value) else float(value)
        ci = None
        if v is not None and ci95 is not None and all(math.isfinite(c) for c in ci95):
            ci = (min(float(ci95[0]), v), max(float(ci95[1]), v))
        sub = SubScore(name, v, unit, higher, tuple(float(s) for s in samples), ci)
        self.subs.append(sub)
        self.cbs.on_score(sub.to_dict())

    def _emit_windows(self, name: str, w: Windows, unit: str, scale: float = 1.0) -> float | None:
        """A timed figure from its windows: the estimate of the kept ones (the quiet ones
        when enough are quiet; ``engine.benchmark.windows``), its interval, and the kept
        windows' rates as the samples (how many windows there were in all is in the card's
        ``interference``)."""
        rates, _loads = w.kept()
        if not any(k is w for k in self.kept):  # once (TFLOP/s share samples/s's windows)
            self.kept.append(w)
        value, ci = w.value, w.ci95
        self._emit(
            name,
            None if value is None else value * scale,
            unit,
            samples=[r * scale for r in rates],
            ci95=None if ci is None else (ci[0] * scale, ci[1] * scale),
        )
        return value

    def _runner(self) -> WindowRunner:
        return WindowRunner(self.monitor, self.budget, lambda: self.control.stop_requested)

    def _step(self, title: str) -> None:
        if self.control.stop_requested or not self.control.wait_if_paused():
            raise _Stopped
        self.cbs.on_log("info", title)

    def _measure_energy(self, fn):
        """Run ``fn`` and return (its result, joules or None, how measured): the energy of
        the GPUs this suite runs on (``engine.scoring.energy``), why not kept for the card."""
        out, reading = self._meter.measure(fn)
        if reading.joules is None and reading.reason is not None:
            self.extra.setdefault("energy_note", english(reading.reason))
        return out, reading.joules, reading.method

    # ---------------------------------------------------------------- parts
    def run(self) -> dict[str, Any]:
        tf = _tf()
        placement = place(self.device)
        self._samples: list = []
        self.budget = Budget(self.spec.remeasure_s)
        collector = _Collect(self._samples)
        self.sampler.callbacks.append(collector)
        self._meter = EnergyMeter.for_tf_devices([placement.device])
        self.sampler.start()
        try:
            with tf.device(placement.device), released_custom_gradients():
                self._run_parts(placement)
            status = "finished"
        except _Stopped:
            status = "stopped"
        finally:
            self.sampler.stop()
            self._meter.close()
        self.extra["status"] = status
        self.extra["device"] = english(placement.description)  # a card holds plain text
        ref = score.load_reference_profile()
        detail = score.composite_with_ci({s.name: (s.value, s.ci95) for s in self.subs}, ref)
        self.extra["composite"] = {k: v for k, v in detail.items() if k != "ci95"}
        self.extra["estimator"] = ESTIMATOR
        # what 1000 means: the reference machine in words and its own suites' interval
        self.extra["reference_machine"] = (ref.get("machine") or {}).get("description")
        self.extra["reference_ci95"] = (ref.get("composite") or {}).get("ci95")
        kept = {str(i): w.kept()[1] for i, w in enumerate(self.kept)}
        interference = self.monitor.summary(kept, gpu_figures(self._samples))
        self.extra["suite_seconds"] = time.perf_counter() - self.t0
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
            suanli_score_ci95=detail["ci95"],
            reference_profile=ref.get("name"),
            interference=interference,
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
        train = self._train_throughput(steps, ds)
        self._emit_windows("train_tflops", train, "TFLOP/s", fl.train_per_sample / 1e12)
        achieved = self.sub("train_tflops")
        self._emit(
            "train_efficiency_percent",
            score.efficiency_percent(achieved.value, peak.value),
            "%",
            ci95=_scaled_ratio_ci(achieved, peak, 100.0),
        )
        self._step(_("Inference throughput and latency"))
        infer = self._inference(model, ds)
        self._emit_windows("inference_tflops", infer, "TFLOP/s", fl.inference_per_sample / 1e12)
        self._step(_("Time to {target} dev accuracy on MNIST").format(target=f"{self.target:.0%}"))
        self._time_to_accuracy(fl)
        keep_steps(key, steps)

    def sub(self, name: str) -> SubScore:
        return next(s for s in reversed(self.subs) if s.name == name)

    def _peak(self) -> SubScore:
        tf = _tf()
        n = self.spec.peak_n * (4 if tf.config.list_logical_devices("GPU") else 1)
        a = tf.random.normal((n, n), dtype=tf.float32)
        b = tf.random.normal((n, n), dtype=tf.float32)
        # called as its concrete function: a new trace per suite is not "retracing"
        mm = tf.function(lambda a, b: tf.reduce_sum(tf.linalg.matmul(a, b)))
        mm = mm.get_concrete_function(a, b)
        mm(a, b).numpy()  # trace and warm up

        def window() -> float:
            t0 = time.perf_counter()
            mm(a, b).numpy()
            return 2 * n**3 / (time.perf_counter() - t0) / 1e12

        got = self._runner().run([("peak_tflops", window)], self.spec.peak_reps)
        self._emit_windows("peak_tflops", got["peak_tflops"], "TFLOP/s")
        return self.sub("peak_tflops")

    def _train_throughput(self, steps: Steps, ds) -> Windows:
        x, y = on_device(ds.x_train, ds.y_train)  # in the suite's device scope
        idx = endless_batches(len(ds.x_train), self.batch)

        def next_batch() -> tuple:
            return x, y, next(idx)

        def step(*batch):
            return steps.train_calls(*batch).numpy()[0]

        t0 = time.perf_counter()
        step(*next_batch())
        self._emit("trace_seconds", time.perf_counter() - t0, "s", higher=False)
        t0 = time.perf_counter()
        for _rep in range(10):
            step(*next_batch())
        self._emit("warmup_seconds", time.perf_counter() - t0, "s", higher=False)
        waits, computes = 0.0, 0.0
        samples_total = 0

        def window() -> float:
            nonlocal waits, computes, samples_total
            n = 0
            w0 = time.perf_counter()
            for _rep in range(self.spec.train_window_steps):
                a = time.perf_counter()
                batch = next_batch()
                b = time.perf_counter()
                n += int(step(*batch)[2])
                c = time.perf_counter()
                waits += b - a
                computes += c - b
            samples_total += n
            return n / (time.perf_counter() - w0)

        got, joules, how = self._measure_energy(
            lambda: self._runner().run([("train_samples_per_s", window)], self.spec.train_windows)
        )
        w = got["train_samples_per_s"]
        if not w.rates:
            raise _Stopped
        self._emit_windows("train_samples_per_s", w, "samples/s")
        kept = w.kept()[0]
        self.extra["train_spread"] = {
            "min": min(kept),
            "max": max(kept),
            "cv_percent": intervals.cv_percent(kept),
            "windows": len(w.rates),
            "kept": len(kept),
        }
        wait_pct = 100 * waits / (waits + computes)
        self._emit("input_wait_percent", wait_pct, "%", higher=False)
        # stored in the card in English (N_: translated where it is shown)
        self.extra["input_verdict"] = (
            N_("input-bound: the step waits for data")
            if wait_pct > INPUT_BOUND_PERCENT
            else N_("compute-bound: the input pipeline keeps up")
        )
        self._emit(
            "train_samples_per_j", score.samples_per_joule(samples_total, joules), "samples/J"
        )
        self.extra["energy_method"] = how
        return w

    def _inference(self, model, ds) -> Windows:
        tf = _tf()
        infer = tf.function(
            lambda x: model(x, training=False),
            input_signature=[tf.TensorSpec([None, 28, 28, 1], tf.float32)],
        )
        pool = ds.x_test
        rounds = max(1, self.spec.infer_rounds)
        lat: dict[int, list[float]] = {b: [] for b in INFER_BATCHES}
        parts = []
        for batch in INFER_BATCHES:
            x = tf.constant(np.resize(pool, (batch, 28, 28, 1)))
            infer(x).numpy()  # trace/warm
            calls = max(1, math.ceil(self.spec.infer_iters[batch] / rounds))

            def window(x=x, batch=batch, calls=calls) -> float:
                t = 0.0
                for _rep in range(calls):
                    t0 = time.perf_counter()
                    infer(x).numpy()
                    dt = time.perf_counter() - t0
                    lat[batch].append(dt)
                    t += dt
                return batch * calls / t

            parts.append((f"inference_b{batch}_samples_per_s", window))
        calls_before = sum(len(v) for v in lat.values())
        got, joules, _how = self._measure_energy(lambda: self._runner().run(parts, rounds))
        samples_total = sum(b * len(lat[b]) for b in INFER_BATCHES) - calls_before
        best_rate = 0.0
        for batch in INFER_BATCHES:
            w = got[f"inference_b{batch}_samples_per_s"]
            if not w.rates:
                raise _Stopped
            rate = self._emit_windows(f"inference_b{batch}_samples_per_s", w, "samples/s") or 0.0
            ms = np.array(lat[batch]) * 1e3
            self._emit(
                f"latency_b{batch}_p50_ms",
                float(np.percentile(ms, 50)),
                "ms",
                False,
                samples=ms[:: max(1, len(ms) // 200)],
                ci95=intervals.quantile_ci(ms, 0.50),
            )
            self._emit(
                f"latency_b{batch}_p99_ms",
                float(np.percentile(ms, 99)),
                "ms",
                False,
                ci95=intervals.quantile_ci(ms, 0.99),
            )
            best_rate = max(best_rate, rate)
        headline = got["inference_b256_samples_per_s"]
        self._emit_windows("inference_samples_per_s", headline, "samples/s")
        self._emit(
            "inference_samples_per_j",
            score.samples_per_joule(samples_total, joules),
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
            epochs=self.spec.tta_max_epochs,
            batch_size=32,
            target_accuracy=self.target,
            checkpoints=False,
            device=self.device,
        )
        try:
            # the shipped split, whatever the user has; the clock includes this first touch
            ds, self.dataset_sha = benchmark_dataset()
        except DataError as exc:
            self.extra["time_to_accuracy_note"] = f"not available: {exc}"
            self._emit("time_to_accuracy_s", None, "s", higher=False)
            return
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


def _scaled_ratio_ci(num: SubScore, den: SubScore, scale: float) -> tuple[float, float] | None:
    ci = intervals.ratio_ci(den.value, den.ci95, num.value, num.ci95)
    return None if ci is None else (ci[0] * scale, ci[1] * scale)


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
    target_accuracy: float = BENCHMARK_TARGET_ACCURACY,
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
    return suite.run()


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
