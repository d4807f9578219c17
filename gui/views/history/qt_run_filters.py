"""The filter bar above History's run list: a search field, dataset, device, status and
tag choices, and Refresh. The filters go to the store as a
:class:`~engine.store.store.RunFilter`; the view reads them when :attr:`QtRunFilters.changed`
fires (the search waits until typing rests)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from engine.store.records import RunFilter
from engine.store.schema import STATUSES
from gui.formatting import one_line, plain_tip
from gui.views.history.run_table import status_text

SEARCH_DELAY_MS = 200


class QtRunFilters(QWidget):
    """Search and choices; the choices' values come from the store (:meth:`fill`)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("historySearch")
        self.search.setPlaceholderText(self.tr("Search name, model or dataset"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(100)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._on_changed)
        self.search.textChanged.connect(self.search_timer.start)
        self.search.returnPressed.connect(self._on_changed)
        self.dataset_filter = self._combo(self.tr("All datasets"))
        self.device_filter = self._combo(self.tr("All devices"))
        self.status_filter = self._combo(self.tr("Any status"))
        for status in STATUSES:
            self.status_filter.addItem(status_text(status), status)
        self.tag_filter = self._combo(self.tr("Any tag"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the results store again"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.search, 2)
        for combo in (self.dataset_filter, self.device_filter, self.status_filter):
            layout.addWidget(combo, 1)
        layout.addWidget(self.tag_filter, 1)  # (the view places refresh_button)

    def _combo(self, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.currentIndexChanged.connect(self._on_changed)
        return combo

    def _on_changed(self, *_: object) -> None:
        self.changed.emit()

    def current(self) -> RunFilter:
        """The filters as chosen now."""
        return RunFilter(
            status=self.status_filter.currentData(),
            dataset=self.dataset_filter.currentData(),
            device=self.device_filter.currentData(),
            tag=self.tag_filter.currentData(),
            text=self.search.text().strip() or None,
        )

    @staticmethod
    def fill(combo: QComboBox, values: list[str], label: Callable[[str], str] = one_line) -> None:
        """``combo``'s choices after its first ("all"): ``values``, the chosen one kept."""
        current = combo.currentData()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for v in values:
                combo.addItem(label(v), v)
                combo.setItemData(
                    combo.count() - 1, plain_tip(one_line(v)), Qt.ItemDataRole.ToolTipRole
                )
            index = combo.findData(current) if current is not None else 0
            if index < 0:  # the value is gone from the store: add it back, still chosen
                combo.addItem(label(current), current)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
        finally:
            combo.blockSignals(False)
