"""Results-store costs, measured in one process on a scratch store (no TensorFlow).

1. Writing: what :class:`StoreWriter` adds to a run -- the per-batch hook (buffering a
   point), side by side with a callback that does nothing; the per-epoch commit (one
   transaction) with and without batch points; and so the cost per 1,000 batch points.
2. Reading: the run list the history view loads (``Store.list_runs()``: all runs, newest
   first, with tags) with ``--runs`` runs in the store, and one run's full record.

    .venv/bin/python bench/store_bench.py [--runs 1000] [--reps 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from engine.events import Callback, CallbackList
from engine.store.store import Store
from engine.store.writer import StoreWriter

CONFIG = {
    "dataset": "mnist",
    "model": "seed-cnn",
    "epochs": 5,
    "batch_size": 32,
    "optimizer": "adam",
    "learning_rate": 0.001,
    "device": "auto",
}
ENV = {"facts": {"cpu_model": "bench"}, "sha256": "0" * 64}


class _Nothing(Callback):
    def on_batch_end(self, step, logs):
        pass


def _result(status: str = "finished"):
    data = {
        "status": status,
        "steps": 0,
        "samples_seen": 0,
        "train_seconds": 1.0,
        "wall_seconds": 2.0,
        "test": {
            "accuracy": 0.9,
            "loss": 0.3,
            "report": {"accuracy": 0.9},
            "confusion_matrix": [[1, 0], [0, 1]],
        },
    }

    class R:
        def to_dict(self):
            return data

    return R()


def _logs(epoch: int) -> dict[str, float]:
    return {
        "epoch": epoch,
        "train_loss": 0.5 / epoch,
        "train_accuracy": 0.9,
        "dev_loss": 0.6 / epoch,
        "dev_accuracy": 0.88,
        "samples_per_s": 5000.0,
        "seconds": 12.0,
    }


def _batch_logs(epoch: int, step: int) -> dict[str, float]:
    return {
        "loss": 1.0 / step,
        "accuracy": 0.9,
        "size": 32,
        "epoch": epoch,
        "epoch_step": step,
        "epoch_steps": 1000,
        "epoch_seconds": 1.0,
        "samples_per_s": 5000.0,
    }


def bench_hook(n: int = 200_000) -> tuple[float, float]:
    """Seconds per on_batch_end through a CallbackList: no-op callback vs StoreWriter."""
    logs = _batch_logs(1, 1)
    nothing = CallbackList([_Nothing()])
    t0 = time.perf_counter()
    for i in range(n):
        nothing.on_batch_end(i, logs)
    t_nothing = (time.perf_counter() - t0) / n
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.db") as store:
        w = StoreWriter(store, environment=ENV, max_batch_points=n + 1)
        w.on_run_begin({"config": CONFIG})
        cbs = CallbackList([w])
        t0 = time.perf_counter()
        for i in range(n):
            cbs.on_batch_end(i, logs)
        t_writer = (time.perf_counter() - t0) / n
        w.on_run_end(_result())
    return t_nothing, t_writer


def bench_epochs(epochs: int, points: int) -> float:
    """Median seconds of one epoch commit carrying ``points`` batch points."""
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.db") as store:
        w = StoreWriter(store, environment=ENV, max_batch_points=10**9)
        w.on_run_begin({"config": CONFIG})
        times = []
        step = 0
        for epoch in range(1, epochs + 1):
            for _ in range(points):
                step += 1
                w.on_batch_end(step, _batch_logs(epoch, step))
            t0 = time.perf_counter()
            w.on_epoch_end(epoch, _logs(epoch))
            times.append(time.perf_counter() - t0)
        w.on_run_end(_result())
    return statistics.median(times)


def fill(store: Store, runs: int, epochs: int = 5, points: int = 100) -> None:
    rng = random.Random(0)
    tags = ["baseline", "gpu", "cpu", "fp16", "tuned", "nightly"]
    for i in range(runs):
        w = StoreWriter(
            store,
            name=f"run {i}",
            tags=rng.sample(tags, 2),
            environment=ENV,
            max_batch_points=10**9,
        )
        w.on_run_begin({"config": {**CONFIG, "seed": i}, "device": "/device:GPU:0"})
        step = 0
        for epoch in range(1, epochs + 1):
            for _ in range(points):
                step += 1
                w.on_batch_end(step, _batch_logs(epoch, step))
            w.on_epoch_end(epoch, _logs(epoch))
        w.on_run_end(_result(rng.choice(["finished"] * 8 + ["stopped", "failed"])))


def bench_list(runs: int, reps: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.db"
        t0 = time.perf_counter()
        with Store(path) as store:
            fill(store, runs)
        fill_s = time.perf_counter() - t0
        print(
            f"  filled {runs:,} runs (5 epochs x 100 batch points each) in {fill_s:.1f} s "
            f"({fill_s / runs * 1e3:.1f} ms per run); file {path.stat().st_size / 2**20:.1f} MB"
        )
        with Store(path) as store:  # a fresh open, as the window does
            t0 = time.perf_counter()
            first = store.list_runs()
            cold = time.perf_counter() - t0
            warm = []
            for _ in range(reps):
                t0 = time.perf_counter()
                store.list_runs()
                warm.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            filtered = store.list_runs({"status": "finished", "tag": "gpu"}, sort="-dev_accuracy")
            filt = time.perf_counter() - t0
            ids = [r.id for r in first]
            t0 = time.perf_counter()
            for run_id in ids[:reps]:
                store.get_run(run_id)
            one = (time.perf_counter() - t0) / min(reps, len(ids))
        print(
            f"  list_runs() -> {len(first):,} runs: first call {cold * 1e3:.1f} ms, "
            f"then median {statistics.median(warm) * 1e3:.1f} ms (target < 500 ms)"
        )
        print(
            f"  list_runs(status=finished, tag=gpu, sort=-dev_accuracy) -> "
            f"{len(filtered):,} runs: {filt * 1e3:.1f} ms"
        )
        print(f"  get_run(id) with epochs and 500 batch points: {one * 1e3:.2f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()

    print("Writing")
    nothing, writer = bench_hook()
    print(
        f"  on_batch_end: no-op callback {nothing * 1e6:.2f} us, StoreWriter "
        f"{writer * 1e6:.2f} us per batch ({writer / nothing:.1f}x the no-op)"
    )
    e0 = bench_epochs(20, 0)
    e1 = bench_epochs(20, 1000)
    e10 = bench_epochs(10, 10_000)
    print(
        f"  epoch commit (one transaction): {e0 * 1e3:.2f} ms without batch points, "
        f"{e1 * 1e3:.2f} ms with 1,000, {e10 * 1e3:.2f} ms with 10,000"
    )
    per_k = (e10 - e0) / 10 + writer * 1000
    print(f"  per 1,000 batch points (hook + commit): {per_k * 1e3:.2f} ms")
    print(f"Reading ({args.runs:,} runs)")
    bench_list(args.runs, args.reps)


if __name__ == "__main__":
    main()
