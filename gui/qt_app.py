"""The application's one window, and switching its language while Suanli runs.

Widgets translate their texts when they are made, so a new language takes a new window:
when the user picks a language and no job is running, :class:`QtApp` installs the
translations, saves the window's state (tab, form values: the new window restores them
from the same settings), takes the old window's session (:mod:`gui.window.session`: plots,
tiles, test report, benchmark and compression results, log, Compare ticks, the run open in
History, telemetry) and puts a new window showing it in the old one's place, at the same
position and size. While a job runs the choice is saved and applies the next time Suanli
starts.

Ctrl-C in the terminal that started the window (:meth:`QtApp.stop_on_ctrl_c`) stops a
run, closes the window without asking and exits 130, as the CLI does.
"""

from __future__ import annotations

import signal
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from gui import i18n
from gui.settings import default_settings
from gui.window.qt_main_window import QtMainWindow
from gui.window.session import Session, take_session

EXIT_INTERRUPTED = 130  # as engine.cli.common's: stopped with Ctrl-C
WAKE_MS = 200  # how often Python gets to run a signal handler while Qt waits


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
        self.interrupted = False
        self._wake: QTimer | None = None

    def open(
        self, *, welcome: bool | None = None, in_place_of: QtMainWindow | None = None
    ) -> QtMainWindow:
        """Make and show the window; ``in_place_of``: an old window whose session and
        place the new one takes."""
        session: Session | None = None if in_place_of is None else take_session(in_place_of)
        w = QtMainWindow(
            self.settings,
            autostart=self.autostart,
            welcome=self.welcome if welcome is None else welcome,
            session=session,
        )
        w.switch_language = self.switch_language
        if in_place_of is not None:
            if in_place_of.isMaximized():
                w.setWindowState(in_place_of.windowState())
            else:
                w.setGeometry(in_place_of.geometry())  # the window does not move
        w.show()
        self.window = w
        return w

    def stop_on_ctrl_c(self) -> Any:
        """SIGINT (Ctrl-C) calls :meth:`interrupt`; a timer lets Python see the signal
        while Qt waits for events. Returns the handler it replaced."""
        old = signal.signal(signal.SIGINT, lambda *_: self.interrupt())
        self._wake = QTimer(self)
        self._wake.timeout.connect(lambda: None)
        self._wake.start(WAKE_MS)
        return old

    def interrupt(self) -> None:
        """Ctrl-C: stop a run and close the window without asking; :meth:`exit_code` is
        then 130."""
        self.interrupted = True
        window = self.window
        if window is None:
            self.app.quit()
            return
        window.confirm_stop = lambda: True  # type: ignore[method-assign]
        window.close()

    def exit_code(self, code: int) -> int:
        """The process's exit code after the event loop returned ``code``."""
        return EXIT_INTERRUPTED if self.interrupted else code

    def switch_language(self, code: str) -> bool:
        """Show the window in ``code`` (``auto``: the system's) now, if nothing is running;
        False when it must wait for the next start."""
        old = self.window
        if old is None or old.busy or old.tf_worker is not None:
            return False
        i18n.install(self.app, None if code == "auto" else code, settings=self.settings)
        old.save_settings()  # what the new window restores
        new = self.open(welcome=False, in_place_of=old)
        if not self.autostart:
            new.start()
        old.hide()
        old.close()
        old.deleteLater()
        return True
