"""The window's arrangement: the run form (scrolling, collapsible) on the left; on the
right the error banner, then the tabs over the log, split. A button left of the tabs hides
and shows the form, so the tabs get the whole width of a small screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QScrollArea, QSplitter, QTabWidget, QToolButton, QVBoxLayout, QWidget

FORM_WIDTH = (300, 420)  # the form's least and most width
TABS_OVER_LOG = (640, 110)  # the split's first sizes


class QtCentral(QSplitter):
    """The form beside the rest; :attr:`form_toggle` (left of the tabs) hides the form."""

    def __init__(self, form_scroll: QScrollArea, right: QWidget, tabs: QTabWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.setObjectName("centralSplit")
        self.setChildrenCollapsible(False)
        self.form_scroll = form_scroll
        self.addWidget(form_scroll)
        self.addWidget(right)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setSizes([form_scroll.minimumWidth(), 10_000])  # the tabs get what it spares
        self.form_toggle = QToolButton()
        self.form_toggle.setObjectName("formToggle")
        self.form_toggle.setCheckable(True)
        self.form_toggle.setChecked(True)
        self.form_toggle.setAutoRaise(True)
        self.form_toggle.toggled.connect(self.show_form)
        tabs.setCornerWidget(self.form_toggle, Qt.Corner.TopLeftCorner)
        self._label()

    def show_form(self, shown: bool) -> None:
        """Show or hide the run form (the tabs take its room)."""
        self.form_scroll.setVisible(shown)
        if self.form_toggle.isChecked() != shown:
            self.form_toggle.setChecked(shown)
        self._label()

    def _label(self) -> None:
        shown = self.form_toggle.isChecked()
        self.form_toggle.setText("◂" if shown else "▸")
        self.form_toggle.setToolTip(
            QCoreApplication.translate("QtMainWindow", "Hide the run form")
            if shown
            else QCoreApplication.translate("QtMainWindow", "Show the run form")
        )


def central_widget(
    form: QWidget, banner: QWidget, tabs: QTabWidget, log: QWidget
) -> tuple[QtCentral, QSplitter]:
    """The window's central widget, and its tabs-over-log split (its state is saved)."""
    form_scroll = QScrollArea()
    form_scroll.setObjectName("formScroll")
    form_scroll.setWidget(form)
    form_scroll.setWidgetResizable(True)
    form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # never narrower than the form's own least width (plus a scroll bar): it is never cut
    bar = form_scroll.verticalScrollBar().sizeHint().width()
    least = max(FORM_WIDTH[0], form.minimumSizeHint().width() + bar + 2)
    form_scroll.setMinimumWidth(least)
    form_scroll.setMaximumWidth(max(FORM_WIDTH[1], least))

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
    return QtCentral(form_scroll, right, tabs), split
