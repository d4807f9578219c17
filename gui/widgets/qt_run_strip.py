"""The Run / Stop strip of a job tab (Benchmark, Compression): a Run button, a Stop button,
a progress bar beside them and a status line under them.

The strip emits ``run_clicked`` and ``stop_clicked``; the view it sits in turns them into
its own requests to the window and tells the strip what happens (:meth:`set_running`,
:meth:`set_busy_elsewhere`, :meth:`show_stopping`, :meth:`set_fraction`, :meth:`set_steps`,
:meth:`set_status`). It holds no words of its own: the view passes its texts, translated in
its own context, so the strip needs no catalog entries.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from gui.theme import plain_label


class QtRunStrip(QWidget):
    """``[Run] [Stop] [progress……]`` over a status line.

    ``progress_max`` is the bar's full scale (1000 for a fraction, 1 for done / not done);
    ``status_name`` the status label's object name (the style sheet greys some of them).
    """

    run_clicked = Signal()
    stop_clicked = Signal()

    def __init__(
        self,
        run_text: str,
        stop_text: str,
        ready_text: str,
        *,
        progress_max: int = 1000,
        status_name: str = "progressText",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._running = False
        self._busy_elsewhere = False
        self._progress_max = progress_max
        self.run_button = QPushButton(run_text)
        self.run_button.setObjectName("primary")
        self.run_button.clicked.connect(self.run_clicked)
        self.stop_button = QPushButton(stop_text)
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop_clicked)
        self.progress = QProgressBar()
        self.progress.setRange(0, progress_max)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.status = plain_label(ready_text, object_name=status_name, wrap=True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

    # -- state ---------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._running

    def set_running(self, running: bool) -> None:
        """Run waits while the job runs; Stop is there for it."""
        self._running = running
        self._apply_enabled()

    def set_busy_elsewhere(self, busy: bool) -> None:
        """Another job holds the device: Run waits."""
        self._busy_elsewhere = busy
        self._apply_enabled()

    def show_stopping(self, text: str) -> None:
        """Stop was asked for: Stop is spent, the status says so."""
        self.stop_button.setEnabled(False)
        self.status.setText(text)

    def _apply_enabled(self) -> None:
        self.run_button.setEnabled(not self._running and not self._busy_elsewhere)
        self.stop_button.setEnabled(self._running)

    # -- progress ------------------------------------------------------------------------------
    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def set_fraction(self, fraction: float) -> None:
        """The share done, 0 to 1, on the bar's full scale."""
        self.progress.setRange(0, self._progress_max)
        self.progress.setValue(round(self._progress_max * max(0.0, min(1.0, fraction))))

    def set_steps(self, done: int, total: int) -> None:
        """``done`` of ``total`` steps (the bar's scale becomes ``total``)."""
        self.progress.setRange(0, total)
        self.progress.setValue(min(done, total))

    def set_busy_bar(self) -> None:
        """A bar that moves without saying how far (until a step count is known)."""
        self.progress.setRange(0, 0)


class RunStripParts:
    """For a view with a :class:`QtRunStrip` in ``self.strip``: the strip's parts under the
    names the window and the tests use (``run_button``, ``stop_button``, ``progress``,
    ``status``). Put it before ``QWidget`` in the view's bases."""

    strip: QtRunStrip

    @property
    def run_button(self) -> QPushButton:
        return self.strip.run_button

    @property
    def stop_button(self) -> QPushButton:
        return self.strip.stop_button

    @property
    def progress(self) -> QProgressBar:
        return self.strip.progress

    @property
    def status(self) -> QLabel:
        return self.strip.status
