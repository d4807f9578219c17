"""The window's desktop manners: the File, Run and Help menus, View ▸ Colour scheme, and the
keyboard shortcuts (Ctrl+Return start, Esc stop, Ctrl+Q quit, F1 help, Ctrl+1…7 tabs).

Every action does what clicking the window's own controls does (Start clicks the run
form's Start button; Stop stops the running job as its Stop button does), so a shortcut
can never start what a click could not. The colour scheme chosen here is saved in the
window's settings and applied at once (:func:`gui.theme.apply_style`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QMessageBox

from gui import theme
from gui.app_log import current_log_file
from gui.window.about import about_text, scores_page, show_scores_page
from gui.window.qt_window_tabs import TAB_NAMES

COLOR_SCHEME_KEY = "view/color_scheme"  # auto, light or dark
VIEW_MENU = "viewMenu"  # the View menu's object name (gui.window.view_menu)


def saved_scheme(settings: QSettings) -> str:
    """The colour scheme saved in ``settings`` (``auto`` when none or unknown)."""
    value = settings.value(COLOR_SCHEME_KEY, theme.AUTO)
    return value if value in theme.SCHEMES else theme.AUTO


class QtAppMenus(QObject):
    """Adds the menus and shortcuts to ``window`` (a :class:`QtMainWindow`)."""

    def __init__(self, window: Any, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        bar = window.menuBar()
        self.file_menu = QMenu(self.tr("&File"), window)
        bar.insertMenu(bar.actions()[0] if bar.actions() else None, self.file_menu)
        self.open_data = self._action(self.file_menu, self.tr("Open the &data folder"))
        self.open_data.triggered.connect(self.open_data_folder)
        self.file_menu.addSeparator()
        self.quit = self._action(self.file_menu, self.tr("&Quit"), QKeySequence.StandardKey.Quit)
        self.quit.setShortcuts([QKeySequence("Ctrl+Q")])
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit.triggered.connect(window.close)

        self.run_menu = QMenu(self.tr("&Run"), window)
        bar.insertMenu(self._view_menu_action(), self.run_menu)
        self.start = self._action(self.run_menu, self.tr("&Start training"), "Ctrl+Return")
        self.start.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.start.triggered.connect(self.start_training)
        self.stop = self._action(self.run_menu, self.tr("S&top the running job"), "Esc")
        self.stop.triggered.connect(self.stop_job)
        self.run_menu.aboutToShow.connect(self._update_run_actions)

        self.scheme_actions = self._add_scheme_menu()
        self.tab_actions = self._add_tab_shortcuts()

        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help = self._action(self.help_menu, self.tr("Suanli &help"), "F1")
        self.help.triggered.connect(window.show_welcome)
        self.scores = self._action(self.help_menu, self.tr("How the &scores are computed"))
        self.scores.triggered.connect(lambda: show_scores_page(window))
        self.scores.setEnabled(scores_page() is not None)
        self.help_menu.addAction(self.open_data)
        self.help_menu.addSeparator()
        self.about = self._action(self.help_menu, self.tr("&About Suanli"))
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.about.triggered.connect(self.show_about)
        self.about_box: QMessageBox | None = None

    # -- building ------------------------------------------------------------------------
    def _action(self, menu: QMenu, text: str, shortcut: Any = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        menu.addAction(action)
        return action

    def _view_menu(self) -> QMenu | None:
        return self.window.menuBar().findChild(QMenu, VIEW_MENU)

    def _view_menu_action(self) -> QAction | None:
        view = self._view_menu()
        return view.menuAction() if view is not None else None

    def _add_scheme_menu(self) -> dict[str, QAction]:
        view = self._view_menu() or self.window.menuBar().addMenu(self.tr("&View"))
        view.addSeparator()
        menu = view.addMenu(self.tr("Colour scheme"))
        group = QActionGroup(self.window)
        group.setExclusive(True)
        names = {
            theme.AUTO: self.tr("Automatic (as the system)"),
            theme.LIGHT: self.tr("Light"),
            theme.DARK: self.tr("Dark"),
        }
        actions = {}
        for scheme in theme.SCHEMES:
            action = QAction(names[scheme], self.window, checkable=True)
            action.setChecked(scheme == theme.current_scheme())
            action.triggered.connect(lambda _=False, s=scheme: self.choose_scheme(s))
            group.addAction(action)
            menu.addAction(action)
            actions[scheme] = action
        return actions

    def _add_tab_shortcuts(self) -> list[QAction]:
        actions = []
        for i, _name in enumerate(TAB_NAMES):
            action = QAction(self.window)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _=False, n=i: self.window.tabs.setCurrentIndex(n))
            self.window.addAction(action)
            actions.append(action)
        return actions

    # -- what the actions do -------------------------------------------------------------
    def _update_run_actions(self) -> None:
        button = self.window.form.start_button
        self.start.setEnabled(button.isEnabled() and button.isVisible())
        self.stop.setEnabled(self.window.busy)

    def start_training(self) -> None:
        """Click the run form's Start (nothing when it is disabled or hidden)."""
        button = self.window.form.start_button
        if button.isEnabled() and button.isVisible():
            button.click()

    def stop_job(self) -> None:
        """Stop the running job, as its Stop button does (nothing when none runs)."""
        if self.window.busy:
            self.window.stop_job()

    def choose_scheme(self, scheme: str) -> None:
        self.settings.setValue(COLOR_SCHEME_KEY, scheme)
        self.settings.sync()
        self.scheme_actions[scheme].setChecked(True)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_style(app, scheme)

    def open_data_folder(self) -> bool:
        """Open the folder Suanli keeps its data in ($SUANLI_HOME) in the file manager."""
        from engine.paths import suanli_home

        folder = suanli_home()
        folder.mkdir(parents=True, exist_ok=True)
        return open_url(QUrl.fromLocalFile(str(folder)))

    def show_about(self) -> QMessageBox:
        box = self.about_box = QMessageBox(self.window)
        box.setWindowTitle(self.tr("About Suanli"))
        box.setIconPixmap(self.window.windowIcon().pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(about_text(self.window.inventory, current_log_file()))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setModal(False)
        box.show()
        return box


# Tests replace this (nothing opens a real file manager in a test).
open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl


def menu_texts(window: QMainWindow) -> list[str]:
    """Every menu's title (for tests and the self-test)."""
    return [a.text() for a in window.menuBar().actions()]
