"""``python -m gui --self-test``: open the window offscreen, train a few steps on synthetic
data through the worker, take a telemetry sample, optionally save a screenshot, and say
what broke (exit 1) or that all is well (exit 0).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from engine.config import RunConfig
from engine.files.output import write_bytes

SELF_TEST_CONFIG = RunConfig(dataset="synthetic", epochs=1, batch_size=64, limit=256, seed=0)


class SelfTestError(Exception):
    pass


def process_age_s() -> float | None:
    """Seconds since this process started, to 10 ms (Linux /proc; None elsewhere).

    psutil's create_time() adds the boot time, which Linux gives in whole seconds.
    """
    try:
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        with open("/proc/self/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: starttime
    except (OSError, ValueError, IndexError):
        return None


def wait_until(predicate: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Run the event loop until ``predicate()`` holds; raise SelfTestError after the timeout."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    while not predicate():
        if time.monotonic() > deadline:
            raise SelfTestError(f"gave up after {timeout_s:.0f} s waiting for {what}")
        QTimer.singleShot(20, loop.quit)
        loop.exec()


def run_self_test(
    app: QApplication, screenshot: str | None = None, timeout_s: float = 300.0
) -> int:
    from gui.window.qt_main_window import QtMainWindow

    t0 = time.monotonic()
    say: list[str] = []
    with tempfile.TemporaryDirectory(prefix="suanli-self-test-") as tmp:
        settings = QSettings(str(Path(tmp) / "self-test.ini"), QSettings.Format.IniFormat)
        window = QtMainWindow(settings)
        window.confirm_stop = lambda: True  # type: ignore[method-assign]
        window.confirm_stop_job = lambda: True  # type: ignore[method-assign]
        window.resize(1280, 800)
        window.show()
        try:
            wait_until(lambda: window.first_paint_time is not None, 30, "the window to paint")
            age = process_age_s()
            if age is not None:
                painted = age - (time.time() - window.first_paint_time)
                say.append(f"window painted {painted:.2f} s after the process started")
            window.start()
            wait_until(lambda: window.tf_worker is None, timeout_s, "TensorFlow to load")
            if window.inventory is None:
                raise SelfTestError(f"TensorFlow did not load: {window.banner_text.text()}")
            say.append(window.tf_status.text())

            window.form.set_config(SELF_TEST_CONFIG)
            if not window.form.start_button.isEnabled():
                raise SelfTestError(f"Start is disabled: {window.form.error.text()}")
            window.form.start_button.click()
            wait_until(lambda: window.worker is None, timeout_s, "the training run")
            result = window.last_result
            if result is None or result.status != "finished":
                why = window.banner_text.text() or getattr(result, "status", "no result")
                raise SelfTestError(f"the training run did not finish: {why}")
            window.redraw(force=True)
            points = window.live_plots.point_counts()
            if not all(points.values()):
                raise SelfTestError(f"the plots hold no data: {points}")
            rows = window.evaluation_view.report_table.rowCount()
            if rows == 0:
                raise SelfTestError("the classification report table is empty")
            say.append(
                f"trained {result.steps} steps through the worker; plots hold "
                f"{points['Loss']} points; test accuracy "
                f"{100 * result.test['accuracy']:.1f} %; report has {rows} rows"
            )

            if window.sampler is None:
                raise SelfTestError("no telemetry sampler (engine.telemetry missing?)")
            snap = window.sampler.sample_once()
            gpus = ", ".join(g.name or f"GPU {g.index}" for g in snap.gpus) or "no GPU"
            say.append(f"telemetry sample: {snap.host.cpu_model}, {gpus}")
            window.redraw(force=True)

            if screenshot:
                window.tabs.setCurrentIndex(0)
                app.processEvents()
                out = Path(screenshot)
                png = QByteArray()
                buffer = QBuffer(png)
                buffer.open(QIODevice.OpenModeFlag.WriteOnly)
                if not window.grab().save(buffer, "PNG"):
                    raise SelfTestError(f"could not make the screenshot for {out}")
                try:  # the one safe writer (engine.files.output)
                    write_bytes(out, bytes(png.data()), what="--screenshot")
                except (OSError, ValueError, RuntimeError) as exc:
                    raise SelfTestError(f"could not write the screenshot: {exc}") from None
                say.append(f"screenshot saved to {out}")
        except SelfTestError as exc:
            failure: str | None = str(exc)
        except Exception as exc:  # noqa: BLE001 - the self-test reports, whatever broke
            failure = f"{type(exc).__name__}: {exc}"
        else:
            failure = None
        finally:
            window.close()
            try:
                wait_until(lambda: not window.threads_running, 60, "the threads to end")
                window.close()
            except SelfTestError as exc:
                failure = failure or str(exc)
    for line in say:
        print(f"self-test: {line}")
    if failure:
        print(f"self-test FAILED: {failure}", file=sys.stderr)
        return 1
    print(f"self-test passed in {time.monotonic() - t0:.1f} s")
    return 0
