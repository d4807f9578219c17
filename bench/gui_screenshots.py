"""Screenshots of every tab of the window after a short real run, at several window sizes.

    xvfb-run -a -s "-screen 0 1920x1080x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python bench/gui_screenshots.py --out docs/screenshots --small [--lang zh_CN]

Trains on MNIST when its files are found ($SUANLI_DATA_DIR, ../shared/datasets), else on
synthetic data, runs the benchmark and the compression lab (``--lab-epochs``), opens the
newest run in History, then saves ``<tab>-<W>x<H>.png`` for each size (``<tab>-zh_CN-<W>x<H>.png``
with ``--lang zh_CN``). Without a display it runs
offscreen (fonts and layout are the same; there is no window frame either way).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    p.add_argument("--sizes", default="1024x768,1280x800")
    p.add_argument(
        "--small",
        action="store_true",
        help="save 8-bit palette PNGs (about 4x smaller; what docs/screenshots holds)",
    )
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--dataset", default="auto", choices=("auto", "mnist", "synthetic"))
    p.add_argument("--lang", default="en", help="the window's language (en, zh_CN)")
    p.add_argument(
        "--lab-epochs",
        type=int,
        default=1,
        help="also run the compression lab with this many epochs per stage (0: skip it)",
    )
    args = p.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    shared = ROOT.parent / "shared" / "datasets"
    if not os.environ.get("SUANLI_DATA_DIR") and shared.is_dir():
        os.environ["SUANLI_DATA_DIR"] = str(shared)

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from engine.config import RunConfig
    from gui.i18n import install
    from gui.self_test import wait_until
    from gui.theme import apply_style
    from gui.views.run_form.data_status import find_data_files
    from gui.window.qt_main_window import TAB_NAMES, QtMainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    lang = install(app, args.lang)
    suffix = "" if lang == "en" else f"-{lang}"
    apply_style(app)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    dataset = args.dataset
    if dataset == "auto":
        dataset = "mnist" if find_data_files("mnist", None)[0] else "synthetic"
    config = RunConfig(
        dataset=dataset,
        epochs=args.epochs,
        batch_size=32,
        limit=None if dataset == "mnist" else 6000,
    )
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        window = QtMainWindow(settings)
        window.confirm_stop = lambda: True
        window.confirm_stop_job = lambda: True
        window.resize(1280, 800)
        window.show()
        window.start()
        wait_until(lambda: window.tf_worker is None, 300, "TensorFlow")
        window.form.set_config(config)
        window.form.start_button.click()
        wait_until(lambda: window.worker is None, 900, "the training run")
        window.benchmark_view.run_button.click()  # shows the suite, or why it is missing
        wait_until(lambda: window.worker is None, 900, "the benchmark")
        if args.lab_epochs:
            lab = window.compression_view
            lab.epochs.setValue(args.lab_epochs)
            lab.prune_epochs.setValue(args.lab_epochs)
            lab.run_button.click()
            wait_until(lambda: window.worker is None, 1800, "the compression lab")
        history = window.history_view
        history.refresh()
        if history.model.rowCount():  # a run opened, as a user would look at it
            history.select_run(history.model.summary(0).id)
            history.open_run(history.model.summary(0).id)
        t_end = time.monotonic() + 3  # a few more telemetry samples after the run
        wait_until(lambda: time.monotonic() > t_end, 10, "telemetry")
        for size in args.sizes.split(","):
            w, h = (int(v) for v in size.split("x"))
            window.resize(w, h)
            window.move(0, 0)
            for i, name in enumerate(TAB_NAMES):
                window.tabs.setCurrentIndex(i)
                window.redraw(force=True)
                settle = time.monotonic() + 0.3
                wait_until(lambda s=settle: time.monotonic() > s, 5, "repaint")
                path = out / f"{name.lower()}{suffix}-{w}x{h}.png"
                image = window.grab().toImage()
                if args.small:
                    image = image.convertToFormat(
                        QImage.Format.Format_Indexed8,
                        Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither,
                    )
                image.save(str(path), "PNG", 0 if args.small else -1)
                print(path)
        window.tabs.setCurrentIndex(0)
        window.close()
        wait_until(lambda: not window.threads_running, 60, "threads to end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
