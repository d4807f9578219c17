"""Guards against known PySide6 bugs that would make the window crash after a while."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget


def test_none_refcount_is_stable_over_many_void_qt_calls(qapp):
    """PySide6 6.12.0 returned None from void methods without a new reference, so the
    refcount of None fell with every call until Python crashed (pin: PySide6 < 6.12)."""
    widget = QWidget()
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(5_000):
        widget.setEnabled(True)
        timer.setInterval(10)
    after = sys.getrefcount(None)
    assert abs(after - before) < 100, (before, after)
