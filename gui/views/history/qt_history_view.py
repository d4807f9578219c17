"""The History tab: every run in the results store; open one to see its plots, device
timelines (:mod:`gui.views.history.qt_run_device`), test report and score card again; rename, tag,
delete; export reports and score cards, import score cards. The actions follow the
table's selection (:mod:`gui.views.history.qt_run_actions`: buttons, context menu, keys).

The list is one query (:meth:`engine.store.store.Store.list_runs`: summaries, no series) into a
table model; a run's series are read only when it is opened (:meth:`Store.get_run`).
Filters go to the store (:class:`engine.store.records.RunFilter`); sorting happens in the model
(every column, unknown values last). The store is in WAL mode, so the window reads it
while a job's :class:`~engine.store.writer.StoreWriter` writes it.

Every button here is also a command: ``python -m engine runs list|show|rename|tag|delete|
export`` and ``python -m engine import``. Everything read from the store or from a card
file is shown as plain text.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine.cards.card_file import ImportResult
from engine.store.cards import export_run_card, import_card_file
from engine.store.records import RunFilter, RunRecord, RunSummary, StoreError
from engine.store.store import Store
from gui.formatting import one_line, when
from gui.theme import plain_label
from gui.views.history.qt_run_actions import QtRunActions
from gui.views.history.qt_run_detail import QtRunDetail
from gui.views.history.qt_run_device import QtRunDevicePlots
from gui.views.history.qt_run_filters import QtRunFilters
from gui.views.history.qt_run_plots import QtRunPlots
from gui.views.history.run_table import (
    COLUMNS,
    NAME_COL,
    SHOWN_ORDER,
    RunTableModel,
    default_name,
    short_device,
    split_tags,
)
from gui.widgets.card_import import ask_import_paths, import_summary
from gui.widgets.qt_evaluation_view import QtEvaluationView
from gui.widgets.reload_when_shown import ReloadWhenShown

# What can go wrong reading or writing the store: one line in the view, never a crash.
STORE_ERRORS = (StoreError, sqlite3.Error, OSError, ValueError)
OPEN_DELAY_MS = 120  # a run opens when the selection rests this long (arrow keys skim)
RESIZE_ROWS = 40  # rows the column widths are fitted to


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """A Yes/No question in plain text (the text may hold names from the store)."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


class QtHistoryView(ReloadWhenShown):
    """Filters, the run table, actions, and the opened run's plots, report and card."""

    logged = Signal(str, str)  # (level, message) for the window's log
    cards_changed = Signal()  # cards were imported or deleted (the Compare tab reloads)
    run_opened = Signal(int)

    def __init__(self, store: Store | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._all: list[RunSummary] = []
        self._sized = False  # columns fitted to the text of the first rows loaded
        self.opened: RunRecord | None = None
        self.load_seconds: float | None = None  # the last refresh(), for bench/history_bench.py

        # -- filters -------------------------------------------------------------------
        self.filters = QtRunFilters()
        self.filters.changed.connect(self.apply_filters)
        self.search = self.filters.search
        self.dataset_filter = self.filters.dataset_filter
        self.device_filter = self.filters.device_filter
        self.status_filter = self.filters.status_filter
        self.tag_filter = self.filters.tag_filter
        self.count_label = plain_label("", object_name="plotReadout")
        self.refresh_button = self.filters.refresh_button
        self.refresh_button.clicked.connect(self.refresh)

        # -- table ---------------------------------------------------------------------
        self.model = RunTableModel(self._on_edit)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        for i, c in enumerate(COLUMNS):
            self.table.setColumnWidth(i, c.width)
        header.setStretchLastSection(True)
        for shown, logical in enumerate(SHOWN_ORDER):
            header.moveSection(header.visualIndex(logical), shown)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # newest first
        # the selection (not the current row: it changes before a click selects) drives
        # the actions and opens the run
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._open_timer = QTimer(self)
        self._open_timer.setSingleShot(True)
        self._open_timer.setInterval(OPEN_DELAY_MS)
        self._open_timer.timeout.connect(self._on_open_timer)

        # -- actions -------------------------------------------------------------------
        self.actions = QtRunActions(self)
        self.rename_button = self.actions.rename_button
        self.tags_button = self.actions.tags_button
        self.export_button = self.actions.export_button
        self.delete_button = self.actions.delete_button
        self.import_button = self.actions.import_button
        self.message = plain_label("", object_name="historyMessage", wrap=True)
        self.message.hide()

        # -- detail: the opened run (its tabs are built when the first run is opened) ----
        self.detail = QtRunDetail()

        # -- layout --------------------------------------------------------------------
        actions = QHBoxLayout()
        actions.setSpacing(6)
        for b in (self.rename_button, self.tags_button, self.export_button, self.delete_button):
            actions.addWidget(b)
        actions.addWidget(self.count_label, 1, Qt.AlignmentFlag.AlignCenter)
        actions.addWidget(self.refresh_button)
        actions.addWidget(self.import_button)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(6, 6, 6, 0)
        tl.setSpacing(4)
        tl.addWidget(self.filters)
        tl.addWidget(self.table, 1)
        tl.addLayout(actions)
        tl.addWidget(self.message)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(top)
        self.split.addWidget(self.detail)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        self.split.setSizes([300, 330])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.split, 1)
        self._update_buttons()

    # -- store -------------------------------------------------------------------------
    def store(self) -> Store:
        """The store, opened on first use (the default one under $SUANLI_HOME)."""
        if self._store is None:
            self._store = Store()
        return self._store

    def _problem(self, what: str, exc: BaseException) -> None:
        text = self.tr("{what}: {error}").format(
            what=what, error=one_line(str(exc) or type(exc).__name__, 300)
        )
        self.show_message(text, "warning")

    def show_message(self, text: str, level: str = "info") -> None:
        """One line under the table (and in the window's log)."""
        color = {"warning": "#b45309", "error": "#b91c1c"}.get(level, "palette(window-text)")
        self.message.setStyleSheet(f"color: {color};")
        self.message.setText(text)
        self.message.show()
        self.logged.emit(level, text)

    # -- the opened run's widgets (built with its tabs) -----------------------------------
    @property
    def title(self) -> QLabel:
        return self.detail.title

    @property
    def detail_tabs(self) -> QTabWidget | None:
        return self.detail.tabs

    @property
    def plots(self) -> QtRunPlots:
        return self.detail.plots

    @property
    def device_plots(self) -> QtRunDevicePlots:
        return self.detail.device_plots

    @property
    def evaluation(self) -> QtEvaluationView:
        return self.detail.evaluation

    @property
    def card_box(self) -> QWidget:
        return self.detail.card_box

    @property
    def card_table(self) -> QTableWidget:
        return self.detail.card_table

    @property
    def details_table(self) -> QTableWidget:
        return self.detail.details_table

    # -- loading -------------------------------------------------------------------------
    def current_filter(self) -> RunFilter:
        return self.filters.current()

    def refresh(self) -> bool:
        """Read the run list (summaries only) and fill the filters and the table."""
        t0 = time.perf_counter()
        try:
            store = self.store()
            self._all = store.list_runs()
            tags = store.all_tags()
        except STORE_ERRORS as exc:
            self._problem(self.tr("The results store cannot be read"), exc)
            return False
        self.stale = False
        self.filters.fill(self.dataset_filter, sorted({s.dataset for s in self._all if s.dataset}))
        devices = sorted({s.device for s in self._all if s.device})
        self.filters.fill(self.device_filter, devices, short_device)
        self.filters.fill(self.tag_filter, tags)
        ok = self.apply_filters()
        self.load_seconds = time.perf_counter() - t0
        return ok

    def apply_filters(self) -> bool:
        """Show the runs that pass the filters (one store query when any is set)."""
        self.filters.search_timer.stop()
        f = self.current_filter()
        if f == RunFilter():
            runs = self._all
        else:
            try:
                runs = self.store().list_runs(f)
            except STORE_ERRORS as exc:
                self._problem(self.tr("The results store cannot be read"), exc)
                return False
        self._set_rows(runs)
        return True

    def _set_rows(self, runs: list[RunSummary]) -> None:
        keep = self.selected_id()
        several = [x.id for x in self.selected_summaries()] if keep is None else []
        self.model.set_rows(runs)
        if runs and not self._sized:
            self._size_columns()
        total = len(self._all)
        shown = len(runs)
        if shown != total:
            count = self.tr("{shown} of {total} runs").format(
                shown=f"{shown:,}", total=f"{total:,}"
            )
        elif total == 1:
            count = self.tr("{count} run").format(count=f"{total:,}")
        else:
            count = self.tr("{count} runs").format(count=f"{total:,}")
        self.count_label.setText(count)
        if keep is not None and self.model.row_of(keep) is not None:
            self.select_run(keep)
            summary = self.model.summary(self.model.row_of(keep) or 0)
            if self.opened is not None and self.opened.summary != summary:
                self.open_run(keep)  # it changed since it was opened (it was running)
        elif keep is not None:
            self._close_run()
        elif several:
            self.select_runs(several)
        self._update_buttons()

    def _size_columns(self) -> None:
        """Fit the columns to the header and the first rows' text, once (not to every row:
        with thousands of runs that would cost more than the query)."""
        self._sized = True
        header = self.table.horizontalHeader()
        head_fm = header.fontMetrics()
        fm = self.table.fontMetrics()
        rows = self.model.rows[:RESIZE_ROWS]
        for i, c in enumerate(COLUMNS):
            head = head_fm.horizontalAdvance(c.shown_title) + 28  # room for the sort arrow
            width = head
            for s in rows:
                width = max(width, fm.horizontalAdvance(c.text(s)) + 14)
            self.table.setColumnWidth(i, max(head, min(width, c.width)))  # the title never cut

    # -- selection and opening ----------------------------------------------------------
    def selected_id(self) -> int | None:
        s = self.selected_summary()
        return None if s is None else s.id

    def selected_summary(self) -> RunSummary | None:
        """The one run selected (None when none or several are)."""
        selected = self.selected_summaries()
        return selected[0] if len(selected) == 1 else None

    def selected_summaries(self) -> list[RunSummary]:
        """The selected runs, in the table's order."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.summary(r) for r in rows if r < self.model.rowCount()]

    def select_run(self, run_id: int) -> bool:
        row = self.model.row_of(run_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def select_runs(self, run_ids: Iterable[int]) -> None:
        """Select the rows of ``run_ids`` that are shown (the others are left out)."""
        sel = self.table.selectionModel()
        sel.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for run_id in run_ids:
            row = self.model.row_of(run_id)
            if row is not None:
                sel.select(self.model.index(row, 0), flags)

    def _on_selection_changed(self, *_: object) -> None:
        self._update_buttons()
        if self.selected_summary() is not None:
            self._open_timer.start()

    def _on_open_timer(self) -> None:
        s = self.selected_summary()
        if s is not None and (self.opened is None or self.opened.summary != s):
            self.open_run(s.id)

    def open_run(self, run_id: int) -> RunRecord | None:
        """Read one run with its series and show it below the list."""
        self._open_timer.stop()
        try:
            rec = self.store().get_run(run_id, series=True)
        except STORE_ERRORS as exc:
            self._problem(self.tr("Run {run} cannot be read").format(run=run_id), exc)
            return None
        self.opened = rec
        self.detail.show_record(rec)
        self.run_opened.emit(run_id)
        return rec

    def _close_run(self) -> None:
        self.opened = None
        self.detail.clear()

    # -- actions -------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        self.actions.update(self.selected_summaries())

    def _on_edit(self, s: RunSummary, column: int, text: str) -> RunSummary | None:
        if column == NAME_COL:
            return self.rename_run(s.id, text)
        return self.set_tags(s.id, split_tags(text))

    def _updated(self, run_id: int) -> RunSummary | None:
        summary = self.store().get_summary(run_id)
        self.model.replace(summary)
        self._all = [summary if s.id == run_id else s for s in self._all]
        if self.opened is not None and self.opened.id == run_id:
            self.opened.summary = summary
            self.detail.show_record(self.opened)
        self._update_buttons()
        return summary

    def rename_run(self, run_id: int, name: str) -> RunSummary | None:
        """``python -m engine runs rename ID NAME``."""
        try:
            self.store().rename_run(run_id, name)
            return self._updated(run_id)
        except STORE_ERRORS as exc:
            self._problem(self.tr("Run {run} was not renamed").format(run=run_id), exc)
            return None

    def set_tags(self, run_id: int, tags: Iterable[str]) -> RunSummary | None:
        """``python -m engine runs tag ID TAG…`` (and ``--remove``): the run's tags become
        ``tags``."""
        try:
            self.store().set_tags(run_id, list(tags))
            summary = self._updated(run_id)
            self.filters.fill(self.tag_filter, self.store().all_tags())
            return summary
        except STORE_ERRORS as exc:
            self._problem(self.tr("The tags of run {run} were not changed").format(run=run_id), exc)
            return None

    def delete_run(self, run_id: int, *, ask: bool = True) -> bool:
        """``python -m engine runs delete ID``: the run, its series, report and card, and
        its checkpoint folder. Asks first (plain-text question) unless ``ask`` is False."""
        try:
            s = self.store().get_summary(run_id)
        except STORE_ERRORS as exc:
            self._problem(self.tr("Run {run} was not deleted").format(run=run_id), exc)
            return False
        if ask and not confirm(
            self,
            self.tr("Delete run?"),
            self.tr(
                "Delete run {run} ({name}, {model} on {dataset}, started {started})?\n\n"
                "Its metrics, test report, score card and checkpoints are removed. This cannot "
                "be undone."
            ).format(
                run=s.id,
                name=one_line(s.name, 80) or default_name(s),
                model=one_line(s.model or "?", 40),
                dataset=one_line(s.dataset or "?", 40),
                started=when(s.started_at),
            ),
        ):
            return False
        from engine import jobs

        try:
            removed = jobs.delete_run(self.store(), run_id)
        except STORE_ERRORS as exc:
            self._problem(self.tr("Run {run} was not deleted").format(run=run_id), exc)
            return False
        if self.opened is not None and self.opened.id == run_id:
            self._close_run()
        self.show_message(
            self.tr("Run {run} deleted with its checkpoints.").format(run=run_id)
            if removed
            else self.tr("Run {run} deleted.").format(run=run_id)
        )
        self.refresh()
        if s.has_card:
            self.cards_changed.emit()
        return True

    def delete_runs(self, run_ids: list[int]) -> int:
        """Delete ``run_ids`` (one question for them all); how many were deleted."""
        if len(run_ids) == 1:
            return int(self.delete_run(run_ids[0]))
        if not confirm(
            self,
            self.tr("Delete runs?"),
            self.tr(
                "Delete the {count} selected runs ({ids})?\n\n"
                "Their metrics, test reports, score cards and checkpoints are removed. This "
                "cannot be undone."
            ).format(count=len(run_ids), ids=", ".join(map(str, run_ids))),
        ):
            return 0
        return sum(self.delete_run(run_id, ask=False) for run_id in run_ids)

    def export_report(self, run_id: int, path: str | Path) -> Path | None:
        """``python -m engine runs html ID FILE``: the run's self-contained HTML report."""
        from engine.reports.run_report import export_run_html

        try:
            out = export_run_html(self.store(), run_id, path)
        except STORE_ERRORS as exc:
            self._problem(self.tr("The report was not exported"), exc)
            return None
        self.show_message(
            self.tr("Run {run}'s report saved to {path}.").format(
                run=run_id, path=one_line(str(out), 200)
            )
        )
        return out

    def export_card(self, run_id: int, path: str | Path) -> Path | None:
        """``python -m engine runs export ID FILE``."""
        try:
            out = export_run_card(self.store(), run_id, path)
        except STORE_ERRORS as exc:
            self._problem(self.tr("The score card was not exported"), exc)
            return None
        self.show_message(
            self.tr("Run {run}'s score card exported to {path}.").format(
                run=run_id, path=one_line(str(out), 200)
            )
        )
        return out

    def import_cards(self, paths: Iterable[str | Path]) -> list[ImportResult]:
        """``python -m engine import FILE…``: each file checked strictly; a rejected file
        gets a one-line reason and nothing of it is stored."""
        results: list[ImportResult] = []
        try:
            store = self.store()
            for path in paths:
                results.append(import_card_file(store, path))
        except STORE_ERRORS as exc:
            self._problem(self.tr("Score cards were not imported"), exc)
        if not results:
            return results
        for r in results if len(results) > 1 else ():
            self.logged.emit("info" if r.ok else "warning", r.message)
        level, text = import_summary(results)
        self.show_message(text, level)
        if any(r.status == "imported" for r in results):
            self.cards_changed.emit()
        return results

    def ask_rename(self, s: RunSummary) -> None:
        name, ok = QInputDialog.getText(
            self,
            self.tr("Rename run"),
            self.tr("A name for run {run}:").format(run=s.id),
            QLineEdit.EchoMode.Normal,
            s.name,
        )
        if ok:
            self.rename_run(s.id, name)

    def ask_tags(self, selected: list[RunSummary]) -> None:
        """Edit the tags of one run, or the tags the selected runs share (each keeps its
        others)."""
        common = set(selected[0].tags).intersection(*(s.tags for s in selected[1:]))
        shared = [t for t in selected[0].tags if t in common]
        if len(selected) == 1:
            prompt = self.tr("Tags of run {run}, separated by commas:").format(run=selected[0].id)
        else:
            prompt = self.tr(
                "Tags of the {count} selected runs, separated by commas (tags only some "
                "of them have are kept):"
            ).format(count=len(selected))
        text, ok = QInputDialog.getText(
            self, self.tr("Tags"), prompt, QLineEdit.EchoMode.Normal, ", ".join(shared)
        )
        if not ok:
            return
        wanted = split_tags(text)
        for s in selected:
            own = [t for t in s.tags if t not in common]
            self.set_tags(s.id, own + [t for t in wanted if t not in own])

    def ask_import(self) -> None:
        paths = ask_import_paths(self)
        if paths:
            self.import_cards(paths)
