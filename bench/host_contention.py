"""Is the host slowing this machine where the guest cannot see it?

Trains the suite's CNN in windows of 40 steps for ``--seconds`` and, after each window,
times the same small NumPy loop once on one thread and once on every logical core at
the same time (threads; NumPy releases the GIL). A single core's speed that stays put
while "all cores together" slows, in step with the CNN's throughput, means the host
gives this machine's cores full speed one at a time but not all at once (neighbours on
the same physical cores), which no counter in the guest (steal, frequency, other
processes) shows. Prints 10-s stretches side by side and the correlations.

    .venv/bin/python bench/host_contention.py [--seconds 150]
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_A = np.random.default_rng(0).random(8192)


def _loop(out: np.ndarray, reps: int = 40) -> None:
    for _ in range(reps):
        np.sin(_A, out=out)


def alone() -> float:
    out = np.empty_like(_A)
    t0 = time.perf_counter()
    _loop(out)
    return time.perf_counter() - t0


def together(k: int) -> float:
    """Seconds the slowest of ``k`` threads took, all started at once."""
    bar = threading.Barrier(k)
    took = [0.0] * k

    def run(i: int) -> None:
        out = np.empty_like(_A)
        bar.wait()
        t0 = time.perf_counter()
        _loop(out)
        took[i] = time.perf_counter() - t0

    threads = [threading.Thread(target=run, args=(i,)) for i in range(k)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return max(took)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=150.0)
    args = ap.parse_args()
    import keras

    from engine import models
    from engine.data import load_dataset
    from engine.training.calls import endless_batches, on_device
    from engine.training.steps import make_optimizer, reusable_steps

    cores = len(os.sched_getaffinity(0))
    ds = load_dataset("synthetic")
    keras.utils.set_random_seed(0)
    steps = reusable_steps(("host",), models.build("seed-cnn"), make_optimizer("adam", 1e-3))
    x, y = on_device(ds.x_train, ds.y_train)
    idx = endless_batches(len(ds.x_train), 32)

    def step():
        return steps.train_calls(x, y, next(idx)).numpy()[0]

    for _ in range(10):
        step()
    rows = []
    t_start = time.perf_counter()
    while time.perf_counter() - t_start < args.seconds:
        w0 = time.perf_counter()
        n = sum(int(step()[2]) for _ in range(40))
        rate = n / (time.perf_counter() - w0)
        rows.append((w0 - t_start, rate, together(cores), alone()))
    t, rate, par, one = (np.array(c) for c in zip(*rows, strict=True))
    print(
        f"{len(rows)} windows on {cores} logical cores, {time.strftime('%H:%M UTC', time.gmtime())}"
    )
    print("  from   CNN samples/s   one core ms   all cores ms   all / one")
    binned = []
    for b in np.arange(0, args.seconds, 10.0):
        m = (t >= b) & (t < b + 10)
        if m.any():
            binned.append((np.median(rate[m]), np.median(one[m]), np.median(par[m])))
            print(
                f"  {b:4.0f} s  {np.median(rate[m]):13,.0f}   {1e3 * np.median(one[m]):11.2f}"
                f"   {1e3 * np.median(par[m]):12.2f}   {np.median(par[m] / one[m]):9.2f}"
            )
    cv = lambda v: 100 * np.std(v) / np.mean(v)  # noqa: E731
    print(f"  spread (CV %): CNN {cv(rate):.1f}, one core {cv(one):.1f}, all cores {cv(par):.1f}")
    print(
        f"  correlation of the CNN's rate with 1/one core {np.corrcoef(rate, 1 / one)[0, 1]:.2f},"
        f" with 1/all cores {np.corrcoef(rate, 1 / par)[0, 1]:.2f} (windows);"
    )
    br, bo, bp = (np.array(c) for c in zip(*binned, strict=True))
    print(
        f"  of the 10-s medians: with 1/one core {np.corrcoef(br, 1 / bo)[0, 1]:.2f}, "
        f"with 1/all cores {np.corrcoef(br, 1 / bp)[0, 1]:.2f}"
    )


if __name__ == "__main__":
    main()
