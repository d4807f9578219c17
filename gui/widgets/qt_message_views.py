"""The two places the window talks to the user in words: an error banner and the log."""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from engine.i18n.program import (
    ENGINE_COMMAND,
    INSTALLED_MODULE_COMMAND,
    MODULE_COMMAND,
    WINDOW_COMMAND,
)
from gui.theme import plain_label

# the level tag before a log message (none for info)
LOG_TAGS = {
    "info": "",
    "warning": QT_TRANSLATE_NOOP("QtLogPanel", "WARNING"),
    "error": QT_TRANSLATE_NOOP("QtLogPanel", "ERROR"),
}


# A shell command in a message (the engine words its hints for the CLI): in backquotes, or
# in parentheses after "; " or alone.
# The CLI's name as engine.i18n.program gives it (installed, frozen, from the checkout).
PROGRAM = "(?:{})".format(
    "|".join(
        re.escape(name)
        for name in (
            f"{WINDOW_COMMAND} engine",
            ENGINE_COMMAND,
            INSTALLED_MODULE_COMMAND,
            MODULE_COMMAND,
        )
    )
)
COMMAND = re.compile(rf"`({PROGRAM} [^`]*)`|(?:(?<=[(（])|(?<=[;；] ))({PROGRAM} [^)）]*)")


def split_commands(message: str) -> tuple[str, list[str]]:
    """``message`` without its shell commands, and the commands. A command that ends the
    sentence goes with its lead-in ("; see", "resume with"); one inside it is replaced by
    a pointer to the log's Copy command button."""
    commands = [a or b for a, b in COMMAND.findall(message)]
    if not commands:
        return message, []
    text = re.sub(rf"[;；,，]?\s*[^;；,，(（]*`{PROGRAM} [^`]*`\s*([.。]?)$", r"\1", message)
    text = re.sub(rf"(?<!`)[;；]?\s*{PROGRAM} [^)）`]*(?=[)）])", "", text)
    text = re.sub(r"\s*[(（]\s*[)）]", "", text)  # parentheses left empty
    pointer = QCoreApplication.translate("QtLogPanel", "“Copy command”")
    text = COMMAND.sub(lambda _m: pointer, text)
    return text.strip(), commands


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
        self.commands: list[str] = []  # the shell commands the messages named, newest last
        self.copy_button = QToolButton(text=self.tr("Copy command"))
        self.copy_button.setAutoRaise(True)
        self.copy_button.clicked.connect(self.copy_command)
        self.copy_button.hide()
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(plain_label(self.tr("Log"), object_name="plotTitle"), 1)
        head.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 6)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)

    def add(self, level: str, message: str) -> None:
        """A line (its shell commands go to Copy command); the view follows the newest line
        unless the user scrolled up to read."""
        tag = LOG_TAGS.get(level, level)
        tag = f"{self.tr(tag)} " if tag else ""
        message, commands = split_commands(message)
        bar = self.view.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 2
        self.view.appendPlainText(f"{time.strftime('%H:%M:%S')}  {tag}{message}")
        if at_end:
            bar.setValue(bar.maximum())
        if commands:
            self.commands = (self.commands + commands)[-20:]
            self._show_command()

    def _show_command(self) -> None:
        self.copy_button.setToolTip(
            self.tr("Copy the command for a terminal: {command}").format(command=self.commands[-1])
        )
        self.copy_button.show()

    def copy_command(self) -> str:
        """Put the newest command on the clipboard; returns it ("" when none)."""
        command = self.commands[-1] if self.commands else ""
        if command:
            QGuiApplication.clipboard().setText(command)
        return command

    def restore(self, text: str, commands: list[str]) -> None:
        """Show an earlier window's log (a language switch) and go on from there."""
        self.view.setPlainText(text)
        self.view.verticalScrollBar().setValue(self.view.verticalScrollBar().maximum())
        self.commands = list(commands)
        if commands:
            self._show_command()

    def toPlainText(self) -> str:  # noqa: N802 - reads like the Qt text widgets
        return self.view.toPlainText()
