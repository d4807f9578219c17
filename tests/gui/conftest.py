"""GUI test fixtures: offscreen Qt, settings in a temp folder, a started window.

``QT_QPA_PLATFORM`` is set before anything imports Qt: offscreen, with one 1920x1080
screen (the plugin's default screen is 800x800, smaller than the window). The root
``conftest.py`` already points ``SUANLI_HOME`` at a temp folder for every test.
"""

from __future__ import annotations

import os
from pathlib import Path

SCREEN_CONFIG = Path(__file__).with_name("offscreen-1920x1080.json")
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN_CONFIG}"

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from tests.gui.fakes import LONG_WAIT_MS, wait_for_tensorflow  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _tensorflow_imported_once():
    """Import TensorFlow once, before any window exists, so each test window's background
    "load TensorFlow" job finishes at once. (The background import as users get it is
    covered by the self-test, a fresh process.)
    """
    from engine.tf_runtime import tf

    tf()


@pytest.fixture(scope="session", autouse=True)
def _cycles_collected_on_the_gui_thread(qapp):
    """As in the app, cycles are collected on the GUI thread only, also in tests that run
    workers without a window (see gui/main_thread_gc.py)."""
    from gui.runtime import main_thread_gc

    main_thread_gc.hold()
    yield
    main_thread_gc.release()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings" / "suanli-gui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings):
    """Build started windows; every one is closed and its threads joined afterwards."""
    from gui.window.qt_main_window import QtMainWindow

    made = []

    def make(**kwargs) -> QtMainWindow:
        window = QtMainWindow(kwargs.pop("settings", settings), autostart=False, **kwargs)
        window.confirm_stop = lambda: True
        window.confirm_stop_job = lambda: True
        window.show()
        window.start()
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
        qtbot.waitUntil(lambda w=window: not w.threads_running, timeout=LONG_WAIT_MS)
        window.close()
        window.deleteLater()


@pytest.fixture
def window(qtbot, make_window):
    """A started window whose TensorFlow has loaded (so no test races the import)."""
    w = make_window()
    wait_for_tensorflow(qtbot, w)
    return w


@pytest.fixture
def zh_CN(qapp):
    """The window's language is Simplified Chinese for this test (English again after).
    Widgets translate their texts when they are made: use this fixture before making them."""
    from gui import i18n

    assert i18n.install(qapp, "zh_CN") == "zh_CN"
    yield qapp
    i18n.install(qapp, "en")
