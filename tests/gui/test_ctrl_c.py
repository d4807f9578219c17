"""Ctrl-C in the terminal that started the window: the window closes without asking and
the process exits 130, as the README says (and as the CLI does)."""

from __future__ import annotations

import os
import signal
import threading

import pytest


@pytest.fixture
def suanli(qapp, settings):
    from gui.qt_app import QtApp

    app = QtApp(qapp, settings, autostart=False, welcome=False)
    old = signal.getsignal(signal.SIGINT)
    yield app
    signal.signal(signal.SIGINT, old)
    if app.window is not None:
        app.window.confirm_stop = lambda: True
        app.window.close()
        app.window.deleteLater()


def test_ctrl_c_closes_the_window_and_exits_130(qtbot, suanli, monkeypatch):
    asked = []
    w = suanli.open()
    qtbot.waitExposed(w)
    monkeypatch.setattr(w, "confirm_stop", lambda: asked.append(1) or False)
    suanli.stop_on_ctrl_c()
    assert suanli.exit_code(0) == 0  # not interrupted: the event loop's own code
    # the signal as a terminal sends it: to the process, from outside the event loop
    threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT)).start()
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=10_000)
    assert asked == []  # closed without asking
    assert suanli.interrupted and suanli.exit_code(0) == 130
