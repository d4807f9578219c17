"""The kinds of job the main window runs, one class each: training, resuming a run, the
benchmark, the compression lab.

A job says what runs on its worker, which engine callbacks go with it, which view shows
it running, stopping and finished, and its own texts (status word, failure banner, the
question before closing). :class:`gui.window.qt_main_window.QtMainWindow` starts one at a time
and routes the worker's events to it by its type, never by a name. The texts keep the
window's translation context (``QtMainWindow``).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel

from engine.config import RunConfig
from engine.i18n.formatting import fmt_duration
from engine.i18n.vocabulary import TRAINING
from gui.i18n import EngineWord, translate
from gui.runtime import jobs
from gui.runtime.jobs import SampleRelay
from gui.runtime.qt_engine_worker import QtEngineWorker
from gui.runtime.resume import EarlierEpochs
from gui.theme import fmt_number
from gui.views.run_form.qt_run_form import QtRunForm
from gui.wording import device_text, finished_text, source_text

if TYPE_CHECKING:  # the lab's package loads late (with its view)
    from engine.compress.config import CompressConfig

PROGRESS_HZ = 5  # the progress text reflows its label; a few times a second is plenty


def window_text(text: str) -> str:
    """``text`` in the window's language, looked up in the window's context (an
    :class:`~gui.i18n.EngineWord` in the engine's catalog)."""
    return translate("QtMainWindow", text)


def device_word(device: str) -> str:
    """A config's device for the log: ``auto`` in the window's language, else as given
    (cpu, gpu:0, all-gpus are the values the CLI takes)."""
    return QCoreApplication.translate("QtMainWindow", "auto") if device == "auto" else device


class JobHost(Protocol):
    """What a job uses of the window (the views are made late: typed loosely)."""

    form: QtRunForm
    job_status: QLabel
    sample_relay: SampleRelay
    extra_callbacks: list[Any]
    recorder: Any
    device_recorder: Any
    live_plots: Any
    evaluation_view: Any
    benchmark_view: Any
    compression_view: Any
    last_result: Any
    last_card: Any
    run_finished: Any
    benchmark_finished: Any
    compression_finished: Any

    def build_views(self) -> None: ...
    def show_tab(self, name: str) -> None: ...
    def redraw(self, force: bool = False) -> None: ...
    def log_message(self, level: str, message: str) -> None: ...


class WindowJob:
    """One kind of job. The window calls, in order: :meth:`prepare`, :meth:`callbacks`,
    :meth:`setup` (the worker made, not started), :meth:`started`; then, as they come,
    :meth:`show_score`, :meth:`show_stopping`; and :meth:`finish` once its thread ended."""

    name = "job"  # the worker's thread name
    STATUS = ""  # the status bar's word while it runs
    FAILED = ""  # the banner when it fails ({message})
    CLOSE_QUESTION = ""  # asked before closing the window stops it
    pausable = False

    def __init__(self, host: JobHost, work: Callable[..., Any]) -> None:
        self.host = host
        self.work = work  # work(callbacks, control) runs on the worker

    def status_text(self) -> str:
        return window_text(self.STATUS)

    def failed_text(self, message: str) -> str:
        return window_text(self.FAILED).format(message=message)

    def close_question(self) -> str:
        return window_text(self.CLOSE_QUESTION)

    def start_text(self) -> str:
        """The log's line when the job starts."""
        return ""

    def prepare(self) -> None:
        """Clear what shows the previous job of this kind (before the worker is made)."""

    def callbacks(self) -> list[Any]:
        return []

    def setup(self, worker: QtEngineWorker) -> None:
        """Connect more of the worker's signals (before the window's own)."""

    def started(self) -> None:
        """Show the job as running."""

    def show_score(self, card: Any) -> None:
        """A score card came (the live plots' score tiles show it already)."""

    def show_progress(self, worker: QtEngineWorker) -> bool:
        """Update a progress line when due; True if it did (the redraw tick is spent)."""
        return False

    def show_paused(self, paused: bool) -> None:
        """Only for a pausable job."""

    def show_stopping(self) -> None:
        """Stop was asked for: say so until the job ends."""

    def finish(self, worker: QtEngineWorker) -> None:
        """Show the result (or the failure) and tell whoever waits for it."""


class TrainingJob(WindowJob):
    """A training run from the run form: the live plots, the form's progress line and
    Pause/Stop, the test report."""

    name = "train"
    STATUS = EngineWord(TRAINING)
    FAILED = QT_TRANSLATE_NOOP("QtMainWindow", "The run failed: {message}")
    CLOSE_QUESTION = QT_TRANSLATE_NOOP(
        "QtMainWindow", "A training run is in progress. Stop it and close Suanli?"
    )
    pausable = True

    def __init__(
        self, host: JobHost, work: Callable[..., Any], config: RunConfig | None = None
    ) -> None:
        super().__init__(host, work)
        self.config = config
        self._progress_at = 0.0

    def start_text(self) -> str:
        c = self.config
        if c is None:
            return ""
        return QCoreApplication.translate(
            "QtMainWindow",
            "Start: {model} on {dataset}, {epochs} epoch(s), batch {batch}, {optimizer} "
            "lr {lr}, device {device}.",
        ).format(
            model=c.model,
            dataset=c.dataset,
            epochs=c.epochs,
            batch=c.batch_size,
            optimizer=c.optimizer,
            lr=f"{c.learning_rate:g}",
            device=device_word(c.device),
        )

    def prepare(self) -> None:
        h = self.host
        h.build_views()
        h.recorder.reset()
        h.live_plots.reset()
        h.evaluation_view.clear(
            QCoreApplication.translate(
                "QtMainWindow", "Training… the test report appears here when the run ends."
            )
        )
        h.last_result = None

    def callbacks(self) -> list[Any]:
        return [self.host.recorder, *self.host.extra_callbacks]

    def setup(self, worker: QtEngineWorker) -> None:
        worker.progressed.connect(self._on_progressed)
        # The window's sampler feeds the Device tab itself; through the relay its
        # snapshots also reach this run's callbacks (the run's StoreWriter keeps them),
        # which is why the Device tab's recorder is not among them.
        self.host.sample_relay.attach(worker.callbacks)

    def started(self) -> None:
        form = self.host.form
        form.set_running(True)
        form.set_progress(
            0.0,
            QCoreApplication.translate(
                "QtMainWindow", "Preparing: loading data and building the model…"
            ),
        )
        self.host.show_tab("Training")

    def show_progress(self, worker: QtEngineWorker) -> bool:
        """The progress bar and line, PROGRESS_HZ times a second."""
        r = self.host.recorder
        if r.global_step == 0 or worker.paused or worker.control.stop_requested:
            return False
        now = time.monotonic()
        if now - self._progress_at < 1.0 / PROGRESS_HZ:
            return False
        self._progress_at = now
        text = QCoreApplication.translate(
            "QtMainWindow",
            "Epoch {epoch}/{epochs} · step {step}/{steps} · {speed} samples/s · ETA {eta}",
        ).format(
            epoch=r.epoch,
            epochs=r.total_epochs,
            step=f"{r.epoch_step:,}",
            steps=f"{r.steps_per_epoch:,}",
            speed=fmt_number(r.samples_per_s),
            eta=fmt_duration(r.eta_seconds()),
        )
        self.host.form.set_progress(r.fraction_done(), text)
        return True

    def show_paused(self, paused: bool) -> None:
        h = self.host
        if paused:
            h.form.set_progress(
                h.recorder.fraction_done(),
                QCoreApplication.translate("QtMainWindow", "Paused. Resume to go on."),
            )
            h.job_status.setText(QCoreApplication.translate("QtMainWindow", "Paused"))
        else:
            h.job_status.setText(self.status_text())
        h.form.set_running(True, paused=paused)

    def show_stopping(self) -> None:
        # The one place the window reaches into the form's buttons.
        form = self.host.form
        form.stop_button.setEnabled(False)
        form.pause_button.setEnabled(False)
        form.progress_text.setText(
            QCoreApplication.translate("QtMainWindow", "Stopping after this batch…")
        )

    def finish(self, worker: QtEngineWorker) -> None:
        h = self.host
        result = worker.result
        h.last_result = result
        h.form.set_running(False)
        h.live_plots.finish(h.recorder)
        h.redraw(force=True)
        if result is None:
            h.form.set_progress(
                h.recorder.fraction_done(),
                QCoreApplication.translate(
                    "QtMainWindow", "The run failed; see the message above."
                ),
            )
            h.evaluation_view.clear(
                QCoreApplication.translate(
                    "QtMainWindow", "The run failed, so there is no test report."
                )
            )
        else:
            h.evaluation_view.show_result(result)
            stored = jobs.stored_samples_per_s(worker.callbacks)
            if stored is not None:  # the tile says what History says
                h.live_plots.scores.show_run_samples_per_s(stored)
            text = finished_text(result)  # says why a run stopped early, and how to go on
            done = result.status == "finished" and result.test
            h.form.set_progress(1.0 if done else h.recorder.fraction_done(), text)
            h.log_message("info", text)
        h.run_finished.emit(result)

    def _on_progressed(self, event: str, payload: dict[str, Any]) -> None:
        if event == "run_begin":
            d, m = payload.get("dataset", {}), payload.get("model", {})
            sizes = d.get("sizes", {})
            text = QCoreApplication.translate(
                "QtMainWindow",
                "{model} ({parameters} parameters) on {source}: {train} training / {dev} "
                "validation / {test} test images, device {device}.",
            ).format(
                model=m.get("registry_name", "?"),
                parameters=f"{m.get('parameters', 0):,}",
                source=source_text(d.get("source", "?")),
                train=f"{sizes.get('train', 0):,}",
                dev=f"{sizes.get('dev', 0):,}",
                test=f"{sizes.get('test', 0):,}",
                device=device_text(payload.get("device", "?")),
            )
            self.host.log_message("info", text)
            self.host.form.show_run_info(payload)  # the batch split, when there are replicas
        elif event == "epoch_end":
            text = QCoreApplication.translate(
                "QtMainWindow",
                "Epoch {epoch}: training loss {train_loss}, accuracy {train_acc} % · "
                "validation loss {dev_loss}, accuracy {dev_acc} % · {speed} samples/s.",
            ).format(
                epoch=payload["epoch"],
                train_loss=f"{payload['train_loss']:.4f}",
                train_acc=f"{100 * payload['train_accuracy']:.2f}",
                dev_loss=f"{payload['dev_loss']:.4f}",
                dev_acc=f"{100 * payload['dev_accuracy']:.2f}",
                speed=fmt_number(payload["samples_per_s"]),
            )
            self.host.log_message("info", text)


class ResumeJob(TrainingJob):
    """Going on with a stopped or interrupted run, shown like a new one: the plots get its
    earlier epochs back first."""

    def __init__(self, host: JobHost, run_id: str) -> None:
        super().__init__(host, functools.partial(jobs.resume_job, run_id))
        self.run_id = run_id

    def start_text(self) -> str:
        return QCoreApplication.translate(
            "QtMainWindow", "Resume: run {run}, from its last saved epoch."
        ).format(run=self.run_id)

    def callbacks(self) -> list[Any]:
        return [EarlierEpochs(self.host.recorder, self.run_id), *super().callbacks()]


class BenchmarkJob(WindowJob):
    """The quick benchmark suite, its card recorded in the store: the Benchmark tab."""

    name = "benchmark"
    STATUS = QT_TRANSLATE_NOOP("QtMainWindow", "Benchmarking")
    FAILED = QT_TRANSLATE_NOOP("QtMainWindow", "The benchmark failed: {message}")
    CLOSE_QUESTION = QT_TRANSLATE_NOOP(
        "QtMainWindow", "A benchmark is in progress. Stop it and close Suanli?"
    )

    def __init__(self, host: JobHost, run_suite: Callable[..., Any]) -> None:
        super().__init__(host, functools.partial(jobs.bench_job, run_suite))

    def start_text(self) -> str:
        return QCoreApplication.translate("QtMainWindow", "Benchmark started (quick suite).")

    def callbacks(self) -> list[Any]:
        return [self.host.device_recorder]

    def setup(self, worker: QtEngineWorker) -> None:
        worker.logged.connect(self._on_logged)

    def started(self) -> None:
        self.host.benchmark_view.set_running(True)

    def show_score(self, card: Any) -> None:
        self.host.benchmark_view.add_scores(card)

    def show_stopping(self) -> None:
        view = self.host.benchmark_view
        view.stop_button.setEnabled(False)
        view.show_progress(QCoreApplication.translate("QtMainWindow", "Stopping…"))

    def finish(self, worker: QtEngineWorker) -> None:
        h = self.host
        card = worker.result
        h.last_card = card
        h.benchmark_view.set_running(False)
        h.benchmark_view.show_finished(card, worker.error, worker.control.stop_requested)
        if card is not None:  # the tiles say whose figures they show now
            h.live_plots.scores.show_card(card, benchmark=True)
        h.benchmark_finished.emit(card)

    def _on_logged(self, level: str, message: str) -> None:
        self.host.benchmark_view.show_progress(message)


class CompressionJob(WindowJob):
    """The compression lab (prune, distill, quantize) with the form's training settings:
    the Compression tab."""

    name = "compress"
    STATUS = QT_TRANSLATE_NOOP("QtMainWindow", "Compressing")
    FAILED = QT_TRANSLATE_NOOP("QtMainWindow", "The compression lab failed: {message}")
    CLOSE_QUESTION = QT_TRANSLATE_NOOP(
        "QtMainWindow", "A compression lab run is in progress. Stop it and close Suanli?"
    )

    def __init__(self, host: JobHost, config: CompressConfig) -> None:
        super().__init__(host, functools.partial(jobs.compress_job, config))
        self.config = config

    def start_text(self) -> str:
        c = self.config
        return QCoreApplication.translate(
            "QtMainWindow",
            "Compression lab started: {model} on {dataset}, {epochs} epoch(s) per stage, "
            "sparsity {sparsity}, T = {temperature}, alpha = {alpha}, device {device}.",
        ).format(
            model=c.model,
            dataset=c.dataset,
            epochs=c.epochs,
            sparsity=f"{c.sparsity:.0%}",
            temperature=f"{c.temperature:g}",
            alpha=f"{c.alpha:g}",
            device=device_word(c.device),
        )

    def callbacks(self) -> list[Any]:
        return [self.host.compression_view.new_progress()]

    def started(self) -> None:
        self.host.compression_view.set_running(True)

    def show_stopping(self) -> None:
        self.host.compression_view.show_stopping()

    def finish(self, worker: QtEngineWorker) -> None:
        view = self.host.compression_view
        view.set_running(False)
        view.show_finished(worker.result, worker.error, worker.control.stop_requested)
        self.host.compression_finished.emit(worker.result)
