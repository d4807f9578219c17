"""The Suanli main window: run form on the left, tabs of live views on the right, a log.

Start-up is staged so the window paints at once: the constructor builds only plain Qt
widgets; after the first paint :meth:`QtMainWindow.start` imports pyqtgraph and builds the
plot views, then loads TensorFlow on a :class:`QtEngineWorker` (the status bar says so)
and starts the telemetry sampler. Every job (loading TensorFlow, training, resume,
benchmark, compression lab) has its own worker, and all of them run on the window's one
engine thread, one at a time (TensorFlow keeps state for every thread that ran an op, so
a thread per job would grow the process with every job); what a kind of job shows where is
its class in :mod:`gui.window.jobs`, and the window routes the worker's events to it. A
25 Hz timer redraws one piece of whatever changed per tick, within a CPU budget while a
job runs (:mod:`gui.runtime.cpu_share`); nothing redraws per batch.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
)

from engine.config import ConfigError, RunConfig
from engine.i18n.message import config_error_message
from gui import i18n
from gui.runtime import main_thread_gc
from gui.runtime.cpu_share import RedrawBudget, ThreadTuning
from gui.runtime.jobs import SampleRelay, load_tensorflow_job, train_job
from gui.runtime.qt_engine_worker import EngineThread, QtEngineWorker
from gui.settings import WELCOME_KEY, default_settings, restore_layout, save_layout
from gui.theme import plain_label
from gui.views.run_form.qt_run_form import QtRunForm
from gui.widgets.qt_message_views import QtErrorBanner, QtLogPanel
from gui.window.app_menus import QtAppMenus
from gui.window.jobs import (
    BenchmarkJob,
    CompressionJob,
    ResumeJob,
    TrainingJob,
    WindowJob,
    window_text,
)
from gui.window.layout import central_widget
from gui.window.qt_window_tabs import TAB_NAMES, QtWindowTabs
from gui.window.session import Session, restore_session
from gui.window.view_menu import AUTO, build_view_menu, welcome_box
from gui.wording import device_choices, status_text

REDRAW_HZ = 25
TELEMETRY_HZ = 2.0


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
        session: Session | None = None,
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
        self.worker: QtEngineWorker | None = None  # the running job's worker
        self.job: WindowJob | None = None  # what it is: its texts, the view that shows it
        self.tf_worker: QtEngineWorker | None = None
        self.engine_thread = EngineThread()  # runs every job, for as long as the window lives
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
        self._session = session  # an earlier window's results (a language switch): shown again
        if session is not None:
            self.t0 = session.t0
            self.recorder, self.device_recorder = session.recorder, session.device_recorder
            self.sample_relay = session.sample_relay or self.sample_relay
            self.last_result, self.last_card = session.last_result, session.last_card
        self.thread_tuning = ThreadTuning()  # while the window runs (given back on close)
        self.redraw_budget = RedrawBudget()

        self.form = QtRunForm(check_files=False)
        self.form.start_requested.connect(self._on_start_requested)
        self.form.pause_requested.connect(self._on_pause_requested)
        self.form.stop_requested.connect(self._on_stop_clicked)
        self.form.resume_requested.connect(self._on_resume_requested)
        self.banner = QtErrorBanner()
        self.banner_text = self.banner.text
        self.tabs = QtWindowTabs()
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.log = QtLogPanel()
        central, self.right_split = central_widget(self.form, self.banner, self.tabs, self.log)
        self.setCentralWidget(central)

        self.tf_status = plain_label(self.tr("Loading TensorFlow…"), object_name="tfStatus")
        self.statusBar().addWidget(self.tf_status, 1)
        self.job_status = plain_label("", object_name="jobStatus")
        self.statusBar().addPermanentWidget(self.job_status)
        chosen = i18n.setting_language(self.settings) or AUTO
        self.language_actions = build_view_menu(
            self, chosen, self.choose_language, self.show_welcome
        )
        self.menus = QtAppMenus(self, self.settings)  # File, Run, Help; shortcuts

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
        self.thread_tuning.hold()
        self.build_views()
        session, self._session = self._session, None
        if session is not None and session.inventory is not None:
            self._on_inventory(session.inventory)  # TensorFlow is loaded already
        else:
            self._start_tensorflow()
        if session is not None and session.sampler is not None:
            self.sampler = session.sampler  # it feeds this window's device_recorder
        else:
            self._start_telemetry()
        if session is not None:
            restore_session(self, session)
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

        self.redraw_budget.paint_seconds = paint_seconds
        if self.recorder is None:
            self.recorder = TrainingRecorder()
        if self.device_recorder is None:
            self.device_recorder = DeviceRecorder(self.t0)
        self.form.check_data_files(now=True)
        self.live_plots = QtLivePlots()
        self.device_view = QtDeviceView()
        self.evaluation_view = QtEvaluationView()
        self.benchmark_view = QtBenchmarkView()
        self.benchmark_view.start_requested.connect(self._on_benchmark_requested)
        self.benchmark_view.stop_requested.connect(self._on_stop_clicked)
        self.compression_view = QtCompressionView()
        self.compression_view.start_requested.connect(self._on_compression_requested)
        self.compression_view.stop_requested.connect(self._on_stop_clicked)
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
            self.tabs.put_view(name, view)
        if self.inventory is not None:
            self.device_view.set_inventory(self.inventory)
        self.views_ready.emit()

    def _start_tensorflow(self) -> None:
        self.tf_status.setText(self.tr("Loading TensorFlow…"))
        w = QtEngineWorker(load_tensorflow_job, name="tensorflow", engine_thread=self.engine_thread)
        w.logged.connect(self._on_log)
        w.finished.connect(self._on_tensorflow_finished)
        self.tf_worker = w
        w.start()

    def _start_telemetry(self) -> None:
        try:
            from engine.telemetry import TelemetrySampler
        except ImportError as exc:
            self.log_message(
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
        self.engine_thread.drop_finished()
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
            self.log_message("error", w.traceback or w.error)
            self.tensorflow_ready.emit(None)
        else:
            main_thread_gc.freeze_heap()  # TensorFlow's modules: never scanned again
            inv = w.result or {}
            self._on_inventory(inv)
            self.log_message("info", status_text(inv))
        w.deleteLater()
        if self._closing:
            QTimer.singleShot(0, self.close)

    def _on_inventory(self, inv: dict[str, Any]) -> None:
        self.inventory = inv
        self.tf_status.setText(status_text(inv))
        self.form.set_devices(device_choices(inv))
        if self.device_view is not None:
            self.device_view.set_inventory(inv)
        self.tensorflow_ready.emit(inv)

    # -- jobs ----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.worker is not None

    def run_job(self, job: WindowJob) -> QtEngineWorker | None:
        """Run ``job`` on a new worker, on the window's engine thread (none while another
        job runs or the window closes)."""
        if self.busy or self._closing:
            return None
        job.prepare()
        w = QtEngineWorker(
            job.work, job.callbacks(), name=job.name, engine_thread=self.engine_thread
        )
        job.setup(w)
        w.logged.connect(self._on_log)
        w.scored.connect(self._on_score)
        w.errored.connect(self._on_job_errored)
        w.finished.connect(functools.partial(self._on_job_finished, w, job))
        self.worker, self.job = w, job
        self.banner.hide()
        self._set_busy_elsewhere(True)
        self.worker_created.emit(w)
        w.start()
        job.started()
        self.job_status.setText(job.status_text())
        if text := job.start_text():
            self.log_message("info", text)
        return w

    def _set_busy_elsewhere(self, busy: bool) -> None:
        """Every other Start/Run button is off while a job runs."""
        self.form.set_busy_elsewhere(busy)
        for view in (self.benchmark_view, self.compression_view):
            if view is not None:
                view.set_busy_elsewhere(busy)

    def _on_job_finished(self, w: QtEngineWorker, job: WindowJob) -> None:
        w.wait()  # finished is the job's last act; this returns at once
        self.engine_thread.drop_finished()
        self.sample_relay.detach(w.callbacks)
        if self.worker is w:
            self.worker, self.job = None, None
        self.job_status.setText("")
        try:
            job.finish(w)
        finally:
            self._set_busy_elsewhere(False)
            w.deleteLater()
            if self._closing:
                QTimer.singleShot(0, self.close)

    def _on_job_errored(self, message: str) -> None:
        job = self.job
        self.show_error(job.failed_text(message) if job is not None else message)
        w = self.worker
        detail = message
        if w is not None and w.traceback and not w.input_error:
            detail = w.traceback  # a bug, not bad input: keep the whole story in the log
        self.log_message("error", detail.rstrip())

    def _on_start_requested(self, config: RunConfig) -> None:
        work = functools.partial(train_job, config)
        logdir = self.form.advanced.tensorboard_dir()
        if logdir is not None:  # the run form's "Log to TensorBoard while training"
            work = functools.partial(train_job, config, tensorboard=logdir)
        self.run_job(TrainingJob(self, work, config))

    def _on_resume_requested(self, run_id: str) -> None:
        """Go on with a stopped or interrupted run (see :class:`ResumeJob`)."""
        self.run_job(ResumeJob(self, run_id))

    def _on_benchmark_requested(self) -> None:
        if self.busy or self._closing:
            return
        from gui.views.benchmark.qt_benchmark_view import load_suite

        run_suite, why = load_suite()
        if run_suite is None:
            self.benchmark_view.show_unavailable(why)
            self.log_message("warning", why)
            return
        self.run_job(BenchmarkJob(self, run_suite))

    def _on_compression_requested(self) -> None:
        if self.busy or self._closing:
            return
        view = self.compression_view
        try:
            config = view.compress_config(self.form.raw_config()).validate()
        except ConfigError as exc:
            view.show_error(config_error_message(exc))
            return
        self.run_job(CompressionJob(self, config))

    def _on_pause_requested(self, pause: bool) -> None:
        w, job = self.worker, self.job
        if w is None or job is None or not job.pausable:
            return
        if pause:
            w.pause()
        else:
            w.resume()
        job.show_paused(pause)

    def stop_job(self) -> None:
        """Stop the running job (Run ▸ Stop, Esc), as its Stop button does."""
        self._on_stop_clicked()

    def confirm_stop_job(self) -> bool:
        """Ask before a Stop button ends the running job (tests replace this)."""
        answer = QMessageBox.question(
            self,
            self.tr("Stop?"),
            self.tr(
                "Stop the running job now? What it measured so far is kept; a training run "
                "can be resumed from its last finished epoch."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _on_stop_clicked(self) -> None:
        if self.worker is not None and self.confirm_stop_job():
            self._on_stop_requested()

    def _on_stop_requested(self) -> None:
        w = self.worker
        if w is None:
            return
        w.stop()
        if self.job is not None:
            self.job.show_stopping()
        self.job_status.setText(self.tr("Stopping"))

    # -- messages --------------------------------------------------------------------------------
    def _on_score(self, card: Any) -> None:
        if self.live_plots is not None:
            self.live_plots.scores.show_card(card)
        if self.job is not None:
            self.job.show_score(card)

    def _on_log(self, level: str, message: str) -> None:
        self.log_message(level, message)

    def log_message(self, level: str, message: str) -> None:
        """A line in the log panel (``level``: info, warning, error)."""
        self.log.add(level, message)

    def show_error(self, message: str) -> None:
        """A readable message at the top of the window (and nothing modal)."""
        self.banner.show_message(message)

    # -- redraw ----------------------------------------------------------------------------------
    def _on_redraw_tick(self) -> None:
        if not self.isVisible() or self.isMinimized():
            return
        if self.redraw_budget.allows(busy=self.worker is not None):
            with self.redraw_budget.spending():
                self.redraw()

    def _on_tab_changed(self, _index: int) -> None:
        self.redraw(force=True)

    def show_tab(self, name: str) -> None:
        """Bring the tab ``name`` (one of TAB_NAMES) to the front."""
        self.tabs.show_tab(name)

    def redraw(self, force: bool = False) -> None:
        """One small piece of drawing per tick (all of it when forced): the job's progress
        line when it is due, else the next piece of the visible plots."""
        if self.live_plots is None:
            return
        w, job = self.worker, self.job
        if w is not None and job is not None and job.show_progress(w) and not force:
            return
        current = self.tabs.currentWidget()
        units = 100 if force else 1
        drew = False
        if force or current.isAncestorOf(self.live_plots):
            drew = self.live_plots.refresh(self.recorder, max_units=units)
        if force or (not drew and current.isAncestorOf(self.device_view)):
            self.device_view.refresh(self.device_recorder)

    # -- closing ---------------------------------------------------------------------------------
    def confirm_stop(self) -> bool:
        """Ask before stopping a running job to close the window (tests replace this)."""
        job = self.job
        question = (
            job.close_question() if job is not None else window_text(TrainingJob.CLOSE_QUESTION)
        )
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
        self.engine_thread.shut_down(timeout=5.0)  # no job is left: it ends at once
        self.thread_tuning.release()
        event.accept()

    @property
    def threads_running(self) -> bool:
        """True while any thread this window started is alive."""
        workers = [w for w in (self.worker, self.tf_worker) if w is not None]
        sampler_alive = self.sampler is not None and self.sampler.running
        engine_alive = self.engine_thread.running
        return any(w.isRunning() for w in workers) or sampler_alive or engine_alive

    # -- language, welcome ---------------------------------------------------------------------
    def choose_language(self, code: str, *, tell: bool = True) -> None:
        """Save the language setting; the app (:class:`gui.qt_app.QtApp`) shows the window in
        it at once when nothing runs, else it applies the next time Suanli starts."""
        i18n.save_language_setting(self.settings, None if code == AUTO else code)
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
        box = self.welcome_dialog = welcome_box(self)
        box.finished.connect(lambda _=0: self._welcome_done())
        box.show()

    def _welcome_done(self) -> None:
        self.settings.setValue(WELCOME_KEY, True)
        self.settings.sync()
        self.welcome_dialog = None

    # -- settings --------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        form = restore_layout(self.settings, self, self.right_split, self.tabs, TAB_NAMES)
        if form is not None:
            self.form.restore_json(form)

    def save_settings(self) -> None:
        save_layout(
            self.settings, self, self.right_split, self.tabs, TAB_NAMES, self.form.to_json()
        )

    def settings_path(self) -> Path:
        return Path(self.settings.fileName())
