"""The Compare tab: score cards side by side (``python -m engine compare card:N …``).

Tick the cards to compare -- this machine's benchmark runs and cards imported from
others -- and pick the baseline. The table lists every sub-score with each card's value
and its ratio to the baseline (green where it is better, red where worse, whichever way
"better" points for that figure); the chart draws the same ratios as grouped bars, one
group per sub-score, since the units differ; the environment table lists GPU, driver,
TensorFlow and CPU, with the facts that differ in bold on amber. The comparison itself is
:func:`engine.reports.compare.compare`, the same as the CLI's. Every text from a card is plain.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.cards.card import CardError, card_from_dict
from engine.cards.card_file import ImportResult
from engine.reports.compare import CompareItem, Comparison, compare, item_from_card
from engine.store.cards import import_card_file
from engine.store.records import CardRow, RunNotFound
from engine.store.store import Store
from gui.formatting import one_line, plain_tip
from gui.theme import MUTED, plain_label
from gui.views.compare.comparison_rows import (
    CARD_HEADERS,
    SCORE_COLUMN,
    STORE_ERRORS,
    card_cells,
    card_header,
    card_name,
    environment_rows,
    hint_text,
    machine,
    score_headers,
    score_line,
    value_column,
    verdict_tip,
)
from gui.views.compare.qt_ratio_chart import QtRatioChart
from gui.widgets.card_import import ask_import_paths, import_summary
from gui.widgets.reload_when_shown import ReloadWhenShown
from gui.wording import reference_words, shipped_reference

BETTER = "#15803d"
WORSE = "#b91c1c"
DIFFERS_BG = "#fef3c7"
DIFFERS_FG = "#92400e"


class QtCompareView(ReloadWhenShown):
    """Card chooser, sub-score table with ratios, grouped bar chart, environment table."""

    logged = Signal(str, str)
    cards_changed = Signal()

    def __init__(self, store: Store | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._cards: dict[int, tuple[CardRow, dict[str, Any]]] = {}  # loaded documents
        self._rows: list[CardRow] = []
        self._run_names: dict[int, str] = {}
        self.comparison: Comparison | None = None
        self.compared_ids: list[int] = []

        # -- choosing ------------------------------------------------------------------
        self.card_table = QTableWidget(0, len(CARD_HEADERS))
        self.card_table.setObjectName("compareCards")
        self.card_table.setHorizontalHeaderLabels([self.tr(h) if h else h for h in CARD_HEADERS])
        self.card_table.verticalHeader().setVisible(False)
        self.card_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.card_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.card_table.setAlternatingRowColors(True)
        self.card_table.setWordWrap(False)
        self.card_table.verticalHeader().setDefaultSectionSize(22)
        h = self.card_table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.card_table.itemChanged.connect(self._on_item_changed)
        self.baseline = QComboBox()
        self.baseline.setObjectName("compareBaseline")
        self.baseline.setToolTip(self.tr("Ratios and bars are relative to this card"))
        self.baseline.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.baseline.currentIndexChanged.connect(self._on_baseline_changed)
        self.import_button = QPushButton(self.tr("Import cards…"))
        self.import_button.setToolTip(
            self.tr("The same from a shell: python -m engine import FILE…")
        )
        self.import_button.clicked.connect(self._on_import_clicked)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(
            self.tr("Read the stored cards again (python -m engine cards list)")
        )
        self.refresh_button.clicked.connect(self.refresh)
        self.hint = plain_label("", object_name="plotReadout", wrap=True)

        # -- results -------------------------------------------------------------------
        self.table = QTableWidget(0, 0)
        self.table.setObjectName("compareTable")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.viewport().installEventFilter(self)  # resized: room to spare to the names
        self.ratio_chart = QtRatioChart()
        self.chart = self.ratio_chart.chart
        self.env_table = QTableWidget(0, 0)
        self.env_table.setObjectName("compareEnvironment")
        self.env_table.verticalHeader().setVisible(False)
        self.env_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.env_table.setWordWrap(False)
        self.env_table.verticalHeader().setDefaultSectionSize(22)
        self.notes = plain_label("", object_name="notice", wrap=True)
        self.notes.hide()
        self.verdicts = plain_label("", object_name="compareVerdicts", wrap=True)
        self.verdicts.setToolTip(
            self.tr(
                "Each ratio has a 95 % interval; a difference is called only when the "
                "interval leaves no doubt, else it is within noise"
            )
        )
        self.verdicts.hide()

        # -- layout --------------------------------------------------------------------
        choose_head = QHBoxLayout()
        choose_head.addWidget(plain_label(self.tr("Score cards"), object_name="plotTitle"))
        choose_head.addWidget(self.hint, 1)
        choose_head.addWidget(plain_label(self.tr("Baseline:")))
        choose_head.addWidget(self.baseline)
        choose_head.addWidget(self.refresh_button)
        choose_head.addWidget(self.import_button)
        choose = QWidget()
        chl = QVBoxLayout(choose)
        chl.setContentsMargins(6, 6, 6, 0)
        chl.setSpacing(4)
        chl.addLayout(choose_head)
        chl.addWidget(self.card_table, 1)
        table_box = QWidget()
        tl = QVBoxLayout(table_box)
        tl.setContentsMargins(6, 4, 6, 4)
        tl.addWidget(plain_label(self.tr("Sub-scores"), object_name="plotTitle"))
        tl.addWidget(self.verdicts)
        tl.addWidget(self.table, 1)
        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(table_box)
        middle.addWidget(self.ratio_chart)
        middle.setStretchFactor(0, 3)
        middle.setStretchFactor(1, 2)
        middle.setSizes([520, 380])
        env_box = QWidget()
        el = QVBoxLayout(env_box)
        el.setContentsMargins(6, 4, 6, 4)
        el.setSpacing(2)
        el.addWidget(
            plain_label(self.tr("Environment (differences in bold)"), object_name="plotTitle")
        )
        el.addWidget(self.env_table, 1)
        el.addWidget(self.notes)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(choose)
        self.split.addWidget(middle)
        self.split.addWidget(env_box)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 3)
        self.split.setStretchFactor(2, 1)
        self.split.setSizes([140, 310, 170])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.split, 1)
        self._show_comparison()

    # -- store -------------------------------------------------------------------------
    def store(self) -> Store:
        if self._store is None:
            self._store = Store()
        return self._store

    def _problem(self, what: str, exc: BaseException) -> None:
        text = self.tr("{what}: {error}").format(
            what=what, error=one_line(str(exc) or type(exc).__name__, 300)
        )
        self.hint.setText(text)
        self.logged.emit("warning", text)

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> bool:
        """Read the stored cards (ticks are kept by card id)."""
        checked = self.checked_ids()
        try:
            store = self.store()
            rows = store.list_cards()
            self._run_names = {}
            for row in rows:
                if row.run_id is not None:
                    try:
                        name = one_line(store.get_summary(row.run_id).name, 60)
                    except RunNotFound:  # deleted since the list was read
                        name = ""
                    self._run_names[row.run_id] = name or self.tr("benchmark")
        except STORE_ERRORS as exc:
            self._problem(self.tr("The stored score cards cannot be read"), exc)
            return False
        self.stale = False
        self._rows = rows
        self._cards = {k: v for k, v in self._cards.items() if any(r.id == k for r in rows)}
        self._fill_cards(checked)
        self._update()
        return True

    def _fill_cards(self, checked: Iterable[int]) -> None:
        keep = set(checked)
        table = self.card_table
        table.blockSignals(True)
        try:
            table.setRowCount(len(self._rows))
            for r, row in enumerate(self._rows):
                box = QTableWidgetItem()
                box.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                box.setCheckState(
                    Qt.CheckState.Checked if row.id in keep else Qt.CheckState.Unchecked
                )
                box.setData(Qt.ItemDataRole.UserRole, row.id)
                table.setItem(r, 0, box)
                texts = card_cells(row, self._run_names.get(row.run_id, ""))
                for c, text in enumerate(texts, start=1):
                    item = QTableWidgetItem(text)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    if c == SCORE_COLUMN:
                        item.setTextAlignment(
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                        )
                    table.setItem(r, c, item)
        finally:
            table.blockSignals(False)

    # -- choosing ------------------------------------------------------------------------
    def checked_ids(self) -> list[int]:
        """The ticked cards, in table order."""
        out = []
        for r in range(self.card_table.rowCount()):
            item = self.card_table.item(r, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_checked(self, card_ids: Iterable[int], baseline: int | None = None) -> None:
        """Tick exactly these cards (and make ``baseline`` the first); for tests and scripts."""
        want = set(card_ids)
        self.card_table.blockSignals(True)
        try:
            for r in range(self.card_table.rowCount()):
                item = self.card_table.item(r, 0)
                card_id = int(item.data(Qt.ItemDataRole.UserRole))
                item.setCheckState(
                    Qt.CheckState.Checked if card_id in want else Qt.CheckState.Unchecked
                )
        finally:
            self.card_table.blockSignals(False)
        self._update(baseline)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            self._update()

    def _on_baseline_changed(self, _index: int) -> None:
        if not self.baseline.signalsBlocked():
            self._update(self.baseline.currentData())

    def _update(self, baseline: int | None = None) -> None:
        """Rebuild the baseline choice and the comparison from the ticked cards."""
        ids = self.checked_ids()
        if baseline is None:
            baseline = self.baseline.currentData()
        if baseline not in ids:
            baseline = ids[0] if ids else None
        self.baseline.blockSignals(True)
        try:
            self.baseline.clear()
            for card_id in ids:
                self.baseline.addItem(f"card:{card_id}", card_id)
            if baseline is not None:
                self.baseline.setCurrentIndex(self.baseline.findData(baseline))
        finally:
            self.baseline.blockSignals(False)
        ordered = ([baseline] if baseline is not None else []) + [i for i in ids if i != baseline]
        items: list[CompareItem] = []
        for card_id in ordered:
            item = self._item(card_id)
            if item is not None:
                items.append(item)
        self.compared_ids = ordered[: len(items)]
        self.comparison = compare(items) if items else None
        self._show_comparison()

    def _item(self, card_id: int) -> CompareItem | None:
        if card_id not in self._cards:
            try:
                self._cards[card_id] = self.store().get_card(card_id)
            except STORE_ERRORS as exc:
                self._problem(self.tr("card:{card} cannot be read").format(card=card_id), exc)
                return None
        row, doc = self._cards[card_id]
        try:
            card = card_from_dict(doc)
        except CardError as exc:
            self._problem(self.tr("card:{card} cannot be compared").format(card=card_id), exc)
            return None
        return item_from_card(f"card:{card_id}", card)

    def _machine(self, card_id: int) -> str:
        return machine(self._rows, card_id)

    # -- showing -------------------------------------------------------------------------
    def _show_comparison(self) -> None:
        cmp = self.comparison
        n = len(cmp.items) if cmp is not None else 0
        ids = self.compared_ids[:n]
        self.hint.setText(hint_text(len(self._rows), n, ids[0] if ids else None))
        self._fill_table(cmp)
        keys = [self._key(k) for k in range(n)]
        names = [card_name(i) for i in ids]
        self.ratio_chart.show_comparison(cmp, keys, names)
        self._fill_environment(cmp)
        sentences = cmp.sentences(names) if cmp is not None else []
        plain = [
            card_name(self.compared_ids[k])
            for k, item in enumerate(cmp.items if cmp is not None else [])
            if not item.has_uncertainty
        ]
        if plain:
            sentences.append(
                self.tr("No uncertainty (a version-1 card): {cards}").format(cards=", ".join(plain))
            )
        reference = self._reference_line(cmp)
        if reference and sentences:
            sentences.append(reference)
        self.verdicts.setText("\n".join(one_line(t, 300) for t in sentences))
        self.verdicts.setVisible(bool(sentences))
        notes = cmp.shown_notes() if cmp is not None else []
        note = self.tr("Note: {note}")
        self.notes.setText("\n".join(note.format(note=one_line(t, 300)) for t in notes))
        self.notes.setVisible(bool(notes))

    def _reference_line(self, cmp: Comparison | None) -> str | None:
        """What 1000 means, in the window's words."""
        ref = cmp.reference if cmp is not None else {}
        ci = ref.get("composite_ci95")
        if not ref.get("name") or not ci:
            return None
        return self.tr(
            "Suanli score 1000 = {machine} ({name}; its own suites scored {low} – {high})"
        ).format(
            machine=reference_words(shipped_reference()),
            name=ref["name"],
            low=f"{ci[0]:.0f}",
            high=f"{ci[1]:.0f}",
        )

    def _header(self, k: int) -> str:
        return card_header(k, self.compared_ids[k])

    def _key(self, k: int) -> str:
        return f"{self._header(k)} · {self._machine(self.compared_ids[k])}"

    def _fill_table(self, cmp: Comparison | None) -> None:
        table = self.table
        table.clear()
        if cmp is None:
            table.setRowCount(0)
            table.setColumnCount(0)
            return
        headers = score_headers(self.compared_ids[: len(cmp.items)])
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        for k in range(len(cmp.items)):  # the machine, where the header has no room
            table.horizontalHeaderItem(value_column(k)).setToolTip(plain_tip(self._key(k)))
        table.setRowCount(len(cmp.rows))
        bold = QFont(table.font())
        bold.setBold(True)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, row in enumerate(cmp.rows):
            line = score_line(row)
            first = QTableWidgetItem(line.name)
            first.setToolTip(plain_tip(line.tip))
            if line.bold:
                first.setFont(bold)
            table.setItem(r, 0, first)
            table.setItem(r, 1, QTableWidgetItem(line.unit))
            for c, (text, v) in enumerate(line.cells, start=2):
                cell = QTableWidgetItem(text)
                cell.setTextAlignment(right)
                if v is not None:  # a ratio: better, worse or within noise of the baseline
                    if v:
                        cell.setForeground(QBrush(QColor(BETTER if v > 0 else WORSE)))
                    k = (c - 2) // 2 - 1  # cells: v1, v2, r2, v3, r3, ...
                    has_ci = k < len(line.intervals) and line.intervals[k]
                    tip = verdict_tip(v, has_ci)
                    if tip:
                        cell.setToolTip(tip)
                table.setItem(r, c, cell)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Every column as wide as its text; room to spare goes to the sub-score names
        (a stretched column would be squeezed to nothing when there is none)."""
        table = self.table
        if not table.columnCount():
            return
        table.resizeColumnsToContents()
        used = sum(table.columnWidth(c) for c in range(table.columnCount()))
        slack = table.viewport().width() - used - 2
        if slack > 0:
            table.setColumnWidth(0, table.columnWidth(0) + slack)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fill_environment(self, cmp: Comparison | None) -> None:
        table = self.env_table
        table.clear()
        if cmp is None:
            table.setRowCount(0)
            table.setColumnCount(0)
            return
        rows = environment_rows(cmp)
        table.setColumnCount(1 + len(cmp.items))
        table.setHorizontalHeaderLabels(
            [self.tr("Fact")] + [self._key(k) for k in range(len(cmp.items))]
        )
        table.setRowCount(len(rows))
        bold = QFont(table.font())
        bold.setBold(True)
        bg = QBrush(QColor(DIFFERS_BG))
        fg = QBrush(QColor(DIFFERS_FG))
        for r, (label, values, differs) in enumerate(rows):
            cells = [label, *values]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tip(text) if len(text) > 30 else "")
                if differs:
                    item.setFont(bold)
                    item.setBackground(bg)
                    item.setForeground(fg)
                    item.setToolTip(self.tr("differs between the cards"))
                elif c == 0:
                    item.setForeground(QBrush(QColor(MUTED)))
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

    def differing_facts(self) -> list[str]:
        """Labels of the environment rows shown as different (for tests)."""
        out = []
        for r in range(self.env_table.rowCount()):
            item = self.env_table.item(r, 0)
            if item is not None and item.font().bold():
                out.append(item.text())
        return out

    # -- importing -------------------------------------------------------------------------
    def import_cards(self, paths: Iterable[str | Path]) -> list[ImportResult]:
        """``python -m engine import FILE…``; the new cards appear in the list."""
        results: list[ImportResult] = []
        try:
            store = self.store()
            for path in paths:
                results.append(import_card_file(store, path))
        except STORE_ERRORS as exc:
            self._problem(self.tr("Score cards were not imported"), exc)
            return results
        if not results:
            return results
        for r in results if len(results) > 1 else ():
            self.logged.emit("info" if r.ok else "warning", r.message)
        level, text = import_summary(results)
        self.logged.emit(level, text)
        self.refresh()
        new = [r.card_id for r in results if r.status == "imported" and r.card_id is not None]
        if new:  # the cards just imported are ticked, next to whatever was ticked
            self.set_checked([*self.checked_ids(), *new])
        self.hint.setText(text)
        if any(r.status == "imported" for r in results):
            self.cards_changed.emit()
        return results

    def _on_import_clicked(self) -> None:
        paths = ask_import_paths(self)
        if paths:
            self.import_cards(paths)
