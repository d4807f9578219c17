"""Timed windows and interference: disturbed windows are measured again within the budget,
a figure is made from its quiet windows, the card's verdict follows the kept windows, and
the monitor sees another process keeping a core busy."""

from __future__ import annotations

import subprocess
import sys
import time

from engine.benchmark.interference import (
    InterferenceMonitor,
    WindowLoad,
    gpu_figures,
    other_cores_limit,
)
from engine.benchmark.windows import MIN_QUIET, Budget, WindowRunner


def load(other: float, steal: float = 0.0) -> WindowLoad:
    return WindowLoad(seconds=0.1, other_cores=other, steal_percent=steal, cpu_freq_mhz=None)


class ScriptedMonitor(InterferenceMonitor):
    """Says each window's load from a script instead of reading the machine."""

    def __init__(self, others: list[float]) -> None:
        super().__init__()
        self.others = list(others)

    def read(self):
        return None

    def load(self, start, end) -> WindowLoad:
        return load(self.others.pop(0) if self.others else 0.0)


def test_a_window_is_disturbed_by_other_processes_or_steal():
    assert not load(0.1).disturbed
    assert load(0.3).disturbed and load(0.0, steal=6.0).disturbed
    assert other_cores_limit(2) == 0.25 and other_cores_limit(64) == 64 * 0.05
    big = WindowLoad(0.1, 1.0, 0.0, None, cores=64)
    assert not big.disturbed  # one core's worth on a 64-core machine


def test_disturbed_windows_are_measured_again_and_the_quiet_ones_make_the_figure():
    # 6 rounds: windows 2 and 4 disturbed, then the two extra windows are quiet
    monitor = ScriptedMonitor([0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0])
    rates = iter([100.0, 10.0, 101.0, 10.0, 99.0, 100.0, 102.0, 98.0])
    got = WindowRunner(monitor, Budget(60.0)).run([("x", lambda: next(rates))], 6)["x"]
    assert len(got.rates) == 8 and monitor.remeasured == {"x": 2}
    kept, loads = got.kept()
    assert 10.0 not in kept and len(kept) == 6 and not any(w.disturbed for w in loads)
    # the 90th percentile of 98, 99, 100, 100, 101, 102 (the disturbed 10s left out)
    assert got.value == 101.5 and got.ci95[0] <= 101.5 <= got.ci95[1]


def test_without_budget_nothing_is_measured_again_and_too_few_quiet_windows_keep_all():
    monitor = ScriptedMonitor([1.0, 1.0, 0.0, 1.0, 1.0, 1.0])
    rates = iter([10.0, 11.0, 100.0, 12.0, 13.0, 14.0])
    got = WindowRunner(monitor, Budget(0.0)).run([("x", lambda: next(rates))], 6)["x"]
    assert len(got.rates) == 6 and monitor.remeasured == {}
    assert MIN_QUIET > 1 and len(got.kept()[0]) == 6  # one quiet window is not enough


def test_variants_are_interleaved_round_by_round():
    order: list[str] = []
    parts = [(n, lambda n=n: order.append(n) or 1.0) for n in ("a", "b", "c")]
    WindowRunner(ScriptedMonitor([]), Budget(0.0)).run(parts, 3)
    assert order == ["a", "b", "c"] * 3


def test_the_verdict_follows_the_kept_windows():
    monitor = InterferenceMonitor()
    for other in (0.0, 0.0, 1.0):
        monitor.record("x", load(other))
    quiet = monitor.summary({"x": [load(0.0)] * 5}, {})
    assert quiet["verdict"] == "quiet" and quiet["windows"] == 3
    assert quiet["windows_disturbed"] == 1
    disturbed = monitor.summary({"x": [load(0.0), load(1.0)]}, {})
    assert disturbed["verdict"] == "disturbed" and disturbed["kept_disturbed"] == 1
    throttled = monitor.summary({"x": [load(0.0)]}, {"throttle_reasons": ["hw_slowdown"]})
    assert throttled["verdict"] == "disturbed"


def test_gpu_clocks_and_throttle_reasons_come_from_the_telemetry_samples():
    from types import SimpleNamespace

    def snap(clock, reasons):
        return SimpleNamespace(gpus=[SimpleNamespace(sm_clock_mhz=clock, throttle_reasons=reasons)])

    got = gpu_figures([snap(1980, ("gpu_idle",)), snap(1500, ("sw_thermal_slowdown",))])
    assert got == {
        "gpu_sm_clock_mhz_min": 1500.0,
        "gpu_sm_clock_mhz_max": 1980.0,
        "throttle_reasons": ["sw_thermal_slowdown"],
    }
    assert gpu_figures([SimpleNamespace(gpus=[])]) == {}


def test_the_monitor_sees_another_process_keeping_a_core_busy():
    burner = subprocess.Popen([sys.executable, "-c", "while True:\n    pass\n"])
    try:
        time.sleep(0.3)
        monitor = InterferenceMonitor()
        start = monitor.read()
        time.sleep(1.0)  # this process idles: what is busy is the others
        seen = monitor.load(start, monitor.read())
    finally:
        burner.terminate()  # our own burner, by its pid
        burner.wait(timeout=10)
    assert seen.other_cores is not None and seen.other_cores >= 0.5
    assert seen.disturbed
