"""Where the window keeps its settings, and what it saves there: geometry, the log
split, the open tab, whether the run form is folded away, the run form's values (the language and the first-run welcome
are kept there too, by :mod:`gui.i18n` and the window), and the folder the last file
dialog was answered in."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabWidget

from engine.paths import suanli_home

SETTINGS_FILE = "suanli-gui.ini"
WELCOME_KEY = "welcome/shown"  # the first-run welcome was seen
DEFAULT_SIZE = (1280, 800)


def default_settings() -> QSettings:
    """Window settings live under $SUANLI_HOME, with everything else Suanli writes."""
    return QSettings(str(suanli_home() / SETTINGS_FILE), QSettings.Format.IniFormat)


def restore_layout(
    settings: QSettings,
    window: QMainWindow,
    split: QSplitter,
    tabs: QTabWidget,
    tab_names: Sequence[str],
) -> str | None:
    """Put the window back as it was saved; returns the run form's saved values (JSON)."""
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        window.resize(*DEFAULT_SIZE)
    state = settings.value("window/split")
    if isinstance(state, QByteArray):
        split.restoreState(state)
    tab = settings.value("window/tab")
    if tab in tab_names:
        tabs.setCurrentIndex(list(tab_names).index(tab))
    central = window.centralWidget()
    if hasattr(central, "show_form"):  # the run form folded away, as it was left
        central.show_form(settings.value("window/form_shown", True, type=bool))
    form = settings.value("form/values")
    return form if isinstance(form, str) and form else None


def save_layout(
    settings: QSettings,
    window: QMainWindow,
    split: QSplitter,
    tabs: QTabWidget,
    tab_names: Sequence[str],
    form_json: str,
) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/split", split.saveState())
    settings.setValue("window/tab", tab_names[tabs.currentIndex()])
    toggle = getattr(window.centralWidget(), "form_toggle", None)
    if toggle is not None:
        settings.setValue("window/form_shown", toggle.isChecked())
    settings.setValue("form/values", form_json)
    settings.sync()


LAST_FOLDER_KEY = "dialogs/last_folder"  # where the last file dialog was answered


def dialog_folder(settings: QSettings | None = None) -> str:
    """Where a file dialog starts: the folder of the last file chosen, else the user's
    Documents folder (else the home folder)."""
    settings = settings if settings is not None else default_settings()
    last = settings.value(LAST_FOLDER_KEY)
    if isinstance(last, str) and last and Path(last).is_dir():
        return last
    for location in (
        QStandardPaths.StandardLocation.DocumentsLocation,
        QStandardPaths.StandardLocation.HomeLocation,
    ):
        folder = QStandardPaths.writableLocation(location)
        if folder and Path(folder).is_dir():
            return folder
    return str(Path.home())


def remember_folder(path: str, settings: QSettings | None = None) -> None:
    """Remember the folder of ``path`` (a file, or a folder itself) for the next dialog."""
    if not path:
        return
    settings = settings if settings is not None else default_settings()
    p = Path(path)
    settings.setValue(LAST_FOLDER_KEY, str(p if p.is_dir() else p.parent))
    settings.sync()
