"""The window's View menu: the language (one checkable action per language with a
translation, and "as the system") and the first-run welcome. Its texts keep the window's
translation context (``QtMainWindow``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from gui import help_texts, i18n

AUTO = "auto"  # the language choice "as the system"


def build_view_menu(
    window: QMainWindow,
    chosen: str,
    on_language: Callable[[str], None],
    on_welcome: Callable[[], None],
) -> dict[str, QAction]:
    """Add View ▸ Language and View ▸ Welcome… to ``window``; returns the language actions
    by code (``chosen`` is checked; ``on_language(code)`` when one is picked)."""
    view = window.menuBar().addMenu(QCoreApplication.translate("QtMainWindow", "&View"))
    view.setObjectName("viewMenu")  # gui.window.app_menus adds Colour scheme to it
    languages = view.addMenu(QCoreApplication.translate("QtMainWindow", "Language"))
    group = QActionGroup(window)
    group.setExclusive(True)
    actions: dict[str, QAction] = {}
    choices = [(AUTO, QCoreApplication.translate("QtMainWindow", "Automatic (as the system)"))]
    choices += list(i18n.available_languages().items())
    for code, name in choices:
        action = QAction(name, window, checkable=True)
        action.setChecked(code == chosen)
        action.triggered.connect(lambda _=False, c=code: on_language(c))
        group.addAction(action)
        languages.addAction(action)
        actions[code] = action
    view.addSeparator()
    welcome = view.addAction(QCoreApplication.translate("QtMainWindow", "Welcome…"))
    welcome.triggered.connect(on_welcome)
    return actions


def welcome_box(parent: QWidget) -> QMessageBox:
    """The first-run welcome, not modal and not yet shown."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(help_texts.welcome_title())
    box.setText(help_texts.welcome_title())
    box.setInformativeText(help_texts.welcome_text())
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setModal(False)
    return box
