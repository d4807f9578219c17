"""The Compression tab: run the compression lab and compare its variants side by side.

The lab is ``engine.compress.run_compression``: it trains a baseline, converts it to four
TensorFlow Lite formats, prunes it and distils a student from a wider teacher, and measures
every variant the same way. This view holds the lab's few settings, a Run / Stop pair with
progress (stage, epoch and step), one table with a row per variant as soon as it is
measured, two scatter charts (accuracy vs size, accuracy vs latency) and a one-line note
on pruning and distillation. The window owns the worker: the view asks for a start or a
stop through signals, hands the window an engine callback (:class:`LabStatus`) and is
told what happens.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.compress.config import VARIANTS, CompressConfig
from engine.config import RunConfig
from engine.i18n import _
from engine.i18n.formatting import fmt_duration
from engine.i18n.vocabulary import EPOCHS
from gui.theme import plain_label
from gui.views.compression.lab_model import SAME_AS_FORM, LabStatus, lab_config, lab_note
from gui.views.compression.variant_scatter import VariantScatter
from gui.views.compression.variant_table import (
    COLUMNS,
    SHOWN_ORDER,
    cell_text,
    kb_text,
    ms_text,
    tr_lab,
    variant_about,
    variant_color,
    variant_label,
)
from gui.views.compression.verdict import verdict_text
from gui.widgets.qt_plot_panel import QtPlotPanel
from gui.widgets.qt_run_strip import QtRunStrip, RunStripParts
from gui.wording import DATASET_CHOICES

PROGRESS_HZ = 5


class QtCompressionView(RunStripParts, QWidget):
    """Lab settings, Run / Stop with progress, the variants table, two charts and a note."""

    start_requested = Signal()
    stop_requested = Signal()
    row_measured = Signal(object)  # emitted from the worker thread by LabStatus: queued

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        d = CompressConfig()
        self.rows: list[dict[str, Any]] = []
        self.result: dict[str, Any] | None = None
        self.overrides: dict[str, Any] = {}  # CompressConfig fields that win (tests, scripts)
        self.lab_progress: LabStatus | None = None
        self._running = False

        intro = plain_label(
            self.tr(
                "Trains a baseline, then shrinks it: TensorFlow Lite quantization (float16, dynamic "
                "range, int8), pruning and distillation. Every variant is measured the same way."
            ),
            wrap=True,
        )
        self.dataset = QComboBox()
        self.dataset.addItem(tr_lab(SAME_AS_FORM), None)
        for label, value in DATASET_CHOICES:  # marked in the training form's context
            self.dataset.addItem(QCoreApplication.translate("QtRunForm", label), value)
        self.dataset.setToolTip(
            self.tr(
                "Which images to learn from. The data folder, training-image limit, seed and "
                "device always come from the training form on the left."
            )
        )
        self.epochs = QSpinBox(minimum=1, maximum=10_000, value=d.epochs)
        self.epochs.setToolTip(
            self.tr(
                "Epochs for the baseline, the teacher and the distilled student each, so the "
                "student and the baseline train equally long"
            )
        )
        self.sparsity = QSpinBox(minimum=1, maximum=99, value=round(100 * d.sparsity))
        self.sparsity.setSuffix(" %")
        self.sparsity.setToolTip(self.tr("Share of the weights pruning sets to zero"))
        self.advanced_button = QToolButton(text=self.tr("Advanced ▸"))
        self.advanced_button.setCheckable(True)
        self.advanced_button.setAutoRaise(True)
        self.advanced_button.setToolTip(self.tr("Pruning epochs and the distillation settings"))
        self.advanced_button.toggled.connect(self._on_advanced_toggled)
        self.prune_epochs = QSpinBox(minimum=1, maximum=10_000, value=d.prune_epochs)
        self.prune_epochs.setToolTip(self.tr("Fine-tuning epochs while the sparsity ramps up"))
        self.temperature = QDoubleSpinBox(
            minimum=0.1, maximum=100.0, value=d.temperature, singleStep=0.5, decimals=1
        )
        self.temperature.setToolTip(
            self.tr(
                "Distillation temperature T: higher values soften the teacher's answers, so the "
                "student also learns which wrong classes the teacher found close"
            )
        )
        self.alpha = QDoubleSpinBox(
            minimum=0.0, maximum=1.0, value=d.alpha, singleStep=0.05, decimals=2
        )
        self.alpha.setToolTip(
            self.tr("Weight α of the true labels in the student's loss; 1 − α goes to the teacher")
        )

        self.strip = QtRunStrip(
            self.tr("Run compression lab"), self.tr("Stop"), self.tr("Ready."), progress_max=1000
        )
        self.strip.run_clicked.connect(self.start_requested)
        self.strip.stop_clicked.connect(self.stop_requested)
        self.note = plain_label("", object_name="labNote", wrap=True, selectable=True)
        self.note.hide()
        self.verdict = plain_label("", object_name="labVerdict", wrap=True, selectable=True)
        self.verdict.setStyleSheet("font-weight: 600;")
        self.verdict.setToolTip(
            self.tr(
                "The smallest variant whose test accuracy stays within half a point of the "
                "original's; “faster” compares the time for one image (p50, batch 1)"
            )
        )
        self.verdict.hide()

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("variantTable")
        for col, c in enumerate(COLUMNS):
            item = QTableWidgetItem(tr_lab(c.header))
            item.setToolTip(tr_lab(c.tip))
            self.table.setHorizontalHeaderItem(col, item)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for shown, logical in enumerate(SHOWN_ORDER):  # variant, accuracy, size, speed first
            header.moveSection(header.visualIndex(logical), shown)

        self.size_chart = QtPlotPanel(
            self.tr("Accuracy vs size"),
            self.tr("size S (kB)"),
            self.tr("test accuracy (%)"),
            legend=False,
            hover_fn=lambda x, y: self._size_scatter.readout(x, y),
        )
        self.latency_chart = QtPlotPanel(
            self.tr("Accuracy vs latency"),
            self.tr("latency p50, batch 1 (ms, log scale)"),
            self.tr("test accuracy (%)"),
            legend=False,
            hover_fn=lambda x, y: self._latency_scatter.readout(x, y),
        )
        self._size_scatter = VariantScatter(
            self.size_chart,
            "size_bytes",
            self.tr("size"),
            lambda v: f"{kb_text(v)} kB",
            log_x=False,
        )
        self._latency_scatter = VariantScatter(
            self.latency_chart,
            "latency_ms_p50",
            self.tr("latency p50"),
            lambda v: f"{ms_text(v)} ms",
            log_x=True,
        )

        self._timer = QTimer(self)
        self._timer.setInterval(1000 // PROGRESS_HZ)
        self._timer.timeout.connect(self._on_progress_tick)
        self.row_measured.connect(self._on_row_measured)
        self.intro = intro
        for chart in (self.size_chart, self.latency_chart):
            chart.plot_widget.setMinimumHeight(110)  # the table keeps its rows on 768 px
        self._build_layout(intro)
        self._on_advanced_toggled(False)

    def _build_layout(self, intro: QWidget) -> None:
        def field(text: str, widget: QWidget) -> QHBoxLayout:
            box = QHBoxLayout()
            box.setSpacing(4)
            label = plain_label(text)
            label.setToolTip(widget.toolTip())
            box.addWidget(label)
            box.addWidget(widget)
            return box

        settings = QHBoxLayout()
        settings.setSpacing(14)
        settings.addLayout(field(self.tr("Dataset"), self.dataset))
        settings.addStretch(1)
        numbers = QHBoxLayout()  # a second row: the tab fits a 1024 px window
        numbers.setSpacing(14)
        settings_rows = QVBoxLayout()
        settings_rows.setSpacing(4)
        settings_rows.addLayout(settings)
        settings_rows.addLayout(numbers)
        settings = numbers
        settings.addLayout(field(_(EPOCHS), self.epochs))
        settings.addLayout(field(self.tr("Target sparsity"), self.sparsity))
        settings.addWidget(self.advanced_button)
        settings.addStretch(1)
        self.advanced = QWidget()
        adv = QHBoxLayout(self.advanced)
        adv.setContentsMargins(0, 0, 0, 0)
        adv.setSpacing(14)
        adv.addLayout(field(self.tr("Pruning epochs"), self.prune_epochs))
        adv.addLayout(field(self.tr("Temperature T"), self.temperature))
        adv.addLayout(field(self.tr("Label weight α"), self.alpha))
        adv.addStretch(1)

        table_box = QWidget()
        tl = QVBoxLayout(table_box)
        tl.setContentsMargins(6, 4, 6, 4)
        tl.setSpacing(2)
        tl.addWidget(plain_label(self.tr("Variants"), object_name="plotTitle"))
        tl.addWidget(self.table, 1)
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.size_chart)
        charts.addWidget(self.latency_chart)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(table_box)
        split.addWidget(charts)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        line = self.fontMetrics().height()
        rows = len(VARIANTS) * self.table.verticalHeader().defaultSectionSize()
        # title, 2-line header, every row; the charts take what is left (stretch 1)
        split.setSizes([3 * line + 24 + rows + 4, 1])
        self.split = split
        self._split_dragged = False  # the user's choice wins over _fit_table
        split.splitterMoved.connect(lambda *_: setattr(self, "_split_dragged", True))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(intro)
        layout.addLayout(settings_rows)
        layout.addWidget(self.advanced)
        layout.addWidget(self.strip)
        layout.addWidget(self.verdict)
        layout.addWidget(self.note)
        layout.addWidget(split, 1)

    # -- the config ----------------------------------------------------------------------------
    def compress_config(self, form: RunConfig | None = None) -> CompressConfig:
        """The lab's config, not yet validated: this view's settings, the data folder,
        limit, seed and device of the training form (``form``), then :attr:`overrides`."""
        settings = {
            "dataset": self.dataset.currentData(),
            "epochs": self.epochs.value(),
            "sparsity": self.sparsity.value() / 100,
            "prune_epochs": self.prune_epochs.value(),
            "temperature": self.temperature.value(),
            "alpha": self.alpha.value(),
        }
        return lab_config(form, settings, self.overrides)

    def new_progress(self) -> LabStatus:
        """A fresh engine callback for the next job (rows arrive through ``row_measured``)."""
        self.lab_progress = LabStatus(self.row_measured.emit)
        return self.lab_progress

    # -- told by the window ----------------------------------------------------------------
    def set_running(self, running: bool) -> None:
        self._running = running
        if running:
            self.rows = []
            self.result = None
            self._redraw_rows()
            self.note.hide()
            self.strip.set_fraction(0.0)
            self.strip.set_status(self.tr("Loading the data and building the models…"))
            self._timer.start()
        else:
            self._timer.stop()
        self._apply_enabled()

    def set_busy_elsewhere(self, busy: bool) -> None:
        """Another job holds the device: the button waits."""
        self.strip.set_busy_elsewhere(busy)

    def show_stopping(self) -> None:
        self._timer.stop()
        self.strip.show_stopping(self.tr("Stopping after this batch…"))

    def show_error(self, message: str) -> None:
        """A setting the engine refused (before any work started)."""
        self.strip.set_status(message)

    def show_finished(
        self, result: dict[str, Any] | None, error: str | None, stopped: bool
    ) -> None:
        """The job ended: its result (None after an error), its error, whether Stop was hit."""
        self._on_progress_tick()
        self._timer.stop()
        self.result = result
        if result is not None and len(result.get("variants") or []) >= len(self.rows):
            self.rows = [dict(r) for r in result["variants"]]
            self._redraw_rows()
        self._show_note()
        n = len(self.rows)
        if error:
            self.strip.set_status(
                self.tr("The compression lab failed: {error}").format(error=error)
            )
        elif result is None or result.get("status") != "finished":
            self.strip.set_status(
                self.tr("Stopped; {measured} of {variants} variants measured.").format(
                    measured=n, variants=len(VARIANTS)
                )
            )
        elif result is not None:
            self.strip.set_fraction(1.0)
            text = self.tr("Done in {duration}: {measured} variants measured.").format(
                duration=fmt_duration(result.get("wall_seconds")), measured=n
            )
            files = (result.get("info") or {}).get("files")
            if files:
                text += self.tr(" Model files in {folder}.").format(folder=files)
            if result.get("store_run_id") is not None:
                text += self.tr(" Kept in the results store as run {run}.").format(
                    run=result["store_run_id"]
                )
            if result.get("store_error"):
                text += self.tr(" The results store could not keep it: {error}").format(
                    error=result["store_error"]
                )
            self.strip.set_status(text)

    def add_row(self, row: dict[str, Any]) -> None:
        """One measured variant: a table row, a dot on each chart, the note if it says more."""
        self.rows.append(dict(row))
        self._redraw_rows()
        self._show_note()

    # -- handlers ------------------------------------------------------------------------------
    def _on_row_measured(self, row: dict[str, Any]) -> None:
        if self._running:
            self.add_row(row)

    def _on_progress_tick(self) -> None:
        p = self.lab_progress
        if p is None or not self._running or not self.stop_button.isEnabled():
            return
        self.strip.set_fraction(p.fraction())
        self.strip.set_status(p.text())

    def _on_advanced_toggled(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_button.setText(self.tr("Advanced ▾") if shown else self.tr("Advanced ▸"))

    def _apply_enabled(self) -> None:
        for w in (
            self.dataset,
            self.epochs,
            self.sparsity,
            self.prune_epochs,
            self.temperature,
            self.alpha,
        ):
            w.setEnabled(not self._running)
        self.strip.set_running(self._running)

    # -- drawing -------------------------------------------------------------------------------
    def _redraw_rows(self) -> None:
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            name = str(row.get("variant", "?"))
            for col, c in enumerate(COLUMNS):
                cell = QTableWidgetItem(cell_text(row, c))
                value = row.get(c.key)
                if col == 0:
                    cell.setIcon(_swatch(variant_color(name)))
                    tip = [variant_label(row), variant_about(name), str(row.get("file") or "")]
                    cell.setToolTip("\n".join(t for t in tip if t))
                else:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                    if c.exact is not None and isinstance(value, int | float):
                        cell.setToolTip(c.exact(value))
                self.table.setItem(r, col, cell)
        self._size_scatter.set_rows(self.rows)
        self._latency_scatter.set_rows(self.rows)
        verdict = verdict_text(self.rows)
        self.verdict.setText(verdict)
        self.verdict.setVisible(bool(verdict))
        self._show_intro()
        QTimer.singleShot(0, self._fit_table)

    def _fit_table(self) -> None:
        """Give the table the height of all its rows (the charts keep their least height)."""
        table = self.table
        if self._split_dragged or not table.isVisible():
            return
        need = (
            self.fontMetrics().lineSpacing()  # the "Variants" title
            + table.horizontalHeader().height()
            + len(VARIANTS) * table.verticalHeader().defaultSectionSize()
            + table.horizontalScrollBar().sizeHint().height()
            + 2 * table.frameWidth()
            + 12  # the box's margins and spacing
        )
        top, bottom = self.split.sizes()
        need = min(need, top + bottom - self.split.widget(1).minimumSizeHint().height())
        if need > top:
            self.split.setSizes([need, top + bottom - need])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_table)  # once the split has its new height

    def _show_intro(self) -> None:
        """The intro until there are results (then they take its room; it stays the Run
        button's tooltip)."""
        self.intro.setVisible(not self.rows)
        self.strip.run_button.setToolTip(self.intro.text())

    def _show_note(self) -> None:
        text = lab_note(self.rows, self.result)
        self.note.setText(text)
        self.note.setVisible(bool(text))

    @property
    def chart_points(self) -> dict[str, int]:
        """Dots on each chart (for tests and the self-test)."""
        return {
            "size": len(self._size_scatter.dots.data),
            "latency": len(self._latency_scatter.dots.data),
        }


def _swatch(color: str) -> QIcon:
    pix = QPixmap(10, 10)
    pix.fill(QColor(color))
    return QIcon(pix)
