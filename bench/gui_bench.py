"""What the window costs, measured side by side in one run.

    .venv/bin/python bench/gui_bench.py            # offscreen unless DISPLAY is set
    .venv/bin/python bench/gui_bench.py --only-throughput --rounds 8 --json out.json
    xvfb-run -a -s "-screen 0 1920x1080x24" env QT_QPA_PLATFORM=xcb .venv/bin/python bench/gui_bench.py

1. Training throughput of a run driven by the window (worker thread, 25 Hz redraw timer,
   telemetry at 2 Hz) vs. the same run headless (``engine.training.run.run``, no callbacks), in
   back-to-back pairs, one pair a round (alternating which goes first); median of the pair
   ratios with their spread (IQR, min..max); ``--json FILE`` writes them
   (``window_over_headless``: the median of the pair ratios).
                                                           target: ratio >= 0.97
2. Lateness of a 10 ms QTimer on the GUI thread while the window trains at batch 32 and
   256 (and idle, for reference).                         target: p99 <= 20 ms
3. Process start to first painted window (``python -m gui --measure-startup``).
                                                           target: <= 1.0 s
4. Redraw rate of a curve holding 1,000,000 points (setData + repaint, as the timer does).
                                                           target: >= 60 fps
5. What collecting cycles on the GUI thread costs it (gui/main_thread_gc.py): how many
   collections ran there during the window runs, and how long they took; and a full
   collection with TensorFlow's heap frozen out of it (as the window does) vs. scanned.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q)) if values else float("nan")


def measure_startup(n: int) -> list[float]:
    """Seconds from spawning ``python -m gui --measure-startup`` to its first paint."""
    out = []
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as home:
        env["SUANLI_HOME"] = home
        for _ in range(n):
            t0 = time.time()
            proc = subprocess.run(
                [sys.executable, "-m", "gui", "--measure-startup"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            line = next(
                (ln for ln in proc.stdout.splitlines() if ln.startswith("first-paint")), None
            )
            if line is None:
                raise RuntimeError(f"--measure-startup printed nothing: {proc.stderr[-500:]}")
            out.append(float(line.split()[1]) - t0)
    return out


def main() -> int:
    p = argparse.ArgumentParser(description="Suanli window benchmarks")
    p.add_argument(
        "--rounds", "--repeats", type=int, default=8, help="interleaved pairs for throughput"
    )
    p.add_argument("--only-throughput", action="store_true", help="skip measures 2 to 5")
    p.add_argument("--json", metavar="FILE", help="also write the throughput figures to FILE")
    p.add_argument("--limit", type=int, default=8_000, help="training images per epoch")
    p.add_argument("--startups", type=int, default=5)
    p.add_argument("--points", type=int, default=1_000_000)
    args = p.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("SUANLI_HOME", tempfile.mkdtemp(prefix="suanli-bench-"))

    # before this process loads TensorFlow
    startup = [] if args.only_throughput else measure_startup(args.startups)

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from engine.config import RunConfig
    from engine.training.run import run
    from gui.self_test import wait_until
    from gui.theme import apply_style
    from gui.window.qt_main_window import QtMainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    apply_style(app)
    platform = app.platformName()
    settings = QSettings(
        str(Path(os.environ["SUANLI_HOME"]) / "bench.ini"), QSettings.Format.IniFormat
    )
    window = QtMainWindow(settings)
    window.confirm_stop = lambda: True
    window.confirm_stop_job = lambda: True
    window.resize(1280, 800)
    window.show()
    window.start()
    wait_until(lambda: window.tf_worker is None, 300, "TensorFlow")

    def config(batch: int) -> RunConfig:
        # two epochs: throughput is taken from the second (no tracing, caches warm)
        return RunConfig(
            dataset="synthetic", epochs=2, batch_size=batch, limit=args.limit, checkpoints=False
        )

    def steady_rate(result) -> float:
        return result.epochs[-1]["samples_per_s"]

    collections: list[tuple[int, float]] = []  # (generation, ms) on the GUI thread, in runs
    started: dict[str, float] = {}

    def on_gc(phase: str, info: dict) -> None:  # the window collects on the GUI thread only
        if phase == "start":
            started["t"] = time.perf_counter()
        elif "t" in started:
            collections.append((info["generation"], 1e3 * (time.perf_counter() - started["t"])))

    def gui_run(cfg: RunConfig, timer_ms: int | None = None):
        """Train through the window; optionally record a QTimer's intervals meanwhile."""
        intervals: list[float] = []
        clock = QElapsedTimer()
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        if timer_ms:
            last = [0]

            def tick():
                now = clock.nsecsElapsed()
                training = window.recorder.global_step > 1 and window.last_result is None
                if last[0] and training:  # not start-up, not the end-of-run report
                    intervals.append((now - last[0]) / 1e6)
                last[0] = now

            timer.timeout.connect(tick)
            timer.setInterval(timer_ms)
            clock.start()
            timer.start()
        window.tabs.setCurrentIndex(0)
        window.form.set_config(cfg)
        loop = QEventLoop()  # no polling: the event loop runs as in the app until the end
        window.run_finished.connect(loop.quit)
        window.form.start_button.click()
        gc.callbacks.append(on_gc)
        loop.exec()
        gc.callbacks.remove(on_gc)
        started.clear()
        window.run_finished.disconnect(loop.quit)
        timer.stop()
        r = window.last_result
        if r is None or r.status != "finished":
            raise RuntimeError(f"window run failed: {window.banner_text.text()}")
        return steady_rate(r), intervals

    def headless_run(cfg: RunConfig) -> float:
        return steady_rate(run(cfg))

    # 1. throughput, interleaved (warm both paths up first: tracing, caches)
    cfg32 = config(32)
    headless_run(cfg32.replace(limit=512, epochs=1))
    gui_run(cfg32.replace(limit=512, epochs=1))
    gui_rates, headless_rates = [], []
    for i in range(args.rounds):  # pairs, alternating which goes first
        if i % 2:
            gui_rates.append(gui_run(cfg32)[0])
            headless_rates.append(headless_run(cfg32))
        else:
            headless_rates.append(headless_run(cfg32))
            gui_rates.append(gui_run(cfg32)[0])
    pair_ratios = [g / h for g, h in zip(gui_rates, headless_rates, strict=True)]
    q = statistics.quantiles(pair_ratios, n=4) if len(pair_ratios) > 1 else pair_ratios * 3
    figures = {
        "window_over_headless": statistics.median(pair_ratios),
        "pair_ratios": pair_ratios,
        "ratio_iqr": [q[0], q[2]],
        "ratio_min_max": [min(pair_ratios), max(pair_ratios)],
        "headless_samples_per_s": headless_rates,
        "window_samples_per_s": gui_rates,
        "batch_size": 32,
        "limit": args.limit,
        "rounds": args.rounds,
        "cpus": os.cpu_count(),
    }
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    if args.only_throughput:
        print(
            f"window / headless, batch 32, {args.rounds} interleaved pairs: median "
            f"{figures['window_over_headless']:.3f}  IQR [{q[0]:.3f} .. {q[2]:.3f}]  "
            f"(min .. max {min(pair_ratios):.3f} .. {max(pair_ratios):.3f})   target >= 0.97"
        )
        print("  headless samples/s: " + ", ".join(f"{v:,.0f}" for v in headless_rates))
        print("  window samples/s:   " + ", ".join(f"{v:,.0f}" for v in gui_rates))
        window.close()
        wait_until(lambda: not window.threads_running, 60, "threads to end")
        return 0

    # 2. timer lateness while training, and idle for reference
    lateness = {}
    for batch in (32, 256):
        _, iv = gui_run(config(batch), timer_ms=10)
        lateness[batch] = [max(0.0, i - 10.0) for i in iv]
    idle: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def idle_tick():
        now = clock.nsecsElapsed()
        idle.append(max(0.0, (now - last[0]) / 1e6 - 10.0))
        last[0] = now

    t = QTimer()
    t.setTimerType(Qt.TimerType.PreciseTimer)
    t.timeout.connect(idle_tick)
    t.start(10)
    end = time.monotonic() + 3
    wait_until(lambda: time.monotonic() > end, 10, "idle timer")
    t.stop()

    # 5. a full collection with TensorFlow's heap frozen out (as the window does once
    # TensorFlow has loaded) vs. scanned, side by side (best of 3 each)
    def full_ms() -> float:
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            gc.collect()
            best = min(best, 1e3 * (time.perf_counter() - t0))
        return best

    frozen_ms, frozen_n = full_ms(), gc.get_freeze_count()
    gc.unfreeze()
    scanned_ms = full_ms()
    gc.freeze()

    # 4. redraw rate of a 1M-point curve, drawn the way the redraw timer draws it
    from gui.widgets.qt_plot_panel import QtPlotPanel

    panel = QtPlotPanel("1M points", "step", "loss")
    panel.add_curve("y", "loss", "#1f77b4")
    panel.resize(900, 500)
    panel.show()
    x = np.arange(args.points, dtype=float)
    y = np.cumsum(np.random.default_rng(0).normal(size=args.points))
    panel.set_data("y", x, y)
    app.processEvents()
    frames, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < 3.0:
        panel.set_data("y", x, y)
        panel.plot_widget.viewport().repaint()
        frames += 1
    fps = frames / (time.perf_counter() - t0)
    panel.close()

    window.close()
    wait_until(lambda: not window.threads_running, 60, "threads to end")

    g, h = statistics.median(gui_rates), statistics.median(headless_rates)
    print(f"Suanli window benchmarks (Qt platform: {platform}, {os.cpu_count()} CPUs)")
    print()
    print(f"{'measure':<48}{'value':>16}  {'target':>12}")
    print(
        f"{'throughput, headless (median samples/s)':<48}{h:>16,.0f}"
        f"  (batch 32, 2nd epoch of {args.limit:,})"
    )
    print(f"{'throughput, window-driven (median samples/s)':<48}{g:>16,.0f}")
    print(
        f"{'  ratio window / headless (median of pairs)':<48}"
        f"{statistics.median(pair_ratios):>16.3f}  {'>= 0.97':>12}"
    )
    print(
        f"{'  pair ratios IQR / min..max':<48}{q[0]:>7.3f} ..{q[2]:>6.3f}  "
        f"({min(pair_ratios):.3f} .. {max(pair_ratios):.3f})"
    )
    print(f"{'  ratio of the medians':<48}{g / h:>16.3f}")
    print(f"{'  ratio of the best runs':<48}{max(gui_rates) / max(headless_rates):>16.3f}")
    print(f"{'  runs (headless)':<48}{', '.join(f'{v:,.0f}' for v in headless_rates):>16}")
    print(f"{'  runs (window)':<48}{', '.join(f'{v:,.0f}' for v in gui_rates):>16}")
    for batch, late in lateness.items():
        print(
            f"{f'10 ms timer lateness, batch {batch}: p50 / p99 ms':<48}"
            f"{_pct(late, 50):>7.2f} /{_pct(late, 99):>7.2f}  {'p99 <= 20':>12}"
        )
        print(f"{f'  max ms ({len(late)} ticks)':<48}{max(late, default=float('nan')):>16.2f}")
    print(
        f"{'10 ms timer lateness, idle: p50 / p99 ms':<48}"
        f"{_pct(idle, 50):>7.2f} /{_pct(idle, 99):>7.2f}"
    )
    ms = [d for _, d in collections]
    full = [d for g, d in collections if g == 2]
    print(
        f"{'cycle collections on the GUI thread (all runs)':<48}{len(ms):>16,}"
        f"  (gen 2: {len(full)})"
    )
    print(
        f"{'  p50 / p99 / max ms':<48}"
        f"{_pct(ms, 50):>7.2f} /{_pct(ms, 99):>7.2f} /{max(ms, default=float('nan')):>7.2f}"
    )
    print(f"{'  full (gen 2) max ms':<48}{max(full, default=float('nan')):>16.2f}")
    print(
        f"{'full collection, heap frozen / scanned, ms':<48}"
        f"{frozen_ms:>7.2f} /{scanned_ms:>7.1f}  ({frozen_n:,} objects frozen)"
    )
    print(
        f"{'process start to first paint, median s':<48}{statistics.median(startup):>16.3f}"
        f"  {'<= 1.0':>12}"
    )
    print(f"{'  all runs s':<48}{', '.join(f'{v:.2f}' for v in startup):>16}")
    print(f"{f'redraw rate, {args.points:,} points (fps)':<48}{fps:>16.1f}  {'>= 60':>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
