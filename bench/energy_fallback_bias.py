"""How far off is the power-integral energy fallback? Old method vs. the EnergyMeter.

    .venv/bin/python bench/energy_fallback_bias.py [--trials 200]

A simulation, not a timing: the real nvidia-ml-py over the tests' stand-in libnvidia-ml
(``tests/engine/telemetry/fake_libnvml.py``) on a clock the script moves. The GPU idles at
75 W and draws 600 W exactly during the measured window, so the true energy is 600 W x
the window. For each window length and each kind of power NVML reports (instantaneous,
or the 1-second average of ``nvmlDeviceGetPowerUsage`` on Ampere and newer) it runs
``--trials`` windows at random sampling phases and prints measured/true (mean) and how
often the result is None:

* ``old``: the suite's former fallback -- 4 Hz telemetry samples strictly inside the
  window, trapezoids, None under 2 samples or at 0 J;
* ``new``: ``engine.scoring.energy.EnergyMeter`` without a counter -- power read at both
  edges and at 10 Hz between, None (with the reason) below the method's minimum window.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "engine" / "telemetry"))

import pynvml  # noqa: E402
from fake_libnvml import FakeGpu, FakeLibNvml  # noqa: E402

from engine.scoring.energy import EnergyMeter  # noqa: E402
from engine.telemetry import nvml  # noqa: E402

IDLE, LOAD = 75.0, 600.0


class Clock:
    t = 100.0

    def __call__(self) -> float:
        return self.t


def setup(averaged: bool, clock: Clock) -> FakeGpu:
    gpu = FakeGpu(arch=9 if averaged else 5, instant_power=False, idle_w=IDLE)
    pynvml.nvmlLib = FakeLibNvml(
        [gpu], clock=clock, missing={"nvmlDeviceGetTotalEnergyConsumption"}
    )
    pynvml._nvmlGetFunctionPointer_cache = {}
    nvml.shutdown()
    nvml.read_gpus()
    return gpu


def old(gpu: FakeGpu, clock: Clock, t0: float, t1: float, phase: float) -> float | None:
    pts, t = [], t0 - 1.0 + phase
    while t <= t1 + 1.0:
        clock.t = t
        if t0 <= t <= t1:
            pts.append((t, nvml.read_power_w([0])[0]))
        t += 0.25
    if len(pts) < 2:
        return None
    j = sum((b[0] - a[0]) * (a[1] + b[1]) / 2 for a, b in zip(pts, pts[1:], strict=False))
    return j or None  # the former `if j`


def new(gpu: FakeGpu, clock: Clock, t0: float, t1: float, phase: float) -> float | None:
    meter = EnergyMeter((0,), clock=clock, poll_hz=0)
    clock.t = t0
    meter.start()
    t = t0 + phase * 0.4  # 10 Hz polls at a random phase
    while t < t1:
        clock.t = t
        meter.poll_once()
        t += 0.1
    clock.t = t1
    meter.stop()
    return meter.total().joules


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    clock = Clock()
    print(
        f"{'power':>14} {'window':>7} {'old m/t':>8} {'old None':>9} {'new m/t':>8} {'new None':>9}"
    )
    for averaged in (False, True):
        gpu = setup(averaged, clock)
        for window in (0.25, 1.0, 2.0, 5.0, 15.0):
            res = {"old": [], "new": []}
            for _ in range(args.trials):
                t0 = clock.t + 10.0
                t1 = t0 + window
                gpu.power = [(0.0, IDLE), (t0, LOAD), (t1, IDLE)]
                phase = rng.random() * 0.25
                res["old"].append(old(gpu, clock, t0, t1, phase))
                res["new"].append(new(gpu, clock, t0, t1, phase / 0.25))
                clock.t = t1 + 2.0
            true = LOAD * window
            cells = []
            for k in ("old", "new"):
                got = [v for v in res[k] if v is not None]
                ratio = f"{sum(got) / len(got) / true:.3f}" if got else "-"
                cells += [ratio, f"{100 * (len(res[k]) - len(got)) / len(res[k]):.0f} %"]
            kind = "1 s average" if averaged else "instantaneous"
            print(
                f"{kind:>14} {window:>6g}s {cells[0]:>8} {cells[1]:>9} {cells[2]:>8} {cells[3]:>9}"
            )
    nvml.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
