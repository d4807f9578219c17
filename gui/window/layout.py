"""The window's arrangement: the run form (scrolling) on the left; on the right the error
banner, then the tabs over the log, split."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QSplitter, QVBoxLayout, QWidget

FORM_WIDTH = (330, 420)  # the form's least and most width
TABS_OVER_LOG = (640, 110)  # the split's first sizes


def central_widget(
    form: QWidget, banner: QWidget, tabs: QWidget, log: QWidget
) -> tuple[QWidget, QSplitter]:
    """The window's central widget, and its tabs-over-log split (its state is saved)."""
    form_scroll = QScrollArea()
    form_scroll.setObjectName("formScroll")
    form_scroll.setWidget(form)
    form_scroll.setWidgetResizable(True)
    form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    form_scroll.setMinimumWidth(FORM_WIDTH[0])
    form_scroll.setMaximumWidth(FORM_WIDTH[1])

    split = QSplitter(Qt.Orientation.Vertical)
    split.addWidget(tabs)
    split.addWidget(log)
    split.setStretchFactor(0, 5)
    split.setStretchFactor(1, 1)
    split.setSizes(list(TABS_OVER_LOG))
    right = QWidget()
    rl = QVBoxLayout(right)
    rl.setContentsMargins(0, 6, 6, 0)
    rl.setSpacing(6)
    rl.addWidget(banner)
    rl.addWidget(split, 1)

    central = QWidget()
    cl = QHBoxLayout(central)
    cl.setContentsMargins(0, 0, 0, 0)
    cl.setSpacing(0)
    cl.addWidget(form_scroll)
    cl.addWidget(right, 1)
    return central, split
