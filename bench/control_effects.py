"""Effects of the [control] options on training throughput, side by side in one process.

Same model (seed-cnn), same synthetic data, batch 64: float32 on one logical CPU device
(the baseline), with per-epoch checkpoints, mixed bfloat16, mixed float16, XLA, and
MirroredStrategy over two logical CPU devices (global batch 64 = 2 x 32). Each variant
trains ``--epochs`` epochs; the first is warm-up; variants are interleaved and repeated and
the median steady-state samples/s is printed with its ratio to the baseline, plus the
checkpoint cost per epoch.

    .venv/bin/python bench/control_effects.py [--reps 2] [--samples 6400] [--epochs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile

os.environ.setdefault("SUANLI_LOGICAL_CPUS", "2")  # before TensorFlow starts
os.environ["SUANLI_HOME"] = tempfile.mkdtemp(prefix="suanli-bench-")  # checkpoints go here

from engine.config import RunConfig  # noqa: E402
from engine.data import load_dataset  # noqa: E402
from engine.tf_runtime import tf as _tf  # noqa: E402
from engine.training.run import run  # noqa: E402

VARIANTS = {
    "float32, 1 device (baseline)": {},
    "with per-epoch checkpoints": {"checkpoints": True},
    "mixed_bfloat16": {"precision": "mixed_bfloat16"},
    "mixed_float16": {"precision": "mixed_float16"},
    "XLA": {"xla": True},
    "MirroredStrategy, 2 logical CPUs": {"device": "cpu:0,cpu:1"},
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--samples", type=int, default=6400)
    ap.add_argument("--epochs", type=int, default=3)
    args = ap.parse_args()
    tf = _tf()
    ds = load_dataset("synthetic", limit=args.samples)
    base = RunConfig(
        dataset="synthetic", epochs=args.epochs, batch_size=64, device="cpu:0", checkpoints=False
    )
    print(
        f"TensorFlow {tf.__version__}, logical devices "
        f"{[d.name for d in tf.config.list_logical_devices()]}, {len(ds.x_train)} samples, "
        f"batch 64, {args.epochs} epochs ({args.epochs - 1} timed), {args.reps} repetitions\n"
    )
    rates: dict[str, list[float]] = {k: [] for k in VARIANTS}
    ckpt: list[float] = []
    for _ in range(args.reps):
        for name, change in VARIANTS.items():
            r = run(base.replace(**change), dataset=ds)
            timed = r.epochs[1:]
            rates[name].append(len(ds.x_train) * len(timed) / sum(e["seconds"] for e in timed))
            if change.get("checkpoints"):
                ckpt.append(r.checkpoint_seconds / len(r.epochs))
    med = {k: statistics.median(v) for k, v in rates.items()}
    b = med["float32, 1 device (baseline)"]
    print(f"{'variant':<36} {'samples/s':>10}  ratio to baseline   [all repetitions]")
    for k, v in med.items():
        print(
            f"{k:<36} {v:>10,.0f}  {v / b:>6.3f}             "
            f"[{', '.join(f'{x:,.0f}' for x in rates[k])}]"
        )
    epoch_s = len(ds.x_train) / med["with per-epoch checkpoints"]
    c = statistics.median(ckpt)
    print(
        f"\ncheckpoint cost: {c * 1000:.1f} ms per epoch "
        f"({100 * c / epoch_s:.1f} % of a {epoch_s:.2f} s epoch of {len(ds.x_train)} samples)"
    )


if __name__ == "__main__":
    main()
