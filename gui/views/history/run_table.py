"""The History tab's run list as a table model (no widgets): one row per stored run
summary (:class:`~engine.store.store.RunSummary`), its columns, their texts and sort keys.

Sorting happens in the model (every column, unknown values last); editing the name or tags
goes through the ``edit`` function the view gives the model (it writes the store).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from engine.i18n.formatting import fmt_duration
from engine.i18n.vocabulary import COMPRESSION_LAB, EPOCHS, TRAINING_THROUGHPUT
from engine.store.records import RunSummary
from gui.formatting import one_line, pct, plain_tip, when
from gui.i18n import EngineWord, translate
from gui.theme import MUTED, fmt_number
from gui.wording import error_text, status_word

Index = QModelIndex | QPersistentModelIndex
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
    "compress": EngineWord(COMPRESSION_LAB),
}


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


def named_text(names: dict[str, str], key: str | None) -> str:
    """``key`` in the current language when ``names`` has it, else as it is."""
    name = names.get(key or "")
    if name is None:
        return key or ""
    return translate("QtHistoryView", name)


def status_text(status: str | None) -> str:
    """A run's status as shown ('finished' -> '已完成' in zh_CN)."""
    return status_word(status or "")


def kind_text(kind: str | None) -> str:
    return named_text(KIND_NAMES, kind)


# --------------------------------------------------------------------------- the table


@dataclass(frozen=True)
class Column:
    title: str  # English, marked with QT_TRANSLATE_NOOP (or an EngineWord); translated where shown
    text: Callable[[RunSummary], str]
    key: Callable[[RunSummary], Any]  # sort value; None sorts last either way
    width: int  # the most it gets when fitted to its text
    right: bool = False
    tip: str = ""

    @property
    def shown_title(self) -> str:
        return translate("QtHistoryView", self.title)

    @property
    def shown_tip(self) -> str:
        return translate("QtHistoryView", self.tip) if self.tip else ""


def _epochs(s: RunSummary) -> str:
    """Done/planned for a training run; a benchmark or compression lab trains in stages
    (its epochs add up over them), so it shows only the epochs it trained."""
    if s.kind != "train":
        return f"{s.epochs_done}" if s.epochs_done else "–"
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
        EngineWord(EPOCHS),
        _epochs,
        lambda s: s.epochs_done,
        70,
        True,
        QT_TRANSLATE_NOOP("QtHistoryView", "Epochs done / planned"),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtHistoryView", "Val. acc."),
        lambda s: pct(s.dev_accuracy),
        lambda s: s.dev_accuracy,
        80,
        True,
        QT_TRANSLATE_NOOP(
            "QtHistoryView",
            "Validation accuracy after the last epoch: on the dev (validation) set, images "
            "held out from training to check progress",
        ),
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
        EngineWord(TRAINING_THROUGHPUT),
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
# The order the columns are shown in (by index in COLUMNS): what a person looks for first
# (name, status, score, test accuracy, tags), the details after.
SHOWN_ORDER = (0, 1, 3, 12, 9, 13, 2, 8, 10, 11, 7, 4, 5, 6)


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
