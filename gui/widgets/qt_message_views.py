"""The two places the window talks to the user in words: an error banner and the log."""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from gui.theme import plain_label

# the level tag before a log message (none for info)
LOG_TAGS = {
    "info": "",
    "warning": QT_TRANSLATE_NOOP("QtLogPanel", "WARNING"),
    "error": QT_TRANSLATE_NOOP("QtLogPanel", "ERROR"),
}


class QtErrorBanner(QFrame):
    """A red strip above the tabs with one readable message; the ✕ hides it. Never modal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.text = plain_label("", object_name="bannerText", wrap=True, selectable=True)
        close = QToolButton(text="✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Hide this message"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, message: str) -> None:
        self.text.setText(message)
        self.show()


class QtLogPanel(QWidget):
    """Time-stamped plain-text messages (engine logs, errors with their tracebacks)."""

    def __init__(self, parent: QWidget | None = None, max_lines: int = 5000) -> None:
        super().__init__(parent)
        self.view = QPlainTextEdit()
        self.view.setObjectName("log")
        self.view.setReadOnly(True)
        self.view.setMaximumBlockCount(max_lines)
        self.view.setPlaceholderText(self.tr("Messages from Suanli appear here."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 6)
        layout.setSpacing(2)
        layout.addWidget(plain_label(self.tr("Log"), object_name="plotTitle"))
        layout.addWidget(self.view, 1)

    def add(self, level: str, message: str) -> None:
        tag = LOG_TAGS.get(level, level)
        tag = f"{self.tr(tag)} " if tag else ""
        self.view.appendPlainText(f"{time.strftime('%H:%M:%S')}  {tag}{message}")

    def toPlainText(self) -> str:  # noqa: N802 - reads like the Qt text widgets
        return self.view.toPlainText()
