"""The window fits a 1024x768 screen in both languages, with results on every tab: it
keeps the size it is given (it never grows itself), no column header is cut, and the run
form folds away to give the tabs the whole width."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QToolButton

from engine.store.store import Store
from engine.store.writer import record_card
from tests.gui.fakes import LONG_WAIT_MS, SMALL_RUN
from tests.gui.test_compression_view import lab_result, lab_rows
from tests.gui.test_history_view import a_card

SMALL_SCREEN = QSize(1024, 768)


def cut_headers(widget) -> list[str]:
    """Every visible horizontal header section of ``widget`` whose text (its longest line)
    is wider than the section: Qt would elide it."""
    cut = []
    for header in widget.findChildren(QHeaderView):
        if header.orientation() != Qt.Orientation.Horizontal or not header.isVisibleTo(widget):
            continue
        fm = header.fontMetrics()
        model = header.model()
        for i in range(header.count()):
            if header.isSectionHidden(i):
                continue
            text = model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if not text:
                continue
            need = max(fm.horizontalAdvance(line) for line in str(text).split("\n")) + 4
            if need > header.sectionSize(i):
                name = header.parent().objectName() or type(header.parent()).__name__
                cut.append(f"{name}: {text!r} needs {need} px, has {header.sectionSize(i)}")
    return cut


def show_results(qtbot, w) -> None:
    """A finished training run, a benchmark card, the compression lab's table, stored runs
    in History and two cards ticked in Compare."""
    w.form.set_config(SMALL_RUN)
    qtbot.mouseClick(w.form.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.last_result is not None and w.worker is None, timeout=LONG_WAIT_MS)
    card = a_card(speed=123456.0)
    w.benchmark_view.show_finished(card, None, False)
    w.live_plots.scores.show_card(card)
    rows = lab_rows()
    for row in rows:
        w.compression_view.add_row(row)
    w.compression_view.show_finished(lab_result(rows), None, False)
    with Store() as store:
        for speed in (3000.0, 4000.0):
            record_card(a_card(speed=speed), store=store, name="bench")
        ids = [c.id for c in store.list_cards()]
    w.show_tab("Compare")
    w.compare_view.refresh()
    w.compare_view.set_checked(ids)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_at_1024x768_the_window_keeps_its_size_and_no_header_is_cut(qtbot, qapp, make_window, lang):
    from gui import i18n
    from gui.theme import apply_style
    from tests.gui.fakes import wait_for_tensorflow

    assert i18n.install(qapp, lang) == lang
    style, sheet = qapp.style().name(), qapp.styleSheet()
    apply_style(qapp)  # as the app looks: its style sheet sets the tabs' and tiles' sizes
    try:
        w = make_window()
        wait_for_tensorflow(qtbot, w)
        w.resize(SMALL_SCREEN)
        QApplication.processEvents()
        assert w.size() == SMALL_SCREEN, w.minimumSizeHint()
        show_results(qtbot, w)
        for i in range(w.tabs.count()):
            w.tabs.setCurrentIndex(i)
            w.redraw(force=True)
            for _ in range(3):
                QApplication.processEvents()
            assert w.size() == SMALL_SCREEN, (w.tabs.tabText(i), w.minimumSizeHint())
            assert w.minimumSizeHint().width() <= SMALL_SCREEN.width()
            # the run form is not cut on the right (its scroll area never scrolls sideways)
            viewport = w.centralWidget().form_scroll.viewport()
            assert viewport.width() >= w.form.minimumSizeHint().width()
            assert cut_headers(w.tabs.currentWidget()) == [], w.tabs.tabText(i)
            # every tab's title is shown whole: the tab bar does not scroll
            bar = w.tabs.tabBar()
            assert bar.tabRect(w.tabs.count() - 1).right() <= bar.width()
            scroll = [b for b in bar.findChildren(QToolButton) if b.isVisible()]
            assert scroll == [], "the tab bar scrolls: a tab title is hidden"
        # the form folds away and comes back
        central = w.centralWidget()
        central.form_toggle.click()
        assert not w.form.isVisibleTo(w) and w.size() == SMALL_SCREEN
        w.save_settings()
        again = make_window()  # a new window (the next start) keeps it folded away
        assert (
            not again.form.isVisibleTo(again) and not again.centralWidget().form_toggle.isChecked()
        )
        central.form_toggle.click()
        assert w.form.isVisibleTo(w)
    finally:
        i18n.install(qapp, "en")
        qapp.setStyleSheet(sheet)
        qapp.setStyle(style)
