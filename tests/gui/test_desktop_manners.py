"""Desktop manners: light and dark, the menus and shortcuts, About, the scores page, the
data folder and the log file."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QImage, QPalette
from PySide6.QtWidgets import QApplication, QTextBrowser

from engine import version
from engine.events import Callback
from engine.paths import suanli_home
from gui import app_log, theme
from gui.window import app_menus
from gui.window.about import show_scores_page
from gui.window.app_menus import COLOR_SCHEME_KEY
from gui.wording import status_text
from tests.gui.fakes import LONG_WAIT_MS, SMALL_RUN

ROOT = Path(__file__).resolve().parents[2]


def mean_luminance(image: QImage) -> float:
    """Mean luminance of ``image``, 0 (black) to 1 (white)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    pixels = np.frombuffer(gray.constBits(), np.uint8, count=stride * height)
    return float(pixels.reshape(height, stride)[:, :width].mean()) / 255.0


@pytest.fixture
def restore_style(qapp):
    """Tests that restyle the application put it back as it was."""
    sheet, palette, style = qapp.styleSheet(), QPalette(qapp.palette()), qapp.style().name()
    scheme = theme.current_scheme()
    yield qapp
    theme._state["scheme"] = scheme
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


class Hold(Callback):
    """Holds the engine thread after batch ``at`` until released."""

    def __init__(self, at: int) -> None:
        self.at, self.reached, self.release = at, threading.Event(), threading.Event()

    def on_batch_end(self, step, logs):
        if step == self.at:
            self.reached.set()
            self.release.wait(LONG_WAIT_MS / 1000)


def test_self_test_with_the_dark_scheme_gives_a_dark_window(tmp_path):
    shot = tmp_path / "dark.png"
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "gui",
            "--self-test",
            "--color-scheme",
            "dark",
            "--screenshot",
            str(shot),
        ],
        cwd=tmp_path,  # not the checkout: nothing depends on the working directory
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    luminance = mean_luminance(QImage(str(shot)))
    assert luminance < 0.3, luminance  # the light window measures about 0.9


def test_the_view_menu_switches_light_and_dark_and_saves_the_choice(
    qtbot, window, settings, restore_style
):
    menus = window.menus
    menus.scheme_actions["dark"].trigger()
    assert settings.value(COLOR_SCHEME_KEY) == "dark"
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    window.repaint()
    dark = mean_luminance(window.grab().toImage())
    menus.scheme_actions["light"].trigger()
    assert settings.value(COLOR_SCHEME_KEY) == "light"
    window.repaint()
    light = mean_luminance(window.grab().toImage())
    assert dark < 0.3 < 0.7 < light, (dark, light)
    assert app_menus.saved_scheme(settings) == "light"
    assert (
        app_menus.saved_scheme(QSettings(str(settings.fileName()) + "x", settings.format()))
        == "auto"
    )


def test_the_style_sheet_comes_from_the_palette_and_the_users_font(restore_style):
    template = theme.STYLE_SHEET.read_text(encoding="utf-8")
    font = QFont()
    font.setPointSizeF(20.0)
    dark = theme.style_sheet(template, theme.dark_palette(), font)
    assert "$" not in dark
    assert "font-size: 25.0pt" in dark  # section titles: 1.25 x the user's size
    assert "#ffffff;" not in dark.split("QMainWindow", 1)[1].split("}")[0]
    assert (
        theme.style_colors(theme.dark_palette())["disabled"]
        != theme.style_colors(theme.dark_palette())["text"]
    )  # a disabled button does not look enabled


def test_ctrl_number_shows_the_tabs_and_f1_the_help(qtbot, window):
    window.activateWindow()
    for i in (3, 1, 7):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + i), Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == i - 1
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.welcome_dialog is not None and window.welcome_dialog.isVisible()
    window.welcome_dialog.close()


def test_ctrl_return_starts_and_escape_stops(qtbot, window):
    hold = Hold(at=2)
    window.extra_callbacks.append(hold)
    window.form.set_config(SMALL_RUN.replace(epochs=3))
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(hold.reached.is_set, timeout=LONG_WAIT_MS)
    assert window.busy
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # no 2nd
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    with qtbot.waitSignal(window.run_finished, timeout=LONG_WAIT_MS) as blocker:
        hold.release.set()
    assert blocker.args[0].status == "stopped"


def test_ctrl_q_quits(qtbot, window):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=LONG_WAIT_MS)


def test_about_names_the_versions_the_device_and_the_mnist_credit(qtbot, window):
    box = window.menus.show_about()
    text = box.text()
    assert f"Suanli (算力) {version()}" in text
    assert "TensorFlow 2." in text and "Qt 6." in text and "Python 3." in text
    assert "Device: " in text and "CPU" in text
    assert "Yann LeCun, Corinna Cortes and Christopher J.C. Burges" in text
    assert "CC BY-SA 3.0" in text
    box.close()
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Run", "&View", "&Help"]


def test_help_opens_the_scores_page_and_the_data_folder(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr(app_menus, "open_url", lambda url: opened.append(url) or True)
    window.menus.open_data.trigger()
    assert [Path(u.toLocalFile()) for u in opened] == [suanli_home()]
    dialog = show_scores_page(window)
    assert dialog is not None
    assert "AI算力" in dialog.findChild(QTextBrowser).toPlainText()
    dialog.close()


def test_the_status_bar_says_why_a_gpu_is_not_used():
    inv = {
        "gpus": [{"index": 0, "name": "NVIDIA H200"}],
        "cpu": {"model": "EPYC"},
        "tensorflow": {"version": "2.21.0", "is_cuda_build": False, "physical_devices": []},
    }
    text = status_text(inv)
    assert "NVML sees NVIDIA H200, but TensorFlow trains on the CPU" in text
    assert "make venv GPU=1" in text


def test_the_log_file_keeps_logging_and_uncaught_errors(tmp_path):
    path = app_log.start_log(tmp_path / "logs")
    try:
        assert path == tmp_path / "logs" / "suanli.log" == app_log.current_log_file()
        logging.getLogger("engine.store").warning("disk nearly full")
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        import faulthandler

        assert faulthandler.is_enabled()
    finally:
        app_log.stop_log()
    text = path.read_text(encoding="utf-8")
    assert "WARNING engine.store" in text and "disk nearly full" in text
    assert "RuntimeError: boom in a slot" in text and "Traceback" in text
    assert (tmp_path / "logs" / "crash.log").is_file()


def test_no_log_folder_means_no_log_not_a_crash(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert app_log.start_log(blocker / "logs") is None
    assert "no log file" in capsys.readouterr().err


def test_status_colours_stay_readable_on_dark(restore_style):
    restore_style.setPalette(theme.dark_palette())
    assert theme.status_color("error") == "#f87171"
    restore_style.setPalette(restore_style.style().standardPalette())
    assert theme.status_color("error") == "#b91c1c"
