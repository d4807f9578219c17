"""The compression lab's table for the seed CNN on MNIST (the figures for the issue's
closing note), plus the distillation comparison over several seeds.

Every variant is measured in one process, side by side: size on disk and gzipped, test
accuracy, inference FLOPs, latency p50/p99 at batch 1, throughput at batch 256, and
(C+R)/S. Latency and throughput are medians/percentiles over many calls, but on a shared
or busy machine they still move; compare ratios within one run.

    .venv/bin/python bench/compress_table.py [--data-dir DIR] [--epochs 5] [--sparsity 0.5]
        [--seeds 0 1 2] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

from engine.cli.progress import ProgressPrinter
from engine.compress import CompressConfig, format_table, run_compression

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--data-dir",
        default=os.environ.get("SUANLI_DATA_DIR") or str(ROOT.parent / "shared" / "datasets"),
    )
    p.add_argument("--dataset", default="mnist")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--prune-epochs", type=int, default=2)
    p.add_argument("--sparsity", type=float, default=0.5)
    p.add_argument("--temperature", type=float, default=4.0)
    p.add_argument("--alpha", type=float, default=0.1)
    p.add_argument("--latency-runs", type=int, default=500)
    p.add_argument("--throughput-batches", type=int, default=40)
    p.add_argument(
        "--seeds",
        type=int,
        nargs="+",
        default=[0],
        help="the table is printed for the first; distillation is compared on all",
    )
    p.add_argument("--json", metavar="FILE", help="write every lab result as a JSON list")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    args = p.parse_args(argv)

    results = []
    for seed in args.seeds:
        config = CompressConfig(
            dataset=args.dataset,
            data_dir=args.data_dir,
            epochs=args.epochs,
            prune_epochs=args.prune_epochs,
            sparsity=args.sparsity,
            temperature=args.temperature,
            alpha=args.alpha,
            seed=seed,
            latency_runs=args.latency_runs,
            throughput_batches=args.throughput_batches,
        ).validate()
        cbs = [] if args.quiet else [ProgressPrinter()]
        result = run_compression(config, cbs)
        results.append(result)
        print(f"\n== seed {seed} ==")
        print(format_table(result))
        sys.stdout.flush()

    if len(results) > 1:
        gains = [r["distillation"]["gain_points"] for r in results]
        print(
            "\nDistillation over seeds (student with teacher minus without, test points): "
            + ", ".join(f"{g:+.2f}" for g in gains)
            + f"; mean {statistics.mean(gains):+.2f}, sd {statistics.stdev(gains):.2f}"
        )
        int8 = [
            100 * (_row(r, "tflite-int8")["test_accuracy"] - _row(r, "keras")["test_accuracy"])
            for r in results
        ]
        print("int8 minus float accuracy, points: " + ", ".join(f"{d:+.2f}" for d in int8))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


def _row(result: dict, name: str) -> dict:
    return next(v for v in result["variants"] if v["variant"] == name)


if __name__ == "__main__":
    raise SystemExit(main())
