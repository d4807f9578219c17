"""Training throughput, side by side in one process: Suanli's trainer vs Keras ``model.fit``
vs a bare per-batch ``tf.function`` GradientTape loop with no callbacks.

Same model (seed-cnn), same synthetic data, same device, batch 32 and 256. Each variant
trains ``EPOCHS`` epochs; the first is warm-up (tracing), the rest are timed. The variants
are interleaved round by round (the order rotates each round) and each round's ratios
(trainer / other) are paired, so a slow spell of the shared machine hits both sides of a
ratio; the median of the paired ratios is printed with its spread (min..max, IQR).

    .venv/bin/python bench/train_throughput.py [--rounds 8] [--samples 6400] [--epochs 3]
        [--batches 32,256] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as bench/train_throughput.py

from engine.config import RunConfig
from engine.data import load_dataset
from engine.events import Callback
from engine.tf_runtime import tf as _tf
from engine.training.run import run
from engine.training.steps import Steps, make_optimizer, make_train_dataset


class _CountBatches(Callback):
    """A callback that takes every batch, as the GUI bridge and the store do."""

    def __init__(self) -> None:
        self.n = 0
        self.last = None

    def on_batch_end(self, step, logs):
        self.n += 1
        self.last = logs


STEPS_PER_CALL = [0]  # the trainer's --steps-per-call (0: auto)


def suanli(ds, batch, epochs, seed):
    cfg = RunConfig(
        dataset="synthetic",
        epochs=epochs,
        batch_size=batch,
        seed=seed,
        steps_per_call=STEPS_PER_CALL[0],
    )
    r = run(cfg, [_CountBatches()], dataset=ds)
    timed = r.epochs[1:]
    return sum(len(ds.x_train) for _ in timed) / sum(e["seconds"] for e in timed)


def bare(ds, batch, epochs, seed):
    import keras

    from engine import models

    keras.utils.set_random_seed(seed)
    steps = Steps(models.build("seed-cnn"), make_optimizer("adam", 1e-3))
    times = []
    for epoch in range(1, epochs + 1):
        t0 = time.perf_counter()
        for x, y in make_train_dataset(ds.x_train, ds.y_train, batch, seed, epoch):
            out = steps.train_step(x, y)
        out.numpy()  # wait for the last step
        times.append(time.perf_counter() - t0)
    return len(ds.x_train) * (epochs - 1) / sum(times[1:])


class _EpochTimer:
    def __init__(self):
        import keras

        class T(keras.callbacks.Callback):
            def on_epoch_begin(s, epoch, logs=None):
                s.t0 = time.perf_counter()

            def on_epoch_end(s, epoch, logs=None):
                self.times.append(time.perf_counter() - s.t0)

        self.times: list[float] = []
        self.cb = T()


def keras_fit(ds, batch, epochs, seed, pipeline: bool):
    import keras

    from engine import models

    keras.utils.set_random_seed(seed)
    model = models.build("seed-cnn")
    model.compile(
        optimizer=make_optimizer("adam", 1e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    timer = _EpochTimer()
    if pipeline:
        tf = _tf()
        data = (
            tf.data.Dataset.from_tensor_slices((ds.x_train, ds.y_train))
            .shuffle(len(ds.x_train), seed=seed)
            .batch(batch)
            .prefetch(tf.data.AUTOTUNE)
        )
        model.fit(data, epochs=epochs, verbose=0, callbacks=[timer.cb])
    else:
        model.fit(
            ds.x_train,
            ds.y_train,
            batch_size=batch,
            epochs=epochs,
            shuffle=True,
            verbose=0,
            callbacks=[timer.cb],
        )
    return len(ds.x_train) * (epochs - 1) / sum(timer.times[1:])


VARIANTS = {
    "suanli trainer": suanli,
    "bare tf.function loop": bare,
    "keras fit (numpy)": lambda ds, b, e, s: keras_fit(ds, b, e, s, pipeline=False),
    "keras fit (tf.data)": lambda ds, b, e, s: keras_fit(ds, b, e, s, pipeline=True),
}
TARGETS = {"bare tf.function loop": {32: 1.3, 256: 1.0}, "keras fit (numpy)": {32: 2.0}}


def _spread(values: list[float]) -> dict[str, float]:
    q = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "q1": q[0],
        "q3": q[2],
    }


def measure(ds, batch: int, rounds: int, epochs: int, variants: list[str]) -> dict:
    """Every variant once per round, the order rotated each round; paired ratios."""
    got: dict[str, list[float]] = {k: [] for k in variants}
    for r in range(rounds):
        order = variants[r % len(variants) :] + variants[: r % len(variants)]
        for name in order:
            got[name].append(VARIANTS[name](ds, batch, epochs, r))
        print(f"  round {r + 1}/{rounds}: " + ", ".join(f"{k} {got[k][-1]:,.0f}" for k in variants))
    base = "suanli trainer"
    ratios = {
        k: [a / b for a, b in zip(got[base], got[k], strict=True)] for k in variants if k != base
    }
    return {
        "samples_per_s": {k: _spread(v) | {"rounds": v} for k, v in got.items()},
        "ratios": {k: _spread(v) | {"rounds": v} for k, v in ratios.items()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--samples", type=int, default=6400)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batches", default="32,256")
    ap.add_argument(
        "--variants", default=",".join(VARIANTS), help="comma-separated; the trainer always runs"
    )
    ap.add_argument("--steps-per-call", type=int, default=0, help="the trainer's (0: auto)")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    args = ap.parse_args()
    STEPS_PER_CALL[0] = args.steps_per_call
    tf = _tf()
    ds = load_dataset("synthetic", limit=args.samples)
    variants = ["suanli trainer"] + [
        v for v in args.variants.split(",") if v in VARIANTS and v != "suanli trainer"
    ]
    print(
        f"TensorFlow {tf.__version__}, devices "
        f"{[d.name for d in tf.config.list_logical_devices()]}, {len(ds.x_train)} samples, "
        f"{args.epochs} epochs ({args.epochs - 1} timed), {args.rounds} interleaved rounds\n"
    )
    report: dict = {
        "tensorflow": tf.__version__,
        "samples": len(ds.x_train),
        "epochs": args.epochs,
        "rounds": args.rounds,
        "steps_per_call": args.steps_per_call,
        "batches": {},
    }
    for batch in (int(b) for b in args.batches.split(",")):
        print(f"batch {batch}:")
        res = measure(ds, batch, args.rounds, args.epochs, variants)
        report["batches"][str(batch)] = res
        print("  samples/s        median   [min .. max]")
        for k, v in res["samples_per_s"].items():
            print(f"  {k:<24} {v['median']:>9,.0f}   [{v['min']:,.0f} .. {v['max']:,.0f}]")
        print("  paired ratio suanli / other: median [IQR] (min .. max)")
        for k, v in res["ratios"].items():
            target = TARGETS.get(k, {}).get(batch)
            t = f"   target >= {target}" if target else ""
            print(
                f"  {k:<24} {v['median']:>6.3f} [{v['q1']:.3f} .. {v['q3']:.3f}]"
                f" ({v['min']:.3f} .. {v['max']:.3f}){t}"
            )
        print()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
