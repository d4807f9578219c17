"""What live TensorBoard logging (``train --tensorboard DIR``) costs a training run.

Default: the cost per batch event. Per round, ``--calls`` batch events go to the live
logger (keeping every batch: the run keeps at most ``BATCH_HZ`` a second) (its writer thread running, writing real event files) and as many to an
empty callback, in alternating order; it prints the extra microseconds per batch and the
CPU time the writer thread spends per batch (encoding and writing its three events). Compare with a
training step of the seed CNN (several milliseconds at batch 32 on a CPU).

``--whole-runs``: the same short training job with and without the live logger,
interleaved round by round, and the paired throughput ratio with/without (on a busy
shared machine the run-to-run spread is larger than the effect).

The median over the rounds and its spread (min-max) are the figures.

    PYTHONPATH=. .venv/bin/python bench/tensorboard_live.py [--rounds 8] [--calls 20000]
    PYTHONPATH=. .venv/bin/python bench/tensorboard_live.py --whole-runs [--limit 8000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--data-dir",
        default=os.environ.get("SUANLI_DATA_DIR") or str(ROOT.parent / "shared" / "datasets"),
    )
    p.add_argument("--rounds", type=int, default=8)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--limit", type=int, default=8000)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--calls", type=int, default=20000)
    p.add_argument("--whole-runs", action="store_true")
    args = p.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="suanli-tb-bench-"))
    os.environ["SUANLI_HOME"] = str(tmp)
    if not args.whole_runs:
        return callback_cost(args.rounds, args.calls, tmp)

    from engine import jobs
    from engine.config import RunConfig

    config = RunConfig(
        dataset="mnist",
        data_dir=args.data_dir,
        epochs=args.epochs,
        limit=args.limit,
        batch_size=args.batch_size,
        checkpoints=False,
    ).validate()

    def rate(tensorboard: Path | None) -> float:
        r = jobs.train(config, tensorboard=tensorboard)
        return r.samples_seen / r.train_seconds

    rate(None)  # warm-up: TensorFlow, the data, the compiled step
    ratios = []
    print("round  without (samples/s)  with (samples/s)  with/without", flush=True)
    for i in range(args.rounds):
        order = (False, True) if i % 2 == 0 else (True, False)
        got = {on: rate(tmp / "tb" if on else None) for on in order}
        ratios.append(got[True] / got[False])
        print(
            f"{i + 1:5d}  {got[False]:19,.0f}  {got[True]:16,.0f}  {ratios[-1]:12.3f}", flush=True
        )
    print(
        f"median with/without {statistics.median(ratios):.3f} "
        f"(min {min(ratios):.3f}, max {max(ratios):.3f}, {len(ratios)} rounds)"
    )
    return 0


def callback_cost(rounds: int, calls: int, tmp: Path) -> int:
    from engine.events import Callback
    from engine.reports.tensorboard_live import LiveTensorBoard

    logs = {"loss": 0.25, "accuracy": 0.875, "samples_per_s": 2500.0, "epoch": 1}

    def feed(cb: Callback) -> float:
        t0 = time.perf_counter()
        for step in range(1, calls + 1):
            cb.on_batch_end(step, logs)
        return (time.perf_counter() - t0) / calls

    extra_us, thread_us = [], []
    print("round  empty (us/batch)  live (us/batch)  extra (us)  writing (us/batch)")
    for i in range(rounds):
        # the writer thread waits for close(), which then encodes and writes the queue
        # on this thread: that time is what the writer thread spends per batch
        live = LiveTensorBoard(tmp / "tb", run_id=lambda i=i: i, flush_s=3600, batch_hz=None)
        live.on_run_begin({"config": {}})
        got = {}
        for name in ("empty", "live") if i % 2 == 0 else ("live", "empty"):
            got[name] = feed(live if name == "live" else Callback())
        t0 = time.thread_time()
        live.close()
        extra_us.append((got["live"] - got["empty"]) * 1e6)
        thread_us.append((time.thread_time() - t0) / calls * 1e6)
        print(
            f"{i + 1:5d}  {got['empty'] * 1e6:16.2f}  {got['live'] * 1e6:15.2f}  "
            f"{extra_us[-1]:10.2f}  {thread_us[-1]:18.1f}",
            flush=True,
        )
    for label, xs in (
        ("extra on the training thread", extra_us),
        ("writing (writer thread CPU)", thread_us),
    ):
        print(
            f"{label}: median {statistics.median(xs):.2f} us/batch "
            f"(min {min(xs):.2f}, max {max(xs):.2f}, {len(xs)} rounds)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
