"""Training plots: loss, accuracy and throughput per batch (raw and smoothed) and per epoch,
dev loss and accuracy per epoch, and a table of finished epochs.

Curves are created once; :meth:`QtLivePlots.refresh` (called by the window's redraw
timer) gives them the recorder's buffers when those changed since the last redraw.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.runtime.plot_buffers import TrainingRecorder
from gui.theme import DEV, THROUGHPUT, TRAIN, TRAIN_RAW, fmt_duration, fmt_number, plain_label
from gui.widgets.qt_plot_panel import QtPlotPanel
from gui.widgets.qt_score_panel import QtScorePanel


def _step(x: float) -> str:
    return f"{x:,.0f}"


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


BATCH_CURVES = (
    "loss",
    "loss_smooth",
    "accuracy",
    "accuracy_smooth",
    "samples_per_s",
    "samples_per_s_smooth",
)
EPOCH_HEADERS = (
    QT_TRANSLATE_NOOP("QtLivePlots", "Train loss"),
    QT_TRANSLATE_NOOP("QtLivePlots", "Train acc."),
    QT_TRANSLATE_NOOP("QtLivePlots", "Dev loss"),
    QT_TRANSLATE_NOOP("QtLivePlots", "Dev acc."),
    QT_TRANSLATE_NOOP("QtLivePlots", "Samples/s"),
    QT_TRANSLATE_NOOP("QtLivePlots", "Time"),
)


class QtLivePlots(QWidget):
    """The Training tab: score tiles, three plots and the epoch table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scores = QtScorePanel()
        self.loss = QtPlotPanel(self.tr("Loss"), self.tr("step"), self.tr("loss"), x_fmt=_step)
        self.accuracy = QtPlotPanel(
            self.tr("Accuracy"),
            self.tr("step"),
            self.tr("accuracy"),
            x_fmt=_step,
            legend="bottom-right",
        )
        self.throughput = QtPlotPanel(
            self.tr("Throughput"), self.tr("step"), self.tr("samples/s"), x_fmt=_step
        )
        for panel, fmt in ((self.loss, None), (self.accuracy, _pct)):
            # per-batch curves can hold millions of points: 1 px pens (wider ones are slow)
            panel.add_curve("batch", self.tr("batch"), TRAIN_RAW, width=1, fmt=fmt, legend=False)
            panel.add_curve("batch_smooth", self.tr("train (smoothed)"), TRAIN, width=1, fmt=fmt)
            panel.add_curve(
                "epoch_train",
                self.tr("train, epoch"),
                TRAIN,
                width=1,
                symbol="o",
                fmt=fmt,
                style=Qt.PenStyle.DashLine,
            )
            panel.add_curve("epoch_dev", self.tr("dev, epoch"), DEV, width=2, symbol="s", fmt=fmt)
        self.accuracy.plot_item.setYRange(0, 1, padding=0.02)
        self.accuracy.plot_item.enableAutoRange(axis="y", enable=False)
        self.throughput.add_curve(
            "batch", self.tr("per batch"), (44, 160, 44, 70), width=1, legend=False
        )
        self.throughput.add_curve("batch_smooth", self.tr("smoothed"), THROUGHPUT, width=1)
        self.throughput.add_curve(
            "epoch",
            self.tr("epoch average"),
            THROUGHPUT,
            width=1,
            symbol="o",
            style=Qt.PenStyle.DashLine,
        )

        self.epoch_table = QTableWidget(0, len(EPOCH_HEADERS))
        self.epoch_table.setObjectName("epochTable")
        self.epoch_table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("QtLivePlots", h) for h in EPOCH_HEADERS]
        )
        self.epoch_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.epoch_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.epoch_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.epoch_table.verticalHeader().setDefaultSectionSize(24)
        self.epoch_table.setAlternatingRowColors(True)

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        grid.addWidget(self.loss, 0, 0)
        grid.addWidget(self.accuracy, 0, 1)
        grid.addWidget(self.throughput, 1, 0)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(6, 4, 6, 4)
        table_layout.addWidget(plain_label(self.tr("Finished epochs"), object_name="plotTitle"))
        table_layout.addWidget(self.epoch_table, 1)
        grid.addWidget(table_box, 1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.scores)
        layout.addLayout(grid, 1)
        self._order = list(self.panels)
        self._columns_of = {
            self.loss.title: ("loss", "loss_smooth"),
            self.accuracy.title: ("accuracy", "accuracy_smooth"),
            self.throughput.title: ("samples_per_s", "samples_per_s_smooth"),
        }
        self.reset()

    @property
    def panels(self) -> tuple[QtPlotPanel, ...]:
        return (self.loss, self.accuracy, self.throughput)

    def reset(self) -> None:
        for panel in self.panels:
            panel.clear_data()
        self.accuracy.plot_item.setYRange(0, 1, padding=0.02)
        self.epoch_table.setRowCount(0)
        self.scores.reset()
        self._drawn = {panel.title: -1 for panel in self.panels}  # batch version drawn
        self._epochs_seen = -1
        self._epoch_work: list = []  # pending per-epoch updates, one per call

    def refresh(self, rec: TrainingRecorder, max_units: int = 1) -> bool:
        """Redraw what changed in the recorder, ``max_units`` pieces of work per call.

        A piece is one panel's per-batch curves (the stalest panel first), one panel's
        epoch curves, or the epoch table; so a redraw tick paints one plot, never three,
        and the GUI thread is never busy for long. True when something was redrawn.
        """
        if rec.epochs.version != self._epochs_seen:
            self._epochs_seen = rec.epochs.version
            cols = rec.epochs.columns(
                "epoch",
                "step",
                "train_loss",
                "train_accuracy",
                "dev_loss",
                "dev_accuracy",
                "samples_per_s",
                "seconds",
            )
            self._epoch_work = [
                lambda c=cols: self._epoch_curves(self.loss, c[1], c[2], c[4]),
                lambda c=cols: self._epoch_curves(self.accuracy, c[1], c[3], c[5]),
                lambda c=cols: self.throughput.set_data("epoch", c[1], c[6]),
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
                panel.set_data("batch", step, columns[raw])
                panel.set_data("batch_smooth", step, columns[smooth])
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

    @staticmethod
    def _epoch_curves(panel: QtPlotPanel, step, train, dev) -> None:
        panel.set_data("epoch_train", step, train)
        panel.set_data("epoch_dev", step, dev)

    def _epoch_rows(self, epoch, step, tl, ta, dl, da, sps, secs) -> None:
        table = self.epoch_table
        first_new = table.rowCount()
        table.setRowCount(len(epoch))
        table.setVerticalHeaderLabels([f"{int(e)}" for e in epoch])  # the epoch numbers
        for row in range(first_new, len(epoch)):
            texts = (
                fmt_number(tl[row], 4),
                _pct(ta[row]),
                fmt_number(dl[row], 4),
                _pct(da[row]),
                fmt_number(sps[row]),
                fmt_duration(secs[row]),
            )
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, col, item)
        if len(epoch):
            table.scrollToBottom()

    def point_counts(self) -> dict[str, int]:
        """Per-batch points of each plot, by the plot's English name (in every language)."""
        names = ("Loss", "Accuracy", "Throughput")
        return {name: p.point_count("batch") for name, p in zip(names, self.panels, strict=True)}
