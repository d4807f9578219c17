"""How much CPU does the telemetry sampler cost? Prints % of one core per sampling rate.

    .venv/bin/python bench/telemetry_cost.py [--seconds 20] [--rates 4 10]

Two measures, side by side, while the main thread only sleeps:
* thread CPU: ``time.thread_time()`` of the sampling thread (``TelemetrySampler.cpu_seconds``),
* process CPU: ``time.process_time()`` of the whole process over the same span
  (sampler plus the sleeping main thread -- an upper bound).
Both divided by wall time give "% of one core". The budget is < 2 % at 10 Hz.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.telemetry import TelemetrySampler, nvml  # noqa: E402


def measure(rate_hz: float, seconds: float) -> dict[str, float]:
    sampler = TelemetrySampler(rate_hz=rate_hz)
    wall0, proc0 = time.monotonic(), time.process_time()
    sampler.start()
    time.sleep(seconds)
    sampler.stop()
    wall = time.monotonic() - wall0
    proc = time.process_time() - proc0
    return {
        "rate_hz": rate_hz,
        "samples": sampler.samples_taken,
        "wall_s": wall,
        "thread_cpu_pct": 100.0 * sampler.cpu_seconds / wall,
        "process_cpu_pct": 100.0 * proc / wall,
        "ms_per_sample": 1000.0 * sampler.cpu_seconds / max(1, sampler.samples_taken),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rates", type=float, nargs="+", default=[4.0, 10.0])
    args = parser.parse_args(argv)

    print(
        f"NVML: {'available, ' + str(nvml.device_count()) + ' GPU(s)' if nvml.available() else nvml.notice()}"
    )
    TelemetrySampler().sample_once()  # warm caches (CPU model, NVML init) outside the measurement
    print(f"{'rate':>6} {'samples':>8} {'thread CPU':>11} {'process CPU':>12} {'per sample':>11}")
    for rate in args.rates:
        r = measure(rate, args.seconds)
        print(
            f"{r['rate_hz']:>4.1f}Hz {r['samples']:>8d} {r['thread_cpu_pct']:>10.3f}% "
            f"{r['process_cpu_pct']:>11.3f}% {r['ms_per_sample']:>8.3f} ms"
        )
    print("(% of one core; budget: < 2 % at 10 Hz)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
