"""Soak: the same job N times in one process, and how much resident memory each run adds.

    .venv/bin/python bench/soak.py train --runs 40         # engine.jobs.train, 1 epoch
    .venv/bin/python bench/soak.py bench --runs 40         # engine.jobs.bench, a small suite
    .venv/bin/python bench/soak.py compress --runs 40      # engine.jobs.compress, 1 epoch/stage
    .venv/bin/python bench/soak.py train --window          # clicked through the real window
    xvfb-run -a -s "-screen 0 1920x1080x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python bench/soak.py compress --window   # ... on a real X server

Each run is the job as a user starts it (recorded in a results store in a temporary
``$SUANLI_HOME``, checkpoints on), kept short (``--limit`` training images, one epoch, a
benchmark suite with few repetitions) so that 40 runs take minutes. After each run the
cyclic garbage is collected and the resident set size (RSS) read. Printed at the end:

* the least-squares slope of RSS over the runs after ``--warmup`` (MB per run; the
  target is <= 0.2), with the spread of the per-run increments;
* how many "triggered tf.function retracing" warnings TensorFlow logged (target: none);
* when the slope is over the target, or with ``--trace`` always: the object types whose
  live count grew from the end of the warm-up to the end, and (with ``--trace``, which
  starts ``tracemalloc``) the allocation sites that grew most.

RSS is what is measured, not time: the machine may be shared.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_MB_PER_RUN = 0.2
MB = 1024 * 1024


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / MB


def threads_alive() -> int:
    """OS threads of this process now (a job that leaves one behind shows here)."""
    import psutil

    return psutil.Process().num_threads()


def slope(ys: list[float]) -> float:
    """Least-squares slope of ``ys`` against 0, 1, 2, ... (units of y per run)."""
    n = len(ys)
    if n < 2:
        return float("nan")
    mx = (n - 1) / 2
    my = sum(ys) / n
    num = sum((i - mx) * (y - my) for i, y in enumerate(ys))
    den = sum((i - mx) ** 2 for i in range(n))
    return num / den


class RetraceCounter(logging.Handler):
    """Counts TensorFlow's "triggered tf.function retracing" warnings (and keeps the first)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        self.first = ""

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if "retracing" in text:
            self.count += 1
            self.first = self.first or text.splitlines()[0]


def malloc_trim() -> None:
    """Give the C heap's free memory back to the system (glibc), so RSS shows what is live."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def census() -> Counter:
    """Live objects tracked by the collector, by qualified type name."""
    gc.collect()
    return Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.get_objects())


# ------------------------------------------------------------------------ the jobs, headless


def data_dir() -> str:
    return os.environ.get("SUANLI_DATA_DIR") or str(ROOT.parent / "shared" / "datasets")


def small_spec():
    """A benchmark suite with every part but few repetitions (one time-to-accuracy epoch)."""
    from engine.benchmark.suite import SuiteSpec

    return SuiteSpec("soak", 2, 20, {1: 20, 32: 10, 256: 3, 1024: 2}, 1, 256, 2)


def compress_settings(args: argparse.Namespace) -> dict:
    """The compression lab's settings for one short run (CompressConfig fields)."""
    return {
        "epochs": 1,
        "prune_epochs": 1,
        "calibration_samples": 50,
        "latency_runs": 20,
        "throughput_batches": 3,
        "limit": args.limit,
        "data_dir": data_dir(),
    }


def headless_job(args: argparse.Namespace, scratch: Path) -> Callable[[int], str]:
    """``job(i)`` runs the i-th job through ``engine.jobs`` and says how it ended."""
    from engine import jobs
    from engine.config import RunConfig

    if args.job == "train":
        cfg = RunConfig(dataset="mnist", data_dir=data_dir(), epochs=1, limit=args.limit)

        def job(i: int) -> str:
            r = jobs.train(cfg.replace(seed=i % 3))
            return f"{r.status}, test accuracy {r.test['accuracy']:.4f}"

    elif args.job == "bench":
        spec = small_spec()

        def job(i: int) -> str:
            card = jobs.bench(quick=True, data_dir=data_dir(), spec=spec)
            return f"{card['extra']['status']}, score {card['suanli_score']}"

    else:
        from engine.compress.config import CompressConfig

        cfg = CompressConfig(dataset="mnist", **compress_settings(args))

        def job(i: int) -> str:
            out = scratch / f"lab-{i}"
            r = jobs.compress(cfg, out_dir=out)
            shutil.rmtree(out, ignore_errors=True)
            return f"{r['status']}, {len(r['variants'])} variants"

    return job


# ------------------------------------------------------------------------ the jobs, windowed


def window_job(args: argparse.Namespace, scratch: Path) -> Callable[[int], str]:
    """``job(i)`` clicks the job's button in a real window and waits for it to finish."""
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from engine.config import RunConfig
    from gui.self_test import wait_until
    from gui.theme import apply_style
    from gui.window.qt_main_window import QtMainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    apply_style(app)
    settings = QSettings(str(scratch / "soak.ini"), QSettings.Format.IniFormat)
    window = QtMainWindow(settings)
    window.confirm_stop = lambda: True
    window.resize(1280, 800)
    window.show()
    window.start()
    wait_until(lambda: window.tf_worker is None, 300, "TensorFlow")
    form = RunConfig(dataset="mnist", data_dir=data_dir(), epochs=1, limit=args.limit)
    window.form.set_config(form)
    if args.job == "bench":
        from engine.benchmark import suite

        spec = small_spec()
        suite.SuiteSpec.get = classmethod(lambda cls, quick: spec)  # the button runs "quick"
        button, finished = window.benchmark_view.run_button, window.benchmark_finished
    elif args.job == "compress":
        settings_ = compress_settings(args)
        window.compression_view.overrides = {
            k: v for k, v in settings_.items() if k not in ("limit", "data_dir")
        }
        window.compression_view.epochs.setValue(1)
        window.compression_view.prune_epochs.setValue(1)
        button, finished = window.compression_view.run_button, window.compression_finished
    else:
        button, finished = window.form.start_button, window.run_finished

    for index in range(window.tabs.count()):  # the tab with the button, as a user would
        page = window.tabs.widget(index)
        if page is button or page.isAncestorOf(button):
            window.tabs.setCurrentIndex(index)

    def job(i: int) -> str:
        got: list = []
        loop = QEventLoop()

        def done(result) -> None:
            got.append(result)
            loop.quit()

        finished.connect(done)
        wait_until(button.isEnabled, 60, "the button")
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        if not got:
            loop.exec()
        finished.disconnect(done)
        end = time.monotonic() + 0.5  # let the window draw the result, as a user would see it
        wait_until(lambda: time.monotonic() > end, 10, "the redraw")
        result = got[0]
        if result is None:
            raise RuntimeError(f"the window's job failed: {window.banner_text.text()}")
        status = result.status if hasattr(result, "status") else result.get("status")
        if status is None:
            status = result.get("extra", {}).get("status")
        return str(status)

    job.window = window  # kept alive for the whole soak
    return job


# ------------------------------------------------------------------------ the soak


def main() -> int:
    p = argparse.ArgumentParser(description="Resident memory per run over many runs of a job")
    p.add_argument("job", choices=("train", "bench", "compress"))
    p.add_argument("--runs", type=int, default=40, help="runs in all (default 40)")
    p.add_argument("--warmup", type=int, default=10, help="runs left out of the slope (10)")
    p.add_argument("--limit", type=int, default=2000, help="training images per run (2000)")
    p.add_argument("--window", action="store_true", help="drive the job through the window")
    p.add_argument("--trace", action="store_true", help="tracemalloc: top growing sites")
    p.add_argument(
        "--trim", action="store_true", help="malloc_trim(0) before each reading (allocator?)"
    )
    p.add_argument("--top", type=int, default=15, help="rows of the growth tables (15)")
    args = p.parse_args()
    if args.runs <= args.warmup + 1:
        p.error("--runs must be at least --warmup + 2")
    home = Path(tempfile.mkdtemp(prefix="suanli-soak-"))
    os.environ["SUANLI_HOME"] = str(home)
    scratch = home / "scratch"
    scratch.mkdir()
    retraces = RetraceCounter()
    logging.getLogger("tensorflow").addHandler(retraces)
    from engine.tf_runtime import tf

    tf()
    job = (window_job if args.window else headless_job)(args, scratch)
    if args.trace:
        tracemalloc.start(8)
    print(
        f"soak {args.job}{' (window)' if args.window else ''}: {args.runs} runs, "
        f"warm-up {args.warmup}, limit {args.limit}, RSS after each run"
    )
    rss: list[float] = []
    threads: list[int] = []
    before = snap = None
    t0 = time.perf_counter()
    try:
        for i in range(args.runs):
            said = job(i)
            gc.collect()
            if args.trim:
                malloc_trim()
            rss.append(rss_mb())
            step = rss[-1] - rss[-2] if len(rss) > 1 else 0.0
            threads.append(threads_alive())
            print(
                f"  run {i + 1:3d}: {rss[-1]:8.1f} MB ({step:+6.1f}) {threads[-1]:3d} threads "
                f"{said}",
                flush=True,
            )
            if i + 1 == args.warmup:
                before = census()
                if args.trace:
                    snap = tracemalloc.take_snapshot()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    after = rss[args.warmup :]
    per_run = slope(after)
    steps = sorted(b - a for a, b in zip(after, after[1:], strict=False))
    print(
        f"\n{args.job}{' (window)' if args.window else ''}: RSS {rss[args.warmup - 1]:.1f} -> "
        f"{rss[-1]:.1f} MB over runs {args.warmup + 1}-{args.runs}; slope {per_run:.3f} MB/run "
        f"(target <= {TARGET_MB_PER_RUN}); per-run steps median {steps[len(steps) // 2]:+.2f}, "
        f"min {steps[0]:+.2f}, max {steps[-1]:+.2f} MB; {time.perf_counter() - t0:.0f} s"
    )
    print(
        f"OS threads after run {args.warmup}: {threads[args.warmup - 1]}, at the end: {threads[-1]}"
    )
    print(
        f"retracing warnings: {retraces.count}" + (f" ({retraces.first})" if retraces.first else "")
    )
    if per_run > TARGET_MB_PER_RUN or args.trace:
        grown = census() - before
        print(f"\nlive objects grown over runs {args.warmup + 1}-{args.runs} (type: count):")
        for name, n in grown.most_common(args.top):
            print(f"  {n:+8d}  {name}")
    if snap is not None:
        print("\nallocation sites grown most (tracemalloc):")
        stats = tracemalloc.take_snapshot().compare_to(snap, "traceback")
        for st in [s for s in stats if s.size_diff > 0][: args.top]:
            print(f"  {st.size_diff / 1024:+9.1f} KiB {st.count_diff:+7d} blocks")
            for line in st.traceback.format(limit=4, most_recent_first=True):
                print(f"      {line}")
    return 0 if per_run <= TARGET_MB_PER_RUN and not retraces.count else 1


if __name__ == "__main__":
    raise SystemExit(main())
