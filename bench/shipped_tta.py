"""Which dev accuracy the suite's time to accuracy can rely on, on the shipped MNIST split.

Trains the seed CNN on the benchmark data (``engine.data.sources.benchmark_dataset``: the
MNIST test split shipped with Suanli, 7,200 train / 800 dev / 2,000 test) with the suite's
settings (batch 32, Adam, the quick suite's 12 epochs) once per seed, and prints the first
epoch at which the dev accuracy reaches each target (``-`` = never within the epochs). The
seed stands in for what differs between machines (other kernels, other rounding), so a
target every seed reaches is one every card can report.

    python bench/shipped_tta.py [--seeds 8] [--epochs 12] [--targets 0.95 0.96 0.97 0.98]

Epoch counts only: no timing, so the shared machine's noise does not enter.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.config import RunConfig  # noqa: E402
from engine.data.sources import benchmark_dataset  # noqa: E402
from engine.events import Callback  # noqa: E402
from engine.training.run import run  # noqa: E402


class _DevAccuracy(Callback):
    def __init__(self) -> None:
        self.values: list[float] = []

    def on_epoch_end(self, epoch, logs) -> None:
        self.values.append(float(logs["dev_accuracy"]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=8)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--targets", type=float, nargs="+", default=[0.95, 0.96, 0.97, 0.98])
    args = ap.parse_args(argv)
    data, sha256 = benchmark_dataset()
    print(f"data {sha256[:12]}: {data.sizes}; {args.epochs} epochs, batch 32")
    print("seed  " + "  ".join(f"{t:>5.0%}" for t in args.targets) + "  best dev accuracy")
    reached = {t: 0 for t in args.targets}
    for seed in range(args.seeds):
        dev = _DevAccuracy()
        config = RunConfig(epochs=args.epochs, batch_size=32, checkpoints=False, seed=seed)
        run(config, [dev], dataset=data)
        cells = []
        for t in args.targets:
            first = next((i + 1 for i, a in enumerate(dev.values) if a >= t), None)
            reached[t] += first is not None
            cells.append(f"{first if first else '-':>5}")
        print(f"{seed:>4}  " + "  ".join(cells) + f"  {max(dev.values):.4f}", flush=True)
    print("reached " + ", ".join(f"{t:.0%} by {n}/{args.seeds}" for t, n in reached.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
