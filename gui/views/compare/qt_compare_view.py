"""The Compare tab: score cards side by side (``python -m engine compare card:N …``).

Tick the cards to compare -- this machine's benchmark runs and cards imported from
others -- and pick the baseline. The table lists every sub-score with each card's value
and its ratio to the baseline (green where it is better, red where worse, whichever way
"better" points for that figure); the chart draws the same ratios as grouped bars, one
group per sub-score, since the units differ; the environment table lists GPU, driver,
TensorFlow and CPU, with the facts that differ in bold on amber. The comparison itself is
:func:`engine.reports.compare.compare`, the same as the CLI's. Every text from a card is plain.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.cards.card import CardError, card_from_dict
from engine.cards.card_file import ImportResult
from engine.reports.compare import (
    CompareItem,
    Comparison,
    compare,
    fact_label,
    item_from_card,
    unit_text,
)
from engine.store.cards import import_card_file
from engine.store.records import CardRow, RunNotFound, StoreError
from engine.store.store import Store
from gui import help_texts
from gui.formatting import fact_text, one_line, plain_tip, when
from gui.score_names import pretty_name, short_name
from gui.theme import MUTED, SERIES, fmt_number, plain_label
from gui.widgets.card_import import ask_import_paths, import_summary
from gui.widgets.qt_plot_panel import QtPlotPanel

STORE_ERRORS = (StoreError, sqlite3.Error, OSError, ValueError)
CARD_HEADERS = (
    "",
    QT_TRANSLATE_NOOP("QtCompareView", "Card"),
    QT_TRANSLATE_NOOP("QtCompareView", "Machine"),
    QT_TRANSLATE_NOOP("QtCompareView", "Score"),
    QT_TRANSLATE_NOOP("QtCompareView", "From"),
    QT_TRANSLATE_NOOP("QtCompareView", "Added"),
)
BETTER = "#15803d"
WORSE = "#b91c1c"
DIFFERS_BG = "#fef3c7"
DIFFERS_FG = "#92400e"
SAME_WITHIN = 0.01  # a ratio within 1 % of 1 is "the same": no colour
ALWAYS_FACTS = ("gpus", "driver_version", "cuda_driver_version", "tensorflow", "cpu_model")


def not_available() -> str:
    """'n/a' in the current language: a value a card does not have."""
    return QCoreApplication.translate("QtCompareView", "n/a")


def ratio_text(ratio: float | None) -> str:
    """'1.25× (+25 %)', '0.97× (-3.0 %)'; 'n/a' when either value is missing."""
    if ratio is None or not math.isfinite(ratio):
        return not_available()
    change = 100 * (ratio - 1)
    return (
        f"{ratio:.2f}× ({change:+.1f} %)" if abs(change) < 10 else f"{ratio:.2f}× ({change:+.0f} %)"
    )


STEPS_125 = (1.0, 2.0, 5.0)


def ticks_125(lo: float, hi: float) -> list[float]:
    """The 1-2-5 values in ``[lo, hi]``; only the powers of ten when that is too many."""
    out = [
        m * 10.0**e
        for e in range(math.floor(math.log10(lo)) - 1, math.ceil(math.log10(hi)) + 1)
        for m in STEPS_125
        if lo * 0.999999 <= m * 10.0**e <= hi * 1.000001
    ]
    if len(out) > 7:
        out = [v for v in out if abs(math.log10(v) - round(math.log10(v))) < 1e-9]
    return out


def axis_range(ratios: Iterable[float]) -> tuple[float, float]:
    """A 1-2-5 range around the ratios and 1 (the baseline), with a little room."""
    vals = [r for r in ratios if r > 0 and math.isfinite(r)] + [1.0]
    lo, hi = min(vals) / 1.15, max(vals) * 1.15
    down = [m * 10**e for e in range(math.floor(math.log10(lo)) - 1, 1) for m in STEPS_125]
    up = [m * 10**e for e in range(0, math.ceil(math.log10(hi)) + 1) for m in STEPS_125]
    return max(v for v in down if v <= lo), min(v for v in up if v >= hi)


_BATCHED = re.compile(r"^(inference|latency)_b(\d+)_(samples_per_s|p50_ms|p99_ms)$")
_BATCHED_SHORT = {
    "samples_per_s": QT_TRANSLATE_NOOP("QtCompareView", "Inference, batch {b}"),
    "p50_ms": QT_TRANSLATE_NOOP("QtCompareView", "Latency b{b}, median"),
    "p99_ms": QT_TRANSLATE_NOOP("QtCompareView", "Latency b{b}, p99"),
}


def chart_label(name: str) -> str:
    """A short sub-score label (the full name is in the table's tooltip)."""
    m = _BATCHED.match(name)
    if m:
        template = QCoreApplication.translate("QtCompareView", _BATCHED_SHORT[m.group(3)])
        return template.format(b=m.group(2))
    label = CHART_LABELS.get(name)
    text = QCoreApplication.translate("QtCompareView", label) if label else short_name(name)
    return text if len(text) <= 22 else text[:21] + "…"


CHART_LABELS = {
    "peak_tflops": QT_TRANSLATE_NOOP("QtCompareView", "Peak compute"),
    "trace_seconds": QT_TRANSLATE_NOOP("QtCompareView", "Graph tracing"),
    "warmup_seconds": QT_TRANSLATE_NOOP("QtCompareView", "Warm-up"),
    "train_samples_per_s": QT_TRANSLATE_NOOP("QtCompareView", "Training speed"),
    "train_tflops": QT_TRANSLATE_NOOP("QtCompareView", "Training compute"),
    "train_efficiency_percent": QT_TRANSLATE_NOOP("QtCompareView", "Share of peak"),
    "train_samples_per_j": QT_TRANSLATE_NOOP("QtCompareView", "Training energy eff."),
    "input_wait_percent": QT_TRANSLATE_NOOP("QtCompareView", "Input wait"),
    "inference_samples_per_s": QT_TRANSLATE_NOOP("QtCompareView", "Inference speed"),
    "inference_tflops": QT_TRANSLATE_NOOP("QtCompareView", "Inference compute"),
    "inference_samples_per_j": QT_TRANSLATE_NOOP("QtCompareView", "Inference energy eff."),
    "time_to_accuracy_s": QT_TRANSLATE_NOOP("QtCompareView", "Time to accuracy"),
    "ai_suanli": QT_TRANSLATE_NOOP("QtCompareView", "AI suanli"),
    "ai_suanli_per_sample": QT_TRANSLATE_NOOP("QtCompareView", "AI suanli / sample"),
    "suanli_score": QT_TRANSLATE_NOOP("QtCompareView", "Suanli score"),
}


def verdict(ratio: float | None, higher_is_better: bool) -> int:
    """+1 better than the baseline, -1 worse, 0 the same (or unknown)."""
    if ratio is None or not math.isfinite(ratio) or abs(ratio - 1) <= SAME_WITHIN:
        return 0
    better = ratio > 1 if higher_is_better else ratio < 1
    return 1 if better else -1


class QtCompareView(QWidget):
    """Card chooser, sub-score table with ratios, grouped bar chart, environment table."""

    logged = Signal(str, str)
    cards_changed = Signal()

    def __init__(self, store: Store | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._stale = True
        self._cards: dict[int, tuple[CardRow, dict[str, Any]]] = {}  # loaded documents
        self._rows: list[CardRow] = []
        self._run_names: dict[int, str] = {}
        self.comparison: Comparison | None = None
        self.compared_ids: list[int] = []

        # -- choosing ------------------------------------------------------------------
        self.card_table = QTableWidget(0, len(CARD_HEADERS))
        self.card_table.setObjectName("compareCards")
        self.card_table.setHorizontalHeaderLabels([self.tr(h) if h else h for h in CARD_HEADERS])
        self.card_table.verticalHeader().setVisible(False)
        self.card_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.card_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.card_table.setAlternatingRowColors(True)
        self.card_table.setWordWrap(False)
        self.card_table.verticalHeader().setDefaultSectionSize(22)
        h = self.card_table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.card_table.itemChanged.connect(self._on_item_changed)
        self.baseline = QComboBox()
        self.baseline.setObjectName("compareBaseline")
        self.baseline.setToolTip(self.tr("Ratios and bars are relative to this card"))
        self.baseline.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.baseline.currentIndexChanged.connect(self._on_baseline_changed)
        self.import_button = QPushButton(self.tr("Import cards…"))
        self.import_button.setToolTip(
            self.tr("The same from a shell: python -m engine import FILE…")
        )
        self.import_button.clicked.connect(self._on_import_clicked)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(
            self.tr("Read the stored cards again (python -m engine cards list)")
        )
        self.refresh_button.clicked.connect(self.refresh)
        self.hint = plain_label("", object_name="plotReadout", wrap=True)

        # -- results -------------------------------------------------------------------
        self.table = QTableWidget(0, 0)
        self.table.setObjectName("compareTable")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.viewport().installEventFilter(self)  # resized: room to spare to the names
        self.chart = QtPlotPanel(
            self.tr("Relative to the baseline"),
            self.tr("× baseline (log scale)"),
            "",
            legend=False,
            hover_fn=self._readout,
        )
        pi = self.chart.plot_item
        pi.setMouseEnabled(x=False, y=False)
        pi.invertY(True)
        pi.showGrid(x=True, y=False, alpha=0.15)
        pi.getAxis("bottom").enableAutoSIPrefix(False)  # ticks are log10 positions
        pi.getAxis("bottom").setStyle(hideOverlappingLabels=False)  # "10×" at the end too
        self._one = pg.InfiniteLine(pos=0.0, angle=90, pen=pg.mkPen("#374151", width=1))
        pi.addItem(self._one, ignoreBounds=True)
        # The key is Qt labels, not pyqtgraph's legend (which draws its text as HTML).
        self.legend = QWidget()
        self.legend.setObjectName("compareLegend")
        self._legend_layout = QGridLayout(self.legend)
        self._legend_layout.setContentsMargins(12, 0, 6, 2)
        self._legend_layout.setHorizontalSpacing(6)
        self._legend_layout.setVerticalSpacing(0)
        self._legend_layout.setColumnStretch(1, 1)
        self.legend_labels: list[QLabel] = []
        self._bars: list[pg.BarGraphItem] = []
        self._groups: list[dict[str, Any]] = []
        self.env_table = QTableWidget(0, 0)
        self.env_table.setObjectName("compareEnvironment")
        self.env_table.verticalHeader().setVisible(False)
        self.env_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.env_table.setWordWrap(False)
        self.env_table.verticalHeader().setDefaultSectionSize(22)
        self.notes = plain_label("", object_name="notice", wrap=True)
        self.notes.hide()

        # -- layout --------------------------------------------------------------------
        choose_head = QHBoxLayout()
        choose_head.addWidget(plain_label(self.tr("Score cards"), object_name="plotTitle"))
        choose_head.addWidget(self.hint, 1)
        choose_head.addWidget(plain_label(self.tr("Baseline:")))
        choose_head.addWidget(self.baseline)
        choose_head.addWidget(self.refresh_button)
        choose_head.addWidget(self.import_button)
        choose = QWidget()
        chl = QVBoxLayout(choose)
        chl.setContentsMargins(6, 6, 6, 0)
        chl.setSpacing(4)
        chl.addLayout(choose_head)
        chl.addWidget(self.card_table, 1)
        table_box = QWidget()
        tl = QVBoxLayout(table_box)
        tl.setContentsMargins(6, 4, 6, 4)
        tl.addWidget(plain_label(self.tr("Sub-scores"), object_name="plotTitle"))
        tl.addWidget(self.table, 1)
        chart_box = QWidget()
        cbl = QVBoxLayout(chart_box)
        cbl.setContentsMargins(0, 0, 0, 0)
        cbl.setSpacing(0)
        cbl.addWidget(self.chart, 1)
        cbl.addWidget(self.legend)
        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(table_box)
        middle.addWidget(chart_box)
        middle.setStretchFactor(0, 3)
        middle.setStretchFactor(1, 2)
        middle.setSizes([520, 380])
        env_box = QWidget()
        el = QVBoxLayout(env_box)
        el.setContentsMargins(6, 4, 6, 4)
        el.setSpacing(2)
        el.addWidget(
            plain_label(self.tr("Environment (differences in bold)"), object_name="plotTitle")
        )
        el.addWidget(self.env_table, 1)
        el.addWidget(self.notes)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(choose)
        self.split.addWidget(middle)
        self.split.addWidget(env_box)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 3)
        self.split.setStretchFactor(2, 1)
        self.split.setSizes([140, 310, 170])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.split, 1)
        self._show_comparison()

    # -- store -------------------------------------------------------------------------
    def store(self) -> Store:
        if self._store is None:
            self._store = Store()
        return self._store

    def _problem(self, what: str, exc: BaseException) -> None:
        text = self.tr("{what}: {error}").format(
            what=what, error=one_line(str(exc) or type(exc).__name__, 300)
        )
        self.hint.setText(text)
        self.logged.emit("warning", text)

    # -- loading -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def mark_stale(self, *_: Any) -> None:
        """Cards changed (a benchmark finished, cards were imported): reload when shown."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> bool:
        """Read the stored cards (ticks are kept by card id)."""
        checked = self.checked_ids()
        try:
            store = self.store()
            rows = store.list_cards()
            self._run_names = {}
            for row in rows:
                if row.run_id is not None:
                    try:
                        name = one_line(store.get_summary(row.run_id).name, 60)
                    except RunNotFound:  # deleted since the list was read
                        name = ""
                    self._run_names[row.run_id] = name or self.tr("benchmark")
        except STORE_ERRORS as exc:
            self._problem(self.tr("The stored score cards cannot be read"), exc)
            return False
        self._stale = False
        self._rows = rows
        self._cards = {k: v for k, v in self._cards.items() if any(r.id == k for r in rows)}
        self._fill_cards(checked)
        self._update()
        return True

    def _fill_cards(self, checked: Iterable[int]) -> None:
        keep = set(checked)
        table = self.card_table
        table.blockSignals(True)
        try:
            table.setRowCount(len(self._rows))
            for r, row in enumerate(self._rows):
                box = QTableWidgetItem()
                box.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                box.setCheckState(
                    Qt.CheckState.Checked if row.id in keep else Qt.CheckState.Unchecked
                )
                box.setData(Qt.ItemDataRole.UserRole, row.id)
                table.setItem(r, 0, box)
                origin = (
                    self.tr("run {run} · {name}").format(
                        run=row.run_id, name=self._run_names.get(row.run_id, "")
                    )
                    if row.run_id is not None
                    else self.tr("imported: {file}").format(
                        file=one_line(row.source_name or "?", 60)
                    )
                )
                texts = (
                    f"card:{row.id}",
                    one_line(row.label, 120) if row.label else self.tr("unknown machine"),
                    fmt_number(row.score, 4) if row.score is not None else "–",
                    origin,
                    when(row.added_at),
                )
                for c, text in enumerate(texts, start=1):
                    item = QTableWidgetItem(text)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    if c == 3:
                        item.setTextAlignment(
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                        )
                    table.setItem(r, c, item)
        finally:
            table.blockSignals(False)

    # -- choosing ------------------------------------------------------------------------
    def checked_ids(self) -> list[int]:
        """The ticked cards, in table order."""
        out = []
        for r in range(self.card_table.rowCount()):
            item = self.card_table.item(r, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_checked(self, card_ids: Iterable[int], baseline: int | None = None) -> None:
        """Tick exactly these cards (and make ``baseline`` the first); for tests and scripts."""
        want = set(card_ids)
        self.card_table.blockSignals(True)
        try:
            for r in range(self.card_table.rowCount()):
                item = self.card_table.item(r, 0)
                card_id = int(item.data(Qt.ItemDataRole.UserRole))
                item.setCheckState(
                    Qt.CheckState.Checked if card_id in want else Qt.CheckState.Unchecked
                )
        finally:
            self.card_table.blockSignals(False)
        self._update(baseline)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            self._update()

    def _on_baseline_changed(self, _index: int) -> None:
        if not self.baseline.signalsBlocked():
            self._update(self.baseline.currentData())

    def _update(self, baseline: int | None = None) -> None:
        """Rebuild the baseline choice and the comparison from the ticked cards."""
        ids = self.checked_ids()
        if baseline is None:
            baseline = self.baseline.currentData()
        if baseline not in ids:
            baseline = ids[0] if ids else None
        self.baseline.blockSignals(True)
        try:
            self.baseline.clear()
            for card_id in ids:
                self.baseline.addItem(f"card:{card_id}", card_id)
            if baseline is not None:
                self.baseline.setCurrentIndex(self.baseline.findData(baseline))
        finally:
            self.baseline.blockSignals(False)
        ordered = ([baseline] if baseline is not None else []) + [i for i in ids if i != baseline]
        items: list[CompareItem] = []
        for card_id in ordered:
            item = self._item(card_id)
            if item is not None:
                items.append(item)
        self.compared_ids = ordered[: len(items)]
        self.comparison = compare(items) if items else None
        self._show_comparison()

    def _item(self, card_id: int) -> CompareItem | None:
        if card_id not in self._cards:
            try:
                self._cards[card_id] = self.store().get_card(card_id)
            except STORE_ERRORS as exc:
                self._problem(self.tr("card:{card} cannot be read").format(card=card_id), exc)
                return None
        row, doc = self._cards[card_id]
        try:
            card = card_from_dict(doc)
        except CardError as exc:
            self._problem(self.tr("card:{card} cannot be compared").format(card=card_id), exc)
            return None
        return item_from_card(f"card:{card_id}", card)

    def _machine(self, card_id: int) -> str:
        row = next((r for r in self._rows if r.id == card_id), None)
        if row is not None and row.label:
            return one_line(row.label, 60)
        return self.tr("unknown machine")

    # -- showing -------------------------------------------------------------------------
    def _show_comparison(self) -> None:
        cmp = self.comparison
        n = len(cmp.items) if cmp is not None else 0
        if not self._rows:
            self.hint.setText(
                self.tr(
                    "No score cards yet: run a benchmark (Benchmark tab), or import cards "
                    "exported on other machines."
                )
            )
        elif n < 2:
            self.hint.setText(self.tr("Tick two or more cards to compare them."))
        else:
            self.hint.setText(
                self.tr("Comparing {count} cards; ratios are to [1], the baseline.").format(count=n)
            )
        self._fill_table(cmp)
        self._draw_bars(cmp)
        self._fill_environment(cmp)
        notes = cmp.shown_notes() if cmp is not None else []
        note = self.tr("Note: {note}")
        self.notes.setText("\n".join(note.format(note=one_line(t, 300)) for t in notes))
        self.notes.setVisible(bool(notes))

    def _header(self, k: int) -> str:
        return f"[{k + 1}] card:{self.compared_ids[k]}"

    def _key(self, k: int) -> str:
        return f"{self._header(k)} · {self._machine(self.compared_ids[k])}"

    def _fill_table(self, cmp: Comparison | None) -> None:
        table = self.table
        table.clear()
        if cmp is None:
            table.setRowCount(0)
            table.setColumnCount(0)
            return
        headers = [self.tr("Sub-score"), self.tr("Unit")]
        for k in range(len(cmp.items)):
            headers.append(self._header(k))
            if k:
                headers.append(self.tr("[{k}] vs [1]").format(k=k + 1))
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        for k in range(len(cmp.items)):  # the machine, where the header has no room
            column = 2 + (0 if k == 0 else 2 * k - 1)
            table.horizontalHeaderItem(column).setToolTip(plain_tip(self._key(k)))
        table.setRowCount(len(cmp.rows))
        bold = QFont(table.font())
        bold.setBold(True)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, row in enumerate(cmp.rows):
            hib = bool(row["higher_is_better"])
            name = one_line(chart_label(row["name"]), 80) + ("" if hib else " ↓")
            first = QTableWidgetItem(name)
            help_tip = help_texts.score_tooltip(str(row["name"]))
            first.setToolTip(
                plain_tip(
                    help_tip
                    or f"{one_line(pretty_name(row['name']), 80)} ({one_line(row['name'], 80)})"
                    + ("" if hib else self.tr(" · lower is better"))
                )
            )
            if row["name"] == "suanli_score":
                first.setFont(bold)
            table.setItem(r, 0, first)
            table.setItem(r, 1, QTableWidgetItem(one_line(unit_text(row["unit"]), 30)))
            c = 2
            for k, (value, ratio) in enumerate(zip(row["values"], row["ratios"], strict=True)):
                cell = QTableWidgetItem(not_available() if value is None else fmt_number(value, 4))
                cell.setTextAlignment(right)
                table.setItem(r, c, cell)
                c += 1
                if k:
                    rc = QTableWidgetItem(ratio_text(ratio))
                    rc.setTextAlignment(right)
                    v = verdict(ratio, hib)
                    if v:
                        rc.setForeground(QBrush(QColor(BETTER if v > 0 else WORSE)))
                        rc.setToolTip(
                            self.tr("better than [1]") if v > 0 else self.tr("worse than [1]")
                        )
                    table.setItem(r, c, rc)
                    c += 1
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Every column as wide as its text; room to spare goes to the sub-score names
        (a stretched column would be squeezed to nothing when there is none)."""
        table = self.table
        if not table.columnCount():
            return
        table.resizeColumnsToContents()
        used = sum(table.columnWidth(c) for c in range(table.columnCount()))
        slack = table.viewport().width() - used - 2
        if slack > 0:
            table.setColumnWidth(0, table.columnWidth(0) + slack)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _draw_bars(self, cmp: Comparison | None) -> None:
        """One group per sub-score the baseline has, one bar per card: its value / [1], on
        a log scale (ratios from 0.1× to 10× read alike), so [1]'s bars end on the 1× line."""
        pi = self.chart.plot_item
        for bars in self._bars:
            pi.removeItem(bars)
        self._bars = []
        self._groups = []
        self._fill_legend(cmp)
        if cmp is None or len(cmp.items) < 2:
            pi.getAxis("left").setTicks([[]])
            pi.getAxis("bottom").setTicks(None)
            return
        groups = [
            row
            for row in cmp.rows
            if row["values"][0] not in (None, 0)
            and any(r is not None and r > 0 for r in row["ratios"][1:])
        ]
        self._groups = groups
        if not groups:
            pi.getAxis("left").setTicks([[]])
            return
        n = len(cmp.items)
        height = 0.8 / n
        y0 = np.arange(len(groups), dtype=float) - 0.4 + height / 2
        ratios = np.array(
            [[g["ratios"][k] if g["ratios"][k] else np.nan for g in groups] for k in range(n)],
            dtype=float,
        )
        ratios[ratios <= 0] = np.nan
        lo, hi = axis_range(ratios[np.isfinite(ratios)].tolist())
        left = math.log10(lo)
        for k in range(n):
            ok = np.isfinite(ratios[k])
            if not ok.any():
                continue
            bars = pg.BarGraphItem(
                x0=left,
                y=y0[ok] + k * height,
                width=np.log10(ratios[k][ok]) - left,
                height=height * 0.9,
                pen=None,
                brush=SERIES[k % len(SERIES)],
            )
            pi.addItem(bars)
            self._bars.append(bars)
        ticks = [
            (float(i), chart_label(g["name"]) + ("" if g["higher_is_better"] else " ↓"))
            for i, g in enumerate(groups)
        ]
        pi.getAxis("left").setTicks([ticks])
        pi.getAxis("bottom").setTicks([[(math.log10(v), f"{v:g}×") for v in ticks_125(lo, hi)]])
        pi.setYRange(-0.6, len(groups) - 0.4, padding=0)
        pi.setXRange(left, math.log10(hi), padding=0.08)  # room for the end labels

    def _fill_legend(self, cmp: Comparison | None) -> None:
        while self._legend_layout.count():
            item = self._legend_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.legend_labels = []
        if cmp is None or len(cmp.items) < 2:
            return
        for k in range(len(cmp.items)):
            swatch = QLabel()
            swatch.setFixedSize(10, 10)
            swatch.setStyleSheet(f"background: {SERIES[k % len(SERIES)]};")
            label = plain_label(self._key(k), object_name="plotReadout")
            label.setToolTip(plain_tip(self._key(k)))
            label.setMinimumWidth(20)
            self._legend_layout.addWidget(swatch, k, 0)
            self._legend_layout.addWidget(label, k, 1)
            self.legend_labels.append(label)

    def _readout(self, x: float, y: float) -> str:
        i = int(round(y))
        if not 0 <= i < len(self._groups) or self.comparison is None:
            return ""
        g = self._groups[i]
        n = len(self.comparison.items)
        k = int((y - (i - 0.4)) // (0.8 / n))
        if not 0 <= k < n:
            return ""
        ratio = g["ratios"][k]
        value = g["values"][k]
        return self.tr("[{k}] {name}: {value} {unit} · {ratio} of [1]").format(
            k=k + 1,
            name=one_line(pretty_name(g["name"]), 60),
            value=not_available() if value is None else fmt_number(value, 4),
            unit=one_line(unit_text(g["unit"]), 20),
            ratio=ratio_text(ratio),
        )

    def _fill_environment(self, cmp: Comparison | None) -> None:
        table = self.env_table
        table.clear()
        if cmp is None:
            table.setRowCount(0)
            table.setColumnCount(0)
            return
        rows = [
            (e["fact"], fact_label(e["fact"]), e["values"], e["differs"]) for e in cmp.environment
        ]
        shown = {fact for fact, *_ in rows}
        for fact in ALWAYS_FACTS:  # the CPU too, even where every card has the same one
            if fact not in shown:
                values = [fact_text(fact, i.facts.get(fact)) for i in cmp.items]
                rows.append((fact, fact_label(fact), values, len(set(values)) > 1))
        order = {f: i for i, f in enumerate(ALWAYS_FACTS)}
        rows.sort(key=lambda r: order.get(r[0], len(order)))
        config = self.tr("config: {key}")
        for c in cmp.config:
            rows.append(("config", config.format(key=one_line(c["key"], 40)), c["values"], True))
        table.setColumnCount(1 + len(cmp.items))
        table.setHorizontalHeaderLabels(
            [self.tr("Fact")] + [self._key(k) for k in range(len(cmp.items))]
        )
        table.setRowCount(len(rows))
        bold = QFont(table.font())
        bold.setBold(True)
        bg = QBrush(QColor(DIFFERS_BG))
        fg = QBrush(QColor(DIFFERS_FG))
        for r, (_fact, label, values, differs) in enumerate(rows):
            cells = [one_line(label, 60)] + [one_line(v, 120) for v in values]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tip(text) if len(text) > 30 else "")
                if differs:
                    item.setFont(bold)
                    item.setBackground(bg)
                    item.setForeground(fg)
                    item.setToolTip(self.tr("differs between the cards"))
                elif c == 0:
                    item.setForeground(QBrush(QColor(MUTED)))
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

    def differing_facts(self) -> list[str]:
        """Labels of the environment rows shown as different (for tests)."""
        out = []
        for r in range(self.env_table.rowCount()):
            item = self.env_table.item(r, 0)
            if item is not None and item.font().bold():
                out.append(item.text())
        return out

    # -- importing -------------------------------------------------------------------------
    def import_cards(self, paths: Iterable[str | Path]) -> list[ImportResult]:
        """``python -m engine import FILE…``; the new cards appear in the list."""
        results: list[ImportResult] = []
        try:
            store = self.store()
            for path in paths:
                results.append(import_card_file(store, path))
        except STORE_ERRORS as exc:
            self._problem(self.tr("Score cards were not imported"), exc)
            return results
        if not results:
            return results
        for r in results if len(results) > 1 else ():
            self.logged.emit("info" if r.ok else "warning", r.message)
        level, text = import_summary(results)
        self.logged.emit(level, text)
        self.refresh()
        new = [r.card_id for r in results if r.status == "imported" and r.card_id is not None]
        if new:  # the cards just imported are ticked, next to whatever was ticked
            self.set_checked([*self.checked_ids(), *new])
        self.hint.setText(text)
        if any(r.status == "imported" for r in results):
            self.cards_changed.emit()
        return results

    def _on_import_clicked(self) -> None:
        paths = ask_import_paths(self)
        if paths:
            self.import_cards(paths)
