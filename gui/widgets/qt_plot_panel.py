"""One titled pyqtgraph plot with a hover read-out and a "Save PNG" button.

Curves are created once (:meth:`QtPlotPanel.add_curve`) and fed with
:meth:`QtPlotPanel.set_data` from the window's redraw timer. Every plot clips to the view
and downsamples with the peak method, antialiasing off (pyqtgraph ``PlotSpeedTest``).
"""

from __future__ import annotations

import math
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from gui.theme import fmt_number, on_restyle, plain_label, plot_colors
from gui.widgets.file_dialogs import save_file_name
from gui.widgets.plot_png import legend_entries, plot_png_image

_configured = False
_panels: weakref.WeakSet[QtPlotPanel] = weakref.WeakSet()


def configure_pyqtgraph() -> None:
    """Global pyqtgraph options: the palette's background and text colours (light or
    dark), no antialiasing; a new colour scheme recolours every plot panel."""
    global _configured
    colors = plot_colors()
    pg.setConfigOptions(
        antialias=False,
        background=colors["background"],
        foreground=colors["foreground"],
        exitCleanup=False,
    )
    if not _configured:
        on_restyle(_restyle_panels)
        _configured = True


def _restyle_panels() -> None:
    configure_pyqtgraph()
    for panel in list(_panels):
        if shiboken6.isValid(panel.plot_widget):  # a closed window's panel may outlive its C++
            panel.apply_colors()


def nice_ceiling(x: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 5, 7.5 x 10^k that is >= x (x > 0)."""
    if x <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(x))
    for m in (1, 1.5, 2, 3, 5, 7.5, 10):
        if m * exp >= x * (1 - 1e-12):
            return m * exp
    return 10 * exp


class _PlotWidget(pg.PlotWidget):
    """A PlotWidget that counts the CPU time the GUI thread spends painting it."""

    painted_seconds = 0.0  # all plots together, since the process started

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        t0 = time.thread_time()
        super().paintEvent(event)
        _PlotWidget.painted_seconds += time.thread_time() - t0


def paint_seconds() -> float:
    """CPU seconds the GUI thread has spent painting plots (for the window's redraw budget)."""
    return _PlotWidget.painted_seconds


@dataclass
class _Curve:
    item: pg.PlotDataItem
    name: str
    fmt: Callable[[float], str]
    hover: bool
    x: np.ndarray
    y: np.ndarray


class QtPlotPanel(QWidget):
    """A plot with a title, a one-line hover read-out and a PNG export button."""

    def __init__(
        self,
        title: str,
        x_label: str = "",
        y_label: str = "",
        *,
        x_name: str = "",
        x_fmt: Callable[[float], str] | None = None,
        legend: bool | str = True,
        hover_fn: Callable[[float, float], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        configure_pyqtgraph()
        self.setObjectName("plotPanel")
        self.title = title
        self._x_name = x_name or x_label or "x"
        self._x_fmt = x_fmt or (lambda x: fmt_number(x))
        self._curves: dict[str, _Curve] = {}
        self._hover_fn = hover_fn

        self.title_label = plain_label(title, object_name="plotTitle")
        self.readout = plain_label("", object_name="plotReadout")
        self.readout.setMinimumWidth(10)
        self.readout.setWordWrap(True)  # a long read-out wraps beside the Save button, never cut
        self.save_button = QToolButton(text=self.tr("Save PNG…"))
        self.save_button.setObjectName("savePng")
        self.save_button.setToolTip(self.tr("Save this plot as a PNG image"))
        self.save_button.setAutoRaise(True)
        self.save_button.clicked.connect(self._on_save_clicked)

        self.plot_widget = _PlotWidget()
        self.plot_widget.setMinimumHeight(140)
        self.plot_item: pg.PlotItem = self.plot_widget.getPlotItem()
        pi = self.plot_item
        pi.setClipToView(True)
        pi.setDownsampling(auto=True, mode="peak")
        # No grid: a grid makes the axes span the data area, so every data update would
        # repaint (and re-lay-out) both axes -- most of the cost of a live redraw.
        pi.setMenuEnabled(True)
        pi.hideButtons()
        self._labels = {"bottom": x_label, "left": y_label}
        for side in ("left", "bottom"):
            # plain tick values: an SI scale in the axis title ("loss (x0.001)" over 600)
            # reads as a different number
            pi.getAxis(side).enableAutoSIPrefix(False)
        # legend: True/"top-right" or "bottom-right" (where the data leaves room), or False
        offset = (-8, -8) if legend == "bottom-right" else (-8, 8)
        self.legend = pi.addLegend(offset=offset) if legend else None
        self._cursor = pg.InfiniteLine(angle=90, movable=False)
        self.apply_colors()
        _panels.add(self)
        self._cursor.setVisible(False)
        self._cursor.setZValue(-10)
        pi.addItem(self._cursor, ignoreBounds=True)
        self._x_limit = 0.0  # right edge of the x range while it follows the data
        self._x_follow = True
        pi.vb.sigRangeChangedManually.connect(self._on_range_changed_manually)
        self._hover_proxy = pg.SignalProxy(
            self.plot_widget.scene().sigMouseMoved, rateLimit=30, slot=self._on_mouse_moved
        )

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(8)
        header.addWidget(self.title_label)
        header.addWidget(self.readout, 1)
        header.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.plot_widget, 1)

    # -- curves ---------------------------------------------------------------------------

    def apply_colors(self) -> None:
        """Background, axes, labels, legend and cursor in the current palette's colours."""
        colors = plot_colors()
        self.plot_widget.setBackground(colors["background"])
        pi = self.plot_item
        for side, label in self._labels.items():
            pi.getAxis(side).setTextPen(colors["muted"])
            pi.getAxis(side).setPen(colors["axis"])
            if label:
                pi.setLabel(side, label, color=colors["muted"])
        if self.legend is not None:
            self.legend.setLabelTextColor(colors["foreground"])
            legend_bg = pg.mkColor(colors["legend"])
            legend_bg.setAlpha(200)
            self.legend.setBrush(pg.mkBrush(legend_bg))
        self._cursor.setPen(pg.mkPen(colors["muted"]))

    def add_curve(
        self,
        key: str,
        name: str,
        color,
        *,
        width: float = 1,
        symbol: str | None = None,
        style: Qt.PenStyle = Qt.PenStyle.SolidLine,
        fmt: Callable[[float], str] | None = None,
        hover: bool = True,
        legend: bool = True,
    ) -> pg.PlotDataItem:
        pen = pg.mkPen(color=color, width=width, style=style)
        kwargs = {}
        if symbol:
            kwargs = {
                "symbol": symbol,
                "symbolSize": 7,
                "symbolBrush": color,
                "symbolPen": pg.mkPen("w"),
            }
        item = pg.PlotDataItem(pen=pen, name=name if legend else None, connect="finite", **kwargs)
        self.plot_item.addItem(item)
        empty = np.empty(0)
        self._curves[key] = _Curve(item, name, fmt or fmt_number, hover, empty, empty)
        return item

    def set_data(self, key: str, x: np.ndarray, y: np.ndarray) -> None:
        c = self._curves[key]
        c.x, c.y = x, y
        c.item.setData(x, y)

    def curve(self, key: str) -> pg.PlotDataItem:
        return self._curves[key].item

    def point_count(self, key: str) -> int:
        return len(self._curves[key].x)

    def clear_data(self) -> None:
        for key in self._curves:
            self.set_data(key, np.empty(0), np.empty(0))
        self.readout.setText("")
        self._x_limit = 0.0
        self._x_follow = True
        self.plot_item.enableAutoRange()

    def follow_x(self, x_last: float, x_first: float = 0.0) -> None:
        """Keep ``[x_first, x_last]`` in view, widening the x range in steps of about 25 %.

        Live data grows by a few points per redraw; moving the x range every time would
        re-tick and repaint the axis on every frame. After the user pans or zooms, the
        view is theirs until the data is cleared.
        """
        if not self._x_follow or not math.isfinite(x_last) or x_last <= self._x_limit:
            return
        self._x_limit = nice_ceiling(x_first + 1.25 * (x_last - x_first))
        self.plot_item.vb.setXRange(x_first, self._x_limit, padding=0.02)

    def fit_x(self) -> None:
        """Fit the x range to the data now (at the end of a run), unless the user zoomed."""
        if self._x_follow:
            self.plot_item.enableAutoRange(axis="x")

    def _on_range_changed_manually(self, *_) -> None:
        self._x_follow = False

    # -- hover ----------------------------------------------------------------------------
    def readout_at(self, x: float) -> str:
        """'step 120 · loss 0.231 · smoothed 0.245': each hover curve's value nearest ``x``."""
        parts = []
        shown_x = None
        for c in self._curves.values():
            if not c.hover or not len(c.x):
                continue
            i = int(np.clip(np.searchsorted(c.x, x), 0, len(c.x) - 1))
            if i > 0 and abs(c.x[i - 1] - x) <= abs(c.x[i] - x):
                i -= 1
            value = float(c.y[i])
            if shown_x is None:
                shown_x = float(c.x[i])
            parts.append(f"{c.name} {c.fmt(value) if math.isfinite(value) else '–'}")
        if not parts:
            return ""
        return f"{self._x_name} {self._x_fmt(shown_x)} · " + " · ".join(parts)

    def _on_mouse_moved(self, event) -> None:
        pos: QPointF = event[0]
        vb = self.plot_item.vb
        if not self.plot_item.sceneBoundingRect().contains(pos):
            self._cursor.setVisible(False)
            return
        point = vb.mapSceneToView(pos)
        if self._hover_fn is not None:
            self.readout.setText(self._hover_fn(point.x(), point.y()))
            return
        self._cursor.setPos(point.x())
        self._cursor.setVisible(True)
        self.readout.setText(self.readout_at(point.x()))

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._cursor.setVisible(False)
        super().leaveEvent(event)

    # -- export ---------------------------------------------------------------------------
    def png_image(self) -> QImage:
        """The plot at twice its screen size, titled, its legend below the data."""
        entries = legend_entries(self.plot_item) if self.legend is not None else []
        return plot_png_image(self.plot_widget, self.title, entries, self.legend)

    def save_png(self, path: str | Path) -> bool:
        """Save the plot as a PNG image (:meth:`png_image`); True on success."""
        return self.png_image().save(str(path), "PNG")

    def _on_save_clicked(self) -> None:
        name = "".join(ch if ch.isalnum() else "-" for ch in self.title.lower()).strip("-")
        path, _ = save_file_name(
            self,
            self.tr("Save {title} as PNG").format(title=self.title),
            f"{name}.png",
            self.tr("PNG image (*.png)"),
        )
        if path:
            if not path.lower().endswith(".png"):
                path += ".png"
            self.save_png(path)
