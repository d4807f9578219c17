"""Colours, the style sheet, the icon, and small widget helpers shared by every view.

Everything here is cheap to import (QtWidgets only): the window paints before pyqtgraph
is imported.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from engine.paths import resource_path

STYLE_SHEET = resource_path("suanli.qss")  # found in the source tree and in the frozen app
ICON = resource_path("suanli.svg")

# One colour per meaning, used the same way in every plot.
TRAIN = "#1f77b4"  # blue: training
TRAIN_RAW = (31, 119, 180, 70)  # faint blue: raw per-batch values
DEV = "#ff7f0e"  # orange: dev (held-out) set
THROUGHPUT = "#2ca02c"  # green: samples/s
WARN = "#d62728"  # red: throttling, errors
SERIES = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf")
MUTED = "#6b7280"


def apply_style(app: QApplication) -> None:
    """Fusion style, the Suanli style sheet and icon (silently skipped when missing)."""
    app.setStyle("Fusion")
    if STYLE_SHEET.is_file():
        app.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8"))
    if ICON.is_file():
        app.setWindowIcon(QIcon(str(ICON)))


def plain_label(
    text: str = "",
    parent: QWidget | None = None,
    *,
    object_name: str = "",
    wrap: bool = False,
    selectable: bool = False,
) -> QLabel:
    """A QLabel that never interprets its text as rich text (names come from devices/files)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if object_name:
        label.setObjectName(object_name)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def fmt_number(value: float | None, digits: int = 3) -> str:
    """Readable number: thousands separators, SI suffix for big values, '–' when unknown."""
    if value is None or not math.isfinite(value):
        return "–"
    a = abs(value)
    if a >= 1e15:
        return f"{value / 1e15:.{digits}g} P"
    if a >= 1e12:
        return f"{value / 1e12:.{digits}g} T"
    if a >= 1e9:
        return f"{value / 1e9:.{digits}g} G"
    if a >= 1e6:
        return f"{value / 1e6:.{digits}g} M"
    if a >= 1000:
        return f"{value:,.0f}"
    if a >= 1 or a == 0:
        return f"{value:.{digits}g}" if a < 100 else f"{value:.0f}"
    return f"{value:.{digits}g}"
