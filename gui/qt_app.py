"""The application's one window, and switching its language while Suanli runs.

Widgets translate their texts when they are made, so a new language takes a new window:
when the user picks a language and no job is running, :class:`QtApp` installs the
translations, saves the window's state (geometry, tab, form values: the new window restores
them from the same settings) and puts a new window in place of the old one. Runs, cards and
plots of past runs live in the results store and come back in the new window's History.
While a job runs the choice is saved and applies the next time Suanli starts.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QApplication

from gui import i18n
from gui.settings import default_settings
from gui.window.qt_main_window import QtMainWindow


class QtApp(QObject):
    """Owns the main window; :meth:`open` makes and shows it."""

    def __init__(
        self,
        app: QApplication,
        settings: QSettings | None = None,
        *,
        autostart: bool = True,
        welcome: bool = True,
    ) -> None:
        super().__init__()
        self.app = app
        self.settings = settings if settings is not None else default_settings()
        self.autostart = autostart
        self.welcome = welcome
        self.window: QtMainWindow | None = None

    def open(self, *, welcome: bool | None = None) -> QtMainWindow:
        w = QtMainWindow(
            self.settings,
            autostart=self.autostart,
            welcome=self.welcome if welcome is None else welcome,
        )
        w.switch_language = self.switch_language
        w.show()
        self.window = w
        return w

    def switch_language(self, code: str) -> bool:
        """Show the window in ``code`` (``auto``: the system's) now, if nothing is running;
        False when it must wait for the next start."""
        old = self.window
        if old is None or old.busy or old.tf_worker is not None:
            return False
        i18n.install(self.app, None if code == "auto" else code, settings=self.settings)
        old.save_settings()  # what the new window restores
        new = self.open(welcome=False)
        if not self.autostart:
            new.start()
        old.hide()
        old.close()
        old.deleteLater()
        return True
