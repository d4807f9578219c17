"""The Compare tab's chart: each card's sub-scores relative to the baseline as grouped
horizontal bars on a log scale (one group per sub-score, since the units differ), with a
key of Qt labels below it. Its texts keep the view's translation context
(``QtCompareView``)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from engine.reports.compare import Comparison
from gui.formatting import plain_tip
from gui.theme import SERIES, plain_label
from gui.views.compare.comparison_rows import (
    BAR_SPAN,
    axis_range,
    bar_at,
    bar_groups,
    bar_ratios,
    bar_readout,
    bar_ticks,
    ticks_125,
)
from gui.widgets.qt_plot_panel import QtPlotPanel

ROW_GAP_PX = 6  # between two sub-scores' names on the left axis
CHART_FRAME_PX = 90  # the chart's title, bottom axis and margins


class QtRatioChart(QWidget):
    """Bars of value / [1] per card and sub-score; the key names the cards."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = QtPlotPanel(
            QCoreApplication.translate("QtCompareView", "Relative to the baseline"),
            QCoreApplication.translate("QtCompareView", "× baseline (log scale)"),
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
        self.bars: list[pg.BarGraphItem] = []
        self.groups: list[dict[str, Any]] = []
        self._cards = 0
        self._names: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # Each sub-score's name needs a text line of its own: with many (a suite has 27)
        # the chart grows taller than its pane and scrolls rather than piling them up.
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.chart)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.legend)

    def show_comparison(
        self, cmp: Comparison | None, keys: Sequence[str], names: Sequence[str] = ()
    ) -> None:
        """One group per sub-score the baseline has, one bar per card: its value / [1], on
        a log scale (ratios from 0.1× to 10× read alike), so [1]'s bars end on the 1× line.
        ``keys`` name the cards in the key, ``names`` in the readout (the baseline first)."""
        self._names = list(names)
        pi = self.chart.plot_item
        for bars in self.bars:
            pi.removeItem(bars)
        self.bars = []
        self.groups = []
        self._cards = 0
        self._fill_legend(cmp, keys)
        self.chart.setMinimumHeight(0)
        if cmp is None or len(cmp.items) < 2:
            pi.getAxis("left").setTicks([[]])
            pi.getAxis("bottom").setTicks(None)
            return
        groups = bar_groups(cmp)
        self.groups = groups
        if not groups:
            pi.getAxis("left").setTicks([[]])
            return
        n = self._cards = len(cmp.items)
        height = BAR_SPAN / n
        y0 = np.arange(len(groups), dtype=float) - BAR_SPAN / 2 + height / 2
        ratios = bar_ratios(groups, n)
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
            self.bars.append(bars)
        pi.getAxis("left").setTicks([bar_ticks(groups)])
        line = self.chart.fontMetrics().height()
        self.chart.setMinimumHeight(len(groups) * (line + ROW_GAP_PX) + CHART_FRAME_PX)
        pi.getAxis("bottom").setTicks([[(math.log10(v), f"{v:g}×") for v in ticks_125(lo, hi)]])
        pi.setYRange(-0.6, len(groups) - 0.4, padding=0)
        pi.setXRange(left, math.log10(hi), padding=0.08)  # room for the end labels

    def _fill_legend(self, cmp: Comparison | None, keys: Sequence[str]) -> None:
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
            label = plain_label(keys[k], object_name="plotReadout")
            label.setToolTip(plain_tip(keys[k]))
            label.setMinimumWidth(20)
            self._legend_layout.addWidget(swatch, k, 0)
            self._legend_layout.addWidget(label, k, 1)
            self.legend_labels.append(label)

    def _readout(self, x: float, y: float) -> str:
        at = bar_at(y, len(self.groups), self._cards) if self._cards else None
        return "" if at is None else bar_readout(self.groups[at[0]], at[1], self._names)
