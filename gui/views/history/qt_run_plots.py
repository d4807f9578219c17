"""A stored run's training curves: the History tab's "Curves" and "Epochs" sub-tabs.

The same plots as the live Training tab (:class:`~gui.widgets.qt_training_plots.QtTrainingPlots`),
fed once from the run's stored batches and epochs (:mod:`gui.views.history.run_series`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from engine.metrics import EPOCH_METRICS
from engine.reports.run_charts import measured_rates
from engine.store.records import RunRecord
from gui.theme import plain_label
from gui.views.history.run_series import column, epoch_steps, smooth
from gui.widgets.qt_plot_panel import QtPlotPanel
from gui.widgets.qt_training_plots import QtTrainingPlots, epoch_row_texts


class QtRunPlots(QWidget):
    """A stored run's loss, accuracy and throughput per batch and per epoch, side by side;
    :attr:`epoch_table` (shown on a tab of its own) lists its epochs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = plain_label("", object_name="placeholder", wrap=True)
        self.plots = QtTrainingPlots(stored=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.plots, 1)
        self.note.hide()

    @property
    def panels(self) -> tuple[QtPlotPanel, ...]:
        return self.plots.panels

    def clear(self) -> None:
        self.plots.clear()

    def show_record(self, rec: RunRecord) -> None:
        self.clear()
        b = rec.batches or {}
        step = column(b.get("step"))
        if len(step):
            for panel, key in ((self.plots.loss, "loss"), (self.plots.accuracy, "accuracy")):
                y = column(b.get(key))
                self.plots.set_batches(panel, step, y, smooth(y))
            rate_x, rate_y = measured_rates(rec)
            self.plots.throughput.set_data("batch", column(rate_x), column(rate_y))
            self.plots.throughput.set_data("running", step, column(b.get("samples_per_s")))
        epochs = [e for e in rec.epochs if isinstance(e, dict)]
        numbers = [int(e.get("epoch", i + 1)) for i, e in enumerate(epochs)]
        if epochs:
            x = epoch_steps(rec, numbers, b)
            cols = {
                key: column([e.get(key) for e in epochs])
                for key in ("train_loss", "dev_loss", "train_accuracy", "dev_accuracy")
            }
            self.plots.set_epoch_points(self.plots.loss, x, cols["train_loss"], cols["dev_loss"])
            self.plots.set_epoch_points(
                self.plots.accuracy, x, cols["train_accuracy"], cols["dev_accuracy"]
            )
            self.plots.throughput.set_data(
                "epoch", x, column([e.get("samples_per_s") for e in epochs])
            )
        self.plots.accuracy.plot_item.setYRange(0, 1, padding=0.02)
        for panel in self.panels:
            panel.plot_item.enableAutoRange(axis="x")
        self.plots.set_epoch_rows(
            numbers, lambda r: epoch_row_texts(*(epochs[r].get(k) for k in EPOCH_METRICS))
        )
        if epochs or len(step):
            self.note.hide()
        else:
            self.note.setText(
                self.tr(
                    "A benchmark: it trains no epochs of its own, so there are no training "
                    "curves. Its figures are on the Score card tab."
                )
                if rec.summary.kind == "bench"
                else self.tr("No epoch or batch of this run was recorded.")
            )
            self.note.show()
