"""The opened run below History's list: a title line and tabs with the run's curves, its
epochs, its device timelines, its test report, its score card and its details.

The tabs are built when the first run is opened: the History tab itself (and the window's
start-up) only pays for the list. Everything read from the store is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine.i18n import _
from engine.i18n.vocabulary import EPOCHS, NOT_AVAILABLE, SCORE_CARD
from engine.store.records import RunRecord
from gui.formatting import one_line, plain_tip, when
from gui.theme import fmt_number, plain_label
from gui.views.history.qt_run_device import QtRunDevicePlots
from gui.views.history.qt_run_plots import QtRunPlots
from gui.views.history.run_details import card_rows, record_rows
from gui.views.history.run_table import default_name, status_text
from gui.widgets.qt_evaluation_view import QtEvaluationView


def key_value_table(name: str, headers: tuple[str, str]) -> QTableWidget:
    table = QTableWidget(0, 2)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    table.verticalHeader().setDefaultSectionSize(22)
    return table


def fill_pairs(table: QTableWidget, rows: Sequence[tuple[str, str]]) -> None:
    table.setRowCount(len(rows))
    for r, (k, v) in enumerate(rows):
        table.setItem(r, 0, QTableWidgetItem(k))
        cell = QTableWidgetItem(v)
        cell.setToolTip(plain_tip(v) if len(v) > 40 else "")
        table.setItem(r, 1, cell)


class QtRunDetail(QWidget):
    """The opened run's title and tabs (:attr:`tabs` is None until a run is shown)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = plain_label(self._select_text(), object_name="summary", wrap=True)
        self.plots: QtRunPlots
        self.device_plots: QtRunDevicePlots
        self.evaluation: QtEvaluationView
        self.card_title: QLabel
        self.card_table: QTableWidget
        self.card_box: QWidget
        self.details_table: QTableWidget
        self.tabs: QTabWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addStretch(1)
        self._layout = layout

    def _select_text(self) -> str:
        return self.tr("Select a run to see its curves, test report and score card.")

    def _build(self) -> QTabWidget:
        """The plots, device timelines, report, card and details tabs (once, when the first run is opened)."""
        if self.tabs is not None:
            return self.tabs
        self.plots = QtRunPlots()
        self.device_plots = QtRunDevicePlots()
        self.evaluation = QtEvaluationView()
        self.evaluation.gallery.parentWidget().hide()  # test images are not kept in the store
        self.card_title = plain_label("", object_name="plotTitle", wrap=True)
        self.card_table = key_value_table(
            "historyCardTable", (self.tr("Measured"), self.tr("Value"))
        )
        self.card_box = QWidget()
        cl = QVBoxLayout(self.card_box)
        cl.setContentsMargins(6, 4, 6, 4)
        cl.addWidget(self.card_title)
        cl.addWidget(self.card_table, 1)
        self.details_table = key_value_table("historyDetails", ("", ""))
        self.details_table.horizontalHeader().hide()
        tabs = QTabWidget()
        tabs.setObjectName("historyDetailTabs")
        tabs.addTab(self.plots, self.tr("Curves"))
        tabs.addTab(self.plots.plots.epoch_table, _(EPOCHS))
        tabs.addTab(self.device_plots, self.tr("Device"))
        tabs.addTab(self.evaluation, self.tr("Test report"))
        tabs.addTab(self.card_box, _(SCORE_CARD))
        tabs.addTab(self.details_table, self.tr("Details"))
        layout = self._layout
        layout.takeAt(layout.count() - 1)  # the stretch that kept the title at the top
        layout.addWidget(tabs, 1)
        self.tabs = tabs
        return tabs

    def clear(self) -> None:
        """No run opened."""
        self.title.setText(self._select_text())
        if self.tabs is None:
            return
        self.plots.clear()
        self.device_plots.clear()
        self.evaluation.clear(self.tr("Select a run to see its test report."))
        self.card_title.setText("")
        self.card_table.setRowCount(0)
        self.details_table.setRowCount(0)

    def show_record(self, rec: RunRecord) -> None:
        """The run's title line and every tab (a benchmark opens on its score card)."""
        tabs = self._build()
        s = rec.summary
        what = (
            self.tr("{model} on {dataset}").format(model=s.model or "?", dataset=s.dataset)
            if s.dataset
            else s.model or "?"
        )
        self.title.setText(
            self.tr("Run {run} · {name} · {what} · {status} · started {started}").format(
                run=s.id,
                name=one_line(s.name, 80) or default_name(s),
                what=one_line(what, 80),
                status=status_text(s.status),
                started=when(s.started_at),
            )
        )
        self.plots.show_record(rec)
        self.device_plots.show_record(rec)
        self._show_evaluation(rec)
        self._show_card(rec)
        fill_pairs(self.details_table, record_rows(rec))
        if s.kind == "bench" and tabs.currentWidget() is not self.details_table:
            tabs.setCurrentWidget(self.card_box)  # a card, no curves or report

    def _show_evaluation(self, rec: RunRecord) -> None:
        result = rec.result if isinstance(rec.result, dict) else {}
        test = result.get("test") if isinstance(result.get("test"), dict) else None
        if not test and rec.report and rec.confusion_matrix:
            test = {
                "accuracy": rec.summary.test_accuracy or 0.0,
                "report": rec.report,
                "confusion_matrix": rec.confusion_matrix,
            }
        if not test or "report" not in test or "confusion_matrix" not in test:
            why = (
                self.tr("A benchmark has no test report; its figures are on the Score card tab.")
                if rec.summary.kind == "bench"
                else self.tr(
                    "This run {status} before its test evaluation, so there is no test report."
                ).format(status=status_text(rec.summary.status))
            )
            self.evaluation.clear(why)
            return
        shown = SimpleNamespace(
            test={"samples": 0, **test},
            info=rec.info or {},
            config=rec.config or {},
            epochs=rec.epochs,
            misclassified=[],
            misclassified_images=None,
        )
        try:
            self.evaluation.show_result(shown)
        except (KeyError, TypeError, ValueError) as exc:  # a report from an older Suanli
            self.evaluation.clear(
                self.tr("The stored test report cannot be shown ({error}).").format(error=exc)
            )

    def _show_card(self, rec: RunRecord) -> None:
        if not rec.card and rec.scores:  # a training run: its own scores (docs/scores.md)
            self.card_title.setText(
                self.tr("This run's own scores (score cards come from benchmark runs).")
            )
            fill_pairs(self.card_table, card_rows({"sub_scores": rec.scores}))
            return
        if not rec.card:
            self.card_title.setText(
                self.tr("This run has no score card (score cards come from benchmark runs).")
            )
            self.card_table.setRowCount(0)
            return
        card = rec.card
        score = card.get("suanli_score")
        score_text = fmt_number(score, 4) if isinstance(score, int | float) else _(NOT_AVAILABLE)
        self.card_title.setText(
            self.tr(
                "Score card card:{card} · Suanli score {score} · suite {suite} · created {created}"
            ).format(
                card=rec.card_id,
                score=score_text,
                suite=one_line(card.get("suite_version", "?"), 20),
                created=one_line(card.get("created_utc", "?"), 30),
            )
        )
        fill_pairs(self.card_table, card_rows(card))
