"""Does the telemetry sampler hold its rate on an 8-GPU node? Old tick vs. new, interleaved.

    .venv/bin/python bench/gpu_sampling_rate.py [--gpus 8] [--seconds 4] [--rounds 8]

No GPU needed: the real nvidia-ml-py runs over the stand-in libnvidia-ml of the tests
(``tests/engine/telemetry/fake_libnvml.py``), whose PCIe-throughput call blocks 20 ms as
NVML's does (it samples the bus over 20 ms). Each round runs, in turn:

* ``old``: the sampler's former tick -- GPUs read one after another on the tick, PCIe
  read on the tick once a second (8 GPUs x 2 counters x 20 ms = 320 ms > a 250 ms period);
* ``new``: ``TelemetrySampler`` as it is -- GPUs read in parallel, PCIe on its own thread;

both at 4 Hz for ``--seconds``, and prints samples/s per round and the median of the
paired ratios new/old with their spread.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "engine" / "telemetry"))

import pynvml  # noqa: E402
from fake_libnvml import FakeLibNvml, h200s  # noqa: E402

from engine.telemetry import TelemetrySampler, nvml  # noqa: E402
from engine.telemetry.gpu_reading import read_gpu  # noqa: E402
from engine.telemetry.nvml_calls import Caller, Gpu  # noqa: E402


def use_fake(gpus: int) -> None:
    pynvml.nvmlLib = FakeLibNvml(h200s(gpus), pcie_block_s=0.02)
    pynvml._nvmlGetFunctionPointer_cache = {}
    nvml.shutdown()
    nvml.read_gpus()


def old_tick_rate(rate_hz: float, seconds: float) -> float:
    """The former loop: one thread, GPUs in turn, PCIe on the tick every 1 s."""
    c = Caller(pynvml, (pynvml.NVMLError,))
    gpus = [
        Gpu(index=i, handle=pynvml.nvmlDeviceGetHandleByIndex(i))
        for i in range(pynvml.nvmlDeviceGetCount())
    ]
    period, n, last_pcie = 1.0 / rate_hz, 0, None
    t_end = time.monotonic() + seconds
    next_tick = time.monotonic()
    while time.monotonic() < t_end:
        now = time.monotonic()
        pcie = last_pcie is None or now - last_pcie >= 1.0
        if pcie:
            last_pcie = now
        for g in gpus:
            read_gpu(c, g, pcie)
        n += 1
        next_tick += period
        now = time.monotonic()
        if next_tick < now:
            next_tick = now + period - ((now - next_tick) % period)
        time.sleep(max(0.0, next_tick - now))
    return n / seconds


def new_rate(rate_hz: float, seconds: float) -> float:
    done = threading.Event()
    sampler = TelemetrySampler(rate_hz=rate_hz).start()
    done.wait(seconds)
    sampler.stop()
    return sampler.samples_taken / seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gpus", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--rate", type=float, default=4.0)
    args = parser.parse_args(argv)
    use_fake(args.gpus)
    print(f"{args.gpus} fake GPUs, PCIe read blocks 20 ms per counter, {args.rate:g} Hz asked")
    print(f"{'round':>5} {'old /s':>8} {'new /s':>8} {'new/old':>8}")
    ratios = []
    for r in range(args.rounds):
        old = old_tick_rate(args.rate, args.seconds)
        new = new_rate(args.rate, args.seconds)
        ratios.append(new / old)
        print(f"{r + 1:>5} {old:>8.2f} {new:>8.2f} {new / old:>8.3f}")
    print(
        f"median new/old {statistics.median(ratios):.3f} "
        f"(min {min(ratios):.3f}, max {max(ratios):.3f}, {len(ratios)} rounds)"
    )
    nvml.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
