"""The Evaluation tab, after a run: the classification report as a table, the confusion
matrix as a heatmap, and a gallery of misclassified test images with their labels.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.i18n import _
from engine.i18n.vocabulary import CONFUSION_MATRIX
from engine.i18n.vocabulary import SUMMARY_ROWS as SUMMARY_NAMES
from gui.theme import plain_label
from gui.widgets.confusion_summary import most_confused_text
from gui.widgets.qt_plot_panel import QtPlotPanel

REPORT_COLUMNS = ("precision", "recall", "f1-score", "support")
REPORT_HEADERS = (
    QT_TRANSLATE_NOOP("QtEvaluationView", "Class"),
    QT_TRANSLATE_NOOP("QtEvaluationView", "Precision"),
    QT_TRANSLATE_NOOP("QtEvaluationView", "Recall"),
    QT_TRANSLATE_NOOP("QtEvaluationView", "F1 score"),
    QT_TRANSLATE_NOOP("QtEvaluationView", "Images"),
)
REPORT_TIPS = (
    "",
    QT_TRANSLATE_NOOP(
        "QtEvaluationView",
        "Precision: of the images the model called this class, the share that really are",
    ),
    QT_TRANSLATE_NOOP(
        "QtEvaluationView",
        "Recall: of the images of this class, the share the model recognised",
    ),
    QT_TRANSLATE_NOOP(
        "QtEvaluationView",
        "F1 score: precision and recall in one number (their harmonic mean); 1 is perfect",
    ),
    QT_TRANSLATE_NOOP("QtEvaluationView", "How many test images the class has"),
)
SUMMARY_ROWS = ("accuracy", "micro avg", "macro avg", "weighted avg")
# The report's summary rows as a person reads them (the keys stay the report's own).
SUMMARY_WORDS = SUMMARY_NAMES
THUMB = 56  # px: 28x28 images drawn at 2x, pixels kept sharp
MAX_CELL_LABELS = 20  # classes; above this the heatmap shows no numbers in cells


def _image_icon(img: np.ndarray) -> QIcon:
    a = np.ascontiguousarray(img, dtype=np.uint8)
    h, w = a.shape
    qimg = QImage(a.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
    pix = QPixmap.fromImage(qimg).scaled(
        THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
    )
    return QIcon(pix)


class QtEvaluationView(QWidget):
    """Report table, confusion-matrix heatmap and misclassified-image gallery."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = plain_label(
            self.tr("Train a model to see how it does on the test set."),
            object_name="summary",
            wrap=True,
        )

        self.report_table = QTableWidget(0, len(REPORT_HEADERS))
        self.report_table.setObjectName("reportTable")
        self.report_table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("QtEvaluationView", h) for h in REPORT_HEADERS]
        )
        for col, tip in enumerate(REPORT_TIPS):
            if tip:
                self.report_table.horizontalHeaderItem(col).setToolTip(
                    QCoreApplication.translate("QtEvaluationView", tip)
                )
        self.report_table.verticalHeader().setVisible(False)
        self.report_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.report_table.setAlternatingRowColors(True)
        header = self.report_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.report_table.verticalHeader().setDefaultSectionSize(22)
        self.report_table.setWordWrap(False)

        self.confusion = QtPlotPanel(
            _(CONFUSION_MATRIX),
            self.tr("predicted class"),
            self.tr("true class"),
            legend=False,
            hover_fn=self._confusion_readout,
        )
        self._image = pg.ImageItem(axisOrder="row-major")
        self._image.setColorMap(pg.ColorMap([0.0, 1.0], [(255, 255, 255), (31, 119, 180)]))
        self.confusion.plot_item.addItem(self._image)
        self.confusion.plot_item.invertY(True)
        self.confusion.plot_item.setAspectLocked(True)
        self.confusion.plot_item.showGrid(x=False, y=False)
        self.confusion.plot_item.setMouseEnabled(x=False, y=False)
        self._cell_labels: list[pg.TextItem] = []
        self._matrix = np.zeros((0, 0), dtype=np.int64)
        self._class_names: list[str] = []

        self.gallery_title = plain_label(
            self.tr("Misclassified test images"), object_name="plotTitle"
        )
        self.gallery = QListWidget()
        self.gallery.setObjectName("gallery")
        self.gallery.setViewMode(QListView.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(THUMB, THUMB))
        # room for the three caption lines under each image, whatever the font
        self.gallery.setGridSize(
            QSize(THUMB + 64, THUMB + 3 * self.fontMetrics().lineSpacing() + 14)
        )
        # one whole row of images with their captions always shows (never half a caption)
        self.gallery.setMinimumHeight(
            self.gallery.gridSize().height() + 2 * self.gallery.frameWidth() + 4
        )
        self.gallery.setResizeMode(QListView.ResizeMode.Adjust)
        self.gallery.setMovement(QListView.Movement.Static)
        self.gallery.setWordWrap(True)
        self.gallery.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        report_box = QWidget()
        rl = QVBoxLayout(report_box)
        rl.setContentsMargins(6, 4, 6, 4)
        rl.addWidget(
            plain_label(self.tr("Classification report (test set)"), object_name="plotTitle")
        )
        rl.addWidget(self.report_table, 1)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(report_box)
        top.addWidget(self.confusion)
        top.setStretchFactor(0, 1)
        top.setStretchFactor(1, 1)
        top.setSizes([440, 460])
        gallery_box = QWidget()
        gl = QVBoxLayout(gallery_box)
        gl.setContentsMargins(6, 4, 6, 4)
        gl.addWidget(self.gallery_title)
        gl.addWidget(self.gallery, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(gallery_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.confused = plain_label("", object_name="mostConfused", wrap=True)
        self.confused.setToolTip(
            self.tr("The biggest cells off the diagonal of the confusion matrix")
        )
        self.confused.hide()
        head = QVBoxLayout()
        head.setContentsMargins(6, 0, 6, 0)
        head.setSpacing(2)
        head.addWidget(self.summary)
        head.addWidget(self.confused)
        layout.addLayout(head)
        layout.addWidget(split, 1)

    # -- filling ---------------------------------------------------------------------------
    def clear(self, message: str | None = None) -> None:
        self.summary.setText(
            message or self.tr("Train a model to see how it does on the test set.")
        )
        self.report_table.setRowCount(0)
        self.gallery.clear()
        self.gallery_title.setText(self.tr("Misclassified test images"))
        self._show_matrix(np.zeros((0, 0), dtype=np.int64), [])

    def show_result(self, result: Any) -> None:
        """Fill the view from an ``engine.training.run.RunResult``."""
        test = getattr(result, "test", None)
        if not test:
            status = getattr(result, "status", "stopped")
            if status == "stopped":
                why = self.tr("The run stopped before the test evaluation, so there is no report.")
            elif status == "failed":
                why = self.tr("The run failed before the test evaluation, so there is no report.")
            else:
                why = self.tr(
                    "The run ended ({status}) before the test evaluation, so there is no report."
                ).format(status=status)
            self.clear(why)
            return
        info = getattr(result, "info", {}) or {}
        names = [str(n) for n in (info.get("dataset") or {}).get("class_names") or ()]
        report = test["report"]
        if not names:
            names = [k for k in report if k not in SUMMARY_ROWS]
        cfg = getattr(result, "config", {}) or {}
        self.summary.setText(
            self.tr(
                "Test accuracy {accuracy} % on {samples} test images — {model} trained on "
                "{dataset} for {epochs} epoch(s)."
            ).format(
                accuracy=f"{100 * test['accuracy']:.2f}",
                samples=f"{test.get('samples', 0):,}",
                model=cfg.get("model", "?"),
                dataset=cfg.get("dataset", "?"),
                epochs=len(getattr(result, "epochs", [])),
            )
        )
        self._show_report(report, names)
        self._show_matrix(np.asarray(test["confusion_matrix"], dtype=np.int64), names)
        self._show_gallery(
            getattr(result, "misclassified", []),
            getattr(result, "misclassified_images", None),
            names,
            int(test.get("samples", 0) * (1 - test["accuracy"]) + 0.5),
        )

    def _show_report(self, report: dict[str, Any], names: list[str]) -> None:
        rows: list[tuple[str, list[str]]] = []
        for name in names:
            r = report.get(name)
            if isinstance(r, dict):
                rows.append(
                    (
                        name,
                        [
                            f"{r['precision']:.4f}",
                            f"{r['recall']:.4f}",
                            f"{r['f1-score']:.4f}",
                            f"{r['support']:,}",
                        ],
                    )
                )
        for key in SUMMARY_ROWS:
            r = report.get(key)
            if key == "accuracy" and isinstance(r, int | float):
                support = (report.get("macro avg") or {}).get("support")
                rows.append(
                    ("accuracy", ["", "", f"{r:.4f}", "" if support is None else f"{support:,}"])
                )
            elif isinstance(r, dict):
                rows.append(
                    (
                        key,
                        [
                            f"{r['precision']:.4f}",
                            f"{r['recall']:.4f}",
                            f"{r['f1-score']:.4f}",
                            f"{r['support']:,}",
                        ],
                    )
                )
        table = self.report_table
        table.setRowCount(len(rows))
        bold = table.font()
        bold.setBold(True)
        for i, (name, cells) in enumerate(rows):
            if name in SUMMARY_ROWS:
                first = QTableWidgetItem(_(SUMMARY_WORDS[name]))
                first.setFont(bold)
            else:
                first = QTableWidgetItem(name)
            table.setItem(i, 0, first)
            for j, text in enumerate(cells, start=1):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(i, j, item)

    def _show_matrix(self, cm: np.ndarray, names: list[str]) -> None:
        self._matrix = cm
        self._class_names = names
        confused = most_confused_text(cm, names)
        self.confused.setText(confused)
        self.confused.setVisible(bool(confused))
        pi = self.confusion.plot_item
        for label in self._cell_labels:
            pi.removeItem(label)
        self._cell_labels = []
        for side in ("left", "bottom"):  # no axes without a matrix (not an empty 0-1 grid)
            pi.showAxis(side, cm.size > 0)
        if cm.size == 0:
            self._image.clear()
            return
        n = cm.shape[0]
        # colour by the share of each true class, so small classes show their errors too
        row_sums = np.maximum(cm.sum(axis=1, keepdims=True), 1)
        share = cm / row_sums
        self._image.setImage(share, levels=(0.0, 1.0))
        self._image.setRect(-0.5, -0.5, n, n)
        ticks = [[(i, self._short(name)) for i, name in enumerate(names)]]
        pi.getAxis("bottom").setTicks(ticks)
        pi.getAxis("left").setTicks(ticks)
        if n <= MAX_CELL_LABELS:
            for (i, j), count in np.ndenumerate(cm):
                if count == 0:
                    continue
                color = "w" if share[i, j] > 0.55 else "#1f2937"
                label = pg.TextItem(f"{count}", color=color, anchor=(0.5, 0.5))
                label.setPos(j, i)
                pi.addItem(label)
                self._cell_labels.append(label)
        pi.setRange(xRange=(-0.5, n - 0.5), yRange=(-0.5, n - 0.5), padding=0.02)

    @staticmethod
    def _short(name: str) -> str:
        return name if len(name) <= 8 else name[:7] + "…"

    def _confusion_readout(self, x: float, y: float) -> str:
        n = self._matrix.shape[0]
        j, i = int(round(x)), int(round(y))
        if not (0 <= i < n and 0 <= j < n):
            return ""
        count = int(self._matrix[i, j])
        total = int(self._matrix[i].sum())
        share = 100 * count / total if total else 0.0
        true, pred = self._class_names[i], self._class_names[j]
        return self.tr(
            "true {true}, predicted {pred}: {count} images ({share} % of {true})"
        ).format(true=true, pred=pred, count=f"{count:,}", share=f"{share:.1f}")

    def _show_gallery(
        self,
        wrong: list[dict[str, Any]],
        images: np.ndarray | None,
        names: list[str],
        total_wrong: int,
    ) -> None:
        self.gallery.clear()
        shown = len(wrong) if images is not None else 0
        if total_wrong > shown:
            self.gallery_title.setText(
                self.tr("Misclassified test images (the first {shown} of {total})").format(
                    shown=f"{shown:,}", total=f"{total_wrong:,}"
                )
            )
        else:
            self.gallery_title.setText(
                self.tr("Misclassified test images ({shown})").format(shown=f"{shown:,}")
            )
        if images is None:
            return
        for entry, img in zip(wrong, images, strict=False):
            true, pred = names[entry["true"]], names[entry["pred"]]
            item = QListWidgetItem(
                _image_icon(img),
                self.tr("true {true}\npredicted {pred}\n{confidence} % sure").format(
                    true=true, pred=pred, confidence=f"{100 * entry['confidence']:.0f}"
                ),
            )
            item.setToolTip(self.tr("test image #{index}").format(index=entry["index"]))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.gallery.addItem(item)
