"""A plot as a PNG image made for sharing: twice the size it has on screen, its title
above and its legend below the data (never over a curve).

The plot's scene is drawn through a scaled painter, so lines and text are drawn at the
higher resolution rather than blown up from a screen grab.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

SCALE = 2.0
PAD = 8.0
INK = QColor("#1f2933")
LEGEND_INK = QColor("#374151")


@dataclass(frozen=True)
class LegendEntry:
    name: str
    pen: QPen
    symbol: QColor | None = None  # the marker's colour, for a curve drawn with markers


def legend_entries(plot_item: pg.PlotItem) -> list[LegendEntry]:
    """The named, visible curves of ``plot_item``, in the order they were added."""
    out = []
    for item in plot_item.listDataItems():
        name = item.name()
        if name and item.isVisible():
            brush = item.opts.get("symbolBrush") if item.opts.get("symbol") else None
            symbol = pg.mkBrush(brush).color() if brush is not None else None
            out.append(LegendEntry(str(name), pg.mkPen(item.opts.get("pen")), symbol))
    return out


def _legend_rows(entries: list[LegendEntry], fm: QFontMetricsF, width: float) -> list[list]:
    rows: list[list] = [[]]
    x = PAD
    for e in entries:
        w = 26 + fm.horizontalAdvance(e.name) + 16
        if rows[-1] and x + w > width - PAD:
            rows.append([])
            x = PAD
        rows[-1].append((x, e))
        x += w
    return rows if rows[0] else []


def plot_png_image(
    view: pg.GraphicsView,
    title: str,
    entries: list[LegendEntry],
    legend: pg.LegendItem | None = None,
    scale: float = SCALE,
) -> QImage:
    """``view`` (a pyqtgraph plot widget) at ``scale`` times its screen size, with
    ``title`` above and ``entries`` as a legend below; the in-plot ``legend`` is hidden
    while the image is drawn."""
    w, h = float(view.width()), float(view.height())
    title_font = QFont(view.font())
    title_font.setPointSizeF(max(title_font.pointSizeF(), 9.0) + 2)
    title_font.setBold(True)
    legend_font = QFont(view.font())
    title_h = QFontMetricsF(title_font).height() + 2 * PAD if title else 0.0
    fm = QFontMetricsF(legend_font)
    rows = _legend_rows(entries, fm, w)
    line_h = fm.height() + 4
    legend_h = len(rows) * line_h + PAD if rows else 0.0
    image = QImage(
        round(w * scale), round((title_h + h + legend_h) * scale), QImage.Format.Format_ARGB32
    )
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        if title:
            painter.setFont(title_font)
            painter.setPen(INK)
            painter.drawText(
                QRectF(PAD, 0, w - 2 * PAD, title_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                title,
            )
        shown = legend is not None and legend.isVisible()
        if shown:
            legend.setVisible(False)
        try:
            source = view.mapToScene(view.viewport().rect()).boundingRect()
            view.scene().render(painter, QRectF(0, title_h, w, h), source)
        finally:
            if shown:
                legend.setVisible(True)
        painter.setFont(legend_font)
        y = title_h + h + PAD / 2
        for row in rows:
            mid = y + line_h / 2
            for x, e in row:
                pen = QPen(e.pen)
                pen.setWidthF(max(pen.widthF(), 2.0))
                painter.setPen(pen)
                painter.drawLine(QPointF(x, mid), QPointF(x + 20, mid))
                if e.symbol is not None:
                    painter.setBrush(e.symbol)
                    painter.setPen(QPen(QColor("white")))
                    painter.drawEllipse(QPointF(x + 10, mid), 3.5, 3.5)
                painter.setPen(LEGEND_INK)
                painter.drawText(
                    QRectF(x + 26, y, w, line_h),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    e.name,
                )
            y += line_h
    finally:
        painter.end()
    return image
