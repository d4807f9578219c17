"""The "Resume a run" dialog: the stopped, failed and interrupted runs that have a saved
epoch, newest first, one to pick."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.jobs import ResumableRun, resumable_runs
from gui.theme import plain_label
from gui.wording import error_text, status_word

HEADERS = (
    QT_TRANSLATE_NOOP("QtResumeDialog", "Started"),
    QT_TRANSLATE_NOOP("QtResumeDialog", "Model"),
    QT_TRANSLATE_NOOP("QtResumeDialog", "Dataset"),
    QT_TRANSLATE_NOOP("QtResumeDialog", "Epochs done"),
    QT_TRANSLATE_NOOP("QtResumeDialog", "Status"),
)
STATUS_TIPS = {
    "stopped": QT_TRANSLATE_NOOP(
        "QtResumeDialog", "Stopped with the Stop button (or Ctrl-C on the command line)"
    ),
    "interrupted": QT_TRANSLATE_NOOP(
        "QtResumeDialog", "The program ended while the run was going (closed, crashed or killed)"
    ),
    "failed": QT_TRANSLATE_NOOP("QtResumeDialog", "The run ended with an error"),
}


class QtResumeDialog(QDialog):
    """Lists :func:`engine.jobs.resumable_runs`; :meth:`run_id` is the chosen one."""

    def __init__(
        self,
        parent: QWidget | None = None,
        runs: list[ResumableRun] | None = None,
        root: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Resume a run"))
        self.runs = runs if runs is not None else resumable_runs(root)
        intro = plain_label(
            self.tr(
                "Pick a run to go on with from its last saved epoch. It keeps its own settings "
                "and its run id; the plots continue where it stopped."
            ),
            wrap=True,
        )
        self.table = QTableWidget(len(self.runs), len(HEADERS))
        self.table.setObjectName("resumeTable")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, run in enumerate(self.runs):
            cells = (
                run.started.strftime("%Y-%m-%d %H:%M"),
                run.model,
                self._dataset_text(run),
                self.tr("{done} of {total}").format(done=run.epochs_done, total=run.epochs_total),
                status_word(run.status),
            )
            why = self.tr(STATUS_TIPS[run.status]) if run.status in STATUS_TIPS else ""
            error = error_text(run.error) if run.error else ""
            run_line = self.tr("Run {run}").format(run=run.run_id)
            tip = "\n".join(t for t in (run_line, why, error) if t)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                if col == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, item)
        self.table.doubleClicked.connect(self.accept)
        self.empty = plain_label(
            self.tr(
                "There is no stopped or interrupted run with a saved epoch to resume. A run "
                "can be resumed when “Checkpoints” was on and at least one epoch finished."
            ),
            wrap=True,
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.resume_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.resume_button.setText(self.tr("Resume"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        intro.setVisible(bool(self.runs))
        self.table.setVisible(bool(self.runs))
        self.empty.setVisible(not self.runs)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        if self.runs:
            self.table.selectRow(0)
        self._on_selection_changed()
        self.resize(640, 320 if self.runs else 140)

    def _dataset_text(self, run: ResumableRun) -> str:
        """The run's dataset: its name, or "folder <name>" for an image folder."""
        data_dir = run.config.get("data_dir")
        if run.config.get("dataset") == "folder" and data_dir:
            return self.tr("folder {name}").format(name=Path(str(data_dir)).name)
        return run.dataset

    def run_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.runs[rows[0].row()].run_id if rows else None

    def _on_selection_changed(self) -> None:
        self.resume_button.setEnabled(self.run_id() is not None)
