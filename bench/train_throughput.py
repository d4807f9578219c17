"""Training throughput, side by side in one process: Suanli's trainer vs Keras ``model.fit``
vs a bare ``tf.function`` GradientTape loop with no callbacks.

Same model (seed-cnn), same synthetic data, same device, batch 32 and 256. Each variant
trains ``EPOCHS`` epochs; the first is warm-up (tracing), the rest are timed. Variants are
interleaved and repeated; the median over repetitions is printed with the ratios.

    .venv/bin/python bench/train_throughput.py [--reps 3] [--samples 6400] [--epochs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

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


def suanli(ds, batch, epochs, seed):
    cfg = RunConfig(dataset="synthetic", epochs=epochs, batch_size=batch, seed=seed)
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--samples", type=int, default=6400)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batches", default="32,256")
    args = ap.parse_args()
    tf = _tf()
    ds = load_dataset("synthetic", limit=args.samples)
    print(
        f"TensorFlow {tf.__version__}, devices "
        f"{[d.name for d in tf.config.list_logical_devices()]}, {len(ds.x_train)} samples, "
        f"{args.epochs} epochs ({args.epochs - 1} timed), {args.reps} repetitions\n"
    )
    for batch in (int(b) for b in args.batches.split(",")):
        got: dict[str, list[float]] = {k: [] for k in VARIANTS}
        for rep in range(args.reps):
            for name, fn in VARIANTS.items():
                got[name].append(fn(ds, batch, args.epochs, rep))
        med = {k: statistics.median(v) for k, v in got.items()}
        print(f"batch {batch}: median samples/s (all repetitions)")
        for k, v in med.items():
            spread = ", ".join(f"{x:,.0f}" for x in got[k])
            print(f"  {k:<24} {v:>10,.0f}   [{spread}]")
        s = med["suanli trainer"]
        print(
            f"  ratio suanli / bare loop          {s / med['bare tf.function loop']:.3f}"
            "   (target >= 0.95)"
        )
        print(
            f"  ratio suanli / keras fit (numpy)  {s / med['keras fit (numpy)']:.3f}"
            "   (target >= 1.5)"
        )
        print(f"  ratio suanli / keras fit (tf.data) {s / med['keras fit (tf.data)']:.3f}\n")


if __name__ == "__main__":
    main()
