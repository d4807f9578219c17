"""The History tab: every run in the results store; open one to see its plots, device
timelines (:mod:`gui.views.history.qt_run_device`), test report and score card again; rename, tag,
delete; export and import score cards.

The list is one query (:meth:`engine.store.store.Store.list_runs`: summaries, no series) into a
table model; a run's series are read only when it is opened (:meth:`Store.get_run`).
Filters go to the store (:class:`engine.store.records.RunFilter`); sorting happens in the model
(every column, unknown values last). The store is in WAL mode, so the window reads it
while a job's :class:`~engine.store.writer.StoreWriter` writes it.

Every button here is also a command: ``python -m engine runs list|show|rename|tag|delete|
export`` and ``python -m engine import``. Everything read from the store or from a card
file is shown as plain text.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine.cards.card_file import ImportResult
from engine.reports.compare import fact_label, unit_text
from engine.store.cards import export_run_card, import_card_file
from engine.store.records import RunFilter, RunRecord, RunSummary, StoreError
from engine.store.schema import STATUSES
from engine.store.store import Store
from gui.formatting import fact_text, one_line, plain_tip, when
from gui.score_names import pretty_name
from gui.theme import (
    DEV,
    MUTED,
    THROUGHPUT,
    TRAIN,
    TRAIN_RAW,
    fmt_duration,
    fmt_number,
    plain_label,
)
from gui.views.history.qt_run_device import QtRunDevicePlots
from gui.widgets.card_import import ask_import_paths, import_summary
from gui.widgets.qt_evaluation_view import QtEvaluationView
from gui.widgets.qt_plot_panel import QtPlotPanel
from gui.widgets.qt_score_panel import score_items
from gui.wording import device_text, error_text, source_text, status_word

Index = QModelIndex | QPersistentModelIndex
# What can go wrong reading or writing the store: one line in the view, never a crash.
STORE_ERRORS = (StoreError, sqlite3.Error, OSError, ValueError)
STATUS_COLORS = {
    "finished": "#15803d",
    "failed": "#b91c1c",
    "running": "#1d4ed8",
    "stopped": "#92400e",
    "interrupted": "#92400e",
}
# A run's status and kind as shown (the store keeps the English identifiers).
KIND_NAMES = {
    "train": QT_TRANSLATE_NOOP("QtHistoryView", "train"),
    "bench": QT_TRANSLATE_NOOP("QtHistoryView", "bench"),
}
# The dataset splits in a run's info ("train 320 / dev 32 / test 30").
SPLIT_NAMES = {
    "train": QT_TRANSLATE_NOOP("QtHistoryView", "train"),
    "dev": QT_TRANSLATE_NOOP("QtHistoryView", "dev"),
    "test": QT_TRANSLATE_NOOP("QtHistoryView", "test"),
}
OPEN_DELAY_MS = 120  # a run opens when the selection rests this long (arrow keys skim)
SEARCH_DELAY_MS = 200
RESIZE_ROWS = 40  # rows the column widths are fitted to
EPOCH_HEADERS = (
    QT_TRANSLATE_NOOP("QtRunPlots", "Train loss"),
    QT_TRANSLATE_NOOP("QtRunPlots", "Train acc."),
    QT_TRANSLATE_NOOP("QtRunPlots", "Dev loss"),
    QT_TRANSLATE_NOOP("QtRunPlots", "Dev acc."),
    QT_TRANSLATE_NOOP("QtRunPlots", "Samples/s"),
    QT_TRANSLATE_NOOP("QtRunPlots", "Time"),
)


def pct(x: float | None, digits: int = 2) -> str:
    return "–" if x is None or not math.isfinite(x) else f"{100 * x:.{digits}f} %"


def short_device(device: str | None) -> str:
    """'/device:GPU:0' -> 'GPU:0' (the list has no room for TensorFlow's prefixes)."""
    text = device or ""
    for prefix in ("/job:localhost/replica:0/task:0/device:", "/physical_device:", "/device:"):
        text = text.removeprefix(prefix)
    return text.lstrip("/")


def default_name(s: RunSummary) -> str:
    if s.kind == "bench":
        return QCoreApplication.translate("QtHistoryView", "benchmark")
    return QCoreApplication.translate("QtHistoryView", "training run")


def _named(names: dict[str, str], key: str | None) -> str:
    """``key`` in the current language when ``names`` has it, else as it is."""
    name = names.get(key or "")
    if name is None:
        return key or ""
    return QCoreApplication.translate("QtHistoryView", name)


def status_text(status: str | None) -> str:
    """A run's status as shown ('finished' -> '已完成' in zh_CN)."""
    return status_word(status or "")


def kind_text(kind: str | None) -> str:
    return _named(KIND_NAMES, kind)


# --------------------------------------------------------------------------- the table


@dataclass(frozen=True)
class Column:
    title: str  # English, marked with QT_TRANSLATE_NOOP; translated where shown
    text: Callable[[RunSummary], str]
    key: Callable[[RunSummary], Any]  # sort value; None sorts last either way
    width: int  # the most it gets when fitted to its text
    right: bool = False
    tip: str = ""

    @property
    def shown_title(self) -> str:
        return QCoreApplication.translate("QtHistoryView", self.title)

    @property
    def shown_tip(self) -> str:
        return QCoreApplication.translate("QtHistoryView", self.tip) if self.tip else ""


def _epochs(s: RunSummary) -> str:
    if s.kind == "bench" and not s.epochs_done:
        return "–"
    return f"{s.epochs_done}/{s.epochs_planned}" if s.epochs_planned else f"{s.epochs_done}"


COLUMNS: tuple[Column, ...] = (
    Column(
        QT_TRANSLATE_NOOP("QtHistoryView", "ID"),
        lambda s: str(s.id),
        lambda s: s.id,
        60,
        True,
        QT_TRANSLATE_NOOP("QtHistoryView", "The run's id in the store"),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtHistoryView", "Name"),
        lambda s: s.name or default_name(s),
        lambda s: s.name.casefold() or None,
        180,
        tip=QT_TRANSLATE_NOOP("QtHistoryView", "Double-click (or F2) to rename"),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtHistoryView", "Started"),
        lambda s: when(s.started_at),
        lambda s: s.started_at,
        130,
    ),
    Column(
        QT_TRANSLATE_NOOP("QtHistoryView", "Status"),
        lambda s: status_text(s.status),
        lambda s: s.status,
        90,
    ),
    Column(
        QT_TRANSLATE_NOOP("QtHistoryView", "Dataset"),
        lambda s: s.dataset or "–",
        lambda s: s.dataset,
        110,
    ),
    Column(
        QT_TRANSLATE_NOOP("QtHistoryView", "Model"),
        lambda s: s.model or "–",
        lambda s: s.model,
        110,
    ),
    Column(
        QT_TRANSLATE_NOOP("QtHistoryView", "Device"),
        lambda s: short_device(s.device) or "–",
        lambda s: s.device,
        110,
    ),
    Column(
        QT_TRANSLATE_NOOP("QtHistoryView", "Epochs"),
        _epochs,
        lambda s: s.epochs_done,
        70,
        True,
        QT_TRANSLATE_NOOP("QtHistoryView", "Epochs done / planned"),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtHistoryView", "Dev acc."),
        lambda s: pct(s.dev_accuracy),
        lambda s: s.dev_accuracy,
        80,
        True,
        QT_TRANSLATE_NOOP("QtHistoryView", "Accuracy on the dev set after the last epoch"),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtHistoryView", "Test acc."),
        lambda s: pct(s.test_accuracy),
        lambda s: s.test_accuracy,
        80,
        True,
        QT_TRANSLATE_NOOP("QtHistoryView", "Accuracy on the test set"),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtHistoryView", "Samples/s"),
        lambda s: fmt_number(s.samples_per_s),
        lambda s: s.samples_per_s,
        90,
        True,
        QT_TRANSLATE_NOOP("QtHistoryView", "Training throughput"),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtHistoryView", "Time"),
        lambda s: fmt_duration(s.wall_seconds),
        lambda s: s.wall_seconds,
        70,
        True,
    ),
    Column(
        QT_TRANSLATE_NOOP("QtHistoryView", "Score"),
        lambda s: fmt_number(s.score, 4) if s.score is not None else "–",
        lambda s: s.score,
        80,
        True,
        QT_TRANSLATE_NOOP("QtHistoryView", "Suanli score of the run's score card"),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtHistoryView", "Tags"),
        lambda s: ", ".join(s.tags),
        lambda s: ", ".join(s.tags).casefold() or None,
        160,
        tip=QT_TRANSLATE_NOOP(
            "QtHistoryView", "Double-click (or F2) to edit; separate tags with commas"
        ),
    ),
)
NAME_COL = 1
STATUS_COL = 3
TAGS_COL = len(COLUMNS) - 1
EDITABLE = (NAME_COL, TAGS_COL)


def split_tags(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


class RunTableModel(QAbstractTableModel):
    """Run summaries as table rows. ``edit(summary, column, text)`` applies an edit of the
    name or tags and returns the updated summary (or ``None`` when it was refused)."""

    def __init__(self, edit: Callable[[RunSummary, int, str], RunSummary | None]) -> None:
        super().__init__()
        self._rows: list[RunSummary] = []
        self._edit = edit
        self._sort: tuple[int, Qt.SortOrder] = (2, Qt.SortOrder.DescendingOrder)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._muted = QColor(MUTED)
        self._status = {k: QColor(v) for k, v in STATUS_COLORS.items()}

    # -- Qt model API -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[col].text(s)
        if role == Qt.ItemDataRole.EditRole:
            if col == NAME_COL:
                return s.name
            if col == TAGS_COL:
                return ", ".join(s.tags)
            return COLUMNS[col].text(s)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if COLUMNS[col].right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == STATUS_COL:
                return self._status.get(s.status)
            if col == NAME_COL and not s.name:
                return self._muted
            return None
        if role == Qt.ItemDataRole.FontRole and col == NAME_COL and not s.name:
            return self._italic
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(self._tooltip(s, col))
        if role == Qt.ItemDataRole.UserRole:
            return s
        return None

    def _tooltip(self, s: RunSummary, col: int) -> str:
        if col == STATUS_COL and s.error:
            return one_line(error_text(s.error), 300)
        if col == NAME_COL:
            return self.tr("engine run id {uid} · {kind}").format(
                uid=one_line(s.uid, 80), kind=kind_text(s.kind)
            )
        if col == 6 and s.device:
            return one_line(s.device, 200)
        return COLUMNS[col].shown_tip

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].shown_title
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].shown_tip or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() not in EDITABLE:
            return False
        updated = self._edit(self._rows[index.row()], index.column(), str(value))
        if updated is None:
            return False
        self.replace(updated)
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._rows[i.row()].id if i.isValid() else None for i in old]
        self._rows = self._sorted(self._rows)
        where = {s.id: r for r, s in enumerate(self._rows)}
        new = [
            self.index(where[run_id], i.column()) if run_id in where else QModelIndex()
            for run_id, i in zip(ids, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    # -- rows ------------------------------------------------------------------------------
    def _sorted(self, rows: Iterable[RunSummary]) -> list[RunSummary]:
        column, order = self._sort
        key = COLUMNS[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        known, unknown = [], []
        for s in rows:
            (unknown if key(s) is None else known).append(s)
        known.sort(key=lambda s: (key(s), s.id), reverse=descending)
        unknown.sort(key=lambda s: s.id, reverse=descending)
        return known + unknown

    def set_rows(self, rows: Sequence[RunSummary]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(rows)
        self.endResetModel()

    def replace(self, summary: RunSummary) -> None:
        row = self.row_of(summary.id)
        if row is None:
            return
        self._rows[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def summary(self, row: int) -> RunSummary:
        return self._rows[row]

    def row_of(self, run_id: int) -> int | None:
        return next((r for r, s in enumerate(self._rows) if s.id == run_id), None)

    @property
    def rows(self) -> list[RunSummary]:
        return list(self._rows)


# --------------------------------------------------------------------------- helpers


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """A Yes/No question in plain text (the text may hold names from the store)."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes





def _smooth(y: np.ndarray) -> np.ndarray:
    """A centred moving average over about 4 % of the points (no lag, unlike the live
    view's running average), stepping over missing (NaN) values."""
    n = len(y)
    half = max(1, n // 50)
    valid = np.isfinite(y)
    sums = np.concatenate(([0.0], np.cumsum(np.where(valid, y, 0.0))))
    counts = np.concatenate(([0], np.cumsum(valid)))
    i = np.arange(n)
    lo, hi = np.clip(i - half, 0, n), np.clip(i + half + 1, 0, n)
    count = counts[hi] - counts[lo]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, (sums[hi] - sums[lo]) / count, np.nan)


def _column(values: Sequence[Any] | None) -> np.ndarray:
    return np.array([math.nan if v is None else v for v in values or ()], dtype=float)


def epoch_steps(rec: RunRecord, epochs: Sequence[int], batches: dict[str, list]) -> np.ndarray:
    """The step at which each epoch ended: epoch x steps per epoch when the run said,
    else the last stored batch point of that epoch, else the epoch number."""
    spe = rec.info.get("steps_per_epoch") if isinstance(rec.info, dict) else None
    if isinstance(spe, int | float) and spe > 0:
        return np.array([e * spe for e in epochs], dtype=float)
    last: dict[int, float] = {}
    for step, epoch in zip(batches.get("step") or (), batches.get("epoch") or (), strict=False):
        if step is not None and epoch is not None:
            last[int(epoch)] = max(last.get(int(epoch), 0.0), float(step))
    return np.array([last.get(e, float(e)) for e in epochs], dtype=float)


# --------------------------------------------------------------------------- the detail pane


class QtRunPlots(QWidget):
    """A stored run's loss, accuracy and throughput per batch and per epoch, side by side;
    :attr:`epoch_table` (shown on a tab of its own) lists its epochs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        step_fmt = lambda x: f"{x:,.0f}"  # noqa: E731
        self.note = plain_label("", object_name="placeholder", wrap=True)
        step = self.tr("step")
        self.loss = QtPlotPanel(self.tr("Loss"), step, self.tr("loss"), x_fmt=step_fmt)
        self.accuracy = QtPlotPanel(
            self.tr("Accuracy"), step, self.tr("accuracy"), x_fmt=step_fmt, legend="bottom-right"
        )
        self.throughput = QtPlotPanel(
            self.tr("Throughput"), step, self.tr("samples/s"), x_fmt=step_fmt
        )
        for panel, fmt in ((self.loss, None), (self.accuracy, lambda v: pct(v, 1))):
            panel.add_curve("batch", "batch", TRAIN_RAW, width=1, fmt=fmt, legend=False)
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
        self.throughput.add_curve("batch", self.tr("epoch so far"), THROUGHPUT, width=1)
        self.throughput.add_curve(
            "epoch",
            self.tr("epoch average"),
            THROUGHPUT,
            width=1,
            symbol="o",
            style=Qt.PenStyle.DashLine,
        )
        self.epoch_table = QTableWidget(0, len(EPOCH_HEADERS))
        self.epoch_table.setObjectName("historyEpochTable")
        self.epoch_table.setHorizontalHeaderLabels([self.tr(h) for h in EPOCH_HEADERS])
        self.epoch_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.epoch_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.epoch_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.epoch_table.verticalHeader().setDefaultSectionSize(22)
        self.epoch_table.setAlternatingRowColors(True)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for panel in self.panels:
            row.addWidget(panel, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addLayout(row, 1)
        self.note.hide()

    @property
    def panels(self) -> tuple[QtPlotPanel, ...]:
        return (self.loss, self.accuracy, self.throughput)

    def clear(self) -> None:
        for panel in self.panels:
            panel.clear_data()
        self.epoch_table.setRowCount(0)

    def show_record(self, rec: RunRecord) -> None:
        self.clear()
        b = rec.batches or {}
        step = _column(b.get("step"))
        if len(step):
            for panel, key in ((self.loss, "loss"), (self.accuracy, "accuracy")):
                y = _column(b.get(key))
                panel.set_data("batch", step, y)
                panel.set_data("batch_smooth", step, _smooth(y))
            self.throughput.set_data("batch", step, _column(b.get("samples_per_s")))
        epochs = [e for e in rec.epochs if isinstance(e, dict)]
        numbers = [int(e.get("epoch", i + 1)) for i, e in enumerate(epochs)]
        if epochs:
            x = epoch_steps(rec, numbers, b)

            def col(key: str) -> np.ndarray:
                return _column([e.get(key) for e in epochs])

            self.loss.set_data("epoch_train", x, col("train_loss"))
            self.loss.set_data("epoch_dev", x, col("dev_loss"))
            self.accuracy.set_data("epoch_train", x, col("train_accuracy"))
            self.accuracy.set_data("epoch_dev", x, col("dev_accuracy"))
            self.throughput.set_data("epoch", x, col("samples_per_s"))
        self.accuracy.plot_item.setYRange(0, 1, padding=0.02)
        for panel in self.panels:
            panel.plot_item.enableAutoRange(axis="x")
        self._fill_table(numbers, epochs)
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

    def _fill_table(self, numbers: list[int], epochs: list[dict[str, Any]]) -> None:
        table = self.epoch_table
        table.setRowCount(len(epochs))
        table.setVerticalHeaderLabels([str(n) for n in numbers])

        def num(v: Any, digits: int = 4) -> str:
            return fmt_number(v, digits) if isinstance(v, int | float) else "–"

        for row, e in enumerate(epochs):
            texts = (
                num(e.get("train_loss")),
                pct(e.get("train_accuracy"), 1),
                num(e.get("dev_loss")),
                pct(e.get("dev_accuracy"), 1),
                num(e.get("samples_per_s"), 3),
                fmt_duration(e.get("seconds")),
            )
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, c, item)


def _key_value_table(name: str, headers: tuple[str, str]) -> QTableWidget:
    table = QTableWidget(0, 2)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    table.verticalHeader().setDefaultSectionSize(22)
    return table


def _fill_pairs(table: QTableWidget, rows: Sequence[tuple[str, str]]) -> None:
    table.setRowCount(len(rows))
    for r, (k, v) in enumerate(rows):
        table.setItem(r, 0, QTableWidgetItem(k))
        cell = QTableWidgetItem(v)
        cell.setToolTip(plain_tip(v) if len(v) > 40 else "")
        table.setItem(r, 1, cell)


# The environment facts on the Details tab, in this order (labels: engine.reports.compare's).
ENV_FACTS = (
    "gpus",
    "driver_version",
    "cuda_driver_version",
    "tensorflow",
    "keras",
    "cpu_model",
    "cpu_logical_cores",
    "ram_total_gib",
    "os",
    "python",
)


def record_rows(rec: RunRecord) -> list[tuple[str, str]]:
    """The Details tab: what ran, where, and how it ended."""

    def label(text: str) -> str:
        return QCoreApplication.translate("QtHistoryView", text)

    s = rec.summary
    rows = [
        (
            label(QT_TRANSLATE_NOOP("QtHistoryView", "Run")),
            f"{s.id} ({one_line(s.name) or default_name(s)})",
        ),
        (label(QT_TRANSLATE_NOOP("QtHistoryView", "Engine run id")), one_line(s.uid)),
        (label(QT_TRANSLATE_NOOP("QtHistoryView", "Kind")), kind_text(s.kind)),
        (label(QT_TRANSLATE_NOOP("QtHistoryView", "Status")), status_text(s.status)),
    ]
    if s.error:
        rows.append(
            (label(QT_TRANSLATE_NOOP("QtHistoryView", "Error")), one_line(error_text(s.error), 400))
        )
    rows += [
        (label(QT_TRANSLATE_NOOP("QtHistoryView", "Started")), when(s.started_at)),
        (label(QT_TRANSLATE_NOOP("QtHistoryView", "Ended")), when(s.ended_at)),
        (label(QT_TRANSLATE_NOOP("QtHistoryView", "Wall time")), fmt_duration(s.wall_seconds)),
        (
            label(QT_TRANSLATE_NOOP("QtHistoryView", "Training time")),
            fmt_duration(s.train_seconds),
        ),
        (label(QT_TRANSLATE_NOOP("QtHistoryView", "Steps")), f"{s.steps:,}"),
        (label(QT_TRANSLATE_NOOP("QtHistoryView", "Samples seen")), f"{s.samples_seen:,}"),
        (
            label(QT_TRANSLATE_NOOP("QtHistoryView", "Device")),
            one_line(device_text(s.device or "–")),
        ),
        (label(QT_TRANSLATE_NOOP("QtHistoryView", "Tags")), ", ".join(s.tags) or "–"),
    ]
    info = rec.info if isinstance(rec.info, dict) else {}
    model = info.get("model") if isinstance(info.get("model"), dict) else {}
    if model.get("parameters") is not None:
        rows.append(
            (
                label(QT_TRANSLATE_NOOP("QtHistoryView", "Model parameters")),
                f"{model['parameters']:,}",
            )
        )
    data = info.get("dataset") if isinstance(info.get("dataset"), dict) else {}
    if data.get("source"):
        rows.append(
            (
                label(QT_TRANSLATE_NOOP("QtHistoryView", "Data")),
                one_line(source_text(str(data["source"]))),
            )
        )
    sizes = data.get("sizes") if isinstance(data.get("sizes"), dict) else {}
    if sizes:
        images = " / ".join(f"{_named(SPLIT_NAMES, str(k))} {v:,}" for k, v in sizes.items())
        rows.append((label(QT_TRANSLATE_NOOP("QtHistoryView", "Images")), images))
    config = QCoreApplication.translate("QtHistoryView", "config: {key}")
    for key, value in sorted((rec.config or {}).items()):
        rows.append((config.format(key=one_line(key, 60)), one_line(value)))
    env = rec.environment if isinstance(rec.environment, dict) else {}
    facts = env.get("facts") if isinstance(env.get("facts"), dict) else {}
    for key in ENV_FACTS:
        if key in facts:
            rows.append((fact_label(key), fact_text(key, facts[key])))
    return rows


def card_rows(card: dict[str, Any]) -> list[tuple[str, str]]:
    rows = []
    for item in score_items(card):
        value = (
            QCoreApplication.translate("QtHistoryView", "not available")
            if item.value is None
            else f"{fmt_number(item.value, 4)} {one_line(unit_text(item.unit), 30)}".strip()
        )
        rows.append((one_line(pretty_name(item.name), 80), value))
    return rows


# --------------------------------------------------------------------------- the view


class QtHistoryView(QWidget):
    """Filters, the run table, actions, and the opened run's plots, report and card."""

    logged = Signal(str, str)  # (level, message) for the window's log
    cards_changed = Signal()  # cards were imported or deleted (the Compare tab reloads)
    run_opened = Signal(int)

    def __init__(self, store: Store | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._all: list[RunSummary] = []
        self._stale = True
        self._sized = False  # columns fitted to the text of the first rows loaded
        self.opened: RunRecord | None = None
        self.load_seconds: float | None = None  # the last refresh(), for bench/history_bench.py

        # -- filters -------------------------------------------------------------------
        self.search = QLineEdit()
        self.search.setObjectName("historySearch")
        self.search.setPlaceholderText(self.tr("Search name, model or dataset"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.apply_filters)
        self.dataset_filter = self._combo(self.tr("All datasets"))
        self.device_filter = self._combo(self.tr("All devices"))
        self.status_filter = self._combo(self.tr("Any status"))
        for status in STATUSES:
            self.status_filter.addItem(status_text(status), status)
        self.tag_filter = self._combo(self.tr("Any tag"))
        self.count_label = plain_label("", object_name="plotReadout")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the store again (python -m engine runs list)"))
        self.refresh_button.clicked.connect(self.refresh)

        # -- table ---------------------------------------------------------------------
        self.model = RunTableModel(self._on_edit)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        for i, c in enumerate(COLUMNS):
            self.table.setColumnWidth(i, c.width)
        header.setStretchLastSection(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # newest first
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self._open_timer = QTimer(self)
        self._open_timer.setSingleShot(True)
        self._open_timer.setInterval(OPEN_DELAY_MS)
        self._open_timer.timeout.connect(self._on_open_timer)

        # -- actions -------------------------------------------------------------------
        self.rename_button = self._button(
            self.tr("Rename…"), "runs rename ID NAME", self._on_rename
        )
        self.tags_button = self._button(self.tr("Tags…"), "runs tag ID TAG…", self._on_tags)
        self.export_button = self._button(
            self.tr("Export card…"), "runs export ID FILE", self._on_export_clicked
        )
        self.delete_button = self._button(
            self.tr("Delete…"), "runs delete ID", self._on_delete_clicked
        )
        self.import_button = self._button(
            self.tr("Import cards…"), "import FILE…", self._on_import_clicked
        )
        self.message = plain_label("", object_name="historyMessage", wrap=True)
        self.message.hide()

        # -- detail --------------------------------------------------------------------
        self.title = plain_label(
            self.tr("Select a run to see its curves, test report and score card."),
            object_name="summary",
            wrap=True,
        )
        # The plots, report and card widgets are built when the first run is opened: the
        # tab itself (and the window's start-up) only pays for the list.
        self.plots: QtRunPlots
        self.device_plots: QtRunDevicePlots
        self.evaluation: QtEvaluationView
        self.card_title: QLabel
        self.card_table: QTableWidget
        self.card_box: QWidget
        self.details_table: QTableWidget
        self.detail_tabs: QTabWidget | None = None

        # -- layout --------------------------------------------------------------------
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.search, 2)
        for combo in (self.dataset_filter, self.device_filter, self.status_filter):
            filters.addWidget(combo, 1)
        filters.addWidget(self.tag_filter, 1)
        filters.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        actions.setSpacing(6)
        for b in (self.rename_button, self.tags_button, self.export_button, self.delete_button):
            actions.addWidget(b)
        actions.addWidget(self.count_label, 1, Qt.AlignmentFlag.AlignCenter)
        actions.addWidget(self.import_button)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(6, 6, 6, 0)
        tl.setSpacing(4)
        tl.addLayout(filters)
        tl.addWidget(self.table, 1)
        tl.addLayout(actions)
        tl.addWidget(self.message)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(6, 0, 6, 0)
        bl.setSpacing(2)
        bl.addWidget(self.title)
        bl.addStretch(1)
        self._detail_layout = bl
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(top)
        self.split.addWidget(bottom)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        self.split.setSizes([300, 330])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.split, 1)
        self._update_buttons()

    def _combo(self, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.currentIndexChanged.connect(self.apply_filters)
        return combo

    def _button(self, text: str, command: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(self._shell_tip(command))
        button.clicked.connect(slot)
        return button

    def _shell_tip(self, command: str) -> str:
        return self.tr("The same from a shell: python -m engine {command}").format(command=command)

    # -- store -------------------------------------------------------------------------
    def store(self) -> Store:
        """The store, opened on first use (the default one under $SUANLI_HOME)."""
        if self._store is None:
            self._store = Store()
        return self._store

    def _problem(self, what: str, exc: BaseException) -> None:
        text = self.tr("{what}: {error}").format(
            what=what, error=one_line(str(exc) or type(exc).__name__, 300)
        )
        self.show_message(text, "warning")

    def show_message(self, text: str, level: str = "info") -> None:
        """One line under the table (and in the window's log)."""
        color = {"warning": "#b45309", "error": "#b91c1c"}.get(level, "#374151")
        self.message.setStyleSheet(f"color: {color};")
        self.message.setText(text)
        self.message.show()
        self.logged.emit(level, text)

    # -- loading -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def mark_stale(self, *_: Any) -> None:
        """The store changed (a run finished): reload now if shown, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def current_filter(self) -> RunFilter:
        return RunFilter(
            status=self.status_filter.currentData(),
            dataset=self.dataset_filter.currentData(),
            device=self.device_filter.currentData(),
            tag=self.tag_filter.currentData(),
            text=self.search.text().strip() or None,
        )

    def refresh(self) -> bool:
        """Read the run list (summaries only) and fill the filters and the table."""
        t0 = time.perf_counter()
        try:
            store = self.store()
            self._all = store.list_runs()
            tags = store.all_tags()
        except STORE_ERRORS as exc:
            self._problem(self.tr("The results store cannot be read"), exc)
            return False
        self._stale = False
        self._fill_combo(self.dataset_filter, sorted({s.dataset for s in self._all if s.dataset}))
        devices = sorted({s.device for s in self._all if s.device})
        self._fill_combo(self.device_filter, devices, short_device)
        self._fill_combo(self.tag_filter, tags)
        ok = self.apply_filters()
        self.load_seconds = time.perf_counter() - t0
        return ok

    def _fill_combo(
        self, combo: QComboBox, values: list[str], label: Callable[[str], str] = one_line
    ) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for v in values:
                combo.addItem(label(v), v)
                combo.setItemData(
                    combo.count() - 1, plain_tip(one_line(v)), Qt.ItemDataRole.ToolTipRole
                )
            index = combo.findData(current) if current is not None else 0
            if index < 0:  # the value is gone from the store: add it back, still chosen
                combo.addItem(label(current), current)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
        finally:
            combo.blockSignals(False)

    def apply_filters(self) -> bool:
        """Show the runs that pass the filters (one store query when any is set)."""
        self._search_timer.stop()
        f = self.current_filter()
        if f == RunFilter():
            runs = self._all
        else:
            try:
                runs = self.store().list_runs(f)
            except STORE_ERRORS as exc:
                self._problem(self.tr("The results store cannot be read"), exc)
                return False
        self._set_rows(runs)
        return True

    def _set_rows(self, runs: list[RunSummary]) -> None:
        keep = self.selected_id()
        self.model.set_rows(runs)
        if runs and not self._sized:
            self._size_columns()
        total = len(self._all)
        shown = len(runs)
        if shown != total:
            count = self.tr("{shown} of {total} runs").format(
                shown=f"{shown:,}", total=f"{total:,}"
            )
        elif total == 1:
            count = self.tr("{count} run").format(count=f"{total:,}")
        else:
            count = self.tr("{count} runs").format(count=f"{total:,}")
        self.count_label.setText(count)
        if keep is not None and self.model.row_of(keep) is not None:
            self.select_run(keep)
            summary = self.model.summary(self.model.row_of(keep) or 0)
            if self.opened is not None and self.opened.summary != summary:
                self.open_run(keep)  # it changed since it was opened (it was running)
        elif keep is not None:
            self._clear_detail()
        self._update_buttons()

    def _size_columns(self) -> None:
        """Fit the columns to the header and the first rows' text, once (not to every row:
        with thousands of runs that would cost more than the query)."""
        self._sized = True
        header = self.table.horizontalHeader()
        head_fm = header.fontMetrics()
        fm = self.table.fontMetrics()
        rows = self.model.rows[:RESIZE_ROWS]
        for i, c in enumerate(COLUMNS):
            width = head_fm.horizontalAdvance(c.shown_title) + 28  # room for the sort arrow
            for s in rows:
                width = max(width, fm.horizontalAdvance(c.text(s)) + 14)
            self.table.setColumnWidth(i, min(width, c.width))

    # -- selection and opening ----------------------------------------------------------
    def selected_id(self) -> int | None:
        s = self.selected_summary()
        return None if s is None else s.id

    def selected_summary(self) -> RunSummary | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.summary(index.row())

    def select_run(self, run_id: int) -> bool:
        row = self.model.row_of(run_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        if current.isValid():
            self._open_timer.start()

    def _on_open_timer(self) -> None:
        s = self.selected_summary()
        if s is not None and (self.opened is None or self.opened.summary != s):
            self.open_run(s.id)

    def open_run(self, run_id: int) -> RunRecord | None:
        """Read one run with its series and show it below the list."""
        self._open_timer.stop()
        try:
            rec = self.store().get_run(run_id, series=True)
        except STORE_ERRORS as exc:
            self._problem(self.tr("Run {run} cannot be read").format(run=run_id), exc)
            return None
        self.opened = rec
        self._show_record(rec)
        self.run_opened.emit(run_id)
        return rec

    def _build_detail(self) -> QTabWidget:
        """The plots, device timelines, report, card and details tabs (once, when the first run is opened)."""
        if self.detail_tabs is not None:
            return self.detail_tabs
        self.plots = QtRunPlots()
        self.device_plots = QtRunDevicePlots()
        self.evaluation = QtEvaluationView()
        self.evaluation.gallery.parentWidget().hide()  # test images are not kept in the store
        self.card_title = plain_label("", object_name="plotTitle", wrap=True)
        self.card_table = _key_value_table(
            "historyCardTable", (self.tr("Measured"), self.tr("Value"))
        )
        self.card_box = QWidget()
        cl = QVBoxLayout(self.card_box)
        cl.setContentsMargins(6, 4, 6, 4)
        cl.addWidget(self.card_title)
        cl.addWidget(self.card_table, 1)
        self.details_table = _key_value_table("historyDetails", ("", ""))
        self.details_table.horizontalHeader().hide()
        tabs = QTabWidget()
        tabs.setObjectName("historyDetailTabs")
        tabs.addTab(self.plots, self.tr("Curves"))
        tabs.addTab(self.plots.epoch_table, self.tr("Epochs"))
        tabs.addTab(self.device_plots, self.tr("Device"))
        tabs.addTab(self.evaluation, self.tr("Test report"))
        tabs.addTab(self.card_box, self.tr("Score card"))
        tabs.addTab(self.details_table, self.tr("Details"))
        layout = self._detail_layout
        layout.takeAt(layout.count() - 1)  # the stretch that kept the title at the top
        layout.addWidget(tabs, 1)
        self.detail_tabs = tabs
        return tabs

    def _clear_detail(self) -> None:
        self.opened = None
        self.title.setText(self.tr("Select a run to see its curves, test report and score card."))
        if self.detail_tabs is None:
            return
        self.plots.clear()
        self.device_plots.clear()
        self.evaluation.clear(self.tr("Select a run to see its test report."))
        self.card_title.setText("")
        self.card_table.setRowCount(0)
        self.details_table.setRowCount(0)

    def _show_record(self, rec: RunRecord) -> None:
        tabs = self._build_detail()
        s = rec.summary
        what = (
            self.tr("{model} on {dataset}").format(model=s.model or "?", dataset=s.dataset)
            if s.dataset
            else s.model or "?"
        )
        self.title.setText(
            self.tr("Run {run} · {name} · {what} · {status} · started {started}").format(
                run=s.id,
                name=one_line(s.name, 80) or default_name(s),
                what=one_line(what, 80),
                status=status_text(s.status),
                started=when(s.started_at),
            )
        )
        self.plots.show_record(rec)
        self.device_plots.show_record(rec)
        self._show_evaluation(rec)
        self._show_card(rec)
        _fill_pairs(self.details_table, record_rows(rec))
        if s.kind == "bench" and tabs.currentWidget() is not self.details_table:
            tabs.setCurrentWidget(self.card_box)  # a card, no curves or report

    def _show_evaluation(self, rec: RunRecord) -> None:
        result = rec.result if isinstance(rec.result, dict) else {}
        test = result.get("test") if isinstance(result.get("test"), dict) else None
        if not test and rec.report and rec.confusion_matrix:
            test = {
                "accuracy": rec.summary.test_accuracy or 0.0,
                "report": rec.report,
                "confusion_matrix": rec.confusion_matrix,
            }
        if not test or "report" not in test or "confusion_matrix" not in test:
            why = (
                self.tr("A benchmark has no test report; its figures are on the Score card tab.")
                if rec.summary.kind == "bench"
                else self.tr(
                    "This run {status} before its test evaluation, so there is no test report."
                ).format(status=status_text(rec.summary.status))
            )
            self.evaluation.clear(why)
            return
        shown = SimpleNamespace(
            test={"samples": 0, **test},
            info=rec.info or {},
            config=rec.config or {},
            epochs=rec.epochs,
            misclassified=[],
            misclassified_images=None,
        )
        try:
            self.evaluation.show_result(shown)
        except (KeyError, TypeError, ValueError) as exc:  # a report from an older Suanli
            self.evaluation.clear(
                self.tr("The stored test report cannot be shown ({error}).").format(error=exc)
            )

    def _show_card(self, rec: RunRecord) -> None:
        if not rec.card:
            self.card_title.setText(
                self.tr("This run has no score card (score cards come from benchmark runs).")
            )
            self.card_table.setRowCount(0)
            return
        card = rec.card
        score = card.get("suanli_score")
        score_text = (
            fmt_number(score, 4) if isinstance(score, int | float) else self.tr("not available")
        )
        self.card_title.setText(
            self.tr(
                "Score card card:{card} · Suanli score {score} · suite {suite} · created {created}"
            ).format(
                card=rec.card_id,
                score=score_text,
                suite=one_line(card.get("suite_version", "?"), 20),
                created=one_line(card.get("created_utc", "?"), 30),
            )
        )
        _fill_pairs(self.card_table, card_rows(card))

    # -- actions -------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        s = self.selected_summary()
        for b in (self.rename_button, self.tags_button):
            b.setEnabled(s is not None)
        self.export_button.setEnabled(s is not None and s.has_card)
        running = s is not None and s.status == "running"
        self.delete_button.setEnabled(s is not None and not running)
        self.delete_button.setToolTip(
            self.tr("A running run cannot be deleted; stop it first")
            if running
            else self._shell_tip("runs delete ID")
        )

    def _on_edit(self, s: RunSummary, column: int, text: str) -> RunSummary | None:
        if column == NAME_COL:
            return self.rename_run(s.id, text)
        return self.set_tags(s.id, split_tags(text))

    def _updated(self, run_id: int) -> RunSummary | None:
        summary = self.store().get_summary(run_id)
        self.model.replace(summary)
        self._all = [summary if s.id == run_id else s for s in self._all]
        if self.opened is not None and self.opened.id == run_id:
            self.opened.summary = summary
            self._show_record(self.opened)
        self._update_buttons()
        return summary

    def rename_run(self, run_id: int, name: str) -> RunSummary | None:
        """``python -m engine runs rename ID NAME``."""
        try:
            self.store().rename_run(run_id, name)
            return self._updated(run_id)
        except STORE_ERRORS as exc:
            self._problem(self.tr("Run {run} was not renamed").format(run=run_id), exc)
            return None

    def set_tags(self, run_id: int, tags: Iterable[str]) -> RunSummary | None:
        """``python -m engine runs tag ID TAG…`` (and ``--remove``): the run's tags become
        ``tags``."""
        try:
            self.store().set_tags(run_id, list(tags))
            summary = self._updated(run_id)
            self._fill_combo(self.tag_filter, self.store().all_tags())
            return summary
        except STORE_ERRORS as exc:
            self._problem(self.tr("The tags of run {run} were not changed").format(run=run_id), exc)
            return None

    def delete_run(self, run_id: int, *, ask: bool = True) -> bool:
        """``python -m engine runs delete ID``: the run, its series, report and card, and
        its checkpoint folder. Asks first (plain-text question) unless ``ask`` is False."""
        try:
            s = self.store().get_summary(run_id)
        except STORE_ERRORS as exc:
            self._problem(self.tr("Run {run} was not deleted").format(run=run_id), exc)
            return False
        if ask and not confirm(
            self,
            self.tr("Delete run?"),
            self.tr(
                "Delete run {run} ({name}, {model} on {dataset}, started {started})?\n\n"
                "Its metrics, test report, score card and checkpoints are removed. This cannot "
                "be undone."
            ).format(
                run=s.id,
                name=one_line(s.name, 80) or default_name(s),
                model=one_line(s.model or "?", 40),
                dataset=one_line(s.dataset or "?", 40),
                started=when(s.started_at),
            ),
        ):
            return False
        try:
            self.store().delete_run(run_id)
        except STORE_ERRORS as exc:
            self._problem(self.tr("Run {run} was not deleted").format(run=run_id), exc)
            return False
        from engine.training.checkpoint import remove_run_folder

        removed = remove_run_folder(s.uid)
        if self.opened is not None and self.opened.id == run_id:
            self._clear_detail()
        self.show_message(
            self.tr("Run {run} deleted with its checkpoints.").format(run=run_id)
            if removed
            else self.tr("Run {run} deleted.").format(run=run_id)
        )
        self.refresh()
        if s.has_card:
            self.cards_changed.emit()
        return True

    def export_card(self, run_id: int, path: str | Path) -> Path | None:
        """``python -m engine runs export ID FILE``."""
        try:
            out = export_run_card(self.store(), run_id, path)
        except STORE_ERRORS as exc:
            self._problem(self.tr("The score card was not exported"), exc)
            return None
        self.show_message(
            self.tr("Run {run}'s score card exported to {path}.").format(
                run=run_id, path=one_line(str(out), 200)
            )
        )
        return out

    def import_cards(self, paths: Iterable[str | Path]) -> list[ImportResult]:
        """``python -m engine import FILE…``: each file checked strictly; a rejected file
        gets a one-line reason and nothing of it is stored."""
        results: list[ImportResult] = []
        try:
            store = self.store()
            for path in paths:
                results.append(import_card_file(store, path))
        except STORE_ERRORS as exc:
            self._problem(self.tr("Score cards were not imported"), exc)
        if not results:
            return results
        for r in results if len(results) > 1 else ():
            self.logged.emit("info" if r.ok else "warning", r.message)
        level, text = import_summary(results)
        self.show_message(text, level)
        if any(r.status == "imported" for r in results):
            self.cards_changed.emit()
        return results

    def _on_rename(self) -> None:
        s = self.selected_summary()
        if s is None:
            return
        name, ok = QInputDialog.getText(
            self,
            self.tr("Rename run"),
            self.tr("A name for run {run}:").format(run=s.id),
            QLineEdit.EchoMode.Normal,
            s.name,
        )
        if ok:
            self.rename_run(s.id, name)

    def _on_tags(self) -> None:
        s = self.selected_summary()
        if s is None:
            return
        text, ok = QInputDialog.getText(
            self,
            self.tr("Tags"),
            self.tr("Tags of run {run}, separated by commas:").format(run=s.id),
            QLineEdit.EchoMode.Normal,
            ", ".join(s.tags),
        )
        if ok:
            self.set_tags(s.id, split_tags(text))

    def _on_delete_clicked(self) -> None:
        s = self.selected_summary()
        if s is not None:
            self.delete_run(s.id)

    def _on_export_clicked(self) -> None:
        s = self.selected_summary()
        if s is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export score card"),
            f"suanli-card-run{s.id}.json",
            self.tr("Score cards (*.json)"),
        )
        if path:
            self.export_card(s.id, path)

    def _on_import_clicked(self) -> None:
        paths = ask_import_paths(self)
        if paths:
            self.import_cards(paths)
