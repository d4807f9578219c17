"""Training throughput of this tree against another git revision, interleaved round by round.

    .venv/bin/python bench/revision_throughput.py e5618e8 --rounds 8

Checks out REV into a temporary git worktree and, in each round, runs the same training
(``python -m engine train``, synthetic data, JSON result) once from each tree, in separate
processes, alternating which goes first. The throughput is the run's own training
samples/s over its epochs (from the JSON result), so start-up does not count. Prints each
round and the median of the paired ratios (this tree / REV): on a shared, noisy machine only
pairs measured side by side mean anything.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def samples_per_s(tree: Path, args: argparse.Namespace, home: Path) -> float:
    """One training from ``tree``: its mean samples/s over the epochs after the first."""
    out = home / "result.json"
    cmd = [sys.executable, "-m", "engine", "train", "--dataset", "synthetic"]
    cmd += ["--limit", str(args.samples), "--epochs", str(args.epochs)]
    cmd += ["--batch-size", str(args.batch_size), "--no-checkpoints", "--json", str(out)]
    env = {**os.environ, "SUANLI_HOME": str(home), "PYTHONPATH": str(tree)}
    subprocess.run(cmd, cwd=tree, env=env, check=True, capture_output=True, timeout=900)
    epochs = json.loads(out.read_text(encoding="utf-8"))["epochs"]
    timed = epochs[1:] or epochs  # the first epoch includes tracing
    return sum(e["samples_per_s"] for e in timed) / len(timed)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("rev", help="the git revision to compare with (e.g. a commit before a change)")
    p.add_argument("--rounds", type=int, default=8)
    p.add_argument("--samples", type=int, default=12800)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch-size", type=int, default=32)
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="suanli-rev-") as tmp:
        other = Path(tmp) / "rev"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(other), args.rev],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        try:
            ratios = []
            for r in range(args.rounds):
                order = [("this", ROOT), ("rev", other)]
                if r % 2:
                    order.reverse()
                rates = {}
                for name, tree in order:
                    home = Path(tmp) / f"home-{name}-{r}"
                    home.mkdir()
                    rates[name] = samples_per_s(tree, args, home)
                ratios.append(rates["this"] / rates["rev"])
                print(
                    f"round {r + 1}: this {rates['this']:,.0f} samples/s, "
                    f"{args.rev} {rates['rev']:,.0f} samples/s, ratio {ratios[-1]:.3f}",
                    flush=True,
                )
            print(
                f"median paired ratio (this / {args.rev}) over {len(ratios)} rounds: "
                f"{statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f})"
            )
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(other)], cwd=ROOT, capture_output=True
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
