"""How fast the History tab loads with many runs in the store, measured side by side with
the store query it is built on (no TensorFlow; a scratch store).

1. Fill a scratch store with ``--runs`` runs as :class:`StoreWriter` records them (5
   epochs x 100 batch points each, varied datasets, devices, statuses and tags; every
   tenth a benchmark with a score card).
2. Time ``Store.list_runs()`` alone, then the view's load: a fresh store, a new
   :class:`QtHistoryView`, ``refresh()`` (the query, the filter lists, the table model)
   and the first paint; then a filter change, a sort, and opening one run (its series).

    .venv/bin/python bench/history_bench.py [--runs 1000] [--reps 5]

With ``--screenshots DIR`` it instead fills a small store with a few realistic runs and
cards and saves ``history-1280x800.png`` and ``compare-1280x800.png`` of the window there
(run it under Xvfb with ``QT_QPA_PLATFORM=xcb`` for real fonts and window metrics).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATASETS = ("mnist", "fashion", "synthetic")
DEVICES = ("/device:GPU:0", "/device:GPU:1", "/device:CPU:0")
TAGS = ("baseline", "gpu", "cpu", "fp16", "tuned", "nightly")
CLASSES = [str(i) for i in range(10)]


def _report(acc: float) -> dict:
    report: dict = {
        c: {"precision": acc, "recall": acc, "f1-score": acc, "support": 1000} for c in CLASSES
    }
    report["accuracy"] = acc
    for avg in ("macro avg", "weighted avg"):
        report[avg] = {"precision": acc, "recall": acc, "f1-score": acc, "support": 10000}
    return report


def _confusion(acc: float, rng: random.Random) -> list[list[int]]:
    cm = []
    for i in range(10):
        row = [0] * 10
        right = int(1000 * acc)
        row[i] = right
        for _ in range(1000 - right):
            row[rng.choice([j for j in range(10) if j != i])] += 1
        cm.append(row)
    return cm


def write_run(store, rng: random.Random, i: int, *, epochs: int = 5, points: int = 100) -> int:
    """One training run through StoreWriter: epochs, batch points, test report."""
    from engine.store.writer import StoreWriter

    dataset = DATASETS[i % len(DATASETS)]
    device = DEVICES[i % len(DEVICES)]
    status = rng.choice(["finished"] * 8 + ["stopped", "failed"])
    lr = rng.choice([0.01, 0.003, 0.001, 0.0003])
    w = StoreWriter(
        store,
        name=f"{dataset} lr {lr:g}" if i % 4 else "",
        tags=rng.sample(TAGS, rng.randint(0, 2)),
        environment={
            "facts": {"cpu_model": "bench CPU", "tensorflow": "2.18.0"},
            "sha256": "0" * 64,
        },
        max_batch_points=10**9,
    )
    batch = rng.choice([32, 64, 128])
    w.on_run_begin(
        {
            "config": {
                "dataset": dataset,
                "model": "seed-cnn",
                "epochs": epochs,
                "batch_size": batch,
                "optimizer": "adam",
                "learning_rate": lr,
                "seed": i,
            },
            "device": device,
            "steps_per_epoch": points,
            "dataset": {
                "class_names": CLASSES,
                "sizes": {"train": points * batch, "dev": 5000, "test": 10000},
            },
        }
    )
    speed = {"GPU": 9000.0, "CPU": 1500.0}[device.split(":")[1]] * rng.uniform(0.8, 1.2)
    final = rng.uniform(0.95, 0.992) if dataset == "mnist" else rng.uniform(0.85, 0.93)
    step = 0
    done = epochs if status == "finished" else rng.randint(1, epochs)
    for epoch in range(1, done + 1):
        for k in range(points):
            step += 1
            progress = step / (epochs * points)
            loss = 2.3 * math.exp(-6 * progress) + (1 - final) + rng.gauss(0, 0.04)
            acc = min(1.0, final * (1 - math.exp(-8 * progress)) + rng.gauss(0, 0.02))
            w.on_batch_end(
                step,
                {
                    "loss": max(loss, 0.01),
                    "accuracy": max(acc, 0.0),
                    "epoch": epoch,
                    "samples_per_s": speed * (1 - 0.5 / (k + 1)),
                },
            )
        w.on_epoch_end(
            epoch,
            {
                "epoch": epoch,
                "train_loss": 2.3 * math.exp(-6 * epoch / epochs) + (1 - final),
                "train_accuracy": final * (1 - math.exp(-8 * epoch / epochs)),
                "dev_loss": 2.3 * math.exp(-5.5 * epoch / epochs) + 1.2 * (1 - final),
                "dev_accuracy": final * (1 - math.exp(-8 * epoch / epochs)) - 0.005,
                "samples_per_s": speed,
                "seconds": points * batch / speed,
            },
        )
    finished = status == "finished"
    w.on_run_end(
        {
            "status": status,
            "steps": step,
            "samples_seen": step * batch,
            "train_seconds": done * points * batch / speed,
            "wall_seconds": done * points * batch / speed + 4.0,
            "samples_per_s": speed,
            "test": {
                "accuracy": final,
                "loss": 1 - final,
                "samples": 10000,
                "report": _report(final),
                "confusion_matrix": _confusion(final, rng),
            }
            if finished
            else None,
            "error": "ResourceExhaustedError: out of memory" if status == "failed" else None,
        }
    )
    return int(w.run_id)


def a_card(speed: float, gpu: str, tf: str, driver: str, cpu: str, rng: random.Random):
    """A plausible quick-suite score card (its figures scaled by ``speed``)."""
    from engine.cards.card import SubScore, make_card
    from engine.hashing import json_sha256

    facts = {
        "cpu_model": cpu,
        "cpu_logical_cores": 16,
        "gpus": [{"name": gpu, "memory_total_mib": 24576}] if gpu else [],
        "driver_version": driver,
        "cuda_driver_version": "12.4",
        "tensorflow": tf,
        "python": "3.11.9",
    }
    s = speed

    def sub(name: str, value: float | None, unit: str, higher: bool = True) -> SubScore:
        v = None if value is None else value * rng.uniform(0.97, 1.03)
        return SubScore(name, v, unit, higher, () if v is None else (v,))

    subs = [
        sub("peak_tflops", 20 * s, "TFLOP/s"),
        sub("trace_seconds", 1.8 / s**0.3, "s", False),
        sub("warmup_seconds", 0.9 / s**0.3, "s", False),
        sub("train_samples_per_s", 9000 * s, "samples/s"),
        sub("train_tflops", 2.1 * s, "TFLOP/s"),
        sub("train_samples_per_j", 60 * s**0.7 if gpu else None, "samples/J"),
        sub("inference_b32_samples_per_s", 30000 * s, "samples/s"),
        sub("inference_b256_samples_per_s", 90000 * s, "samples/s"),
        sub("latency_b1_p50_ms", 0.9 / s**0.5, "ms", False),
        sub("latency_b1_p99_ms", 1.6 / s**0.5, "ms", False),
        sub("time_to_accuracy_s", 14 / s, "s", False),
    ]
    return make_card(
        suite_version="1",
        config={"model": "seed-cnn", "batch_size": 128, "suite": "quick"},
        dataset_sha256="ab" * 32,
        environment={"facts": facts, "sha256": json_sha256(facts)},
        sub_scores=subs,
        suanli_score=1000 * s,
        reference_profile="suanli-reference-v1",
        extra={"device": "/device:GPU:0" if gpu else "/device:CPU:0", "suite_seconds": 95 / s},
    )


def fill(store, runs: int, seed: int = 0) -> None:
    from engine.store.writer import record_card

    rng = random.Random(seed)
    for i in range(runs):
        if i % 10 == 9:
            record_card(
                a_card(
                    rng.uniform(0.8, 1.2),
                    "NVIDIA GeForce RTX 4090",
                    "2.18.0",
                    "550.54",
                    "AMD Ryzen 9 7950X",
                    rng,
                ),
                store=store,
                name=f"bench {i}",
            )
        else:
            write_run(store, rng, i)


# --------------------------------------------------------------------------- the benchmark


def bench(runs: int, reps: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "default.warning=false")  # offscreen chatter
    from PySide6.QtWidgets import QApplication

    from engine.store.store import Store
    from gui.theme import apply_style

    app = QApplication.instance() or QApplication([sys.argv[0]])
    apply_style(app)
    from gui.views.history.qt_history_view import QtHistoryView  # pyqtgraph, as the window loads it

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "suanli.db"
        t0 = time.perf_counter()
        with Store(path) as store:
            fill(store, runs)
        print(
            f"filled {runs:,} runs (5 epochs x 100 batch points each; every 10th a "
            f"benchmark with a card) in {time.perf_counter() - t0:.1f} s; "
            f"{path.stat().st_size / 2**20:.1f} MB"
        )

        t: dict[str, list[float]] = {
            k: [] for k in ("query", "build", "refresh", "shown", "filter", "sort", "first", "open")
        }
        for _ in range(reps):
            with Store(path) as store:  # a fresh open each time, as the window does
                t0 = time.perf_counter()
                rows = store.list_runs()
                t["query"].append(time.perf_counter() - t0)
            store = Store(path)
            t0 = time.perf_counter()
            view = QtHistoryView(store)
            view.resize(1000, 700)
            t["build"].append(time.perf_counter() - t0)
            t1 = time.perf_counter()
            assert view.refresh()
            t["refresh"].append(time.perf_counter() - t1)
            view.show()
            app.processEvents()  # layout and the first paint of the table
            t["shown"].append(time.perf_counter() - t0)
            assert view.model.rowCount() == len(rows) == runs
            t0 = time.perf_counter()
            view.status_filter.setCurrentIndex(view.status_filter.findData("finished"))
            t["filter"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            view.table.sortByColumn(9, view.table.horizontalHeader().sortIndicatorOrder())
            t["sort"].append(time.perf_counter() - t0)
            for key, row in (("first", 0), ("open", 1)):  # the first open builds the plots
                t0 = time.perf_counter()
                assert view.open_run(view.model.summary(row).id) is not None
                app.processEvents()
                t[key].append(time.perf_counter() - t0)
            view.close()
            view.deleteLater()
            app.processEvents()
            store.close()

        def ms(key: str) -> str:
            return f"{statistics.median(t[key]) * 1e3:6.1f} ms"

        shown = view.model.rowCount()
        print(f"median of {reps} (a fresh store and a new view each time), {runs:,} runs:")
        for label, key in (
            ("Store.list_runs() alone", "query"),
            ("a new History view (the list, no run open)", "build"),
            ("its refresh() (query, filter lists, table model)", "refresh"),
            ("view + refresh + first paint of the table", "shown"),
            (f"status filter 'finished' ({shown:,} runs)", "filter"),
            ("sort by test accuracy", "sort"),
            ("open the first run (builds the plots and report)", "first"),
            ("open another run (epochs, 500 batch points)", "open"),
        ):
            target = "  (target < 500 ms)" if key == "shown" else ""
            print(f"  {label + ':':<52}{ms(key)}{target}")
        ratio = statistics.median(t["refresh"]) / statistics.median(t["query"])
        print(f"refresh() / list_runs() alone: {ratio:.2f}x")


# --------------------------------------------------------------------------- screenshots


def screenshots(out: Path) -> None:
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = tempfile.TemporaryDirectory()
    os.environ["SUANLI_HOME"] = tmp.name
    from PySide6.QtCore import QEvent, QSettings
    from PySide6.QtWidgets import QApplication

    from engine.store.cards import store_card
    from engine.store.store import Store
    from engine.store.writer import record_card
    from gui.theme import apply_style
    from gui.window.qt_main_window import QtMainWindow
    from gui.window.qt_window_tabs import TAB_NAMES

    app = QApplication.instance() or QApplication([sys.argv[0]])
    apply_style(app)
    rng = random.Random(3)
    with Store() as store:
        for i in range(14):
            write_run(store, rng, i, epochs=5, points=60)
        store.set_tags(5, ["baseline", "gpu"])
        record_card(
            a_card(1.0, "NVIDIA GeForce RTX 4090", "2.18.0", "550.54", "AMD Ryzen 9 7950X", rng),
            store=store,
            name="bench RTX 4090",
        )
        store_card(
            store,
            a_card(
                2.3, "NVIDIA H100 80GB HBM3", "2.19.0", "560.35", "Intel Xeon Platinum 8480+", rng
            ),
            origin="imported",
            source_name="h100-lab.json",
        )
        store_card(
            store,
            a_card(0.12, "", "2.18.0", "n/a", "Intel Core i7-1185G7", rng),
            origin="imported",
            source_name="laptop.json",
        )
    out.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(Path(tmp.name) / "s.ini"), QSettings.Format.IniFormat)
    window = QtMainWindow(settings, autostart=False)
    window.resize(1280, 800)
    window.show()
    window.build_views()  # no TensorFlow, no telemetry: the store views only
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # the "Loading…" labels
    window.tf_status.setText("TensorFlow not loaded (screenshot)")
    window.tabs.setCurrentIndex(TAB_NAMES.index("History"))
    app.processEvents()
    history = window.history_view
    shown = max(s.id for s in history.model.rows if s.status == "finished" and s.kind == "train")
    history.select_run(shown)
    history.open_run(shown)
    for _ in range(5):
        app.processEvents()
        time.sleep(0.05)
    window.grab().save(str(out / "history-1280x800.png"))
    window.tabs.setCurrentIndex(TAB_NAMES.index("Compare"))
    compare = window.compare_view
    compare.set_checked([c.id for c in compare._rows])
    for _ in range(5):
        app.processEvents()
        time.sleep(0.05)
    window.grab().save(str(out / "compare-1280x800.png"))
    print(f"saved {out / 'history-1280x800.png'} and {out / 'compare-1280x800.png'}")
    window.close()
    tmp.cleanup()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--screenshots", metavar="DIR", help="save screenshots there instead")
    args = ap.parse_args()
    if args.screenshots:
        screenshots(Path(args.screenshots))
    else:
        bench(args.runs, args.reps)


if __name__ == "__main__":
    main()
