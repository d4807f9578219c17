"""The window's tabs: one page per view, named; each shows "Loading…" until its view is
put in (the plot views are made after the first paint). Its texts keep the window's
translation context (``QtMainWindow``), but "Training", the engine's word."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from engine.i18n.vocabulary import TRAINING
from gui.i18n import EngineWord, translate
from gui.theme import plain_label

TAB_NAMES = ("Training", "Device", "Evaluation", "Benchmark", "Compression", "History", "Compare")
# the tab titles as shown (translated when the tabs are made)
TAB_TITLES = (
    EngineWord(TRAINING),
    QT_TRANSLATE_NOOP("QtMainWindow", "Device"),
    QT_TRANSLATE_NOOP("QtMainWindow", "Evaluation"),
    QT_TRANSLATE_NOOP("QtMainWindow", "Benchmark"),
    QT_TRANSLATE_NOOP("QtMainWindow", "Compression"),
    QT_TRANSLATE_NOOP("QtMainWindow", "History"),
    QT_TRANSLATE_NOOP("QtMainWindow", "Compare"),
)


class QtWindowTabs(QTabWidget):
    """The tabs of :data:`TAB_NAMES`, placeholders first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self._pages: dict[str, QVBoxLayout] = {}
        loading = QCoreApplication.translate("QtMainWindow", "Loading…")
        for name, title in zip(TAB_NAMES, TAB_TITLES, strict=True):
            page = QWidget()
            layout = QVBoxLayout(page)
            layout.setContentsMargins(6, 6, 6, 6)
            layout.addWidget(
                plain_label(loading, object_name="placeholder"), 1, Qt.AlignmentFlag.AlignCenter
            )
            self._pages[name] = layout
            self.addTab(page, translate("QtMainWindow", title))

    def put_view(self, name: str, view: QWidget) -> None:
        """Show ``view`` in the tab ``name``, in place of what was there."""
        layout = self._pages[name]
        while layout.count():
            item = layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        layout.addWidget(view, 1)

    def show_tab(self, name: str) -> None:
        self.setCurrentIndex(TAB_NAMES.index(name))

    def current_name(self) -> str:
        return TAB_NAMES[self.currentIndex()]
