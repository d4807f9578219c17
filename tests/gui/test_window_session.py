"""The window keeps what it shows: a language switch with results on screen loses none
of them (plots, score tiles, test report, compression table, log, Compare ticks, the run
open in History) and the window stays where it was; Stop asks first; the log follows its
newest line and keeps shell commands under "Copy command"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from engine.store.store import Store
from engine.store.writer import record_card
from tests.gui.fakes import LONG_WAIT_MS, SMALL_RUN, wait_for_tensorflow
from tests.gui.test_compression_view import lab_result, lab_rows
from tests.gui.test_history_view import a_card


@pytest.fixture
def suanli(qapp, qtbot, settings):
    """The app object as ``python -m gui`` makes it (windows started by hand, no welcome)."""
    from gui import i18n
    from gui.qt_app import QtApp

    app = QtApp(qapp, settings, autostart=False, welcome=False)
    yield app
    w = app.window
    if w is not None:
        w.confirm_stop = lambda: True
        w.close()
        qtbot.waitUntil(lambda: not w.threads_running, timeout=LONG_WAIT_MS)
        w.close()
        w.deleteLater()
    i18n.install(qapp, "en")


def train_small_run(qtbot, w) -> None:
    w.form.set_config(SMALL_RUN)
    qtbot.mouseClick(w.form.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.last_result is not None and w.worker is None, timeout=LONG_WAIT_MS)


def test_switching_the_language_keeps_every_result_on_screen_and_the_window_in_place(qtbot, suanli):
    w = suanli.open()
    w.start()
    wait_for_tensorflow(qtbot, w)
    w.setGeometry(QRect(40, 50, 1100, 760))
    train_small_run(qtbot, w)
    rows = lab_rows()
    for row in rows:
        w.compression_view.add_row(row)
    w.compression_view.show_finished(lab_result(rows), None, False)
    with Store() as store:
        cards = [record_card(a_card(speed=s), store=store, name=f"b{s}") for s in (3000, 4000)]
    w.show_tab("Compare")
    w.compare_view.refresh()
    first_cards = [c.id for c in Store().list_cards()]
    w.compare_view.set_checked(first_cards)
    w.show_tab("History")
    assert w.history_view.select_run(cards[0])
    qtbot.waitUntil(lambda: w.history_view.opened is not None)
    w.log_message("info", "a line before the switch")
    before = {
        "geometry": w.geometry(),
        "points": w.live_plots.point_counts(),
        "epochs": w.live_plots.plots.epoch_table.rowCount(),
        "tiles": dict(w.live_plots.scores.values),
        "report": w.evaluation_view.report_table.rowCount(),
        "lab": w.compression_view.table.rowCount(),
        "log": w.log.toPlainText(),
        "progress": w.form.progress.value(),
    }
    assert before["lab"] == len(rows) and before["report"] == 14 and before["tiles"]

    w.language_actions["zh_CN"].trigger()
    new = suanli.window
    assert new is not w and new.tabs.tabText(0) == "训练"
    qtbot.waitUntil(lambda: not w.threads_running, timeout=LONG_WAIT_MS)
    new.start()
    assert new.tf_worker is None and new.inventory is not None  # TensorFlow not loaded again
    assert new.geometry() == before["geometry"]  # the window does not move
    assert new.live_plots.point_counts() == before["points"]
    assert new.live_plots.plots.epoch_table.rowCount() == before["epochs"]
    assert new.live_plots.scores.values == before["tiles"]
    assert new.evaluation_view.report_table.rowCount() == before["report"]
    assert new.compression_view.table.rowCount() == before["lab"]
    assert new.log.toPlainText().startswith(before["log"])
    assert new.form.progress.value() == before["progress"]
    assert new.compare_view.checked_ids() == first_cards
    assert [s.id for s in new.history_view.selected_summaries()] == [cards[0]]
    assert new.history_view.opened is not None and new.history_view.opened.id == cards[0]
    assert new.sampler is not None and new.sampler.running  # telemetry goes on
    assert new.tabs.currentIndex() == w.tabs.currentIndex()


def test_stop_asks_first_and_no_keeps_the_run_going(qtbot, window, monkeypatch):
    from tests.gui.test_main_window import Hold

    del window.confirm_stop_job  # the real question (the fixture answers yes)
    hold = Hold(at=6)  # in epoch 2: epoch 1 is saved, so the run can be resumed
    window.extra_callbacks.append(hold)
    window.form.set_config(SMALL_RUN.replace(epochs=2, steps_per_call=1))  # stop per batch
    window.form.start_button.click()
    qtbot.waitUntil(hold.reached.is_set, timeout=LONG_WAIT_MS)
    asked = []

    def answer(reply):
        def question(parent, title, text, *args):
            asked.append(text)
            return reply

        return question

    try:
        monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
        qtbot.mouseClick(window.form.stop_button, Qt.MouseButton.LeftButton)
        assert asked and not window.worker.control.stop_requested
        monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
        qtbot.mouseClick(window.form.stop_button, Qt.MouseButton.LeftButton)
        assert len(asked) == 2 and window.worker.control.stop_requested
    finally:
        hold.release.set()
    qtbot.waitUntil(lambda: window.worker is None, timeout=LONG_WAIT_MS)
    assert window.last_result.status == "stopped"
    # the engine's "resume with `python -m engine resume …`" is under Copy command
    assert "python -m engine" not in window.log.toPlainText()
    assert window.log.copy_button.isVisible()
    window.log.copy_button.click()
    assert QGuiApplication.clipboard().text().startswith("python -m engine resume ")


def test_the_log_follows_its_newest_line_unless_scrolled_up(qtbot):
    from gui.widgets.qt_message_views import QtLogPanel

    log = QtLogPanel()
    qtbot.addWidget(log)
    log.resize(400, 120)
    log.show()
    qtbot.waitExposed(log)
    for i in range(200):
        log.add("info", f"line {i}")
    bar = log.view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    bar.setValue(0)  # the user reads an older line
    log.add("info", "one more")
    assert bar.value() == 0


def test_the_samples_per_s_tile_shows_the_figure_history_shows(qtbot, window):
    from gui.views.history.run_table import COLUMNS

    train_small_run(qtbot, window)
    with Store() as store:
        [summary] = store.list_runs()
    tile = window.live_plots.scores
    assert summary.samples_per_s is not None
    assert tile.values["samples_per_s"] == summary.samples_per_s
    window.show_tab("History")
    history = window.history_view
    qtbot.waitUntil(lambda: history.model.rowCount() == 1)
    column = next(i for i, c in enumerate(COLUMNS) if c.key(summary) == summary.samples_per_s)
    shown = history.model.data(history.model.index(0, column))
    assert tile.tiles["samples_per_s"].value.text().startswith(shown)
