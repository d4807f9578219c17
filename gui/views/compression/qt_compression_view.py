"""The Compression tab: run the compression lab and compare its variants side by side.

The lab is ``engine.compress.run_compression``: it trains a baseline, converts it to four
TensorFlow Lite formats, prunes it and distils a student from a wider teacher, and measures
every variant the same way. This view holds the lab's few settings, a Run / Stop pair with
progress (stage, epoch and step), one table with a row per variant as soon as it is
measured, two scatter charts (accuracy vs size, accuracy vs latency) and a one-line note
on pruning and distillation. The window owns the worker: the view asks for a start or a
stop through signals, hands the window an engine callback (:class:`LabProgress`) and is
told what happens.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
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
from engine.events import Callback
from engine.i18n import _ as engine_text
from gui.theme import SERIES, fmt_duration, fmt_number, plain_label
from gui.widgets.qt_plot_panel import QtPlotPanel
from gui.wording import DATASET_CHOICES

PROGRESS_HZ = 5
CONTEXT = "QtCompressionView"  # of the module-level texts below
SAME_AS_FORM = QT_TRANSLATE_NOOP("QtCompressionView", "Same as the training form")
FROM_FORM = ("data_dir", "limit", "device", "seed")  # always taken from the training form
STAGE_WORDS = {
    "baseline": QT_TRANSLATE_NOOP("QtCompressionView", "training the baseline"),
    "prune": QT_TRANSLATE_NOOP("QtCompressionView", "pruning with fine-tuning"),
    "teacher": QT_TRANSLATE_NOOP("QtCompressionView", "training the teacher"),
    "distill": QT_TRANSLATE_NOOP("QtCompressionView", "distilling the student"),
}
AFTER_STAGE = {  # what the lab does between a stage's last epoch and the next stage
    "baseline": QT_TRANSLATE_NOOP(
        "QtCompressionView", "measuring the baseline and its TensorFlow Lite conversions"
    ),
    "prune": QT_TRANSLATE_NOOP("QtCompressionView", "measuring the pruned model"),
    "teacher": QT_TRANSLATE_NOOP("QtCompressionView", "teacher trained; starting distillation"),
    "distill": QT_TRANSLATE_NOOP("QtCompressionView", "measuring the distilled student"),
}
# Variant names that are words, as a person reads them (keras and tflite-* stay as they are).
VARIANT_WORDS = {
    "pruned": QT_TRANSLATE_NOOP("QtCompressionView", "pruned"),
    "distilled": QT_TRANSLATE_NOOP("QtCompressionView", "distilled"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def variant_name(name: str) -> str:
    """The variant's name as shown in the table and on the charts."""
    return _tr(VARIANT_WORDS[name]) if name in VARIANT_WORDS else name


def variant_label(row: dict[str, Any]) -> str:
    """The row's label ("TFLite full int8"; the lab's English, translated where shown)."""
    label = row.get("label")
    return engine_text(str(label)) if label else variant_name(str(row.get("variant", "?")))


# -- the table's columns ------------------------------------------------------------------------
def _kb(v: float) -> str:
    return f"{v / 1000:,.1f}"


def _ms(v: float) -> str:
    """Milliseconds to 3 significant digits, trailing zeros kept: 1.00, 0.0228, 14.2."""
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:#.3g}"


def _pct(v: float) -> str:
    return f"{100 * v:.2f}"


@dataclass(frozen=True)
class Column:
    header: str  # may hold a line break: the headers are two lines high (marked, translated)
    key: str
    fmt: Callable[[float], str]
    tip: str  # marked for translation, translated where shown
    exact: Callable[[float], str] | None = None  # the cell's tooltip


def _bytes(v: float) -> str:
    return QCoreApplication.translate("QtCompressionView", "{bytes} bytes").format(
        bytes=f"{v:,.0f}"
    )


def _bytes_gzipped(v: float) -> str:
    return QCoreApplication.translate("QtCompressionView", "{bytes} bytes gzipped").format(
        bytes=f"{v:,.0f}"
    )


def _flop_per_image(v: float) -> str:
    return QCoreApplication.translate("QtCompressionView", "{flop} FLOP per image").format(
        flop=f"{v:,.0f}"
    )


COLUMNS = (
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "Variant"),
        "variant",
        str,
        QT_TRANSLATE_NOOP(
            "QtCompressionView",
            "How the model was made: the Keras baseline, four TensorFlow Lite conversions of "
            "it, a pruned copy and a distilled student. The colour matches the charts.",
        ),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "Size S\n(kB)"),
        "size_bytes",
        _kb,
        QT_TRANSLATE_NOOP(
            "QtCompressionView",
            "Size of the model file on disk, in kilobytes (1 kB = 1,000 bytes).",
        ),
        _bytes,
    ),
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "gzip size\n(kB)"),
        "gzip_bytes",
        _kb,
        QT_TRANSLATE_NOOP(
            "QtCompressionView",
            "Size of the model file after gzip compression. Pruning sets weights to zero "
            "without removing them, so it only pays off here.",
        ),
        _bytes_gzipped,
    ),
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "Test accuracy\n(%)"),
        "test_accuracy",
        _pct,
        QT_TRANSLATE_NOOP(
            "QtCompressionView", "Share of the test images this variant classifies correctly."
        ),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "Inference R\n(FLOP/image)"),
        "inference_flops_per_sample",
        fmt_number,
        QT_TRANSLATE_NOOP(
            "QtCompressionView", "Floating-point operations needed to classify one image."
        ),
        _flop_per_image,
    ),
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "Latency p50\nbatch 1 (ms)"),
        "latency_ms_p50",
        _ms,
        QT_TRANSLATE_NOOP(
            "QtCompressionView",
            "Median time to classify one image on its own (batch of 1), in milliseconds.",
        ),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "Latency p99\nbatch 1 (ms)"),
        "latency_ms_p99",
        _ms,
        QT_TRANSLATE_NOOP(
            "QtCompressionView",
            "99th-percentile time for one image on its own: the slow tail. 1 call in 100 "
            "takes longer than this.",
        ),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "Throughput\nbatch 256 (img/s)"),
        "throughput_samples_per_s",
        fmt_number,
        QT_TRANSLATE_NOOP(
            "QtCompressionView", "Images classified per second when they come in batches of 256."
        ),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "(C+R)/S\n(FLOP/byte)"),
        "ai_suanli",
        fmt_number,
        QT_TRANSLATE_NOOP(
            "QtCompressionView",
            "Compute per byte of model: the training FLOPs that made this variant (C) plus "
            "the inference FLOPs on the test set (R), divided by the file size (S).",
        ),
    ),
)


def cell_text(row: dict[str, Any], column: Column) -> str:
    value = row.get(column.key)
    if column.key == "variant":
        return variant_name(str(value or "?"))
    if value is None or not isinstance(value, int | float) or not math.isfinite(value):
        return QCoreApplication.translate("QtCompressionView", "n/a")
    return column.fmt(value)


def variant_color(name: str) -> str:
    """One colour per variant, the same in the table and both charts."""
    i = VARIANTS.index(name) if name in VARIANTS else sum(map(ord, name))
    return SERIES[i % len(SERIES)]


def lab_note(rows: list[dict[str, Any]], result: dict[str, Any] | None = None) -> str:
    """One line on pruning sparsity and the distillation result (from the rows so far,
    or from the lab's result once it has one)."""
    by_name = {r.get("variant"): r for r in rows}
    parts = []
    pr = (result or {}).get("pruning")
    pruned = by_name.get("pruned")
    if pr or (pruned and pruned.get("sparsity") is not None):
        sparsity = pr["sparsity"] if pr else pruned["sparsity"]
        target = pr["target_sparsity"] if pr else pruned.get("target_sparsity")
        aim = (
            QCoreApplication.translate("QtCompressionView", " (target {target} %)").format(
                target=f"{100 * target:.0f}"
            )
            if target is not None
            else ""
        )
        if pr and pr.get("weights"):
            text = QCoreApplication.translate(
                "QtCompressionView",
                "pruned: {sparsity} % of {weights} weights are zero{aim}; "
                "the file only shrinks gzipped",
            ).format(sparsity=f"{100 * sparsity:.1f}", weights=f"{pr['weights']:,}", aim=aim)
        else:
            text = QCoreApplication.translate(
                "QtCompressionView",
                "pruned: {sparsity} % of the weights are zero{aim}; the file only shrinks gzipped",
            ).format(sparsity=f"{100 * sparsity:.1f}", aim=aim)
        parts.append(text)
    d = (result or {}).get("distillation")
    distilled, base = by_name.get("distilled"), by_name.get("keras")
    how_text = QCoreApplication.translate(
        "QtCompressionView", "teacher {teacher}, T = {temperature}, α = {alpha}"
    )
    if d:
        student, plain = d["student_test_accuracy"], d["no_teacher_test_accuracy"]
        teacher = d.get("teacher", {})
        how = how_text.format(
            teacher=teacher.get("model", "?"),
            temperature=f"{d['temperature']:g}",
            alpha=f"{d['alpha']:g}",
        )
    elif distilled and base:
        student, plain = distilled["test_accuracy"], base["test_accuracy"]
        how = how_text.format(
            teacher=distilled.get("teacher", "?"),
            temperature=f"{distilled.get('temperature', 0):g}",
            alpha=f"{distilled.get('alpha', 0):g}",
        )
    else:
        student = None
    if student is not None:
        gain = 100 * (student - plain)
        parts.append(
            QCoreApplication.translate(
                "QtCompressionView",
                "distilled: {student} % vs {plain} % without a teacher ({gain} points; {how})",
            ).format(
                student=f"{100 * student:.2f}",
                plain=f"{100 * plain:.2f}",
                gain=f"{gain:+.2f}",
                how=how,
            )
        )
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


# -- the engine side ----------------------------------------------------------------------------
class LabProgress(Callback):
    """Engine callback (runs on the worker thread): keeps the stage, epoch and step for the
    view to read a few times a second, and hands each measured row to ``on_row`` (a Qt
    signal's ``emit``, so the row crosses to the GUI thread queued)."""

    def __init__(self, on_row: Callable[[dict], None], variants: int = len(VARIANTS)) -> None:
        self._on_row = on_row
        self.variants = variants
        self.stages: list[tuple[str, int]] = []
        self.total_epochs = 0
        self.stage = ""
        self.epoch = 0  # numbered through the stages, as the engine reports them
        self.epochs_done = 0
        self.step = 0
        self.steps = 0
        self.training = False
        self.rows = 0

    def on_run_begin(self, info: dict[str, Any]) -> None:
        self.stages = [(str(s), int(n)) for s, n in info.get("stages") or []]
        self.total_epochs = int(info.get("epochs") or sum(n for _, n in self.stages))

    def on_epoch_begin(self, epoch: int, info: dict[str, Any]) -> None:
        self.stage = str(info.get("stage", self.stage))
        self.steps = int(info.get("steps") or 0)
        self.step = 0
        self.epoch = epoch
        self.training = True

    def on_batch_end(self, step: int, logs: dict[str, Any]) -> None:
        self.step = int(logs.get("epoch_step", self.step + 1))
        self.steps = int(logs.get("epoch_steps", self.steps))

    def on_epoch_end(self, epoch: int, logs: dict[str, Any]) -> None:
        self.epochs_done = epoch
        first, planned = self._stage_span(self.stage)
        if epoch >= first + planned - 1:
            self.training = False

    def on_variant(self, row: dict[str, Any]) -> None:  # the lab's own hook
        self.rows += 1
        self._on_row(row)

    def _stage_span(self, stage: str) -> tuple[int, int]:
        """(first epoch number, planned epochs) of ``stage`` in the lab's numbering."""
        first = 1
        for name, n in self.stages:
            if name == stage:
                return first, n
            first += n
        return first, 0

    def fraction(self) -> float:
        """Share of the lab done: training epochs and measured variants count alike."""
        total = self.total_epochs + self.variants
        if total <= 0:
            return 0.0
        done = self.epochs_done + self.rows
        if self.training and self.steps > 0 and self.epoch > self.epochs_done:
            done += min(self.step, self.steps) / self.steps
        return max(0.0, min(1.0, done / total))

    def text(self) -> str:
        """What the lab does now, in the window's language."""
        if not self.stage:
            return QCoreApplication.translate(
                "QtCompressionView", "Loading the data and building the models…"
            )
        names = [s for s, _ in self.stages]
        k = names.index(self.stage) + 1 if self.stage in names else 0
        where = (
            QCoreApplication.translate("QtCompressionView", "Stage {stage} of {stages}, ").format(
                stage=k, stages=len(names)
            )
            if k
            else ""
        )
        measured = QCoreApplication.translate(
            "QtCompressionView", " · {measured} of {variants} variants measured"
        ).format(measured=self.rows, variants=self.variants)
        if self.training:
            first, planned = self._stage_span(self.stage)
            epoch = self.epoch - first + 1
            step = (
                QCoreApplication.translate("QtCompressionView", ", step {step}/{steps}").format(
                    step=f"{self.step:,}", steps=f"{self.steps:,}"
                )
                if self.steps
                else ""
            )
            words = _tr(STAGE_WORDS[self.stage]) if self.stage in STAGE_WORDS else self.stage
            return QCoreApplication.translate(
                "QtCompressionView", "{where}{words}: epoch {epoch}/{planned}{step}{measured}"
            ).format(
                where=where, words=words, epoch=epoch, planned=planned, step=step, measured=measured
            )
        if self.stage in AFTER_STAGE:
            words = _tr(AFTER_STAGE[self.stage])
        else:
            words = QCoreApplication.translate("QtCompressionView", "{stage} done").format(
                stage=self.stage
            )
        return QCoreApplication.translate("QtCompressionView", "{where}{words}…{measured}").format(
            where=where, words=words, measured=measured
        )


def log_ticks(lo: float, hi: float) -> list[tuple[float, str]]:
    """Ticks for an axis drawn in log10 units from ``lo`` to ``hi``, labelled with the plain
    values: 1-2-5 in each decade, every digit when that gives fewer than three ticks, only
    the powers of ten over more than three decades."""

    def at(mults) -> list[tuple[float, str]]:
        return [
            (math.log10(m) + k, f"{m * 10.0**k:g}")
            for k in range(math.floor(lo), math.ceil(hi) + 1)
            for m in mults
            if lo <= math.log10(m) + k <= hi
        ]

    if hi - lo > 3:
        return at((1,))
    ticks = at((1, 2, 5))
    return ticks if len(ticks) >= 3 else at(range(1, 10))


# -- the charts ---------------------------------------------------------------------------------
class _Scatter:
    """Accuracy (y, %) against one measured figure (x) on a QtPlotPanel: one dot per
    variant, named beside it; the hover read-out gives the nearest dot's values.

    Names that would overlap (each other or another dot) are stacked into one column
    beside the right-most of their dots, top to bottom in the dots' order, each in its
    dot's colour. The layout is in pixels, so it is redone when the plot is resized.
    """

    HOVER_PX = 24  # a dot further from the mouse than this is not read out
    GAP_PX = 7  # between a dot's centre and its name
    DOT_PX = 11

    def __init__(self, panel: QtPlotPanel, key: str, x_words: str, x_fmt, log_x: bool) -> None:
        self.panel = panel
        self.key = key
        self.x_words = x_words
        self.x_fmt = x_fmt
        self.log_x = log_x
        self.rows: list[dict[str, Any]] = []
        self._xy = np.empty((0, 2))
        self._range = ((0.0, 1.0), (0.0, 1.0))
        pi = panel.plot_item
        pi.setMouseEnabled(x=False, y=False)
        pi.getAxis("left").setStyle(hideOverlappingLabels=True)  # no half-cut top tick
        self.dots = pg.ScatterPlotItem(size=self.DOT_PX, pen=pg.mkPen("w", width=1))
        pi.addItem(self.dots)
        self.labels: list[pg.TextItem] = []
        pi.vb.sigResized.connect(self._place_labels)

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.rows = [r for r in rows if self._point(r) is not None]
        self._xy = np.array([self._point(r) for r in self.rows], dtype=float).reshape(-1, 2)
        self.dots.setData(
            pos=self._xy,
            brush=[pg.mkBrush(variant_color(str(r.get("variant")))) for r in self.rows],
        )
        if self.rows:
            self._range = (x0, x1), (y0, y1) = self._ranges()
            self.panel.plot_item.setXRange(x0, x1, padding=0)
            self.panel.plot_item.setYRange(y0, y1, padding=0)
            if self.log_x:
                self.panel.plot_item.getAxis("bottom").setTicks([log_ticks(x0, x1)])
        self._place_labels()

    def _place_labels(self, *_: Any) -> None:
        """Name every dot beside it: right, left, above, below or on a diagonal, the first
        place that covers no other dot or name and stays inside the plot (else the place
        that overlaps least)."""
        pi = self.panel.plot_item
        for label in self.labels:
            pi.removeItem(label)
        self.labels = []
        if not self.rows:
            return
        (x0, x1), (y0, y1) = self._range
        w, h = max(pi.vb.width(), 200.0), max(pi.vb.height(), 120.0)  # a guess until shown
        sx, sy = w / (x1 - x0), h / (y1 - y0)
        fm = QFontMetricsF(QApplication.font())
        th = fm.height()
        g = self.GAP_PX
        px = (self._xy[:, 0] - x0) * sx
        py = (y1 - self._xy[:, 1]) * sy  # pixels down the plot
        r = self.DOT_PX / 2
        taken = [(x - r, y - r, x + r, y + r) for x, y in zip(px, py, strict=True)]

        def overlap(a: tuple, b: tuple) -> float:
            dx = min(a[2], b[2]) - max(a[0], b[0])
            dy = min(a[3], b[3]) - max(a[1], b[1])
            return dx * dy if dx > 0 and dy > 0 else 0.0

        order = np.lexsort((px, py))  # top to bottom, then left to right
        for i in order:
            variant = str(self.rows[i].get("variant", "?"))
            name = variant_name(variant)
            tw, x, y = fm.horizontalAdvance(name), px[i], py[i]
            candidates = (  # (left, top) of the name's box
                (x + g, y - th / 2),  # right
                (x - g - tw, y - th / 2),  # left
                (x - tw / 2, y - r - th),  # above
                (x - tw / 2, y + r),  # below
                (x + g / 2, y - r - th),  # above right
                (x + g / 2, y + r),  # below right
                (x - g / 2 - tw, y - r - th),  # above left
                (x - g / 2 - tw, y + r),  # below left
            )
            best, best_cost = candidates[0], math.inf
            for left, top in candidates:
                box = (left - 2, top, left + tw + 2, top + th)  # 2 px apart at least
                outside = max(0.0, -box[0]) + max(0.0, box[2] - w)
                outside += max(0.0, -box[1]) + max(0.0, box[3] - h)
                cost = sum(overlap(box, t) for j, t in enumerate(taken) if j != i)
                cost += th * outside
                if cost < best_cost:
                    best, best_cost = (left, top), cost
                if cost == 0:
                    break
            left, top = best
            taken.append((left, top, left + tw, top + th))
            color = QColor(variant_color(variant)).darker(135)
            label = pg.TextItem(name, color=color, anchor=(0, 0.5))
            # the text item's own margin (4 px) is left of the text: start it that much early
            label.setPos(x0 + (left - 4) / sx, y1 - (top + th / 2) / sy)
            pi.addItem(label)
            self.labels.append(label)

    def _point(self, row: dict[str, Any]) -> tuple[float, float] | None:
        x, acc = row.get(self.key), row.get("test_accuracy")
        if not isinstance(x, int | float) or not isinstance(acc, int | float):
            return None
        x = x / 1000 if self.key.endswith("_bytes") else x
        if self.log_x:
            if x <= 0:
                return None
            x = math.log10(x)
        if not (math.isfinite(x) and math.isfinite(acc)):
            return None
        return float(x), 100.0 * float(acc)

    def _ranges(self) -> tuple[tuple[float, float], tuple[float, float]]:
        lo, hi = self._xy.min(axis=0), self._xy.max(axis=0)
        span = hi - lo
        xs = span[0] if span[0] > 0 else (0.3 if self.log_x else max(abs(hi[0]) * 0.2, 1.0))
        ys = span[1] if span[1] > 0 else 1.0
        # Room on the right for the names, a little around the dots elsewhere.
        return (lo[0] - 0.15 * xs, hi[0] + 0.3 * xs), (lo[1] - 0.15 * ys, hi[1] + 0.15 * ys)

    def readout(self, x: float, y: float) -> str:
        if not self.rows:
            return ""
        px, py = self.panel.plot_item.vb.viewPixelSize()
        if not (px > 0 and py > 0):
            return ""
        d = np.hypot((self._xy[:, 0] - x) / px, (self._xy[:, 1] - y) / py)
        i = int(np.argmin(d))
        if d[i] > self.HOVER_PX:
            return ""
        r = self.rows[i]
        return QCoreApplication.translate(
            "QtCompressionView", "{variant}: {accuracy} % · {what} {value}"
        ).format(
            variant=variant_label(r),
            accuracy=_pct(r["test_accuracy"]),
            what=self.x_words,
            value=self.x_fmt(r[self.key]),
        )


# -- the view -----------------------------------------------------------------------------------
class QtCompressionView(QWidget):
    """Lab settings, Run / Stop with progress, the variants table, two charts and a note."""

    start_requested = Signal()
    stop_requested = Signal()
    row_measured = Signal(object)  # emitted from the worker thread by LabProgress: queued

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        d = CompressConfig()
        self.rows: list[dict[str, Any]] = []
        self.result: dict[str, Any] | None = None
        self.overrides: dict[str, Any] = {}  # CompressConfig fields that win (tests, scripts)
        self.lab_progress: LabProgress | None = None
        self._running = False
        self._busy_elsewhere = False

        intro = plain_label(
            self.tr(
                "Trains a baseline, then shrinks it: TensorFlow Lite quantization (float16, dynamic "
                "range, int8), pruning and distillation. Every variant is measured the same way."
            ),
            wrap=True,
        )
        self.dataset = QComboBox()
        self.dataset.addItem(_tr(SAME_AS_FORM), None)
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

        self.run_button = QPushButton(self.tr("Run compression lab"))
        self.run_button.setObjectName("primary")
        self.run_button.clicked.connect(self.start_requested)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop_requested)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.status = plain_label(self.tr("Ready."), object_name="progressText", wrap=True)
        self.note = plain_label("", object_name="labNote", wrap=True, selectable=True)
        self.note.hide()

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("variantTable")
        for col, c in enumerate(COLUMNS):
            item = QTableWidgetItem(_tr(c.header))
            item.setToolTip(_tr(c.tip))
            self.table.setHorizontalHeaderItem(col, item)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

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
        self._size_scatter = _Scatter(
            self.size_chart,
            "size_bytes",
            self.tr("size"),
            lambda v: f"{_kb(v)} kB",
            log_x=False,
        )
        self._latency_scatter = _Scatter(
            self.latency_chart,
            "latency_ms_p50",
            self.tr("latency p50"),
            lambda v: f"{_ms(v)} ms",
            log_x=True,
        )

        self._timer = QTimer(self)
        self._timer.setInterval(1000 // PROGRESS_HZ)
        self._timer.timeout.connect(self._on_progress_tick)
        self.row_measured.connect(self._on_row_measured)
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
        settings.addLayout(field(self.tr("Epochs"), self.epochs))
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

        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.progress, 1)

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
        split.setSizes([3 * line + 24 + rows + 4, 400])  # title, 2-line header, every row
        self.split = split

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(intro)
        layout.addLayout(settings)
        layout.addWidget(self.advanced)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.note)
        layout.addWidget(split, 1)

    # -- the config ----------------------------------------------------------------------------
    def compress_config(self, form: RunConfig | None = None) -> CompressConfig:
        """The lab's config, not yet validated: this view's settings, the data folder,
        limit, seed and device of the training form (``form``), then :attr:`overrides`."""
        base = form or RunConfig()
        dataset = self.dataset.currentData() or base.dataset
        values: dict[str, Any] = {k: getattr(base, k) for k in FROM_FORM}
        if dataset != base.dataset:
            values["data_dir"] = None  # the form's folder holds the form's dataset
        values.update(
            dataset=dataset,
            epochs=self.epochs.value(),
            sparsity=self.sparsity.value() / 100,
            prune_epochs=self.prune_epochs.value(),
            temperature=self.temperature.value(),
            alpha=self.alpha.value(),
        )
        values.update(self.overrides)
        return CompressConfig(**values)

    def new_progress(self) -> LabProgress:
        """A fresh engine callback for the next job (rows arrive through ``row_measured``)."""
        self.lab_progress = LabProgress(self.row_measured.emit)
        return self.lab_progress

    # -- told by the window ----------------------------------------------------------------
    def set_running(self, running: bool) -> None:
        self._running = running
        if running:
            self.rows = []
            self.result = None
            self._redraw_rows()
            self.note.hide()
            self.progress.setValue(0)
            self.status.setText(self.tr("Loading the data and building the models…"))
            self._timer.start()
        else:
            self._timer.stop()
        self._apply_enabled()

    def set_busy_elsewhere(self, busy: bool) -> None:
        """Another job holds the device: the button waits."""
        self._busy_elsewhere = busy
        self._apply_enabled()

    def show_stopping(self) -> None:
        self.stop_button.setEnabled(False)
        self._timer.stop()
        self.status.setText(self.tr("Stopping after this batch…"))

    def show_error(self, message: str) -> None:
        """A setting the engine refused (before any work started)."""
        self.status.setText(message)

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
            self.status.setText(self.tr("The compression lab failed: {error}").format(error=error))
        elif result is None or result.get("status") != "finished":
            self.status.setText(
                self.tr("Stopped; {measured} of {variants} variants measured.").format(
                    measured=n, variants=len(VARIANTS)
                )
            )
        elif result is not None:
            self.progress.setValue(1000)
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
            self.status.setText(text)

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
        self.progress.setValue(round(1000 * p.fraction()))
        self.status.setText(p.text())

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
        self.run_button.setEnabled(not self._running and not self._busy_elsewhere)
        self.stop_button.setEnabled(self._running)

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
                    tip = [variant_label(row), str(row.get("file") or "")]
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
