"""The Suanli main window: run form on the left, tabs of live views on the right, a log.

Start-up is staged so the window paints at once: the constructor builds only plain Qt
widgets; after the first paint :meth:`QtMainWindow.start` imports pyqtgraph and builds the
plot views, then loads TensorFlow on a :class:`QtEngineWorker` (the status bar says so)
and starts the telemetry sampler. Every job (training, benchmark) runs on its own worker;
one at a time. A 25 Hz timer redraws one piece of whatever changed per tick, within a CPU
budget while a job runs; nothing redraws per batch.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine.config import RunConfig
from engine.i18n.formatting import fmt_duration
from gui.runtime import main_thread_gc
from gui.runtime.jobs import SampleRelay, load_tensorflow_job, train_job
from gui.runtime.qt_engine_worker import QtEngineWorker
from gui.theme import fmt_number, plain_label
from gui.views.run_form.qt_run_form import QtRunForm
from gui.widgets.qt_message_views import QtErrorBanner, QtLogPanel
from gui.wording import device_choices, device_text, source_text, status_text

REDRAW_HZ = 25
PROGRESS_HZ = 5  # the progress text reflows its label; a few times a second is plenty
# Redraw budget while a job runs: a tick redraws only while updating and painting the plots
# has cost at most this share of one core since the previous redraw. On a CPU-only
# machine the window competes with TensorFlow for the cores, so slow painting lowers the
# frame rate, not the training speed; with cores to spare (or cheap paints) every tick
# redraws. 1.5 % of one core per core: 3 % on 2 cores (a few redraws a second there),
# 24 % on 16 (every tick).
MAX_GUI_SHARE = min(0.5, 0.015 * (os.cpu_count() or 1))
# GIL switch interval while the window runs (Python's default is 5 ms). PySide6 lets go of
# the GIL around Qt calls, so a redraw takes and gives it back hundreds of times while the
# engine thread wants it after every TensorFlow call; a short interval keeps each wait
# short on both sides (measured in bench/gui_bench.py: the timer-lateness tail).
SWITCH_INTERVAL_S = 0.0002
TELEMETRY_HZ = 2.0
SETTINGS_FILE = "suanli-gui.ini"
WELCOME_KEY = "welcome/shown"  # the first-run welcome was seen
TAB_NAMES = ("Training", "Device", "Evaluation", "Benchmark", "Compression", "History", "Compare")
# the tab titles as shown (translated when the tabs are made)
TAB_TITLES = (
    QT_TRANSLATE_NOOP("QtMainWindow", "Training"),
    QT_TRANSLATE_NOOP("QtMainWindow", "Device"),
    QT_TRANSLATE_NOOP("QtMainWindow", "Evaluation"),
    QT_TRANSLATE_NOOP("QtMainWindow", "Benchmark"),
    QT_TRANSLATE_NOOP("QtMainWindow", "Compression"),
    QT_TRANSLATE_NOOP("QtMainWindow", "History"),
    QT_TRANSLATE_NOOP("QtMainWindow", "Compare"),
)


def default_settings() -> QSettings:
    """Window settings live under $SUANLI_HOME, with everything else Suanli writes."""
    from engine.paths import suanli_home

    return QSettings(str(suanli_home() / SETTINGS_FILE), QSettings.Format.IniFormat)


class QtMainWindow(QMainWindow):
    """The window. ``start()`` runs after the first paint (``autostart``) or when called."""

    worker_created = Signal(object)  # a QtEngineWorker, before its thread starts
    first_painted = Signal()
    views_ready = Signal()
    tensorflow_ready = Signal(object)  # the inventory dict (or None when loading failed)
    run_finished = Signal(object)  # RunResult or None
    benchmark_finished = Signal(object)  # score card or None
    compression_finished = Signal(object)  # the lab's result dict or None

    def __init__(
        self,
        settings: QSettings | None = None,
        *,
        autostart: bool = True,
        telemetry_hz: float = TELEMETRY_HZ,
        welcome: bool = False,
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Suanli 算力 — compute-power workbench"))
        self.settings = settings if settings is not None else default_settings()
        self.telemetry_hz = telemetry_hz
        self.autostart = autostart
        self.welcome = welcome  # show the first-run welcome (once; the app asks, tests don't)
        self.welcome_dialog: QMessageBox | None = None
        # set by the app: switch_language(code) shows the window in that language now (True)
        self.switch_language: Callable[[str], bool] | None = None
        self.first_paint_time: float | None = None
        self.worker: QtEngineWorker | None = None  # the running job
        self.tf_worker: QtEngineWorker | None = None
        self.inventory: dict[str, Any] | None = None
        self.sampler: Any = None
        self.extra_callbacks: list[Any] = []  # more engine callbacks for training runs
        self.t0 = time.monotonic()
        self.recorder: Any = None  # TrainingRecorder, made with the views (NumPy loads late)
        self.device_recorder: Any = None  # DeviceRecorder
        self.sample_relay = SampleRelay()  # the sampler's snapshots to the training run too
        self.last_result: Any = None
        self.last_card: Any = None
        self.live_plots: Any = None
        self.device_view: Any = None
        self.evaluation_view: Any = None
        self.benchmark_view: Any = None
        self.compression_view: Any = None
        self.history_view: Any = None  # the results store: past runs
        self.compare_view: Any = None  # the results store: score cards side by side
        self._started = False
        self._closing = False
        self._job_kind = ""
        self._switch_interval: float | None = None
        self._redraw_cpu = 0.0  # CPU seconds spent in _redraw (painting is counted apart)
        self._last_redraw = (time.perf_counter(), 0.0)
        self._progress_at = 0.0

        self.form = QtRunForm(check_files=False)
        self.form.start_requested.connect(self._on_start_requested)
        self.form.pause_requested.connect(self._on_pause_requested)
        self.form.stop_requested.connect(self._on_stop_requested)
        self.form.resume_requested.connect(self._on_resume_requested)
        form_scroll = QScrollArea()
        form_scroll.setObjectName("formScroll")
        form_scroll.setWidget(self.form)
        form_scroll.setWidgetResizable(True)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_scroll.setMinimumWidth(330)
        form_scroll.setMaximumWidth(420)

        self.banner = QtErrorBanner()
        self.banner_text = self.banner.text

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._pages: dict[str, QVBoxLayout] = {}
        for name, title in zip(TAB_NAMES, TAB_TITLES, strict=True):
            page = QWidget()
            pl = QVBoxLayout(page)
            pl.setContentsMargins(6, 6, 6, 6)
            pl.addWidget(
                plain_label(self.tr("Loading…"), object_name="placeholder"),
                1,
                Qt.AlignmentFlag.AlignCenter,
            )
            self._pages[name] = pl
            self.tabs.addTab(page, self.tr(title))
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self.log = QtLogPanel()

        self.right_split = QSplitter(Qt.Orientation.Vertical)
        self.right_split.addWidget(self.tabs)
        self.right_split.addWidget(self.log)
        self.right_split.setStretchFactor(0, 5)
        self.right_split.setStretchFactor(1, 1)
        self.right_split.setSizes([640, 110])
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 6, 6, 0)
        rl.setSpacing(6)
        rl.addWidget(self.banner)
        rl.addWidget(self.right_split, 1)
        central = QWidget()
        cl = QHBoxLayout(central)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(form_scroll)
        cl.addWidget(right, 1)
        self.setCentralWidget(central)

        self.tf_status = plain_label(self.tr("Loading TensorFlow…"), object_name="tfStatus")
        self.statusBar().addWidget(self.tf_status, 1)
        self.job_status = plain_label("", object_name="jobStatus")
        self.statusBar().addPermanentWidget(self.job_status)
        self._build_menus()

        self.redraw_timer = QTimer(self)
        self.redraw_timer.setInterval(1000 // REDRAW_HZ)
        self.redraw_timer.timeout.connect(self._on_redraw_tick)
        self._restore_settings()

    # -- start-up ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self.first_paint_time is None:
            self.first_paint_time = time.time()
            self.first_painted.emit()
            if self.autostart:
                QTimer.singleShot(0, self.start)
            if self.welcome and not self.settings.value(WELCOME_KEY, False, type=bool):
                QTimer.singleShot(0, self.show_welcome)

    def start(self) -> None:
        """Build the plot views, then load TensorFlow and start telemetry. Idempotent."""
        if self._started or self._closing:
            return
        self._started = True
        self._switch_interval = sys.getswitchinterval()  # given back on close
        sys.setswitchinterval(min(self._switch_interval, SWITCH_INTERVAL_S))
        main_thread_gc.hold()  # no Qt object may be freed on a worker (see the module)
        self.build_views()
        self._start_tensorflow()
        self._start_telemetry()
        self.redraw_timer.start()

    def build_views(self) -> None:
        """Import pyqtgraph and put the plot views into their tabs (once)."""
        if self.live_plots is not None:
            return
        from gui.runtime.plot_buffers import DeviceRecorder, TrainingRecorder
        from gui.views.benchmark.qt_benchmark_view import QtBenchmarkView
        from gui.views.compression.qt_compression_view import QtCompressionView
        from gui.views.device.qt_device_view import QtDeviceView
        from gui.views.training.qt_live_plots import QtLivePlots
        from gui.widgets.qt_evaluation_view import QtEvaluationView
        from gui.widgets.qt_plot_panel import paint_seconds

        self._paint_seconds = paint_seconds
        self.recorder = TrainingRecorder()
        self.device_recorder = DeviceRecorder(self.t0)
        self.form.check_data_files(now=True)
        self.live_plots = QtLivePlots()
        self.device_view = QtDeviceView()
        self.evaluation_view = QtEvaluationView()
        self.benchmark_view = QtBenchmarkView()
        self.benchmark_view.start_requested.connect(self._on_benchmark_requested)
        self.benchmark_view.stop_requested.connect(self._on_stop_requested)
        self.compression_view = QtCompressionView()
        self.compression_view.start_requested.connect(self._on_compression_requested)
        self.compression_view.stop_requested.connect(self._on_stop_requested)
        from gui.views.compare.qt_compare_view import QtCompareView
        from gui.views.history.qt_history_view import QtHistoryView

        self.history_view = QtHistoryView()  # reads the store when first shown
        self.compare_view = QtCompareView()
        self.history_view.logged.connect(self._on_log)
        self.compare_view.logged.connect(self._on_log)
        self.history_view.cards_changed.connect(self.compare_view.mark_stale)
        self.run_finished.connect(self.history_view.mark_stale)
        self.benchmark_finished.connect(self.history_view.mark_stale)
        self.benchmark_finished.connect(self.compare_view.mark_stale)
        views = (
            self.live_plots,
            self.device_view,
            self.evaluation_view,
            self.benchmark_view,
            self.compression_view,
            self.history_view,
            self.compare_view,
        )
        for name, view in zip(TAB_NAMES, views, strict=True):
            layout = self._pages[name]
            while layout.count():
                item = layout.takeAt(0)
                if item.widget() is not None:
                    item.widget().deleteLater()
            layout.addWidget(view, 1)
        if self.inventory is not None:
            self.device_view.set_inventory(self.inventory)
        self.views_ready.emit()

    def _start_tensorflow(self) -> None:
        self.tf_status.setText(self.tr("Loading TensorFlow…"))
        w = QtEngineWorker(load_tensorflow_job, name="tensorflow")
        w.logged.connect(self._on_log)
        w.finished.connect(self._on_tensorflow_finished)
        self.tf_worker = w
        w.start()

    def _start_telemetry(self) -> None:
        try:
            from engine.telemetry import TelemetrySampler
        except ImportError as exc:
            self._log(
                "warning",
                self.tr("Device telemetry is not available in this build ({error}).").format(
                    error=exc
                ),
            )
            return
        self.sampler = TelemetrySampler(
            rate_hz=self.telemetry_hz, callbacks=[self.device_recorder, self.sample_relay]
        )
        self.sampler.start()

    def _on_tensorflow_finished(self) -> None:
        w = self.tf_worker
        if w is None:
            return
        w.wait()
        self.tf_worker = None
        if w.error:
            self.tf_status.setText(
                self.tr("TensorFlow could not be loaded: {error}").format(error=w.error)
            )
            self.show_error(
                self.tr("TensorFlow could not be loaded, so training cannot start: {error}").format(
                    error=w.error
                )
            )
            self._log("error", w.traceback or w.error)
            self.tensorflow_ready.emit(None)
        else:
            main_thread_gc.freeze_heap()  # TensorFlow's modules: never scanned again
            inv = w.result or {}
            self.inventory = inv
            self.tf_status.setText(status_text(inv))
            self.form.set_devices(device_choices(inv))
            if self.device_view is not None:
                self.device_view.set_inventory(inv)
            self._log("info", status_text(inv))
            self.tensorflow_ready.emit(inv)
        w.deleteLater()
        if self._closing:
            QTimer.singleShot(0, self.close)

    # -- jobs ----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.worker is not None

    def _start_job(
        self,
        kind: str,
        job: Callable,
        callbacks: list,
        on_finished: Callable[[QtEngineWorker], None],
        setup: Callable[[QtEngineWorker], None] | None = None,
    ) -> QtEngineWorker:
        """Run ``job`` on a new worker; ``setup(worker)`` connects more slots before it starts."""
        w = QtEngineWorker(job, callbacks, name=kind)
        if setup is not None:
            setup(w)
        w.logged.connect(self._on_log)
        w.scored.connect(self._on_score)
        w.errored.connect(self._on_job_errored)
        w.finished.connect(functools.partial(self._on_job_finished, w, on_finished))
        self.worker = w
        self._job_kind = kind
        self.banner.hide()
        self.form.set_busy_elsewhere(True)
        if self.benchmark_view is not None:
            self.benchmark_view.set_busy_elsewhere(True)
        if self.compression_view is not None:
            self.compression_view.set_busy_elsewhere(True)
        self.worker_created.emit(w)
        w.start()
        return w

    def _on_job_finished(
        self, w: QtEngineWorker, on_finished: Callable[[QtEngineWorker], None]
    ) -> None:
        w.wait()  # finished is the thread's last act; this returns at once
        self.sample_relay.detach(w.callbacks)
        if self.worker is w:
            self.worker = None
        self._job_kind = ""
        self.job_status.setText("")
        try:
            on_finished(w)
        finally:
            self.form.set_busy_elsewhere(False)
            if self.benchmark_view is not None:
                self.benchmark_view.set_busy_elsewhere(False)
            if self.compression_view is not None:
                self.compression_view.set_busy_elsewhere(False)
            w.deleteLater()
            if self._closing:
                QTimer.singleShot(0, self.close)

    def _on_job_errored(self, message: str) -> None:
        what = {
            "benchmark": self.tr("The benchmark failed: {message}"),
            "compress": self.tr("The compression lab failed: {message}"),
        }.get(self._job_kind, self.tr("The run failed: {message}"))
        self.show_error(what.format(message=message))
        w = self.worker
        detail = message
        if w is not None and w.traceback and not w.input_error:
            detail = w.traceback  # a bug, not bad input: keep the whole story in the log
        self._log("error", detail.rstrip())

    # -- training --------------------------------------------------------------------------------
    def _on_start_requested(self, config: RunConfig) -> None:
        if self.busy or self._closing:
            return
        self._log(
            "info",
            self.tr(
                "Start: {model} on {dataset}, {epochs} epoch(s), batch {batch}, {optimizer} "
                "lr {lr}, device {device}."
            ).format(
                model=config.model,
                dataset=config.dataset,
                epochs=config.epochs,
                batch=config.batch_size,
                optimizer=config.optimizer,
                lr=f"{config.learning_rate:g}",
                device=self._device_word(config.device),
            ),
        )
        self._start_training(functools.partial(train_job, config))

    def _device_word(self, device: str) -> str:
        """A config's device for the log: ``auto`` in the window's language, else as given
        (cpu, gpu:0, all-gpus are the values the CLI takes)."""
        return self.tr("auto") if device == "auto" else device

    def _on_resume_requested(self, run_id: str) -> None:
        """Go on with a stopped or interrupted run, shown like a new one (the plots get its
        earlier epochs back first)."""
        if self.busy or self._closing:
            return
        from gui.runtime.jobs import resume_job

        self._log(
            "info", self.tr("Resume: run {run}, from its last saved epoch.").format(run=run_id)
        )
        self._start_training(functools.partial(resume_job, run_id), resume_id=run_id)

    def _start_training(self, job: Callable, resume_id: str | None = None) -> None:
        from gui.runtime.resume import EarlierEpochs

        self.build_views()
        self.recorder.reset()
        self.live_plots.reset()
        self.evaluation_view.clear(
            self.tr("Training… the test report appears here when the run ends.")
        )
        self.last_result = None
        earlier = [EarlierEpochs(self.recorder, resume_id)] if resume_id else []

        def setup(w: QtEngineWorker) -> None:
            w.progressed.connect(self._on_run_progressed)
            # The window's sampler feeds the Device tab itself; through the relay its
            # snapshots also reach this run's callbacks (the run's StoreWriter keeps them),
            # which is why the Device tab's recorder is not among them.
            self.sample_relay.attach(w.callbacks)

        self._start_job(
            "train",
            job,
            [*earlier, self.recorder, *self.extra_callbacks],
            self._on_run_finished,
            setup=setup,
        )
        self.form.set_running(True)
        self.form.set_progress(0.0, self.tr("Preparing: loading data and building the model…"))
        self.job_status.setText(self.tr("Training"))
        self.tabs.setCurrentIndex(TAB_NAMES.index("Training"))

    def _on_run_progressed(self, event: str, payload: dict[str, Any]) -> None:
        if event == "run_begin":
            d, m = payload.get("dataset", {}), payload.get("model", {})
            sizes = d.get("sizes", {})
            self._log(
                "info",
                self.tr(
                    "{model} ({parameters} parameters) on {source}: {train} train / {dev} dev "
                    "/ {test} test images, device {device}."
                ).format(
                    model=m.get("registry_name", "?"),
                    parameters=f"{m.get('parameters', 0):,}",
                    source=source_text(str(d.get("source", "?"))),
                    train=f"{sizes.get('train', 0):,}",
                    dev=f"{sizes.get('dev', 0):,}",
                    test=f"{sizes.get('test', 0):,}",
                    device=device_text(str(payload.get("device", "?"))),
                ),
            )
            self.form.show_run_info(payload)  # the batch split, when there are replicas
        elif event == "epoch_end":
            self._log(
                "info",
                self.tr(
                    "Epoch {epoch}: train loss {train_loss}, accuracy {train_acc} % · dev loss "
                    "{dev_loss}, accuracy {dev_acc} % · {speed} samples/s."
                ).format(
                    epoch=payload["epoch"],
                    train_loss=f"{payload['train_loss']:.4f}",
                    train_acc=f"{100 * payload['train_accuracy']:.2f}",
                    dev_loss=f"{payload['dev_loss']:.4f}",
                    dev_acc=f"{100 * payload['dev_accuracy']:.2f}",
                    speed=fmt_number(payload["samples_per_s"]),
                ),
            )

    def _on_pause_requested(self, pause: bool) -> None:
        w = self.worker
        if w is None or self._job_kind != "train":
            return
        if pause:
            w.pause()
            self.form.set_progress(
                self.recorder.fraction_done(), self.tr("Paused. Resume to go on.")
            )
            self.job_status.setText(self.tr("Paused"))
        else:
            w.resume()
            self.job_status.setText(self.tr("Training"))
        self.form.set_running(True, paused=pause)

    def _on_stop_requested(self) -> None:
        w = self.worker
        if w is None:
            return
        w.stop()
        if self._job_kind == "train":
            self.form.stop_button.setEnabled(False)
            self.form.pause_button.setEnabled(False)
            self.form.progress_text.setText(self.tr("Stopping after this batch…"))
        elif self._job_kind == "compress" and self.compression_view is not None:
            self.compression_view.show_stopping()
        elif self.benchmark_view is not None:
            self.benchmark_view.stop_button.setEnabled(False)
            self.benchmark_view.show_progress(self.tr("Stopping…"))
        self.job_status.setText(self.tr("Stopping"))

    def _on_run_finished(self, w: QtEngineWorker) -> None:
        result = w.result
        self.last_result = result
        self.form.set_running(False)
        self.live_plots.finish(self.recorder)
        self._redraw(force=True)
        if result is None:
            self.form.set_progress(
                self.recorder.fraction_done(), self.tr("The run failed; see the message above.")
            )
            self.evaluation_view.clear(self.tr("The run failed, so there is no test report."))
        else:
            from gui.wording import finished_text

            self.evaluation_view.show_result(result)
            text = finished_text(result)  # says why a run stopped early, and how to go on
            done = result.status == "finished" and result.test
            self.form.set_progress(1.0 if done else self.recorder.fraction_done(), text)
            self._log("info", text)
        self.run_finished.emit(result)

    # -- benchmark -------------------------------------------------------------------------------
    def _on_benchmark_requested(self) -> None:
        if self.busy or self._closing:
            return
        from gui.views.benchmark.qt_benchmark_view import load_suite

        run_suite, why = load_suite()
        if run_suite is None:
            self.benchmark_view.show_unavailable(why)
            self._log("warning", why)
            return

        def job(callbacks, control):  # the suite, then its card recorded in the store
            from gui.runtime.jobs import bench_job

            return bench_job(run_suite, callbacks, control)

        self._start_job(
            "benchmark",
            job,
            [self.device_recorder],
            self._on_benchmark_finished,
            setup=lambda w: w.logged.connect(self._on_benchmark_log),
        )
        self.benchmark_view.set_running(True)
        self.job_status.setText(self.tr("Benchmarking"))
        self._log("info", self.tr("Benchmark started (quick suite)."))

    def _on_benchmark_log(self, level: str, message: str) -> None:
        self.benchmark_view.show_progress(message)

    def _on_benchmark_finished(self, w: QtEngineWorker) -> None:
        card = w.result
        self.last_card = card
        self.benchmark_view.set_running(False)
        self.benchmark_view.show_finished(card, w.error, w.control.stop_requested)
        if card is not None:
            self.live_plots.scores.show_card(card)
        self.benchmark_finished.emit(card)

    # -- compression lab -------------------------------------------------------------------------
    def _on_compression_requested(self) -> None:
        if self.busy or self._closing:
            return
        from engine.config import ConfigError
        from engine.i18n import config_error_message
        from gui.runtime.jobs import compress_job

        view = self.compression_view
        try:
            config = view.compress_config(self.form.raw_config()).validate()
        except ConfigError as exc:
            view.show_error(config_error_message(exc))
            return
        self._start_job(
            "compress",
            functools.partial(compress_job, config),
            [view.new_progress()],
            self._on_compression_finished,
        )
        view.set_running(True)
        self.job_status.setText(self.tr("Compressing"))
        self._log(
            "info",
            self.tr(
                "Compression lab started: {model} on {dataset}, {epochs} epoch(s) per stage, "
                "sparsity {sparsity}, T = {temperature}, alpha = {alpha}, device {device}."
            ).format(
                model=config.model,
                dataset=config.dataset,
                epochs=config.epochs,
                sparsity=f"{config.sparsity:.0%}",
                temperature=f"{config.temperature:g}",
                alpha=f"{config.alpha:g}",
                device=self._device_word(config.device),
            ),
        )

    def _on_compression_finished(self, w: QtEngineWorker) -> None:
        self.compression_view.set_running(False)
        self.compression_view.show_finished(w.result, w.error, w.control.stop_requested)
        self.compression_finished.emit(w.result)

    # -- messages --------------------------------------------------------------------------------
    def _on_score(self, card: Any) -> None:
        if self.live_plots is not None:
            self.live_plots.scores.show_card(card)
        if self._job_kind == "benchmark" and self.benchmark_view is not None:
            self.benchmark_view.add_scores(card)

    def _on_log(self, level: str, message: str) -> None:
        self._log(level, message)

    def _log(self, level: str, message: str) -> None:
        self.log.add(level, message)

    def show_error(self, message: str) -> None:
        """A readable message at the top of the window (and nothing modal)."""
        self.banner.show_message(message)

    # -- redraw ----------------------------------------------------------------------------------
    def _on_redraw_tick(self) -> None:
        if not self.isVisible() or self.isMinimized():
            return
        wall, spent = time.perf_counter(), self._redraw_cpu + self._paint_seconds()
        wall0, spent0 = self._last_redraw
        if self.worker is not None and spent - spent0 > MAX_GUI_SHARE * (wall - wall0):
            return  # over budget while a job runs: the engine gets this tick
        self._last_redraw = (wall, spent)
        t0 = time.thread_time()
        self._redraw()
        self._redraw_cpu += time.thread_time() - t0

    def _on_tab_changed(self, _index: int) -> None:
        self._redraw(force=True)

    def _redraw(self, force: bool = False) -> None:
        """One small piece of drawing per tick (all of it when forced): the progress line
        when it is due, else the next piece of the visible plots."""
        if self.live_plots is None:
            return
        if self._job_kind == "train" and self._show_progress() and not force:
            return
        current = self.tabs.currentWidget()
        units = 100 if force else 1
        drew = False
        if force or current.isAncestorOf(self.live_plots):
            drew = self.live_plots.refresh(self.recorder, max_units=units)
        if force or (not drew and current.isAncestorOf(self.device_view)):
            self.device_view.refresh(self.device_recorder)

    def _show_progress(self) -> bool:
        """Update the progress bar and line when due (PROGRESS_HZ); True if it did."""
        r = self.recorder
        if self.worker is None or r.global_step == 0 or self.worker.paused:
            return False
        if self.worker.control.stop_requested:
            return False
        now = time.monotonic()
        if now - self._progress_at < 1.0 / PROGRESS_HZ:
            return False
        self._progress_at = now
        eta = r.eta_seconds()
        text = self.tr(
            "Epoch {epoch}/{epochs} · step {step}/{steps} · {speed} samples/s · ETA {eta}"
        ).format(
            epoch=r.epoch,
            epochs=r.total_epochs,
            step=f"{r.epoch_step:,}",
            steps=f"{r.steps_per_epoch:,}",
            speed=fmt_number(r.samples_per_s),
            eta=fmt_duration(eta),
        )
        self.form.set_progress(r.fraction_done(), text)
        return True

    # -- closing ---------------------------------------------------------------------------------
    def confirm_stop(self) -> bool:
        """Ask before stopping a running job to close the window (tests replace this)."""
        question = {
            "benchmark": self.tr("A benchmark is in progress. Stop it and close Suanli?"),
            "compress": self.tr("A compression lab run is in progress. Stop it and close Suanli?"),
        }.get(self._job_kind, self.tr("A training run is in progress. Stop it and close Suanli?"))
        answer = QMessageBox.question(
            self,
            self.tr("Stop and close?"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.worker is not None and not self._closing:
            if not self.confirm_stop():
                event.ignore()
                return
        if self.worker is not None or self.tf_worker is not None:
            # Ask the job to stop and close again when its thread has ended (within a batch).
            if not self._closing:
                self._closing = True
                self.save_settings()
                if self.worker is not None:
                    self._on_stop_requested()
                self.statusBar().showMessage(self.tr("Closing after the current step…"))
                self.setEnabled(False)
            event.ignore()
            return
        if not self._closing:
            self.save_settings()
        self._closing = True
        self.redraw_timer.stop()
        if self.sampler is not None:
            self.sampler.stop(timeout=2.0)
        if self._switch_interval is not None:
            sys.setswitchinterval(self._switch_interval)
            self._switch_interval = None
            main_thread_gc.release()
        event.accept()

    @property
    def threads_running(self) -> bool:
        """True while any thread this window started is alive."""
        workers = [w for w in (self.worker, self.tf_worker) if w is not None]
        sampler_alive = self.sampler is not None and self.sampler.running
        return any(w.isRunning() for w in workers) or sampler_alive

    # -- menus: language, welcome ---------------------------------------------------------------
    def _build_menus(self) -> None:
        from PySide6.QtGui import QAction, QActionGroup

        from gui import i18n

        view = self.menuBar().addMenu(self.tr("&View"))
        self.language_menu = view.addMenu(self.tr("Language"))
        group = QActionGroup(self)
        group.setExclusive(True)
        chosen = i18n.setting_language(self.settings) or "auto"
        self.language_actions: dict[str, QAction] = {}
        choices = [("auto", self.tr("Automatic (as the system)"))]
        choices += list(i18n.available_languages().items())
        for code, name in choices:
            action = QAction(name, self, checkable=True)
            action.setChecked(code == chosen)
            action.triggered.connect(lambda _=False, c=code: self.choose_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        view.addSeparator()
        welcome = view.addAction(self.tr("Welcome…"))
        welcome.triggered.connect(self.show_welcome)

    def choose_language(self, code: str, *, tell: bool = True) -> None:
        """Save the language setting; the app (:class:`gui.qt_app.QtApp`) shows the window in
        it at once when nothing runs, else it applies the next time Suanli starts."""
        from gui import i18n

        i18n.save_language_setting(self.settings, None if code == "auto" else code)
        if code in self.language_actions:
            self.language_actions[code].setChecked(True)
        if self.switch_language is not None and self.switch_language(code):
            return  # this window is being replaced by one in the new language
        if tell:
            self.statusBar().showMessage(
                self.tr("The language changes the next time Suanli starts."), 10000
            )

    def show_welcome(self) -> None:
        """The first-run welcome (also under View ▸ Welcome…); remembered once closed."""
        from gui import help_texts

        box = self.welcome_dialog = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(help_texts.welcome_title())
        box.setText(help_texts.welcome_title())
        box.setInformativeText(help_texts.welcome_text())
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setModal(False)
        box.finished.connect(lambda _=0: self._welcome_done())
        box.show()

    def _welcome_done(self) -> None:
        self.settings.setValue(WELCOME_KEY, True)
        self.settings.sync()
        self.welcome_dialog = None

    # -- settings --------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        split = s.value("window/split")
        if isinstance(split, QByteArray):
            self.right_split.restoreState(split)
        tab = s.value("window/tab")
        if tab in TAB_NAMES:
            self.tabs.setCurrentIndex(TAB_NAMES.index(tab))
        form = s.value("form/values")
        if isinstance(form, str) and form:
            self.form.restore_json(form)

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/split", self.right_split.saveState())
        s.setValue("window/tab", TAB_NAMES[self.tabs.currentIndex()])
        s.setValue("form/values", self.form.to_json())
        s.sync()

    def settings_path(self) -> Path:
        return Path(self.settings.fileName())
