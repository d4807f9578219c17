"""A scatter chart of the Compression tab: accuracy against one measured figure, one dot
per variant, named beside it, drawn on a :class:`~gui.widgets.qt_plot_panel.QtPlotPanel`."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QApplication

from gui.views.compression.lab_model import log_ticks
from gui.views.compression.variant_table import chart_name, pct_text, variant_color, variant_label
from gui.widgets.qt_plot_panel import QtPlotPanel


class VariantScatter:
    """Accuracy (y, %) against one measured figure (x) on a QtPlotPanel: one dot per
    variant, named beside it; the hover read-out gives the nearest dot's values.

    Names that would overlap (each other or another dot) are stacked into one column
    beside the right-most of their dots, top to bottom in the dots' order, each in its
    dot's colour. The layout is in pixels, so it is redone when the plot is resized.
    """

    HOVER_PX = 24  # a dot further from the mouse than this is not read out
    GAP_PX = 7  # between a dot's centre and its name
    DOT_PX = 11

    def __init__(
        self,
        panel: QtPlotPanel,
        key: str,
        x_words: str,
        x_fmt: Callable[[float], str],
        log_x: bool,
    ) -> None:
        self.panel = panel
        self.key = key
        self.x_words = x_words
        self.x_fmt = x_fmt
        self.log_x = log_x
        self.rows: list[dict[str, Any]] = []
        self._xy = np.empty((0, 2))
        self._range = ((0.0, 1.0), (0.0, 1.0))
        pi = panel.plot_item
        pi.setMouseEnabled(x=False, y=False)
        pi.getAxis("left").setStyle(hideOverlappingLabels=True)  # no half-cut top tick
        self.dots = pg.ScatterPlotItem(size=self.DOT_PX, pen=pg.mkPen("w", width=1))
        pi.addItem(self.dots)
        self.labels: list[pg.TextItem] = []
        pi.vb.sigResized.connect(self._place_labels)

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.rows = [r for r in rows if self._point(r) is not None]
        self._xy = np.array([self._point(r) for r in self.rows], dtype=float).reshape(-1, 2)
        self.dots.setData(
            pos=self._xy,
            brush=[pg.mkBrush(variant_color(str(r.get("variant")))) for r in self.rows],
        )
        if self.rows:
            self._range = (x0, x1), (y0, y1) = self._ranges()
            self.panel.plot_item.setXRange(x0, x1, padding=0)
            self.panel.plot_item.setYRange(y0, y1, padding=0)
            if self.log_x:
                self.panel.plot_item.getAxis("bottom").setTicks([log_ticks(x0, x1)])
        self._place_labels()

    def _place_labels(self, *_: Any) -> None:
        """Name every dot beside it: right, left, above, below or on a diagonal, the first
        place that covers no other dot or name and stays inside the plot (else the place
        that overlaps least)."""
        pi = self.panel.plot_item
        for label in self.labels:
            pi.removeItem(label)
        self.labels = []
        if not self.rows:
            return
        (x0, x1), (y0, y1) = self._range
        w, h = max(pi.vb.width(), 200.0), max(pi.vb.height(), 120.0)  # a guess until shown
        sx, sy = w / (x1 - x0), h / (y1 - y0)
        fm = QFontMetricsF(QApplication.font())
        th = fm.height()
        g = self.GAP_PX
        px = (self._xy[:, 0] - x0) * sx
        py = (y1 - self._xy[:, 1]) * sy  # pixels down the plot
        r = self.DOT_PX / 2
        taken = [(x - r, y - r, x + r, y + r) for x, y in zip(px, py, strict=True)]

        def overlap(a: tuple, b: tuple) -> float:
            dx = min(a[2], b[2]) - max(a[0], b[0])
            dy = min(a[3], b[3]) - max(a[1], b[1])
            return dx * dy if dx > 0 and dy > 0 else 0.0

        order = np.lexsort((px, py))  # top to bottom, then left to right
        for i in order:
            variant = str(self.rows[i].get("variant", "?"))
            name = chart_name(variant)
            tw, x, y = fm.horizontalAdvance(name), px[i], py[i]
            candidates = (  # (left, top) of the name's box
                (x + g, y - th / 2),  # right
                (x - g - tw, y - th / 2),  # left
                (x - tw / 2, y - r - th),  # above
                (x - tw / 2, y + r),  # below
                (x + g / 2, y - r - th),  # above right
                (x + g / 2, y + r),  # below right
                (x - g / 2 - tw, y - r - th),  # above left
                (x - g / 2 - tw, y + r),  # below left
            )
            best, best_cost = candidates[0], math.inf
            for left, top in candidates:
                box = (left - 2, top, left + tw + 2, top + th)  # 2 px apart at least
                outside = max(0.0, -box[0]) + max(0.0, box[2] - w)
                outside += max(0.0, -box[1]) + max(0.0, box[3] - h)
                cost = sum(overlap(box, t) for j, t in enumerate(taken) if j != i)
                cost += th * outside
                if cost < best_cost:
                    best, best_cost = (left, top), cost
                if cost == 0:
                    break
            left, top = best
            taken.append((left, top, left + tw, top + th))
            color = QColor(variant_color(variant)).darker(135)
            label = pg.TextItem(name, color=color, anchor=(0, 0.5))
            # the text item's own margin (4 px) is left of the text: start it that much early
            label.setPos(x0 + (left - 4) / sx, y1 - (top + th / 2) / sy)
            pi.addItem(label)
            self.labels.append(label)

    def _point(self, row: dict[str, Any]) -> tuple[float, float] | None:
        x, acc = row.get(self.key), row.get("test_accuracy")
        if not isinstance(x, int | float) or not isinstance(acc, int | float):
            return None
        x = x / 1000 if self.key.endswith("_bytes") else x
        if self.log_x:
            if x <= 0:
                return None
            x = math.log10(x)
        if not (math.isfinite(x) and math.isfinite(acc)):
            return None
        return float(x), 100.0 * float(acc)

    def _ranges(self) -> tuple[tuple[float, float], tuple[float, float]]:
        lo, hi = self._xy.min(axis=0), self._xy.max(axis=0)
        span = hi - lo
        xs = span[0] if span[0] > 0 else (0.3 if self.log_x else max(abs(hi[0]) * 0.2, 1.0))
        ys = span[1] if span[1] > 0 else 1.0
        # Room on the right for the names, a little around the dots elsewhere.
        return (lo[0] - 0.15 * xs, hi[0] + 0.3 * xs), (lo[1] - 0.15 * ys, hi[1] + 0.15 * ys)

    def readout(self, x: float, y: float) -> str:
        if not self.rows:
            return ""
        px, py = self.panel.plot_item.vb.viewPixelSize()
        if not (px > 0 and py > 0):
            return ""
        d = np.hypot((self._xy[:, 0] - x) / px, (self._xy[:, 1] - y) / py)
        i = int(np.argmin(d))
        if d[i] > self.HOVER_PX:
            return ""
        r = self.rows[i]
        return QCoreApplication.translate(
            "QtCompressionView", "{variant}: {accuracy} % · {what} {value}"
        ).format(
            variant=variant_label(r),
            accuracy=pct_text(r["test_accuracy"]),
            what=self.x_words,
            value=self.x_fmt(r[self.key]),
        )
