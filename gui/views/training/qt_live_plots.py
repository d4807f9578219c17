"""The Training tab: score tiles above the training plots (:class:`QtTrainingPlots`: loss,
accuracy and throughput per batch, raw and smoothed, and per epoch, dev loss and accuracy
per epoch, and a table of finished epochs).

Curves are created once; :meth:`QtLivePlots.refresh` (called by the window's redraw
timer) gives them the recorder's buffers when those changed since the last redraw.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.runtime.plot_buffers import BATCH_COLUMNS, EPOCH_COLUMNS, TrainingRecorder
from gui.widgets.qt_plot_panel import QtPlotPanel
from gui.widgets.qt_score_panel import QtScorePanel
from gui.widgets.qt_training_plots import QtTrainingPlots, epoch_row_texts

BATCH_CURVES = BATCH_COLUMNS[1:]  # each batch figure and its smoothed twin


class QtLivePlots(QWidget):
    """The Training tab: score tiles, three plots and the epoch table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scores = QtScorePanel()
        self.plots = QtTrainingPlots()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.scores)
        layout.addWidget(self.plots, 1)
        self._order = list(self.panels)
        self._columns_of = {
            self.plots.loss.title: ("loss", "loss_smooth"),
            self.plots.accuracy.title: ("accuracy", "accuracy_smooth"),
            self.plots.throughput.title: ("samples_per_s", "samples_per_s_smooth"),
        }
        self.reset()

    @property
    def panels(self) -> tuple[QtPlotPanel, ...]:
        return self.plots.panels

    def reset(self) -> None:
        self.plots.clear()
        self.scores.reset()
        self._drawn = {panel.title: -1 for panel in self.panels}  # batch version drawn
        self._epochs_seen = -1
        self._epoch_work: list[Callable[[], None]] = []  # pending per-epoch updates

    def refresh(self, rec: TrainingRecorder, max_units: int = 1) -> bool:
        """Redraw what changed in the recorder, ``max_units`` pieces of work per call.

        A piece is one panel's per-batch curves (the stalest panel first), one panel's
        epoch curves, or the epoch table; so a redraw tick paints one plot, never three,
        and the GUI thread is never busy for long. True when something was redrawn.
        """
        if rec.epochs.version != self._epochs_seen:
            self._epochs_seen = rec.epochs.version
            cols = rec.epochs.columns(*EPOCH_COLUMNS)
            points = self.plots.set_epoch_points
            self._epoch_work = [
                lambda c=cols: points(self.plots.loss, c[1], c[2], c[4]),
                lambda c=cols: points(self.plots.accuracy, c[1], c[3], c[5]),
                lambda c=cols: self.plots.throughput.set_data("epoch", c[1], c[6]),
                lambda c=cols: self._epoch_rows(*c),
            ]
        done = 0
        while self._epoch_work and done < max_units:
            self._epoch_work.pop(0)()
            done += 1
        version = rec.batches.version
        stale = [p for p in self._order if self._drawn[p.title] != version]
        if stale and done < max_units:
            step, *cols = rec.batches.columns("step", *BATCH_CURVES)
            columns = dict(zip(BATCH_CURVES, cols, strict=True))
            for panel in stale[: max_units - done]:
                raw, smooth = self._columns_of[panel.title]
                self.plots.set_batches(panel, step, columns[raw], columns[smooth])
                if len(step):
                    panel.follow_x(float(step[-1]))
                self._drawn[panel.title] = version
                self._order.remove(panel)
                self._order.append(panel)  # drawn now: last in line next time
                done += 1
            sps = rec.batches.last("samples_per_s_smooth")
            self.scores.show_live_samples_per_s(sps if sps == sps else rec.samples_per_s)
        return done > 0

    def finish(self, rec: TrainingRecorder) -> None:
        """The run ended: draw everything left and fit the x axes to the data."""
        self.refresh(rec, max_units=100)
        for panel in self.panels:
            panel.fit_x()

    def _epoch_rows(self, epoch, step, tl, ta, dl, da, sps, secs) -> None:
        numbers = [int(e) for e in epoch]
        self.plots.set_epoch_rows(
            numbers, lambda r: epoch_row_texts(tl[r], ta[r], dl[r], da[r], sps[r], secs[r])
        )
        if len(epoch):
            self.plots.epoch_table.scrollToBottom()

    def point_counts(self) -> dict[str, int]:
        """Per-batch points of each plot, by the plot's English name (in every language)."""
        names = ("Loss", "Accuracy", "Throughput")
        return {name: p.point_count("batch") for name, p in zip(names, self.panels, strict=True)}
