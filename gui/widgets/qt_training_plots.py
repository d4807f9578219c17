"""The training plots: loss, accuracy and throughput per batch and per epoch (train and
dev), and a table of the epochs. One widget for both places that show them: the live
Training tab (:mod:`gui.views.training.qt_live_plots`, fed from the recorder's buffers at
redraw ticks) and a stored run in History (:mod:`gui.views.history.qt_run_plots`, fed from
a :class:`~engine.store.store.RunRecord`); the curves, colours and words exist here once.

Curves, by key: ``batch``, ``batch_smooth``, ``epoch_train`` and ``epoch_dev`` on
:attr:`QtTrainingPlots.loss` and :attr:`QtTrainingPlots.accuracy`; ``batch`` and ``epoch``
(and live ``batch_smooth``) on :attr:`QtTrainingPlots.throughput`. The x axis is the step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.i18n import _
from engine.i18n.formatting import fmt_duration
from engine.i18n.vocabulary import (
    ACCURACY_AXIS,
    ACCURACY_TITLE,
    EPOCH_SO_FAR,
    LOSS_AXIS,
    LOSS_TITLE,
    PER_BATCH,
    STEP_AXIS,
    UNIT_WORDS,
)
from gui.formatting import pct
from gui.theme import DEV, THROUGHPUT, TRAIN, TRAIN_RAW, fmt_number, plain_label
from gui.widgets.qt_plot_panel import QtPlotPanel

# Two lines each, so a narrow window never cuts them ("Val." is the dev, or validation, set).
EPOCH_HEADERS = (
    QT_TRANSLATE_NOOP("QtTrainingPlots", "Train\nloss"),
    QT_TRANSLATE_NOOP("QtTrainingPlots", "Train\nacc."),
    QT_TRANSLATE_NOOP("QtTrainingPlots", "Val.\nloss"),
    QT_TRANSLATE_NOOP("QtTrainingPlots", "Val.\nacc."),
    QT_TRANSLATE_NOOP("QtTrainingPlots", "Samples\n/s"),
    QT_TRANSLATE_NOOP("QtTrainingPlots", "Time"),
)
EPOCH_TIPS = (
    QT_TRANSLATE_NOOP("QtTrainingPlots", "Loss on the training images, averaged over the epoch"),
    QT_TRANSLATE_NOOP("QtTrainingPlots", "Accuracy on the training images during the epoch"),
    QT_TRANSLATE_NOOP(
        "QtTrainingPlots",
        "Loss on the validation (“dev”) set: images held out from training to check "
        "progress after each epoch",
    ),
    QT_TRANSLATE_NOOP(
        "QtTrainingPlots",
        "Accuracy on the validation (“dev”) set: images held out from training to check "
        "progress after each epoch",
    ),
    QT_TRANSLATE_NOOP("QtTrainingPlots", "Training images per second over the whole epoch"),
    QT_TRANSLATE_NOOP("QtTrainingPlots", "How long the epoch took"),
)
PER_BATCH_RATE = (44, 160, 44, 70)  # the live per-batch throughput, faint under its average


def step_text(x: float) -> str:
    return f"{x:,.0f}"


def accuracy_text(x: float) -> str:
    return pct(x, 1)


def _num(value: Any, digits: int = 4) -> str:
    return fmt_number(value, digits) if isinstance(value, int | float) else "–"


def epoch_row_texts(
    train_loss: Any, train_acc: Any, dev_loss: Any, dev_acc: Any, samples_per_s: Any, seconds: Any
) -> tuple[str, ...]:
    """One row of the epoch table, in the order of :data:`EPOCH_HEADERS` ('–' when unknown)."""
    return (
        _num(train_loss),
        accuracy_text(train_acc),
        _num(dev_loss),
        accuracy_text(dev_acc),
        _num(samples_per_s, 3),
        fmt_duration(seconds),
    )


class QtTrainingPlots(QWidget):
    """Loss, accuracy and throughput plots and :attr:`epoch_table`.

    Live (``stored=False``): the plots and the table (titled "Finished epochs") in a 2 x 2
    grid; throughput per batch (faint) and smoothed. Stored (``stored=True``): the three
    plots side by side, the table left for the owner to place (History gives it a tab);
    throughput is the rate measured between stored batch points ("per batch") and the
    store's epoch-so-far running average of each.
    """

    def __init__(self, *, stored: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        step = _(STEP_AXIS)
        self.loss = QtPlotPanel(_(LOSS_TITLE), step, _(LOSS_AXIS), x_fmt=step_text)
        self.accuracy = QtPlotPanel(
            _(ACCURACY_TITLE), step, _(ACCURACY_AXIS), x_fmt=step_text, legend="bottom-right"
        )
        self.throughput = QtPlotPanel(
            self.tr("Throughput"), step, _(UNIT_WORDS["samples/s"]), x_fmt=step_text
        )
        for panel, fmt in ((self.loss, None), (self.accuracy, accuracy_text)):
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
            panel.add_curve(
                "epoch_dev", self.tr("validation, epoch"), DEV, width=2, symbol="s", fmt=fmt
            )
        if stored:  # the store keeps each batch point's running average; the rate is derived
            self.throughput.add_curve("batch", _(PER_BATCH), PER_BATCH_RATE, width=1)
            self.throughput.add_curve("running", _(EPOCH_SO_FAR), THROUGHPUT, width=1)
        else:
            self.throughput.add_curve("batch", _(PER_BATCH), PER_BATCH_RATE, width=1, legend=False)
            self.throughput.add_curve("batch_smooth", self.tr("smoothed"), THROUGHPUT, width=1)
        self.throughput.add_curve(
            "epoch",
            self.tr("epoch average"),
            THROUGHPUT,
            width=1,
            symbol="o",
            style=Qt.PenStyle.DashLine,
        )
        self.epoch_table = self._epoch_table(stored)
        if stored:
            self._lay_out_in_a_row()
        else:
            self._lay_out_in_a_grid()
        self.clear()

    def _epoch_table(self, stored: bool) -> QTableWidget:
        table = QTableWidget(0, len(EPOCH_HEADERS))
        table.setObjectName("historyEpochTable" if stored else "epochTable")
        table.setHorizontalHeaderLabels([self.tr(h) for h in EPOCH_HEADERS])
        for col, tip in enumerate(EPOCH_TIPS):
            table.horizontalHeaderItem(col).setToolTip(self.tr(tip))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        fm = header.fontMetrics()
        widest = max(
            fm.horizontalAdvance(line)
            for i in range(table.columnCount())
            for line in table.horizontalHeaderItem(i).text().split("\n")
        )
        header.setMinimumSectionSize(widest + 12)  # never cut: the table scrolls instead
        table.verticalHeader().setDefaultSectionSize(22 if stored else 24)
        table.setAlternatingRowColors(True)
        return table

    def _lay_out_in_a_row(self) -> None:
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for panel in self.panels:
            row.addWidget(panel, 1)

    def _lay_out_in_a_grid(self) -> None:
        grid = QGridLayout(self)
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

    @property
    def panels(self) -> tuple[QtPlotPanel, ...]:
        return (self.loss, self.accuracy, self.throughput)

    def clear(self) -> None:
        """No data: empty curves and table, accuracy from 0 to 1."""
        for panel in self.panels:
            panel.clear_data()
        self.accuracy.plot_item.setYRange(0, 1, padding=0.02)
        self.epoch_table.setRowCount(0)

    @staticmethod
    def set_batches(
        panel: QtPlotPanel, step: np.ndarray, raw: np.ndarray, smooth: np.ndarray | None = None
    ) -> None:
        """``panel``'s per-batch curve (and its smoothed one)."""
        panel.set_data("batch", step, raw)
        if smooth is not None:
            panel.set_data("batch_smooth", step, smooth)

    @staticmethod
    def set_epoch_points(
        panel: QtPlotPanel, step: np.ndarray, train: np.ndarray, dev: np.ndarray
    ) -> None:
        """The loss or accuracy panel's train and dev value at each epoch's end."""
        panel.set_data("epoch_train", step, train)
        panel.set_data("epoch_dev", step, dev)

    def set_epoch_rows(
        self, numbers: Sequence[int], row_texts: Callable[[int], Sequence[str]]
    ) -> None:
        """One table row per epoch (headed by its number); rows the table did not have yet
        get ``row_texts(row)`` (see :func:`epoch_row_texts`)."""
        table = self.epoch_table
        first_new = table.rowCount()
        table.setRowCount(len(numbers))
        table.setVerticalHeaderLabels([str(n) for n in numbers])
        for row in range(first_new, len(numbers)):
            for col, text in enumerate(row_texts(row)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, col, item)
