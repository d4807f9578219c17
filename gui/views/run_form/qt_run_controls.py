"""The foot of the run form: Start / Pause / Stop, "Resume a run…", the progress bar, the
progress line and the batch split of a run on several replicas.

:class:`QtRunControls` only shows state: the run form connects its buttons and tells it
whether a run goes on (:meth:`QtRunControls.set_state`) and how far it is. Its texts are in
the run form's translation context ("QtRunForm").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from gui.theme import plain_label
from gui.wording import batch_text


class QtRunControls(QWidget):
    """``[Start][Pause][Stop]``, ``[Resume a run…]``, the progress bar and two lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start_button = QPushButton(QCoreApplication.translate("QtRunForm", "Start"))
        self.start_button.setObjectName("primary")
        self.start_button.setToolTip(
            QCoreApplication.translate("QtRunForm", "Train the model with these settings")
        )
        self.pause_button = QPushButton(QCoreApplication.translate("QtRunForm", "Pause"))
        self.pause_button.setToolTip(
            QCoreApplication.translate(
                "QtRunForm", "Hold the run after this batch; press again to go on"
            )
        )
        self.stop_button = QPushButton(QCoreApplication.translate("QtRunForm", "Stop"))
        self.stop_button.setToolTip(
            QCoreApplication.translate(
                "QtRunForm",
                "End the run after this batch; with checkpoints on, it can be resumed later",
            )
        )
        self.resume_button = QPushButton(QCoreApplication.translate("QtRunForm", "Resume a run…"))
        self.resume_button.setToolTip(
            QCoreApplication.translate(
                "QtRunForm",
                "Go on with a stopped or interrupted run from its last saved epoch: pick it from a list",
            )
        )
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress_text = plain_label(
            QCoreApplication.translate("QtRunForm", "Ready."), object_name="progressText", wrap=True
        )
        self.run_info = plain_label("", object_name="progressText", wrap=True)
        self.run_info.hide()

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.start_button, 2)
        buttons.addWidget(self.pause_button, 1)
        buttons.addWidget(self.stop_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)  # as the form's own rows
        layout.addLayout(buttons)
        layout.addWidget(self.resume_button)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.run_info)

    def set_state(self, *, running: bool, paused: bool, can_start: bool, idle: bool) -> None:
        """Start needs ``can_start`` (idle and valid settings), Resume ``idle`` (no job on the
        device); Pause (or "Resume" while ``paused``) and Stop need a run."""
        self.pause_button.setText(
            QCoreApplication.translate("QtRunForm", "Resume")
            if paused
            else QCoreApplication.translate("QtRunForm", "Pause")
        )
        self.start_button.setEnabled(can_start)
        self.resume_button.setEnabled(idle)
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running)

    def show_stopping(self, text: str) -> None:
        """Stop was asked for: Pause and Stop are spent, the progress line says ``text``."""
        self.stop_button.setEnabled(False)
        self.pause_button.setEnabled(False)
        self.progress_text.setText(text)

    def set_progress(self, fraction: float, text: str) -> None:
        self.progress.setValue(int(round(1000 * max(0.0, min(1.0, fraction)))))
        self.progress_text.setText(text)

    def show_run_info(self, info: dict[str, Any] | None) -> None:
        """How the batch is split when there are several replicas (nothing otherwise)."""
        text = batch_text(info or {})
        self.run_info.setText(text)
        self.run_info.setVisible(bool(text))
