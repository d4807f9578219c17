"""The Benchmark tab: one button runs the quick suite and shows the score card.

The suite is ``engine.benchmark.suite.run_suite(quick=True, callbacks=..., control=...)``; it reports
progress through ``on_log`` and each sub-score through ``on_score``. When this build has
no ``engine.benchmark.suite``, the button says so instead of failing. The window owns the worker:
this view asks for a start/stop through signals and is told what happens.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.i18n import _
from engine.i18n.vocabulary import INTERVAL_95, SCORE_CARD, SUANLI_SCORE
from gui import help_texts
from gui.i18n import translator
from gui.score_names import CHART_UNIT, pretty_name, short_name, unit_text, value_text
from gui.theme import SERIES, fmt_number, plain_label
from gui.views.benchmark.headline import Headline, headline
from gui.widgets.qt_plot_panel import QtPlotPanel
from gui.widgets.qt_run_strip import QtRunStrip, RunStripParts
from gui.widgets.qt_score_panel import ScoreItem, score_items
from gui.wording import shipped_reference

CONTEXT = "QtBenchmarkView"  # of the module-level texts below
NOT_AVAILABLE = QT_TRANSLATE_NOOP(
    "QtBenchmarkView",
    "Benchmarking is not available in this build: the engine's benchmark suite "
    "(engine.benchmark.suite) is missing.",
)
_PROGRESS = re.compile(r"(\d+)\s*/\s*(\d+)")
HEADERS = (
    QT_TRANSLATE_NOOP("QtBenchmarkView", "Measured"),
    QT_TRANSLATE_NOOP("QtBenchmarkView", "Value"),
)

_tr = translator(CONTEXT)


def load_suite() -> tuple[Any, str | None]:
    """``(run_suite, None)``, or ``(None, why)`` when this build has no benchmark suite."""
    try:
        bench = importlib.import_module("engine.benchmark.suite")
    except ImportError:
        return None, _tr(NOT_AVAILABLE)
    run_suite = getattr(bench, "run_suite", None)
    if not callable(run_suite):
        return None, _tr(NOT_AVAILABLE)
    return run_suite, None


def intervals_of(card: Any) -> dict[str, tuple[float, float]]:
    """``{name: (low, high)}`` of a card's sub-scores (or of one sub-score as it comes)."""
    if not isinstance(card, dict):
        return {}
    subs = card.get("sub_scores") if "sub_scores" in card else [card]
    out = {}
    for sub in subs if isinstance(subs, list) else []:
        ci = sub.get("ci95") if isinstance(sub, dict) else None
        if isinstance(ci, list | tuple) and len(ci) == 2 and isinstance(sub.get("name"), str):
            out[sub["name"]] = (float(ci[0]), float(ci[1]))
    return out


class QtScoreHeadline(QFrame):
    """The tile at the top of the tab: the Suanli score, large, with its interval, what
    1000 means and whether anything else used the machine meanwhile."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreHeadline")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = plain_label(_(SUANLI_SCORE), object_name="plotTitle")
        self.score = plain_label("–", object_name="headlineScore")
        big = QFont(self.score.font())
        big.setPointSizeF(max(big.pointSizeF(), 9.0) * 2.6)
        big.setBold(True)
        self.score.setFont(big)
        self.interval = plain_label("", object_name="headlineInterval")
        self.reference = plain_label("", object_name="headlineReference", wrap=True)
        self.interference = plain_label("", object_name="headlineInterference", wrap=True)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.interval)
        text.addWidget(self.reference)
        text.addWidget(self.interference)
        left = QVBoxLayout()
        left.setSpacing(0)
        left.addWidget(self.title)
        left.addWidget(self.score)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addLayout(left)
        row.addSpacing(16)
        row.addLayout(text, 1)

    def show_headline(self, h: Headline) -> None:
        self.score.setText(h.score)
        self.interval.setText(h.interval)
        self.reference.setText(h.reference)
        self.interference.setText(h.interference)
        self.interference.setVisible(bool(h.interference))
        self.interference.setObjectName("notice" if h.disturbed else "headlineInterference")
        self.interference.style().unpolish(self.interference)
        self.interference.style().polish(self.interference)


class QtBenchmarkView(RunStripParts, QWidget):
    """Score headline, Run / Stop strip, score-card table and bar chart."""

    start_requested = Signal()
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = plain_label(
            self.tr(
                "Measures how fast this machine trains and runs the Suanli CNN with a short, fixed "
                "workload, and sums it up in a score card you can compare with other machines."
            ),
            wrap=True,
        )
        self.strip = QtRunStrip(
            self.tr("Benchmark this machine"),
            self.tr("Stop"),
            self.tr("Ready."),
            progress_max=1,
            status_name="benchStatus",
        )
        self.reference = shipped_reference()
        self.tile = QtScoreHeadline()
        self.tile.show_headline(headline(None, self.reference))
        self.strip.run_clicked.connect(self.start_requested)
        self.strip.stop_clicked.connect(self.stop_requested)

        self.table = QTableWidget(0, len(HEADERS) + 1)
        self.table.setObjectName("cardTable")
        self.table.setHorizontalHeaderLabels([*(_tr(h) for h in HEADERS), _(INTERVAL_95)])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        self.chart = QtPlotPanel(
            self.tr("Throughput"),
            unit_text(CHART_UNIT),
            "",
            legend=False,
            hover_fn=self._bar_readout,
        )
        self.chart.plot_item.setMouseEnabled(x=False, y=False)
        self.chart.plot_item.invertY(True)
        self.chart.plot_item.showGrid(x=True, y=False, alpha=0.15)
        self._bars: pg.BarGraphItem | None = None
        self._bar_labels: list[pg.TextItem] = []
        self._bar_items: list[ScoreItem] = []
        self.items: dict[str, ScoreItem] = {}
        self.intervals: dict[str, tuple[float, float]] = {}  # each figure's 95 % interval

        split = QSplitter(Qt.Orientation.Horizontal)
        table_box = QWidget()
        tl = QVBoxLayout(table_box)
        tl.setContentsMargins(6, 4, 6, 4)
        tl.addWidget(plain_label(_(SCORE_CARD), object_name="plotTitle"))
        tl.addWidget(self.table, 1)
        split.addWidget(table_box)
        split.addWidget(self.chart)
        # the table's names and intervals need more room than the bars (1024 px wide)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([600, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tile)
        layout.addWidget(intro)
        layout.addWidget(self.strip)
        layout.addWidget(split, 1)

    # -- told by the window ----------------------------------------------------------------
    def set_running(self, running: bool) -> None:
        self.strip.set_running(running)
        if running:
            self.strip.set_busy_bar()  # until a message says "i/n"
            self.items.clear()
            self.intervals.clear()
            self._rebuild()
        else:
            self.strip.set_fraction(1.0 if self.items else 0.0)

    def set_busy_elsewhere(self, busy: bool) -> None:
        """Another job holds the device: the button waits."""
        self.strip.set_busy_elsewhere(busy)

    def show_stopping(self, text: str) -> None:
        """Stop was asked for (``text``: what the window says meanwhile)."""
        self.strip.show_stopping(text)

    def show_unavailable(self, why: str | None = None) -> None:
        self.strip.set_status(why or _tr(NOT_AVAILABLE))

    def show_progress(self, message: str) -> None:
        self.strip.set_status(message)
        m = _PROGRESS.search(message)
        if m and int(m.group(2)) > 0:
            self.strip.set_steps(int(m.group(1)), int(m.group(2)))

    def add_scores(self, card: Any) -> None:
        for item in score_items(card):
            self.items[item.name] = item
        self.intervals.update(intervals_of(card))
        self._rebuild()

    def show_finished(self, card: Any, error: str | None, stopped: bool) -> None:
        if card is not None:
            self.add_scores(card)
            if isinstance(card, dict) and "schema" in card:
                self.tile.show_headline(headline(card, self.reference))
        if error:
            self.status.setText(self.tr("The benchmark failed: {error}").format(error=error))
        elif stopped:
            self.status.setText(
                self.tr("The benchmark was stopped; the card shows what was measured.")
            )
        else:
            self.status.setText(
                self.tr("Done: {figures} figures measured.").format(figures=len(self.items))
            )

    # -- drawing -----------------------------------------------------------------------------
    def _rebuild(self) -> None:
        items = list(self.items.values())
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            value = value_text(item.value, item.unit)
            ci = self.intervals.get(item.name)
            span = "" if ci is None else f"{fmt_number(ci[0], 4)} – {fmt_number(ci[1], 4)}"
            for col, text in enumerate((pretty_name(item.name), value, span)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(help_texts.score_tooltip(item.name) or item.name)
                if col:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, cell)
        self._draw_bars(
            [i for i in items if i.unit == CHART_UNIT and i.value is not None and i.value > 0]
        )

    def _draw_bars(self, items: list[ScoreItem]) -> None:
        """Horizontal bars of the figures that share one unit (samples/s), so they compare."""
        pi = self.chart.plot_item
        if self._bars is not None:
            pi.removeItem(self._bars)
            self._bars = None
        for label in self._bar_labels:
            pi.removeItem(label)
        self._bar_labels = []
        self._bar_items = items
        if not items:
            return
        y = np.arange(len(items), dtype=float)
        widths = np.array([i.value for i in items], dtype=float)
        self._bars = pg.BarGraphItem(
            x0=0,
            y=y,
            width=widths,
            height=0.6,
            pen=None,
            brushes=[SERIES[k % len(SERIES)] for k in range(len(items))],
        )
        pi.addItem(self._bars)
        for k, item in enumerate(items):
            label = pg.TextItem(f" {fmt_number(item.value)}", color="#1f2937", anchor=(0, 0.5))
            label.setPos(float(widths[k]), float(k))
            pi.addItem(label)
            self._bar_labels.append(label)
        pi.getAxis("left").setTicks([[(k, short_name(i.name)) for k, i in enumerate(items)]])
        pi.setYRange(-0.6, len(items) - 0.4, padding=0)
        pi.setXRange(0, float(widths.max()) * 1.6, padding=0)  # room for the value labels

    def _bar_readout(self, _x: float, y: float) -> str:
        k = int(round(y))
        if 0 <= k < len(self._bar_items):
            i = self._bar_items[k]
            return self.tr("{name}: {value}").format(
                name=pretty_name(i.name), value=value_text(i.value, i.unit)
            )
        return ""
